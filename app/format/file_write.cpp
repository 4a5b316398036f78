#include "app/format/file_write.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace vox::app {

namespace {

class WriteTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::app::WriteTexts)
public:
    static QString failed(const QString& path, const QString& reason)
    {
        return tr("Could not write %1: %2").arg(path, reason);
    }
};

} // namespace

Expected<Done> writeWholeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(WriteTexts::failed(path, file.errorString()).toStdString());
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return makeError(WriteTexts::failed(path, reason).toStdString());
    }
    if (!file.commit())
        return makeError(WriteTexts::failed(path, file.errorString()).toStdString());
    return Done{};
}

} // namespace vox::app
