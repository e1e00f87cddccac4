// libFuzzer entry for the session reader: the JSON text of a .qscope (File >
// Open, the autosave, `plot --config`) through parseJsonObject and
// parseSessionDocument (structure, field types, embedded tensor, QuantConfig).
// Seeds: tests/fuzz/seeds/session.
#include "formats/error.h"
#include "io/sessionfile.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const QJsonObject o =
            qs::parseJsonObject({reinterpret_cast<const char*>(data), size}, "fuzz.qscope", "session");
        const qs::SessionDocument d = qs::parseSessionDocument(o);
        if (d.embedded && qs::Tensor::elementCount(d.embedded->shape()) != d.embedded->size())
            throw std::logic_error("embedded tensor: shape and size disagree");
    } catch (const qs::Error&) {
    }
    return 0;
}
