#include "formats/spectext.h"

#include <cctype>

namespace qs {

std::string foldSpecText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            out.push_back(char(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

} // namespace qs
