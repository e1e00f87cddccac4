#pragma once
// Sub-tab "K-quant block": one llama.cpp block of a real tensor taken apart — the
// fp16 d (and dmin), the quantized sub-block scales and mins, every code and the
// reconstruction — so the K-quant super-block can be read value by value (the
// "there is no paper for k-quants" question, llama.cpp #1684). The data is the
// explorer's current tensor (MainWindow passes it on), a file, or a random one;
// a strip shows the relative error of every block of the row, and clicking a
// block shows it. Every number comes from core/quant/ggmlblock.h.
#include "quant/ggmlblock.h"
#include "tensor/tensor.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace qs {

// One cell per block of the row, coloured by the block's relative error; a click selects a block.
class KQuantBlockStrip : public QWidget
{
    Q_OBJECT
public:
    explicit KQuantBlockStrip(QWidget* parent = nullptr);
    void setErrors(std::vector<double> errors);
    void setSelected(int block);
    int selected() const { return m_selected; }
    int count() const { return int(m_errors.size()); }
    QRect cellRect(int block) const;
    QSize sizeHint() const override;

signals:
    void blockClicked(int block);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    std::vector<double> m_errors;
    double m_min = 0;
    double m_max = 0;
    int m_selected = -1;
};

class KQuantPanel : public QWidget
{
    Q_OBJECT
public:
    explicit KQuantPanel(QWidget* parent = nullptr);

    // The tensor whose blocks are shown; rows as ggml quantizes them (ggml::rowView).
    void setTensor(const Tensor& tensor, const QString& description);
    bool setTypeName(const QString& name); // "q4_K", "Q6_K", "iq4_nl" ...
    // Shows block `block` of row `row` (whole blocks only); false if there is none.
    bool selectBlock(std::int64_t row, std::int64_t block);

    std::uint32_t type() const;
    bool hasBlock() const { return m_valid; }
    const ggml::QuantizedBlock& block() const { return m_current; }
    std::int64_t row() const;
    std::int64_t blockIndex() const;
    QString note() const; // why no block is shown, or what is left out of the row

    KQuantBlockStrip* strip() const { return m_strip; }
    QTableWidget* subBlockTable() const { return m_subs; }
    QTableWidget* valueTable() const { return m_values; }
    QLabel* headerLabel() const { return m_header; }
    QLabel* byteLabel() const { return m_bytes; }

private:
    void loadFile();
    void useRandom();
    void rowChanged();
    void showBlock();
    std::int64_t wholeBlocks() const;

    Tensor m_tensor;
    ggml::RowView m_rows;
    QComboBox* m_type = nullptr;
    QSpinBox* m_row = nullptr;
    QSpinBox* m_block = nullptr;
    QLabel* m_source = nullptr;
    QLabel* m_note = nullptr;
    KQuantBlockStrip* m_strip = nullptr;
    QLabel* m_header = nullptr;
    QLabel* m_bytes = nullptr;
    QTableWidget* m_subs = nullptr;
    QTableWidget* m_values = nullptr;
    ggml::QuantizedBlock m_current;
    bool m_valid = false;
    std::uint64_t m_seed = 1;
};

} // namespace qs
