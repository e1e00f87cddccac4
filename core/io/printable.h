#pragma once
// Text from a file, made safe to show. Tensor names, metadata and CSV headers
// are chosen by whoever wrote the file: an escape sequence in a name printed
// raw can clear a terminal or set its title, a newline can forge a second
// error line, and a NUL or a lone UTF-16 surrogate cannot be shown at all.
// printable() escapes all of them so that the result is plain, valid UTF-8 on
// one line, and unambiguous: the backslash itself is escaped, so two
// different strings never print the same (a name "a\x00" typed with a real
// backslash prints as "a\\x00", the name with a NUL as "a\x00").
//
// Escapes: \\ for a backslash; \n \r \t; \xNN for the other C0 controls, DEL
// and every byte that is not part of valid UTF-8; \uXXXX for the C1 controls
// (U+0080-U+009F), UTF-16 surrogates (written by JSON "\ud800" escapes; see
// core/io/jsoncursor.h), and the invisible characters that reorder or break
// lines (U+200E, U+200F, U+2028, U+2029, U+202A-U+202E, U+2066-U+2069, U+FEFF).
// Everything else passes unchanged, so an ordinary name is its own printable form.
#include <string>
#include <string_view>

namespace qs {

std::string printable(std::string_view text);

// The same, but a backslash stays as it is: for messages that already hold
// printable names (a one-line error that quotes them); control characters
// and invalid bytes are still escaped.
std::string printableMessage(std::string_view text);

// True when printable(text) == text (nothing to escape).
bool isPrintable(std::string_view text);

} // namespace qs
