#include "lessons/glossary.h"

#include "formats/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qs {

namespace {

[[noreturn]] void bad(const QString& where, const QString& what)
{
    throw ArgumentError((where + QStringLiteral(": ") + what).toStdString());
}

QStringList stringList(const QJsonObject& o, const char* key, const QString& where)
{
    QStringList out;
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return out;
    if (!v.isArray())
        bad(where, QStringLiteral("'%1' must be an array of strings").arg(QLatin1String(key)));
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString())
            bad(where, QStringLiteral("'%1' must be an array of strings").arg(QLatin1String(key)));
        out << item.toString();
    }
    return out;
}

} // namespace

const GlossaryEntry* Glossary::find(const QString& id) const
{
    for (const GlossaryEntry& e : entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

const GlossaryEntry* Glossary::forControl(const QString& objectName) const
{
    for (const GlossaryEntry& e : entries)
        if (e.controls.contains(objectName))
            return &e;
    return nullptr;
}

Glossary parseGlossary(const QByteArray& json, const QString& fileName)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        bad(fileName, QStringLiteral("not valid JSON at offset %1: %2").arg(perr.offset).arg(perr.errorString()));
    const QJsonObject root = doc.object();
    Glossary g;
    g.guide = parseLocalizedText(root, "guide", fileName);
    const QJsonArray entries = root.value(QLatin1String("entries")).toArray();
    if (entries.isEmpty())
        bad(fileName, QStringLiteral("'entries' must be a non-empty array"));
    for (int i = 0; i < entries.size(); ++i) {
        const QJsonObject o = entries.at(i).toObject();
        GlossaryEntry e;
        e.id = o.value(QLatin1String("id")).toString();
        const QString where = QStringLiteral("%1, entry %2 (%3)").arg(fileName).arg(i + 1).arg(e.id);
        if (e.id.isEmpty())
            bad(where, QStringLiteral("missing 'id'"));
        if (g.find(e.id))
            bad(where, QStringLiteral("the id '%1' is used twice").arg(e.id));
        e.term = parseLocalizedText(o, "term", where);
        e.text = parseLocalizedText(o, "text", where);
        e.see = stringList(o, "see", where);
        e.controls = stringList(o, "controls", where);
        g.entries << e;
    }
    for (int i = 0; i < g.entries.size(); ++i)
        for (const QString& id : g.entries.at(i).see)
            if (!g.find(id))
                bad(QStringLiteral("%1, entry %2 (%3)").arg(fileName).arg(i + 1).arg(g.entries.at(i).id),
                    QStringLiteral("'see' names an unknown entry '%1'").arg(id));
    return g;
}

const Glossary& embeddedGlossary(QString* error)
{
    static QString message;
    static const Glossary glossary = [] {
        QFile f(QStringLiteral(":/help/glossary.json"));
        if (!f.open(QIODevice::ReadOnly)) {
            message = QStringLiteral(":/help/glossary.json: cannot read");
            return Glossary{};
        }
        try {
            return parseGlossary(f.readAll(), QStringLiteral("glossary.json"));
        } catch (const Error& e) {
            message = QString::fromUtf8(e.what());
            return Glossary{};
        }
    }();
    if (error)
        *error = message;
    return glossary;
}

} // namespace qs
