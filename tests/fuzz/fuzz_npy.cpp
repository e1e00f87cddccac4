// libFuzzer entry for the .npy reader: any input must give a tensor or a qs::Error.
#include "formats/error.h"
#include "io/npy.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const qs::LoadedTensor t = qs::readNpy({reinterpret_cast<const std::byte*>(data), size}, "fuzz.npy");
        if (qs::Tensor::elementCount(t.tensor.shape()) != t.tensor.size())
            throw std::logic_error("shape and size disagree"); // escapes: libFuzzer reports it
    } catch (const qs::Error&) {
    }
    return 0;
}
