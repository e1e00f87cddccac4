#pragma once
// safetensors as containers: one file, a sharded checkpoint named by its
// model.safetensors.index.json ({"metadata": {...}, "weight_map": {TENSOR: SHARD}}),
// or a folder of .safetensors files. Each shard's header is parsed (safetensors.h)
// and mapped; no tensor data is touched until a tensor is read.
// Shard names in an index must be files inside the index's folder.
#include "io/container.h"

#include <string>

namespace qs {

std::unique_ptr<TensorContainer> openSafetensorsFile(const std::string& path);
std::unique_ptr<TensorContainer> openSafetensorsIndex(const std::string& indexPath);
// The folder's *.safetensors.index.json when it has exactly one, else all its *.safetensors files.
std::unique_ptr<TensorContainer> openSafetensorsFolder(const std::string& folder);

} // namespace qs
