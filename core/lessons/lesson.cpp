#include "lessons/lesson.h"

#include "formats/error.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace qs {

namespace {

[[noreturn]] void bad(const QString& where, const QString& what)
{
    throw ArgumentError((where + QStringLiteral(": ") + what).toStdString());
}

LocalizedText parseText(const QJsonObject& parent, const char* key, const QString& where)
{
    const QJsonValue v = parent.value(QLatin1String(key));
    if (v.isUndefined())
        bad(where, QStringLiteral("missing '%1'").arg(QLatin1String(key)));
    if (!v.isObject())
        bad(where, QStringLiteral("'%1' must be an object {\"en\": …, \"vi\": …}").arg(QLatin1String(key)));
    LocalizedText t;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString())
            bad(where, QStringLiteral("'%1.%2' must be a string").arg(QLatin1String(key), it.key()));
        t.texts.insert(it.key(), it.value().toString());
    }
    for (const QString& lang : lessonLanguages())
        if (t.texts.value(lang).trimmed().isEmpty())
            bad(where, QStringLiteral("'%1' needs a '%2' text").arg(QLatin1String(key), lang));
    return t;
}

} // namespace

LocalizedText parseLocalizedText(const QJsonObject& parent, const char* key, const QString& where)
{
    return parseText(parent, key, where);
}

QString LocalizedText::text(const QString& language) const
{
    const QString t = texts.value(language);
    return t.isEmpty() ? texts.value(QStringLiteral("en")) : t;
}

QStringList lessonLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("vi")};
}

QString lessonLanguage()
{
    const QString lang = QLocale().name().left(2);
    return lessonLanguages().contains(lang) ? lang : QStringLiteral("en");
}

Lesson parseLesson(const QByteArray& json, const QString& fileName)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        bad(fileName, QStringLiteral("not valid JSON at offset %1: %2").arg(perr.offset).arg(perr.errorString()));
    if (!doc.isObject())
        bad(fileName, QStringLiteral("a lesson must be a JSON object"));
    const QJsonObject o = doc.object();
    Lesson lesson;
    lesson.file = fileName;
    lesson.id = o.value(QLatin1String("id")).toString();
    if (lesson.id.isEmpty())
        bad(fileName, QStringLiteral("missing 'id'"));
    lesson.title = parseText(o, "title", fileName);
    lesson.summary = parseText(o, "summary", fileName);
    if (!o.value(QLatin1String("steps")).isArray())
        bad(fileName, QStringLiteral("'steps' must be an array"));
    const QJsonArray steps = o.value(QLatin1String("steps")).toArray();
    if (steps.isEmpty())
        bad(fileName, QStringLiteral("a lesson needs at least one step"));
    for (int i = 0; i < steps.size(); ++i) {
        const QString where = QStringLiteral("%1, step %2").arg(fileName).arg(i + 1);
        if (!steps.at(i).isObject())
            bad(where, QStringLiteral("a step must be an object"));
        const QJsonObject s = steps.at(i).toObject();
        LessonStep step;
        step.title = parseText(s, "title", where);
        step.text = parseText(s, "text", where);
        if (s.contains(QLatin1String("state")) && !s.value(QLatin1String("state")).isObject())
            bad(where, QStringLiteral("'state' must be an object (docs/appstate.md)"));
        if (s.contains(QLatin1String("check")) && !s.value(QLatin1String("check")).isObject())
            bad(where, QStringLiteral("'check' must be an object"));
        step.state = s.value(QLatin1String("state")).toObject();
        step.check = s.value(QLatin1String("check")).toObject();
        const QJsonValue look = s.value(QLatin1String("look_at"));
        if (!look.isArray() || look.toArray().isEmpty())
            bad(where, QStringLiteral("'look_at' must name what the text points at (an array of widget names)"));
        for (const QJsonValue& name : look.toArray()) {
            if (!name.isString() || name.toString().isEmpty())
                bad(where, QStringLiteral("'look_at' holds widget names (strings)"));
            step.lookAt << name.toString();
        }
        lesson.steps << step;
    }
    return lesson;
}

QStringList embeddedLessonFiles()
{
    QStringList files =
        QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (QString& f : files)
        f.prepend(QStringLiteral(":/lessons/"));
    return files;
}

QList<Lesson> loadEmbeddedLessons(QStringList* errors)
{
    QList<Lesson> lessons;
    for (const QString& path : embeddedLessonFiles()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            if (errors)
                errors->append(QStringLiteral("%1: cannot read").arg(path));
            continue;
        }
        try {
            lessons << parseLesson(f.readAll(), path.section(QLatin1Char('/'), -1));
        } catch (const Error& e) {
            if (errors)
                errors->append(QString::fromUtf8(e.what()));
        }
    }
    return lessons;
}

} // namespace qs
