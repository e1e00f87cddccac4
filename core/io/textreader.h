#pragma once
// Numbers as text: CSV, TSV, ';'-separated or whitespace-separated columns, as
// saved by spreadsheets, numpy.savetxt or typed into the GUI. Rules:
//  - the separator is taken from the first line: ',' if it has one, else ';',
//    else TAB if it has tabs and no cell holds a space, else runs of spaces/tabs;
//  - white space around cells and lines (blanks, tabs, CR) is ignored;
//  - '.' is the decimal point whatever the locale (std::from_chars, which never
//    consults the locale); "nan", "inf", "-inf" (any case) are accepted;
//    a cell may be wrapped in double quotes;
//  - a first line whose cells are all non-numeric is a header (column names,
//    kept printable: core/io/printable.h); a cell that starts like a number and
//    holds only characters of numbers ("0x1p3", "1.2.3") is a bad number, not a name;
//  - lines starting with '#' and blank lines are skipped; CRLF is fine;
//  - every row has the same number of cells (ragged rows are an error);
//  - one row or one column -> a 1-d tensor; several of both -> rows x columns.
// A cell that is not a number is reported with its line and column.
// The text is read as a stream: memory is the numbers kept plus one cell (at
// most 64 KiB) and the header (at most 65536 names, 1 MiB), whatever the
// length of a line.
#include "io/progress.h"
#include "io/tensorsource.h"

#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct TextTable
{
    Tensor tensor;
    std::vector<std::string> columns; // header names, empty without a header
    char separator = ',';             // ',', '\t', ';' or ' ' (whitespace)
    std::int64_t overflowed = 0;      // numbers beyond the float32 range, read as +-Inf
};

// `source` names the text in messages (a file name, or "pasted text").
// `progress` is called every few hundred thousand bytes (throws Cancelled).
TextTable parseText(std::string_view text, const std::string& source, const ProgressCallback& progress = {});
class ByteSource;
// The same from a file or buffer (core/io/inputfile.h), read in chunks.
TextTable parseText(const ByteSource& source, const ProgressCallback& progress = {});
TextTable readTextFile(const std::string& path);

} // namespace qs
