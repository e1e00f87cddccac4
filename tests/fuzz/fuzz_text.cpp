// libFuzzer entry for the CSV/TSV/whitespace text reader (also the GUI's paste box).
#include "formats/error.h"
#include "io/textreader.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const qs::TextTable t = qs::parseText({reinterpret_cast<const char*>(data), size}, "fuzz.csv");
        if (t.tensor.empty())
            throw std::logic_error("empty tensor from text");
    } catch (const qs::Error&) {
    }
    return 0;
}
