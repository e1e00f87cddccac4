#pragma once
// The model report (docs/report.md): every tensor of a checkpoint in any
// container, its statistics, and for each quantization scheme the SQNR, MSE
// and honest bits/value; model totals per scheme weighted by values; the
// tensors ranked by sensitivity. The CLI's `report` and a GUI worker call
// runModelReport(); it streams tensor by tensor (one tensor in memory at a
// time, plus the quantizer's scratch), reports progress, may be cancelled, and
// hands each tensor's row to a callback as soon as it is finished.
#include "io/progress.h"
#include "quant/quantconfig.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qs {

// One column of the report: a label as typed ("int4 block:32") and its config.
struct ReportScheme
{
    std::string label;
    QuantConfig config;
};

// "int8 channel:0; int4 block:32; nf4; q4_K; mxfp4": schemes separated by ';'.
// In each, the first word is a quantizer spec (QuantConfig::setQuantizer), a
// word starting with tensor/channel/block is a granularity, and NAME=VALUE sets
// any option of the quantization options table (quant/quantoptions.h), e.g.
// "int4 block:32 scheme=asymmetric calibration=mse". Labels are the words
// joined by one space; a label given twice is refused. Throws ArgumentError.
std::vector<ReportScheme> parseReportSchemes(const std::string& text);

// Statistics of one tensor over its finite values. Channels are the slices
// along dim 0 (the output channels of a weight; each value of a 1-d tensor).
struct ReportTensorStats
{
    std::int64_t finite = 0;
    std::int64_t nonfinite = 0;
    double absmax = 0;
    double mean = 0;
    double std = 0;      // population standard deviation
    double kurtosis = 0; // excess kurtosis m4 / m2^2 - 3 (0 for a normal distribution)
    // The largest channel absmax over the median channel absmax (+inf when the median is 0
    // and the largest is not; 1 for a constant or single-channel tensor), and that channel.
    double outlierRatio = 1;
    std::int64_t outlierChannel = 0;
};

// One scheme on one tensor. The sums let totals be added exactly (docs/report.md).
struct ReportSchemeResult
{
    bool ok = false;
    std::string error; // why the scheme does not apply (ok false): "rows of 96 values are not whole blocks of 256"
    std::int64_t measured = 0; // finite pairs (x, x̂) measured
    double signal = 0;         // Σ x²
    double noise = 0;          // Σ (x - x̂)²
    double bits = 0;           // everything stored, in bits (quant/storage.h)
    double sqnrDb = 0;         // 10 log10(signal / noise); +inf when noise is 0
    double mse = 0;            // noise / measured
    double bitsPerValue = 0;   // bits / count
    bool fused = false;        // measured slice by slice without a dequantized copy of the tensor
    std::vector<std::string> warnings;
};

struct ReportTensor
{
    std::string name;
    std::string dtype; // as stored
    Shape shape;
    std::int64_t count = 0;
    ReportTensorStats stats;
    std::vector<ReportSchemeResult> schemes; // in the order of the schemes
};

struct ReportTotal
{
    std::int64_t tensors = 0; // tensors the scheme applied to
    std::int64_t values = 0;  // their values
    std::int64_t measured = 0;
    double signal = 0, noise = 0, bits = 0;
    double sqnrDb = 0, mse = 0, bitsPerValue = 0;
    std::uint64_t bytes = 0; // Σ over tensors of ceil(bits / 8)
};

struct ModelReport
{
    std::string file;
    std::string format;
    std::vector<ReportScheme> schemes;
    std::vector<ReportTensor> tensors;                        // in the file's (natural) order
    std::vector<std::pair<std::string, std::string>> skipped; // tensors not read: name, reason
    std::vector<ReportTotal> totals;                          // per scheme
    std::vector<std::size_t> ranking; // tensor indices, most sensitive first (lowest mean SQNR over the schemes)
};

struct ReportOptions
{
    std::string filter; // a regular expression searched in tensor names (empty: every tensor)
    // Fraction in [0, 1] of the values processed; returning false cancels (runModelReport throws Cancelled).
    ProgressCallback progress;
    // Called (on the calling thread) with each tensor's row as soon as it is finished, and its index.
    std::function<void(const ReportTensor&, std::size_t index)> tensorDone;
};

// The report of the model at `path` (any file tensorsource.h reads, or a model folder).
// Throws IoError for an unreadable file, ArgumentError for a bad filter or
// scheme, Cancelled when the progress callback returned false.
ModelReport runModelReport(const std::string& path, const std::vector<ReportScheme>& schemes,
                           const ReportOptions& options = {});

// The report's pieces, for tests and for a GUI that drives the tensors itself.
ReportTensorStats tensorStats(const Tensor& x);
ReportSchemeResult measureScheme(const Tensor& x, const QuantConfig& config);
// Totals per scheme and the ranking from report.tensors (runModelReport calls it last).
void finishReport(ModelReport& report);
// 10 log10(signal / noise) as computeMetrics has it: +inf without noise, -inf without signal.
double sqnrFromSums(double signal, double noise);

} // namespace qs
