// libFuzzer entry for the GGUF reader: the header, then every tensor it lists.
#include "formats/error.h"
#include "io/gguf.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto c = qs::openGguf({reinterpret_cast<const std::byte*>(data), size}, "fuzz.gguf");
        for (const auto& t : c->tensors()) {
            try {
                const qs::LoadedTensor v = c->read(t);
                if (v.tensor.shape() != t.shape)
                    throw std::logic_error("listed and read shapes disagree"); // escapes: libFuzzer reports it
            } catch (const qs::Error&) {
            }
        }
    } catch (const qs::Error&) {
    }
    return 0;
}
