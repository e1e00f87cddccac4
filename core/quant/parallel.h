#pragma once
// The parallel runtime lives in core/runtime (shared with core/analysis and core/calib).
#include "runtime/parallel.h"
