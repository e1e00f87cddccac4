#pragma once
// Numbers as text: CSV, TSV, ';'-separated or whitespace-separated columns, as
// saved by spreadsheets, numpy.savetxt or typed into the GUI. Rules:
//  - the separator is taken from the first line: ',' if it has one, else ';',
//    else TAB if it has tabs and no cell holds a space, else runs of spaces/tabs;
//  - '.' is the decimal point whatever the locale (std::from_chars, which never
//    consults the locale); "nan", "inf", "-inf" (any case) are accepted;
//    a cell may be wrapped in double quotes;
//  - a first line whose cells are all non-numeric is a header (column names);
//  - lines starting with '#' and blank lines are skipped; CRLF is fine;
//  - every row has the same number of cells (ragged rows are an error);
//  - one row or one column -> a 1-d tensor; several of both -> rows x columns.
// A cell that is not a number is reported with its line and column.
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
TextTable readTextFile(const std::string& path);

} // namespace qs
