#pragma once
// Independent reference implementations used by the format tests: the value
// of a code straight from the bit-field definitions (IEEE 754, OCP FP8/MX
// specs), and rounding by brute force over the sorted list of every value of
// a small format. Nothing here calls the encoder/decoder under test.
//
// Exponent field 0 without subnormals, from the definitions in floatformat.h:
// zero on (flush to zero) -> every such code is ±0 (+0 in fnuz, which has no -0);
// zero off -> the binade 1.M × 2^(0 - bias).
#include "formats/floatformat.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace ref {

struct Layout
{
    int e = 0;
    int m = 0;
    int bias = 0;
    bool subnormals = true;
    bool signBit = true;
    qs::SpecialPolicy special = qs::SpecialPolicy::Ieee;
    bool zero = true; // last so that positional initialisers of the older fields stay valid
};

enum class Kind { Finite, Inf, NaN };

struct Decoded
{
    Kind kind = Kind::Finite;
    double value = 0;
    bool subnormal = false;
};

inline Decoded decode(const Layout& L, std::uint64_t code)
{
    const std::uint64_t mMask = (std::uint64_t(1) << L.m) - 1;
    const std::uint64_t eMask = (std::uint64_t(1) << L.e) - 1;
    const std::uint64_t m = code & mMask;
    const std::uint64_t e = (code >> L.m) & eMask;
    const bool s = L.signBit && ((code >> (L.e + L.m)) & 1);
    Decoded d;
    if (L.special == qs::SpecialPolicy::Ieee && e == eMask) {
        d.kind = m == 0 ? Kind::Inf : Kind::NaN;
        d.value = m == 0 ? (s ? -INFINITY : INFINITY) : NAN;
        return d;
    }
    if (L.special == qs::SpecialPolicy::Fn && e == eMask && m == mMask) {
        d.kind = Kind::NaN;
        d.value = NAN;
        return d;
    }
    if (L.special == qs::SpecialPolicy::Fnuz && s && e == 0 && m == 0) {
        d.kind = Kind::NaN;
        d.value = NAN;
        return d;
    }
    double magnitude = 0;
    if (e == 0 && !L.subnormals && L.zero) {
        d.value = (s && L.special != qs::SpecialPolicy::Fnuz) ? -0.0 : 0.0;
        return d;
    }
    if (e == 0 && L.subnormals) {
        magnitude = std::ldexp(double(m), 1 - L.bias - L.m); // 0.M * 2^(1-bias)
        d.subnormal = m != 0;
    } else {
        magnitude = std::ldexp(1.0 + std::ldexp(double(m), -L.m), int(e) - L.bias); // 1.M * 2^(e-bias)
    }
    d.value = s ? -magnitude : magnitude;
    return d;
}

inline Layout layoutOf(const qs::FloatFormat& f)
{
    return {f.exponentBits(), f.mantissaBits(), f.bias(), f.hasSubnormals(), f.isSigned(), f.special(), f.hasZero()};
}

// One finite value with its code, sorted by value: one entry per distinct value,
// with its lowest code (zero: +0 as code 0, not a -0 or a non-canonical zero).
struct Entry
{
    double value;
    std::uint64_t code;
};

// All finite values of a small format plus, past each end, the "phantom" next
// value of the unbounded grid (IEEE 754 §7.4 rounds as if the exponent range
// were unbounded, then overflows). phantom entries carry code ~0.
struct ValueList
{
    std::vector<Entry> entries;
    std::uint64_t magMask = 0;
};

inline ValueList valueList(const Layout& L)
{
    ValueList list;
    const int total = L.e + L.m + (L.signBit ? 1 : 0);
    list.magMask = (std::uint64_t(1) << (L.e + L.m)) - 1;
    double maxValue = -1;
    std::uint64_t maxCode = 0;
    for (std::uint64_t c = 0; c < (std::uint64_t(1) << total); ++c) {
        const Decoded d = decode(L, c);
        if (d.kind != Kind::Finite)
            continue;
        if (d.value == 0 && (std::signbit(d.value) || c != 0))
            continue; // -0 and the non-canonical zeros are the same point as code 0
        list.entries.push_back({d.value, c});
        if (d.value > maxValue) {
            maxValue = d.value;
            maxCode = c;
        }
    }
    // ulp at the largest value: 2^(e - bias - M) with e its exponent field.
    const auto eMax = int((maxCode >> L.m) & ((std::uint64_t(1) << L.e) - 1));
    const double phantom = maxValue + std::ldexp(1.0, std::max(eMax, L.subnormals ? 1 : 0) - L.bias - L.m);
    list.entries.push_back({phantom, ~std::uint64_t(0)});
    if (L.signBit)
        list.entries.push_back({-phantom, ~std::uint64_t(0)});
    std::sort(list.entries.begin(), list.entries.end(),
              [](const Entry& a, const Entry& b) { return a.value < b.value; });
    return list;
}

enum class Mode { NearestEven, NearestAway, TowardZero, TowardPositive, TowardNegative };

// Round x (finite, within the phantom range or beyond) by brute force. Returns
// the chosen entry's value, or nullopt when the result is a phantom (overflow).
// Ties to even: the candidate whose magnitude code is even (the code's last bit).
inline std::optional<double> round(const ValueList& list, double x, Mode mode, bool* tie = nullptr)
{
    const auto& v = list.entries;
    const bool lowPhantom = v.front().code == ~std::uint64_t(0); // signed formats only
    if (x >= v.back().value || (lowPhantom && x <= v.front().value)) {
        // At or beyond a phantom: every mode that does not round toward zero overflows;
        // toward zero gives the largest finite value of that sign.
        const bool positive = x > 0;
        const bool towardZero = mode == Mode::TowardZero || (positive && mode == Mode::TowardNegative) ||
                                (!positive && mode == Mode::TowardPositive);
        if (towardZero)
            return positive ? v[v.size() - 2].value : v[1].value;
        return std::nullopt;
    }
    const auto hiIt = std::upper_bound(v.begin(), v.end(), x, [](double a, const Entry& e) { return a < e.value; });
    const Entry hi = *hiIt;
    const Entry lo = *(hiIt - 1);
    auto pick = [](const Entry& e) -> std::optional<double> {
        if (e.code == ~std::uint64_t(0))
            return std::nullopt;
        return e.value;
    };
    if (lo.value == x)
        return pick(lo);
    const double mid = lo.value / 2 + hi.value / 2; // exact for the small formats tested
    if (tie)
        *tie = x == mid;
    switch (mode) {
    case Mode::TowardPositive: return pick(hi);
    case Mode::TowardNegative: return pick(lo);
    case Mode::TowardZero: return pick(x > 0 ? lo : hi);
    case Mode::NearestAway:
        if (x == mid)
            return pick(x > 0 ? hi : lo);
        return pick(x < mid ? lo : hi);
    case Mode::NearestEven:
        if (x == mid) {
            // the phantom's magnitude code is maxK + 1; lo/hi are adjacent magnitudes
            const std::uint64_t loMag = lo.code == ~std::uint64_t(0) ? 1 : (lo.code & list.magMask);
            const std::uint64_t hiMag = hi.code == ~std::uint64_t(0) ? 1 : (hi.code & list.magMask);
            if (lo.code == ~std::uint64_t(0))
                return (hiMag & 1) ? pick(lo) : pick(hi);
            if (hi.code == ~std::uint64_t(0))
                return (loMag & 1) ? pick(hi) : pick(lo);
            // Both even only for 0 | minNormal of a flush-to-zero format (magnitude codes 0
            // and 2^M): the tie goes to zero, whose code is 0.
            if ((loMag & 1) == 0 && (hiMag & 1) == 0)
                return lo.value == 0 ? pick(lo) : pick(hi);
            return (loMag & 1) == 0 ? pick(lo) : pick(hi);
        }
        return pick(x < mid ? lo : hi);
    }
    return std::nullopt;
}

} // namespace ref
