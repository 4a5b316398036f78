// The aligner against a deliberately simple implementation written here: a full cost matrix
// filled cell by cell, and a path read back from the cost values alone. Same tie-break rules
// (diagonal first; deletion only when strictly cheaper than insertion), different mechanics.
#include "core/scoring/alignment.h"

#include <QTest>

#include <random>

using namespace vox::scoring;

namespace {

struct Simple {
    int sub, del, ins;

    EditCounts count(const std::vector<Token>& ref, const std::vector<Token>& hyp) const
    {
        const size_t n = ref.size(), m = hyp.size();
        std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
        for (size_t i = 1; i <= n; ++i)
            d[i][0] = d[i - 1][0] + del;
        for (size_t j = 1; j <= m; ++j)
            d[0][j] = d[0][j - 1] + ins;
        for (size_t i = 1; i <= n; ++i)
            for (size_t j = 1; j <= m; ++j)
                d[i][j] = std::min({d[i - 1][j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : sub), d[i - 1][j] + del,
                                    d[i][j - 1] + ins});

        // Read the path back from the costs: at an inner cell the diagonal wins if it explains the
        // cost; deletion only if it explains it and insertion does not; otherwise insertion.
        EditCounts c;
        size_t i = n, j = m;
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0) {
                const bool same = ref[i - 1] == hyp[j - 1];
                const bool diagonal = d[i][j] == d[i - 1][j - 1] + (same ? 0 : sub);
                const bool deletion = d[i][j] == d[i - 1][j] + del;
                const bool insertion = d[i][j] == d[i][j - 1] + ins;
                if (diagonal) {
                    (same ? c.correct : c.substitutions)++;
                    --i, --j;
                } else if (deletion && !insertion) {
                    ++c.deletions, --i;
                } else {
                    ++c.insertions, --j;
                }
            } else if (i > 0) {
                ++c.deletions, --i;
            } else {
                ++c.insertions, --j;
            }
        }
        return c;
    }
};

int levenshtein(const std::vector<Token>& a, const std::vector<Token>& b)
{
    std::vector<int> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (size_t i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (size_t j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<Token> randomTokens(std::mt19937& rng, size_t maxLength, Token alphabet)
{
    std::vector<Token> t(rng() % (maxLength + 1));
    for (auto& x : t)
        x = rng() % alphabet;
    return t;
}

QString text(const EditCounts& c)
{
    return QStringLiteral("C%1 S%2 D%3 I%4").arg(c.correct).arg(c.substitutions).arg(c.deletions).arg(c.insertions);
}

} // namespace

class TestAlignment : public QObject {
    Q_OBJECT

    static void compareOnRandomPairs(CostModel model, const Simple& simple, unsigned seed)
    {
        std::mt19937 rng(seed);
        Aligner aligner(model);
        for (int trial = 0; trial < 20000; ++trial) {
            // Small alphabets make ties frequent, which is where implementations disagree.
            const auto ref = randomTokens(rng, 12, 1 + rng() % 4);
            const auto hyp = randomTokens(rng, 12, 1 + rng() % 4);
            const EditCounts ours = aligner.count(ref, hyp);
            const EditCounts theirs = simple.count(ref, hyp);
            if (!(ours == theirs))
                QFAIL(qPrintable(QStringLiteral("trial %1: aligner %2, simple %3").arg(trial).arg(text(ours), text(theirs))));
            if (model == CostModel::Unit)
                QCOMPARE(ours.errors(), int64_t(levenshtein(ref, hyp)));
            QCOMPARE(ours.referenceLength(), int64_t(ref.size()));
            QCOMPARE(ours.hypothesisLength(), int64_t(hyp.size()));
        }
    }

private slots:
    void unitCostsEqualTheSimpleImplementation() { compareOnRandomPairs(CostModel::Unit, Simple{1, 1, 1}, 7); }
    void scliteCostsEqualTheSimpleImplementation() { compareOnRandomPairs(CostModel::Sclite, Simple{4, 3, 3}, 11); }

    void costModelsDisagreeWhereTheyShould()
    {
        // a b c -> x y: both models take 2 substitutions + 1 deletion (sclite: 4+4+3 = 11 beats
        // 3 deletions + 2 insertions = 15).
        const std::vector<Token> ref{1, 2, 3}, hyp{4, 5};
        Aligner unit(CostModel::Unit), sclite(CostModel::Sclite);
        QCOMPARE(text(unit.count(ref, hyp)), QStringLiteral("C0 S2 D1 I0"));
        QCOMPARE(text(sclite.count(ref, hyp)), QStringLiteral("C0 S2 D1 I0"));
        // "a b" -> "b a": unit: 2 substitutions (cost 2) ties with del+ins (cost 2): diagonal wins.
        QCOMPARE(text(unit.count(std::vector<Token>{1, 2}, std::vector<Token>{2, 1})), QStringLiteral("C0 S2 D0 I0"));
        // sclite: 2 substitutions cost 8, one correct + del + ins costs 6: sclite keeps the match.
        QCOMPARE(text(sclite.count(std::vector<Token>{1, 2}, std::vector<Token>{2, 1})), QStringLiteral("C1 S0 D1 I1"));
    }

    void pathIsOrderedAndIndexed()
    {
        Aligner aligner(CostModel::Sclite);
        // sclite's own example: REF a B c D e *, HYP a X c * e F
        const Alignment a = aligner.align(std::vector<Token>{1, 2, 3, 4, 5}, std::vector<Token>{1, 9, 3, 5, 6});
        QCOMPARE(a.steps.size(), size_t(6));
        const EditOp expected[] = {EditOp::Correct, EditOp::Substitution, EditOp::Correct,
                                   EditOp::Deletion, EditOp::Correct, EditOp::Insertion};
        for (size_t i = 0; i < 6; ++i)
            QCOMPARE(int(a.steps[i].op), int(expected[i]));
        QCOMPARE(a.steps[3].hyp, -1);
        QCOMPARE(a.steps[3].ref, 3);
        QCOMPARE(a.steps[5].ref, -1);
        QCOMPARE(a.steps[5].hyp, 4);
        QCOMPARE(text(a.counts), QStringLiteral("C3 S1 D1 I1"));
    }

    void emptySides()
    {
        Aligner aligner;
        QCOMPARE(text(aligner.count({}, {})), QStringLiteral("C0 S0 D0 I0"));
        QCOMPARE(text(aligner.count(std::vector<Token>{1, 2, 3}, {})), QStringLiteral("C0 S0 D3 I0"));
        QCOMPARE(text(aligner.count({}, std::vector<Token>{1, 2})), QStringLiteral("C0 S0 D0 I2"));
    }
};

QTEST_APPLESS_MAIN(TestAlignment)
#include "tst_alignment.moc"
