#pragma once
// A model file (or a folder of them) seen as a list of named tensors: what
// every multi-tensor container reader gives - GGUF, PyTorch zip checkpoints,
// NumPy .npz, ONNX, TF.js, sharded safetensors. Opening reads headers only
// (names, stored types, shapes, byte ranges), so a 30 GB checkpoint lists in
// well under a second; read() decodes one tensor to float32 when asked.
#include "io/progress.h"
#include "io/tensorsource.h"

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace qs {

struct ContainerTensor
{
    std::string name;
    std::string dtype; // the stored type as the container names it: "float32", "q4_K", "uint8"...
    Shape shape;       // PyTorch order (outermost first), also for GGUF
    std::int64_t count = 0;
    std::uint64_t bytes = 0;  // stored size in bytes
    std::string quantization; // what the container says about how it is quantized (ONNX QDQ, TF.js), or empty
    std::string refusal;      // non-empty when values cannot be read: the reason, naming the type
    std::size_t slot = 0;     // the reader's own index of this tensor (zip entry, tensor info...)
};

class TensorContainer
{
public:
    virtual ~TensorContainer() = default;

    const std::string& path() const { return m_path; }
    const std::string& format() const { return m_format; }
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    const std::vector<ContainerTensor>& tensors() const { return m_tensors; }

    // The tensor named `name`, or nullptr.
    const ContainerTensor* find(const std::string& name) const;
    // By name; `name` empty picks the only tensor. Throws IoError(UnknownTensor) listing names.
    const ContainerTensor& pick(const std::string& name) const;
    // Values as float32; throws IoError(UnsupportedDtype) naming the type for a refused tensor.
    LoadedTensor read(const ContainerTensor& tensor, const ProgressCallback& progress = {}) const;

protected:
    explicit TensorContainer(std::string path) : m_path(std::move(path)) {}
    // Reads the tensor at m_tensors[index] (not refused).
    virtual LoadedTensor readAt(std::size_t index, const ProgressCallback& progress) const = 0;
    // Puts the tensors in natural order (layers.2 before layers.10); readers call it last.
    // `namesPrintable`: the reader made the names printable already (the safetensors
    // header parser does); escaping them again would double every backslash.
    void sortNaturally(bool namesPrintable = false);

    std::string m_path;
    std::string m_format;
    std::map<std::string, std::string> m_metadata;
    std::vector<ContainerTensor> m_tensors;
};

// "name1, name2, ... (N in all)": at most 20 names, for error messages.
std::string tensorNameList(const std::vector<ContainerTensor>& tensors);

// The canonical path of `relative` inside `folder` (a shard, an external data file).
// Refuses, naming `file` and `what`, an absolute path, a ".." component, or a link
// that leads out of the folder; throws NotFound when it does not exist.
std::string resolveInsideFolder(const std::string& folder, const std::string& relative, const std::string& file,
                                const std::string& what);

// Whether a file whose first bytes are `head` is one of the container formats
// above (by magic bytes first, then by name); .npy, single .safetensors and text
// files are not (tensorsource.h reads them directly). Folders always are.
bool isContainerFile(const std::string& path, std::span<const std::byte> head);

// Opens a container. Throws IoError naming the file and the problem.
std::unique_ptr<TensorContainer> openContainer(const std::string& path);

} // namespace qs
