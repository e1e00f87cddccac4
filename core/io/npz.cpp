#include "io/npz.h"

#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/npy.h"
#include "io/zipreader.h"

#include <memory>

namespace qs {
namespace {

// The largest .npy header NumPy writes is far below this (npy.cpp allows 1 MiB).
constexpr std::size_t kHeadBytes = (std::size_t(1) << 20) + 16;

class NpzContainer : public TensorContainer
{
public:
    NpzContainer(std::shared_ptr<const ByteSource> source) : TensorContainer(source->name()), m_zip(std::move(source))
    {
        m_format = "npz";
        std::size_t others = 0;
        for (std::size_t i = 0; i < m_zip.entries().size(); ++i) {
            const ZipEntry& e = m_zip.entries()[i];
            if (e.name.size() < 5 || e.name.compare(e.name.size() - 4, 4, ".npy") != 0) {
                ++others; // numpy.load returns these as raw bytes: no tensor
                continue;
            }
            ContainerTensor t;
            t.name = e.name.substr(0, e.name.size() - 4);
            const std::string where = m_path + ":" + t.name;
            const NpyHeader h = parseNpyHeaderPrefix(m_zip.head(e, kHeadBytes), e.size, where);
            t.dtype = dtypeName(h.dtype);
            t.shape = h.shape;
            t.count = h.count;
            t.bytes = e.size - h.dataOffset;
            t.slot = i;
            m_tensors.push_back(std::move(t));
        }
        if (others)
            m_metadata["other members"] = std::to_string(others);
        sortNaturally();
    }

protected:
    LoadedTensor readAt(std::size_t index, const ProgressCallback& progress) const override
    {
        const ContainerTensor& t = m_tensors[index];
        const ZipEntry& e = m_zip.entries()[t.slot];
        const std::string where = m_path + ":" + t.name;
        LoadedTensor out;
        if (e.method == 0) {
            m_zip.verifyStored(e);
            out = readNpy(m_zip.stored(e, where), progress);
        } else {
            // Bounded before inflating: the header says exactly how many bytes the member has
            // (checked when listing), and those must fit the memory limit.
            checkMemoryLimit(t.count, t.shape, where);
            if (e.size / 4 > std::uint64_t(maxTensorElements()))
                throw IoError(IoErrorKind::TooLarge, where,
                              "inflating " + std::to_string(e.size) + " bytes exceeds the memory limit");
            std::vector<std::byte> raw(static_cast<std::size_t>(e.size));
            m_zip.extract(e, raw);
            out = readNpy(raw, where, progress);
        }
        out.name = t.name;
        m_zip.source().verifyUnchanged();
        return out;
    }

private:
    ZipArchive m_zip;
};

} // namespace

std::unique_ptr<TensorContainer> openNpz(std::span<const std::byte> bytes, const std::string& fileName)
{
    return std::make_unique<NpzContainer>(std::make_shared<const MemorySource>(bytes, fileName));
}

std::unique_ptr<TensorContainer> openNpzFile(const std::string& path)
{
    return std::make_unique<NpzContainer>(std::make_shared<const InputFile>(path));
}

} // namespace qs
