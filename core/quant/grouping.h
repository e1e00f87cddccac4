#pragma once
// How a tensor is cut into groups that share quantization parameters.
//
// A row-major tensor is seen as [outer, C, inner] around the channel axis:
// element (o, c, i) sits at (o*C + c)*inner + i and belongs to group c.
//
// Blocks run along rows: a row of L values holds ceil(L/B) blocks, the last
// one possibly shorter, and a block never spans two rows. By default the rows
// are those of the tensor's 2-D weight view [dim 0, product of the others], as
// llama.cpp, bitsandbytes' Linear4bit and torchao block a weight: a 3x3
// convolution [32, 64, 3, 3] has 32 rows of 576 values, not 6144 rows of 3.
// "@AXIS" makes the blocks run along one axis, "@flat" over the flattened
// tensor (one row; blocks cross the rows of the weight, as bitsandbytes'
// blockwise kernels do). When the chosen axis is not the last one its rows
// are strided in memory: the layout then describes the tensor with that axis
// moved last, [outer, inner, L], and runQuantization permutes the data into
// that order and back (blockRows().contiguous() is false).
//
// The kernels walk the tensor as "runs": contiguous index ranges in which the
// group either stays the same (stride 0: per-tensor, blocks, channel axes
// before the last) or advances by one per element (stride 1: the channel
// axis is the last one, so a run is one row and group = column).
#include "quant/quantconfig.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <vector>

namespace qs {

struct Run
{
    std::int64_t offset = 0;
    std::int64_t length = 0;
    std::int64_t group = 0; // group of the first element
    int groupStride = 0;    // 0 or 1
};

// A block granularity sees the tensor as [outer, length, inner] around the axis
// its blocks run along: outer * inner rows of `length` values.
struct BlockRows
{
    std::int64_t outer = 1;
    std::int64_t length = 1;
    std::int64_t inner = 1;
    bool contiguous() const { return inner == 1; }
};
// Throws ArgumentError for a block axis outside the tensor.
BlockRows blockRows(const Shape& shape, const Granularity& granularity);

class GroupLayout
{
public:
    // Groups beyond the number of values (all empty) that a layout may have:
    // per-group bookkeeping (parameters, ranges, the result's groups) stays
    // proportional to the data plus at most this many entries.
    static constexpr std::int64_t kMaxEmptyGroups = 65536;

    // Throws ArgumentError when the granularity does not fit the shape, or
    // makes more than size() + kMaxEmptyGroups groups.
    GroupLayout(const Shape& shape, const Granularity& granularity);

    std::int64_t groupCount() const { return m_groups; }
    std::int64_t size() const { return m_n; }
    Shape groupShape() const { return m_groupShape; }
    std::int64_t runCount() const { return m_runs; }
    Run run(std::int64_t k) const;
    std::int64_t groupOf(std::int64_t index) const;
    std::int64_t groupSize(std::int64_t g) const;

    // Appends the values of group g (in index order) to out.
    void gather(const float* x, std::int64_t g, std::vector<float>& out) const;
    // Calls f(run) for every run of group g (stride-0 layouts: tensor, blocks,
    // channel axes before the last). Channel-last layouts use forEachIndex.
    template <class F> void forEachGroupRun(std::int64_t g, F&& f) const;
    bool groupStrided() const { return m_mode == Mode::Channel && m_inner == 1; }
    // B when the layout is blocks that are all full (L % B == 0): block g is then
    // exactly [g*B, (g+1)*B), which lets kernels walk many blocks in one call. 0 otherwise.
    std::int64_t uniformBlockSize() const
    {
        return m_mode == Mode::Block && m_groups > 0 && m_rowLength % m_block == 0 ? m_block : 0;
    }
    // Calls f(index) for every element of group g in index order.
    template <class F> void forEachIndex(std::int64_t g, F&& f) const;

    bool isBlocks() const { return m_mode == Mode::Block; }
    // Blocks: the rows they run along (outer * inner rows of length values) and the block size.
    BlockRows blockRows() const { return m_blockRows; }
    std::int64_t rowLength() const { return m_rowLength; }
    std::int64_t blockSize() const { return m_block; }
    std::int64_t blocksPerRow() const { return m_groups > 0 ? m_blocksPerRow : 0; }

private:
    void checkGroupCount(const Granularity& granularity) const;
    enum class Mode { Tensor, Channel, Block };
    Mode m_mode = Mode::Tensor;
    std::int64_t m_n = 0;
    std::int64_t m_outer = 1, m_channels = 1, m_inner = 1;         // Channel
    std::int64_t m_rowLength = 1, m_block = 1, m_blocksPerRow = 1; // Block
    BlockRows m_blockRows;
    std::int64_t m_groups = 1;
    std::int64_t m_runs = 0;
    Shape m_groupShape;
};

template <class F> void GroupLayout::forEachIndex(std::int64_t g, F&& f) const
{
    switch (m_mode) {
    case Mode::Tensor:
        for (std::int64_t i = 0; i < m_n; ++i)
            f(i);
        break;
    case Mode::Channel:
        for (std::int64_t o = 0; o < m_outer; ++o) {
            const std::int64_t base = (o * m_channels + g) * m_inner;
            for (std::int64_t i = 0; i < m_inner; ++i)
                f(base + i);
        }
        break;
    case Mode::Block: {
        const std::int64_t row = g / m_blocksPerRow;
        const std::int64_t begin = row * m_rowLength + (g % m_blocksPerRow) * m_block;
        const std::int64_t end = std::min(begin + m_block, (row + 1) * m_rowLength);
        for (std::int64_t i = begin; i < end; ++i)
            f(i);
        break;
    }
    }
}

template <class F> void GroupLayout::forEachGroupRun(std::int64_t g, F&& f) const
{
    switch (m_mode) {
    case Mode::Tensor:
        if (m_n > 0)
            f(Run{0, m_n, 0, 0});
        break;
    case Mode::Channel:
        for (std::int64_t o = 0; o < m_outer; ++o)
            f(Run{(o * m_channels + g) * m_inner, m_inner, g, 0});
        break;
    case Mode::Block: f(run(g)); break;
    }
}

} // namespace qs
