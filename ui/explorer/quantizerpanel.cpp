#include "explorer/quantizerpanel.h"

#include "formats/error.h"
#include "quant/affine.h"
#include "quant/ggmlquant.h"
#include "session/commands.h"
#include "session/session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>

namespace qs {

namespace {

// A code as the panel shows it: a true minus sign (U+2212), as in the formulas.
QString minusSign(int v)
{
    return v < 0 ? QStringLiteral("\u2212%1").arg(-v) : QString::number(v);
}

// Kind entries: the spec prefix and whether the bit width applies.
struct KindEntry
{
    const char* label;
    const char* spec; // "int"/"uint"/"log2:"/"kmeans:" take the bits
    bool usesBits;
};
const KindEntry kKinds[] = {
    {"intN (signed integer grid)", "int", true},
    {"uintN (unsigned integer grid)", "uint", true},
    {"FP8 E4M3", "fp8-e4m3", false},
    {"FP8 E5M2", "fp8-e5m2", false},
    {"FP16", "fp16", false},
    {"BF16", "bf16", false},
    {"FP6 E3M2", "fp6-e3m2", false},
    {"FP6 E2M3", "fp6-e2m3", false},
    {"FP4 E2M1", "fp4-e2m1", false},
    {"MXFP8 E4M3", "mxfp8-e4m3", false},
    {"MXFP6 E3M2", "mxfp6-e3m2", false},
    {"MXFP4", "mxfp4", false},
    {"MXINT8", "mxint8", false},
    {"NF4 (bitsandbytes)", "nf4", false},
    {"log2 (powers of two)", "log2:", true},
    {"k-means levels", "kmeans:", true},
    {"Q8_0 (llama.cpp)", "q8_0", false},
    {"Q4_0 (llama.cpp)", "q4_0", false},
    {"Q4_1 (llama.cpp)", "q4_1", false},
    {"Q5_0 (llama.cpp)", "q5_0", false},
    {"Q5_1 (llama.cpp)", "q5_1", false},
    {"IQ4_NL (llama.cpp)", "iq4_nl", false},
    {"Q2_K (llama.cpp)", "q2_K", false},
    {"Q3_K (llama.cpp)", "q3_K", false},
    {"Q4_K (llama.cpp)", "q4_K", false},
    {"Q5_K (llama.cpp)", "q5_K", false},
    {"Q6_K (llama.cpp)", "q6_K", false},
};

int kindIndex(const QuantConfig& c)
{
    const std::string spec = c.quantizerSpec();
    for (int i = 0; i < int(std::size(kKinds)); ++i) {
        const std::string s = kKinds[i].spec;
        if (kKinds[i].usesBits) {
            if (s == "int" && c.kind == QuantizerKind::Uniform && c.isSigned)
                return i;
            if (s == "uint" && c.kind == QuantizerKind::Uniform && !c.isSigned)
                return i;
            if (spec.rfind(s, 0) == 0 && s.back() == ':')
                return i;
        } else if (spec == s || (c.kind == QuantizerKind::Float && c.format == s)) {
            return i;
        }
    }
    return -1;
}

} // namespace

QuantizerPanel::QuantizerPanel(Session* session, QWidget* parent) : QWidget(parent), m_session(session)
{
    auto* form = new QFormLayout(this);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("quantizerKind"));
    for (const auto& k : kKinds)
        m_kind->addItem(tr(k.label), QString::fromLatin1(k.spec));
    m_kind->setToolTip(
        tr("The set of values the data is rounded to: an integer grid, a float format, or a list of levels."));
    m_bits = new QSpinBox(this);
    m_bits->setObjectName(QStringLiteral("bits"));
    m_bits->setRange(1, 16);
    m_bits->setToolTip(tr("Bits per code: b bits give 2^b levels, and each extra bit halves the step."));
    m_scheme = new QComboBox(this);
    m_scheme->setObjectName(QStringLiteral("scheme"));
    m_scheme->addItem(tr("symmetric (Z = 0)"), QStringLiteral("symmetric"));
    m_scheme->addItem(tr("asymmetric (zero point)"), QStringLiteral("asymmetric"));
    m_scheme->setToolTip(
        tr("Symmetric centres the grid on 0; asymmetric slides it so it starts at the data's minimum."));
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("range"));
    m_range->addItem(tr("full"), QStringLiteral("full")); // the codes are added by syncFromSession
    m_range->addItem(tr("narrow"), QStringLiteral("narrow"));
    m_range->setToolTip(tr("Narrow range drops the most negative code so the grid is symmetric around 0."));
    m_convention = new QComboBox(this);
    m_convention->setObjectName(QStringLiteral("convention"));
    m_convention->addItem(tr("textbook"), QStringLiteral("textbook"));
    m_convention->addItem(tr("PyTorch"), QStringLiteral("pytorch"));
    m_convention->addItem(tr("NVIDIA"), QStringLiteral("nvidia"));
    m_convention->setToolTip(tr("Whose formulas for scale and zero point to follow (they differ in small details)."));
    m_granularity = new QComboBox(this);
    m_granularity->setObjectName(QStringLiteral("granularity"));
    m_granularity->addItem(tr("per tensor"), QStringLiteral("tensor"));
    m_granularity->addItem(tr("per channel"), QStringLiteral("channel"));
    m_granularity->addItem(tr("per block"), QStringLiteral("block"));
    m_granularity->setToolTip(tr("How many values share one scale: all of them, one channel, or one block."));
    m_axis = new QSpinBox(this);
    m_axis->setObjectName(QStringLiteral("channelAxis"));
    m_axis->setRange(-8, 7);
    m_axis->setToolTip(tr("The axis whose slices each get their own scale (0: rows, the output channels)."));
    m_block = new QSpinBox(this);
    m_block->setObjectName(QStringLiteral("blockSize"));
    m_block->setRange(1, 1 << 20);
    m_block->setToolTip(tr("Consecutive values along a row that share one scale."));
    m_blockAxis = new QComboBox(this);
    m_blockAxis->setObjectName(QStringLiteral("blockAxis"));
    m_blockAxis->addItem(tr("rows of the 2-D weight view"), QStringLiteral("rows"));
    m_blockAxis->addItem(tr("the channel axis above"), QStringLiteral("axis"));
    m_blockAxis->addItem(tr("the flattened tensor"), QStringLiteral("flat"));
    m_blockAxis->setToolTip(
        tr("Where blocks run: along the rows of [dim 0, product of the others] as llama.cpp, bitsandbytes and "
           "torchao block a weight, along one axis, or over the flattened tensor (blocks cross rows)."));
    m_scaleFormat = new QComboBox(this);
    m_scaleFormat->setObjectName(QStringLiteral("scaleFormat"));
    for (const char* f : {"auto", "fp32", "fp16", "bf16", "e8m0"})
        m_scaleFormat->addItem(QString::fromLatin1(f), QString::fromLatin1(f));
    m_scaleFormat->setToolTip(tr("How each group's scale is stored: it is rounded to this format before use and "
                                 "counted at its width in bits/value (auto: fp32; E8M0 for MX; fp16 for llama.cpp)."));
    m_padBlocks = new QCheckBox(tr("pad partial rows"), this);
    m_padBlocks->setObjectName(QStringLiteral("padBlocks"));
    m_padBlocks->setToolTip(tr("llama.cpp formats refuse rows that are not a whole number of blocks; padding "
                               "stores whole blocks and counts them in bits/value."));
    m_rounding = new QComboBox(this);
    m_rounding->setObjectName(QStringLiteral("rounding"));
    for (const char* r :
         {"nearest-even", "nearest-away", "toward-zero", "toward-positive", "toward-negative", "stochastic"})
        m_rounding->addItem(QString::fromLatin1(r), QString::fromLatin1(r));
    m_rounding->setToolTip(
        tr("How x / S becomes an integer: ties to even (the default, as PyTorch and IEEE 754 do), ties away from "
           "zero (school rounding, as in hand calculations), toward zero, floor, or stochastic (seeded)."));
    // Short: at 1.75x a longer text set the panel's minimum width (it does not wrap).
    m_scaled = new QCheckBox(tr("scale to fit"), this);
    m_scaled->setObjectName(QStringLiteral("formatScaled"));
    m_scaled->setToolTip(
        tr("Float formats: divide by a scale so the largest |x| lands on the format's largest value."));
    m_outliers = new QComboBox(this);
    m_outliers->setObjectName(QStringLiteral("outlierMode"));
    m_outliers->addItem(tr("off"), QStringLiteral("off"));
    m_outliers->addItem(tr("keep elements |x| ≥ T"), QStringLiteral("elements"));
    m_outliers->addItem(tr("keep columns (LLM.int8())"), QStringLiteral("columns"));
    m_outliers->setToolTip(
        tr("Keep outliers in full precision so they no longer stretch the grid (LLM.int8() mixed precision)."));
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("outlierThreshold"));
    m_threshold->setDecimals(4);
    m_threshold->setRange(0, 1e9);
    m_threshold->setToolTip(tr("Values with |x| at or above this threshold count as outliers."));
    m_bins = new QSpinBox(this);
    m_bins->setObjectName(QStringLiteral("histogramBins"));
    m_bins->setRange(8, 65536);
    m_bins->setToolTip(tr("Number of histogram bins of the plots (does not change the quantization)."));

    form->addRow(tr("&Quantizer"), m_kind);
    form->addRow(tr("&Bits"), m_bits);
    form->addRow(tr("&Scheme"), m_scheme);
    form->addRow(tr("Ran&ge"), m_range);
    form->addRow(tr("Con&vention"), m_convention);
    form->addRow(tr("Granular&ity"), m_granularity);
    form->addRow(tr("Channel a&xis"), m_axis);
    form->addRow(tr("Bloc&k size"), m_block);
    form->addRow(tr("Blocks along"), m_blockAxis);
    form->addRow(tr("Padding"), m_padBlocks);
    form->addRow(tr("Scale storage"), m_scaleFormat);
    form->addRow(tr("R&ounding"), m_rounding);
    form->addRow(tr("Float scale"), m_scaled);
    form->addRow(tr("O&utliers"), m_outliers);
    form->addRow(tr("&Threshold"), m_threshold);
    form->addRow(tr("Histogram bi&ns"), m_bins);

    auto combo = [this](QComboBox* box, const QString& what) {
        connect(box, &QComboBox::activated, this, [this, what] { commit(what); });
    };
    combo(m_kind, tr("Quantizer"));
    combo(m_scheme, tr("Scheme"));
    combo(m_range, tr("Range"));
    combo(m_convention, tr("Convention"));
    combo(m_granularity, tr("Granularity"));
    combo(m_rounding, tr("Rounding"));
    combo(m_outliers, tr("Outlier mode"));
    combo(m_blockAxis, tr("Blocks along"));
    combo(m_scaleFormat, tr("Scale storage"));
    connect(m_padBlocks, &QCheckBox::toggled, this, [this] { commit(tr("Padding")); });
    connect(m_bits, &QSpinBox::valueChanged, this, [this] { commit(tr("Bits"), MergeBits); });
    connect(m_axis, &QSpinBox::valueChanged, this, [this] { commit(tr("Channel axis")); });
    connect(m_block, &QSpinBox::valueChanged, this, [this] { commit(tr("Block size"), MergeBlockSize); });
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this,
            [this] { commit(tr("Outlier threshold"), MergeThreshold); });
    connect(m_bins, &QSpinBox::valueChanged, this, [this] { commit(tr("Histogram bins"), MergeBins); });
    connect(m_scaled, &QCheckBox::toggled, this, [this] { commit(tr("Format scaling")); });
    connect(session, &Session::configChanged, this, &QuantizerPanel::syncFromSession);
    syncFromSession();
}

QString QuantizerPanel::specFromControls() const
{
    const QString spec = m_kind->currentData().toString();
    if (spec == QLatin1String("int") || spec == QLatin1String("uint") || spec.endsWith(QLatin1Char(':')))
        return spec + QString::number(m_bits->value());
    return spec;
}

void QuantizerPanel::commit(const QString& what, int mergeId)
{
    QuantConfig c = m_session->config();
    QString error;
    try {
        const std::string spec = specFromControls().toStdString();
        // A new kind brings its own defaults (NF4 blocks of 64, MX blocks of 32).
        if (spec != c.quantizerSpec()) {
            c.setQuantizer(spec);
            // and its own scale storage (E8M0 for MX, fp16 for llama.cpp ...).
            c.scaleFormat = ScaleFormat::Auto;
            c.mxScaleRule = MxScaleRule::Floor;
            c.doubleQuant = false;
        }
        if (c.kind == QuantizerKind::Uniform) {
            c.scheme = parseScheme(m_scheme->currentData().toString().toStdString());
            c.range = parseRange(m_range->currentData().toString().toStdString());
            c.convention = parseConvention(m_convention->currentData().toString().toStdString());
        }
        if (what != tr("Quantizer")) {
            const QString g = m_granularity->currentData().toString();
            if (g == QLatin1String("tensor"))
                c.granularity = Granularity{};
            else if (g == QLatin1String("channel"))
                c.granularity = Granularity::parse("channel:" + std::to_string(m_axis->value()));
            else {
                const QString along = m_blockAxis->currentData().toString();
                std::string text = "block:" + std::to_string(m_block->value());
                if (along == QLatin1String("flat"))
                    text += "@flat";
                else if (along == QLatin1String("axis"))
                    text += "@" + std::to_string(m_axis->value());
                c.granularity = Granularity::parse(text);
            }
        }
        c.rounding = Rounding::parse(m_rounding->currentData().toString().toStdString());
        c.formatScaled = m_scaled->isChecked();
        c.outliers = parseOutlierMode(m_outliers->currentData().toString().toStdString());
        c.outlierThreshold = m_threshold->value();
        c.histogramBins = m_bins->value();
        // A new kind starts from its own scale storage.
        if (what != tr("Quantizer"))
            c.scaleFormat = parseScaleFormat(m_scaleFormat->currentData().toString().toStdString());
        // Padding is llama.cpp's only: another kind drops it.
        c.padBlocks = m_padBlocks->isChecked() &&
                      isGgmlKind(c.kind);
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
    }
    if (error.isEmpty())
        m_session->setConfig(c, what, mergeId, &error);
    if (!error.isEmpty()) {
        emit problem(error);
        syncFromSession(); // show what is in force again
    }
}

void QuantizerPanel::syncFromSession()
{
    const QuantConfig& c = m_session->config();
    const QSignalBlocker b1(m_kind), b2(m_bits), b3(m_scheme), b4(m_range), b5(m_convention), b6(m_granularity),
        b7(m_axis), b8(m_block), b9(m_rounding), b10(m_scaled), b11(m_outliers), b12(m_threshold), b13(m_bins),
        b14(m_blockAxis), b15(m_padBlocks), b16(m_scaleFormat);
    m_kind->setCurrentIndex(std::max(0, kindIndex(c)));
    const bool usesBits = kKinds[std::max(0, kindIndex(c))].usesBits;
    m_bits->setEnabled(usesBits);
    m_bits->setValue(c.bits);
    const bool uniform = c.kind == QuantizerKind::Uniform;
    m_scheme->setEnabled(uniform);
    m_range->setEnabled(uniform && c.isSigned);
    m_convention->setEnabled(uniform);
    m_scheme->setCurrentIndex(c.scheme == QuantScheme::Symmetric ? 0 : 1);
    m_range->setCurrentIndex(c.range == QuantRange::Full ? 0 : 1);
    // The item texts show the codes of the current width (int4: −8 … 7, −7 … 7).
    for (const QuantRange range : {QuantRange::Full, QuantRange::Narrow}) {
        const bool full = range == QuantRange::Full;
        QString text = full ? tr("full") : tr("narrow");
        try {
            const AffineGrid g = affineGrid(std::clamp(c.bits, 1, 16), true, range);
            text = tr("%1 (%2 … %3)").arg(text, minusSign(g.qmin), minusSign(g.qmax));
        } catch (const Error&) {
            // int1 has no narrow grid: the name alone
        }
        m_range->setItemText(full ? 0 : 1, text);
    }
    m_convention->setCurrentIndex(int(c.convention));
    m_granularity->setCurrentIndex(int(c.granularity.kind));
    m_axis->setValue(c.granularity.axis);
    const bool blocks = c.granularity.kind == Granularity::Kind::Block;
    m_axis->setEnabled(c.granularity.kind == Granularity::Kind::Channel ||
                       (blocks && c.granularity.blockAxis == Granularity::BlockAxis::Axis));
    m_blockAxis->setCurrentIndex(int(c.granularity.blockAxis));
    m_blockAxis->setEnabled(blocks);
    const bool ggml = isGgmlKind(c.kind);
    m_padBlocks->setEnabled(ggml);
    m_padBlocks->setChecked(c.padBlocks);
    m_scaleFormat->setCurrentIndex(int(c.scaleFormat));
    m_block->setValue(int(std::max<std::int64_t>(1, c.granularity.blockSize ? c.granularity.blockSize : 64)));
    m_block->setEnabled(c.granularity.kind == Granularity::Kind::Block);
    const int ri = m_rounding->findData(QString::fromStdString(c.rounding.name()).section(QLatin1Char(':'), 0, 0));
    m_rounding->setCurrentIndex(std::max(0, ri));
    m_scaled->setEnabled(c.kind == QuantizerKind::Float);
    m_scaled->setChecked(c.formatScaled);
    m_outliers->setCurrentIndex(int(c.outliers));
    m_threshold->setValue(c.outlierThreshold);
    m_threshold->setEnabled(c.outliers != OutlierMode::Off);
    m_bins->setValue(c.histogramBins);
}

} // namespace qs
