#pragma once
// Spec strings ("E4M3, Bias=7", "Nearest-Even", "channel : 0") are compared
// case- and space-insensitively everywhere: fold them once with this.
#include <string>
#include <string_view>

namespace qs {

// Lower-cases ASCII letters and drops every white-space character.
std::string foldSpecText(std::string_view text);

} // namespace qs
