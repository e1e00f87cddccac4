#pragma once
// Exports for reports. Every writer goes through AtomicFile (core/io/atomicfile.h):
// each write is checked, the data synced, and the target replaced only when
// all of it is on disk, so a failed export (a full disk) never replaces a
// good file with a half one. Throws IoError(WriteFailed) naming the file and
// the system's reason ("No space left on device").
#include "analysis/histogram.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace qs {

void writeNpy(const std::string& path, const Tensor& values); // float32, C order

// Integer codes in the narrowest NumPy dtype that holds [minCode, maxCode]
// (int8/uint8/int16/uint16/int32).
void writeNpyCodes(const std::string& path, const Shape& shape, std::span<const std::int32_t> codes,
                   std::int32_t minCode, std::int32_t maxCode);

void writeCsvValues(const std::string& path, const Tensor& values); // 2-d as a matrix, else one column

// Columns: bin_left, bin_right, then one count column per histogram (all share bins).
void writeCsvHistograms(const std::string& path, const std::vector<std::string>& names,
                        const std::vector<const Histogram*>& histograms);

// A quantized tensor as safetensors: "<name>.codes" (integer dtype as for
// writeNpyCodes), "<name>.scale" and "<name>.zero_point" (F32, one per group,
// shaped groupShape), metadata (the quantizer settings) in __metadata__.
struct QuantizedTensorExport
{
    std::string name = "tensor";
    Shape shape;
    std::vector<std::int32_t> codes;
    std::int32_t minCode = -128;
    std::int32_t maxCode = 127;
    Shape groupShape;
    std::vector<float> scales;
    std::vector<float> zeroPoints;
    std::map<std::string, std::string> metadata;
};
void writeSafetensors(const std::string& path, const QuantizedTensorExport& tensor);

} // namespace qs
