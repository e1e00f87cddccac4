#include "io/textreader.h"

#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/printable.h"

#include <charconv>
#include <cmath>
#include <optional>

namespace qs {
namespace {

// White space around lines and cells. A bare CR is white space like a blank,
// so CRLF files and stray CRs read alike.
inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

// A cell as float32; nullopt when it is not a number. Counts overflow to +-Inf.
std::optional<float> parseCell(std::string_view cell, std::int64_t& overflowed)
{
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
        cell = cell.substr(1, cell.size() - 2);
        while (!cell.empty() && isSpace(cell.front()))
            cell.remove_prefix(1);
        while (!cell.empty() && isSpace(cell.back()))
            cell.remove_suffix(1);
    }
    // One leading '+' as in "+1.5"; not before another sign ("+-1" is not -1).
    if (cell.size() >= 2 && cell.front() == '+' && cell[1] != '-' && cell[1] != '+')
        cell.remove_prefix(1);
    if (cell.empty())
        return std::nullopt;
    const char* first = cell.data();
    const char* last = cell.data() + cell.size();
    float f = 0;
    auto r = std::from_chars(first, last, f, std::chars_format::general);
    if (r.ptr != last || r.ec == std::errc::invalid_argument)
        return std::nullopt;
    if (r.ec == std::errc::result_out_of_range) {
        // from_chars leaves no value on overflow/underflow: read the double and let
        // the conversion round (1e-50 -> 0, 1e50 -> +Inf), counting overflow.
        double d = 0;
        auto rd = std::from_chars(first, last, d, std::chars_format::general);
        if (rd.ec == std::errc::result_out_of_range) {
            const std::string_view mantissaEnd = cell.substr(0, cell.find_first_of("eE"));
            const bool tiny = cell.find("e-") != std::string_view::npos || cell.find("E-") != std::string_view::npos;
            const bool negative = mantissaEnd.starts_with('-');
            d = tiny ? (negative ? -0.0 : 0.0) : (negative ? -HUGE_VAL : HUGE_VAL);
        }
        f = float(d);
        if (std::isinf(f))
            ++overflowed;
    }
    return f;
}

// A first-line cell that begins like a number and holds only characters of
// numbers ("0x1p3", "1.2.3", "1e", "+-1") is a malformed number, not a column name.
bool looksNumeric(std::string_view cell)
{
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
        cell = cell.substr(1, cell.size() - 2);
    // Any run of signs ("+-1", "--5"): strtod would stop at the second sign,
    // so the cell is a malformed number, not a name.
    std::size_t i = 0;
    while (i < cell.size() && (cell[i] == '+' || cell[i] == '-'))
        ++i;
    if (i < cell.size() && cell[i] == '.')
        ++i;
    if (i >= cell.size() || cell[i] < '0' || cell[i] > '9')
        return false;
    for (char c : cell)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == '+' ||
              c == '-' || c == 'x' || c == 'X' || c == 'p' || c == 'P'))
            return false;
    return true;
}

// A short, printable rendering of a bad cell for the message.
std::string quoteCell(std::string_view cell, bool longer = false)
{
    std::string out;
    for (char c : cell.substr(0, 24))
        out += (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) ? '?' : c;
    if (cell.size() > 24 || longer)
        out += "...";
    return "'" + out + "'";
}

// The separator, from the first line that is neither blank nor a comment:
// ',' if it has one, else ';', else TAB when it has tabs and no cell between
// them holds a space, else runs of white space. Computed while streaming, so a
// first line of any length costs no memory.
class SeparatorScan
{
public:
    // Returns true once the separator is known: the first content line has
    // ended, or it has a ',' (which wins whatever follows).
    bool feed(std::string_view chunk)
    {
        for (char c : chunk) {
            if (c == '\n') {
                if (m_state == Content)
                    return true;
                m_state = Leading;
                continue;
            }
            if (m_state == Comment)
                continue;
            if (m_state == Leading) {
                if (isSpace(c))
                    continue;
                if (c == '#') {
                    m_state = Comment;
                    continue;
                }
                m_state = Content;
            }
            step(c);
            if (m_comma)
                return true;
        }
        return false;
    }
    char separator() const { return m_comma ? ',' : m_semicolon ? ';' : (m_tab && !m_tabCellSpace) ? '\t' : ' '; }

private:
    void step(char c)
    {
        m_comma |= c == ',';
        m_semicolon |= c == ';';
        if (c == '\t') {
            m_pendingTab = true; // a tab counts once content follows it (else it is trimmed)
            m_cellContent = m_spaceAfterContent = false;
            return;
        }
        if (c == ' ') {
            m_spaceAfterContent |= m_cellContent;
            return;
        }
        if (c != '\r') {
            m_tab |= m_pendingTab;
            m_pendingTab = false;
            m_tabCellSpace |= m_spaceAfterContent; // a space inside a tab-separated cell
        }
        m_cellContent = true;
    }
    enum { Leading, Comment, Content } m_state = Leading;
    bool m_comma = false, m_semicolon = false, m_tab = false, m_tabCellSpace = false;
    bool m_pendingTab = false, m_cellContent = false, m_spaceAfterContent = false;
};

// Limits that keep a hostile file cheap: a cell longer than any number, and a
// header wider than any real table, are errors as soon as they are seen.
constexpr std::size_t kMaxCell = std::size_t(1) << 16;
constexpr std::size_t kMaxHeaderColumns = std::size_t(1) << 16;
constexpr std::size_t kMaxHeaderBytes = std::size_t(1) << 20;

// The streaming parser: memory is the numbers kept, one cell and the header.
class TextParser
{
public:
    TextParser(char separator, const std::string& source)
        : m_sep(separator), m_source(source), m_limit(maxTensorElements())
    {
        m_out.separator = separator;
    }

    void feed(std::string_view chunk)
    {
        if (m_firstLineCapture)
            captureFirstLine(chunk);
        std::size_t i = 0;
        while (i < chunk.size()) {
            const char c = chunk[i];
            if (c == '\n') {
                endLine();
                ++i;
                continue;
            }
            if (m_state == Comment) {
                const std::size_t nl = chunk.find('\n', i);
                i = nl == std::string_view::npos ? chunk.size() : nl;
                continue;
            }
            if (m_state == Leading) {
                ++i;
                if (isSpace(c))
                    continue;
                if (c == '#') {
                    m_state = Comment;
                    continue;
                }
                m_state = Content;
                --i;
            }
            i = content(chunk, i);
        }
    }

    TextTable finish()
    {
        endLine();
        if (m_values.empty())
            throw IoError(IoErrorKind::BadText, m_source,
                          m_out.columns.empty() ? std::string("no numbers found")
                                                : "no numbers found (the only line was read as column names: " +
                                                      quoteCell(m_firstLine, m_firstLineLonger) + ")");
        const std::int64_t cols = std::int64_t(m_cols);
        Shape shape = (m_rows == 1 || cols == 1) ? Shape{std::int64_t(m_values.size())} : Shape{m_rows, cols};
        m_out.tensor = Tensor(std::move(shape), m_values);
        return std::move(m_out);
    }

private:
    enum State { Leading, Comment, Content };

    // The first line's first 25 bytes, for the "read as column names" message.
    void captureFirstLine(std::string_view chunk)
    {
        const std::size_t nl = chunk.find('\n');
        const std::string_view part = chunk.substr(0, nl);
        m_firstLine.append(part.substr(0, std::min(part.size(), 25 - std::min<std::size_t>(25, m_firstLine.size()))));
        if (m_firstLine.size() >= 25)
            m_firstLineLonger = true;
        if (nl != std::string_view::npos || m_firstLine.size() >= 25)
            m_firstLineCapture = false;
    }

    // Consumes content bytes from chunk[i]; returns where it stopped (at a '\n' or the end).
    std::size_t content(std::string_view chunk, std::size_t i)
    {
        while (i < chunk.size()) {
            const char c = chunk[i];
            if (c == '\n')
                return i;
            const bool cellEnd = m_sep == ' ' ? isSpace(c) : c == m_sep;
            if (cellEnd) {
                if (m_sep == ' ') {
                    if (m_inCell)
                        endCell();
                } else if (m_sep == '\t') {
                    // Tabs around the line are trimmed: one counts once content follows.
                    if (m_inCell)
                        endCell();
                    ++m_pendingTabs;
                } else {
                    endCell(); // ',' or ';': every separator ends a cell, empty or not
                    m_inCell = true;
                }
                ++i;
                continue;
            }
            if (isSpace(c)) { // inside a ',' ';' or TAB cell: kept only if content follows
                if (m_inCell && !m_cell.empty())
                    ++m_pendingSpace;
                ++i;
                continue;
            }
            if (!m_inCell) {
                if (m_sep == '\t' && m_pendingTabs > 0) {
                    // k tabs between two cells leave k - 1 empty cells.
                    for (int k = 1; k < m_pendingTabs; ++k) {
                        m_inCell = true;
                        endCell();
                    }
                    m_pendingTabs = 0;
                }
                m_inCell = true;
            }
            // A run of ordinary bytes goes into the cell at once.
            std::size_t j = i;
            while (j < chunk.size() && chunk[j] != '\n' && !isSpace(chunk[j]) && chunk[j] != m_sep)
                ++j;
            append(chunk.substr(i, j - i));
            i = j;
        }
        return i;
    }

    void append(std::string_view bytes)
    {
        if (m_cellTooLong)
            return;
        const std::size_t need = m_cell.size() + m_pendingSpace + bytes.size();
        if (need > kMaxCell) {
            m_cellTooLong = true;
            return;
        }
        m_cell.append(m_pendingSpace, ' '); // interior white space (its exact bytes do not matter: never a number)
        m_pendingSpace = 0;
        m_cell.append(bytes);
    }

    std::string where(std::size_t col) const
    {
        return "line " + std::to_string(m_lineNo) + ", column " + std::to_string(col + 1);
    }

    void recordError(std::size_t col, const std::string& cell, bool tooLong)
    {
        if (!m_error.empty())
            return;
        m_error = where(col) + ": " +
                  (tooLong        ? "a cell of more than " + std::to_string(kMaxCell) + " characters"
                   : cell.empty() ? std::string("empty cell")
                                  : quoteCell(cell) + " is not a number");
    }

    void addValue(float v)
    {
        if (std::int64_t(m_values.size()) >= m_limit)
            throw IoError(IoErrorKind::TooLarge, m_source, "more than " + std::to_string(m_limit) + " numbers");
        m_values.push_back(v);
    }

    void endCell()
    {
        if (!m_inCell)
            return;
        const std::size_t col = m_cellsInLine++;
        const bool tooLong = m_cellTooLong;
        m_inCell = false;
        m_cellTooLong = false;
        m_pendingSpace = 0;
        if (m_first) {
            firstLineCell(col, tooLong);
        } else if (col < m_cols) {
            const auto v = tooLong ? std::nullopt : parseCell(m_cell, m_out.overflowed);
            if (v)
                addValue(*v);
            else
                recordError(col, m_cell, tooLong);
        }
        m_cell.clear();
    }

    // The first line is a header when none of its cells is a number.
    void firstLineCell(std::size_t col, bool tooLong)
    {
        const auto v = tooLong ? std::nullopt : parseCell(m_cell, m_out.overflowed);
        if (v) {
            if (!m_firstNumeric && !m_names.empty())
                recordError(m_firstNameColumn, m_firstName, false); // a row after all: its first cell is bad
            m_firstNumeric = true;
            m_names.clear();
            addValue(*v);
            return;
        }
        if (m_firstNumeric || tooLong || looksNumeric(m_cell)) {
            recordError(col, m_cell, tooLong);
            return;
        }
        if (m_names.empty()) {
            m_firstNameColumn = col;
            m_firstName = m_cell;
        }
        if (m_names.size() >= kMaxHeaderColumns || m_headerBytes + m_cell.size() > kMaxHeaderBytes)
            throw IoError(IoErrorKind::BadText, m_source,
                          "line " + std::to_string(m_lineNo) + ": a header of more than " +
                              std::to_string(kMaxHeaderColumns) + " column names or " +
                              std::to_string(kMaxHeaderBytes) + " bytes is not supported");
        m_headerBytes += m_cell.size();
        std::string_view name = m_cell;
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
            name = name.substr(1, name.size() - 2);
        // Printable, so a name shown and selected (FILE:COLUMN) is the same text.
        m_names.push_back(printable(name));
    }

    void endLine()
    {
        if (m_state == Content) {
            if (m_inCell || m_sep == ',' || m_sep == ';')
                endCell();
            if (m_first) {
                m_first = false;
                m_cols = m_cellsInLine;
                if (!m_firstNumeric)
                    m_out.columns = std::move(m_names);
                else
                    ++m_rows;
            } else {
                if (m_cellsInLine != m_cols)
                    throw IoError(IoErrorKind::BadText, m_source,
                                  "line " + std::to_string(m_lineNo) + " has " + std::to_string(m_cellsInLine) +
                                      " columns, expected " + std::to_string(m_cols) + " (rows of different lengths)");
                ++m_rows;
            }
            if (!m_error.empty())
                throw IoError(IoErrorKind::BadText, m_source, m_error);
        }
        m_state = Leading;
        m_cellsInLine = 0;
        m_pendingTabs = 0;
        m_inCell = m_sep == ',' || m_sep == ';'; // a separated line starts inside its first cell
        m_cell.clear();
        m_cellTooLong = false;
        m_pendingSpace = 0;
        ++m_lineNo;
    }

    const char m_sep;
    const std::string& m_source;
    const std::int64_t m_limit;
    TextTable m_out;
    std::vector<float> m_values;

    State m_state = Leading;
    std::size_t m_lineNo = 1;
    bool m_first = true, m_firstNumeric = false;
    std::size_t m_cols = 0, m_cellsInLine = 0;
    std::int64_t m_rows = 0;
    bool m_inCell = m_sep == ',' || m_sep == ';';
    std::string m_cell;
    bool m_cellTooLong = false;
    std::size_t m_pendingSpace = 0;
    int m_pendingTabs = 0;
    std::string m_error; // the first bad cell of the current line (reported after its length is checked)

    std::vector<std::string> m_names;
    std::size_t m_headerBytes = 0, m_firstNameColumn = 0;
    std::string m_firstName;

    bool m_firstLineCapture = true, m_firstLineLonger = false;
    std::string m_firstLine;
};

} // namespace

TextTable parseText(const ByteSource& source, const ProgressCallback& progress)
{
    std::uint64_t start = 0;
    if (source.size() >= 3 && source.readString(0, 3) == "\xEF\xBB\xBF") // a UTF-8 byte order mark
        start = 3;
    const std::uint64_t length = source.size() - start;
    // Pass 1: the separator, from the first content line (read twice when it
    // is the whole file; usually only its first bytes).
    char separator = ' ';
    {
        SeparatorScan scan;
        bool done = false;
        try {
            source.readChunks(start, length, [&](std::span<const std::byte> chunk) {
                if (done || scan.feed({reinterpret_cast<const char*>(chunk.data()), chunk.size()})) {
                    done = true;
                    throw Cancelled(); // stop reading: the line has ended
                }
            });
        } catch (const Cancelled&) {
        }
        separator = scan.separator();
    }
    // Pass 2: the cells.
    TextParser parser(separator, source.name());
    std::uint64_t done = 0, nextReport = std::uint64_t(kProgressChunk);
    source.readChunks(start, length, [&](std::span<const std::byte> chunk) {
        parser.feed({reinterpret_cast<const char*>(chunk.data()), chunk.size()});
        done += chunk.size();
        if (progress && done >= nextReport) {
            reportProgress(progress, 0.95 * double(done) / double(length));
            nextReport = done + std::uint64_t(kProgressChunk);
        }
    });
    return parser.finish();
}

TextTable parseText(std::string_view text, const std::string& source, const ProgressCallback& progress)
{
    return parseText(MemorySource(text, source), progress);
}

TextTable readTextFile(const std::string& path)
{
    const InputFile file(path);
    TextTable t = parseText(file);
    file.verifyUnchanged();
    return t;
}

} // namespace qs
