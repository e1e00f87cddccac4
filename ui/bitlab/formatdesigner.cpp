#include "bitlab/formatdesigner.h"

#include "bitlab/formatinfo.h"
#include "formats/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QToolButton>

namespace qs {

namespace {

QWidget* labelled(const QString& text, QWidget* field, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(text, box);
    label->setBuddy(field);
    label->setToolTip(field->toolTip());
    layout->addWidget(label);
    layout->addWidget(field);
    return box;
}

QSpinBox* spin(int lo, int hi, const QString& tip, QWidget* parent)
{
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    s->setToolTip(tip);
    s->setAccelerated(true);
    return s;
}

} // namespace

FormatDesigner::FormatDesigner(QWidget* parent) : QWidget(parent), m_format(FloatFormat::fp32())
{
    m_presets = new QToolButton(this);
    m_presets->setObjectName(QStringLiteral("presetButton"));
    m_presets->setText(tr("Presets"));
    m_presets->setToolTip(tr("Load a standard format: IEEE FP64/FP32/FP16, BF16, TF32, the OCP FP8/FP6/FP4 "
                             "formats, the E8M0 scale, fixed point or integers."));
    m_presets->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_presets);
    for (const QString& spec : presetSpecs()) {
        QString label = spec;
        try {
            label = tr("%1  (%2 bits)").arg(spec).arg(totalBits(parseFormat(spec.toStdString())));
        } catch (const Error&) {
        }
        menu->addAction(label, this, [this, spec] { applyPreset(spec); });
        if (spec == QLatin1String("e8m0") || spec == QLatin1String("fp4-e2m1"))
            menu->addSeparator();
    }
    m_presets->setMenu(menu);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("Floating point"));
    m_kind->addItem(tr("Fixed point"));
    m_kind->addItem(tr("Integer"));
    m_kind->setToolTip(tr("Floating point spends bits on an exponent (range); fixed point and integers have "
                          "evenly spaced values (uniform resolution)."));

    m_exponent = spin(1, 11, tr("Exponent bits E: more bits give a wider range of magnitudes."), this);
    m_exponent->setObjectName(QStringLiteral("exponentSpin"));
    m_mantissa =
        spin(0, 52, tr("Mantissa bits M: more bits give finer steps (precision) within each power of two."), this);
    m_mantissa->setObjectName(QStringLiteral("mantissaSpin"));
    m_bias = spin(-4096, 4096,
                  tr("Bias: the stored exponent minus the bias is the power of two; it shifts the "
                     "whole range up or down."),
                  this);
    m_bias->setObjectName(QStringLiteral("biasSpin"));
    m_subnormals = new QCheckBox(tr("Subnormals"), this);
    m_subnormals->setObjectName(QStringLiteral("subnormalCheck"));
    m_subnormals->setToolTip(tr("Subnormals use the all-zero exponent for 0.M × 2^(1−bias), filling the gap "
                                "between zero and the smallest normal number evenly."));
    m_hasZero = new QCheckBox(tr("Has zero"), this);
    m_hasZero->setObjectName(QStringLiteral("hasZeroCheck"));
    m_hasZero->setToolTip(tr("Off: the all-zeros exponent is an ordinary power of two and the format has no "
                             "zero, like the E8M0 scale of the MX formats."));
    m_special = new QComboBox(this);
    m_special->setObjectName(QStringLiteral("specialCombo"));
    m_special->addItem(tr("ieee: Inf and NaNs"), int(SpecialPolicy::Ieee));
    m_special->addItem(tr("fn: NaN only at all ones"), int(SpecialPolicy::Fn));
    m_special->addItem(tr("fnuz: one NaN, no −0"), int(SpecialPolicy::Fnuz));
    m_special->addItem(tr("finite: no Inf/NaN"), int(SpecialPolicy::Finite));
    m_special->setToolTip(tr("Which codes are Inf/NaN: IEEE reserves the top exponent; OCP FP8 E4M3 (fn) keeps "
                             "only S.1111.111 as NaN; fnuz has one NaN at 1000…0; MX FP6/FP4 have none."));
    m_signed = new QCheckBox(tr("Signed"), this);
    m_signed->setObjectName(QStringLiteral("signedCheck"));
    m_signed->setToolTip(tr("A sign bit doubles the codes to cover negative numbers; unsigned formats (E8M0, "
                            "uint8) spend it on magnitude."));
    m_saturate = new QCheckBox(tr("Saturate"), this);
    m_saturate->setObjectName(QStringLiteral("saturateCheck"));
    m_saturate->setToolTip(tr("On overflow, clamp to ±max instead of producing Inf/NaN (what FP8 casts in "
                              "quantizers do)."));
    m_integerBits = spin(0, 32, tr("Integer bits I: the largest magnitude is about 2^I."), this);
    m_integerBits->setObjectName(QStringLiteral("integerBitsSpin"));
    m_fractionBits = spin(0, 32, tr("Fraction bits F: every step is 2^−F, the same everywhere."), this);
    m_fractionBits->setObjectName(QStringLiteral("fractionBitsSpin"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("formatError"));
    m_error->setStyleSheet(QStringLiteral("color: #D55E00; font-weight: bold;"));
    m_error->setWordWrap(true);

    QWidget* e = labelled(tr("&Exponent"), m_exponent, this);
    QWidget* m = labelled(tr("&Mantissa"), m_mantissa, this);
    QWidget* b = labelled(tr("&Bias"), m_bias, this);
    QWidget* sp = labelled(tr("S&pecial"), m_special, this);
    QWidget* ib = labelled(tr("&Integer bits"), m_integerBits, this);
    QWidget* fb = labelled(tr("&Fraction bits"), m_fractionBits, this);
    // Subnormals and "Has zero" share a cell: zero = off only exists without subnormals.
    auto* zeroBox = new QWidget(this);
    auto* zeroLayout = new QHBoxLayout(zeroBox);
    zeroLayout->setContentsMargins(0, 0, 0, 0);
    zeroLayout->addWidget(m_subnormals);
    zeroLayout->addWidget(m_hasZero);
    zeroLayout->addStretch();
    m_floatOnly = {e, m, b, zeroBox, sp, m_saturate};
    m_fixedOnly = {ib};
    m_fractionOnly = {fb};

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    auto* row0 = new QHBoxLayout;
    row0->addWidget(m_presets);
    row0->addWidget(m_kind);
    row0->addWidget(m_signed);
    row0->addStretch();
    grid->addLayout(row0, 0, 0, 1, 3);
    grid->addWidget(e, 1, 0);
    grid->addWidget(m, 1, 1);
    grid->addWidget(b, 1, 2);
    grid->addWidget(ib, 1, 0);
    grid->addWidget(fb, 1, 1);
    grid->addWidget(zeroBox, 2, 0);
    grid->addWidget(sp, 2, 1);
    grid->addWidget(m_saturate, 2, 2);
    grid->addWidget(m_error, 3, 0, 1, 3);

    const auto changed = [this] {
        if (!m_syncing)
            rebuild();
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        if (m_syncing)
            return;
        // Start each kind from the course's example rather than from leftovers
        // of the other kind: ufix5.3 (docs/course.md) and int8.
        m_syncing = true;
        if (kind() == Kind::Fixed) {
            m_integerBits->setValue(5);
            m_fractionBits->setValue(3);
            m_signed->setChecked(false);
        } else if (kind() == Kind::Integer) {
            m_integerBits->setValue(8);
            m_signed->setChecked(true);
        } else {
            m_signed->setChecked(true);
        }
        m_syncing = false;
        rebuild();
    });
    connect(m_exponent, &QSpinBox::valueChanged, this, [this] {
        // A new exponent width moves the conventional bias with it.
        if (!m_syncing) {
            m_syncing = true;
            m_bias->setValue(defaultBias());
            m_syncing = false;
            rebuild();
        }
    });
    connect(m_special, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_syncing) {
            m_syncing = true;
            m_bias->setValue(defaultBias());
            m_syncing = false;
            rebuild();
        }
    });
    connect(m_mantissa, &QSpinBox::valueChanged, this, changed);
    connect(m_bias, &QSpinBox::valueChanged, this, changed);
    connect(m_subnormals, &QCheckBox::toggled, this, [this](bool on) {
        m_hasZero->setEnabled(!on);
        if (m_syncing)
            return;
        // Subnormals imply a zero; turning them on restores the check.
        if (on) {
            m_syncing = true;
            m_hasZero->setChecked(true);
            m_syncing = false;
        }
        rebuild();
    });
    connect(m_hasZero, &QCheckBox::toggled, this, changed);
    connect(m_signed, &QCheckBox::toggled, this, changed);
    connect(m_integerBits, &QSpinBox::valueChanged, this, changed);
    connect(m_fractionBits, &QSpinBox::valueChanged, this, changed);
    connect(m_saturate, &QCheckBox::toggled, this, &FormatDesigner::saturatingChanged);

    syncControls();
}

QStringList FormatDesigner::presetSpecs()
{
    QStringList specs;
    for (const std::string& name : presetFormatNames())
        specs << QString::fromStdString(name);
    // The fixed-point example of docs/course.md and the usual integer types.
    specs << QStringLiteral("ufix5.3") << QStringLiteral("sfix3.4") << QStringLiteral("int8") << QStringLiteral("uint8")
          << QStringLiteral("int4") << QStringLiteral("int16");
    return specs;
}

void FormatDesigner::applyPreset(const QString& spec)
{
    try {
        setFormat(parseFormat(spec.toStdString()));
    } catch (const Error& e) {
        m_error->setText(QString::fromUtf8(e.what()));
    }
}

bool FormatDesigner::saturating() const
{
    return m_saturate->isChecked();
}

void FormatDesigner::setSaturating(bool on)
{
    m_saturate->setChecked(on);
}

FormatDesigner::Kind FormatDesigner::kind() const
{
    return Kind(m_kind->currentIndex());
}

int FormatDesigner::defaultBias() const
{
    const int e = m_exponent->value();
    const bool fnuz = SpecialPolicy(m_special->currentData().toInt()) == SpecialPolicy::Fnuz;
    return (1 << (e - 1)) - (fnuz ? 0 : 1);
}

void FormatDesigner::setFormat(const NumberFormat& format)
{
    m_format = format;
    syncControls();
    m_error->clear();
    emit formatChanged(m_format);
}

void FormatDesigner::syncControls()
{
    m_syncing = true;
    if (const auto* f = asFloat(m_format)) {
        m_kind->setCurrentIndex(int(Kind::Float));
        m_exponent->setValue(f->exponentBits());
        m_mantissa->setValue(f->mantissaBits());
        m_bias->setValue(f->bias());
        m_subnormals->setChecked(f->hasSubnormals());
        m_hasZero->setChecked(f->hasZero());
        m_hasZero->setEnabled(!f->hasSubnormals());
        m_special->setCurrentIndex(m_special->findData(int(f->special())));
        m_signed->setChecked(f->isSigned());
    } else {
        const auto& x = std::get<FixedFormat>(m_format);
        m_kind->setCurrentIndex(int(x.isInteger() ? Kind::Integer : Kind::Fixed));
        m_signed->setChecked(x.isSigned());
        // For integers the spin box shows the total width N (intN, uintN).
        m_integerBits->setValue(x.isInteger() ? x.totalBits() : x.integerBits());
        m_fractionBits->setValue(x.fractionBits());
    }
    m_syncing = false;
    updateVisibility();
}

void FormatDesigner::updateVisibility()
{
    const Kind k = kind();
    for (QWidget* w : m_floatOnly)
        w->setVisible(k == Kind::Float);
    for (QWidget* w : m_fixedOnly)
        w->setVisible(k != Kind::Float);
    for (QWidget* w : m_fractionOnly)
        w->setVisible(k == Kind::Fixed);
    if (auto* label = m_fixedOnly.first()->findChild<QLabel*>())
        label->setText(k == Kind::Integer ? tr("&Bits") : tr("&Integer bits"));
    m_integerBits->setMinimum(k == Kind::Integer ? 1 : 0);
}

void FormatDesigner::rebuild()
{
    updateVisibility();
    try {
        switch (kind()) {
        case Kind::Float: {
            FloatFormatParams p;
            p.exponentBits = m_exponent->value();
            p.mantissaBits = m_mantissa->value();
            p.bias = m_bias->value();
            p.subnormals = m_subnormals->isChecked();
            p.zero = p.subnormals || m_hasZero->isChecked();
            p.signBit = m_signed->isChecked();
            p.special = SpecialPolicy(m_special->currentData().toInt());
            m_format = FloatFormat(p);
            break;
        }
        case Kind::Fixed:
            m_format = FixedFormat(m_integerBits->value(), m_fractionBits->value(), m_signed->isChecked());
            break;
        case Kind::Integer: m_format = FixedFormat::integer(m_integerBits->value(), m_signed->isChecked()); break;
        }
    } catch (const Error& e) {
        // Keep the last valid format and say why the new one is not.
        m_error->setText(QString::fromUtf8(e.what()));
        return;
    }
    m_error->clear();
    emit formatChanged(m_format);
}

} // namespace qs
