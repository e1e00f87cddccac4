#pragma once
// The numbers behind each explorer figure, computed from a tensor and a
// QuantConfig by the core only (no widgets). The GUI computes them on its
// Engine's worker thread, `quantscope-cli plot` computes them inline; both
// then hand them to the same builders (figures.h), so a figure made headless
// has exactly the data of the one on screen.
#include "calib/calibration.h"
#include "quant/quantresult.h"
#include "tensor/tensor.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace qs {

enum class FigureKind { Histogram, Error, Transfer, Calibration, Channels, Compare, Sweep };

// "histogram" "error" "transfer" "calibration" "channels" "compare" "sweep".
QString figureKindName(FigureKind kind);
bool parseFigureKind(const QString& name, FigureKind& kind);
QStringList figureKindNames();

// x -> x̂ of the first group's grid, sampled densely across and beyond its clip range.
struct TransferCurve
{
    std::vector<double> x, xhat;
    double clipMin = 0, clipMax = 0;
    std::vector<double> levels; // distinct representable values inside the sampled range (≤ 4096)
};

struct MethodChoice
{
    QString name;
    double clipMin = 0, clipMax = 0;
};

struct ChannelStats
{
    QString groupName; // "channel" or "block"
    std::vector<double> min, q1, median, q3, max, scale;
    int selected = 0;
    Histogram selectedHistogram;
    // How many groups the data has; the plot shows the first kMaxChannelGroups
    // (a box per group stops being readable long before) and says so.
    std::int64_t totalGroups = 0;
};
inline constexpr std::int64_t kMaxChannelGroups = 2048;

struct SweepData
{
    std::vector<int> bits;
    std::vector<double> sqnrDb;
    std::vector<double> mse;
};

struct FigureInputs
{
    std::shared_ptr<const QuantResult> result;
    TransferCurve transfer;
    std::vector<MethodChoice> choices;                       // Calibration
    ChannelStats channels;                                   // Channels
    std::vector<std::shared_ptr<const QuantResult>> compare; // Compare
    SweepData sweep;                                         // Sweep
    // Error-against-value points (at most kScatterPoints, evenly strided over
    // the values the result was computed from), made on the worker thread.
    std::vector<double> scatterX, scatterError;
    // A live preview (see computePreviewInputs): the result of a subsample,
    // histogram counts scaled to the full size. The exact result replaces it.
    bool preview = false;
    std::int64_t previewValues = 0, fullValues = 0;
};

inline constexpr std::int64_t kScatterPoints = 20000;
// The live preview's subsample size: 2^18 values keep a 2048-bin histogram's
// shape (≥ 128 values per bin on average) at a small fraction of 2^24's cost.
inline constexpr std::int64_t kPreviewValues = std::int64_t(1) << 18;
// Below 2^22 values the exact pass takes about 30 ms on the 2-core reference
// machine, and a preview only competes with it for the cores: measured with
// `--bench-ui --n 1000000`, the exact figure came 27–29 ms after a change
// without a preview and 44–46 ms with one, the first figure 27–28 ms.
inline constexpr std::int64_t kPreviewMinValues = std::int64_t(1) << 22;

// Every k-th value (k = n / target, deterministic) as a 1-d tensor, plus the
// smallest and the largest finite value, so min-max ranges and histogram
// edges of the preview are those of the full data.
Tensor previewSample(const Tensor& x, std::int64_t target = kPreviewValues);
// Whether a preview of `x` under `config` is worth it and meaningful: large
// data and a per-tensor range (a strided subsample keeps no channel, block or
// column structure).
bool previewApplies(const Tensor& x, const QuantConfig& config);
// The main inputs of `sample` marked as a preview of `fullValues` values:
// histogram counts ×(fullValues / sample size), metrics are estimates.
FigureInputs computePreviewInputs(const Tensor& sample, std::int64_t fullValues, const QuantConfig& config,
                                  const std::atomic<bool>* cancel = nullptr);
// Strided (x, x̂ − x) pairs of the finite values, at most kScatterPoints.
void computeErrorScatter(const Tensor& x, const QuantResult& r, std::vector<double>& xs, std::vector<double>& errors);

TransferCurve computeTransfer(const QuantResult& result);
std::vector<MethodChoice> computeMethodChoices(const Tensor& x, const QuantConfig& config,
                                               const std::atomic<bool>* cancel = nullptr);
ChannelStats computeChannelStats(const Tensor& x, const QuantResult& result, int selected);
// One row of the Compare plot: a quantizer spec (what QuantConfig::setQuantizer
// accepts: int8, fp8-e4m3, nf4, mxfp4, int4 ...) and a granularity (what
// Granularity::parse accepts, or "auto": per channel along axis 0 for data of
// rank >= 2, blocks of 32 for 1-d data). Float formats are scaled per group so
// their range fits the data (an unscaled FP8 flushes small weights to zero).
struct CompareEntry
{
    QString quantizer;
    QString granularity; // empty: the quantizer's own (per tensor; blocks for NF4 and MX formats)

    // "QUANTIZER" or "QUANTIZER GRANULARITY" (as typed in the list editor).
    QString toString() const;
    // Parses and validates; throws qs::Error whose message names the bad part.
    static CompareEntry parse(const QString& text);
    // The config of this row (with the histogram bin count of `current`).
    // Throws qs::Error for a spec no quantizer accepts.
    QuantConfig config(const Tensor& x, const QuantConfig& current) const;
    friend bool operator==(const CompareEntry&, const CompareEntry&) = default;
};

// Today's fixed list: int8, FP8-E4M3 (scaled), NF4, MXFP4, int4 "auto".
std::vector<CompareEntry> defaultCompareList();

// The quantizers of the Compare plot: the current one first, then `list`.
std::vector<QuantConfig> compareConfigs(const Tensor& x, const QuantConfig& current,
                                        const std::vector<CompareEntry>& list);
std::vector<std::shared_ptr<const QuantResult>> computeCompare(const Tensor& x, const QuantConfig& current,
                                                               const std::vector<CompareEntry>& list,
                                                               const std::atomic<bool>* cancel = nullptr);
// SQNR for 2..16-bit integer grids with the current scheme, granularity and calibration.
SweepData computeSweep(const Tensor& x, const QuantConfig& current, const std::atomic<bool>* cancel = nullptr);

// The main result plus the transfer curve (what every plot needs).
FigureInputs computeMainInputs(const Tensor& x, const QuantConfig& config, const std::atomic<bool>* cancel = nullptr);
// Adds what `kind` needs beyond the main inputs.
// `compareList` null: defaultCompareList().
void computeExtraInputs(FigureKind kind, const Tensor& x, FigureInputs& inputs, int channel = 0,
                        const std::atomic<bool>* cancel = nullptr,
                        const std::vector<CompareEntry>* compareList = nullptr);

} // namespace qs
