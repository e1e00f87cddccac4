#pragma once
// A shaped, contiguous, row-major (C order) float32 tensor. The storage is
// shared between copies (copy-on-write is not needed: every pipeline stage
// writes a new tensor), so handing a tensor to a worker thread is cheap.
// Eigen maps over the data give the vector/matrix view for the math.
#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace qs {

using Shape = std::vector<std::int64_t>;

class Tensor
{
public:
    Tensor() = default;
    // Allocates without zero-filling (large files are converted straight into it).
    explicit Tensor(Shape shape);
    Tensor(Shape shape, std::span<const float> values);  // copies; values.size() must match
    static Tensor fromVector(std::vector<float> values); // 1-d
    // Whether freed large buffers are kept for the next tensor of the same
    // size (off with QS_NO_BUFFER_CACHE=1 and in AddressSanitizer builds, where
    // recycling would hide use-after-free).
    static bool recyclesStorage();

    const Shape& shape() const { return m_shape; }
    int rank() const { return int(m_shape.size()); }
    std::int64_t dim(int axis) const; // negative axes count from the end
    std::int64_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    float* data() { return m_data.get(); }
    const float* data() const { return m_data.get(); }
    std::span<float> values() { return {m_data.get(), std::size_t(m_size)}; }
    std::span<const float> values() const { return {m_data.get(), std::size_t(m_size)}; }

    Eigen::Map<Eigen::ArrayXf> array() { return {m_data.get(), Eigen::Index(m_size)}; }
    Eigen::Map<const Eigen::ArrayXf> array() const { return {m_data.get(), Eigen::Index(m_size)}; }
    // The tensor seen as rows x cols, where cols is the last dimension (1-d: one row).
    using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Map<const RowMatrix> matrix() const;

    Tensor reshaped(Shape shape) const; // shares storage; element count must match
    Tensor clone() const;

    // Product of the dimensions; throws ArgumentError on a negative dimension or
    // when the product overflows int64.
    static std::int64_t elementCount(const Shape& shape);
    static std::string shapeString(const Shape& shape); // "[4096, 4096]"

private:
    Shape m_shape;
    std::int64_t m_size = 0;
    std::shared_ptr<float[]> m_data;
};

} // namespace qs
