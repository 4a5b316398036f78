// `voxbench-cli score --cost sclite` against NIST sclite (sctk, installed by the setup step) on
// 5,000 generated utterance pairs: totals, sentence errors and every utterance's C/S/D/I must be
// identical, in word mode and in character mode. And `score --compare`'s matched-pairs
// sentence-segment test against sc_stats' (`-t mapsswe`) on a second system over the same
// references: the same segments, mean, standard deviation and Z.
#include "transcript_corpus.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

struct Counts {
    qint64 c = 0, s = 0, d = 0, i = 0;
    bool operator==(const Counts&) const = default;
};

QString describe(const Counts& k)
{
    return QStringLiteral("C=%1 S=%2 D=%3 I=%4").arg(k.c).arg(k.s).arg(k.d).arg(k.i);
}

QByteArray run(const QString& program, const QStringList& args)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(300000))
        qFatal("%s did not finish", qPrintable(program));
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        qWarning("%s exited with %d: %s", qPrintable(program), process.exitCode(),
                 process.readAllStandardError().constData());
    return process.readAllStandardOutput();
}

} // namespace

class TestScliteEquivalence : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ref, m_hyp;
    int m_utterances = 5000;

    // sclite's per-utterance "Scores: (#C #S #D #I)" lines from -o pralign, by id.
    QHash<QString, Counts> scliteUtterances(const QByteArray& pralign)
    {
        QHash<QString, Counts> map;
        static const QRegularExpression block(QStringLiteral("id: \\((\\S+)\\)\\s*\\nScores: \\(#C #S #D #I\\) (\\d+) (\\d+) (\\d+) (\\d+)"));
        auto it = block.globalMatch(QString::fromUtf8(pralign));
        while (it.hasNext()) {
            const auto m = it.next();
            map.insert(m.captured(1).toLower(),
                       {m.captured(2).toLongLong(), m.captured(3).toLongLong(), m.captured(4).toLongLong(),
                        m.captured(5).toLongLong()});
        }
        return map;
    }

    void compare(bool characters)
    {
        QStringList scliteArgs{QStringLiteral("sclite"), QStringLiteral("-r"), m_ref, QStringLiteral("trn"),
                               QStringLiteral("-h"), m_hyp, QStringLiteral("trn"), QStringLiteral("-i"),
                               QStringLiteral("rm"), QStringLiteral("-e"), QStringLiteral("utf-8"),
                               QStringLiteral("-s")};
        if (characters)
            scliteArgs << QStringLiteral("-c");
        const QByteArray rsum = run(QStringLiteral("sctk"), scliteArgs + QStringList{"-o", "rsum", "stdout"});
        static const QRegularExpression sumRow(
            QStringLiteral("\\|\\s*Sum(?:/Avg)?\\s*\\|\\s*(\\d+)\\s+(\\d+)\\s*\\|\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)"));
        const auto m = sumRow.match(QString::fromUtf8(rsum));
        QVERIFY2(m.hasMatch(), rsum.right(2000).constData());
        QCOMPARE(m.captured(1).toInt(), m_utterances);
        const Counts sclite{m.captured(3).toLongLong(), m.captured(4).toLongLong(), m.captured(5).toLongLong(),
                            m.captured(6).toLongLong()};

        QStringList ours{QStringLiteral("score"), QStringLiteral("--ref"), m_ref, QStringLiteral("--hyp"), m_hyp,
                         QStringLiteral("--cost"), QStringLiteral("sclite"), QStringLiteral("--output"),
                         QStringLiteral("json"), QStringLiteral("--bootstrap"), QStringLiteral("0")};
        if (characters)
            ours << QStringLiteral("--cer");
        const QJsonObject json = QJsonDocument::fromJson(run(QStringLiteral(VOXBENCH_CLI), ours)).object();
        const QJsonObject total = json.value(QStringLiteral("total")).toObject();
        const Counts voxbench{total[QStringLiteral("correct")].toInteger(), total[QStringLiteral("substitutions")].toInteger(),
                              total[QStringLiteral("deletions")].toInteger(), total[QStringLiteral("insertions")].toInteger()};

        qInfo("%s mode over %d utterances: sclite %s, VoxBench %s", characters ? "character" : "word", m_utterances,
              qPrintable(describe(sclite)), qPrintable(describe(voxbench)));
        QCOMPARE(describe(voxbench), describe(sclite));
        QCOMPARE(total[QStringLiteral("errors")].toInteger(), m.captured(7).toLongLong());
        QCOMPARE(total[QStringLiteral("reference_length")].toInteger(), m.captured(2).toLongLong());
        QCOMPARE(total[QStringLiteral("utterances_with_errors")].toInteger(), m.captured(8).toLongLong());

        // Every utterance, not only the sums.
        const auto perUtterance = scliteUtterances(run(QStringLiteral("sctk"), scliteArgs + QStringList{"-o", "pralign", "stdout"}));
        QCOMPARE(perUtterance.size(), m_utterances);
        const QJsonArray utterances = json.value(QStringLiteral("utterances")).toArray();
        QCOMPARE(utterances.size(), m_utterances);
        int differing = 0;
        for (const auto& value : utterances) {
            const QJsonObject u = value.toObject();
            const Counts k{u[QStringLiteral("correct")].toInteger(), u[QStringLiteral("substitutions")].toInteger(),
                           u[QStringLiteral("deletions")].toInteger(), u[QStringLiteral("insertions")].toInteger()};
            const QString id = u[QStringLiteral("id")].toString().toLower();
            if (perUtterance.value(id) != k && differing++ < 5)
                qWarning("%s: sclite %s, VoxBench %s", qPrintable(id), qPrintable(describe(perUtterance.value(id))),
                         qPrintable(describe(k)));
        }
        QCOMPARE(differing, 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        vox::test::CorpusGenerator generator(20261122);
        const auto pairs = generator.make(size_t(m_utterances));
        m_ref = m_dir.filePath(QStringLiteral("ref.trn"));
        m_hyp = m_dir.filePath(QStringLiteral("hyp.trn"));
        vox::test::CorpusGenerator::writeTrn(m_ref.toStdString(), pairs, false);
        vox::test::CorpusGenerator::writeTrn(m_hyp.toStdString(), pairs, true);
    }

    void wordsMatchSclite() { compare(false); }

    void segmentTestMatchesScStats()
    {
        // System B: the references corrupted independently (substitutions, deletions, insertions).
        const QString hypB = m_dir.filePath(QStringLiteral("hypB.trn"));
        {
            QFile in(m_ref), out(hypB);
            QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
            uint64_t state = 987654321;
            auto below = [&state](uint64_t n) {
                state = state * 6364136223846793005ull + 1442695040888963407ull;
                return (state >> 33) % n;
            };
            while (!in.atEnd()) {
                const QString line = QString::fromUtf8(in.readLine()).trimmed();
                const qsizetype open = line.lastIndexOf(QLatin1Char('('));
                QStringList words = line.left(open).split(QLatin1Char(' '), Qt::SkipEmptyParts), hyp;
                for (const QString& w : words) {
                    const auto r = below(100);
                    if (r < 6)
                        hyp << QStringLiteral("zz%1").arg(below(5)); // substitution
                    else if (r < 9)
                        continue; // deletion
                    else
                        hyp << w;
                    if (below(100) < 3)
                        hyp << QStringLiteral("yy%1").arg(below(5)); // insertion
                }
                out.write((hyp.join(QLatin1Char(' ')) + QLatin1Char(' ') + line.mid(open) + QLatin1Char('\n')).toUtf8());
            }
        }
        const QByteArray sgml = run(QStringLiteral("sctk"), {QStringLiteral("sclite"), QStringLiteral("-r"), m_ref,
                                                             QStringLiteral("trn"), QStringLiteral("-h"), m_hyp,
                                                             QStringLiteral("trn"), QStringLiteral("-h"), hypB,
                                                             QStringLiteral("trn"), QStringLiteral("-i"), QStringLiteral("rm"),
                                                             QStringLiteral("-e"), QStringLiteral("utf-8"), QStringLiteral("-s"),
                                                             QStringLiteral("-o"), QStringLiteral("sgml"), QStringLiteral("stdout")});
        const QString sgmlFile = m_dir.filePath(QStringLiteral("pair.sgml"));
        {
            QFile f(sgmlFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(sgml);
        }
        QProcess stats;
        stats.setStandardInputFile(sgmlFile);
        stats.start(QStringLiteral("sctk"), {QStringLiteral("sc_stats"), QStringLiteral("-p"), QStringLiteral("-t"),
                                             QStringLiteral("mapsswe"), QStringLiteral("-v"), QStringLiteral("-O"),
                                             m_dir.path(), QStringLiteral("-n"), QStringLiteral("pair")});
        QVERIFY(stats.waitForFinished(300000));
        QFile report(m_dir.filePath(QStringLiteral("pair.stats.mapsswe")));
        QVERIFY2(report.open(QIODevice::ReadOnly), qPrintable(QString::fromUtf8(stats.readAllStandardError())));
        static const QRegularExpression theirs(QStringLiteral(
            "MTCH_PR_RESULTS .*\\(# segs: (\\d+)\\).*\\(mean: ([-0-9.]+)\\) \\(std dev: ([-0-9.]+)\\) \\(Z Stat: ([-0-9.]+)\\)"));
        const auto t = theirs.match(QString::fromUtf8(report.readAll()));
        QVERIFY(t.hasMatch());

        const QByteArray table = run(QStringLiteral(VOXBENCH_CLI),
                                     {QStringLiteral("score"), QStringLiteral("--ref"), m_ref, QStringLiteral("--hyp"), m_hyp,
                                      QStringLiteral("--compare"), hypB, QStringLiteral("--cost"), QStringLiteral("sclite"),
                                      QStringLiteral("--bootstrap"), QStringLiteral("10")});
        static const QRegularExpression mine(QStringLiteral(
            "sentence-segment test .*: (\\d+) segments, mean B - A ([-0-9.e]+), sd ([-0-9.e]+), Z = ([-0-9.e]+)"));
        const auto o = mine.match(QString::fromUtf8(table));
        QVERIFY2(o.hasMatch(), table.constData());
        qInfo("sc_stats: %s segments, mean A - B %s, sd %s, Z %s; VoxBench: %s segments, mean B - A %s, sd %s, Z %s",
              qPrintable(t.captured(1)), qPrintable(t.captured(2)), qPrintable(t.captured(3)), qPrintable(t.captured(4)),
              qPrintable(o.captured(1)), qPrintable(o.captured(2)), qPrintable(o.captured(3)), qPrintable(o.captured(4)));
        QVERIFY(t.captured(1).toInt() > 1000);
        QCOMPARE(o.captured(1).toInt(), t.captured(1).toInt());
        // sc_stats prints three decimals and its mean and Z as A - B.
        QVERIFY(std::abs(o.captured(2).toDouble() + t.captured(2).toDouble()) <= 0.0005);
        QVERIFY(std::abs(o.captured(3).toDouble() - t.captured(3).toDouble()) <= 0.0005);
        QVERIFY(std::abs(std::abs(o.captured(4).toDouble()) - std::abs(t.captured(4).toDouble())) <= 0.0005);
        QCOMPARE(o.captured(4).toDouble() < 0, t.captured(2).toDouble() > 0);
    }
    void charactersMatchSclite() { compare(true); }
};

QTEST_GUILESS_MAIN(TestScliteEquivalence)
#include "tst_sclite_equivalence.moc"
