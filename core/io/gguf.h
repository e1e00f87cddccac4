#pragma once
// GGUF (llama.cpp's model file, versions 2 and 3, little-endian):
//   "GGUF", u32 version, u64 tensor count, u64 metadata count,
//   metadata: (string key, u32 value type, value)...  - strings are u64 length + UTF-8 bytes,
//             arrays are u32 element type + u64 count + elements,
//   tensor infos: (string name, u32 n_dims, u64 ne[n_dims], u32 ggml type, u64 offset)...,
//   padding to `general.alignment` (default 32), then the data; offsets are relative to it.
// ggml lists dimensions fastest first (ne[0] is the row length); Quantscope shows
// them reversed, in PyTorch order, so a [4096 x 11008] weight reads as it does in
// the safetensors file it came from.
//
// Everything is checked before any tensor is read: counts against the bytes left,
// keys and names unique, the alignment a power of two, each row a whole number of
// blocks, each tensor's bytes aligned, inside the data and not overlapping another.
// Unknown type ids are named, never trusted for a size.
#include "io/container.h"

#include <span>
#include <string>
#include <vector>

namespace qs {

std::unique_ptr<TensorContainer> openGguf(std::span<const std::byte> bytes, const std::string& fileName);
std::unique_ptr<TensorContainer> openGgufFile(const std::string& path);

bool looksLikeGguf(std::span<const std::byte> head);

// Where a GGUF tensor's bytes are and how they are stored: the Bit Lab's block view
// and the tests use this to look at raw blocks.
struct GgufTensorBytes
{
    std::uint32_t type = 0;
    std::int64_t rowLength = 0;   // ne[0]
    std::vector<std::byte> bytes; // a copy, read by position
};
// Throws IoError(UnknownTensor) when `container` is not a GGUF or has no such tensor.
GgufTensorBytes ggufTensorBytes(const TensorContainer& container, const std::string& name);

} // namespace qs
