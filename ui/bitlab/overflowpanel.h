#pragma once
// Sub-tab "Overflow": a product or sum evaluated in FP32, FP16 and BF16 side by
// side. 10,000 × 10,000 = 1e8 overflows FP16 (max 65504) but not BF16; a tiny
// gradient product such as 1e-8 × 1e-3 vanishes in FP16 but survives in BF16 —
// the reason for BF16 and mixed precision (docs/course.md).
#include "formats/floatformat.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace qs {

class OverflowPanel : public QWidget
{
    Q_OBJECT
public:
    explicit OverflowPanel(QWidget* parent = nullptr);

    struct Row
    {
        QString format;
        std::uint64_t code = 0;
        double stored = 0;
        bool overflow = false;
        bool underflow = false;
    };
    // Evaluates a op b (op one of * / + -); false if an operand is not a number.
    bool evaluate(const QString& a, QChar op, const QString& b);
    const std::vector<Row>& rows() const { return m_rows; }
    double exactResult() const { return m_exact; }
    QTableWidget* table() const { return m_table; }
    // The "What happened" text for one encode into `format` (overflow, underflow to
    // zero, flush to zero, subnormal, rounded, exact).
    static QString outcomeText(const FloatFormat& format, const EncodeResult& result);

private:
    void recompute();

    QLineEdit* m_a = nullptr;
    QLineEdit* m_b = nullptr;
    QComboBox* m_op = nullptr;
    QComboBox* m_examples = nullptr;
    QLabel* m_exactLabel = nullptr;
    QLabel* m_lesson = nullptr;
    QTableWidget* m_table = nullptr;
    std::vector<Row> m_rows;
    double m_exact = 0;
};

} // namespace qs
