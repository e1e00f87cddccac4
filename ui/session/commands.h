#pragma once
// The undo commands of the session: one per kind of edit. Drags of a slider or
// a clip line use a merge id so a whole drag is a single undo step.
#include "session/session.h"

#include <QUndoCommand>

namespace qs {

enum MergeId {
    MergeClipDrag = 1, // dragging the clip lines of the histogram
    MergeBits,         // bit-width spin box held down
    MergePercentile,
    MergeManualRange,
    MergeBins,
    MergeThreshold,
    MergeBlockSize
};

class SetConfigCommand : public QUndoCommand
{
public:
    SetConfigCommand(Session* session, QuantConfig before, QuantConfig after, const QString& text, int mergeId);
    void undo() override;
    void redo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    Session* m_session;
    QuantConfig m_before, m_after;
    int m_mergeId;
    quint64 m_mergeSerial; // edits merge only within one drag (Session::closeMergeGroup)
};

class SetDataCommand : public QUndoCommand
{
public:
    SetDataCommand(Session* session, DataSource before, Tensor beforeTensor, DataSource after, Tensor afterTensor,
                   const QString& text);
    void undo() override;
    void redo() override;

private:
    Session* m_session;
    DataSource m_before, m_after;
    Tensor m_beforeTensor, m_afterTensor; // shared storage: keeping both is cheap
};

class SetViewCommand : public QUndoCommand
{
public:
    SetViewCommand(Session* session, ViewState before, ViewState after, const QString& text);
    void undo() override;
    void redo() override;

private:
    Session* m_session;
    ViewState m_before, m_after;
};

} // namespace qs
