#include "bitlab/overflowpanel.h"

#include "bitlab/formatinfo.h"
#include "bitlab/valuepanel.h"
#include "common/reflow.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace qs {

namespace {

struct Example
{
    const char* a;
    char op;
    const char* b;
};

// The course's cases (docs/course.md) plus the neighbours that make the point.
constexpr Example kExamples[] = {
    {"10000", '*', "10000"}, {"1e-8", '*', "1e-3"}, {"60000", '+', "10000"},
    {"1", '+', "0.001"},     {"3e38", '*', "10"},   {"1e-30", '*', "1e-20"},
};

// a op b as a double nudged one step toward the exact result when the double
// operation was inexact. The nudged value lies strictly between the same
// rounding boundaries of any narrower format as the exact result, so encoding
// it rounds the exact result once (it can never sit on a tie by accident).
double exactlyRoundable(double a, char op, double b)
{
    double r = 0, err = 0;
    switch (op) {
    case '*':
        r = a * b;
        err = std::fma(a, b, -r);
        break;
    case '/':
        r = a / b;
        err = -std::fma(r, b, -a) * (b < 0 ? -1 : 1);
        break;
    case '+':
    case '-': {
        const double bb = op == '+' ? b : -b;
        r = a + bb;
        const double bv = r - a;
        err = (a - (r - bv)) + (bb - bv);
        break;
    }
    default: break;
    }
    if (!std::isfinite(r) || err == 0 || std::isnan(err))
        return r;
    return std::nextafter(r, err > 0 ? INFINITY : -INFINITY);
}

} // namespace

OverflowPanel::OverflowPanel(QWidget* parent) : QWidget(parent)
{
    m_examples = new QComboBox(this);
    m_examples->setObjectName(QStringLiteral("overflowExamples"));
    m_examples->setToolTip(tr("Ready-made cases: FP16 overflow, a vanishing gradient, absorption of a small "
                              "addend, and where even FP32 gives up."));
    m_examples->addItem(tr("10000 × 10000: FP16 overflows"));
    m_examples->addItem(tr("1e-8 × 1e-3: a tiny gradient vanishes in FP16"));
    m_examples->addItem(tr("60000 + 10000: a sum overflows FP16"));
    m_examples->addItem(tr("1 + 0.001: BF16 loses the small addend"));
    m_examples->addItem(tr("3e38 × 10: even FP32 overflows"));
    m_examples->addItem(tr("1e-30 × 1e-20: even FP32 underflows"));
    m_a = new QLineEdit(this);
    m_a->setObjectName(QStringLiteral("operandA"));
    m_a->setToolTip(tr("First operand (a decimal number)."));
    m_b = new QLineEdit(this);
    m_b->setObjectName(QStringLiteral("operandB"));
    m_b->setToolTip(tr("Second operand (a decimal number)."));
    m_op = new QComboBox(this);
    m_op->setObjectName(QStringLiteral("operatorCombo"));
    m_op->addItem(QStringLiteral("×"), QStringLiteral("*"));
    m_op->addItem(QStringLiteral("÷"), QStringLiteral("/"));
    m_op->addItem(QStringLiteral("+"), QStringLiteral("+"));
    m_op->addItem(QStringLiteral("−"), QStringLiteral("-"));
    m_op->setToolTip(tr("The operation."));
    QFont big = m_a->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    for (QWidget* w : {static_cast<QWidget*>(m_a), static_cast<QWidget*>(m_b), static_cast<QWidget*>(m_op)})
        w->setFont(big);

    m_exactLabel = new QLabel(this);
    m_exactLabel->setObjectName(QStringLiteral("overflowExact"));
    m_exactLabel->setWordWrap(true);
    m_exactLabel->setFont(big);
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("overflowTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Format"), tr("Stored result"), tr("Bits"), tr("What happened"), tr("Relative error")});
    m_table->setToolTip(tr("The same exact result rounded once into each format."));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    fitColumnsToWidth(m_table); // no horizontal scroll bar on a 1024-px projector
    m_table->setFont(big);
    m_lesson = new QLabel(this);
    m_lesson->setObjectName(QStringLiteral("overflowLesson"));
    m_lesson->setWordWrap(true);
    m_lesson->setTextFormat(Qt::RichText);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Example:"), this));
    controls->addWidget(m_examples);
    controls->addSpacing(20);
    controls->addWidget(m_a, 1);
    controls->addWidget(m_op);
    controls->addWidget(m_b, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_exactLabel);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_lesson);

    connect(m_examples, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i < 0 || i >= int(std::size(kExamples)))
            return;
        evaluate(QString::fromLatin1(kExamples[i].a), QLatin1Char(kExamples[i].op),
                 QString::fromLatin1(kExamples[i].b));
    });
    connect(m_a, &QLineEdit::returnPressed, this, &OverflowPanel::recompute);
    connect(m_b, &QLineEdit::returnPressed, this, &OverflowPanel::recompute);
    connect(m_op, &QComboBox::currentIndexChanged, this, &OverflowPanel::recompute);
    evaluate(QStringLiteral("10000"), QLatin1Char('*'), QStringLiteral("10000"));
}

bool OverflowPanel::evaluate(const QString& a, QChar op, const QString& b)
{
    m_a->setText(a);
    m_b->setText(b);
    m_op->blockSignals(true);
    m_op->setCurrentIndex(m_op->findData(QString(op)));
    m_op->blockSignals(false);
    recompute();
    return ValuePanel::parseNumber(a) && ValuePanel::parseNumber(b);
}

QString OverflowPanel::outcomeText(const FloatFormat& f, const EncodeResult& e)
{
    if (e.overflow)
        return tr("OVERFLOW: beyond %1 → %2").arg(propertyNumber(f.maxFinite()), shortValue(e.value));
    if (e.underflow && e.value == 0) {
        // Flush-to-zero formats have no subnormals (minSubnormal is 0): name the gap below minNormal.
        if (f.flushesToZero())
            return tr("UNDERFLOW: below %1, flushes to zero → 0").arg(propertyNumber(f.minNormal()));
        return tr("UNDERFLOW: below %1 → 0").arg(propertyNumber(f.minSubnormal()));
    }
    if (e.underflow) {
        const ValueClass cls = f.classify(e.code);
        if (cls == ValueClass::Subnormal)
            return tr("subnormal: below %1, precision lost").arg(propertyNumber(f.minNormal()));
        // Rounded up to the smallest normal value (flush to zero) or clamped to the smallest value (no zero).
        return tr("UNDERFLOW: below %1, rounded to %2").arg(propertyNumber(f.minNormal()), shortValue(e.value));
    }
    if (e.inexact)
        return tr("rounded");
    return tr("exact");
}

void OverflowPanel::recompute()
{
    const auto a = ValuePanel::parseNumber(m_a->text());
    const auto b = ValuePanel::parseNumber(m_b->text());
    if (!a || !b) {
        m_exactLabel->setText(tr("Enter two numbers."));
        return;
    }
    const char op = m_op->currentData().toString().at(0).toLatin1();
    const double r = exactlyRoundable(*a, op, *b);
    m_exact = r;
    m_exactLabel->setText(tr("Exact result %1 %2 %3 = <b>%4</b>, rounded <b>once</b> into each format (nearest, "
                             "ties to even). The operands are taken as typed, not rounded first.")
                              .arg(shortValue(*a), m_op->currentText(), shortValue(*b), QString::number(r, 'g', 10)));

    const std::pair<QString, FloatFormat> formats[] = {{QStringLiteral("FP32"), FloatFormat::fp32()},
                                                       {QStringLiteral("FP16"), FloatFormat::fp16()},
                                                       {QStringLiteral("BF16"), FloatFormat::bf16()}};
    m_rows.clear();
    m_table->setRowCount(int(std::size(formats)));
    int row = 0;
    for (const auto& [name, f] : formats) {
        const EncodeResult e = f.encode(r);
        m_rows.push_back({name, e.code, e.value, e.overflow, e.underflow});
        const QString what = outcomeText(f, e);
        QColor tint;
        if (e.overflow)
            tint = QColor(0xf3, 0xd2, 0xb8);
        else if (e.underflow && e.value == 0)
            tint = QColor(0xcf, 0xe3, 0xf3);
        else if (e.underflow)
            tint = QColor(0xe4, 0xee, 0xf6);
        QString rel = QStringLiteral("–");
        if (std::isfinite(e.value) && r != 0 && std::isfinite(r))
            rel = QString::number(std::fabs((e.value - r) / r), 'g', 3);
        const QString cells[] = {name, std::isfinite(e.value) ? QString::number(e.value, 'g', 9) : shortValue(e.value),
                                 QString::fromStdString(f.bitString(e.code)), what, rel};
        for (int c = 0; c < 5; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 2) {
                QFont mono(QStringLiteral("monospace"));
                mono.setStyleHint(QFont::Monospace);
                item->setFont(mono);
            }
            if (tint.isValid()) {
                item->setBackground(tint);
                item->setForeground(Qt::black);
            }
            m_table->setItem(row, c, item);
        }
        ++row;
    }

    const Row& fp16 = m_rows[1];
    const Row& bf16 = m_rows[2];
    QString lesson;
    if (fp16.overflow && !bf16.overflow)
        lesson = tr("<b>FP16 overflows</b> (its largest value is 65504) while <b>BF16</b> keeps FP32's 8 exponent "
                    "bits and its range up to 3.4·10<sup>38</sup>, at the price of precision.");
    else if (fp16.underflow && !bf16.underflow)
        lesson = tr("<b>FP16 loses the tiny value</b> (its smallest subnormal is 5.96·10<sup>−8</sup>) while "
                    "<b>BF16</b> still reaches 1.18·10<sup>−38</sup>: small gradients survive.");
    else if (m_rows[0].overflow || m_rows[0].underflow)
        lesson = tr("Even FP32 cannot hold this result.");
    else
        lesson = tr("Compare the relative errors: FP16 has 10 mantissa bits, BF16 only 7.");
    lesson += tr(" That is why training uses <b>mixed precision</b>: FP32 master weights, FP16 or BF16 for the "
                 "compute (FP16 with loss scaling to keep gradients in range).");
    m_lesson->setText(lesson);
}

} // namespace qs
