#pragma once
// Seeded test tensors and small reference helpers shared by the calib tests.
// Independent of the code under test: only <random> and plain loops.
#include <QString>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

namespace qs::testref {

// "normal", "laplace", "uniform", "relu" (normal clipped at 0), "outliers"
// (normal with every 997th value multiplied by 40), "ints" (integers 0..20:
// many ties), "halfzero" (every other value exactly 0).
inline std::vector<float> makeData(const QString& kind, std::size_t n, unsigned seed)
{
    std::mt19937_64 gen(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::exponential_distribution<double> expo(1.0);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    std::uniform_int_distribution<int> ints(0, 20);
    std::vector<float> x(n);
    for (std::size_t i = 0; i < n; ++i) {
        double v = 0;
        if (kind == "normal") {
            v = normal(gen);
        } else if (kind == "laplace") {
            v = (gen() & 1 ? 1.0 : -1.0) * expo(gen);
        } else if (kind == "uniform") {
            v = uniform(gen);
        } else if (kind == "relu") {
            v = std::max(0.0, normal(gen));
        } else if (kind == "outliers") {
            v = normal(gen) * (i % 997 == 3 ? 40.0 : 1.0);
        } else if (kind == "ints") {
            v = ints(gen);
        } else if (kind == "halfzero") {
            v = i % 2 ? normal(gen) : 0.0;
        } else {
            throw std::invalid_argument("unknown test distribution");
        }
        x[i] = float(v);
    }
    return x;
}

} // namespace qs::testref
