#pragma once
// What the bits mean (exact decimal, scientific, hex, class, ULP, the
// neighbours one ULP away) and the way back: type a number, pick a rounding
// mode, and see the stored value, its error and whether it over/underflowed.
#include "bitlab/formatinfo.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace qs {

class ValuePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ValuePanel(QWidget* parent = nullptr);

    void setFormat(const NumberFormat& format);
    void setSaturating(bool on);
    // Shows what `code` means. A code that did not come from the entry (a bit
    // edit) replaces the entry with the decoded value.
    void setCode(std::uint64_t code);
    // Types `text` into the entry and encodes it (also what Return does).
    bool enterValue(const QString& text);

    Rounding rounding() const;
    void setRoundingMode(RoundingMode mode);
    double currentValue() const { return m_value; }
    std::optional<EncodeOutcome> lastEncode() const { return m_lastEncode; }

    // Parses a decimal ("25.125", "1e-8", "-inf", "nan", "2^-9"); nullopt if it is not a number.
    static std::optional<double> parseNumber(const QString& text);
    // Whether a plain decimal ("0.1", "25.125", "1e-3") is exactly a binary
    // fraction (0.1 is not); nullopt for other forms.
    static std::optional<bool> isBinaryFraction(const QString& text);

    // Value and entry boxes side by side when `available` pixels hold them, else stacked.
    void reflow(int available);

signals:
    // The user asked for this code (typed value, ±1 ULP buttons).
    void codeRequested(std::uint64_t code);
    // The value the sub-tabs work on changed (typed, or the bits were edited).
    void valueChanged(double value);
    void roundingChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void encodeEntry();
    void showCode();
    void showEncodeResult();

    NumberFormat m_format;
    std::uint64_t m_code = 0;
    double m_value = 0;
    bool m_saturate = false;
    std::uint64_t m_draw = 0; // stochastic draws so far, so that repeated encodes differ
    std::optional<EncodeOutcome> m_lastEncode;

    QPlainTextEdit* m_exact = nullptr;
    QLabel* m_scientific = nullptr;
    QLabel* m_hex = nullptr;
    QLabel* m_class = nullptr;
    QLabel* m_ulp = nullptr;
    QPushButton* m_prev = nullptr;
    QPushButton* m_next = nullptr;
    QLineEdit* m_entry = nullptr;
    QComboBox* m_rounding = nullptr;
    QSpinBox* m_seed = nullptr;
    QLabel* m_stored = nullptr;
    QLabel* m_absError = nullptr;
    QLabel* m_relError = nullptr;
    QLabel* m_flags = nullptr;
};

} // namespace qs
