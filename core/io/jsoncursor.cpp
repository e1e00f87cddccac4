#include "io/jsoncursor.h"

#include "io/ioerror.h"

#include <charconv>
#include <cmath>

namespace qs {

JsonCursor::JsonCursor(std::string_view text, std::string file, std::string what, std::size_t offset, int maxDepth)
    : m_s(text), m_file(std::move(file)), m_what(std::move(what)), m_offset(offset), m_maxDepth(maxDepth)
{}

void JsonCursor::fail(const std::string& problem) const
{
    throw IoError(IoErrorKind::BadHeader, m_file,
                  "invalid JSON in " + m_what + " at byte " + std::to_string(position()) + ": " + problem);
}

void JsonCursor::skipSpace()
{
    while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n' || m_s[m_pos] == '\r'))
        ++m_pos;
}

char JsonCursor::next()
{
    if (m_pos >= m_s.size())
        fail("unexpected end");
    return m_s[m_pos++];
}

void JsonCursor::expect(char c, const char* what)
{
    skipSpace();
    if (m_pos >= m_s.size())
        fail(std::string("unexpected end, expected ") + what);
    if (m_s[m_pos] != c)
        fail(std::string("expected ") + what);
    ++m_pos;
}

JsonCursor::Kind JsonCursor::peek()
{
    skipSpace();
    if (m_pos >= m_s.size())
        fail("unexpected end, expected a value");
    switch (m_s[m_pos]) {
    case '{': return Kind::Object;
    case '[': return Kind::Array;
    case '"': return Kind::String;
    case 't':
    case 'f': return Kind::Bool;
    case 'n': return Kind::Null;
    default:
        if (m_s[m_pos] == '-' || (m_s[m_pos] >= '0' && m_s[m_pos] <= '9'))
            return Kind::Number;
        fail("unexpected character");
    }
}

void JsonCursor::enter(char closer)
{
    if (int(m_closers.size()) >= m_maxDepth)
        fail("nested deeper than " + std::to_string(m_maxDepth) + " levels");
    m_closers.push_back(closer);
    m_started.push_back(0);
}

void JsonCursor::beginObject()
{
    expect('{', "'{'");
    enter('}');
}

void JsonCursor::beginArray()
{
    expect('[', "'['");
    enter(']');
}

bool JsonCursor::nextItem(char closer)
{
    if (m_closers.empty() || m_closers.back() != closer)
        fail("internal: no open container"); // a reader bug, reported like bad input
    skipSpace();
    if (m_pos < m_s.size() && m_s[m_pos] == closer) {
        ++m_pos;
        m_closers.pop_back();
        m_started.pop_back();
        return false;
    }
    if (m_started.back()) {
        expect(',', closer == '}' ? "',' or '}'" : "',' or ']'");
        skipSpace();
        if (m_pos < m_s.size() && m_s[m_pos] == closer)
            fail("a trailing comma");
    }
    m_started.back() = 1;
    return true;
}

bool JsonCursor::nextMember(std::string& key)
{
    if (!nextItem('}'))
        return false;
    skipSpace();
    if (m_pos >= m_s.size() || m_s[m_pos] != '"')
        fail("expected a quoted key");
    key = readString();
    expect(':', "':'");
    return true;
}

bool JsonCursor::nextElement()
{
    return nextItem(']');
}

std::uint32_t JsonCursor::hex4()
{
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
        const char h = next();
        const int d = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
        if (d < 0)
            fail("bad \\u escape");
        v = v * 16 + std::uint32_t(d);
    }
    return v;
}

namespace {
// UTF-8 of a code point; surrogates (lone ones only reach here) take the same
// three-byte form as other BMP code points ("generalized UTF-8").
void appendUtf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}
} // namespace

std::string JsonCursor::readString()
{
    expect('"', "a string");
    std::string out;
    for (;;) {
        // Copy the run up to the next quote, backslash or control character at once.
        const std::size_t start = m_pos;
        while (m_pos < m_s.size() && m_s[m_pos] != '"' && m_s[m_pos] != '\\' &&
               static_cast<unsigned char>(m_s[m_pos]) >= 0x20)
            ++m_pos;
        out.append(m_s.substr(start, m_pos - start));
        const char c = next();
        if (c == '"')
            return out;
        if (c != '\\')
            fail("a control character inside a string (it must be escaped)");
        const char e = next();
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            std::uint32_t cp = hex4();
            if (cp >= 0xd800 && cp < 0xdc00 && m_pos + 1 < m_s.size() && m_s[m_pos] == '\\' && m_s[m_pos + 1] == 'u') {
                const std::size_t save = m_pos;
                m_pos += 2;
                const std::uint32_t low = hex4();
                if (low >= 0xdc00 && low < 0xe000)
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                else
                    m_pos = save; // a lone high surrogate; the next escape is read on its own
            }
            appendUtf8(out, cp);
            break;
        }
        default: --m_pos; fail("unknown escape sequence");
        }
    }
}

JsonNumber JsonCursor::readNumber()
{
    skipSpace();
    const std::size_t start = m_pos;
    JsonNumber n;
    n.integer = true;
    auto digit = [&] { return m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9'; };
    if (m_pos < m_s.size() && m_s[m_pos] == '-') {
        n.negative = true;
        ++m_pos;
    }
    if (!digit())
        fail("expected a number");
    if (m_s[m_pos] == '0') {
        ++m_pos;
        if (digit())
            fail("a number with a leading zero");
    } else {
        while (digit())
            ++m_pos;
    }
    if (m_pos < m_s.size() && m_s[m_pos] == '.') {
        n.integer = false;
        ++m_pos;
        if (!digit())
            fail("expected a digit after '.'");
        while (digit())
            ++m_pos;
    }
    if (m_pos < m_s.size() && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
        n.integer = false;
        ++m_pos;
        if (m_pos < m_s.size() && (m_s[m_pos] == '+' || m_s[m_pos] == '-'))
            ++m_pos;
        if (!digit())
            fail("expected a digit in the exponent");
        while (digit())
            ++m_pos;
    }
    n.text = m_s.substr(start, m_pos - start);
    const auto r = std::from_chars(n.text.data(), n.text.data() + n.text.size(), n.value);
    if (r.ec == std::errc::result_out_of_range) {
        // Beyond the double range: +-HUGE_VAL, or a signed zero when tiny.
        const std::size_t e = n.text.find_first_of("eE");
        const bool tiny = e != std::string_view::npos && e + 1 < n.text.size() && n.text[e + 1] == '-';
        n.value = tiny ? (n.negative ? -0.0 : 0.0) : (n.negative ? -HUGE_VAL : HUGE_VAL);
    }
    return n;
}

bool JsonCursor::readBool()
{
    skipSpace();
    if (m_s.substr(m_pos, 4) == "true") {
        m_pos += 4;
        return true;
    }
    if (m_s.substr(m_pos, 5) == "false") {
        m_pos += 5;
        return false;
    }
    fail("expected true or false");
}

void JsonCursor::readNull()
{
    skipSpace();
    if (m_s.substr(m_pos, 4) != "null")
        fail("expected null");
    m_pos += 4;
}

void JsonCursor::skipValue()
{
    switch (peek()) {
    case Kind::Object: {
        beginObject();
        std::string key;
        while (nextMember(key))
            skipValue();
        break;
    }
    case Kind::Array:
        beginArray();
        while (nextElement())
            skipValue();
        break;
    case Kind::String: readString(); break;
    case Kind::Number: readNumber(); break;
    case Kind::Bool: readBool(); break;
    case Kind::Null: readNull(); break;
    }
}

void JsonCursor::expectEnd()
{
    skipSpace();
    if (m_pos != m_s.size())
        fail("unexpected text after the JSON value");
}

} // namespace qs
