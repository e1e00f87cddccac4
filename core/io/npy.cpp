#include "io/npy.h"

#include "io/inputfile.h"
#include "io/ioerror.h"

#include <bit>
#include <cctype>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>

namespace qs {
namespace {

constexpr std::size_t kMaxHeader = std::size_t(1) << 20; // NumPy itself refuses > 10000 bytes by default
constexpr std::size_t kMaxRank = 64;                     // NPY_MAXDIMS is 32 (NumPy 1.x) / 64 (2.x)

// A strict parser of the header's Python literal: a dict of quoted-string keys to
// quoted strings, True/False, non-negative integers, tuples of integers, or a
// list (only to recognise and name structured dtypes).
class DictParser
{
public:
    DictParser(std::string_view text, const std::string& file) : m_s(text), m_file(file) {}

    struct Value
    {
        enum Kind { String, Bool, Int, Tuple, List } kind;
        std::string text;
        bool flag = false;
        std::vector<std::int64_t> ints;
    };

    std::vector<std::pair<std::string, Value>> parse()
    {
        std::vector<std::pair<std::string, Value>> entries;
        skipSpace();
        expect('{');
        skipSpace();
        while (peek() != '}') {
            std::string key = parseString();
            skipSpace();
            expect(':');
            skipSpace();
            entries.emplace_back(std::move(key), parseValue());
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                skipSpace();
            } else if (peek() != '}') {
                fail("expected ',' or '}'");
            }
        }
        ++m_pos;
        // NumPy pads with spaces and ends with '\n'; nothing else may follow.
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos++];
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\0')
                fail("unexpected text after the header dict");
        }
        return entries;
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw IoError(IoErrorKind::BadHeader, m_file,
                      "malformed .npy header: " + what + " at character " + std::to_string(m_pos));
    }
    char peek() const
    {
        if (m_pos >= m_s.size())
            fail("unexpected end");
        return m_s[m_pos];
    }
    void expect(char c)
    {
        if (peek() != c)
            fail(std::string("expected '") + c + "'");
        ++m_pos;
    }
    void skipSpace()
    {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n'))
            ++m_pos;
    }
    std::string parseString()
    {
        const char q = peek();
        if (q != '\'' && q != '"')
            fail("expected a quoted string");
        const std::size_t start = ++m_pos;
        while (peek() != q) {
            if (m_s[m_pos] == '\\')
                fail("escape sequences are not allowed");
            ++m_pos;
            if (m_pos - start > 256)
                fail("string too long");
        }
        return std::string(m_s.substr(start, m_pos++ - start));
    }
    std::int64_t parseInt()
    {
        const std::size_t start = m_pos;
        std::int64_t v = 0;
        bool negative = false;
        if (peek() == '-') {
            negative = true;
            ++m_pos;
        }
        if (peek() < '0' || peek() > '9')
            fail("expected an integer");
        while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9') {
            const int digit = m_s[m_pos++] - '0';
            if (v > (std::numeric_limits<std::int64_t>::max() - digit) / 10)
                throw IoError(IoErrorKind::BadShape, m_file,
                              "dimension " + std::string(m_s.substr(start, 40)) + "... overflows 64 bits");
            v = v * 10 + digit;
        }
        if (m_pos < m_s.size() && m_s[m_pos] == 'L') // Python 2 long literals in old files
            ++m_pos;
        return negative ? -v : v;
    }
    Value parseValue()
    {
        Value v{Value::Int, {}, false, {}};
        const char c = peek();
        if (c == '\'' || c == '"') {
            v.kind = Value::String;
            v.text = parseString();
        } else if (m_s.substr(m_pos, 4) == "True") {
            v.kind = Value::Bool;
            v.flag = true;
            m_pos += 4;
        } else if (m_s.substr(m_pos, 5) == "False") {
            v.kind = Value::Bool;
            m_pos += 5;
        } else if (c == '(') {
            v.kind = Value::Tuple;
            ++m_pos;
            skipSpace();
            bool trailingComma = false;
            while (peek() != ')') {
                if (v.ints.size() >= kMaxRank)
                    throw IoError(IoErrorKind::BadShape, m_file,
                                  "shape has more than " + std::to_string(kMaxRank) + " dimensions");
                v.ints.push_back(parseInt());
                skipSpace();
                trailingComma = false;
                if (peek() == ',') {
                    ++m_pos;
                    trailingComma = true;
                    skipSpace();
                } else if (peek() != ')') {
                    fail("expected ',' or ')' in the shape tuple");
                }
            }
            ++m_pos;
            // In Python "(3)" is the integer 3, not a tuple: NumPy rejects it, so do we.
            if (v.ints.size() == 1 && !trailingComma)
                fail("a one-element shape needs a trailing comma, as in (3,)");
        } else if (c == '[') {
            v.kind = Value::List;
            // Skip a (possibly nested) list: only used to name structured dtypes.
            int depth = 0;
            do {
                const char d = peek();
                if (d == '[')
                    ++depth;
                else if (d == ']')
                    --depth;
                ++m_pos;
            } while (depth > 0);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v.kind = Value::Int;
            v.ints.push_back(parseInt());
        } else {
            fail("unexpected value");
        }
        return v;
    }

    std::string_view m_s;
    const std::string& m_file;
    std::size_t m_pos = 0;
};

// A descr such as "<f4": byte order, kind, item size (numpy.dtype.str).
void parseDescr(const std::string& descr, NpyHeader& h, const std::string& file)
{
    auto unsupported = [&](const std::string& why) {
        throw IoError(IoErrorKind::UnsupportedDtype, file, "unsupported dtype '" + descr + "': " + why);
    };
    if (descr.size() < 2)
        unsupported("not a NumPy type string");
    // NumPy writes a byte order first ('<', '>', '|' or '='); a type string
    // without one ("f4", "V4") means native order to numpy.dtype, and so here.
    const bool hasOrder = descr[0] == '<' || descr[0] == '>' || descr[0] == '|' || descr[0] == '=';
    const char order = hasOrder ? descr[0] : '=';
    const std::string ks = hasOrder ? descr.substr(1) : descr;
    if (ks.empty() || !std::isalpha(static_cast<unsigned char>(ks[0])))
        unsupported(hasOrder ? std::string("no type after the byte order")
                             : "unknown byte order '" + descr.substr(0, 1) + "' (NumPy writes <, >, | or =)");
    const char kind = ks[0];
    if (kind == 'O')
        throw IoError(IoErrorKind::Refused, file,
                      "object array (dtype 'O') refused: its data is a Python pickle, which is never executed");
    if (kind == 'V')
        unsupported("void/structured records are not numeric tensors");
    if (kind == 'U' || kind == 'S' || kind == 'a')
        unsupported("string arrays are not numeric tensors");
    if (kind == 'c')
        unsupported("complex numbers are not supported");
    if (kind == 'M' || kind == 'm')
        unsupported("datetime/timedelta are not supported");
    static const std::pair<const char*, DType> known[] = {{"f2", DType::F16}, {"f4", DType::F32}, {"f8", DType::F64},
                                                          {"i1", DType::I8},  {"i2", DType::I16}, {"i4", DType::I32},
                                                          {"i8", DType::I64}, {"u1", DType::U8},  {"u2", DType::U16},
                                                          {"u4", DType::U32}, {"u8", DType::U64}, {"b1", DType::Bool}};
    for (const auto& [name, dtype] : known) {
        if (ks == name) {
            h.dtype = dtype;
            if (itemSize(dtype) > 1 && order == '|')
                unsupported("byte order '|' is only valid for one-byte types");
            h.bigEndian = order == '>' || (order == '=' && std::endian::native == std::endian::big);
            return;
        }
    }
    if (ks == "f16" || ks == "f12")
        unsupported("extended precision (long double) is not supported");
    unsupported("Quantscope reads f2/f4/f8, i1-i8, u1-u8 and b1");
}

} // namespace

namespace {

// `file` holds at least the header; `total` is the size of the whole array file
// (more than file.size() for an .npz member of which only the head is inflated).
NpyHeader parseHeader(const ByteSource& file, std::uint64_t total, bool checkMemory)
{
    const std::string& fileName = file.name();
    const std::uint64_t n = file.size();
    // The preamble: magic, version and header length (at most 12 bytes).
    const std::string preamble = file.readString(0, std::size_t(std::min<std::uint64_t>(n, 12)));
    const auto* b = reinterpret_cast<const unsigned char*>(preamble.data());
    if (n == 0)
        throw IoError(IoErrorKind::Empty, fileName, "empty file (0 bytes)");
    if (b[0] == 0x80)
        throw IoError(IoErrorKind::Refused, fileName,
                      "is a Python pickle, not a .npy array; refused (pickles are never executed)");
    if (n >= 2 && b[0] == 'P' && b[1] == 'K')
        throw IoError(IoErrorKind::BadMagic, fileName,
                      "is a zip archive (.npz or a PyTorch file?), not a .npy array; save one array with numpy.save");
    static const unsigned char magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (n < 6 ? std::memcmp(b, magic, std::size_t(n)) == 0 : false)
        throw IoError(IoErrorKind::Truncated, fileName, "truncated .npy file (" + std::to_string(n) + " bytes)");
    if (n < 6 || std::memcmp(b, magic, 6) != 0)
        throw IoError(IoErrorKind::BadMagic, fileName, "not a .npy file (no \\x93NUMPY magic)");
    if (n < 10)
        throw IoError(IoErrorKind::Truncated, fileName,
                      "truncated .npy file: " + std::to_string(n) + " bytes, the preamble alone has 10");
    NpyHeader h;
    h.major = b[6];
    h.minor = b[7];
    if ((h.major != 1 && h.major != 2 && h.major != 3) || h.minor != 0)
        throw IoError(IoErrorKind::BadHeader, fileName,
                      "unsupported .npy format version " + std::to_string(h.major) + "." + std::to_string(h.minor) +
                          " (Quantscope reads 1.0, 2.0 and 3.0)");
    std::size_t headerLen, start;
    if (h.major == 1) {
        headerLen = std::size_t(b[8]) | std::size_t(b[9]) << 8;
        start = 10;
    } else {
        if (n < 12)
            throw IoError(IoErrorKind::Truncated, fileName, "truncated .npy file: the preamble is cut short");
        headerLen = std::size_t(b[8]) | std::size_t(b[9]) << 8 | std::size_t(b[10]) << 16 | std::size_t(b[11]) << 24;
        start = 12;
    }
    if (headerLen > kMaxHeader)
        throw IoError(IoErrorKind::TooLarge, fileName,
                      ".npy header of " + std::to_string(headerLen) + " bytes exceeds the 1 MiB limit");
    if (start + headerLen > n)
        throw IoError(IoErrorKind::Truncated, fileName,
                      "truncated .npy file: header needs " + std::to_string(headerLen) + " bytes, " +
                          std::to_string(n - start) + " present");
    const std::string textBytes = file.readString(start, headerLen);
    const std::string_view text(textBytes);
    if (h.major == 3) {
        if (const auto bad = firstInvalidUtf8(text); bad >= 0)
            throw IoError(IoErrorKind::BadUtf8, fileName,
                          "invalid UTF-8 in the .npy 3.0 header at byte " + std::to_string(bad));
    }
    const auto entries = DictParser(text, fileName).parse();
    bool haveDescr = false, haveOrder = false, haveShape = false;
    for (const auto& [key, value] : entries) {
        bool* seen = key == "descr"           ? &haveDescr
                     : key == "fortran_order" ? &haveOrder
                     : key == "shape"         ? &haveShape
                                              : nullptr;
        if (!seen)
            throw IoError(IoErrorKind::BadHeader, fileName, "unexpected key '" + key + "' in the .npy header");
        if (*seen)
            throw IoError(IoErrorKind::BadHeader, fileName, "duplicate key '" + key + "' in the .npy header");
        *seen = true;
        if (key == "descr") {
            if (value.kind == DictParser::Value::List)
                throw IoError(IoErrorKind::UnsupportedDtype, fileName,
                              "unsupported dtype: structured arrays (a list of fields) are not numeric tensors");
            if (value.kind != DictParser::Value::String)
                throw IoError(IoErrorKind::BadHeader, fileName, "'descr' in the .npy header is not a string");
            h.descr = value.text;
        } else if (key == "fortran_order") {
            if (value.kind != DictParser::Value::Bool)
                throw IoError(IoErrorKind::BadHeader, fileName, "'fortran_order' is not True or False");
            h.fortranOrder = value.flag;
        } else {
            if (value.kind != DictParser::Value::Tuple)
                throw IoError(IoErrorKind::BadHeader, fileName, "'shape' in the .npy header is not a tuple");
            h.shape = value.ints;
        }
    }
    if (!haveDescr || !haveOrder || !haveShape)
        throw IoError(IoErrorKind::BadHeader, fileName,
                      std::string("the .npy header lacks '") +
                          (!haveDescr   ? "descr"
                           : !haveOrder ? "fortran_order"
                                        : "shape") +
                          "'");
    parseDescr(h.descr, h, fileName);
    h.count = shapeProduct(h.shape, fileName);
    h.dataOffset = start + headerLen;
    // The data must be exactly count x itemsize: fewer bytes is a truncated file,
    // more means the header does not describe the file. Checked before allocating.
    const std::uint64_t present = total - h.dataOffset;
    const std::uint64_t item = std::uint64_t(itemSize(h.dtype));
    const bool fits = std::uint64_t(h.count) <= present / item;
    const std::string needs = "shape " + Tensor::shapeString(h.shape) + " of " + dtypeName(h.dtype) + " needs " +
                              (fits || std::uint64_t(h.count) <= std::numeric_limits<std::uint64_t>::max() / item
                                   ? std::to_string(std::uint64_t(h.count) * item)
                                   : std::string("more than 2^64")) +
                              " bytes of data";
    if (!fits)
        throw IoError(IoErrorKind::Truncated, fileName,
                      needs + ", the file has " + std::to_string(present) + " (truncated, or the header lies)");
    if (std::uint64_t(h.count) * item != present)
        throw IoError(IoErrorKind::SizeMismatch, fileName,
                      needs + ", the file has " + std::to_string(present) + " (the header does not match the data)");
    if (checkMemory)
        checkMemoryLimit(h.count, h.shape, fileName);
    return h;
}

} // namespace

NpyHeader parseNpyHeader(const ByteSource& file)
{
    return parseHeader(file, file.size(), true);
}

NpyHeader parseNpyHeader(std::span<const std::byte> file, const std::string& fileName)
{
    return parseNpyHeader(MemorySource(file, fileName));
}

NpyHeader parseNpyHeaderPrefix(std::span<const std::byte> head, std::uint64_t totalSize, const std::string& fileName)
{
    if (head.size() > totalSize)
        head = head.first(std::size_t(totalSize));
    return parseHeader(MemorySource(head, fileName), totalSize, false);
}

LoadedTensor readNpy(const ByteSource& file, const ProgressCallback& progress)
{
    const NpyHeader h = parseNpyHeader(file);
    LoadedTensor out;
    out.tensor = Tensor(h.shape);
    out.name = file.name();
    out.dtype = dtypeName(h.dtype);
    const Shape fortranShape = h.fortranOrder ? h.shape : Shape{};
    convertToFloat(file, h.dataOffset, h.dtype, h.bigEndian, h.count, out.tensor.data(), out.conversion, fortranShape,
                   progress);
    return out;
}

LoadedTensor readNpy(std::span<const std::byte> file, const std::string& fileName, const ProgressCallback& progress)
{
    return readNpy(MemorySource(file, fileName), progress);
}

LoadedTensor readNpyFile(const std::string& path)
{
    const InputFile file(path);
    LoadedTensor t = readNpy(file);
    file.verifyUnchanged();
    return t;
}

} // namespace qs
