#pragma once
// The one path from a tensor and a QuantConfig to a QuantResult. The CLI, the
// GUI's worker thread, the benchmark and the tests all call runQuantization(),
// so a number printed headless equals the one on screen.
#include "quant/quantconfig.h"
#include "quant/quantresult.h"
#include "tensor/tensor.h"

#include <atomic>
#include <functional>
#include <string>

namespace qs {

struct QuantOptions
{
    bool codes = true;      // materialise the int32 codes (4 bytes per value): off for the GUI slider path
    bool metrics = true;    // computeMetrics over x, x̂
    bool histograms = true; // original / dequantized / error histograms (config.histogramBins bins)
    // Set by another thread to abandon the run: the result comes back with
    // cancelled = true and partial contents (checked between chunks).
    const std::atomic<bool>* cancel = nullptr;
    // When set and holding as many elements as the input, the dequantized
    // values are written into this tensor's storage instead of a fresh one:
    // a GUI recomputing on every slider step avoids re-faulting 64 MB of new
    // pages per run. The caller must not read it while the run is going on.
    Tensor reuseOutput;
    // Called with a fraction in [0, 1] from the calling thread between stages.
    std::function<void(double)> progress;
    // Per-channel or per-block calibration that searches an objective (MSE,
    // entropy ...): the group (in groupShape order) whose curve the result's
    // calibration carries, for the calibration figure. -1: none.
    std::int64_t curveGroup = -1;
};

// Throws ArgumentError/FormatError for an invalid config or a config that does
// not fit the tensor (an axis beyond its rank, outlier columns of a non-2-d
// tensor...). Empty, constant and non-finite inputs are valid (see
// kNonfinitePolicy and the messages of the result).
QuantResult runQuantization(const Tensor& x, const QuantConfig& config, const QuantOptions& options = {});

// torchao's "rceil" E8M0 exponent of an MX block: clamp(ceil(log2(descale)),
// -127, 127) with descale = amax / max_element in float32 and log2 evaluated in
// float32 as torch does (docs/quantization.md, "MX scale rules").
int mxRceilExponent(float descale);

// The E8M0 code (biased exponent) of an MX block scale 2^e: e + 127.
int mxScaleCode(double scale);

// How a llama.cpp format rounds its codes ("round half away from zero" for Q8_0,
// "round half up" for Q4_0 and Q4_1); --rounding does not apply to them.
std::string ggmlRoundingText(QuantizerKind kind);

} // namespace qs
