// The lesson files (no GUI; also runs under ASan): every embedded lesson
// parses, has 3-7 steps and an English and a Vietnamese text for every
// string; malformed documents give a message naming the file and the step.
#include "formats/error.h"
#include "lessons/lesson.h"
#include "lessons/lessonvalues.h"
#include "quant/quantconfig.h"
#include "tensor/tensor.h"

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
    void placeholderValues_data();
    void placeholderValues();
    void explorerPlaceholders();
    void badPlaceholders_data();
    void badPlaceholders();
    void everyPlaceholderComputes();
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
    const QByteArray step = R"({"title":{"en":"a","vi":"ă"},"text":{"en":"b","vi":"ư"},"state":{},"look_at":["bitRow"]})";
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
    QTest::newRow("no look_at") << QByteArray(R"({"id":"a",)" + t +
                                              R"(,"steps":[{"title":{"en":"a","vi":"b"},"text":{"en":"a","vi":"b"}}]})")
                                << "x.json, step 1: 'look_at' must name what the text points at";
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

// The placeholder language (docs/lessons.md): each value is the core's, as the screen shows it.
void TestLessonFiles::placeholderValues_data()
{
    QTest::addColumn<QString>("placeholder");
    QTest::addColumn<QString>("value");
    QTest::newRow("bf16 keeps 1e-8") << "stored:bf16:1e-8" << "1.0011717677116394e-08";
    QTest::newRow("bf16 1e-8 4 digits") << "stored:bf16:1e-8:4" << "1.001e-08";
    QTest::newRow("fp16 underflow") << "stored:fp16:1e-8" << "0";
    QTest::newRow("fp16 overflow") << "stored:fp16:1e8" << "+∞";
    QTest::newRow("fp32 0.1") << "stored:fp32:0.1" << "0.10000000149011612";
    QTest::newRow("bf16 0.1") << "stored:bf16:0.1" << "0.10009765625";
    QTest::newRow("ufix saturates") << "stored:ufix5.3:40" << "31.875";
    QTest::newRow("fp32 bits") << "bits:fp32:25.125" << "0 10000011 10010010000000000000000";
    QTest::newRow("fp32 hex") << "hex:fp32:25.125" << "0x41C90000";
    QTest::newRow("ufix bits") << "bits:ufix5.3:25.125" << "11001001";
    QTest::newRow("fp16 max") << "max:fp16" << "65504";
    QTest::newRow("bf16 max") << "max:bf16:2" << "3.4e+38";
    QTest::newRow("ufix max") << "max:ufix5.3" << "31.875";
    QTest::newRow("ufix resolution") << "resolution:ufix5.3" << "0.125";
    QTest::newRow("fp16 min subnormal") << "min_subnormal:fp16:3" << "5.96e-08";
    QTest::newRow("bf16 epsilon") << "epsilon:bf16" << "0.0078125";
    QTest::newRow("70B fp16") << "memory:70e9:fp16" << "140";
    QTest::newRow("70B int4") << "memory:70e9:int4" << "35.0";
    QTest::newRow("175B fp16") << "memory:175e9:fp16" << "350";
}

void TestLessonFiles::placeholderValues()
{
    QFETCH(QString, placeholder);
    QFETCH(QString, value);
    QCOMPARE(lessonValue(placeholder), value);
    QCOMPARE(expandLessonText("a {{" + placeholder + "}} b"), "a " + value + " b");
}

void TestLessonFiles::explorerPlaceholders()
{
    const std::vector<float> values{-2.5f, -1.0f, 0.0f, 1.0f, 3.5f};
    const Tensor x(Shape{5}, values);
    QuantConfig c;
    c.setQuantizer("int8");
    c.range = QuantRange::Narrow;
    const LessonContext ctx{&x, &c};
    QCOMPARE(lessonValue("codes", ctx), QString("[−91, −36, 0, 36, 127]"));
    QCOMPARE(lessonValue("levels", ctx), QString("255"));
    QCOMPARE(lessonValue("levels:quantizer=int4", ctx), QString("15")); // narrow int4: −7 … 7
    QCOMPARE(lessonValue("codes:quantizer=uint8;scheme=asymmetric;rounding=nearest-away", ctx),
             QString("[0, 63, 106, 149, 255]"));
    QCOMPARE(lessonValue("zero_point:quantizer=uint8;scheme=asymmetric", ctx), QString("106"));
    QCOMPARE(lessonValue("distinct", ctx), QString("5"));
    bool ok = false;
    QVERIFY(lessonValue("sqnr", ctx).toDouble(&ok) > 30 && ok);
}

void TestLessonFiles::badPlaceholders_data()
{
    QTest::addColumn<QString>("placeholder");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown") << "colour" << "{{colour}}: unknown placeholder";
    QTest::newRow("bad format") << "stored:fp7:1" << "{{stored:fp7:1}}";
    QTest::newRow("no value") << "stored:fp16" << "needs a format and a value";
    QTest::newRow("not a number") << "stored:fp16:abc" << "'abc' is not a number";
    QTest::newRow("explorer without data") << "sqnr" << "needs the explorer's data";
    QTest::newRow("bad digits") << "max:fp16:99" << "digits";
    QTest::newRow("memory format") << "memory:7e9:fp99" << "{{memory:7e9:fp99}}";
}

void TestLessonFiles::badPlaceholders()
{
    QFETCH(QString, placeholder);
    QFETCH(QString, message);
    try {
        lessonValue(placeholder);
        QFAIL("accepted a bad placeholder");
    } catch (const Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
    }
}

// Every placeholder of every lesson that needs no explorer data computes, in both languages;
// the explorer ones are computed in the app by tst_lessonscreen.
void TestLessonFiles::everyPlaceholderComputes()
{
    int count = 0;
    for (const Lesson& l : loadEmbeddedLessons())
        for (int i = 0; i < l.steps.size(); ++i)
            for (const QString& lang : lessonLanguages())
                for (const QString& p : lessonPlaceholders(l.steps.at(i).text.text(lang))) {
                    ++count;
                    if (needsExplorer(p))
                        continue;
                    try {
                        lessonValue(p);
                    } catch (const Error& e) {
                        QFAIL(qPrintable(QStringLiteral("%1, step %2 (%3): %4").arg(l.file).arg(i + 1).arg(lang, e.what())));
                    }
                }
    QVERIFY(count >= 20);
}

QTEST_GUILESS_MAIN(TestLessonFiles)
#include "tst_lessonfiles.moc"
