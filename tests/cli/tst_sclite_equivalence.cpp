// `voxbench-cli score --cost sclite` against NIST sclite (sctk, installed by the setup step) on
// 5,000 generated utterance pairs: totals, sentence errors and every utterance's C/S/D/I must be
// identical, in word mode and in character mode.
#include "transcript_corpus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

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
    void charactersMatchSclite() { compare(true); }
};

QTEST_GUILESS_MAIN(TestScliteEquivalence)
#include "tst_sclite_equivalence.moc"
