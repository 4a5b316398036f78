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

    void threadPoolsFollowTheBlas();

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

// Where OpenBLAS has its own pthreads pool it takes the threads and torch's pool stays at 1;
// on an OpenMP BLAS (or none) torch's one pool takes them; a sequential OpenBLAS has 1.
void TestTorchEnv::threadPoolsFollowTheBlas()
{
    const auto pthreads = vox::planThreadPools(4, "pthreads");
    QCOMPARE(pthreads.blas, 4);
    QCOMPARE(pthreads.torchIntraOp, 1);
    QCOMPARE(pthreads.describe(), std::string("4 threads: OpenBLAS 4 (pthreads), torch intra-op 1"));
    const auto openmp = vox::planThreadPools(4, "openmp");
    QCOMPARE(openmp.blas, 4);
    QCOMPARE(openmp.torchIntraOp, 4);
    const auto none = vox::planThreadPools(2, "");
    QCOMPARE(none.blas, 0);
    QCOMPARE(none.torchIntraOp, 2);
    QCOMPARE(none.describe(), std::string("2 threads: torch intra-op 2"));
    QCOMPARE(vox::planThreadPools(3, "sequential").blas, 1);
    QCOMPARE(vox::planThreadPools(0, "pthreads").threads, 1);

    // Applied on this libtorch: what it reports, and the calling thread's count.
    const auto applied = vox::setIntraOpThreads(2);
    QCOMPARE(applied.threads, 2);
    QCOMPARE(vox::intraOpThreads(), 2);
    QCOMPARE(applied.torchIntraOp, applied.blasPool == "pthreads" ? 1 : 2);
    QVERIFY(!vox::torchEnvironment().blasCore.empty() || applied.blasPool.empty());
    (void)vox::setIntraOpThreads(1);
}

QTEST_GUILESS_MAIN(TestTorchEnv)
#include "tst_torch_env.moc"
