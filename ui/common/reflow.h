#pragma once
// Side by side when there is room, one under the other when not: a row of
// panels (the Bit Lab's Format and Properties, its value and entry boxes)
// that would otherwise force a horizontal scroll bar on a 1024-px projector.
class QBoxLayout;
class QTableView;

namespace qs {

// Lays `layout` out left to right when `available` pixels hold the minimum
// widths of its items (with spacing and margins), else top to bottom.
void reflowBox(QBoxLayout* layout, int available);

// A table's columns at their contents' width when it has room, else sharing
// its width with wrapped text and rows as tall as their lines (no horizontal
// scroll bar), decided again at every resize and zoom.
void fitColumnsToWidth(QTableView* table);

} // namespace qs
