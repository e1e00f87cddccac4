#pragma once
// A pickle reader that never executes anything: it understands the opcodes and
// the handful of globals a PyTorch state dict needs and builds plain data from
// them; everything else is refused with the offending global named
// ("refused: posix.system"). Made for the data.pkl of torch.save archives.
//
// Where Python's unpickler calls whatever global the file names (and
// torch.load(weights_only=True) calls a list of allowed ones), this reader calls
// nothing: GLOBAL only looks the name up in a fixed table, and REDUCE on an
// allowed name builds a record (a tensor description, an ordered dict) in C++.
// The data of the tensors is never in the pickle: a persistent id points at a
// storage file of the archive (torchfile.h reads it).
//
// Bounds: the pickle size, the number of values built (so memo and stack are
// bounded too), the mark depth, integer widths (LONG1/LONG4 up to 8 bytes), and
// every length against the bytes left. SETITEM(S) only on dicts and APPEND(S)
// only on lists (CVE-2026-24747 used them on other types).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace qs::pickle {

struct Limits
{
    // A state dict needs about 25 values and 300 bytes of pickle per tensor, so these
    // allow some 80,000 tensors while bounding memory to a few hundred MB.
    std::size_t maxBytes = std::size_t(64) << 20; // the pickle itself
    std::size_t maxValues = 2'000'000;            // values built
    std::size_t maxReferences = 8'000'000;        // stack pushes, memo entries, container items
    std::size_t maxMarks = 10'000;                // nested MARKs
};

// A storage named by a persistent id ('storage', torch.FloatStorage, KEY, LOCATION, NUMEL).
struct StorageRef
{
    std::string key;
    std::string type; // "FloatStorage", "HalfStorage"...
    std::string location;
    std::int64_t numel = 0;
};

// torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...): a strided view of a storage.
struct TensorRef
{
    StorageRef storage;
    std::int64_t offset = 0;
    std::vector<std::int64_t> size, stride;
};

struct Value
{
    enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Storage, Tensor };
    Kind kind = Kind::None;
    std::int64_t i = 0;                                     // Int, Bool
    double f = 0;                                           // Float
    std::string s;                                          // String, Bytes, Global ("module.name")
    std::vector<const Value*> items;                        // Tuple, List
    std::vector<std::pair<const Value*, const Value*>> map; // Dict, in insertion order
    std::unique_ptr<StorageRef> storage;                    // Storage
    std::unique_ptr<TensorRef> tensor;                      // Tensor
};

// Owns every value; the root and all references point into it.
class Document
{
public:
    const Value* root() const { return m_root; }
    std::size_t valueCount() const { return m_values.size(); }

private:
    friend class Unpickler;
    std::vector<std::unique_ptr<Value>> m_values;
    const Value* m_root = nullptr;
};

// Reads one pickle (up to STOP). Throws IoError naming `file`: Refused for a global,
// opcode or construct outside the allowed set, TooLarge past a limit, Truncated or
// BadHeader for malformed input.
Document unpickle(std::span<const std::byte> bytes, const std::string& file, const Limits& limits = {});

// The globals the reader accepts, for the docs and the tests.
const std::vector<std::string>& allowedGlobals();

} // namespace qs::pickle
