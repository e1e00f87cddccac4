// libFuzzer entry for the zip containers: the same bytes as a PyTorch checkpoint
// and as an .npz, listed and every tensor read.
#include "formats/error.h"
#include "io/npz.h"
#include "io/torchfile.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes{reinterpret_cast<const std::byte*>(data), size};
    for (int reader = 0; reader < 2; ++reader) {
        try {
            const auto c = reader ? qs::openNpz(bytes, "fuzz.npz") : qs::openTorch(bytes, "fuzz.pt");
            for (const auto& t : c->tensors()) {
                try {
                    if (c->read(t).tensor.shape() != t.shape)
                        throw std::logic_error("listed and read shapes disagree");
                } catch (const qs::Error&) {
                }
            }
        } catch (const qs::Error&) {
        }
    }
    return 0;
}
