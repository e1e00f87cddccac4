#pragma once
// Errors the core reports for bad input. Every message is one line that names
// what was wrong, so the CLI can print it verbatim and exit with status 2, and
// the GUI can show it in a status line without further decoration.
#include <stdexcept>
#include <string>

namespace qs {

class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A number-format spec or a parameter of one is invalid ("E outside 1-11").
class FormatError : public Error
{
public:
    using Error::Error;
};

// A user-supplied argument (rounding mode name, value, bit string...) is invalid.
class ArgumentError : public Error
{
public:
    using Error::Error;
};

} // namespace qs
