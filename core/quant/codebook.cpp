#include "quant/codebook.h"

#include "formats/error.h"
#include "quant/floatrange.h"
#include "runtime/simd.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numeric>

namespace qs {

CodebookQuantizer::CodebookQuantizer(std::vector<double> levels) : m_levels(std::move(levels))
{
    if (m_levels.empty())
        throw ArgumentError("a codebook needs at least one level");
    for (std::size_t i = 0; i < m_levels.size(); ++i) {
        if (!std::isfinite(m_levels[i]))
            throw ArgumentError("codebook levels must be finite");
        if (i > 0 && !(m_levels[i - 1] < m_levels[i]))
            throw ArgumentError("codebook levels must be sorted and distinct");
        m_maxAbs = std::max(m_maxAbs, std::fabs(m_levels[i]));
        m_levelsF.push_back(float(m_levels[i]));
    }
    for (std::size_t i = 0; i + 1 < m_levels.size(); ++i) {
        const double mid = (m_levels[i] + m_levels[i + 1]) / 2;
        m_mid.push_back(mid);
        float t = float(mid);
        if (!(double(t) > mid))
            t = std::nextafter(t, INFINITY); // smallest float strictly above the midpoint
        m_thresholds.push_back(t);
    }
}

std::int32_t CodebookQuantizer::nearestIndex(float v) const
{
    std::int32_t q = 0;
    for (double m : m_mid)
        q += double(v) > m ? 1 : 0;
    return q;
}

namespace {

template <int K> struct SmallTable
{
    // Unused slots: a threshold no value reaches (NaN compares false) and a copy of the last level.
    float th[K], lv[K];
    SmallTable(const float* t, const float* levels, int count)
    {
        for (int i = 0; i < K; ++i) {
            th[i] = i < count - 1 ? t[i] : NAN;
            lv[i] = levels[std::min(i, count - 1)];
        }
    }
};

// Comparisons against at most K-1 thresholds (K <= 16: NF4, int4-like codebooks), as a
// chain of selects instead of a table lookup (no gather needed to vectorise).
template <int K>
QS_ALWAYS_INLINE void codebookLoop(const float* QS_RESTRICT in, float* QS_RESTRICT out, std::int32_t* QS_RESTRICT codes,
                                   std::int64_t n, float inv, float scale, const SmallTable<K>& table)
{
    for (std::int64_t j = 0; j < n; ++j) {
        const float xv = in[j];
        const float v = xv * inv;
        std::int32_t q = 0;
        float level = table.lv[0];
        for (int i = 0; i < K - 1; ++i) {
            const bool above = v >= table.th[i];
            q = above ? i + 1 : q;
            level = above ? table.lv[i + 1] : level;
        }
        const bool finite = std::fabs(xv) <= FLT_MAX;
        out[j] = finite ? clampToFloatRange(level * scale) : xv;
        if (codes)
            codes[j] = finite ? q : 0;
    }
}

// NF4 and the other codebooks of up to 16 levels, per ISA.
template <simd::Isa>
QS_ALWAYS_INLINE void smallCodebookBody(const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv,
                                        float scale, const float* t, const float* levels, int count)
{
    const SmallTable<16> table(t, levels, count);
    codebookLoop<16>(in, out, codes, n, inv, scale, table);
}

template <simd::Isa>
QS_ALWAYS_INLINE void smallCodebookBlocksBody(const float* in, float* out, std::int32_t* codes, std::int64_t blocks,
                                              std::int64_t block, const float* inv, const float* scale, const float* t,
                                              const float* levels, int count)
{
    const SmallTable<16> table(t, levels, count);
    for (std::int64_t b = 0; b < blocks; ++b) {
        const std::int64_t o = b * block;
        codebookLoop<16>(in + o, out + o, codes ? codes + o : nullptr, block, inv[b], scale[b], table);
    }
}

QS_SIMD_TABLE(smallCodebook, smallCodebookBody, void,
              (const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv, float scale, const float* t,
               const float* levels, int count),
              (in, out, codes, n, inv, scale, t, levels, count));
QS_SIMD_TABLE(smallCodebookBlocks, smallCodebookBlocksBody, void,
              (const float* in, float* out, std::int32_t* codes, std::int64_t blocks, std::int64_t block,
               const float* inv, const float* scale, const float* t, const float* levels, int count),
              (in, out, codes, blocks, block, inv, scale, t, levels, count));

} // namespace

void CodebookQuantizer::quantize(const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv,
                                 float scale) const
{
    const int count = int(m_levels.size());
    if (count <= 16) {
        smallCodebook()(in, out, codes, n, inv, scale, m_thresholds.data(), m_levelsF.data(), count);
        return;
    }
    for (std::int64_t j = 0; j < n; ++j) {
        const float xv = in[j];
        if (!(std::fabs(xv) <= FLT_MAX)) {
            out[j] = xv;
            if (codes)
                codes[j] = 0;
            continue;
        }
        const float v = xv * inv;
        // q = #{t_i <= v}: the first threshold above v.
        const auto q =
            std::int32_t(std::upper_bound(m_thresholds.begin(), m_thresholds.end(), v) - m_thresholds.begin());
        out[j] = clampToFloatRange(m_levelsF[std::size_t(q)] * scale);
        if (codes)
            codes[j] = q;
    }
}

void CodebookQuantizer::quantizeBlocks(const float* in, float* out, std::int32_t* codes, std::int64_t blocks,
                                       std::int64_t block, const float* inv, const float* scale) const
{
    const int count = int(m_levels.size());
    if (count <= 16) {
        smallCodebookBlocks()(in, out, codes, blocks, block, inv, scale, m_thresholds.data(), m_levelsF.data(), count);
        return;
    }
    for (std::int64_t b = 0; b < blocks; ++b)
        quantize(in + b * block, out + b * block, codes ? codes + b * block : nullptr, block, inv[b], scale[b]);
}

std::vector<double> log2Levels(int bits)
{
    if (bits < 2 || bits > 8)
        throw ArgumentError("log2 quantizer bits " + std::to_string(bits) + " outside 2-8");
    const int powers = (1 << (bits - 1)) - 1; // magnitudes 2^0 .. 2^-(powers-1)
    std::vector<double> levels;
    for (int k = 0; k < powers; ++k)
        levels.push_back(-std::ldexp(1.0, -k));
    levels.push_back(0.0);
    for (int k = powers - 1; k >= 0; --k)
        levels.push_back(std::ldexp(1.0, -k));
    return levels;
}

KMeansFit fitKMeans(const float* x, std::int64_t n, int bits, int maxIterations)
{
    KMeansFit fit;
    std::vector<double> v;
    const std::int64_t limit = std::int64_t(1) << 20;
    std::int64_t finite = 0;
    for (std::int64_t i = 0; i < n; ++i)
        finite += std::isfinite(x[i]) ? 1 : 0;
    const std::int64_t stride = std::max<std::int64_t>(1, (finite + limit - 1) / limit);
    std::int64_t seen = 0;
    for (std::int64_t i = 0; i < n; ++i)
        if (std::isfinite(x[i]))
            if (seen++ % stride == 0)
                v.push_back(double(x[i]));
    fit.sampled = std::int64_t(v.size());
    if (v.empty()) {
        fit.centroids = {0.0};
        fit.converged = true;
        return fit;
    }
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size();
    const std::size_t k = std::size_t(1) << bits;
    std::vector<double> c;
    for (std::size_t i = 0; i < k; ++i)
        c.push_back(v[std::min(m - 1, std::size_t((double(i) + 0.5) * double(m) / double(k)))]);
    c.erase(std::unique(c.begin(), c.end()), c.end());

    // With sorted values and sorted centroids every cluster is an interval of v.
    auto boundaries = [&](const std::vector<double>& cent) {
        std::vector<std::size_t> b(cent.size() + 1, 0);
        b.back() = m;
        for (std::size_t i = 0; i + 1 < cent.size(); ++i) {
            const double mid = (cent[i] + cent[i + 1]) / 2;
            b[i + 1] = std::size_t(std::upper_bound(v.begin(), v.end(), mid) - v.begin()); // ties to the lower
        }
        return b;
    };
    for (int it = 0; it < maxIterations; ++it) {
        const std::vector<std::size_t> b = boundaries(c);
        double d = 0;
        std::vector<double> next = c;
        for (std::size_t i = 0; i < c.size(); ++i) {
            double sum = 0;
            for (std::size_t j = b[i]; j < b[i + 1]; ++j) {
                const double e = v[j] - c[i];
                d += e * e;
                sum += v[j];
            }
            if (b[i + 1] > b[i])
                next[i] = std::clamp(sum / double(b[i + 1] - b[i]), v[b[i]], v[b[i + 1] - 1]);
        }
        fit.distortion.push_back(d / double(m));
        fit.iterations = it + 1;
        if (next == c) {
            fit.converged = true;
            break;
        }
        c = std::move(next);
        c.erase(std::unique(c.begin(), c.end()), c.end());
    }
    fit.centroids = c;
    return fit;
}

} // namespace qs
