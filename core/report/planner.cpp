// planMixedPrecision: exact enumeration for few choices, greedy upgrades along
// each tensor's convex hull otherwise (planner.h, docs/report.md).
#include "report/planner.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace qs {

namespace {

struct Option
{
    int scheme = -1;
    double bits = 0;
    double noise = 0;
};

// The choices of one tensor that no other choice beats in both bits and noise, by bits.
std::vector<Option> undominated(const ReportTensor& t)
{
    std::vector<Option> all;
    for (std::size_t s = 0; s < t.schemes.size(); ++s)
        if (t.schemes[s].ok)
            all.push_back({int(s), t.schemes[s].bits, t.schemes[s].noise});
    std::stable_sort(all.begin(), all.end(), [](const Option& a, const Option& b) {
        return a.bits < b.bits || (a.bits == b.bits && a.noise < b.noise);
    });
    std::vector<Option> kept;
    for (const Option& o : all)
        if (kept.empty() || o.noise < kept.back().noise)
            kept.push_back(o);
    return kept;
}

// The lower convex hull of undominated choices (bits ascending, noise descending).
std::vector<Option> lowerHull(const std::vector<Option>& pts)
{
    std::vector<Option> h;
    for (const Option& p : pts) {
        while (h.size() >= 2) {
            const Option& a = h[h.size() - 2];
            const Option& b = h.back();
            // b lies on or above the segment a-p: drop it.
            const double cross = (b.bits - a.bits) * (p.noise - a.noise) - (b.noise - a.noise) * (p.bits - a.bits);
            if (cross <= 0)
                h.pop_back();
            else
                break;
        }
        h.push_back(p);
    }
    return h;
}

} // namespace

ReportPlan planMixedPrecision(const ModelReport& report, double budget, double exactLimit)
{
    ReportPlan plan;
    plan.budget = budget;
    const std::size_t T = report.tensors.size();
    plan.choice.assign(T, -1);
    std::vector<std::vector<Option>> options(T);
    double combinations = 1, minBits = 0;
    std::vector<std::size_t> planned;
    for (std::size_t t = 0; t < T; ++t) {
        options[t] = undominated(report.tensors[t]);
        if (options[t].empty())
            continue;
        planned.push_back(t);
        plan.values += report.tensors[t].count;
        combinations *= double(options[t].size());
        minBits += options[t].front().bits;
        // Σx² is the same for every scheme that measured all finite values.
        plan.signal += report.tensors[t].schemes[std::size_t(options[t].front().scheme)].signal;
    }
    const double limit = budget * double(plan.values) * (1 + 1e-12);
    plan.minBitsPerValue = plan.values > 0 ? minBits / double(plan.values) : 0;
    plan.feasible = minBits <= limit;
    if (!plan.feasible || planned.empty()) {
        plan.feasible = plan.feasible && !planned.empty();
        return plan;
    }

    std::vector<int> pick(T, 0); // index into options[t]
    if (combinations <= exactLimit) {
        plan.exact = true;
        // Depth-first over the tensors; a branch stops when even the cheapest rest overflows.
        std::vector<double> restMin(planned.size() + 1, 0);
        for (std::size_t k = planned.size(); k-- > 0;)
            restMin[k] = restMin[k + 1] + options[planned[k]].front().bits;
        std::vector<int> cur(T, 0);
        double bestNoise = std::numeric_limits<double>::infinity(), bestBits = 0;
        std::function<void(std::size_t, double, double)> visit = [&](std::size_t k, double bits, double noise) {
            if (k == planned.size()) {
                if (noise < bestNoise || (noise == bestNoise && bits < bestBits)) {
                    bestNoise = noise;
                    bestBits = bits;
                    pick = cur;
                }
                return;
            }
            const std::size_t t = planned[k];
            for (std::size_t i = 0; i < options[t].size(); ++i) {
                const double b = bits + options[t][i].bits;
                if (b + restMin[k + 1] > limit)
                    break; // options are by bits: the rest cost more
                cur[t] = int(i);
                visit(k + 1, b, noise + options[t][i].noise);
            }
        };
        visit(0, 0, 0);
        for (std::size_t t : planned)
            plan.choice[t] = options[t][std::size_t(pick[t])].scheme;
    } else {
        struct Upgrade
        {
            std::size_t tensor;
            int step; // from hull[step - 1] to hull[step]
            double gain, bits;
        };
        std::vector<std::vector<Option>> hulls(T);
        std::vector<Upgrade> ups;
        for (std::size_t t : planned) {
            hulls[t] = lowerHull(options[t]);
            for (std::size_t i = 1; i < hulls[t].size(); ++i) {
                const double db = hulls[t][i].bits - hulls[t][i - 1].bits;
                ups.push_back({t, int(i), (hulls[t][i - 1].noise - hulls[t][i].noise) / db, db});
            }
        }
        // Along a hull the gain per bit decreases, so this order keeps each tensor's steps in order.
        std::stable_sort(ups.begin(), ups.end(), [](const Upgrade& a, const Upgrade& b) {
            if (a.gain != b.gain)
                return a.gain > b.gain;
            return a.tensor != b.tensor ? a.tensor < b.tensor : a.step < b.step;
        });
        std::vector<int> step(T, 0);
        double bits = 0;
        for (std::size_t t : planned)
            bits += hulls[t].front().bits;
        for (const Upgrade& u : ups) {
            if (bits + u.bits > limit)
                break; // a prefix of one order: more budget never takes a step back
            bits += u.bits;
            step[u.tensor] = u.step;
        }
        for (std::size_t t : planned)
            plan.choice[t] = hulls[t][std::size_t(step[t])].scheme;
    }
    for (std::size_t t : planned) {
        const ReportSchemeResult& r = report.tensors[t].schemes[std::size_t(plan.choice[t])];
        plan.bits += r.bits;
        plan.noise += r.noise;
    }
    plan.bitsPerValue = plan.bits / double(plan.values);
    plan.sqnrDb = sqnrFromSums(plan.signal, plan.noise);
    return plan;
}

std::vector<ReportPlan> planFrontier(const ModelReport& report, int points)
{
    double lo = 0, hi = 0;
    std::int64_t values = 0;
    for (const ReportTensor& t : report.tensors) {
        const std::vector<Option> o = undominated(t);
        if (o.empty())
            continue;
        double most = 0;
        for (const ReportSchemeResult& r : t.schemes)
            if (r.ok)
                most = std::max(most, r.bits);
        lo += o.front().bits;
        hi += most;
        values += t.count;
    }
    std::vector<ReportPlan> out;
    if (values == 0 || points < 1)
        return out;
    lo /= double(values);
    hi /= double(values);
    for (int i = 0; i < points; ++i) {
        const double b = points == 1 ? hi : lo + (hi - lo) * double(i) / double(points - 1);
        out.push_back(planMixedPrecision(report, b));
    }
    return out;
}

std::string ggmlTypeName(const QuantConfig& c)
{
    switch (c.kind) {
    case QuantizerKind::Q8_0: return "q8_0";
    case QuantizerKind::Q4_0: return "q4_0";
    case QuantizerKind::Q4_1: return "q4_1";
    case QuantizerKind::Q5_0: return "q5_0";
    case QuantizerKind::Q5_1: return "q5_1";
    case QuantizerKind::IQ4_NL: return "iq4_nl";
    case QuantizerKind::Q2_K: return "q2_K";
    case QuantizerKind::Q3_K: return "q3_K";
    case QuantizerKind::Q4_K: return "q4_K";
    case QuantizerKind::Q5_K: return "q5_K";
    case QuantizerKind::Q6_K: return "q6_K";
    case QuantizerKind::Float:
        if (c.formatScaled || c.granularity.kind != Granularity::Kind::Tensor)
            return {};
        if (c.format == "fp16" || c.format == "f16" || c.format == "binary16")
            return "f16";
        if (c.format == "bf16")
            return "bf16";
        if (c.format == "fp32" || c.format == "f32")
            return "f32";
        return {};
    default: return {};
    }
}

std::vector<std::string> llamaQuantizeLines(const ModelReport& report, const ReportPlan& plan)
{
    std::vector<std::string> lines, notes;
    for (std::size_t t = 0; t < report.tensors.size() && t < plan.choice.size(); ++t) {
        if (plan.choice[t] < 0)
            continue;
        const ReportScheme& s = report.schemes[std::size_t(plan.choice[t])];
        const std::string type = ggmlTypeName(s.config);
        const std::string& name = report.tensors[t].name;
        if (type.empty()) {
            notes.push_back("# " + name + ": " + s.label + " has no llama.cpp type");
            continue;
        }
        std::string re = "^";
        for (char ch : name) {
            if (ch == '\'') {
                re += "'\\''"; // the shell's quote: end, an escaped quote, start again
                continue;
            }
            if (std::string_view("\\^$.|?*+()[]{}").find(ch) != std::string_view::npos)
                re += '\\';
            re += ch;
        }
        lines.push_back("--tensor-type '" + re + "$=" + type + "'");
    }
    lines.insert(lines.end(), notes.begin(), notes.end());
    return lines;
}

} // namespace qs
