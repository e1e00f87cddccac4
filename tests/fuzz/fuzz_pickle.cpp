// libFuzzer entry for the restricted pickle reader (torch.save's data.pkl):
// any input must give a value tree or a qs::Error, and never run anything.
#include "formats/error.h"
#include "io/pickle.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        qs::pickle::unpickle({reinterpret_cast<const std::byte*>(data), size}, "fuzz.pkl");
    } catch (const qs::Error&) {
    }
    return 0;
}
