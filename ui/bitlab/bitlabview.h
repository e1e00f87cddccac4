#pragma once
// The Bit Lab (docs/formats.md, docs/course.md): a bit editor, the value of the bits and the format
// designer always on top; steps, comparison, number line, code table, double
// rounding, overflow and the MX block as sub-tabs below, so a projector shows
// one idea at a time. Every edit of the format or the bits can be undone
// (the view's QUndoStack; Ctrl+Z / Ctrl+Shift+Z while the focus is in the view).
#include "bitlab/bitlabpanel.h"
#include "common/plotexporter.h"

#include <QWidget>

class QAction;
class QBoxLayout;
class QLabel;
class QSplitter;
class QTabWidget;
class QToolButton;
class QUndoStack;

namespace qs {

class BitRowWidget;
class CodeTablePanel;
class ComparePanel;
class DoubleRoundingPanel;
class FormatDesigner;
class FormatProperties;
class KQuantPanel;
class MxBlockPanel;
class NumberLinePanel;
class OverflowPanel;
class StepsPanel;
class ValuePanel;

class BitLabView : public QWidget
{
    Q_OBJECT
public:
    explicit BitLabView(QWidget* parent = nullptr);

    // The teacher's starting point: FP32 and 25.125 (docs/course.md). Also the
    // start of the undo history: Reset clears it.
    void reset();
    void setFormat(const NumberFormat& format);
    void setCode(std::uint64_t code);
    bool enterValue(const QString& text);
    const BitLabContext& context() const { return m_context; }
    // Brings a sub-tab to the front by its object name ("steps", "compare", "numberline", "codes",
    // "doublerounding", "overflow", "mx", "kquant"); false if there is none.
    bool showSubTab(const QString& name);
    // The generic sub-page hook of every view (docs/appstate.md).
    Q_INVOKABLE bool showSubView(const QString& name) { return showSubTab(name); }

    QString exportBitRow(const QString& path, const FigureOptions& options = {});
    QString exportNumberLine(const QString& path, const FigureOptions& options = {});

    FormatDesigner* designer() const { return m_designer; }
    FormatProperties* properties() const { return m_properties; }
    BitRowWidget* bitRow() const { return m_bitRow; }
    ValuePanel* valuePanel() const { return m_value; }
    QTabWidget* subTabs() const { return m_tabs; }
    StepsPanel* stepsPanel() const { return m_steps; }
    ComparePanel* comparePanel() const { return m_compare; }
    NumberLinePanel* numberLinePanel() const { return m_numberLine; }
    CodeTablePanel* codeTablePanel() const { return m_codes; }
    DoubleRoundingPanel* doubleRoundingPanel() const { return m_doubleRounding; }
    OverflowPanel* overflowPanel() const { return m_overflow; }
    MxBlockPanel* mxBlockPanel() const { return m_mx; }
    KQuantPanel* kQuantPanel() const { return m_kquant; }
    // The format, bits and value editor above the sub-tabs (hidden while the K-quant tab is shown).
    QWidget* editor() const { return m_editor; }
    QUndoStack* undoStack() const { return m_undo; }
    QAction* undoAction() const { return m_undoAction; }
    QAction* redoAction() const { return m_redoAction; }

    // What one undo step restores: the format and the code.
    struct State
    {
        NumberFormat format = FloatFormat::fp32();
        std::uint64_t code = 0;
    };

signals:
    void contextChanged(const qs::BitLabContext& context);
    void statusMessage(const QString& message);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void reflow(); // Format beside Properties, value beside entry, when the width holds them
    QBoxLayout* m_top = nullptr;
    friend class BitLabEditCommand;
    QWidget* createEditor();
    void createUndo();
    void applyCode(std::uint64_t code, const QString& what, int stroke);
    // Pushes one undo step from the last recorded state to the current one, if they differ.
    void recordState(const QString& what, int stroke = 0);
    // Undo and redo: the same path as an edit, without recording.
    void applyState(const State& state);
    void createTabs();
    void publish();
    void exportWithDialog(bool numberLine);

    BitLabContext m_context;
    QWidget* m_editor = nullptr;
    FormatDesigner* m_designer = nullptr;
    FormatProperties* m_properties = nullptr;
    BitRowWidget* m_bitRow = nullptr;
    ValuePanel* m_value = nullptr;
    QToolButton* m_export = nullptr;
    QLabel* m_exportStatus = nullptr;
    QTabWidget* m_tabs = nullptr;
    StepsPanel* m_steps = nullptr;
    ComparePanel* m_compare = nullptr;
    NumberLinePanel* m_numberLine = nullptr;
    CodeTablePanel* m_codes = nullptr;
    DoubleRoundingPanel* m_doubleRounding = nullptr;
    OverflowPanel* m_overflow = nullptr;
    MxBlockPanel* m_mx = nullptr;
    KQuantPanel* m_kquant = nullptr;
    QList<BitLabPanel*> m_panels;
    QUndoStack* m_undo = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    State m_state;           // the state the last undo step ends in
    bool m_applying = false; // undo/redo/reset in progress: record nothing
    QString m_editText;      // names the step while a format change re-encodes the value
};

} // namespace qs
