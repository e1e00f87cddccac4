#pragma once
// Guided lessons as data (docs/lessons.md): one JSON file per lesson in
// resources/lessons/, embedded as :/lessons/NAME.json. Every text is given in
// English and Vietnamese ({"en": …, "vi": …}); each step carries an app state
// (docs/appstate.md) and optionally a check the tests verify against the core.
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace qs {

// A text in several languages: language code -> text.
struct LocalizedText
{
    QMap<QString, QString> texts;
    // The text in `language`, else English.
    QString text(const QString& language) const;
};

struct LessonStep
{
    LocalizedText title;
    LocalizedText text; // rich text: what to do and what to look at
    QJsonObject state;  // app state (docs/appstate.md)
    QJsonObject check;  // optional: what the student should see (tests verify it)
    // What the text points at: object names of widgets that must be on screen,
    // visible and non-empty after the step is applied (tst_lessonsrun checks it).
    QStringList lookAt;
};

struct Lesson
{
    QString id;
    QString file;
    LocalizedText title;
    LocalizedText summary;
    QList<LessonStep> steps;
};

// parent[key] as {"en": …, "vi": …} with a text in every lessonLanguages() language;
// throws qs::ArgumentError "WHERE: 'key' needs a 'vi' text".
LocalizedText parseLocalizedText(const QJsonObject& parent, const char* key, const QString& where);

// Parses and validates a lesson document; throws qs::ArgumentError whose one-line
// message names the file and the step ("02-bits.json, step 3: 'text' needs an 'en' text").
Lesson parseLesson(const QByteArray& json, const QString& fileName);

// The embedded lessons (:/lessons/*.json) in file-name order. Files that fail
// to parse are skipped and their messages appended to *errors.
QList<Lesson> loadEmbeddedLessons(QStringList* errors = nullptr);
QStringList embeddedLessonFiles();

// "en" or "vi": QLocale().name().left(2) when lessons are written in it, else "en".
QString lessonLanguage();

// The languages every lesson text must have.
QStringList lessonLanguages();

} // namespace qs
