#include "quant/storage.h"

#include "quant/floatcast.h"
#include "quant/grouping.h"

#include <algorithm>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace qs {

namespace {

std::string shortNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

} // namespace

int outlierIndexBits(std::int64_t n)
{
    return n <= std::numeric_limits<std::int32_t>::max() ? 32 : 64;
}

int zeroPointWidth(double lo, double hi, int bits, int qmin, int qmax, bool& isSigned, bool& widened)
{
    isSigned = qmin < 0;
    widened = false;
    if (!(lo <= hi) || (lo >= qmin && hi <= qmax))
        return bits;
    widened = true;
    isSigned = true;
    int w = 2;
    while (w < 32 && (lo < -std::ldexp(1.0, w - 1) || hi > std::ldexp(1.0, w - 1) - 1))
        ++w;
    return w;
}

int scaleFormatBits(ScaleFormat format)
{
    switch (format) {
    case ScaleFormat::Auto:
    case ScaleFormat::Fp32: return 32;
    case ScaleFormat::Fp16:
    case ScaleFormat::Bf16: return 16;
    case ScaleFormat::E8M0: return 8;
    }
    return 32;
}

float roundScale(float v, ScaleFormat format, bool& clamped)
{
    switch (format) {
    case ScaleFormat::Auto:
    case ScaleFormat::Fp32: return v;
    case ScaleFormat::Fp16: {
        // IEEE binary16, round to nearest even; beyond 65504 saturates, below 2^-24 stays 2^-24.
        static const FloatCaster half(FloatFormat::fp16(), OverflowMode::Saturate, Rounding{});
        float out = 0;
        half.cast(&v, &out, nullptr, 1, 1.0f, 1.0f, 0);
        if (out == 65504.0f && v > 65504.0f)
            clamped = true;
        if (out == 0.0f) {
            out = 0x1p-24f;
            clamped = true;
        }
        return out;
    }
    case ScaleFormat::Bf16: {
        // The upper 16 bits of the float32, rounded to nearest even.
        std::uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        bits += 0x7FFFu + ((bits >> 16) & 1u);
        bits &= 0xFFFF0000u;
        float out;
        std::memcpy(&out, &bits, sizeof out);
        if (std::isinf(out)) {
            bits = 0x7F7F0000u; // the largest finite bf16
            std::memcpy(&out, &bits, sizeof out);
            clamped = true;
        }
        if (out == 0.0f) {
            bits = 0x00010000u; // the smallest bf16 subnormal, 2^-133
            std::memcpy(&out, &bits, sizeof out);
            clamped = true;
        }
        return out;
    }
    case ScaleFormat::E8M0: {
        // 2^ceil(log2 v), within E8M0's 2^-127 .. 2^127.
        int e = 0;
        const double f = std::frexp(double(v), &e); // v = f 2^e, f in [0.5, 1)
        int k = f == 0.5 ? e - 1 : e;
        if (k < -127 || k > 127)
            clamped = true;
        k = std::clamp(k, -127, 127);
        return float(std::ldexp(1.0, k));
    }
    }
    return v;
}

StorageAccount accountStorage(const StorageSpec& spec, const GroupLayout& layout, std::int64_t n,
                              std::int64_t outlierValues, std::int64_t outlierColumns, std::int64_t rows,
                              std::vector<std::string>& warnings)
{
    StorageAccount a;
    a.codeBits = spec.codeBits;
    a.scaleBits = spec.scaleBits;
    a.scaleFormat = spec.scaleBits == 0 ? "none" : (spec.doubleQuant ? "u8" : toString(spec.scaleFormat));
    a.zeroPointBits = spec.zeroPointBits;
    a.zeroPointSigned = spec.zeroPointSigned;
    a.zeroPointFloat = spec.zeroPointFloat;
    a.groups = layout.groupCount();
    a.tableWhat = spec.tableWhat;

    // Per group: its codes (a padded block stores a whole block), its scale and zero point.
    if (layout.isBlocks() && layout.size() > 0) {
        const std::int64_t L = layout.rowLength(), B = layout.blockSize();
        const std::int64_t rowCount = a.groups / layout.blocksPerRow();
        a.partialBlocks = L % B != 0 ? rowCount : 0;
        if (spec.padded)
            a.paddingValues = a.partialBlocks * (B - L % B);
    }
    a.codes = double(spec.codeBits) * double(n);
    a.padding = double(spec.codeBits) * double(a.paddingValues);
    a.scales = double(spec.scaleBits) * double(a.groups);
    a.zeroPoints = double(spec.zeroPointBits) * double(a.groups);
    a.outlierValues = outlierValues;
    a.outlierColumns = outlierColumns;
    a.outliers = double(outlierValues) * double(32 + outlierIndexBits(n)) +
                 double(outlierColumns) * (32.0 + 32.0 * double(rows));
    a.tables = spec.tableBits;

    if (a.partialBlocks > 0) {
        const std::int64_t L = layout.rowLength(), B = layout.blockSize();
        const double perGroup = double(spec.scaleBits + spec.zeroPointBits);
        const double nominal = double(spec.codeBits) + perGroup / double(B);
        const double actual = bitsPerValue(a, n);
        const std::string rowsText = a.partialBlocks == 1 && layout.blockRows().outer * layout.blockRows().inner == 1
                                         ? "the tensor's " + std::to_string(L) + " values are"
                                         : "rows of " + std::to_string(L) + " values are";
        if (spec.padded)
            warnings.push_back(rowsText + " not a whole number of blocks of " + std::to_string(B) + ": " +
                               std::to_string(a.partialBlocks) + " block(s) padded with " +
                               std::to_string(a.paddingValues) + " stored value(s), counted in bits/value (" +
                               shortNumber(actual) + " instead of " + shortNumber(nominal) + ")");
        else if (perGroup > 0)
            warnings.push_back(rowsText + " not a whole number of blocks of " + std::to_string(B) + ": " +
                               std::to_string(a.partialBlocks) + " of " + std::to_string(a.groups) +
                               " blocks are partial (" + std::to_string(L % B) +
                               " values), each storing a full scale: bits/value is " + shortNumber(actual) +
                               ", not the nominal " + shortNumber(nominal));
    }
    return a;
}

double bitsPerValue(const StorageAccount& account, std::int64_t n)
{
    return n > 0 ? account.totalBits() / double(n) : double(account.codeBits);
}

} // namespace qs
