#include "io/textreader.h"

#include "io/ioerror.h"
#include "io/mappedfile.h"

#include <charconv>
#include <cmath>
#include <optional>

namespace qs {
namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// A cell as float32; nullopt when it is not a number. Counts overflow to +-Inf.
std::optional<float> parseCell(std::string_view cell, std::int64_t& overflowed)
{
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
        cell = trim(cell.substr(1, cell.size() - 2));
    if (!cell.empty() && cell.front() == '+')
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

// A short, printable rendering of a bad cell for the message.
std::string quoteCell(std::string_view cell)
{
    std::string out;
    for (char c : cell.substr(0, 24))
        out += (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) ? '?' : c;
    if (cell.size() > 24)
        out += "...";
    return "'" + out + "'";
}

void splitCells(std::string_view line, char sep, std::vector<std::string_view>& cells)
{
    cells.clear();
    if (sep == ' ') {
        std::size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
                ++i;
            const std::size_t start = i;
            while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
                ++i;
            if (i > start)
                cells.push_back(line.substr(start, i - start));
        }
        return;
    }
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = line.find(sep, start);
        cells.push_back(trim(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
        if (at == std::string_view::npos)
            break;
        start = at + 1;
    }
}

// TSV when the line has tabs and no cell between them holds a space: then a
// cell may be empty and reported as such. Mixed runs of spaces and tabs (typed
// by hand or aligned for reading) are whitespace-separated.
bool isTabSeparated(std::string_view line)
{
    if (line.find('\t') == std::string_view::npos)
        return false;
    std::vector<std::string_view> cells;
    splitCells(line, '\t', cells);
    for (auto c : cells)
        if (c.find(' ') != std::string_view::npos)
            return false;
    return true;
}

} // namespace

TextTable parseText(std::string_view text, const std::string& source, const ProgressCallback& progress)
{
    if (text.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte order mark from spreadsheet exports
        text.remove_prefix(3);
    TextTable out;
    std::vector<float> values;
    std::vector<std::string_view> cells;
    std::int64_t rows = 0;
    std::size_t cols = 0;
    bool first = true;
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    const std::int64_t limit = maxTensorElements();
    std::size_t nextReport = std::size_t(kProgressChunk);
    while (pos <= text.size()) {
        if (progress && pos >= nextReport) {
            reportProgress(progress, 0.95 * double(pos) / double(text.size()));
            nextReport = pos + std::size_t(kProgressChunk);
        }
        const std::size_t nl = text.find('\n', pos);
        const std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++lineNo;
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#')
            continue;
        auto where = [&](std::size_t col) {
            return "line " + std::to_string(lineNo) + ", column " + std::to_string(col + 1);
        };
        if (first) {
            out.separator = line.find(',') != std::string_view::npos   ? ','
                            : line.find(';') != std::string_view::npos ? ';'
                            : isTabSeparated(line)                     ? '\t'
                                                                       : ' ';
            splitCells(line, out.separator, cells);
            cols = cells.size();
            std::size_t numeric = 0;
            std::int64_t ignored = 0;
            for (auto c : cells)
                numeric += parseCell(c, ignored).has_value();
            first = false;
            if (numeric == 0) {
                for (auto c : cells) {
                    std::string name(c.size() >= 2 && c.front() == '"' && c.back() == '"' ? c.substr(1, c.size() - 2)
                                                                                          : c);
                    out.columns.push_back(std::move(name));
                }
                continue;
            }
        } else {
            splitCells(line, out.separator, cells);
        }
        if (cells.size() != cols)
            throw IoError(IoErrorKind::BadText, source,
                          "line " + std::to_string(lineNo) + " has " + std::to_string(cells.size()) +
                              " columns, expected " + std::to_string(cols) + " (rows of different lengths)");
        if (std::int64_t(values.size() + cols) > limit)
            throw IoError(IoErrorKind::TooLarge, source, "more than " + std::to_string(limit) + " numbers");
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const auto v = parseCell(cells[c], out.overflowed);
            if (!v)
                throw IoError(
                    IoErrorKind::BadText, source,
                    where(c) + ": " +
                        (cells[c].empty() ? std::string("empty cell") : quoteCell(cells[c]) + " is not a number"));
            values.push_back(*v);
        }
        ++rows;
    }
    if (values.empty())
        throw IoError(IoErrorKind::BadText, source,
                      out.columns.empty() ? std::string("no numbers found")
                                          : "no numbers found (the only line was read as column names: " +
                                                quoteCell(text.substr(0, text.find('\n'))) + ")");
    Shape shape = (rows == 1 || cols == 1) ? Shape{std::int64_t(values.size())} : Shape{rows, std::int64_t(cols)};
    out.tensor = Tensor(std::move(shape), values);
    return out;
}

TextTable readTextFile(const std::string& path)
{
    const MappedFile mapped(path);
    const auto bytes = mapped.bytes();
    return parseText(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path);
}

} // namespace qs
