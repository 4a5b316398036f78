// The torch environment's BLAS facts: which OpenBLAS kernels run, and the warning when they are
// far older than the CPU (OpenBLAS 0.3.21 runs Prescott kernels on CPUs it does not know).
#include "core/torch/torch_env.h"

#include <QTest>

using vox::blasKernelWarning;

class TestTorchEnv : public QObject {
    Q_OBJECT

private slots:
    void oldKernelsOnANewCpuAreNamed()
    {
        const std::string avx512 = blasKernelWarning("Prescott", "avx512f avx2 fma avx");
        QVERIFY(avx512.find("Prescott kernels on a CPU with AVX-512") != std::string::npos);
        QVERIFY(avx512.find("OPENBLAS_CORETYPE=SkylakeX") != std::string::npos);
        const std::string avx2 = blasKernelWarning("Nehalem", "avx2 fma avx");
        QVERIFY(avx2.find("OPENBLAS_CORETYPE=Haswell") != std::string::npos);
        QVERIFY(!blasKernelWarning("prescott", "avx2").empty()); // names compared without case
    }

    void matchingKernelsAreNotWarnedAbout()
    {
        QCOMPARE(blasKernelWarning("Haswell", "avx2 fma avx"), std::string());
        QCOMPARE(blasKernelWarning("SkylakeX", "avx512f avx2 fma avx"), std::string());
        QCOMPARE(blasKernelWarning("Prescott", "avx"), std::string()); // nothing faster to use
        QCOMPARE(blasKernelWarning("", "avx512f avx2"), std::string());  // not OpenBLAS
        QCOMPARE(blasKernelWarning("Prescott", "xavx2"), std::string()); // whole names only
    }

    void environmentReportsItsOwnKernels()
    {
        const auto env = vox::torchEnvironment();
        QCOMPARE(env.blasWarning, blasKernelWarning(env.blasCore, env.cpuVectorExtensions));
        if (!env.blasConfig.empty())
            QVERIFY2(env.blasConfig.find("OpenBLAS") != std::string::npos, env.blasConfig.c_str());
        QCOMPARE(env.blasCore.empty(), env.blasConfig.empty());
        qInfo("BLAS kernels: %s; CPU: %s", env.blasCore.c_str(), env.cpuVectorExtensions.c_str());
    }
};

QTEST_GUILESS_MAIN(TestTorchEnv)
#include "tst_torch_env.moc"
