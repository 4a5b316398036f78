#pragma once
// One profile's operators as a table: by name, or by name and input shapes; self and total
// time, share of the measured total, calls, FLOPs, and self time per stage. Sorted through a
// proxy on SortRole (numbers sort as numbers).
#include "core/profile/operator_profile.h"
#include "core/profile/profile_comparison.h"

#include "app/models/table_model.h"

#include <memory>

namespace vox::app {

class OperatorTableModel : public TableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn, ShapesColumn, CallsColumn, SelfMsColumn, ShareColumn, TotalMsColumn, MflopColumn,
        FeaturesMsColumn, EncoderMsColumn, DecoderMsColumn, ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    using TableModel::TableModel;

    void setProfile(std::shared_ptr<const profile::OperatorProfile> profile, bool byShapes);
    bool byShapes() const { return m_byShapes; }
    const profile::OperatorProfile* profile() const { return m_profile.get(); }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override;
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    const std::vector<profile::OperatorRow>* rowList() const;

    std::shared_ptr<const profile::OperatorProfile> m_profile;
    bool m_byShapes = false;
};

// Two profiles operator by operator (core's compareProfiles): added and removed operators,
// calls and self time per utterance, shares; largest change first.
class ProfileComparisonModel : public TableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn, PresenceColumn, CallsAColumn, CallsBColumn, SelfMsAColumn, SelfMsBColumn, DeltaMsColumn,
        ShareAColumn, ShareBColumn, ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int PresenceRole = Qt::UserRole + 2; // int(profile::Presence), for colouring
    static constexpr int DeltaRole = Qt::UserRole + 3;    // change in self ms per utterance
    using TableModel::TableModel;

    // Null `b` clears the table.
    void setProfiles(std::shared_ptr<const profile::OperatorProfile> a, std::shared_ptr<const profile::OperatorProfile> b);
    const profile::ProfileComparison& comparison() const { return m_data; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return int(m_data.rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    profile::ProfileComparison m_data;
};

// Device kernels of one or two profiles (CUDA builds with Kineto record them): device time per
// kernel name, per run; empty on CPU.
class KernelTableModel : public TableModel {
    Q_OBJECT
public:
    enum Column { RunColumn, NameColumn, CallsColumn, DeviceMsColumn, PerUtteranceColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;
    using TableModel::TableModel;

    // `labels`: what the run column says for each profile ("A", "B"); null profiles are skipped.
    void setProfiles(const std::vector<std::pair<QString, std::shared_ptr<const profile::OperatorProfile>>>& profiles);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    struct Row {
        QString run;
        profile::KernelRow kernel;
        int64_t utterances = 1;
    };
    std::vector<Row> m_rows;
};

} // namespace vox::app
