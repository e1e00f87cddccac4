#include "session/commands.h"

namespace qs {

SetConfigCommand::SetConfigCommand(Session* session, QuantConfig before, QuantConfig after, const QString& text,
                                   int mergeId)
    : QUndoCommand(text), m_session(session), m_before(std::move(before)), m_after(std::move(after)),
      m_mergeId(mergeId), m_mergeSerial(session->mergeSerial())
{}

void SetConfigCommand::undo()
{
    m_session->applyConfig(m_before);
}

void SetConfigCommand::redo()
{
    m_session->applyConfig(m_after);
}

bool SetConfigCommand::mergeWith(const QUndoCommand* other)
{
    // Only consecutive edits of the same kind merge (id() already matched);
    // the merged step restores the state before the whole drag.
    const auto* o = static_cast<const SetConfigCommand*>(other);
    if (o->m_mergeSerial != m_mergeSerial)
        return false;
    m_after = o->m_after;
    return true;
}

SetDataCommand::SetDataCommand(Session* session, DataSource before, Tensor beforeTensor, DataSource after,
                               Tensor afterTensor, const QString& text)
    : QUndoCommand(text), m_session(session), m_before(std::move(before)), m_after(std::move(after)),
      m_beforeTensor(std::move(beforeTensor)), m_afterTensor(std::move(afterTensor))
{}

void SetDataCommand::undo()
{
    m_session->applyData(m_before, m_beforeTensor);
}

void SetDataCommand::redo()
{
    m_session->applyData(m_after, m_afterTensor);
}

SetViewCommand::SetViewCommand(Session* session, ViewState before, ViewState after, const QString& text)
    : QUndoCommand(text), m_session(session), m_before(std::move(before)), m_after(std::move(after))
{}

void SetViewCommand::undo()
{
    m_session->applyView(m_before);
}

void SetViewCommand::redo()
{
    m_session->applyView(m_after);
}

} // namespace qs
