// Loading and splitting the optical digits (see digits.h).
#include "model/digits.h"

#include "formats/error.h"
#include "io/generators.h"
#include "io/inputfile.h"
#include "io/ioerror.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdlib>

namespace qs {

Dataset Dataset::rows(const std::vector<int>& which) const
{
    Dataset out;
    out.classes = classes;
    out.x.resize(Eigen::Index(which.size()), x.cols());
    for (std::size_t r = 0; r < which.size(); ++r) {
        out.x.row(Eigen::Index(r)) = x.row(which[r]);
        out.labels.push_back(labels[std::size_t(which[r])]);
        out.index.push_back(index[std::size_t(which[r])]);
    }
    return out;
}

Dataset Dataset::head(std::int64_t count) const
{
    std::vector<int> which;
    for (std::int64_t i = 0; i < std::min(count, size()); ++i)
        which.push_back(int(i));
    return rows(which);
}

Dataset parseDigits(const QByteArray& csv)
{
    Dataset d;
    std::vector<float> pixels;
    int line = 0;
    for (const QByteArray& raw : csv.split('\n')) {
        ++line;
        const QByteArray text = raw.trimmed();
        if (text.isEmpty())
            continue;
        const QList<QByteArray> fields = text.split(',');
        if (fields.size() != kDigitsPixels + 1)
            throw IoError(IoErrorKind::BadText, "digits.csv",
                          "line " + std::to_string(line) + ": expected 65 values, got " +
                              std::to_string(fields.size()));
        for (int k = 0; k <= kDigitsPixels; ++k) {
            bool ok = false;
            const int v = fields[k].trimmed().toInt(&ok);
            const int hi = k < kDigitsPixels ? kDigitsMaxGrey : 9;
            if (!ok || v < 0 || v > hi)
                throw IoError(IoErrorKind::BadText, "digits.csv",
                              "line " + std::to_string(line) + ", field " + std::to_string(k + 1) + ": '" +
                                  fields[k].toStdString() + "' is not an integer 0.." + std::to_string(hi));
            if (k < kDigitsPixels)
                pixels.push_back(float(v) / float(kDigitsMaxGrey));
            else
                d.labels.push_back(v);
        }
        d.index.push_back(int(d.index.size()));
    }
    if (d.labels.empty())
        throw IoError(IoErrorKind::Empty, "digits.csv", "no samples");
    d.x = Eigen::Map<const Matrix>(pixels.data(), Eigen::Index(d.labels.size()), kDigitsPixels);
    return d;
}

Dataset loadDigits(const std::string& path)
{
    // A regular file (or the built-in resource) of bounded size: /dev/zero or a FIFO is refused, not read forever.
    return parseDigits(QByteArray::fromStdString(readSmallFile(path, kMaxDocumentBytes, "training data")));
}

std::string defaultDigitsPath()
{
    if (const char* env = std::getenv("QS_DIGITS_CSV"); env && *env)
        return env;
    std::vector<QString> candidates = {QStringLiteral(":/data/digits.csv")};
#ifdef QS_DIGITS_SOURCE_PATH
    candidates.push_back(QStringLiteral(QS_DIGITS_SOURCE_PATH));
#endif
    if (QCoreApplication::instance())
        candidates.push_back(QCoreApplication::applicationDirPath() +
                             QStringLiteral("/../share/quantscope/digits.csv"));
    for (const QString& c : candidates)
        if (QFile::exists(c))
            return c.toStdString();
    throw IoError(IoErrorKind::NotFound, "digits.csv", "not found (set QS_DIGITS_CSV to resources/data/digits.csv)");
}

std::vector<int> seededPermutation(int n, std::uint64_t seed)
{
    std::vector<int> p(std::size_t(std::max(n, 0)));
    for (int i = 0; i < n; ++i)
        p[std::size_t(i)] = i;
    Xoshiro256 rng(seed);
    // Fisher-Yates from the end; j uniform in [0, i] from 53 random bits.
    for (int i = n - 1; i > 0; --i) {
        const int j = int(rng.uniform01() * double(i + 1));
        std::swap(p[std::size_t(i)], p[std::size_t(std::min(j, i))]);
    }
    return p;
}

DatasetSplit splitDataset(const Dataset& all, double testFraction, std::uint64_t seed)
{
    if (!(testFraction > 0 && testFraction < 1))
        throw ArgumentError("test fraction must be in (0, 1)");
    const std::vector<int> perm = seededPermutation(int(all.size()), seed);
    const int nTest = std::max(1, int(double(all.size()) * testFraction + 0.5));
    const std::vector<int> test(perm.begin(), perm.begin() + nTest);
    const std::vector<int> train(perm.begin() + nTest, perm.end());
    return {all.rows(train), all.rows(test)};
}

} // namespace qs
