#pragma once
// Where tensors come from: files and seeded generators. These are the entry
// points the CLI (`--input`, `--generate`, `info`) and the GUI's data panel call.
#include "io/dtype.h"
#include "io/progress.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

// "FILE" or "FILE:TENSOR": .npy, .safetensors, .csv/.tsv/.txt, and the model
// containers of core/io/container.h (GGUF, PyTorch .pt/.pth/.bin, .npz, ONNX,
// TF.js model.json, a model.safetensors.index.json or a folder of shards).
// A file with one tensor needs no TENSOR; with several, naming none is an error
// that lists the names. Throws IoError (core/io/ioerror.h) naming the file and the problem.
// The file is read by position into our own buffers, never mapped: a file that
// shrinks or is rewritten during the load gives IoError(Changed), not a crash.
// `progress` (optional) gets the fraction read and may cancel (throws Cancelled).
Tensor loadTensor(const std::string& fileAndTensor, const ProgressCallback& progress = {});

// "DIST[,key=value...]", e.g. "normal,n=100000,seed=1,mean=0,std=1". Distributions:
// normal, uniform, laplace, student-t, lognormal, bimodal, relu, gelu, outliers,
// llm-activations, conv-weights. Same seed -> the same values on every machine.
// Throws ArgumentError naming a bad key or value. (core/io/generators.h has the details.)
// `progress` (optional) gets the fraction generated and may cancel (throws Cancelled);
// the values do not depend on it.
Tensor generateTensor(std::string_view spec, const ProgressCallback& progress = {});

// A tensor as read from a file, with what the conversion to float32 changed.
struct LoadedTensor
{
    Tensor tensor;
    std::string name;  // the safetensors name, the file name for .npy/text
    std::string dtype; // the stored dtype ("float16", "int64"...); text: "text"
    ConversionReport conversion;
};

// loadTensor with the conversion report (the GUI shows it next to the data).
LoadedTensor loadTensorDetailed(const std::string& fileAndTensor, const ProgressCallback& progress = {});

// The names of the tensors of a file from its header alone (cheap even for a
// large file): a safetensors file's or container's names in natural order
// (layers.2 before layers.10); one name for .npy and text.
// Names are printable (core/io/printable.h) and unique: each can be selected
// as FILE:NAME exactly as it is listed.
std::vector<std::string> listTensorNames(const std::string& path);

// Splits "FILE:TENSOR" at the first ":" whose prefix before a ':' that is an
// existing file (so tensor names may contain ':'); the whole string when it is a file.
std::pair<std::string, std::string> splitFileAndTensor(const std::string& fileAndTensor);

enum class FileKind { Npy, Safetensors, Text, Container };
// By magic bytes first (\x93NUMPY, a safetensors length + '{', GGUF, zip, pickle),
// then by name (.onnx, TF.js .json, .safetensors.index.json, .npy, .safetensors, text).
// `head` is the start of the file (16 bytes suffice), `fileSize` its whole size.
FileKind detectFileKind(const std::string& path, std::span<const std::byte> head, std::uint64_t fileSize);
FileKind detectFileKind(const std::string& path, std::span<const std::byte> head); // head: the whole file

// Statistics over the finite values; NaN and +-Inf are counted, not averaged.
struct TensorStats
{
    std::int64_t count = 0;
    std::int64_t finite = 0;
    std::int64_t nan = 0;
    std::int64_t posInf = 0;
    std::int64_t negInf = 0;
    double min = 0, max = 0, mean = 0, std = 0; // population std; 0 when no finite value
};
TensorStats computeStats(std::span<const float> values);

struct TensorListing
{
    std::string name;
    std::string dtype;
    Shape shape;
    std::int64_t count = 0;
    TensorStats stats;
    ConversionReport conversion;
    bool hasStats = true;     // false when listed from the header only, or refused
    std::uint64_t bytes = 0;  // stored size (0 for text)
    std::string quantization; // the container's own quantization of it (ONNX QDQ, TF.js), if any
    std::string refusal;      // why its values cannot be read (an undecoded GGUF type...), if so
};

struct FileListing
{
    std::string file;
    std::string format; // "npy 1.0", "safetensors", "gguf v3", "pytorch", "npz", "onnx", "tfjs", "csv"...
    std::vector<TensorListing> tensors;
    // safetensors __metadata__; text: column names; .npy: descr, fortran_order.
    // Like every name of a listing, printable (core/io/printable.h): ready to show.
    std::map<std::string, std::string> metadata;
};
// Every tensor of a file with its statistics (quantscope-cli info); with `only`
// set, just that tensor (an error naming the file when there is none).
// Tensors whose values cannot be read are listed without statistics.
FileListing listTensors(const std::string& path, const std::string& only = {});
// The same from the headers alone: names, stored types, shapes, sizes, no
// statistics and no tensor data read (text files are parsed: they have no header).
FileListing listTensorHeaders(const std::string& path);

} // namespace qs
