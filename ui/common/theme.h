#pragma once
// The application palettes: light (the style's own), dark, and the
// high-contrast variants presentation mode uses on a projector (pure
// black/white text and ground, strong highlight), in both themes.
#include <QPalette>

namespace qs {

QPalette themePalette(bool dark, bool highContrast);

} // namespace qs
