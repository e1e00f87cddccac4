// libFuzzer entry for the ONNX reader (protobuf wire format, initializers, QDQ
// nodes). No model folder: external data is refused, so only the model is read.
#include "formats/error.h"
#include "io/onnx.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const auto c = qs::openOnnx({reinterpret_cast<const std::byte*>(data), size}, "fuzz.onnx", {});
        for (const auto& t : c->tensors()) {
            try {
                if (c->read(t).tensor.shape() != t.shape)
                    throw std::logic_error("listed and read shapes disagree");
            } catch (const qs::Error&) {
            }
        }
    } catch (const qs::Error&) {
    }
    return 0;
}
