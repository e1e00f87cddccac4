#include "io/generators.h"

#include "formats/error.h"
#include "io/dtype.h"
#include "io/ioerror.h"
#include "io/tensorsource.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

// Reproducibility needs every operation rounded on its own: no fused multiply-add.
// GCC in ISO mode (-std=c++20, no GNU extensions) already uses -ffp-contract=off;
// clang contracts within expressions unless told not to.
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

namespace qs {

std::uint64_t splitMix64(std::uint64_t& state)
{
    // Steele, Lea & Flood, "Fast splittable pseudorandom number generators" (2014).
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

Xoshiro256::Xoshiro256(std::uint64_t seed)
{
    // The seeding its authors recommend: four SplitMix64 outputs (never all zero).
    for (auto& s : m_s)
        s = splitMix64(seed);
}

std::uint64_t Xoshiro256::next()
{
    auto rotl = [](std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Xoshiro256::uniform01()
{
    return double(next() >> 11) * 0x1.0p-53;
}

double Xoshiro256::uniformOpen01()
{
    return (double(next() >> 11) + 0.5) * 0x1.0p-53;
}

double Xoshiro256::normal()
{
    // Marsaglia & Bray (1964) polar method: a point uniform in the unit disc gives
    // two independent normals u*f and v*f with f = sqrt(-2 ln(s) / s).
    if (m_haveSpare) {
        m_haveSpare = false;
        return m_spare;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform01() - 1.0;
        v = 2.0 * uniform01() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * detLog(s) / s);
    m_spare = v * f;
    m_haveSpare = true;
    return u * f;
}

namespace {
// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (the fdlibm constants).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
} // namespace

double detLog(double x)
{
    if (std::isnan(x) || x < 0)
        return std::numeric_limits<double>::quiet_NaN();
    if (x == 0)
        return -std::numeric_limits<double>::infinity();
    if (std::isinf(x))
        return x;
    int e = 0;
    double m = std::frexp(x, &e); // exact: x = m * 2^e, m in [0.5, 1)
    if (m < 0.70710678118654752440) {
        m *= 2; // exact
        --e;
    }
    // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.1716: the odd series
    // 2 (s + s^3/3 + s^5/5 + ...) reaches double precision by s^25.
    const double f = m - 1.0; // exact (Sterbenz)
    const double s = f / (2.0 + f);
    const double s2 = s * s;
    double series = 0;
    for (int k = 25; k >= 3; k -= 2)
        series = (series + 1.0 / double(k)) * s2;
    const double logm = 2.0 * s + 2.0 * s * series;
    return double(e) * kLn2Hi + (logm + double(e) * kLn2Lo);
}

double detExp(double x)
{
    if (std::isnan(x))
        return x;
    if (x > 709.782712893384)
        return std::numeric_limits<double>::infinity();
    if (x < -745.2)
        return 0.0;
    // x = k ln2 + r with |r| <= ln2/2; exp(r) by its Taylor series (Horner, 22 terms), then * 2^k.
    const double k = std::floor(x * 1.44269504088896340736 + 0.5);
    const double r = (x - k * kLn2Hi) - k * kLn2Lo;
    double p = 1.0;
    for (int i = 22; i >= 1; --i)
        p = 1.0 + p * r / double(i);
    return std::ldexp(p, int(k));
}

namespace {

struct Spec
{
    std::string dist;
    std::map<std::string, std::string> values;
};

const GeneratorInfo& findGenerator(const std::string& name)
{
    static const std::map<std::string, std::string> aliases = {{"gaussian", "normal"},     {"t", "student-t"},
                                                               {"student", "student-t"},   {"log-normal", "lognormal"},
                                                               {"llm", "llm-activations"}, {"conv", "conv-weights"}};
    const auto alias = aliases.find(name);
    const std::string canonical = alias == aliases.end() ? name : alias->second;
    for (const auto& g : generators())
        if (g.name == canonical)
            return g;
    std::string names;
    for (const auto& g : generators())
        names += (names.empty() ? "" : ", ") + g.name;
    throw ArgumentError("unknown distribution '" + name + "' (known: " + names + ")");
}

class Params
{
public:
    Params(const std::string& dist, std::map<std::string, std::string> values)
        : m_dist(dist), m_values(std::move(values))
    {}

    double number(const std::string& key, double fallback, double lo, double hi) const
    {
        const auto it = m_values.find(key);
        if (it == m_values.end())
            return fallback;
        double v = 0;
        const std::string& t = it->second;
        const char* first = t.data() + (t.starts_with('+') ? 1 : 0);
        const auto r = std::from_chars(first, t.data() + t.size(), v);
        if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(v))
            throw ArgumentError(m_dist + ": " + key + "='" + t + "' is not a finite number");
        if (v < lo || v > hi)
            throw ArgumentError(m_dist + ": " + key + "=" + t + " is outside [" + fmt(lo) + ", " + fmt(hi) + "]");
        return v;
    }
    std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const
    {
        if (!m_values.count(key))
            return fallback;
        const double v = number(key, 0, double(lo), double(hi));
        if (v != std::floor(v))
            throw ArgumentError(m_dist + ": " + key + "=" + m_values.at(key) + " is not a whole number");
        return std::int64_t(v);
    }
    std::uint64_t seed() const
    {
        const auto it = m_values.find("seed");
        if (it == m_values.end())
            return 1;
        std::uint64_t v = 0;
        const std::string& t = it->second;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
        if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size())
            throw ArgumentError(m_dist + ": seed='" + t + "' is not an integer in [0, 2^64)");
        return v;
    }
    bool has(const std::string& key) const { return m_values.count(key) != 0; }
    const std::string& text(const std::string& key) const { return m_values.at(key); }

private:
    static std::string fmt(double v)
    {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        return std::string(buf, r.ptr);
    }
    std::string m_dist;
    std::map<std::string, std::string> m_values;
};

constexpr std::int64_t kMaxGenerated = std::int64_t(1) << 28; // 1 GiB of float32

double gelu(double x)
{
    // The tanh form of GeLU (Hendrycks & Gimpel 2016, used by GPT-2/BERT): it needs
    // only exp, which detExp makes reproducible; it differs from x*Phi(x) by < 1e-3.
    const double y = 0.7978845608028654 * (x + 0.044715 * x * x * x);
    const double t = y > 20 ? 1.0 : y < -20 ? -1.0 : 1.0 - 2.0 / (detExp(2.0 * y) + 1.0);
    return 0.5 * x * (1.0 + t);
}

// Knuth's selection sampling (TAOCP vol. 2, Algorithm S): exactly m of n
// positions, each subset equally likely, in one pass without extra memory.
template <typename F> void selectPositions(Xoshiro256& rng, std::int64_t n, std::int64_t m, F onSelected)
{
    std::int64_t chosen = 0;
    for (std::int64_t i = 0; i < n && chosen < m; ++i) {
        if (double(n - i) * rng.uniform01() < double(m - chosen)) {
            onSelected(i);
            ++chosen;
        }
    }
}

// body(i) for i in [0, n) in order (the PRNG stream is the same as one plain
// loop), with a progress report after every chunk, mapped onto [from, to].
template <typename F>
void forEachChunked(std::int64_t n, const ProgressCallback& progress, double from, double to, F body)
{
    const std::int64_t chunk = std::max<std::int64_t>(1, kProgressChunk);
    for (std::int64_t start = 0; start < n; start += chunk) {
        const std::int64_t end = std::min(n, start + chunk);
        for (std::int64_t i = start; i < end; ++i)
            body(i);
        reportProgress(progress, from + (to - from) * double(end) / double(n));
    }
}

Shape parseShapeKey(const std::string& dist, const std::string& text)
{
    Shape shape;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t at = text.find('x', start);
        const std::string part = text.substr(start, at == std::string::npos ? std::string::npos : at - start);
        std::int64_t d = 0;
        const auto r = std::from_chars(part.data(), part.data() + part.size(), d);
        if (part.empty() || r.ec != std::errc() || r.ptr != part.data() + part.size() || d < 1 || d > kMaxGenerated)
            throw ArgumentError(dist + ": shape='" + text + "' is not like 64x32x3x3 (dimensions >= 1)");
        shape.push_back(d);
        if (shape.size() > 8)
            throw ArgumentError(dist + ": shape='" + text + "' has more than 8 dimensions");
        if (at == std::string::npos)
            break;
        start = at + 1;
    }
    return shape;
}

std::int64_t checkedCount(const std::string& dist, const Shape& shape)
{
    std::int64_t n = 1;
    for (std::int64_t d : shape) {
        if (d > kMaxGenerated / n)
            throw ArgumentError(dist + ": " + Tensor::shapeString(shape) + " is more than 2^28 values");
        n *= d;
    }
    return n;
}

} // namespace

const std::vector<GeneratorInfo>& generators()
{
    static const std::vector<GeneratorInfo> list = {
        {"normal", "Gaussian N(mean, std^2)", {"n", "seed", "mean", "std"}},
        {"uniform", "uniform on [lo, hi] (default: mean +- sqrt(3) std)", {"n", "seed", "mean", "std", "lo", "hi"}},
        {"laplace", "Laplace with the given mean and std (scale b = std / sqrt 2)", {"n", "seed", "mean", "std"}},
        {"student-t",
         "Student's t with nu degrees of freedom, scaled to std when nu > 2",
         {"n", "seed", "mean", "std", "nu"}},
        {"lognormal", "exp(N(mean, std^2)): mean and std of the logarithm", {"n", "seed", "mean", "std"}},
        {"bimodal",
         "two normals at mean -+ sep/2, the right one with probability weight",
         {"n", "seed", "mean", "std", "sep", "weight"}},
        {"relu", "max(0, N(mean, std^2)): one-sided activations", {"n", "seed", "mean", "std"}},
        {"gelu", "GeLU(N(mean, std^2)) (tanh form)", {"n", "seed", "mean", "std"}},
        {"outliers",
         "N(mean, std^2) with a fraction p of values at mean +- k std",
         {"n", "seed", "mean", "std", "p", "k"}},
        {"llm-activations",
         "rows (tokens) x cols (channels) normals; `outliers` channels kmin..kmax times larger, one sign each",
         {"n", "seed", "mean", "std", "rows", "cols", "outliers", "kmin", "kmax"}},
        {"conv-weights",
         "weights of `shape` (OxIxKxK); output channel scales spread over `spread` decades",
         {"n", "seed", "mean", "std", "shape", "spread"}},
    };
    return list;
}

Tensor generateTensor(std::string_view specText, const ProgressCallback& progress)
{
    // "DIST,key=value,...": parse and check every key before generating anything.
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = specText.find(',', start);
        parts.emplace_back(specText.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos)
            break;
        start = at + 1;
    }
    const GeneratorInfo& g = findGenerator(parts.front());
    std::map<std::string, std::string> values;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::size_t eq = parts[i].find('=');
        if (eq == std::string::npos || eq == 0)
            throw ArgumentError(g.name + ": '" + parts[i] + "' is not key=value");
        const std::string key = parts[i].substr(0, eq);
        if (std::find(g.keys.begin(), g.keys.end(), key) == g.keys.end()) {
            std::string keys;
            for (const auto& k : g.keys)
                keys += (keys.empty() ? "" : ", ") + k;
            throw ArgumentError(g.name + ": unknown key '" + key + "' (keys: " + keys + ")");
        }
        if (!values.emplace(key, parts[i].substr(eq + 1)).second)
            throw ArgumentError(g.name + ": key '" + key + "' given twice");
    }
    const Params p(g.name, values);
    const double mean = p.number("mean", 0, -1e30, 1e30);
    const double sd = p.number("std", 1, 0, 1e30);
    Xoshiro256 rng(p.seed());
    const std::string& d = g.name;

    if (d == "llm-activations" || d == "conv-weights") {
        Shape shape;
        if (d == "llm-activations") {
            const std::int64_t cols = p.integer("cols", 512, 1, kMaxGenerated);
            std::int64_t rows = p.integer("rows", 64, 1, kMaxGenerated);
            if (p.has("n")) {
                const std::int64_t n = p.integer("n", 0, 1, kMaxGenerated);
                if (!p.has("rows") && n % cols == 0)
                    rows = n / cols;
                else if (n != rows * cols)
                    throw ArgumentError(d + ": n=" + std::to_string(n) +
                                        " is not rows x cols = " + std::to_string(rows) + " x " + std::to_string(cols));
            }
            shape = {rows, cols};
        } else {
            shape = p.has("shape") ? parseShapeKey(d, p.text("shape")) : Shape{64, 32, 3, 3};
            if (p.has("n")) {
                const std::int64_t n = p.integer("n", 0, 1, kMaxGenerated);
                const std::int64_t perChannel = checkedCount(d, Shape(shape.begin() + 1, shape.end()));
                if (!p.has("shape") && n % perChannel == 0)
                    shape[0] = n / perChannel;
                else if (n != checkedCount(d, shape))
                    throw ArgumentError(d + ": n=" + std::to_string(n) + " does not match shape " +
                                        Tensor::shapeString(shape));
            }
        }
        checkedCount(d, shape);
        Tensor t(shape);
        float* out = t.data();
        if (d == "llm-activations") {
            const std::int64_t rows = shape[0], cols = shape[1];
            const std::int64_t outliers = p.integer("outliers", std::max<std::int64_t>(1, cols / 128), 0, cols);
            const double kmin = p.number("kmin", 20, 1, 1e6);
            const double kmax = p.number("kmax", 100, kmin, 1e6);
            // Per channel: a factor (log-uniform in [kmin, kmax]) and a sign for the
            // outlier channels, as in LLM.int8()'s systematic outlier features.
            std::vector<double> factor(std::size_t(cols), 0.0);
            selectPositions(rng, cols, outliers, [&](std::int64_t c) { factor[std::size_t(c)] = 1; });
            for (auto& f : factor)
                if (f != 0)
                    f = kmin * detExp(rng.uniform01() * detLog(kmax / kmin)) * (rng.uniform01() < 0.5 ? -1 : 1);
            const std::int64_t rowsPerChunk = std::max<std::int64_t>(1, kProgressChunk / cols);
            for (std::int64_t r0 = 0; r0 < rows; r0 += rowsPerChunk) {
                for (std::int64_t r = r0; r < std::min(rows, r0 + rowsPerChunk); ++r)
                    for (std::int64_t c = 0; c < cols; ++c) {
                        const double z = rng.normal();
                        const double f = factor[std::size_t(c)];
                        out[r * cols + c] = float(f == 0 ? mean + sd * z : mean + sd * f * (1.0 + 0.25 * z));
                    }
                reportProgress(progress, double(std::min(rows, r0 + rowsPerChunk)) / double(rows));
            }
        } else {
            const double spread = p.number("spread", 2, 0, 10);
            const std::int64_t perChannel = t.size() / shape[0];
            for (std::int64_t o = 0; o < shape[0]; ++o) {
                const double scale = sd * detExp((rng.uniform01() - 0.5) * spread * 2.302585092994046);
                for (std::int64_t i = 0; i < perChannel; ++i)
                    out[o * perChannel + i] = float(mean + scale * rng.normal());
                reportProgress(progress, double(o + 1) / double(shape[0]));
            }
        }
        return t;
    }

    const std::int64_t n = p.integer("n", 10000, 1, kMaxGenerated);
    checkedElementCount(Shape{n}, "--generate " + g.name);
    Tensor t(Shape{n});
    float* out = t.data();
    if (d == "normal") {
        forEachChunked(n, progress, 0, 1, [&](std::int64_t i) { out[i] = float(mean + sd * rng.normal()); });
    } else if (d == "uniform") {
        const double lo = p.number("lo", mean - std::sqrt(3.0) * sd, -1e30, 1e30);
        const double hi = p.number("hi", mean + std::sqrt(3.0) * sd, -1e30, 1e30);
        if (!(lo < hi) && !(lo == hi && !p.has("lo") && !p.has("hi")))
            throw ArgumentError("uniform: lo must be below hi");
        forEachChunked(n, progress, 0, 1, [&](std::int64_t i) { out[i] = float(lo + (hi - lo) * rng.uniform01()); });
    } else if (d == "laplace") {
        const double b = sd / std::sqrt(2.0);
        forEachChunked(n, progress, 0, 1, [&](std::int64_t i) {
            const double u = rng.uniformOpen01() - 0.5;
            out[i] = float(u < 0 ? mean + b * detLog(1.0 + 2.0 * u) : mean - b * detLog(1.0 - 2.0 * u));
        });
    } else if (d == "student-t") {
        const double nu = p.number("nu", 3, 1e-3, 1e6);
        const double scale = nu > 2 ? sd * std::sqrt((nu - 2.0) / nu) : sd;
        // Bailey (1994) polar method: t = u sqrt(nu (w^(-2/nu) - 1) / w), (u, v) uniform in the unit disc.
        forEachChunked(n, progress, 0, 1, [&](std::int64_t i) {
            double u, v, w;
            do {
                u = 2.0 * rng.uniform01() - 1.0;
                v = 2.0 * rng.uniform01() - 1.0;
                w = u * u + v * v;
            } while (w >= 1.0 || w == 0.0);
            const double tt = u * std::sqrt(nu * (detExp(-2.0 / nu * detLog(w)) - 1.0) / w);
            out[i] = float(mean + scale * tt);
        });
    } else if (d == "lognormal") {
        forEachChunked(n, progress, 0, 1, [&](std::int64_t i) { out[i] = float(detExp(mean + sd * rng.normal())); });
    } else if (d == "bimodal") {
        const double sep = p.number("sep", 4, 0, 1e30);
        const double weight = p.number("weight", 0.5, 0, 1);
        forEachChunked(n, progress, 0, 1, [&](std::int64_t i) {
            const double centre = rng.uniform01() < weight ? mean + sep / 2 : mean - sep / 2;
            out[i] = float(centre + sd * rng.normal());
        });
    } else if (d == "relu") {
        forEachChunked(n, progress, 0, 1,
                       [&](std::int64_t i) { out[i] = float(std::max(0.0, mean + sd * rng.normal())); });
    } else if (d == "gelu") {
        forEachChunked(n, progress, 0, 1, [&](std::int64_t i) { out[i] = float(gelu(mean + sd * rng.normal())); });
    } else if (d == "outliers") {
        const double frac = p.number("p", 0.01, 0, 1);
        const double k = p.number("k", 10, 0, 1e15);
        forEachChunked(n, progress, 0, 0.9, [&](std::int64_t i) { out[i] = float(mean + sd * rng.normal()); });
        const auto m = std::int64_t(std::floor(frac * double(n) + 0.5));
        selectPositions(rng, n, m, [&](std::int64_t i) { out[i] = float(mean + (rng.next() >> 63 ? k : -k) * sd); });
    }
    reportProgress(progress, 1.0);
    return t;
}

} // namespace qs
