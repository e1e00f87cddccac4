// The per-tensor work of the model report: statistics in one parallel pass,
// and each scheme measured by a fused pass (docs/report.md, "The fused pass"):
// where every group of the scheme lies inside whole rows (dim 0), the tensor
// is quantized slice by slice of rows with the one quantizer of the pipeline
// (runQuantization) into a small buffer that stays in cache, and the error
// sums are taken right there; no dequantized copy of the tensor exists. Other
// schemes (per-tensor scales, k-means, outliers, blocks across rows) quantize
// the whole tensor once and sum over the result.
#include "report/modelreport.h"

#include "analysis/stats.h"
#include "formats/error.h"
#include "quant/grouping.h"
#include "quant/pipeline.h"
#include "runtime/parallel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qs {

namespace {

// Values per slice of the fused pass: 64 Ki floats (256 KiB in, 256 KiB out) fit a core's L2.
constexpr std::int64_t kSliceValues = std::int64_t(1) << 16;

struct Sums
{
    std::int64_t measured = 0;
    double signal = 0;
    double noise = 0;
};

#if defined(__SSE2__)
// Lanes whose float is NaN or ±Inf (exponent bits all ones), as an all-ones mask.
inline __m128i nonfiniteMask(__m128 v)
{
    const __m128i e = _mm_set1_epi32(0x7f800000);
    return _mm_cmpeq_epi32(_mm_and_si128(_mm_castps_si128(v), e), e);
}

// The sum of the four int32 lanes (each at most n / 4 in magnitude: no overflow below 2^33 values).
inline std::int64_t laneSum(__m128i v)
{
    alignas(16) std::int32_t lanes[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes), v);
    return std::int64_t(lanes[0]) + lanes[1] + lanes[2] + lanes[3];
}
#endif

// Σx², Σ(x - x̂)² over the pairs where both are finite, in double with four
// interleaved accumulators: element i + j goes to accumulator j, in the SSE2
// loop (two lanes of two doubles) exactly as in the scalar one, so every
// build and thread count gives the same bits.
Sums errorSums(const float* x, const float* xhat, std::int64_t n)
{
    double s[4] = {0, 0, 0, 0}, e[4] = {0, 0, 0, 0};
    std::int64_t k = 0;
    std::int64_t i = 0;
#if defined(__SSE2__)
    __m128d s01 = _mm_setzero_pd(), s23 = s01, e01 = s01, e23 = s01;
    __m128i skipped = _mm_setzero_si128(); // per lane, minus the pairs skipped (the mask is -1)
    for (; i + 4 <= n; i += 4) {
        __m128 a = _mm_loadu_ps(x + i), b = _mm_loadu_ps(xhat + i);
        const __m128i badInt = _mm_or_si128(nonfiniteMask(a), nonfiniteMask(b));
        const __m128 bad = _mm_castsi128_ps(badInt);
        a = _mm_andnot_ps(bad, a);
        b = _mm_andnot_ps(bad, b);
        skipped = _mm_add_epi32(skipped, badInt);
        const __m128d a01 = _mm_cvtps_pd(a), a23 = _mm_cvtps_pd(_mm_movehl_ps(a, a));
        const __m128d d01 = _mm_sub_pd(a01, _mm_cvtps_pd(b)), d23 = _mm_sub_pd(a23, _mm_cvtps_pd(_mm_movehl_ps(b, b)));
        s01 = _mm_add_pd(s01, _mm_mul_pd(a01, a01));
        s23 = _mm_add_pd(s23, _mm_mul_pd(a23, a23));
        e01 = _mm_add_pd(e01, _mm_mul_pd(d01, d01));
        e23 = _mm_add_pd(e23, _mm_mul_pd(d23, d23));
    }
    _mm_storeu_pd(s, s01);
    _mm_storeu_pd(s + 2, s23);
    _mm_storeu_pd(e, e01);
    _mm_storeu_pd(e + 2, e23);
    k = i + laneSum(skipped);
#endif
    for (; i + 4 <= n; i += 4)
        for (int j = 0; j < 4; ++j) {
            const float a = x[i + j], b = xhat[i + j];
            const bool ok = !isNonFinite(a) && !isNonFinite(b);
            const double d = ok ? double(a) - double(b) : 0.0, v = ok ? double(a) : 0.0;
            s[j] += v * v;
            e[j] += d * d;
            k += ok;
        }
    for (; i < n; ++i) {
        const float a = x[i], b = xhat[i];
        if (isNonFinite(a) || isNonFinite(b))
            continue;
        const double d = double(a) - double(b);
        s[0] += double(a) * double(a);
        e[0] += d * d;
        ++k;
    }
    return {k, (s[0] + s[1]) + (s[2] + s[3]), (e[0] + e[1]) + (e[2] + e[3])};
}

// Whether quantizing a slice of whole rows (dim 0) gives exactly the values and
// storage of the whole tensor for those rows: every group lies inside a row.
bool sliceable(const Tensor& x, const QuantConfig& c)
{
    if (x.rank() < 2 || x.dim(0) < 2 || x.size() == 0 || x.size() >= (std::int64_t(1) << 31))
        return false;
    if (c.outliers != OutlierMode::Off || c.kind == QuantizerKind::KMeans || c.doubleQuant ||
        c.convention == QuantConvention::Bitsandbytes)
        return false;
    const Granularity& g = c.granularity;
    switch (g.kind) {
    case Granularity::Kind::Channel: return g.axis == 0 || g.axis == -x.rank();
    case Granularity::Kind::Block: return g.blockAxis == Granularity::BlockAxis::Rows;
    case Granularity::Kind::Tensor: return c.kind == QuantizerKind::Float && !c.formatScaled;
    }
    return false;
}

void finish(ReportSchemeResult& r, std::int64_t count)
{
    r.ok = true;
    r.sqnrDb = r.measured == 0 ? 0 : sqnrFromSums(r.signal, r.noise);
    r.mse = r.measured == 0 ? 0 : r.noise / double(r.measured);
    r.bitsPerValue = count > 0 ? r.bits / double(count) : 0;
}

ReportSchemeResult measureWhole(const Tensor& x, const QuantConfig& config)
{
    QuantOptions o;
    o.codes = false;
    o.metrics = false;
    o.histograms = false;
    const QuantResult res = runQuantization(x, config, o);
    const std::int64_t n = x.size();
    std::vector<Sums> part(std::size_t(chunkCount(n, kStreamChunk)));
    parallelChunks(n, kStreamChunk, [&](std::int64_t c, std::int64_t b, std::int64_t e) {
        part[std::size_t(c)] = errorSums(x.data() + b, res.dequantized.data() + b, e - b);
    });
    ReportSchemeResult r;
    for (const Sums& s : part) {
        r.measured += s.measured;
        r.signal += s.signal;
        r.noise += s.noise;
    }
    r.bits = res.storage.totalBits();
    r.warnings = res.warnings;
    finish(r, n);
    return r;
}

// One slice's contribution: its sums and what it stores.
struct SliceResult
{
    Sums sums;
    StorageAccount storage;
    std::int64_t nonfinite = 0;
    std::vector<std::string> warnings;
};

ReportSchemeResult measureFused(const Tensor& x, const QuantConfig& config)
{
    const std::int64_t rows = x.dim(0), rowLen = x.size() / rows;
    const std::int64_t perSlice = std::max<std::int64_t>(1, kSliceValues / std::max<std::int64_t>(1, rowLen));
    const std::int64_t slices = chunkCount(rows, perSlice);
    std::vector<SliceResult> part(static_cast<std::size_t>(slices));
    const int workers = parallelSlots(slices, 1);
    std::vector<Tensor> inputs(static_cast<std::size_t>(workers)), outputs(static_cast<std::size_t>(workers));
    Shape sliceShape = x.shape();
    parallelChunksOnWorkers(slices, 1, workers, [&](std::int64_t s, std::int64_t, std::int64_t, int slot) {
        const std::int64_t r0 = s * perSlice, r1 = std::min(rows, r0 + perSlice);
        Shape shape = sliceShape;
        shape[0] = r1 - r0;
        Tensor& in = inputs[std::size_t(slot)];
        if (in.shape() != shape) {
            in = Tensor(shape);
            outputs[std::size_t(slot)] = Tensor(shape);
        }
        const float* src = x.data() + r0 * rowLen;
        std::memcpy(in.data(), src, std::size_t(in.size()) * sizeof(float));
        QuantOptions o;
        o.codes = false;
        o.metrics = false;
        o.histograms = false;
        o.reuseOutput = outputs[std::size_t(slot)];
        const QuantResult res = runQuantization(in, config, o);
        SliceResult& p = part[std::size_t(s)];
        p.sums = errorSums(src, res.dequantized.data(), in.size());
        p.storage = res.storage;
        p.nonfinite = res.nonfinite;
        p.warnings = res.warnings;
    });

    // Storage of the whole tensor, from what every slice stores: the same spec
    // over the tensor's own layout (groups, partial blocks, padding), with the
    // widest zero points any slice needed (the tensor stores them all at one width).
    const StorageAccount& first = part.front().storage;
    StorageSpec spec;
    spec.codeBits = first.codeBits;
    spec.scaleBits = first.scaleBits;
    spec.zeroPointSigned = first.zeroPointSigned;
    spec.zeroPointFloat = first.zeroPointFloat;
    spec.padded = false;
    spec.tableBits = first.tables;
    spec.tableWhat = first.tableWhat;
    std::int64_t nonfinite = 0;
    ReportSchemeResult r;
    for (const SliceResult& p : part) {
        spec.zeroPointBits = std::max(spec.zeroPointBits, p.storage.zeroPointBits);
        spec.padded = spec.padded || p.storage.paddingValues > 0;
        nonfinite += p.nonfinite;
        r.measured += p.sums.measured;
        r.signal += p.sums.signal;
        r.noise += p.sums.noise;
        for (const std::string& w : p.warnings) // zero-point widening: named once
            if (w.rfind("rows of", 0) != 0 && w.rfind("the tensor's", 0) != 0 &&
                std::find(r.warnings.begin(), r.warnings.end(), w) == r.warnings.end() && r.warnings.size() < 4)
                r.warnings.push_back(w);
    }
    const GroupLayout layout(x.shape(), config.granularity);
    const StorageAccount whole =
        accountStorage(spec, layout, x.size(), nonfinite, 0, x.rank() == 2 ? x.dim(0) : 0, r.warnings);
    r.bits = whole.totalBits();
    r.fused = true;
    finish(r, x.size());
    return r;
}

// Pébay's pairwise update of count, mean and central moments M2..M4.
struct Moments
{
    double n = 0, mean = 0, m2 = 0, m3 = 0, m4 = 0;

    void merge(const Moments& b)
    {
        if (b.n == 0)
            return;
        if (n == 0) {
            *this = b;
            return;
        }
        const double na = n, nb = b.n, nn = na + nb, d = b.mean - mean, d2 = d * d;
        const double m4n = m4 + b.m4 + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (nn * nn * nn) +
                           6 * d2 * (na * na * b.m2 + nb * nb * m2) / (nn * nn) + 4 * d * (na * b.m3 - nb * m3) / nn;
        const double m3n = m3 + b.m3 + d2 * d * na * nb * (na - nb) / (nn * nn) + 3 * d * (na * b.m2 - nb * m2) / nn;
        m2 = m2 + b.m2 + d2 * na * nb / nn;
        m3 = m3n;
        m4 = m4n;
        mean += d * nb / nn;
        n = nn;
    }
};

// Two passes over a run in cache: its mean, then its central sums, with four
// interleaved accumulators (SSE2 lanes as in errorSums: the same bits either way).
Moments runMoments(const float* x, std::int64_t n)
{
    Moments m;
    double sum[4] = {0, 0, 0, 0};
    std::int64_t k = 0, i = 0;
#if defined(__SSE2__)
    __m128d s01 = _mm_setzero_pd(), s23 = s01;
    __m128i skipped = _mm_setzero_si128();
    for (; i + 4 <= n; i += 4) {
        __m128 v = _mm_loadu_ps(x + i);
        const __m128i badInt = nonfiniteMask(v);
        v = _mm_andnot_ps(_mm_castsi128_ps(badInt), v);
        skipped = _mm_add_epi32(skipped, badInt);
        s01 = _mm_add_pd(s01, _mm_cvtps_pd(v));
        s23 = _mm_add_pd(s23, _mm_cvtps_pd(_mm_movehl_ps(v, v)));
    }
    _mm_storeu_pd(sum, s01);
    _mm_storeu_pd(sum + 2, s23);
    k = i + laneSum(skipped);
#endif
    for (; i + 4 <= n; i += 4)
        for (int j = 0; j < 4; ++j) {
            const bool ok = !isNonFinite(x[i + j]);
            sum[j] += ok ? double(x[i + j]) : 0.0;
            k += ok;
        }
    for (; i < n; ++i)
        if (!isNonFinite(x[i])) {
            sum[0] += x[i];
            ++k;
        }
    if (k == 0)
        return m;
    m.n = double(k);
    m.mean = ((sum[0] + sum[1]) + (sum[2] + sum[3])) / m.n;
    double a2[4] = {0, 0, 0, 0}, a3[4] = {0, 0, 0, 0}, a4[4] = {0, 0, 0, 0};
    i = 0;
#if defined(__SSE2__)
    const __m128d mean = _mm_set1_pd(m.mean);
    __m128d p2[2] = {_mm_setzero_pd(), _mm_setzero_pd()}, p3[2] = {p2[0], p2[0]}, p4[2] = {p2[0], p2[0]};
    for (; i + 4 <= n; i += 4) {
        const __m128 v = _mm_loadu_ps(x + i);
        const __m128 bad = _mm_castsi128_ps(nonfiniteMask(v));
        const __m128d lanes[2] = {_mm_cvtps_pd(v), _mm_cvtps_pd(_mm_movehl_ps(v, v))};
        const __m128d masks[2] = {_mm_castps_pd(_mm_unpacklo_ps(bad, bad)), _mm_castps_pd(_mm_unpackhi_ps(bad, bad))};
        for (int h = 0; h < 2; ++h) {
            const __m128d d = _mm_andnot_pd(masks[h], _mm_sub_pd(lanes[h], mean)), d2 = _mm_mul_pd(d, d);
            p2[h] = _mm_add_pd(p2[h], d2);
            p3[h] = _mm_add_pd(p3[h], _mm_mul_pd(d2, d));
            p4[h] = _mm_add_pd(p4[h], _mm_mul_pd(d2, d2));
        }
    }
    for (int h = 0; h < 2; ++h) {
        _mm_storeu_pd(a2 + 2 * h, p2[h]);
        _mm_storeu_pd(a3 + 2 * h, p3[h]);
        _mm_storeu_pd(a4 + 2 * h, p4[h]);
    }
#endif
    for (; i + 4 <= n; i += 4)
        for (int j = 0; j < 4; ++j) {
            const bool ok = !isNonFinite(x[i + j]);
            const double d = ok ? double(x[i + j]) - m.mean : 0.0, d2 = d * d;
            a2[j] += d2;
            a3[j] += d2 * d;
            a4[j] += d2 * d2;
        }
    for (; i < n; ++i)
        if (!isNonFinite(x[i])) {
            const double d = double(x[i]) - m.mean, d2 = d * d;
            a2[0] += d2;
            a3[0] += d2 * d;
            a4[0] += d2 * d2;
        }
    m.m2 = (a2[0] + a2[1]) + (a2[2] + a2[3]);
    m.m3 = (a3[0] + a3[1]) + (a3[2] + a3[3]);
    m.m4 = (a4[0] + a4[1]) + (a4[2] + a4[3]);
    return m;
}

// The largest |x| of a run over its finite values (0 when none), by the bits:
// |x| of a finite float orders as its bits without the sign (a loop that vectorises).
float runAbsMax(const float* x, std::int64_t n)
{
    const auto* bits = reinterpret_cast<const std::uint32_t*>(x);
    std::uint32_t m = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        const std::uint32_t a = bits[i] & 0x7fffffffu;
        m = std::max(m, a < 0x7f800000u ? a : 0u);
    }
    float f;
    std::memcpy(&f, &m, sizeof f);
    return f;
}

} // namespace

ReportSchemeResult measureScheme(const Tensor& x, const QuantConfig& config)
{
    try {
        return sliceable(x, config) ? measureFused(x, config) : measureWhole(x, config);
    } catch (const Error& e) {
        ReportSchemeResult r;
        r.error = e.what();
        return r;
    }
}

ReportTensorStats tensorStats(const Tensor& x)
{
    ReportTensorStats s;
    const std::int64_t n = x.size();
    if (n == 0)
        return s;
    const std::int64_t channels = x.rank() >= 1 ? x.dim(0) : 1;
    const std::int64_t len = n / channels;
    // Chunks of whole channels, about kStreamChunk values each.
    const std::int64_t perChunk = std::max<std::int64_t>(1, kStreamChunk / std::max<std::int64_t>(1, len));
    std::vector<float> channelMax(std::size_t(channels), 0.0f);
    std::vector<Moments> part(std::size_t(chunkCount(channels, perChunk)));
    std::vector<std::int64_t> finite(part.size(), 0);
    parallelChunks(channels, perChunk, [&](std::int64_t c, std::int64_t b, std::int64_t e) {
        const float* v = x.data() + b * len;
        part[std::size_t(c)] = runMoments(v, (e - b) * len);
        for (std::int64_t ch = b; ch < e; ++ch)
            channelMax[std::size_t(ch)] = runAbsMax(x.data() + ch * len, len);
        finite[std::size_t(c)] = std::int64_t(part[std::size_t(c)].n);
    });
    Moments all;
    for (const Moments& m : part)
        all.merge(m);
    for (auto k : finite)
        s.finite += k;
    s.nonfinite = n - s.finite;
    if (s.finite == 0)
        return s;
    s.mean = all.mean;
    s.std = std::sqrt(all.m2 / all.n);
    s.kurtosis = all.m2 > 0 ? all.n * all.m4 / (all.m2 * all.m2) - 3.0 : 0.0;
    const auto top = std::max_element(channelMax.begin(), channelMax.end());
    s.absmax = *top;
    s.outlierChannel = std::int64_t(top - channelMax.begin());
    // The median channel absmax (the upper median for an even count).
    std::vector<float> sorted = channelMax;
    auto mid = sorted.begin() + std::ptrdiff_t(sorted.size() / 2);
    std::nth_element(sorted.begin(), mid, sorted.end());
    const double median = *mid;
    s.outlierRatio = median > 0 ? s.absmax / median : s.absmax > 0 ? std::numeric_limits<double>::infinity() : 1.0;
    return s;
}

} // namespace qs
