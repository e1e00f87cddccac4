#pragma once
// "Natural" order of tensor names: runs of digits compare as numbers, so
// layers.2 comes before layers.10 and a 48-layer model lists in layer order.
// Everything else compares byte by byte; ties (equal numbers written with
// different leading zeros) fall back to the plain byte order so the order is total.
#include <string_view>

namespace qs {

bool naturalLess(std::string_view a, std::string_view b);

} // namespace qs
