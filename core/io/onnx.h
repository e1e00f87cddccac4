#pragma once
// ONNX models (.onnx, a protobuf ModelProto): the graph's initializers, the
// `value` tensors of Constant nodes, and what DequantizeLinear nodes say about
// them. Read with protobuf.h (the wire format alone, no generated code).
//
// A TensorProto holds its values in raw_data (little-endian, packed for 4-bit
// types) or in a typed field (float_data, int32_data, int64_data, double_data,
// uint64_data, by the rules of onnx.proto), or in an external file
// (data_location = EXTERNAL: location, offset, length, relative to the model's
// folder). An external location must name a file inside that folder: absolute
// paths, ".." and links leading out of it are refused.
//
// QDQ models: for each DequantizeLinear(x, scale, zero_point) whose x is a
// weight, the weight's listing shows the scale and zero point (their values when
// scalars, else their names and shapes) and the axis (and block size).
#include "io/container.h"

#include <span>
#include <string>

namespace qs {

// `folder` is where external data files are looked for (empty: none allowed).
std::unique_ptr<TensorContainer> openOnnx(std::span<const std::byte> bytes, const std::string& fileName,
                                          const std::string& folder);
std::unique_ptr<TensorContainer> openOnnxFile(const std::string& path);

} // namespace qs
