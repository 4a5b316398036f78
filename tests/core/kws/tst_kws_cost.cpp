// What the demo KWS packages cost (core/kws/cost.*, torch-free): MACs per second of audio equal
// to the count written out by hand below from each architecture, parameters equal to the
// manifests' parameter_count (PyTorch's model.parameters()), int8 packages with the same MACs and
// fewer bytes, and the errors for what cannot be counted.
#include "core/kws/cost.h"
#include "core/kws/package.h"

#include <QTest>

#include <filesystem>

namespace fs = std::filesystem;
using namespace vox::kws;

namespace {

const fs::path kModels = fs::path(VOXBENCH_SOURCE_DIR) / "resources" / "demo" / "kws" / "models";

PackageInfo package(const std::string& name)
{
    auto p = readPackage(kModels / name);
    if (!p)
        qFatal("%s", p.error().describe().c_str());
    return *p;
}

// The hand count of one demo CRNN: 40 mel bins, 100 frames and 10 calls (1600-sample chunks)
// per second, 3 classes.
struct HandCount {
    int64_t macsPerFrame, macsPerCall, parameters;
    int64_t float32Bytes, qint8Bytes; // of the int8 package (its fp32 source: parameters x 4)
};

const LayerCost& layerNamed(const KwsCost& cost, const std::string& name)
{
    for (const auto& layer : cost.layers)
        if (layer.name == name)
            return layer;
    qFatal("no layer %s", name.c_str());
}

int64_t filesIn(const fs::path& folder)
{
    int64_t total = 0;
    for (const auto& entry : fs::directory_iterator(folder))
        total += int64_t(entry.file_size());
    return total;
}

} // namespace

class TestKwsCost : public QObject {
    Q_OBJECT

private:
    void expect(const std::string& name, const HandCount& hand)
    {
        for (const std::string& variant : {name, name + "-int8"}) {
            const PackageInfo p = package(variant);
            auto cost = kwsCost(p);
            QVERIFY2(cost.ok(), cost ? "" : cost.error().describe().c_str());
            const bool int8 = variant != name;
            QCOMPARE(cost->framesPerSecond, 100.0);
            QCOMPARE(cost->callsPerSecond, 10.0);
            int64_t perFrame = 0, perCall = 0;
            for (const auto& layer : cost->layers) {
                perFrame += layer.macsPerFrame;
                perCall += layer.macsPerCall;
            }
            QCOMPARE(perFrame, hand.macsPerFrame);
            QCOMPARE(perCall, hand.macsPerCall);
            QCOMPARE(cost->macsPerSecond, double(hand.macsPerFrame * 100 + hand.macsPerCall * 10));
            QCOMPARE(cost->parameters, hand.parameters);
            QCOMPARE(cost->parameters, p.parameterCount);
            QCOMPARE(cost->bytesOnDisk, filesIn(p.folder));
            if (int8) {
                QCOMPARE(cost->bytesByDtype.at("float32"), hand.float32Bytes);
                QCOMPARE(cost->bytesByDtype.at("qint8"), hand.qint8Bytes);
                QCOMPARE(cost->parameterBytes, hand.float32Bytes + hand.qint8Bytes);
                QCOMPARE(layerNamed(*cost, "gru").dtype, std::string("qint8"));
                QCOMPARE(layerNamed(*cost, "conv1").dtype, std::string("float32"));
                // The same arithmetic in less memory and on less disk than the float source.
                const auto source = kwsCost(package(name));
                QCOMPARE(cost->macsPerSecond, source->macsPerSecond);
                QVERIFY(cost->parameterBytes < source->parameterBytes);
                QVERIFY(cost->bytesOnDisk < source->bytesOnDisk);
            } else {
                QCOMPARE(cost->bytesByDtype.size(), size_t(1));
                QCOMPARE(cost->parameterBytes, hand.parameters * 4);
            }
            qInfo("%s: %.0f MACs/s, %lld parameters, %lld parameter bytes, %lld bytes on disk", variant.c_str(),
                  cost->macsPerSecond, (long long)cost->parameters, (long long)cost->parameterBytes,
                  (long long)cost->bytesOnDisk);
        }
    }

private slots:
    // Frequency bins after each convolution, for every package: f1 = (40 - 5) / 2 + 1 = 18,
    // f2 = (18 - 3) / 2 + 1 = 8. A convolution MAC count per frame is
    // out_channels x bins x (in_channels x 5 x 3 or x 3 x 3); a GRU's 3 x hidden x (input + hidden);
    // a Linear's in x out; the pooling pool_frames x hidden.
    void teacher()
    {
        // conv_channels (16, 32), GRU 64, attention 32.
        const int64_t conv1 = 16 * 18 * (1 * 5 * 3);    // 4,320
        const int64_t conv2 = 32 * 8 * (16 * 3 * 3);    // 36,864
        const int64_t gru = 3 * 64 * ((32 * 8) + 64);   // 61,440: input 256
        const int64_t attention = 64 * 32 + 32 * 1;     // 2,080
        const int64_t pooling = 100 * 64;               // 6,400 per call
        const int64_t classifier = 64 * 3;              // 192 per call
        // Parameters: weights + biases (BatchNorm: weight and bias per channel).
        const int64_t pConv1 = 16 * 1 * 5 * 3 + 16 + 2 * 16;  // 288
        const int64_t pConv2 = 32 * 16 * 3 * 3 + 32 + 2 * 32; // 4,704
        const int64_t pGru = 3 * 64 * (256 + 64) + 2 * 3 * 64; // 61,824
        const int64_t pAttention = 64 * 32 + 32 + 32;           // 2,112 (att_v has no bias)
        const int64_t pClassifier = 64 * 3 + 3;                 // 195
        // int8: GRU and Linear weights one byte each; their biases, the convolutions and
        // BatchNorm float32.
        const int64_t qint8 = 3 * 64 * (256 + 64) + (64 * 32 + 32) + 64 * 3;           // 63,712
        const int64_t float32 = 4 * (pConv1 + pConv2 + 2 * 3 * 64 + 32 + 3);            // 21,644
        expect("teacher", {conv1 + conv2 + gru + attention, pooling + classifier,
                           pConv1 + pConv2 + pGru + pAttention + pClassifier, float32, qint8});
        QCOMPARE(conv1 + conv2 + gru + attention, int64_t(104'704));
        QCOMPARE(pConv1 + pConv2 + pGru + pAttention + pClassifier, int64_t(69'123));
        QCOMPARE(kwsCost(package("teacher"))->macsPerSecond, 10'536'320.0); // 104,704 x 100 + 6,592 x 10
    }

    void studentGru32()
    {
        // conv_channels (8, 16), GRU 32, attention 32.
        const int64_t conv1 = 8 * 18 * (1 * 5 * 3);     // 2,160
        const int64_t conv2 = 16 * 8 * (8 * 3 * 3);     // 9,216
        const int64_t gru = 3 * 32 * ((16 * 8) + 32);   // 15,360: input 128
        const int64_t attention = 32 * 32 + 32 * 1;     // 1,056
        const int64_t pooling = 100 * 32;               // 3,200 per call
        const int64_t classifier = 32 * 3;              // 96 per call
        const int64_t pConv1 = 8 * 1 * 5 * 3 + 8 + 2 * 8;      // 144
        const int64_t pConv2 = 16 * 8 * 3 * 3 + 16 + 2 * 16;   // 1,200
        const int64_t pGru = 3 * 32 * (128 + 32) + 2 * 3 * 32; // 15,552
        const int64_t pAttention = 32 * 32 + 32 + 32;           // 1,088
        const int64_t pClassifier = 32 * 3 + 3;                 // 99
        const int64_t qint8 = 3 * 32 * (128 + 32) + (32 * 32 + 32) + 32 * 3;           // 16,512
        const int64_t float32 = 4 * (pConv1 + pConv2 + 2 * 3 * 32 + 32 + 3);            // 6,284
        expect("student-gru32", {conv1 + conv2 + gru + attention, pooling + classifier,
                                 pConv1 + pConv2 + pGru + pAttention + pClassifier, float32, qint8});
        QCOMPARE(kwsCost(package("student-gru32"))->macsPerSecond, 2'812'160.0); // 27,792 x 100 + 3,296 x 10
    }

    void studentGru16()
    {
        // conv_channels (8, 16), GRU 16, attention 32.
        const int64_t conv1 = 8 * 18 * (1 * 5 * 3);     // 2,160
        const int64_t conv2 = 16 * 8 * (8 * 3 * 3);     // 9,216
        const int64_t gru = 3 * 16 * ((16 * 8) + 16);   // 6,912
        const int64_t attention = 16 * 32 + 32 * 1;     // 544
        const int64_t pooling = 100 * 16;               // 1,600 per call
        const int64_t classifier = 16 * 3;              // 48 per call
        const int64_t pConv1 = 8 * 1 * 5 * 3 + 8 + 2 * 8;      // 144
        const int64_t pConv2 = 16 * 8 * 3 * 3 + 16 + 2 * 16;   // 1,200
        const int64_t pGru = 3 * 16 * (128 + 16) + 2 * 3 * 16; // 7,008
        const int64_t pAttention = 16 * 32 + 32 + 32;           // 576
        const int64_t pClassifier = 16 * 3 + 3;                 // 51
        const int64_t qint8 = 3 * 16 * (128 + 16) + (16 * 32 + 32) + 16 * 3;           // 7,504
        const int64_t float32 = 4 * (pConv1 + pConv2 + 2 * 3 * 16 + 32 + 3);            // 5,900
        expect("student-gru16", {conv1 + conv2 + gru + attention, pooling + classifier,
                                 pConv1 + pConv2 + pGru + pAttention + pClassifier, float32, qint8});
        QCOMPARE(kwsCost(package("student-gru16"))->macsPerSecond, 1'899'680.0); // 18,832 x 100 + 1,648 x 10
    }

    void layersInOrder()
    {
        auto cost = kwsCost(package("teacher"));
        QVERIFY(cost.ok());
        std::vector<std::string> names, kinds;
        for (const auto& layer : cost->layers) {
            names.push_back(layer.name);
            kinds.push_back(layer.kind);
        }
        QCOMPARE(names, (std::vector<std::string>{"conv1", "conv2", "gru", "attention", "pooling", "classifier"}));
        QCOMPARE(kinds, (std::vector<std::string>{"conv2d", "conv2d", "gru", "linear", "weighted sum", "linear"}));
        QCOMPARE(layerNamed(*cost, "pooling").parameters, int64_t(0));
        QCOMPARE(layerNamed(*cost, "gru").macsPerCall, int64_t(0));
        QCOMPARE(layerNamed(*cost, "classifier").macsPerFrame, int64_t(0));
    }

    void chunkSizeChangesOnlyThePerCallPart()
    {
        const PackageInfo p = package("student-gru16");
        // A whole clip in one call (what forward() does): one call per second.
        auto clip = kwsCost(p, 16000);
        QVERIFY(clip.ok());
        QCOMPARE(clip->callsPerSecond, 1.0);
        QCOMPARE(clip->macsPerSecond, 18'832.0 * 100 + 1'648.0);
        auto hop = kwsCost(p, 160);
        QVERIFY(hop.ok());
        QCOMPARE(hop->macsPerSecond, 18'832.0 * 100 + 1'648.0 * 100);
        auto bad = kwsCost(p, 1000);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("not a positive multiple of the hop (160 samples)") != std::string::npos);
    }

    void whatCannotBeCountedIsAnError()
    {
        PackageInfo none = package("teacher");
        none.architecture = {};
        auto missing = kwsCost(none);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.find("no architecture") != std::string::npos);
        QCOMPARE(missing.error().context, none.folder.string());

        PackageInfo lstm = package("teacher-int8");
        lstm.quantizedModules.push_back("LSTM");
        auto unknown = kwsCost(lstm);
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.find("'LSTM'") != std::string::npos);

        PackageInfo strided = package("teacher");
        strided.architecture.convStrides[1] = {2, 2};
        auto time = kwsCost(strided);
        QVERIFY(!time.ok());
        QVERIFY(time.error().message.find("conv2 has a time stride of 2") != std::string::npos);

        PackageInfo narrow = package("teacher");
        narrow.architecture.nMels = 8;
        auto bins = kwsCost(narrow);
        QVERIFY(!bins.ok());
        QVERIFY2(bins.error().message.find("conv2's kernel does not fit") != std::string::npos,
                 bins.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestKwsCost)
#include "tst_kws_cost.moc"
