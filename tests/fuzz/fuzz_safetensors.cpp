// libFuzzer entry for the .safetensors reader: the header, then every tensor it lists.
#include "formats/error.h"
#include "io/safetensors.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes{reinterpret_cast<const std::byte*>(data), size};
    try {
        const qs::SafetensorsHeader h = qs::parseSafetensorsHeader(bytes, "fuzz.safetensors");
        for (const auto& e : h.tensors) {
            if (e.begin > e.end || e.end > h.dataSize)
                throw std::logic_error("accepted data_offsets outside the data");
            qs::readSafetensorsTensor(bytes, h, e, "fuzz.safetensors");
        }
    } catch (const qs::Error&) {
    }
    return 0;
}
