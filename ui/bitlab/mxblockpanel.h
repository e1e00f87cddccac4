#pragma once
// Sub-tab "MX block": 32 elements sharing one E8M0 scale, shown as bits; the
// elements that had to be clamped (saturated) are outlined.
#include "bitlab/mxblock.h"

#include <QWidget>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;

namespace qs {

class BitRowWidget;

class MxBlockPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MxBlockPanel(QWidget* parent = nullptr);

    // Comma- or space-separated values, at most 32 (the rest of the block is 0).
    bool setValues(const QString& text);
    void setElementFormat(int index); // index into mxElementFormats()
    void loadWorkedExample();         // docs/course.md's MXFP4 block
    const MxBlock& block() const { return m_block; }
    BitRowWidget* scaleRow() const { return m_scaleRow; }
    // Whether card i is drawn as saturated (tests).
    bool cardMarkedSaturated(int i) const;

private:
    void recompute();

    std::vector<MxElementFormat> m_formats;
    MxBlock m_block;
    QComboBox* m_format = nullptr;
    QLineEdit* m_values = nullptr;
    QLabel* m_scaleText = nullptr;
    BitRowWidget* m_scaleRow = nullptr;
    QLabel* m_summary = nullptr;
    struct Card
    {
        QFrame* frame = nullptr;
        QLabel* top = nullptr;
        BitRowWidget* bits = nullptr;
        QLabel* bottom = nullptr;
        bool saturated = false;
    };
    std::vector<Card> m_cards;
    std::uint64_t m_randomSeed = 1;
};

} // namespace qs
