#include "io/ggmlio.h"

// The quantization core's type table and decoders, by a plain include: with
// __has_include, ccache's direct mode does not notice the header appearing and
// reuses an object built without the decoders.
#include "quant/ggmltypes.h"

#include "io/dtype.h"

#include <cstring>
#include <stdexcept>

namespace qs::ggmlio {

// The plain types decode through the same conversions as .npy and safetensors.
std::optional<DType> plainDType(std::uint32_t id)
{
    switch (id) {
    case 0: return DType::F32;
    case 1: return DType::F16;
    case 30: return DType::BF16;
    case 28: return DType::F64;
    case 24: return DType::I8;
    case 25: return DType::I16;
    case 26: return DType::I32;
    case 27: return DType::I64;
    default: return std::nullopt;
    }
}

bool haveQuantDecoders()
{
    return true;
}

std::optional<TypeFacts> typeFacts(std::uint32_t id)
{
    if (const auto* t = qs::ggml::typeInfo(id)) {
        TypeFacts f;
        f.id = id;
        f.name = std::string(t->name);
        f.blockSize = std::int64_t(t->blockSize);
        f.bytesPerBlock = std::int64_t(t->bytesPerBlock);
        f.canDecode = t->canDecode || plainDType(id).has_value();
        return f;
    }
    return std::nullopt;
}

void dequantize(std::uint32_t type, const std::uint8_t* src, std::int64_t n, float* dst)
{
    if (const auto plain = plainDType(type)) {
        ConversionReport ignored; // the GGUF reader converts plain types itself and keeps the report
        convertToFloat(reinterpret_cast<const std::byte*>(src), *plain, false, n, dst, ignored);
        return;
    }
    qs::ggml::dequantizeRow(type, src, n, dst);
}

} // namespace qs::ggmlio
