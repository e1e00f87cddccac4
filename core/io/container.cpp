#include "io/container.h"

#include "io/bytecursor.h"
#include "io/gguf.h"
#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/naturalorder.h"
#include "io/npy.h"
#include "io/npz.h"
#include "io/onnx.h"
#include "io/printable.h"
#include "io/safetensorsset.h"
#include "io/tfjs.h"
#include "io/torchfile.h"
#include "io/zipreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace qs {

const ContainerTensor* TensorContainer::find(const std::string& name) const
{
    for (const auto& t : m_tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

std::string tensorNameList(const std::vector<ContainerTensor>& tensors)
{
    std::string s;
    for (std::size_t i = 0; i < tensors.size() && i < 20; ++i)
        s += (i ? ", " : "") + tensors[i].name;
    if (tensors.size() > 20)
        s += ", ... (" + std::to_string(tensors.size()) + " in all)";
    return s;
}

const ContainerTensor& TensorContainer::pick(const std::string& name) const
{
    if (m_tensors.empty())
        throw IoError(IoErrorKind::UnknownTensor, m_path, "holds no tensors");
    if (name.empty()) {
        if (m_tensors.size() > 1)
            throw IoError(IoErrorKind::UnknownTensor, m_path,
                          "holds " + std::to_string(m_tensors.size()) + " tensors; pick one as FILE:TENSOR (" +
                              tensorNameList(m_tensors) + ")");
        return m_tensors.front();
    }
    if (const ContainerTensor* t = find(name))
        return *t;
    throw IoError(IoErrorKind::UnknownTensor, m_path,
                  "no tensor named '" + name + "' (tensors: " + tensorNameList(m_tensors) + ")");
}

LoadedTensor TensorContainer::read(const ContainerTensor& tensor, const ProgressCallback& progress) const
{
    if (!tensor.refusal.empty())
        throw IoError(IoErrorKind::UnsupportedDtype, m_path, "tensor '" + tensor.name + "': " + tensor.refusal);
    // Only an entry of tensors() itself: compare addresses as integers (pointer arithmetic
    // across arrays would be undefined for a copy or another container's entry).
    const auto at = reinterpret_cast<std::uintptr_t>(&tensor),
               begin = reinterpret_cast<std::uintptr_t>(m_tensors.data());
    const std::size_t index = at >= begin ? (at - begin) / sizeof(ContainerTensor) : m_tensors.size();
    if (index >= m_tensors.size() || &m_tensors[index] != &tensor)
        throw IoError(IoErrorKind::UnknownTensor, m_path, "tensor '" + tensor.name + "' is not of this file");
    LoadedTensor t = readAt(index, progress);
    t.name = tensor.name;
    return t;
}

void TensorContainer::sortNaturally(bool namesPrintable)
{
    // Names and metadata come from the file: shown escaped (core/io/printable.h),
    // which keeps distinct names distinct, so each stays selectable as listed.
    for (auto& t : m_tensors)
        if (!namesPrintable && !isPrintable(t.name))
            t.name = printable(t.name);
    std::map<std::string, std::string> metadata;
    for (auto& [k, v] : m_metadata)
        metadata.emplace(printable(k), printable(v));
    m_metadata = std::move(metadata);
    std::stable_sort(m_tensors.begin(), m_tensors.end(),
                     [](const ContainerTensor& a, const ContainerTensor& b) { return naturalLess(a.name, b.name); });
}

std::string resolveInsideFolder(const std::string& folder, const std::string& relative, const std::string& file,
                                const std::string& what)
{
    const QString rel = QString::fromStdString(relative);
    const bool escapes = relative.empty() || relative.find('\0') != std::string::npos || QDir::isAbsolutePath(rel) ||
                         relative.front() == '\\' || relative.find(':') != std::string::npos ||
                         rel.split(QRegularExpression(QStringLiteral("[/\\\\]"))).contains(QStringLiteral(".."));
    if (escapes)
        throw IoError(IoErrorKind::Refused, file,
                      what + " '" + relative.substr(0, 200) +
                          "' is not a plain path inside the model's folder (refused)");
    const QDir dir(QString::fromStdString(folder));
    const QString canonicalDir = dir.canonicalPath();
    const QString canonical = QFileInfo(dir.filePath(rel)).canonicalFilePath();
    if (canonical.isEmpty())
        throw IoError(IoErrorKind::NotFound, file, what + " '" + relative + "' is missing");
    if (canonicalDir.isEmpty() || !canonical.startsWith(canonicalDir + QLatin1Char('/')))
        throw IoError(IoErrorKind::Refused, file,
                      what + " '" + relative + "' links out of the model's folder (refused)");
    return canonical.toStdString();
}

namespace {

// What a file is, from its first bytes and its name.
enum class Kind { None, Gguf, Zip, LegacyTorch, Pickle, Onnx, Tfjs, SafetensorsIndex, Safetensors, Npy };

Kind kindOf(const std::string& path, std::span<const std::byte> head)
{
    const QString name = QFileInfo(QString::fromStdString(path)).fileName().toLower();
    if (looksLikeGguf(head))
        return Kind::Gguf;
    if (looksLikeZip(head))
        return Kind::Zip;
    if (looksLikeLegacyTorch(head))
        return Kind::LegacyTorch;
    if (head.size() >= 6 && std::memcmp(head.data(), "\x93NUMPY", 6) == 0)
        return Kind::Npy;
    if (head.size() >= 9 && std::to_integer<char>(head[8]) == '{' && loadLE(head.data(), 8) <= (1u << 27))
        return Kind::Safetensors; // an 8-byte header length, then a JSON object
    if (name.endsWith(QLatin1String(".npy")))
        return Kind::Npy; // the .npy reader names what is wrong with it (a pickle, too)
    if (!head.empty() && std::to_integer<unsigned>(head[0]) == 0x80)
        return Kind::Pickle;
    if (name.endsWith(QLatin1String(".safetensors.index.json")))
        return Kind::SafetensorsIndex;
    if (name.endsWith(QLatin1String(".safetensors")))
        return Kind::Safetensors;
    if (name.endsWith(QLatin1String(".onnx")))
        return Kind::Onnx;
    if (looksLikeTfjs(path, head))
        return Kind::Tfjs;
    return Kind::None;
}

// The first bytes of a regular file (InputFile refuses FIFOs and devices, naming them).
std::vector<std::byte> fileHead(const InputFile& file)
{
    std::vector<std::byte> head(std::size_t(std::min<std::uint64_t>(file.size(), 4096)));
    file.read(0, head.data(), head.size());
    return head;
}

// A one-array .npy as a container (for a folder or a header-only listing).
class NpyContainer : public TensorContainer
{
public:
    explicit NpyContainer(const std::string& path) : TensorContainer(path), m_file(path)
    {
        const NpyHeader h = parseNpyHeader(m_file);
        m_format = "npy " + std::to_string(h.major) + "." + std::to_string(h.minor);
        ContainerTensor t;
        t.name = printable(QFileInfo(QString::fromStdString(path)).fileName().toStdString());
        t.dtype = dtypeName(h.dtype);
        t.shape = h.shape;
        t.count = h.count;
        t.bytes = m_file.size() - h.dataOffset;
        m_metadata["descr"] = h.descr;
        m_metadata["fortran_order"] = h.fortranOrder ? "true" : "false";
        m_tensors.push_back(std::move(t));
        sortNaturally();
    }

protected:
    LoadedTensor readAt(std::size_t, const ProgressCallback& progress) const override
    {
        LoadedTensor out = readNpy(m_file, progress);
        m_file.verifyUnchanged();
        return out;
    }

private:
    InputFile m_file;
};

std::unique_ptr<TensorContainer> openFolder(const std::string& folder)
{
    const QDir dir(QString::fromStdString(folder));
    const auto has = [&](const QStringList& patterns) { return dir.entryList(patterns, QDir::Files); };
    if (!has({QStringLiteral("*.safetensors.index.json"), QStringLiteral("*.safetensors")}).isEmpty())
        return openSafetensorsFolder(folder);
    QStringList tfjs = has({QStringLiteral("model.json"), QStringLiteral("*weights_manifest.json")});
    if (tfjs.size() == 1)
        return openTfjsFile(dir.filePath(tfjs.front()).toStdString());
    const QStringList models = has({QStringLiteral("*.gguf"), QStringLiteral("*.onnx"), QStringLiteral("*.pt"),
                                    QStringLiteral("*.pth"), QStringLiteral("*.bin"), QStringLiteral("*.npz")});
    if (models.size() == 1)
        return openContainer(dir.filePath(models.front()).toStdString());
    if (models.size() + std::size_t(tfjs.size()) > 1)
        throw IoError(IoErrorKind::UnknownTensor, folder,
                      "holds several model files (" +
                          (models + tfjs).join(QStringLiteral(", ")).left(300).toStdString() + "); open one of them");
    throw IoError(IoErrorKind::NotFound, folder,
                  "is a directory holding no model files (.safetensors, .gguf, .pt, .onnx, .npz, TF.js model.json)");
}

} // namespace

bool isContainerFile(const std::string& path, std::span<const std::byte> head)
{
    const Kind k = kindOf(path, head);
    return k != Kind::None && k != Kind::Npy && k != Kind::Safetensors;
}

std::unique_ptr<TensorContainer> openContainer(const std::string& path)
{
    const QFileInfo info(QString::fromStdString(path));
    if (!info.exists())
        throw IoError(IoErrorKind::NotFound, path, "no such file");
    if (info.isDir())
        return openFolder(path);
    auto file = std::make_shared<const InputFile>(path);
    switch (kindOf(path, fileHead(*file))) {
    case Kind::Gguf: return openGgufFile(path);
    case Kind::Zip: {
        // torch.save archives hold NAME/data.pkl; anything else is read as an .npz.
        const ZipArchive zip(file);
        const bool torch = std::any_of(zip.entries().begin(), zip.entries().end(), [](const ZipEntry& e) {
            return e.name.size() > 9 && e.name.compare(e.name.size() - 9, 9, "/data.pkl") == 0;
        });
        return torch ? openTorchFile(path) : openNpzFile(path);
    }
    case Kind::LegacyTorch: return openTorchFile(path); // refuses it by name
    case Kind::Pickle:
        throw IoError(IoErrorKind::Refused, path,
                      "is a bare Python pickle, not a torch.save archive: refused (it is never executed)");
    case Kind::Onnx: return openOnnxFile(path);
    case Kind::Tfjs: return openTfjsFile(path);
    case Kind::SafetensorsIndex: return openSafetensorsIndex(path);
    case Kind::Safetensors: return openSafetensorsFile(path);
    case Kind::Npy: return std::make_unique<NpyContainer>(path);
    case Kind::None: break;
    }
    throw IoError(IoErrorKind::BadMagic, path,
                  "unknown model file: Quantscope reads .safetensors (and sharded sets), .gguf, PyTorch .pt/.pth/.bin, "
                  ".npz, .npy, .onnx and TF.js model.json");
}

} // namespace qs
