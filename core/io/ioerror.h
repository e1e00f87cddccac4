#pragma once
// The typed error every reader and writer of core/io throws. The message is one
// line, "FILE: problem", so the CLI prints it verbatim and the GUI shows it in a
// status line; kind() lets callers (and the tests) tell the problems apart
// without parsing text.
#include "formats/error.h"

#include <string>

namespace qs {

enum class IoErrorKind {
    NotFound,         // no such file, or not readable
    Empty,            // a file of zero bytes
    Truncated,        // fewer bytes than the header promises
    BadMagic,         // not the format its extension claims (or an unknown format)
    BadHeader,        // a header that cannot be parsed (npy dict, safetensors JSON)
    BadShape,         // negative, overflowing or absurd dimensions
    TooLarge,         // would need more memory than allowed, or a header beyond its limit
    SizeMismatch,     // shape x itemsize != the bytes present ("a header that lies")
    UnsupportedDtype, // a dtype Quantscope does not read (named in the message)
    Refused,          // object arrays / pickles: never executed
    BadUtf8,          // invalid UTF-8 in a header
    BadOffsets,       // safetensors data_offsets out of range, overlapping or inconsistent
    DuplicateName,    // the same tensor name twice in a safetensors header
    UnknownTensor,    // FILE:TENSOR names no tensor of the file, or FILE needs a TENSOR
    BadText,          // a CSV/whitespace cell that is not a number, ragged rows
    WriteFailed,      // a writer could not create, write, flush or commit its file
    Changed,          // the file changed (shrank, grew, was rewritten) while it was read
    ReadFailed,       // the operating system reported an error while reading
};

const char* toString(IoErrorKind kind);

class IoError : public Error
{
public:
    IoError(IoErrorKind kind, std::string file, const std::string& problem)
        : Error(message(file, problem)), m_kind(kind), m_file(std::move(file))
    {}
    IoErrorKind kind() const { return m_kind; }
    const std::string& file() const { return m_file; }

private:
    static std::string message(const std::string& file, const std::string& problem)
    {
        std::string m = file.empty() ? std::string("<input>") : file;
        m.append(": ").append(problem);
        return m;
    }
    IoErrorKind m_kind;
    std::string m_file;
};

} // namespace qs
