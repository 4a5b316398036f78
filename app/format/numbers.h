#pragma once
// Numbers as the workbench writes them, in the UI's locale (the Russian UI writes "12,3 %", the
// English "12.3 %"; never a mix of the two in one window). Every table, label and chart note
// formats through these.
#include <QString>

#include <optional>

namespace vox::scoring {
struct Interval;
}

namespace vox::app {

// 12.3 -> "12.3" (or "12,3"), with `decimals` digits after the point.
QString formatNumber(double value, int decimals);
QString formatCount(qint64 value); // "1,234,567"
// A rate in [0, 1] as a percentage: 0.123 -> "12.3 %"; none -> "–".
QString formatPercent(const std::optional<double>& rate, int decimals = 1);
// A change of a rate in percentage points, signed: +0.7 pt, -1.2 pt; none -> "–".
QString formatPoints(const std::optional<double>& from, const std::optional<double>& to);
// A signed number: "+22.5", "-3.0".
QString formatSigned(double value, int decimals);
// "12.3 % [10.1, 14.8]"; none -> "–".
QString formatInterval(const std::optional<scoring::Interval>& interval);
// A change of a rate with its interval, in signed percentage points: "+0.6 pt [-0.4, +1.6]".
QString formatPointsInterval(const scoring::Interval& delta);
// A p-value: "0.032", "< 0.001".
QString formatP(double p);
// "12.4 MB"; negative -> "missing" (a package folder that is gone).
QString formatBytes(qint64 bytes);
// "45.0 s", "3.2 min", "1.25 h"; zero or less -> "—".
QString formatDuration(double seconds);

} // namespace vox::app
