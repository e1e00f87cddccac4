#pragma once
// PyTorch checkpoints as torch.save writes them since PyTorch 1.6 (.pt, .pth,
// .bin): a zip archive "NAME/data.pkl" (the pickled object), "NAME/data/KEY"
// (one raw little-endian storage per key), "NAME/version", "NAME/byteorder".
//
// The pickle is read by pickle.h, which executes nothing and refuses every
// global a tensor state dict does not need. Tensors are found anywhere in the
// unpickled dicts and lists (a bare state dict, or {"model": state_dict,
// "epoch": 3} ...) and named by their path, "model.layers.0.weight". Each is a
// strided view of a storage: before anything is read, every storage must be
// exactly numel x itemsize bytes, and every view's offset, sizes and strides
// must stay inside its storage.
//
// The older non-zip format (before PyTorch 1.6) and TorchScript archives
// (torch.jit.save, which hold code) are recognised and refused by name.
#include "io/container.h"

#include <span>
#include <string>

namespace qs {

std::unique_ptr<TensorContainer> openTorch(std::span<const std::byte> bytes, const std::string& fileName);
std::unique_ptr<TensorContainer> openTorchFile(const std::string& path);

// The legacy (pre-1.6) torch.save format starts with a pickled magic number.
bool looksLikeLegacyTorch(std::span<const std::byte> head);

} // namespace qs
