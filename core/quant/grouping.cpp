#include "quant/grouping.h"

#include "formats/error.h"

#include <algorithm>

namespace qs {

BlockRows blockRows(const Shape& shape, const Granularity& granularity)
{
    BlockRows r;
    const std::int64_t n = Tensor::elementCount(shape);
    switch (granularity.blockAxis) {
    case Granularity::BlockAxis::Rows:
        // The 2-D weight view [dim 0, product of the others]; a vector is one row.
        if (shape.size() >= 2) {
            r.outer = shape[0];
            r.length = 1;
            for (std::size_t a = 1; a < shape.size(); ++a)
                r.length *= shape[a];
        } else
            r.length = shape.empty() ? 1 : shape[0];
        break;
    case Granularity::BlockAxis::Flat: r.length = n; break;
    case Granularity::BlockAxis::Axis: {
        const int rank = int(shape.size());
        const int axis = granularity.axis < 0 ? granularity.axis + rank : granularity.axis;
        if (rank == 0 || axis < 0 || axis >= rank)
            throw ArgumentError("block axis " + std::to_string(granularity.axis) + " outside a tensor of rank " +
                                std::to_string(rank));
        for (int a = 0; a < axis; ++a)
            r.outer *= shape[std::size_t(a)];
        r.length = shape[std::size_t(axis)];
        for (int a = axis + 1; a < rank; ++a)
            r.inner *= shape[std::size_t(a)];
        break;
    }
    }
    return r;
}

GroupLayout::GroupLayout(const Shape& shape, const Granularity& granularity)
{
    m_n = Tensor::elementCount(shape);
    switch (granularity.kind) {
    case Granularity::Kind::Tensor:
        m_mode = Mode::Tensor;
        m_groups = 1;
        m_runs = m_n > 0 ? 1 : 0;
        m_groupShape = {1};
        break;
    case Granularity::Kind::Channel: {
        m_mode = Mode::Channel;
        const int rank = int(shape.size());
        if (rank == 0)
            throw ArgumentError("per-channel quantization needs a tensor of rank >= 1");
        const int axis = granularity.axis < 0 ? granularity.axis + rank : granularity.axis;
        if (axis < 0 || axis >= rank)
            throw ArgumentError("channel axis " + std::to_string(granularity.axis) + " outside a tensor of rank " +
                                std::to_string(rank));
        m_outer = 1;
        for (int a = 0; a < axis; ++a)
            m_outer *= shape[std::size_t(a)];
        m_channels = shape[std::size_t(axis)];
        m_inner = 1;
        for (int a = axis + 1; a < rank; ++a)
            m_inner *= shape[std::size_t(a)];
        m_groups = m_channels;
        // With inner == 1 a run is a whole row whose group advances with the column.
        m_runs = m_n == 0 ? 0 : (m_inner == 1 ? m_outer : m_outer * m_channels);
        m_groupShape = {m_channels};
        break;
    }
    case Granularity::Kind::Block: {
        m_mode = Mode::Block;
        if (granularity.blockSize < 1)
            throw ArgumentError("block size must be at least 1");
        m_blockRows = qs::blockRows(shape, granularity);
        m_rowLength = m_blockRows.length;
        m_block = granularity.blockSize;
        const std::int64_t rows = m_rowLength == 0 ? 0 : m_blockRows.outer * m_blockRows.inner;
        m_blocksPerRow = m_rowLength == 0 ? 0 : (m_rowLength + m_block - 1) / m_block;
        m_groups = rows * m_blocksPerRow;
        m_runs = m_groups;
        // Groups are reported in the tensor's own order: the rows' shape with the
        // block axis counting blocks (runQuantization reorders a permuted layout's groups).
        switch (granularity.blockAxis) {
        case Granularity::BlockAxis::Rows:
            m_groupShape = shape.size() >= 2 ? Shape{shape[0], m_blocksPerRow} : Shape{m_blocksPerRow};
            break;
        case Granularity::BlockAxis::Flat: m_groupShape = {m_blocksPerRow}; break;
        case Granularity::BlockAxis::Axis: {
            const int rank = int(shape.size());
            m_groupShape = shape;
            m_groupShape[std::size_t(granularity.axis < 0 ? granularity.axis + rank : granularity.axis)] =
                m_blocksPerRow;
            break;
        }
        }
        if (m_blocksPerRow == 0)
            m_blocksPerRow = 1; // keeps groupOf()/run() arithmetic defined for empty tensors
        break;
    }
    }
    checkGroupCount(granularity);
}

void GroupLayout::checkGroupCount(const Granularity& granularity) const
{
    // Groups can outnumber the values only when some are empty (a zero
    // dimension beside the channel axis): shape (0, 2^27) per channel would
    // otherwise need gigabytes of per-group parameters for no value at all.
    if (m_groups > m_n + kMaxEmptyGroups)
        throw ArgumentError("granularity " + granularity.toString() + " makes " + std::to_string(m_groups) +
                            " groups for " + std::to_string(m_n) + " values: at most " +
                            std::to_string(kMaxEmptyGroups) + " more groups than values are allowed");
}

Run GroupLayout::run(std::int64_t k) const
{
    switch (m_mode) {
    case Mode::Tensor: return {0, m_n, 0, 0};
    case Mode::Channel:
        if (m_inner == 1)
            return {k * m_channels, m_channels, 0, 1};
        return {k * m_inner, m_inner, k % m_channels, 0};
    case Mode::Block: {
        const std::int64_t row = k / m_blocksPerRow;
        const std::int64_t begin = row * m_rowLength + (k % m_blocksPerRow) * m_block;
        const std::int64_t end = std::min(begin + m_block, (row + 1) * m_rowLength);
        return {begin, end - begin, k, 0};
    }
    }
    return {};
}

std::int64_t GroupLayout::groupOf(std::int64_t index) const
{
    switch (m_mode) {
    case Mode::Tensor: return 0;
    case Mode::Channel: return (index / m_inner) % m_channels;
    case Mode::Block: return (index / m_rowLength) * m_blocksPerRow + (index % m_rowLength) / m_block;
    }
    return 0;
}

std::int64_t GroupLayout::groupSize(std::int64_t g) const
{
    switch (m_mode) {
    case Mode::Tensor: return m_n;
    case Mode::Channel: return m_outer * m_inner;
    case Mode::Block: {
        const std::int64_t first = (g % m_blocksPerRow) * m_block;
        return std::min(m_block, m_rowLength - first);
    }
    }
    return 0;
}

void GroupLayout::gather(const float* x, std::int64_t g, std::vector<float>& out) const
{
    out.reserve(out.size() + std::size_t(groupSize(g)));
    forEachIndex(g, [&](std::int64_t i) { out.push_back(x[i]); });
}

} // namespace qs
