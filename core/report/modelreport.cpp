// runModelReport: one tensor at a time from any container (core/io), its
// statistics and every scheme's fused measurement (reportmeasure.cpp), then
// the totals and the ranking (docs/report.md).
#include "report/modelreport.h"

#include "formats/error.h"
#include "io/container.h"
#include "io/printable.h"
#include "io/tensorsource.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <span>

namespace qs {

namespace {

// The tensors of a model and how to read each: a container's own list, or the
// names of a single .npy / .safetensors / text file read through loadTensorDetailed.
class ModelSource
{
public:
    explicit ModelSource(const std::string& path) : m_path(path)
    {
        const QFileInfo info(QString::fromStdString(path));
        bool container = info.isDir();
        if (!container && info.isFile()) {
            std::vector<char> head(4096, 0);
            std::ifstream f(path, std::ios::binary);
            f.read(head.data(), std::streamsize(head.size()));
            head.resize(std::size_t(std::max<std::streamsize>(0, f.gcount())));
            container = isContainerFile(path, std::as_bytes(std::span<const char>(head)));
        }
        if (container) {
            m_container = openContainer(path);
            m_format = m_container->format();
            for (const ContainerTensor& t : m_container->tensors())
                m_entries.push_back({printable(t.name), t.dtype, t.shape, t.count, t.refusal, &t});
            return;
        }
        const FileListing listing = listTensorHeaders(path);
        m_format = listing.format;
        for (const TensorListing& t : listing.tensors)
            m_entries.push_back({t.name, t.dtype, t.shape, t.count, t.refusal, nullptr});
        m_single = listing.tensors.size() == 1;
    }

    struct Entry
    {
        std::string name; // printable
        std::string dtype;
        Shape shape;
        std::int64_t count = 0;
        std::string refusal;
        const ContainerTensor* tensor = nullptr;
    };

    const std::string& format() const { return m_format; }
    const std::vector<Entry>& entries() const { return m_entries; }

    Tensor read(const Entry& e, const ProgressCallback& progress) const
    {
        if (e.tensor)
            return m_container->read(*e.tensor, progress).tensor;
        return loadTensorDetailed(m_single ? m_path : m_path + ":" + e.name, progress).tensor;
    }

private:
    std::string m_path;
    std::string m_format;
    std::unique_ptr<TensorContainer> m_container;
    std::vector<Entry> m_entries;
    bool m_single = false;
};

} // namespace

ModelReport runModelReport(const std::string& path, const std::vector<ReportScheme>& schemes,
                           const ReportOptions& options)
{
    if (schemes.empty())
        throw ArgumentError("no scheme given");
    QRegularExpression filter;
    if (!options.filter.empty()) {
        filter.setPattern(QString::fromStdString(options.filter));
        if (!filter.isValid())
            throw ArgumentError("--filter '" + options.filter +
                                "' is not a regular expression: " + filter.errorString().toStdString());
    }
    const ModelSource source(path);
    ModelReport report;
    report.file = printable(path);
    report.format = source.format();
    report.schemes = schemes;

    std::vector<const ModelSource::Entry*> chosen;
    double total = 0;
    for (const auto& e : source.entries()) {
        if (!options.filter.empty() && !filter.match(QString::fromStdString(e.name)).hasMatch())
            continue;
        if (!e.refusal.empty()) {
            report.skipped.emplace_back(e.name, e.refusal);
            continue;
        }
        chosen.push_back(&e);
        total += double(std::max<std::int64_t>(1, e.count));
    }
    if (chosen.empty() && report.skipped.empty())
        throw ArgumentError(options.filter.empty()
                                ? "'" + report.file + "' holds no tensor"
                                : "--filter '" + options.filter + "' matches no tensor of '" + report.file + "' (" +
                                      std::to_string(source.entries().size()) + " tensors)");
    // Progress: each tensor weighs its values; its read is the first 1/(schemes + 2) of that.
    double done = 0;
    const double steps = double(schemes.size() + 2);
    for (const ModelSource::Entry* e : chosen) {
        const double w = double(std::max<std::int64_t>(1, e->count)) / std::max(1.0, total);
        auto at = [&](double f) { return std::min(1.0, done + w * f); };
        reportProgress(options.progress, at(0));
        const Tensor x = source.read(*e, subProgress(options.progress, at(0), at(1 / steps)));
        ReportTensor row;
        row.name = e->name;
        row.dtype = e->dtype;
        row.shape = x.shape();
        row.count = x.size();
        row.stats = tensorStats(x);
        reportProgress(options.progress, at(2 / steps));
        for (std::size_t s = 0; s < schemes.size(); ++s) {
            row.schemes.push_back(measureScheme(x, schemes[s].config));
            reportProgress(options.progress, at(double(s + 3) / steps));
        }
        report.tensors.push_back(std::move(row));
        done += w;
        if (options.tensorDone)
            options.tensorDone(report.tensors.back(), report.tensors.size() - 1);
    }
    finishReport(report);
    reportProgress(options.progress, 1.0);
    return report;
}

void finishReport(ModelReport& report)
{
    const std::size_t S = report.schemes.size();
    report.totals.assign(S, ReportTotal{});
    for (const ReportTensor& t : report.tensors)
        for (std::size_t s = 0; s < S && s < t.schemes.size(); ++s) {
            const ReportSchemeResult& r = t.schemes[s];
            if (!r.ok)
                continue;
            ReportTotal& T = report.totals[s];
            ++T.tensors;
            T.values += t.count;
            T.measured += r.measured;
            T.signal += r.signal;
            T.noise += r.noise;
            T.bits += r.bits;
            T.bytes += std::uint64_t(std::ceil(r.bits / 8));
        }
    for (ReportTotal& T : report.totals) {
        T.sqnrDb = T.measured == 0 ? 0 : sqnrFromSums(T.signal, T.noise);
        T.mse = T.measured == 0 ? 0 : T.noise / double(T.measured);
        T.bitsPerValue = T.values > 0 ? T.bits / double(T.values) : 0;
    }
    // Most sensitive first: the lowest mean SQNR over the schemes that apply
    // (+inf SQNR counts as 1000 dB so that a lossless scheme does not hide the others).
    std::vector<double> key(report.tensors.size(), std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < report.tensors.size(); ++i) {
        double sum = 0;
        int k = 0;
        for (const ReportSchemeResult& r : report.tensors[i].schemes)
            if (r.ok && r.measured > 0) {
                sum += std::min(r.sqnrDb, 1000.0);
                ++k;
            }
        if (k > 0)
            key[i] = sum / k;
    }
    report.ranking.resize(report.tensors.size());
    std::iota(report.ranking.begin(), report.ranking.end(), std::size_t(0));
    std::stable_sort(report.ranking.begin(), report.ranking.end(),
                     [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
}

} // namespace qs
