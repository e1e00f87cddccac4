#pragma once
// The UCI optical digits (resources/data/digits.csv, CC BY 4.0): 1,797 images
// of 8x8 pixels with 17 grey levels (0..16) and a label 0..9. The Model Lab
// trains its small network on a seeded train/test split of them.
#include <Eigen/Core>

#include <QByteArray>

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

// Row-major float matrices: one sample (or one output channel) per row, the
// layout of Tensor, so a matrix maps onto a [rows, cols] tensor without copies.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXf;

struct Dataset
{
    Matrix x;                // n x 64, pixels scaled to [0, 1] (value / 16)
    std::vector<int> labels; // n labels 0..9
    std::vector<int> index;  // row of each sample in the original file (for showing the image)
    int classes = 10;

    std::int64_t size() const { return std::int64_t(labels.size()); }
    Dataset rows(const std::vector<int>& which) const; // a subset, in the given order
    Dataset head(std::int64_t count) const;            // the first min(count, size) samples
};

inline constexpr int kDigitsPixels = 64;
inline constexpr int kDigitsMaxGrey = 16;

// Parses the CSV text: 65 integers per line (64 pixels 0..16, then the label).
// Throws IoError naming the line of a malformed row.
Dataset parseDigits(const QByteArray& csv);
// Reads a file (or a Qt resource path such as ":/data/digits.csv").
Dataset loadDigits(const std::string& path);
// Where the CSV is found: $QS_DIGITS_CSV, the Qt resource ":/data/digits.csv"
// when the binary embeds it, the source tree's resources/data/digits.csv, or
// ../share/quantscope/digits.csv next to the application. Throws IoError if none exists.
std::string defaultDigitsPath();

struct DatasetSplit
{
    Dataset train;
    Dataset test;
};
// A seeded split: a Fisher-Yates shuffle driven by xoshiro256** (core/io/
// generators.h), so the same seed gives the same split on every machine.
// testFraction in (0, 1); throws ArgumentError otherwise.
DatasetSplit splitDataset(const Dataset& all, double testFraction = 0.2, std::uint64_t seed = 1);

// A seeded permutation of 0..n-1 (the same shuffle the split uses).
std::vector<int> seededPermutation(int n, std::uint64_t seed);

} // namespace qs
