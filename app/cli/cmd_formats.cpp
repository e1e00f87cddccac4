// Work in progress: replaced by the owning area's implementation.
#include "clicommon.h"
#include "formats/error.h"

int cmdFormat(const qs::cli::Args&) { throw qs::ArgumentError("command not available yet"); }
int cmdEncode(const qs::cli::Args&) { throw qs::ArgumentError("command not available yet"); }
int cmdDecode(const qs::cli::Args&) { throw qs::ArgumentError("command not available yet"); }
int cmdExplain(const qs::cli::Args&) { throw qs::ArgumentError("command not available yet"); }
