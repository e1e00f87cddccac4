#include "io/printable.h"

#include <cstdint>
#include <cstdio>

namespace qs {
namespace {

// The length of the (generalized) UTF-8 sequence at s[i] and its code point;
// 0 when the bytes there are not one. Surrogates are accepted here (and then
// escaped): they are how a JSON "\ud800" is kept (jsoncursor.h).
std::size_t sequence(std::string_view s, std::size_t i, std::uint32_t& cp)
{
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (cc & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0; // overlong, or beyond Unicode
    return len;
}

bool invisible(std::uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0x200e || cp == 0x200f ||
           cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xfeff;
}

std::string escape(std::string_view text, bool backslash)
{
    std::string out;
    out.reserve(text.size());
    char buf[16];
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = sequence(text, i, cp);
        if (len == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(static_cast<unsigned char>(text[i])));
            out += buf;
            ++i;
            continue;
        }
        if (len == 1) {
            const char c = text[i];
            if (c == '\\')
                out += backslash ? "\\\\" : "\\";
            else if (c == '\n')
                out += "\\n";
            else if (c == '\r')
                out += "\\r";
            else if (c == '\t')
                out += "\\t";
            else if (cp < 0x20 || cp == 0x7f) {
                std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(cp));
                out += buf;
            } else {
                out += c;
            }
        } else if (invisible(cp)) {
            std::snprintf(buf, sizeof buf, "\\u%04X", unsigned(cp));
            out += buf;
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
    }
    return out;
}

// Most text has nothing to escape: plain ASCII without controls or backslashes.
bool plainAscii(std::string_view text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '\\')
            return false;
    }
    return true;
}

} // namespace

std::string printable(std::string_view text)
{
    if (plainAscii(text))
        return std::string(text);
    return escape(text, true);
}

std::string printableMessage(std::string_view text)
{
    return escape(text, false);
}

bool isPrintable(std::string_view text)
{
    return plainAscii(text) || escape(text, true) == text;
}

} // namespace qs
