#pragma once
// The reproducible data of the toolkit fixtures (tests/data/nvidia/make_entropy.py,
// tests/data/bnb/make_double_quant.py): a 64-bit LCG whose values the Python
// generators compute with the same integer and float32 operations, so no
// tensor has to be stored in the fixture. Also the hex-float reading the
// fixtures use (Python's float.hex()).
#include <QJsonArray>
#include <QString>

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace qs::testdata {

class Lcg
{
public:
    explicit Lcg(std::uint64_t seed) : m_state(seed) {}
    // u1 + u2 + u3 + u4 - 2^24 with u = state >> 41 (23 bits): |v| < 2^24, exact in float32.
    std::int64_t bell()
    {
        std::int64_t s = 0;
        for (int k = 0; k < 4; ++k) {
            m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
            s += std::int64_t(m_state >> 41);
        }
        return s - (std::int64_t(1) << 24);
    }

private:
    std::uint64_t m_state;
};

// float32(1.1 * 2^-22), the scale of every generated value.
inline float lcgScale()
{
    return float(1.1 * 0x1p-22);
}

inline double hexFloat(const QString& s)
{
    return std::strtod(s.toLatin1().constData(), nullptr);
}

inline std::vector<float> hexFloats(const QJsonArray& a)
{
    std::vector<float> out;
    for (const auto& v : a)
        out.push_back(float(hexFloat(v.toString())));
    return out;
}

} // namespace qs::testdata
