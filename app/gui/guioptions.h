#pragma once
// The options of `quantscope` (the GUI) as a table: main.cpp builds its
// QCommandLineParser from it (help texts translated in the context "main"),
// and `quantscope-cli --man quantscope` writes the quantscope(1) man page from
// it, so the two cannot disagree. Adding an option: one row here, then read it
// in main.cpp.
#include "options/optiondef.h"

#include <vector>

namespace qs {

const std::vector<OptionDef>& guiOptions(); // English help texts (QT_TRANSLATE_NOOP("main", ...))

} // namespace qs
