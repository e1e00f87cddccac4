// libFuzzer entry for the settings reader of `plot --config` and `quantize
// --config`: JSON text -> a session or a bare QuantConfig (parseSettingsDocument),
// then the config's own round trip (toJson -> fromJson gives the same JSON).
// Seeds: tests/fuzz/seeds/config.
#include "formats/error.h"
#include "io/sessionfile.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const QJsonObject o = qs::parseJsonObject({reinterpret_cast<const char*>(data), size}, "fuzz.json", "settings");
        const qs::SettingsDocument s = qs::parseSettingsDocument(o);
        const QJsonObject again = s.config.toJson();
        if (qs::QuantConfig::fromJson(again).toJson() != again)
            throw std::logic_error("a config read from JSON does not round-trip");
    } catch (const qs::Error&) {
    }
    return 0;
}
