#pragma once
// Non-uniform quantization onto a sorted set of levels L_0 < ... < L_{K-1}
// (docs/course.md "Codebooks and non-uniform levels"): v = x / s, q = the index of the
// nearest level (a tie goes to the lower level), x̂ = s * L_q. With a group
// scale s = absmax / max|L| the group's largest magnitude lands on the
// codebook's largest level (bitsandbytes' NF4: s = block absmax, max|L| = 1).
//
// Nearest-with-ties-down is decided against the midpoints m_i = (L_i + L_{i+1})/2:
// q = #{i : v > m_i}. The kernel compares the float v with t_i, the smallest
// float above m_i, which is the same test done exactly.
#include <cstdint>
#include <vector>

namespace qs {

class CodebookQuantizer
{
public:
    explicit CodebookQuantizer(std::vector<double> levels); // sorted, distinct, non-empty

    const std::vector<double>& levels() const { return m_levels; }
    double maxAbsLevel() const { return m_maxAbs; }

    // out[j] = scale * L[q], codes[j] = q, for v = in[j] * inv. Non-finite inputs pass through with code 0.
    void quantize(const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv, float scale) const;
    // Consecutive blocks of `block` values; block b uses inv[b] and scale[b] (NF4 blocks).
    void quantizeBlocks(const float* in, float* out, std::int32_t* codes, std::int64_t blocks, std::int64_t block,
                        const float* inv, const float* scale) const;
    // The scalar reference: midpoints compared in double.
    std::int32_t nearestIndex(float v) const;

private:
    std::vector<double> m_levels;
    std::vector<float> m_levelsF;
    std::vector<double> m_mid;
    std::vector<float> m_thresholds;
    double m_maxAbs = 0;
};

// 0 and ±2^-k for k = 0 .. 2^(bits-1) - 2: 2^bits - 1 levels in [-1, 1].
std::vector<double> log2Levels(int bits);

struct KMeansFit
{
    std::vector<double> centroids;  // sorted
    std::vector<double> distortion; // after each iteration's assignment step
    int iterations = 0;
    bool converged = false;
    std::int64_t sampled = 0; // values the fit used
};

// Lloyd-Max on the finite values: k = 2^bits centroids initialised at the
// (i + 1/2)/k quantiles of the sorted values (deterministic), at most
// maxIterations rounds of "assign to the nearest centroid (ties to the lower),
// move each centroid to the mean of its values" (an empty cluster keeps its
// centroid). More than 2^20 values are subsampled with a fixed stride.
KMeansFit fitKMeans(const float* x, std::int64_t n, int bits, int maxIterations);

} // namespace qs
