#include "quant/bnb.h"

#include "calib/torchlinspace.h"

#include <algorithm>
#include <cmath>

namespace qs::bnb {

const float* nf4Thresholds()
{
    // dQuantizeNF4's comparisons, in ascending order (each the midpoint of two
    // adjacent NF4 levels, written as float literals in the kernel).
    static const float t[15] = {-0.8480964004993439f,   -0.6106329262256622f,  -0.4599952697753906f,
                                -0.33967943489551544f,  -0.23460740596055984f, -0.13791173323988914f,
                                -0.045525018125772476f, 0.03979014977812767f,  0.1202552504837513f,
                                0.2035212516784668f,    0.2920137718319893f,   0.3893125355243683f,
                                0.5016634166240692f,    0.6427869200706482f,   0.8614784181118011f};
    return t;
}

int nf4Code(float v)
{
    const float* t = nf4Thresholds();
    int q = 0;
    for (int k = 0; k < 15; ++k)
        q += v > t[k] ? 1 : 0;
    return q;
}

const std::vector<float>& dynamicMap()
{
    static const std::vector<float> map = [] {
        // create_dynamic_map: for i = 0..6, 2^i + 1 linspace boundaries on [0.1, 1],
        // their midpoints (b[j] + b[j+1]) / 2, times ±10^(i-6) (the factor as float32);
        // then 0 and 1; sorted.
        std::vector<float> data;
        for (int i = 0; i < 7; ++i) {
            const std::vector<float> b = torchLinspace(0.1f, 1.0f, (std::int64_t(1) << i) + 1);
            const float factor = float(std::pow(10.0, i - 6));
            std::vector<float> means;
            for (std::size_t j = 0; j + 1 < b.size(); ++j)
                means.push_back((b[j] + b[j + 1]) / 2.0f);
            for (float m : means)
                data.push_back(factor * m);
            for (float m : means)
                data.push_back(-factor * m);
        }
        data.push_back(0.0f);
        data.push_back(1.0f);
        std::sort(data.begin(), data.end());
        return data;
    }();
    return map;
}

std::uint8_t dynamicCode(float x)
{
    // dQuantize<0> of bitsandbytes' kernels.cu, step for step.
    const std::vector<float>& code = dynamicMap();
    int pivot = 127, upperPivot = 255, lowerPivot = 0;
    float lower = -1.0f, upper = 1.0f;
    float val = code[127];
    for (int i = 64; i > 0; i >>= 1) {
        if (x > val) {
            lowerPivot = pivot;
            lower = val;
            pivot += i;
        } else {
            upperPivot = pivot;
            upper = val;
            pivot -= i;
        }
        val = code[std::size_t(pivot)];
    }
    if (upperPivot == 255)
        upper = code[255];
    if (lowerPivot == 0)
        lower = code[0];
    if (x > val) {
        const float midpoint = (upper + val) * 0.5f;
        return std::uint8_t(x > midpoint ? upperPivot : pivot);
    }
    const float midpoint = (lower + val) * 0.5f;
    return std::uint8_t(x < midpoint ? lowerPivot : pivot);
}

DoubleQuantized doubleQuantize(std::span<const float> absmax)
{
    DoubleQuantized d;
    const std::size_t n = absmax.size();
    if (n == 0)
        return d;
    double sum = 0;
    for (float a : absmax)
        sum += double(a);
    d.offset = float(sum / double(n));
    const std::vector<float>& map = dynamicMap();
    d.codes.resize(n);
    d.values.resize(n);
    for (std::size_t b0 = 0; b0 < n; b0 += std::size_t(kDoubleQuantBlock)) {
        const std::size_t b1 = std::min(n, b0 + std::size_t(kDoubleQuantBlock));
        float amax = 0;
        for (std::size_t j = b0; j < b1; ++j)
            amax = std::fmax(amax, std::fabs(absmax[j] - d.offset));
        d.absmax.push_back(amax);
        const float inv = 1.0f / amax; // as the kernel: Inf for an all-equal block
        for (std::size_t j = b0; j < b1; ++j) {
            d.codes[j] = dynamicCode((absmax[j] - d.offset) * inv);
            d.values[j] = map[d.codes[j]] * amax + d.offset;
        }
    }
    return d;
}

} // namespace qs::bnb
