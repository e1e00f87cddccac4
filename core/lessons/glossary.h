#pragma once
// The glossary (Help ▸ Glossary, F1 on a control): the course's jargon as data,
// resources/help/glossary.json, every text in English and Vietnamese like the
// lessons (docs/glossary.md). Each entry may name the controls (widget object
// names) it explains, so F1 or What's This on them opens it.
#include "lessons/lesson.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace qs {

struct GlossaryEntry
{
    QString id;
    LocalizedText term;
    LocalizedText text;
    QStringList see;      // ids of related entries
    QStringList controls; // object names of the widgets it explains
};

struct Glossary
{
    QList<GlossaryEntry> entries;
    LocalizedText guide; // the short user guide (rich text)
    const GlossaryEntry* find(const QString& id) const;
    // The entry that explains the widget with this object name, or null.
    const GlossaryEntry* forControl(const QString& objectName) const;
};

// Throws qs::ArgumentError "glossary.json, entry 3 (sqnr): 'text' needs a 'vi' text",
// also for duplicate ids and "see" references to unknown ids.
Glossary parseGlossary(const QByteArray& json, const QString& fileName);
// :/help/glossary.json (an empty glossary with the message in *error if it fails).
const Glossary& embeddedGlossary(QString* error = nullptr);

} // namespace qs
