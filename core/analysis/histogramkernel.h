#pragma once
// The per-element bin rule shared by computeHistogram() and the exact
// percentile search (which must bin a value the same way in two passes).
//
// Bin i covers [edge(i), edge(i+1)) with edge(i) = lo + (hi - lo) * i / bins
// evaluated in double; x == hi belongs to the last bin. The fast index is
// t = (x - lo) * bins / (hi - lo); it can disagree with the edge definition
// only when t lies within a few ulps of an integer, so exactly those values
// (a tolerance band, almost never hit by real data) are re-checked against
// the edges. Everything else is branch-free selects.
#include "analysis/stats.h"

#include <cmath>
#include <cstdint>

namespace qs::detail {

class BinRule
{
public:
    BinRule(double lo, double hi, int bins) : m_lo(lo), m_hi(hi), m_bins(bins), m_scale(double(bins) / (hi - lo))
    {
        // Error of t (subtraction and product) plus the error of the edge formula
        // in t units: a few ulps of the largest magnitude involved, times the scale.
        const double magnitude = std::fabs(lo) + std::fabs(hi);
        m_tol = 1e-9 + 8.0 * magnitude * 0x1p-52 * m_scale;
    }

    int bins() const { return m_bins; }
    double edge(int i) const { return m_lo + (m_hi - m_lo) * double(i) / double(m_bins); }

    // Slot in an extended table: 0 below lo, 1 + bin inside [lo, hi], bins + 1
    // above hi, bins + 2 non-finite.
    int slot(float v) const
    {
        const double x = v;
        const double t = (x - m_lo) * m_scale;
        double tc = t > 0.0 ? t : 0.0; // also maps NaN to 0
        tc = tc < double(m_bins) ? tc : double(m_bins);
        int k = int(tc);
        const double frac = tc - double(k);
        if (frac < m_tol || frac > 1.0 - m_tol) [[unlikely]]
            k = exactBin(x, k);
        k = k < m_bins ? k : m_bins - 1;
        int s = k + 1;
        s = x < m_lo ? 0 : s;
        s = x > m_hi ? m_bins + 1 : s;
        s = isNonFinite(v) ? m_bins + 2 : s;
        return s;
    }

private:
    int exactBin(double x, int k) const
    {
        k = k < m_bins ? k : m_bins - 1;
        while (k > 0 && x < edge(k))
            --k;
        while (k + 1 < m_bins && x >= edge(k + 1))
            ++k;
        return k;
    }

    double m_lo, m_hi;
    int m_bins;
    double m_scale;
    double m_tol;
};

} // namespace qs::detail
