// Tensor storage: large buffers are recycled through LargeBufferCache
// (core/tensor/tensor.cpp) without ever aliasing a live tensor, and results
// computed into recycled buffers equal results computed into fresh ones.
#include "io/tensorsource.h"
#include "quant/pipeline.h"
#include "tensor/tensor.h"

#include <QtTest>

#include <cstring>
#include <set>

using namespace qs;

class TestTensorStorage : public QObject
{
    Q_OBJECT

private slots:
    void liveTensorsNeverShareStorage()
    {
        const Shape big{std::int64_t(1) << 21}; // 8 MiB: above the huge-page threshold
        std::set<const float*> seen;
        std::vector<Tensor> live;
        for (int i = 0; i < 5; ++i) {
            live.emplace_back(big);
            QVERIFY2(seen.insert(live.back().data()).second, "two live tensors share a buffer");
        }
        // Freed and allocated again: a recycled buffer may come back, but never
        // one still in use.
        live.erase(live.begin(), live.begin() + 3);
        std::set<const float*> inUse = {live[0].data(), live[1].data()};
        for (int i = 0; i < 3; ++i) {
            live.emplace_back(big);
            QVERIFY(!inUse.count(live.back().data()));
            inUse.insert(live.back().data());
        }
    }

    void freedBufferIsReusedForTheSameSize()
    {
        if (!Tensor::recyclesStorage())
            QSKIP("storage recycling is off (QS_NO_BUFFER_CACHE or AddressSanitizer)");
        const Shape big{std::int64_t(3) << 20};
        const float* first = nullptr;
        {
            Tensor t(big);
            first = t.data();
        }
        Tensor again(big);
        QCOMPARE(again.data(), first);
        Tensor other(Shape{std::int64_t(5) << 20}); // another size: not that buffer
        QVERIFY(other.data() != first);
    }

    // A quantization into a recycled buffer that still holds an earlier
    // result gives exactly the result into fresh memory (every element is
    // written; nothing of the old contents survives).
    void recycledOutputEqualsFreshOutput()
    {
        const Tensor x = generateTensor("outliers,n=3000000,seed=11,std=0.02,p=0.001,k=30");
        QuantConfig a;
        a.setQuantizer("int4");
        a.validate();
        QuantConfig b;
        b.setQuantizer("fp8-e4m3");
        b.validate();
        QuantOptions o;
        o.codes = false;
        std::vector<float> fresh;
        {
            const QuantResult r = runQuantization(x, a, o);
            fresh.assign(r.dequantized.data(), r.dequantized.data() + r.n);
        }
        for (int round = 0; round < 3; ++round) {
            const QuantResult other = runQuantization(x, b, o); // leaves its values in a recycled buffer
            Q_UNUSED(other);
        }
        const QuantResult again = runQuantization(x, a, o);
        QCOMPARE(again.n, std::int64_t(fresh.size()));
        QVERIFY(std::memcmp(again.dequantized.data(), fresh.data(), fresh.size() * sizeof(float)) == 0);
    }
};

QTEST_GUILESS_MAIN(TestTensorStorage)
#include "tst_tensorstorage.moc"
