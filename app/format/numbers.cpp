#include "app/format/numbers.h"

#include "core/scoring/statistics.h"

#include <QCoreApplication>
#include <QLocale>

namespace vox::app {

QString formatNumber(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

QString formatCount(qint64 value)
{
    return QLocale().toString(value);
}

QString formatPercent(const std::optional<double>& rate, int decimals)
{
    return rate ? QStringLiteral("%1 %").arg(formatNumber(100.0 * *rate, decimals)) : QStringLiteral("–");
}

QString formatSigned(double value, int decimals)
{
    const QString digits = formatNumber(value, decimals);
    return value >= 0 && !digits.startsWith(QLatin1Char('-')) ? QStringLiteral("+") + digits : digits;
}

QString formatPoints(const std::optional<double>& from, const std::optional<double>& to)
{
    if (!from || !to)
        return QStringLiteral("–");
    return QStringLiteral("%1 pt").arg(formatSigned(100.0 * (*to - *from), 1));
}

QString formatInterval(const std::optional<scoring::Interval>& i)
{
    if (!i)
        return QStringLiteral("–");
    return QStringLiteral("%1 % [%2, %3]")
        .arg(formatNumber(100 * i->estimate, 1), formatNumber(100 * i->low, 1), formatNumber(100 * i->high, 1));
}

QString formatPointsInterval(const scoring::Interval& d)
{
    return QStringLiteral("%1 pt [%2, %3]")
        .arg(formatSigned(100 * d.estimate, 1), formatSigned(100 * d.low, 1), formatSigned(100 * d.high, 1));
}

QString formatP(double p)
{
    return p < 0.001 ? QStringLiteral("< %1").arg(formatNumber(0.001, 3)) : formatNumber(p, 3);
}

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return QCoreApplication::translate("vox::app::ProjectTables", "missing");
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString formatDuration(double seconds)
{
    if (seconds <= 0)
        return QStringLiteral("—");
    if (seconds < 120)
        return QCoreApplication::translate("vox::app::ProjectTables", "%1 s").arg(formatNumber(seconds, 1));
    if (seconds < 7200)
        return QCoreApplication::translate("vox::app::ProjectTables", "%1 min").arg(formatNumber(seconds / 60, 1));
    return QCoreApplication::translate("vox::app::ProjectTables", "%1 h").arg(formatNumber(seconds / 3600, 2));
}

} // namespace vox::app
