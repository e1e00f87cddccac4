#include "calib/calibration.h"

#include "analysis/histogram.h"
#include "analysis/stats.h"
#include "calib/calibrators.h"
#include "calib/torchlinspace.h"
#include "formats/error.h"
#include "options/specreader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

namespace qs {
namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The numbers of a spec go through the one reader (core/options/specreader.h):
// whole numbers are checked before they become integers.
double number(std::string_view text, std::string_view what, const NumberRange& range = NumberRange::finite())
{
    return SpecReader("calibration " + std::string(what)).number(text, range);
}

std::int64_t integer(std::string_view text, std::string_view what, std::int64_t lo, std::int64_t hi)
{
    return SpecReader("calibration " + std::string(what)).integer(text, lo, hi);
}

std::vector<std::string_view> splitCommas(std::string_view s)
{
    std::vector<std::string_view> parts;
    while (true) {
        const auto comma = s.find(',');
        parts.push_back(s.substr(0, comma));
        if (comma == std::string_view::npos)
            return parts;
        s.remove_prefix(comma + 1);
    }
}

std::string shortest(double v)
{
    char buf[64];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, ptr);
}

// Range of the data as min-max sees it: [-amax, amax] when symmetric.
std::pair<double, double> fullRange(const FiniteStats& s, const CalibrationTarget& t)
{
    if (t.symmetric && !t.unsignedGrid)
        return {-double(s.absMax), double(s.absMax)};
    return {double(s.min), double(s.max)};
}

void addMessage(CalibrationResult& r, const std::string& text)
{
    r.message += r.message.empty() ? text : "; " + text;
}

} // namespace

std::string toString(CalibrationMethod method)
{
    switch (method) {
    case CalibrationMethod::MinMax: return "minmax";
    case CalibrationMethod::MovingAverageMinMax: return "moving-minmax";
    case CalibrationMethod::Percentile: return "percentile";
    case CalibrationMethod::Entropy: return "entropy";
    case CalibrationMethod::Mse: return "mse";
    case CalibrationMethod::Manual: return "manual";
    }
    return "unknown";
}

CalibrationSpec CalibrationSpec::parse(std::string_view text)
{
    const std::string t = lower(text);
    const auto colon = t.find(':');
    const std::string name = t.substr(0, colon);
    const std::string_view args =
        colon == std::string::npos ? std::string_view() : std::string_view(t).substr(colon + 1);
    const auto parts = splitCommas(args);
    auto argCount = [&](std::size_t lo, std::size_t hi) {
        const std::size_t n = colon == std::string::npos ? 0 : parts.size();
        if (n < lo || n > hi)
            throw ArgumentError("calibration '" + std::string(text) + "': wrong number of parameters");
        return n;
    };
    CalibrationSpec spec;
    if (name == "minmax" || name == "max") {
        spec.method = CalibrationMethod::MinMax;
        argCount(0, 0);
    } else if (name == "moving-minmax") {
        spec.method = CalibrationMethod::MovingAverageMinMax;
        const auto n = argCount(0, 2);
        if (n >= 1)
            spec.movingAverageConstant = number(parts[0], "averaging constant", NumberRange::leftOpen(0, 1));
        if (n >= 2)
            spec.batchSize = integer(parts[1], "batch size", 1, std::numeric_limits<std::int64_t>::max());
    } else if (name == "percentile" || name == "percentile-hist") {
        spec.method = CalibrationMethod::Percentile;
        spec.histogramPercentile = name == "percentile-hist";
        if (argCount(0, 1) == 1)
            spec.percentile = number(parts[0], "percentile", NumberRange::leftOpen(0, 100));
    } else if (name == "entropy" || name == "kl") {
        spec.method = CalibrationMethod::Entropy;
        const auto n = argCount(0, 2);
        if (n >= 1)
            spec.histogramBins = int(integer(parts[0], "bin count", 2, 65536));
        if (n >= 2)
            spec.startBin = int(integer(parts[1], "start bin", 1, spec.histogramBins));
    } else if (name == "mse") {
        spec.method = CalibrationMethod::Mse;
        if (argCount(0, 1) == 1)
            spec.mseCandidates = int(integer(parts[0], "MSE candidate count", 10, 100000));
    } else if (name == "manual") {
        spec.method = CalibrationMethod::Manual;
        argCount(2, 2);
        spec.manualMin = number(parts[0], "clip minimum");
        spec.manualMax = number(parts[1], "clip maximum");
        if (!(spec.manualMin < spec.manualMax))
            throw ArgumentError("calibration: manual range needs LO < HI");
    } else {
        throw ArgumentError("unknown calibration '" + std::string(text) +
                            "' (minmax, moving-minmax[:C[,BATCH]], percentile[:P], percentile-hist[:P], "
                            "entropy[:BINS[,START]], mse[:N], manual:LO,HI)");
    }
    return spec;
}

std::string CalibrationSpec::toString() const
{
    switch (method) {
    case CalibrationMethod::MinMax: return "minmax";
    case CalibrationMethod::MovingAverageMinMax: {
        std::string s = "moving-minmax:" + shortest(movingAverageConstant);
        if (batchSize > 0) {
            s += ',';
            s += std::to_string(batchSize);
        }
        return s;
    }
    case CalibrationMethod::Percentile:
        return std::string(histogramPercentile ? "percentile-hist:" : "percentile:") + shortest(percentile);
    case CalibrationMethod::Entropy: return "entropy:" + std::to_string(histogramBins) + "," + std::to_string(startBin);
    case CalibrationMethod::Mse: return "mse:" + std::to_string(mseCandidates);
    case CalibrationMethod::Manual: return "manual:" + shortest(manualMin) + "," + shortest(manualMax);
    }
    return "minmax";
}

CalibrationResult calibrate(std::span<const float> x, const CalibrationSpec& spec, const CalibrationTarget& target)
{
    if (target.bits < 1 || target.bits > 32)
        throw ArgumentError("calibration: bit width " + std::to_string(target.bits) + " outside 1-32");
    CalibrationResult r;
    r.method = spec.method;
    const FiniteStats s = finiteStats(x);
    r.finiteCount = s.finite;
    r.nonfiniteCount = s.nonfinite;
    if (s.nonfinite > 0)
        addMessage(r, std::to_string(s.nonfinite) + " non-finite values excluded");

    if (spec.method == CalibrationMethod::Manual) {
        if (!std::isfinite(spec.manualMin) || !std::isfinite(spec.manualMax) || !(spec.manualMin < spec.manualMax))
            throw ArgumentError("calibration: manual range needs finite LO < HI");
        r.clipMin = spec.manualMin;
        r.clipMax = spec.manualMax;
        return r;
    }
    const bool symmetric = target.symmetric && !target.unsignedGrid;
    // Degenerate data: a valid, non-empty range and a message, never a division by zero.
    if (s.empty() || s.min == s.max || (symmetric && s.absMax == 0)) {
        const double v = s.empty() ? 0.0 : double(symmetric ? s.absMax : s.min);
        const double a = std::fabs(v);
        if (v == 0) {
            r.clipMin = -1;
            r.clipMax = 1;
        } else if (symmetric) {
            r.clipMin = -a;
            r.clipMax = a;
        } else { // [0, 2v] or [2v, 0]: includes 0 and keeps the value's scale
            r.clipMin = v - a;
            r.clipMax = v + a;
        }
        addMessage(r, std::string(s.empty() ? "no finite values" : "constant tensor") + ": using range [" +
                          shortest(r.clipMin) + ", " + shortest(r.clipMax) + "]");
        return r;
    }

    const auto [lo0, hi0] = fullRange(s, target);
    r.clipMin = lo0;
    r.clipMax = hi0;
    switch (spec.method) {
    case CalibrationMethod::MinMax:
    case CalibrationMethod::Manual: break;
    case CalibrationMethod::MovingAverageMinMax: {
        const std::int64_t batch = spec.batchSize > 0 ? spec.batchSize : 4096;
        const MovingRange m = movingAverageMinMax(x, batch, spec.movingAverageConstant, symmetric);
        // Symmetric: the larger magnitude of the running min and max (calculate_qparams).
        auto amax = [&](std::size_t k) { return std::max(-m.runningMin[k], m.runningMax[k]); };
        r.clipMin = symmetric ? -amax(m.runningMax.size() - 1) : m.runningMin.back();
        r.clipMax = symmetric ? amax(m.runningMax.size() - 1) : m.runningMax.back();
        r.curve.xLabel = "batch";
        r.curve.yLabel = symmetric ? "running amax" : "running max";
        for (std::size_t k = 0; k < m.runningMax.size(); ++k) {
            r.curve.x.push_back(double(k + 1));
            r.curve.y.push_back(symmetric ? amax(k) : m.runningMax[k]);
        }
        r.curve.chosenX = double(m.runningMax.size());
        break;
    }
    case CalibrationMethod::Percentile: {
        const double p = spec.percentile;
        if (!(p > 0 && p <= 100))
            throw ArgumentError("calibration: percentile " + shortest(p) + " outside (0, 100]");
        const double pLo = std::min(p, 100 - p), pHi = std::max(p, 100 - p);
        if (spec.histogramPercentile) {
            const int bins = std::clamp(spec.histogramBins, 2, 65536);
            if (target.torchHistogram) {
                // pytorch-quantization: torch.histc of |x| and the float32 edge bin_edges[idx]
                // (an unsigned grid clips at [0, amax] or less, as the entropy branch below).
                const std::size_t i = histogramPercentileEdge(torchHistcAbs(x, bins, s.absMax), p);
                r.clipMax = torchLinspace(0.0f, s.absMax, bins + 1)[i];
                r.clipMin = symmetric ? -r.clipMax : std::max(double(s.min), -r.clipMax);
            } else if (symmetric) {
                const Histogram h = computeAbsHistogram(x, bins, s.absMax);
                r.clipMax = histogramPercentile(h.counts, 0, s.absMax, p);
                r.clipMin = -r.clipMax;
            } else {
                const Histogram h = computeHistogram(x, bins, s.min, s.max);
                r.clipMin = histogramPercentile(h.counts, s.min, s.max, pLo);
                r.clipMax = histogramPercentile(h.counts, s.min, s.max, pHi);
            }
        } else {
            // The curve shows the threshold over a ladder of percentiles around P.
            std::vector<double> ps;
            for (double q : {90.0, 99.0, 99.9, 99.99, 99.999, 100.0})
                if (q < pHi)
                    ps.push_back(q);
            ps.push_back(pHi);
            if (pHi < 100)
                ps.push_back(100);
            std::vector<double> wanted = ps;
            if (!symmetric)
                wanted.push_back(pLo); // one pass for both ends
            std::vector<double> v = percentiles(x, wanted, symmetric);
            const double vHi = v[std::size_t(std::find(ps.begin(), ps.end(), pHi) - ps.begin())];
            r.clipMax = vHi;
            r.clipMin = symmetric ? -vHi : v.back();
            v.resize(ps.size());
            r.curve.xLabel = "percentile";
            r.curve.yLabel = symmetric ? "percentile of |x|" : "percentile of x";
            r.curve.x = ps;
            r.curve.y = v;
            r.curve.chosenX = pHi;
        }
        break;
    }
    case CalibrationMethod::Entropy: {
        if (target.bits > 16)
            throw ArgumentError("entropy calibration supports 1-16 bits");
        const int bins = spec.histogramBins;
        if (bins < 2 || bins > 65536 || spec.startBin < 1 || spec.startBin > bins)
            throw ArgumentError("calibration: entropy needs 2-65536 bins and a start bin within them");
        const int targetBins = 1 << (target.bits - 1 + (target.unsignedGrid ? 1 : 0));
        // The nvidia convention: torch.histc's bins and torch.linspace's float32 edges (calib/torchlinspace.h).
        const std::vector<std::uint64_t> counts =
            target.torchHistogram ? torchHistcAbs(x, bins, s.absMax) : computeAbsHistogram(x, bins, s.absMax).counts;
        EntropySearch e = entropySearch(counts, s.absMax, targetBins, spec.startBin);
        std::vector<float> edges;
        if (target.torchHistogram) {
            edges = torchLinspace(0.0f, s.absMax, bins + 1);
            e.amax = edges[std::size_t(e.bin)];
        }
        auto edge = [&](int i) {
            return edges.empty() ? double(s.absMax) * double(i) / double(bins) : double(edges[std::size_t(i)]);
        };
        if (symmetric) {
            r.clipMin = -e.amax;
            r.clipMax = e.amax;
        } else { // amax clips |x|; the range never reaches past the data
            r.clipMin = std::max(double(s.min), -e.amax);
            r.clipMax = std::min(double(s.max), e.amax);
        }
        r.curve.xLabel = "threshold |x|";
        r.curve.yLabel = "KL(P||Q) [nats]";
        for (std::size_t k = 0; k < e.kl.size(); ++k) {
            r.curve.x.push_back(edge(e.candidates[k]));
            r.curve.y.push_back(e.kl[k]);
        }
        r.curve.chosenX = e.amax;
        break;
    }
    case CalibrationMethod::Mse: {
        const MseSearch m = mseSearch(x, lo0, hi0, target, spec.mseCandidates);
        r.clipMin = m.lo;
        r.clipMax = m.hi;
        r.curve = m.curve;
        if (m.sampled)
            addMessage(r, "MSE searched on a strided subsample of " + std::to_string(kMseSampleLimit) +
                              " values; the winner was re-checked on all values against min-max");
        break;
    }
    }
    if (!(r.clipMin < r.clipMax) || !std::isfinite(r.clipMin) || !std::isfinite(r.clipMax)) {
        addMessage(r, toString(spec.method) + " gave an empty range [" + shortest(r.clipMin) + ", " +
                          shortest(r.clipMax) + "]; using min-max");
        r.clipMin = lo0;
        r.clipMax = hi0;
    }
    return r;
}

MovingRange movingAverageMinMax(std::span<const float> x, std::int64_t batchSize, double c, bool /*absolute*/)
{
    if (batchSize < 1)
        throw ArgumentError("moving-average min-max: batch size must be at least 1");
    MovingRange m;
    for (std::size_t b = 0; b < x.size(); b += std::size_t(batchSize)) {
        const FiniteStats s = finiteStats(x.subspan(b, std::min(x.size() - b, std::size_t(batchSize))));
        if (s.empty())
            continue;
        // MovingAverageMinMaxObserver.forward: min and max tracked separately
        // (also for a symmetric qscheme, which takes the larger magnitude only
        // in calculate_qparams), every operation a float32 tensor op:
        // running + c * (current - running), with c cast to float32.
        const float lo = s.min, hi = s.max;
        if (m.runningMax.empty()) {
            m.runningMin.push_back(lo);
            m.runningMax.push_back(hi);
        } else {
            const float cf = float(c);
            const float rl = float(m.runningMin.back()), rh = float(m.runningMax.back());
            const float dl = lo - rl, dh = hi - rh;
            const float sl = cf * dl, sh = cf * dh;
            m.runningMin.push_back(double(rl + sl));
            m.runningMax.push_back(double(rh + sh));
        }
    }
    if (m.runningMax.empty())
        throw ArgumentError("moving-average min-max: no finite values");
    return m;
}

} // namespace qs
