// The crash-recovery part of AppActions: the start-up offer of autosaves
// whose owner is gone, and the questions it and File > Save ask.
#include "mainwindow/appactions.h"

#include "explorer/explorerview.h"
#include "mainwindow/autosave.h"

#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace qs {

QString AppActions::autosavePath()
{
    return Autosaver::processPath();
}

void AppActions::enableAutosave()
{
    QString error;
    if (!m_autosaver->enable(&error))
        m_window->statusBar()->showMessage(error, 8000);
}

bool AppActions::restoreAutosave()
{
    std::vector<AutosaveRecord> records = m_autosaver->claimOrphans();
    bool restored = false;
    for (const AutosaveRecord& r : records) {
        if (!restored && r.error.isEmpty() && m_autosaver->restore(r))
            restored = true;
        else
            m_autosaver->release(r);
    }
    if (restored)
        m_window->statusBar()->showMessage(tr("Restored the session of a run that did not end cleanly; it is not "
                                              "saved yet."),
                                           8000);
    return restored;
}

bool AppActions::offerAutosaves()
{
    const std::vector<AutosaveRecord> records = m_autosaver->claimOrphans();
    const AutosaveRecord* handover = nullptr;
    for (const AutosaveRecord& r : records)
        if (r.handover && r.error.isEmpty() && !handover)
            handover = &r;
    const bool handedOver = handover && m_autosaver->restore(*handover);
    bool restored = handedOver;
    int kept = 0;
    // Newest first, one after another, until one is restored: a window holds
    // one session, so the others then wait for the next start.
    for (const AutosaveRecord& r : records) {
        if (&r == handover && handedOver)
            continue;
        if (restored) {
            m_autosaver->release(r);
            ++kept;
            continue;
        }
        const RestoreAnswer answer = askRestore(r);
        QString error;
        if (answer == RestoreAnswer::Restore && r.error.isEmpty() && m_autosaver->restore(r, &error)) {
            restored = true;
        } else if (answer == RestoreAnswer::Discard) {
            m_autosaver->discard(r);
        } else {
            if (!error.isEmpty())
                QMessageBox::warning(m_window, tr("Restore session"), error);
            m_autosaver->release(r);
            ++kept;
        }
    }
    QString message;
    if (restored)
        message = handedOver ? tr("Restored the session of the previous run.")
                             : tr("Restored the session of a run that did not end cleanly; it is not saved yet.");
    if (kept > 0)
        message += QLatin1Char(' ') + tr("%n more unsaved session(s) will be offered at the next start.", "", kept);
    if (!message.isEmpty())
        m_window->statusBar()->showMessage(message.trimmed(), 10000);
    return restored;
}

void AppActions::removeAutosave()
{
    m_autosaver->remove();
}

namespace {
AppActions::RestoreQuestion& restoreQuestion()
{
    static AppActions::RestoreQuestion question;
    return question;
}
AppActions::FileChangedQuestion& fileChangedQuestion()
{
    static AppActions::FileChangedQuestion question;
    return question;
}
} // namespace

void AppActions::setRestoreQuestion(RestoreQuestion question)
{
    restoreQuestion() = std::move(question);
}

void AppActions::setFileChangedQuestion(FileChangedQuestion question)
{
    fileChangedQuestion() = std::move(question);
}

AppActions::RestoreAnswer AppActions::askRestore(const AutosaveRecord& r)
{
    if (restoreQuestion())
        return restoreQuestion()(r);
    QMessageBox box(QMessageBox::Question, tr("Restore unsaved work"),
                    tr("A Quantscope session was not saved when its run ended on %1.")
                        .arg(QLocale().toString(r.written, QLocale::ShortFormat)),
                    QMessageBox::NoButton, m_window);
    QString details = r.sessionFile.isEmpty() ? tr("Never saved.") : tr("From %1.").arg(r.sessionFile);
    if (!r.description.isEmpty())
        details += QLatin1Char(' ') + tr("Data: %1.").arg(r.description);
    if (!r.error.isEmpty())
        details = tr("It cannot be read: %1").arg(r.error);
    box.setInformativeText(details + QLatin1Char('\n') + tr("Autosave file: %1").arg(r.path));
    QPushButton* restore = r.error.isEmpty() ? box.addButton(tr("&Restore"), QMessageBox::AcceptRole) : nullptr;
    QPushButton* discard = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    QPushButton* later = box.addButton(tr("&Keep for Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restore ? restore : later);
    box.setEscapeButton(later);
    box.exec();
    return box.clickedButton() == restore   ? RestoreAnswer::Restore
           : box.clickedButton() == discard ? RestoreAnswer::Discard
                                            : RestoreAnswer::Later;
}

AppActions::FileChangedAnswer AppActions::askFileChanged(const QString& path)
{
    if (fileChangedQuestion())
        return fileChangedQuestion()(path);
    QMessageBox box(QMessageBox::Warning, tr("Save session"),
                    tr("%1 was changed on disk since this window opened or saved it, perhaps by another "
                       "Quantscope.")
                        .arg(QFileInfo(path).fileName()),
                    QMessageBox::NoButton, m_window);
    box.setInformativeText(tr("Overwriting replaces those changes with this session."));
    QPushButton* overwrite = box.addButton(tr("&Overwrite"), QMessageBox::DestructiveRole);
    QPushButton* saveAs = box.addButton(tr("Save &As…"), QMessageBox::AcceptRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(saveAs);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == overwrite ? FileChangedAnswer::Overwrite
           : box.clickedButton() == saveAs  ? FileChangedAnswer::SaveAs
                                            : FileChangedAnswer::Cancel;
}

} // namespace qs
