#pragma once
// NumPy .npz archives (numpy.savez, numpy.savez_compressed): a zip of .npy
// members, one per array, named "KEY.npy". Members may be stored or deflated and
// use zip64 fields (NumPy forces zip64 for every member it writes).
//
// Listing parses each member's .npy header only; for a deflated member just the
// header is inflated. Reading a member checks, before inflating anything, that
// its declared size is exactly header + shape x itemsize and within the memory
// limit, then inflates into a buffer of that size and no more (zipreader.h).
#include "io/container.h"

#include <cstddef>
#include <span>
#include <string>

namespace qs {

// The archive at `bytes` (kept alive by the caller for the container's lifetime).
std::unique_ptr<TensorContainer> openNpz(std::span<const std::byte> bytes, const std::string& fileName);
// From a file: the container keeps the mapping.
std::unique_ptr<TensorContainer> openNpzFile(const std::string& path);

} // namespace qs
