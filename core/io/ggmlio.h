#pragma once
// The ggml tensor types as the GGUF reader needs them: name, block size and
// bytes per block for every type id (so any tensor can be listed and sized),
// and decoding of a run of blocks to float32 exactly as llama.cpp decodes them.
//
// A thin adapter: the type facts and the block decoders are the quantization
// core's (core/quant/ggmltypes.h); the plain types decode like .npy's.
#include "io/dtype.h"

#include <cstdint>
#include <optional>
#include <string>

namespace qs::ggmlio {

struct TypeFacts
{
    std::uint32_t id = 0;
    std::string name;           // as ggml names it: "f32", "q4_K", "iq2_xxs"...
    std::int64_t blockSize = 1; // values per block
    std::int64_t bytesPerBlock = 4;
    bool canDecode = false;
};

// nullopt for an id ggml does not define (or has retired).
std::optional<TypeFacts> typeFacts(std::uint32_t id);

// The element type of a plain (unblocked) ggml type: f32 f16 bf16 f64 i8 i16 i32 i64.
std::optional<DType> plainDType(std::uint32_t id);

// Decodes n values (a multiple of the block size) stored as `type` at src.
// Only for types whose facts say canDecode.
void dequantize(std::uint32_t type, const std::uint8_t* src, std::int64_t n, float* dst);

// Whether the quantization core's block decoders are linked in (always, since
// core/quant/ggmltypes.h exists; kept for the tests that check it).
bool haveQuantDecoders();

} // namespace qs::ggmlio
