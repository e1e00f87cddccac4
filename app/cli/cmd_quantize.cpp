// Work in progress: replaced by the owning area's implementation.
#include "clicommon.h"
#include "formats/error.h"

int cmdQuantize(const qs::cli::Args&) { throw qs::ArgumentError("command not available yet"); }
