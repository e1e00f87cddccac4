#include "io/ggmlio.h"

#if __has_include("quant/ggmltypes.h")
#include "quant/ggmltypes.h"
#define QS_HAVE_GGMLTYPES 1
#else
#define QS_HAVE_GGMLTYPES 0
#endif

#include "io/dtype.h"

#include <cstring>
#include <stdexcept>

namespace qs::ggmlio {
namespace {

// ggml.h's enum ggml_type with each type's block size and block bytes (ggml.c's
// type_traits). Ids 4, 5 and 31-33, 36-38 are retired and stay unknown.
struct Row
{
    std::uint32_t id;
    const char* name;
    std::int64_t blockSize, bytesPerBlock;
};
constexpr Row kTypes[] = {
    {0, "f32", 1, 4},         {1, "f16", 1, 2},         {2, "q4_0", 32, 18},      {3, "q4_1", 32, 20},
    {6, "q5_0", 32, 22},      {7, "q5_1", 32, 24},      {8, "q8_0", 32, 34},      {9, "q8_1", 32, 36},
    {10, "q2_K", 256, 84},    {11, "q3_K", 256, 110},   {12, "q4_K", 256, 144},   {13, "q5_K", 256, 176},
    {14, "q6_K", 256, 210},   {15, "q8_K", 256, 292},   {16, "iq2_xxs", 256, 66}, {17, "iq2_xs", 256, 74},
    {18, "iq3_xxs", 256, 98}, {19, "iq1_s", 256, 50},   {20, "iq4_nl", 32, 18},   {21, "iq3_s", 256, 110},
    {22, "iq2_s", 256, 82},   {23, "iq4_xs", 256, 136}, {24, "i8", 1, 1},         {25, "i16", 1, 2},
    {26, "i32", 1, 4},        {27, "i64", 1, 8},        {28, "f64", 1, 8},        {29, "iq1_m", 256, 56},
    {30, "bf16", 1, 2},       {34, "tq1_0", 256, 54},   {35, "tq2_0", 256, 66},   {39, "mxfp4", 32, 17},
    {40, "nvfp4", 64, 36},
};

} // namespace

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
    return QS_HAVE_GGMLTYPES != 0;
}

std::optional<TypeFacts> typeFacts(std::uint32_t id)
{
#if QS_HAVE_GGMLTYPES
    if (const auto* t = qs::ggml::typeInfo(id)) {
        TypeFacts f;
        f.id = id;
        f.name = std::string(t->name);
        f.blockSize = std::int64_t(t->blockSize);
        f.bytesPerBlock = std::int64_t(t->bytesPerBlock);
        f.canDecode = t->canDecode || plainDType(id).has_value();
        return f;
    }
#endif
    for (const Row& r : kTypes) {
        if (r.id == id) {
            TypeFacts f{r.id, r.name, r.blockSize, r.bytesPerBlock, plainDType(id).has_value()};
            return f;
        }
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
#if QS_HAVE_GGMLTYPES
    qs::ggml::dequantizeRow(type, src, n, dst);
#else
    (void)src;
    (void)n;
    (void)dst;
    throw std::logic_error("ggml type " + std::to_string(type) + " cannot be decoded in this build");
#endif
}

} // namespace qs::ggmlio
