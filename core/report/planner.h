#pragma once
// The mixed-precision planner of the model report (docs/report.md, "The
// planner"): one scheme per tensor so that the model's bits/value stay within a
// budget and the global SQNR 10 log10(Σx² / Σ(x - x̂)²) is as high as it can be.
// Σx² does not depend on the choice, so this minimises the total noise: a
// multiple-choice knapsack. Solved exactly by enumeration when the choices
// are few (at most kExactCombinations combinations after dominated choices are
// dropped), otherwise greedily: each tensor's choices on their lower convex
// hull of (bits, noise), upgrades taken in the order of noise removed per bit
// while they fit. A larger budget takes a longer prefix of the same upgrade
// order (or, exactly, a superset of the plans), so the frontier is monotone.
#include "report/modelreport.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

inline constexpr double kExactCombinations = 200000;

struct ReportPlan
{
    double budget = 0; // bits/value asked for
    bool feasible = false;
    bool exact = false;      // found by enumeration (else greedy)
    std::vector<int> choice; // per report tensor: the scheme index, -1 when no scheme applies to it
    double bits = 0, noise = 0, signal = 0;
    std::int64_t values = 0;
    double bitsPerValue = 0;
    double sqnrDb = 0;
    double minBitsPerValue = 0; // the cheapest plan (every tensor at its cheapest scheme)
};

// The plan for `budget` bits/value over the report's tensors (a tensor no
// scheme applies to is left out of the plan and of its totals). Enumerates
// when the combinations are at most `exactLimit` (0: always greedy).
ReportPlan planMixedPrecision(const ModelReport& report, double budget, double exactLimit = kExactCombinations);

// Plans at `points` budgets evenly spaced from the cheapest plan's bits/value to
// the dearest (every tensor at its most expensive scheme): the SQNR-vs-bits
// frontier of the figures. Its SQNR never decreases as the budget grows.
std::vector<ReportPlan> planFrontier(const ModelReport& report, int points);

// The llama.cpp name of a scheme's type ("q4_K", "q8_0"), or empty when
// llama-quantize cannot express it (another granularity, not a ggml type...).
std::string ggmlTypeName(const QuantConfig& config);

// `--tensor-type ^NAME$=TYPE` for each planned tensor a ggml type expresses
// (NAME with its regular-expression characters escaped), then one
// "# NAME: SCHEME has no llama.cpp type" line for each that is not.
std::vector<std::string> llamaQuantizeLines(const ModelReport& report, const ReportPlan& plan);

} // namespace qs
