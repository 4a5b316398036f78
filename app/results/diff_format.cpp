#include "app/results/diff_format.h"

#include <QCoreApplication>

namespace vox::app {

namespace {

using scoring::EditOp;

class DiffTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::app::DiffTexts)
public:
    static QString counts(const std::vector<run::DiffToken>& diff)
    {
        int s = 0, d = 0, i = 0, c = 0;
        for (const auto& t : diff) {
            s += t.op == EditOp::Substitution;
            d += t.op == EditOp::Deletion;
            i += t.op == EditOp::Insertion;
            c += t.op == EditOp::Correct;
        }
        if (s + d + i == 0)
            return tr("no errors");
        return tr("%1 substituted, %2 deleted, %3 inserted of %4 words").arg(s).arg(d).arg(i).arg(c + s + d);
    }
    static QString against(const QString& variant, const QString& baseline) { return tr("%1 vs %2").arg(variant, baseline); }
    static QString failed(const QString& why) { return tr("failed: %1").arg(why); }
    static QString noResult() { return tr("no result yet"); }
    static QString reference() { return tr("Reference"); }
    static QString legend()
    {
        return tr("<span style='background:#fde2b8'>substitution</span> "
                  "<span style='background:#f8c4c4;text-decoration:line-through'>deletion</span> "
                  "<span style='background:#c8ecc8'>insertion</span>");
    }
};

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

QList<DiffLine> diffLines(const run::ComparisonRow& row, const std::vector<std::string>& names, bool againstBaseline)
{
    QList<DiffLine> out;
    for (size_t k = againstBaseline ? 1 : 0; k < row.cells.size(); ++k) {
        const run::ComparisonCell& c = row.cells[k];
        DiffLine line;
        line.label = k < names.size() ? qs(names[k]) : QString::number(k + 1);
        if (!c.present) {
            line.note = DiffTexts::noResult();
        } else if (!c.error.empty()) {
            line.note = DiffTexts::failed(qs(c.error));
        } else if (againstBaseline) {
            const auto& base = row.cells[0];
            line.label = DiffTexts::against(line.label, names.empty() ? QString() : qs(names[0]));
            if (!base.present || !base.error.empty()) {
                line.note = base.present ? DiffTexts::failed(qs(base.error)) : DiffTexts::noResult();
            } else {
                auto words = [](const run::ComparisonCell& cell) {
                    std::string s;
                    for (const auto& t : cell.diff)
                        if (!t.hyp.empty())
                            s += (s.empty() ? "" : " ") + t.hyp;
                    return s;
                };
                line.diff = run::wordDiff(words(base), words(c));
                line.note = DiffTexts::counts(line.diff);
            }
        } else {
            line.diff = c.diff;
            line.note = DiffTexts::counts(c.diff);
        }
        out << line;
    }
    return out;
}

QString diffHtml(const run::ComparisonRow& row, const QList<DiffLine>& lines)
{
    QString html = QStringLiteral("<div style='font-family:sans-serif'>");
    html += QStringLiteral("<p><b>%1</b> · %2</p>").arg(qs(row.uttId).toHtmlEscaped(), DiffTexts::legend());
    html += QStringLiteral("<p><span style='color:#666'>%1:</span> %2</p>")
                .arg(DiffTexts::reference(), qs(row.reference).toHtmlEscaped());
    for (const DiffLine& line : lines) {
        html += QStringLiteral("<p><b>%1</b> <span style='color:#666'>(%2)</span><br>")
                    .arg(line.label.toHtmlEscaped(), line.note.toHtmlEscaped());
        for (const auto& t : line.diff) {
            const QString ref = qs(t.ref).toHtmlEscaped(), hyp = qs(t.hyp).toHtmlEscaped();
            switch (t.op) {
            case EditOp::Correct: html += hyp + QLatin1Char(' '); break;
            case EditOp::Substitution:
                html += QStringLiteral("<span style='background:#fde2b8'><s style='color:#8a5a00'>%1</s> %2</span> ")
                            .arg(ref, hyp);
                break;
            case EditOp::Deletion:
                html += QStringLiteral("<span style='background:#f8c4c4;text-decoration:line-through'>%1</span> ").arg(ref);
                break;
            case EditOp::Insertion:
                html += QStringLiteral("<span style='background:#c8ecc8'>%1</span> ").arg(hyp);
                break;
            }
        }
        html += QStringLiteral("</p>");
    }
    return html + QStringLiteral("</div>");
}

QString diffText(const run::ComparisonRow& row, const QList<DiffLine>& lines)
{
    QString out = qs(row.uttId) + QLatin1Char('\n');
    for (const DiffLine& line : lines) {
        out += line.label + QStringLiteral(" (") + line.note + QStringLiteral(")\n");
        if (line.diff.empty())
            continue;
        QString ref = QStringLiteral("REF: "), hyp = QStringLiteral("HYP: ");
        for (const auto& t : line.diff) {
            QString r = t.ref.empty() ? QStringLiteral("***") : qs(t.ref);
            QString h = t.hyp.empty() ? QStringLiteral("***") : qs(t.hyp);
            if (t.op != EditOp::Correct)
                r = r.toUpper(), h = h.toUpper();
            const int width = int(std::max(r.size(), h.size()));
            ref += r.leftJustified(width) + QLatin1Char(' ');
            hyp += h.leftJustified(width) + QLatin1Char(' ');
        }
        out += ref.trimmed() + QLatin1Char('\n') + hyp.trimmed() + QLatin1Char('\n');
    }
    return out;
}

} // namespace vox::app
