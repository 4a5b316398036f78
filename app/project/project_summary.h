#pragma once
// What the workbench shows of a project before anything runs: its datasets and its variants
// with the facts of their manifests. Read from the project store (core/store) on a worker
// thread; the UI thread only receives the finished summary.
#include "core/util/expected.h"

#include <QList>
#include <QString>

namespace vox::app {

struct DatasetSummary {
    qint64 id = 0;
    QString name;
    QString format;     // "nemo", "librispeech", ...
    QString source;     // where it was imported from
    QString importedAt; // ISO 8601 UTC
    qint64 utterances = 0;
    double seconds = 0; // audio duration, where the dataset knows it
};

struct VariantSummary {
    qint64 id = 0;
    QString name;
    QString packagePath;
    QString family;      // "whisper", "kws-crnn"
    QString kind;        // fp32, int8, pruned, fp16, frozen, ...
    QString description; // the variant's description
    QString source;      // what the weights came from, in words
    qint64 parameters = 0;
    qint64 bytesOnDisk = -1; // -1: the package folder is missing
    bool demo = false;       // a VoxBench demo model, trained here on synthetic speech
    bool trustedHere = true; // false: added on another machine; ask before loading (core/store/package_trust.h)
    QString registeredOn;    // the host it was added on, where known
};

struct ProjectSummary {
    QString path;
    QList<DatasetSummary> datasets;
    QList<VariantSummary> variants;
    // Why the project cannot be written ("the project is read-only: PATH (the folder is not
    // writable)"): it is open for viewing; empty when it can be written.
    QString readOnly;

    bool hasDemoVariants() const;
    qint64 utteranceCount() const;
};

// Blocking: opens the project and reads it. Call it off the UI thread (ProjectSession does).
Expected<ProjectSummary> readProjectSummary(const QString& path);

} // namespace vox::app
