// The lesson files (no GUI; also runs under ASan): every embedded lesson
// parses, has 3-7 steps and an English and a Vietnamese text for every
// string; malformed documents give a message naming the file and the step.
#include "formats/error.h"
#include "lessons/lesson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace qs;

class TestLessonFiles : public QObject
{
    Q_OBJECT
private slots:
    void embeddedLessonsParse();
    void everyTextInEveryLanguage();
    void malformed_data();
    void malformed();
    void languageFallback();
};

void TestLessonFiles::embeddedLessonsParse()
{
    const QStringList files = embeddedLessonFiles();
    QVERIFY2(files.size() >= 10, qPrintable(QString::number(files.size())));
    QStringList errors;
    const QList<Lesson> lessons = loadEmbeddedLessons(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
    QCOMPARE(lessons.size(), files.size());
    QSet<QString> ids;
    for (const Lesson& l : lessons) {
        QVERIFY2(l.steps.size() >= 3 && l.steps.size() <= 7, qPrintable(l.file));
        QVERIFY2(!ids.contains(l.id), qPrintable(l.id));
        ids.insert(l.id);
        for (const LessonStep& s : l.steps)
            QVERIFY2(!s.state.isEmpty(), qPrintable(l.file + ": a step without an app state"));
    }
}

// Checked on the raw JSON, independently of the parser: every object that
// holds an "en" string also holds a non-empty "vi" string and vice versa.
static void collectTexts(const QJsonValue& v, const QString& path, QStringList& missing, int& count)
{
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            collectTexts(a.at(i), path + QStringLiteral("[%1]").arg(i), missing, count);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains("en") || o.contains("vi")) {
            ++count;
            for (const char* lang : {"en", "vi"})
                if (o.value(lang).toString().trimmed().isEmpty())
                    missing << path + "." + lang;
        }
        for (auto it = o.begin(); it != o.end(); ++it)
            collectTexts(it.value(), path + "." + it.key(), missing, count);
    }
}

void TestLessonFiles::everyTextInEveryLanguage()
{
    for (const QString& path : embeddedLessonFiles()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QStringList missing;
        int count = 0;
        collectTexts(o, path, missing, count);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(", ")));
        // title + summary + a title and a text per step
        QCOMPARE(count, 2 + 2 * int(o.value("steps").toArray().size()));
        // Vietnamese text really is Vietnamese: it uses letters with diacritics.
        const QString vi =
            o.value("title").toObject().value("vi").toString() + o.value("summary").toObject().value("vi").toString();
        QVERIFY2(vi.contains(QRegularExpression(QStringLiteral("[ăâđêôơưàáạảãềếệểễộồốổỗờớợởỡừứựửữìíịỉĩùúụủũ]"))),
                 qPrintable(path));
    }
}

void TestLessonFiles::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const QByteArray t = R"("title":{"en":"A","vi":"Ă"},"summary":{"en":"S","vi":"Ş"})";
    const QByteArray step = R"({"title":{"en":"a","vi":"ă"},"text":{"en":"b","vi":"ư"},"state":{}})";
    QTest::newRow("not json") << QByteArray("{") << "x.json: not valid JSON";
    QTest::newRow("array") << QByteArray("[]") << "x.json: a lesson must be a JSON object";
    QTest::newRow("no id") << QByteArray("{" + t + R"(,"steps":[)" + step + "]}") << "x.json: missing 'id'";
    QTest::newRow("no steps") << QByteArray(R"({"id":"a",)" + t + "}") << "x.json: 'steps' must be an array";
    QTest::newRow("empty steps") << QByteArray(R"({"id":"a",)" + t + R"(,"steps":[]})")
                                 << "x.json: a lesson needs at least one step";
    QTest::newRow("title not object") << QByteArray(R"({"id":"a","title":"A","summary":{"en":"S","vi":"S"},"steps":[)" +
                                                    step + "]}")
                                      << "x.json: 'title' must be an object";
    QTest::newRow("missing vi in step 2") << QByteArray(R"({"id":"a",)" + t + R"(,"steps":[)" + step +
                                                        R"(,{"title":{"en":"a"},"text":{"en":"b","vi":"c"}}]})")
                                          << "x.json, step 2: 'title' needs a 'vi' text";
    QTest::newRow("missing text") << QByteArray(R"({"id":"a",)" + t + R"(,"steps":[{"title":{"en":"a","vi":"b"}}]})")
                                  << "x.json, step 1: missing 'text'";
    QTest::newRow("state not object")
        << QByteArray(R"({"id":"a",)" + t +
                      R"(,"steps":[{"title":{"en":"a","vi":"b"},"text":{"en":"a","vi":"b"},"state":3}]})")
        << "x.json, step 1: 'state' must be an object";
}

void TestLessonFiles::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    try {
        parseLesson(json, QStringLiteral("x.json"));
        QFAIL("accepted a malformed lesson");
    } catch (const Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(message), e.what());
    }
}

void TestLessonFiles::languageFallback()
{
    LocalizedText t;
    t.texts.insert("en", "hello");
    t.texts.insert("vi", "xin chào");
    QCOMPARE(t.text("vi"), QString("xin chào"));
    QCOMPARE(t.text("de"), QString("hello"));
    const QLocale saved;
    QLocale::setDefault(QLocale(QLocale::Vietnamese));
    QCOMPARE(lessonLanguage(), QString("vi"));
    QLocale::setDefault(QLocale(QLocale::German));
    QCOMPARE(lessonLanguage(), QString("en"));
    QLocale::setDefault(saved);
}

QTEST_GUILESS_MAIN(TestLessonFiles)
#include "tst_lessonfiles.moc"
