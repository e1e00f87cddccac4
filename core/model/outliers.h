#pragma once
// Outliers in activations (docs/course.md "Outliers" and "Standard figures" 5): an LLM-style
// activation matrix X (tokens x channels) with a few channels 20-100x larger
// than the rest, times a weight matrix W (out x channels). Y = X Wᵀ is
// computed with X quantized four ways, W quantized the same way each time
// (intN symmetric absmax per output channel):
//   per-tensor  one scale for all of X: the outliers stretch it, the rest collapse
//   per-token   one scale per row of X (what integer kernels can factor out of the matmul)
//   per-channel one scale per column of X (accurate, but a column scale cannot be
//               factored out of the row-times-column sums: it has to move into W)
//   LLM.int8()  (Dettmers et al. 2022) columns with any |x| >= threshold stay in
//               float together with the matching columns of W; the rest is int8
//               with per-token (X) and per-output-channel (W) absmax scales.
// Every quantization goes through runQuantization.
#include "model/digits.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

struct OutlierStudyConfig
{
    int tokens = 64;
    int channels = 512;
    int outChannels = 128;
    int outlierChannels = 4;
    double kmin = 20, kmax = 60; // outlier magnitude factors (generateTensor's llm-activations)
    std::uint64_t seed = 1;
    int bits = 8;
    double threshold = 6.0; // LLM.int8()'s outlier threshold
};

struct OutlierMethodResult
{
    std::string name; // "per-tensor", "per-token", "per-channel", "LLM.int8()"
    double activationMse = 0;
    double activationSqnrDb = 0;
    double outputMse = 0;
    double outputSqnrDb = 0;
    double outputRelativeError = 0; // ||Ŷ - Y||_F / ||Y||_F
    double floatFraction = 0;       // share of X kept in float (LLM.int8() only)
    Matrix activationDequantized;   // X̂
    Matrix outputError;             // Ŷ - Y
};

struct OutlierStudy
{
    OutlierStudyConfig config;
    Matrix activations;                // X
    Matrix weights;                    // W
    Matrix output;                     // Y = X Wᵀ in float
    std::vector<int> outlierColumns;   // columns with any |x| >= threshold
    std::vector<double> channelAbsMax; // max |x| per column (the figure's bar chart)
    std::vector<OutlierMethodResult> methods;
};

// Throws ArgumentError for sizes outside 1..4096 or bits outside 2..16.
OutlierStudy runOutlierStudy(const OutlierStudyConfig& config = {});

} // namespace qs
