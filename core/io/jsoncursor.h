#pragma once
// A strict, bounded JSON pull parser (RFC 8259) for headers embedded in
// tensor files (safetensors; any reader whose header is JSON). Unlike a
// document model (QJsonDocument) it keeps nothing but what the reader takes,
// so a header of a million entries costs the entries, not a tree of them; it
// sees every key (so duplicates can be found: QJsonObject silently keeps one
// of two equal keys); it refuses nesting deeper than a limit; and it decodes
// strings exactly: "\u0000" is a NUL byte and a lone surrogate "\ud800" is
// kept as its three-byte generalized UTF-8 form (ED A0 80), never replaced by
// "?" or U+FFFD, so two different names never become the same string
// (qs::printable shows both escaped).
//
//     JsonCursor j(text, fileName, "the safetensors header", 8);
//     j.beginObject();
//     std::string key;
//     while (j.nextMember(key)) {
//         if (j.peek() == JsonCursor::Kind::String) value = j.readString();
//         else j.skipValue();
//     }
//     j.expectEnd();
//
// Syntax errors throw IoError(BadHeader): "FILE: invalid JSON in WHAT at byte N: PROBLEM".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct JsonNumber
{
    double value = 0;     // the nearest double (±HUGE_VAL beyond its range)
    bool integer = false; // written without fraction or exponent
    bool negative = false;
    std::string_view text; // as written (for messages)
};

class JsonCursor
{
public:
    enum class Kind { Object, Array, String, Number, Bool, Null };

    // `offset` is added to positions in messages (the header's place in its file).
    JsonCursor(std::string_view text, std::string file, std::string what, std::size_t offset = 0, int maxDepth = 64);

    Kind peek(); // the kind of the next value (skips white space)
    std::size_t position() const { return m_offset + m_pos; }

    void beginObject();
    // The next member's key (decoded); false at the closing brace.
    bool nextMember(std::string& key);
    void beginArray();
    // True when another element follows; false at the closing bracket.
    bool nextElement();

    std::string readString();
    JsonNumber readNumber();
    bool readBool();
    void readNull();
    void skipValue(); // any value, checked, nothing kept
    void expectEnd(); // only white space may follow the top-level value

    [[noreturn]] void fail(const std::string& problem) const;

private:
    void skipSpace();
    char next(); // the next byte (fails at the end)
    void expect(char c, const char* what);
    void enter(char closer);
    bool nextItem(char closer);
    std::uint32_t hex4();

    std::string_view m_s;
    std::string m_file, m_what;
    std::size_t m_offset;
    std::size_t m_pos = 0;
    int m_maxDepth;
    // The open containers: their closing bracket, and whether an item was read.
    std::string m_closers;
    std::string m_started;
};

} // namespace qs
