// NVIDIA pytorch-quantization / Model-Optimizer entropy calibration
// (HistogramCalibrator, method "entropy"; docs/quantization.md), restated:
//   bins = histogram of |x|, B bins on [0, max|x|]; bins[0] = bins[1]
//   (NVIDIA's way of discounting the spike of exact zeros);
//   for each candidate i = startBin .. B:
//     P = bins[0:i], with the clipped tail sum(bins[i:]) added to P[i-1];
//     Q = bins[0:i] merged into T groups, bin j in group floor(j * T / i),
//         each group's mass spread evenly over its non-empty bins, 0 on empty bins;
//     KL(P || Q) of the normalised vectors, natural log, no smoothing
//     (scipy.stats.entropy: +inf where Q = 0 < P);
//   the last minimum wins; amax = bin_edges[i] = i * max|x| / B.
// "bin_edges[i]" is the left edge of bin i, i.e. the right edge of P's last
// bin i - 1: the candidate keeps exactly the bins it measured.
//
// Speed: instead of building P and Q per candidate (O(i) logs each), the sums
// are rearranged. With C = sum(P) (all data), D = sum(Q) (= C - tail) and
// q_g = mass_g / nonempty_g the unnormalised Q value of group g,
//   KL = (sum_j P_j log P_j - sum_j P_j log Q_j) / C + log(D / C),
// where sum P log P comes from a prefix sum of c log c (plus the last bin),
// and sum P log Q = sum over groups of (P mass in the group) * log q_g, with
// group masses and non-empty counts from prefix sums: O(T) logs per candidate.
#include "calib/calibrators.h"

#include "formats/error.h"

#include <cmath>
#include <limits>
#include <string>

namespace qs {

EntropySearch entropySearch(std::span<const std::uint64_t> counts, double hi, int targetBins, int startBin)
{
    const int bins = int(counts.size());
    if (bins < 2)
        throw ArgumentError("entropy calibration needs at least 2 histogram bins");
    if (startBin < 1 || startBin > bins)
        throw ArgumentError("entropy start bin " + std::to_string(startBin) + " outside 1-" + std::to_string(bins));
    if (targetBins < 1)
        throw ArgumentError("entropy calibration needs at least one quantization bin");

    std::vector<double> c(counts.begin(), counts.end());
    c[0] = c[1];
    // Prefix sums over [0, j): counts (exact integers in double), non-empty bins, c log c.
    std::vector<double> mass(std::size_t(bins) + 1, 0), cLogC(std::size_t(bins) + 1, 0);
    std::vector<std::int64_t> nonEmpty(std::size_t(bins) + 1, 0);
    for (int j = 0; j < bins; ++j) {
        const double v = c[std::size_t(j)];
        mass[std::size_t(j) + 1] = mass[std::size_t(j)] + v;
        nonEmpty[std::size_t(j) + 1] = nonEmpty[std::size_t(j)] + (v > 0);
        cLogC[std::size_t(j) + 1] = cLogC[std::size_t(j)] + (v > 0 ? v * std::log(v) : 0.0);
    }
    const double total = mass[std::size_t(bins)];
    const double inf = std::numeric_limits<double>::infinity();

    EntropySearch out;
    out.candidates.reserve(std::size_t(bins - startBin + 1));
    out.kl.reserve(out.candidates.capacity());
    for (int i = startBin; i <= bins; ++i) {
        const double kept = mass[std::size_t(i)]; // D
        const double tail = total - kept;
        const double last = c[std::size_t(i) - 1];
        const double pLast = last + tail;
        double kl;
        if (kept == 0 || (last == 0 && pLast > 0)) {
            kl = inf; // Q has no mass at all, or none where P's last bin has some
        } else {
            const double pLogP = cLogC[std::size_t(i) - 1] + (pLast > 0 ? pLast * std::log(pLast) : 0.0);
            double pLogQ = 0;
            if (targetBins >= i) {
                // Every bin is its own group: Q_j = c_j.
                pLogQ = cLogC[std::size_t(i) - 1] + (pLast > 0 ? pLast * std::log(last) : 0.0);
            } else {
                const std::int64_t T = targetBins;
                std::int64_t b0 = 0;
                for (std::int64_t g = 0; g < T; ++g) {
                    // Bin j is in group g iff g*i <= j*T < (g+1)*i, i.e. j in [ceil(g*i/T), ceil((g+1)*i/T)).
                    const std::int64_t b1 = ((g + 1) * i + T - 1) / T;
                    const std::int64_t nz = nonEmpty[std::size_t(b1)] - nonEmpty[std::size_t(b0)];
                    if (nz > 0) {
                        const double m = mass[std::size_t(b1)] - mass[std::size_t(b0)];
                        const double pMass = m + (b1 == i ? tail : 0.0);
                        pLogQ += pMass * std::log(m / double(nz));
                    }
                    b0 = b1;
                }
            }
            kl = std::max(0.0, (pLogP - pLogQ) / total + std::log(kept / total));
        }
        out.candidates.push_back(i);
        out.kl.push_back(kl);
    }
    // The last minimum wins (NVIDIA: len - 1 - argmin(divergences[::-1])).
    std::size_t best = 0;
    for (std::size_t k = 0; k < out.kl.size(); ++k)
        if (out.kl[k] <= out.kl[best])
            best = k;
    out.bin = out.candidates[best];
    out.amax = hi * double(out.bin) / double(bins);
    return out;
}

} // namespace qs
