#include "bitlab/doublerounding.h"

#include <cmath>

namespace qs {

DoubleRoundingCase evaluateDoubleRounding(double x, const FloatFormat& source, const FloatFormat& intermediate,
                                          const FloatFormat& target)
{
    DoubleRoundingCase c;
    const EncodeResult s = source.encode(x);
    c.sourceCode = s.code;
    c.source = s.value;
    const EncodeResult i = intermediate.encode(c.source);
    c.intermediateCode = i.code;
    c.intermediate = i.value;
    const EncodeResult t = target.encode(c.intermediate);
    c.twiceCode = t.code;
    c.twice = t.value;
    const EncodeResult d = target.encode(c.source);
    c.directCode = d.code;
    c.direct = d.value;
    return c;
}

std::optional<DoubleRoundingCase> findDoubleRoundingCase(const FloatFormat& source, const FloatFormat& intermediate,
                                                         const FloatFormat& target, double start)
{
    // Walk the target's positive values from the one at `start` upward; the
    // candidates are the source values one step either side of each midpoint.
    std::uint64_t a = target.encode(std::fabs(start), Rounding{RoundingMode::TowardZero, 0}).code;
    const std::uint64_t top = target.maxFiniteCode();
    for (int guard = 0; guard < 1 << 20 && a != top; ++guard) {
        const std::uint64_t b = target.nextUp(a);
        const double va = target.decode(a), vb = target.decode(b);
        if (!std::isfinite(vb))
            break;
        const double mid = va + (vb - va) / 2;
        const EncodeResult m = source.encode(mid);
        for (const std::uint64_t code : {source.nextUp(m.code), source.nextDown(m.code)}) {
            const DoubleRoundingCase c = evaluateDoubleRounding(source.decode(code), source, intermediate, target);
            if (c.differ())
                return c;
        }
        a = b;
    }
    return std::nullopt;
}

} // namespace qs
