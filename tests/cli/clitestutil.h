#pragma once
// Runs quantscope-cli (QS_CLI_PATH) as a process for the CLI tests: the shared
// helpers of tests/common/testutil.h under the names the CLI tests use.
#include "common/testutil.h"

namespace qs::test {
using CliRun = Run;
} // namespace qs::test
