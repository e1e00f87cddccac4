#pragma once
// The llama.cpp formats as quantizer kinds of the pipeline (--quantizer q4_K ...):
// which ggml type each kind stores, and back.
#include "quant/quantconfig.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace qs {

// Q8_0 Q4_0 Q4_1 Q5_0 Q5_1 IQ4_NL Q2_K Q3_K Q4_K Q5_K Q6_K.
bool isGgmlKind(QuantizerKind kind);
// The ggml type id of a ggml kind (ggml::Q4_K for QuantizerKind::Q4_K ...); throws ArgumentError otherwise.
std::uint32_t ggmlTypeOf(QuantizerKind kind);
// The kind of a quantizer spec spelled as llama.cpp names the type ("q4_K", "Q4_K", "iq4_nl"), if one.
std::optional<QuantizerKind> ggmlKindOf(std::string_view spec);
// The spec of a ggml kind as llama.cpp spells it ("q4_K", "iq4_nl").
const char* ggmlSpec(QuantizerKind kind);

} // namespace qs
