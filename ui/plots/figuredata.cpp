#include "plots/figuredata.h"

#include "formats/error.h"
#include "quant/pipeline.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <set>

namespace qs {

namespace {

const char* const kKindNames[] = {"histogram", "error", "transfer", "calibration", "channels", "compare", "sweep"};

bool cancelled(const std::atomic<bool>* c)
{
    return c && c->load();
}

QuantOptions liveOptions(const std::atomic<bool>* cancel, bool histograms = true)
{
    QuantOptions o;
    o.codes = false;
    o.histograms = histograms;
    o.cancel = cancel;
    return o;
}

double quantile(std::vector<float>& v, double p)
{
    if (v.empty())
        return 0;
    const auto k = std::size_t(std::clamp(p, 0.0, 1.0) * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

} // namespace

QString figureKindName(FigureKind kind)
{
    return QString::fromLatin1(kKindNames[int(kind)]);
}

bool parseFigureKind(const QString& name, FigureKind& kind)
{
    for (int i = 0; i < 7; ++i)
        if (name == QLatin1String(kKindNames[i])) {
            kind = FigureKind(i);
            return true;
        }
    return false;
}

QStringList figureKindNames()
{
    QStringList l;
    for (const char* n : kKindNames)
        l << QString::fromLatin1(n);
    return l;
}

TransferCurve computeTransfer(const QuantResult& r)
{
    TransferCurve t;
    if (r.groups.empty())
        return t;
    const GroupParams& g = r.groups.front();
    t.clipMin = g.clipMin;
    t.clipMax = g.clipMax;
    const double w = std::max(g.clipMax - g.clipMin, 1e-30);
    const double lo = g.clipMin - 0.15 * w, hi = g.clipMax + 0.15 * w;
    constexpr int kSamples = 4001;
    std::vector<float> xs(kSamples);
    for (int i = 0; i < kSamples; ++i)
        xs[std::size_t(i)] = float(lo + (hi - lo) * i / (kSamples - 1));
    // The same quantizer with the first group's range fixed: the staircase the
    // core applies to that group. Block formats choose their scale per block of
    // the sample grid, so for them the levels (scale × level) are used directly.
    QuantConfig c = r.config;
    bool direct = c.kind == QuantizerKind::Uniform || c.kind == QuantizerKind::Float || c.kind == QuantizerKind::Log2 ||
                  c.kind == QuantizerKind::Codebook;
    std::vector<double> out(kSamples);
    if (direct) {
        try {
            c.granularity = Granularity{};
            c.calibration.method = CalibrationMethod::Manual;
            c.calibration.manualMin = g.clipMin;
            c.calibration.manualMax = g.clipMax;
            c.outliers = OutlierMode::Off;
            QuantOptions o;
            o.codes = false;
            o.metrics = false;
            o.histograms = false;
            const QuantResult q = runQuantization(Tensor::fromVector(xs), c, o);
            for (int i = 0; i < kSamples; ++i)
                out[std::size_t(i)] = q.dequantized.data()[i];
        } catch (const Error&) {
            direct = false;
        }
    }
    if (!direct) {
        std::vector<double> lv;
        for (double l : r.levels)
            lv.push_back(g.scale * (l - g.zeroPoint));
        std::sort(lv.begin(), lv.end());
        if (lv.empty())
            return t;
        for (int i = 0; i < kSamples; ++i) {
            const double x = xs[std::size_t(i)];
            auto it = std::lower_bound(lv.begin(), lv.end(), x);
            double best = it == lv.end() ? lv.back() : *it;
            if (it != lv.begin() && (it == lv.end() || x - *(it - 1) <= *it - x))
                best = *(it - 1);
            out[std::size_t(i)] = best;
        }
    }
    t.x.assign(xs.begin(), xs.end());
    t.xhat = out;
    std::set<double> distinct(out.begin(), out.end());
    if (distinct.size() <= 4096)
        t.levels.assign(distinct.begin(), distinct.end());
    return t;
}

std::vector<MethodChoice> computeMethodChoices(const Tensor& x, const QuantConfig& config,
                                               const std::atomic<bool>* cancel)
{
    struct M
    {
        const char* label;
        const char* spec;
    };
    static const M methods[] = {{"min-max", "minmax"},
                                {"percentile 99.9", "percentile:99.9"},
                                {"percentile 99.99", "percentile:99.99"},
                                {"entropy (KL)", "entropy"},
                                {"MSE", "mse"}};
    std::vector<MethodChoice> out;
    for (const M& m : methods) {
        if (cancelled(cancel))
            break;
        QuantConfig c = config;
        if (c.kind != QuantizerKind::Uniform && c.kind != QuantizerKind::Float) {
            c.setQuantizer("int8");
            c.scheme = config.scheme;
        }
        c.granularity = Granularity{};
        c.outliers = OutlierMode::Off;
        c.calibration = CalibrationSpec::parse(m.spec);
        QuantOptions o = liveOptions(cancel, false);
        o.metrics = false;
        const QuantResult r = runQuantization(x, c, o);
        out.push_back({QObject::tr(m.label), r.calibration.clipMin, r.calibration.clipMax});
    }
    return out;
}

ChannelStats computeChannelStats(const Tensor& x, const QuantResult& r, int selected)
{
    ChannelStats s;
    // Groups along the configured channel axis; for per-tensor or block
    // configs, rows of a 2-d tensor (output channels) or blocks of 64 of a 1-d one.
    std::vector<std::vector<float>> groups;
    const auto& gran = r.config.granularity;
    if (x.empty())
        return s;
    if (gran.kind == Granularity::Kind::Channel || (gran.kind == Granularity::Kind::Tensor && x.rank() >= 2)) {
        int axis = gran.kind == Granularity::Kind::Channel ? gran.axis : 0;
        if (axis < 0)
            axis += x.rank();
        std::int64_t outer = 1, inner = 1;
        for (int d = 0; d < axis; ++d)
            outer *= x.shape()[std::size_t(d)];
        for (int d = axis + 1; d < x.rank(); ++d)
            inner *= x.shape()[std::size_t(d)];
        const std::int64_t channels = x.dim(axis);
        s.totalGroups = channels;
        groups.resize(std::size_t(std::min(channels, kMaxChannelGroups)));
        for (std::int64_t o = 0; o < outer; ++o)
            for (std::int64_t c = 0; c < std::int64_t(groups.size()); ++c) {
                const float* p = x.data() + (o * channels + c) * inner;
                groups[std::size_t(c)].insert(groups[std::size_t(c)].end(), p, p + inner);
            }
        s.groupName = QObject::tr("channel");
    } else {
        const std::int64_t block =
            gran.kind == Granularity::Kind::Block ? std::max<std::int64_t>(gran.blockSize, 1) : 64;
        s.totalGroups = (x.size() + block - 1) / block;
        const std::int64_t count = std::min(s.totalGroups, kMaxChannelGroups);
        for (std::int64_t b = 0; b < count; ++b) {
            const float* p = x.data() + b * block;
            groups.emplace_back(p, p + std::min(block, x.size() - b * block));
        }
        s.groupName = QObject::tr("block");
    }
    for (std::size_t i = 0; i < groups.size(); ++i) {
        std::vector<float> v;
        for (float f : groups[i])
            if (std::isfinite(f))
                v.push_back(f);
        s.min.push_back(v.empty() ? 0 : *std::min_element(v.begin(), v.end()));
        s.max.push_back(v.empty() ? 0 : *std::max_element(v.begin(), v.end()));
        s.q1.push_back(quantile(v, 0.25));
        s.median.push_back(quantile(v, 0.5));
        s.q3.push_back(quantile(v, 0.75));
        // The scale of the group when the config quantizes by these groups,
        // else the one per-tensor scale (what every group shares).
        const std::size_t gi = r.groups.size() > 1 ? std::min(i, r.groups.size() - 1) : 0;
        s.scale.push_back(r.groups.empty() ? 0 : r.groups[gi].scale);
    }
    s.selected = std::clamp(selected, 0, std::max(0, int(groups.size()) - 1));
    if (!groups.empty()) {
        const auto& g = groups[std::size_t(s.selected)];
        s.selectedHistogram = computeHistogram(g, std::clamp(int(g.size()) / 8, 16, 128));
    }
    return s;
}

QString CompareEntry::toString() const
{
    return granularity.isEmpty() ? quantizer : quantizer + QLatin1Char(' ') + granularity;
}

CompareEntry CompareEntry::parse(const QString& text)
{
    const QStringList parts = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        throw ArgumentError("compare: an empty entry (type a quantizer such as int8, nf4 or int4 channel:0)");
    if (parts.size() > 2)
        throw ArgumentError("compare: '" + text.simplified().toStdString() +
                            "' is not QUANTIZER [GRANULARITY], e.g. int4 channel:0");
    CompareEntry e;
    e.quantizer = parts[0].toLower();
    if (parts.size() == 2)
        e.granularity = parts[1].toLower();
    // Validated on data of both ranks the plot can get ("auto" resolves differently).
    e.config(Tensor(Shape{1}), QuantConfig{});
    return e;
}

QuantConfig CompareEntry::config(const Tensor& x, const QuantConfig& current) const
{
    QuantConfig c;
    try {
        c.setQuantizer(quantizer.toStdString());
    } catch (const Error& e) {
        throw ArgumentError("compare: '" + quantizer.toStdString() + "' is not a quantizer (" + e.what() + ")");
    }
    c.histogramBins = current.histogramBins;
    if (c.kind == QuantizerKind::Float)
        c.formatScaled = true;
    const std::string g = granularity.toStdString();
    if (g.empty()) {
        // The quantizer's own grouping: per tensor, blocks of 32 for MX, 64 for NF4.
    } else if (g == "auto") {
        c.granularity = x.rank() >= 2 ? Granularity::parse("channel:0") : Granularity::parse("block:32");
    } else {
        try {
            c.granularity = Granularity::parse(g);
        } catch (const Error&) {
            throw ArgumentError("compare: '" + g + "' is not a granularity (tensor, channel:AXIS, block:SIZE, auto)");
        }
    }
    try {
        c.validate();
    } catch (const Error& e) {
        throw ArgumentError("compare: '" + toString().toStdString() + "': " + e.what());
    }
    return c;
}

std::vector<CompareEntry> defaultCompareList()
{
    return {{QStringLiteral("int8"), {}},
            {QStringLiteral("fp8-e4m3"), {}},
            {QStringLiteral("nf4"), {}},
            {QStringLiteral("mxfp4"), {}},
            {QStringLiteral("int4"), QStringLiteral("auto")}};
}

std::vector<QuantConfig> compareConfigs(const Tensor& x, const QuantConfig& current,
                                        const std::vector<CompareEntry>& list)
{
    std::vector<QuantConfig> configs{current};
    for (const CompareEntry& e : list)
        configs.push_back(e.config(x, current));
    return configs;
}

std::vector<std::shared_ptr<const QuantResult>> computeCompare(const Tensor& x, const QuantConfig& current,
                                                               const std::vector<CompareEntry>& list,
                                                               const std::atomic<bool>* cancel)
{
    std::vector<std::shared_ptr<const QuantResult>> out;
    for (const QuantConfig& c : compareConfigs(x, current, list)) {
        if (cancelled(cancel))
            break;
        out.push_back(std::make_shared<QuantResult>(runQuantization(x, c, liveOptions(cancel))));
    }
    return out;
}

SweepData computeSweep(const Tensor& x, const QuantConfig& current, const std::atomic<bool>* cancel)
{
    SweepData s;
    QuantConfig c = current;
    if (c.kind != QuantizerKind::Uniform)
        c.setQuantizer("int8");
    // The 6.02 dB/bit rule is about the grid, not outlier handling.
    c.outliers = OutlierMode::Off;
    for (int b = 2; b <= 16; ++b) {
        if (cancelled(cancel))
            break;
        c.bits = b;
        const QuantResult r = runQuantization(x, c, liveOptions(cancel, false));
        s.bits.push_back(b);
        s.sqnrDb.push_back(r.metrics.sqnrDb);
        s.mse.push_back(r.metrics.mse);
    }
    return s;
}

void computeErrorScatter(const Tensor& x, const QuantResult& r, std::vector<double>& xs, std::vector<double>& errors)
{
    xs.clear();
    errors.clear();
    const std::int64_t n = std::min<std::int64_t>(x.size(), r.dequantized.size());
    const std::int64_t stride = std::max<std::int64_t>(1, n / kScatterPoints);
    for (std::int64_t i = 0; i < n; i += stride) {
        const float a = x.data()[i], b = r.dequantized.data()[i];
        if (std::isfinite(a) && std::isfinite(b)) {
            xs.push_back(a);
            errors.push_back(double(b) - double(a));
        }
    }
}

FigureInputs computeMainInputs(const Tensor& x, const QuantConfig& config, const std::atomic<bool>* cancel)
{
    FigureInputs in;
    auto r = std::make_shared<QuantResult>(runQuantization(x, config, liveOptions(cancel)));
    if (!r->cancelled) {
        in.transfer = computeTransfer(*r);
        computeErrorScatter(x, *r, in.scatterX, in.scatterError);
    }
    in.result = std::move(r);
    return in;
}

Tensor previewSample(const Tensor& x, std::int64_t target)
{
    const std::int64_t n = x.size();
    const float* d = x.data();
    std::vector<float> v;
    if (n <= target) {
        v.assign(d, d + n);
        return Tensor::fromVector(std::move(v));
    }
    v.reserve(std::size_t(target) + 2);
    // Index floor(k·n / target): evenly spread, the same on every run.
    for (std::int64_t k = 0; k < target; ++k)
        v.push_back(d[(k * n) / target]);
    std::int64_t lo = -1, hi = -1;
    for (std::int64_t i = 0; i < n; ++i) {
        if (!std::isfinite(d[i]))
            continue;
        if (lo < 0 || d[i] < d[lo])
            lo = i;
        if (hi < 0 || d[i] > d[hi])
            hi = i;
    }
    if (lo >= 0) {
        v.push_back(d[lo]);
        v.push_back(d[hi]);
    }
    return Tensor::fromVector(std::move(v));
}

bool previewApplies(const Tensor& x, const QuantConfig& config)
{
    return x.size() > kPreviewMinValues && config.granularity.kind == Granularity::Kind::Tensor &&
           config.outliers != OutlierMode::Columns;
}

FigureInputs computePreviewInputs(const Tensor& sample, std::int64_t fullValues, const QuantConfig& config,
                                  const std::atomic<bool>* cancel)
{
    FigureInputs in = computeMainInputs(sample, config, cancel);
    in.preview = true;
    in.previewValues = sample.size();
    in.fullValues = fullValues;
    if (!in.result || in.result->cancelled || sample.size() == 0)
        return in;
    auto r = std::make_shared<QuantResult>(*in.result);
    const double factor = double(fullValues) / double(sample.size());
    auto scale = [factor](Histogram& h) {
        for (auto& c : h.counts)
            c = std::uint64_t(std::llround(double(c) * factor));
        h.below = std::uint64_t(std::llround(double(h.below) * factor));
        h.above = std::uint64_t(std::llround(double(h.above) * factor));
        h.nonfinite = std::uint64_t(std::llround(double(h.nonfinite) * factor));
    };
    scale(r->histOriginal);
    scale(r->histDequantized);
    scale(r->histError);
    in.result = std::move(r);
    return in;
}

void computeExtraInputs(FigureKind kind, const Tensor& x, FigureInputs& in, int channel,
                        const std::atomic<bool>* cancel, const std::vector<CompareEntry>* compareList)
{
    if (!in.result)
        return;
    const QuantConfig& c = in.result->config;
    switch (kind) {
    case FigureKind::Calibration: in.choices = computeMethodChoices(x, c, cancel); break;
    case FigureKind::Channels: in.channels = computeChannelStats(x, *in.result, channel); break;
    case FigureKind::Compare:
        in.compare = computeCompare(x, c, compareList ? *compareList : defaultCompareList(), cancel);
        break;
    case FigureKind::Sweep: in.sweep = computeSweep(x, c, cancel); break;
    default: break;
    }
}

} // namespace qs
