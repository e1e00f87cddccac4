// Every question file parses, has English and Vietnamese texts, and the core's
// answer to each question equals an independent reference worked by hand
// (docs/course.md); grading accepts equivalent spellings and rejects wrong
// answers; malformed files give clear messages. Reads the files from the
// source tree (QS_QUIZ_DIR), so it runs in the sanitizer build without the GUI.
#include "formats/error.h"
#include "quiz/question.h"
#include "quiz/quizexport.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>

using namespace qs::quiz;

namespace {

const std::vector<Question>& allQuestions()
{
    static const std::vector<Question> questions = loadQuestionDirectory(QStringLiteral(QS_QUIZ_DIR));
    return questions;
}

const Question& question(const QString& id)
{
    for (const Question& q : allQuestions())
        if (q.id == id)
            return q;
    qFatal("no question %s", qPrintable(id));
}

// Hand-worked answers of the numeric questions (docs/course.md).
struct Reference
{
    double value;
    double absTolerance; // 0: exact
};
const QHash<QString, Reference>& numericReferences()
{
    static const QHash<QString, Reference> refs{
        {"e4m3-one-code", {0x38, 0}},         // 0 0111 000
        {"fp32-25125-code", {0x41C90000, 0}}, // 0 10000011 1001001…
        {"fp32-25125-exponent", {131, 0}},    // 4 + 127
        {"e4m3-min-subnormal", {std::ldexp(1.0, -9), 0}},
        {"bf16-epsilon", {std::ldexp(1.0, -7), 0}},
        {"e4m3-decode-7e", {448, 0}},      // 1.75 × 2^8
        {"e4m3-300", {288, 0}},            // 256 + 32
        {"ufix53-25125", {0b11001001, 0}}, // 11001.001
        {"ufix53-max", {31.875, 0}},
        {"truncate-18", {1, 0}},
        {"half-up-05", {1, 0}},
        {"sym-int8-first", {-91, 0}},      // -2.5 × 127/3.5 = -90.71
        {"asym-scale", {6.0 / 255, 1e-7}}, // stored as a float
        {"asym-zero-point", {106, 0}},     // round(106.25)
        {"asym-away-minus1", {63, 0}},     // 106 - 43
        {"asym-dequant-minus1", {-258.0 / 255, 1e-6}},
        {"group-shared", {0, 0}},     // 2 / (30/7) = 0.47
        {"group-own", {7, 0}},        // 2 / (2/7)
        {"outlier-collapse", {2, 0}}, // codes 0 and 127
        {"clip-manual", {1.0 / 127, 1e-8}},
        {"nf4-level", {0.44070982933044434, 1e-7}}, // bitsandbytes level 11
        {"memory-llama70-fp16", {140, 1e-9}},
        {"memory-mistral-int4", {3.5, 1e-9}},
        {"nf4-bits", {4.5, 1e-12}},
    };
    return refs;
}

// Choice questions whose correct option the core computes: the option a hand
// computation picks (0-based).
const QHash<QString, int>& choiceReferences()
{
    static const QHash<QString, int> refs{
        {"fp16-max", 0},         // 65504
        {"fp16-overflow", 2},    // 1e8 > 65504 -> +Inf
        {"half-even-25", 0},     // 2
        {"asym-even-minus1", 2}, // 106 - 42 = 64
        {"codebook-024", 1},     // |1.33 - 2| < |1.33 - 0|
        {"memory-gpt3", 1},      // 175e9 × 2 B
    };
    return refs;
}

} // namespace

class TestQuizCore : public QObject
{
    Q_OBJECT
private slots:
    void everyQuestionParsesWithBothLanguages()
    {
        const auto& questions = allQuestions();
        QVERIFY2(questions.size() >= 25, qPrintable(QString::number(questions.size())));
        QSet<QString> ids;
        for (const Question& q : questions) {
            QVERIFY2(!ids.contains(q.id), qPrintable("duplicate id " + q.id));
            ids.insert(q.id);
            for (const LocalizedText* t : {&q.prompt, &q.explanation, &q.topicTitle}) {
                QVERIFY2(!t->en.isEmpty() && !t->vi.isEmpty(), qPrintable(q.id));
            }
            QVERIFY2(!q.show.isEmpty(), qPrintable(q.id));
            QVERIFY2(!q.show.value("view").toString().isEmpty(), qPrintable(q.id));
            for (const ChoiceOption& o : q.options)
                QVERIFY2(!o.text.en.isEmpty() && !o.text.vi.isEmpty(), qPrintable(q.id));
        }
    }

    void everyNumericAnswerMatchesTheReference()
    {
        for (const Question& q : allQuestions()) {
            if (q.kind != QuestionKind::Numeric)
                continue;
            QVERIFY2(numericReferences().contains(q.id), qPrintable("no independent reference for " + q.id));
            const Reference ref = numericReferences().value(q.id);
            const double got = expectedAnswer(q.compute).value;
            QVERIFY2(std::abs(got - ref.value) <= ref.absTolerance,
                     qPrintable(QStringLiteral("%1: core %2, reference %3")
                                    .arg(q.id)
                                    .arg(got, 0, 'g', 17)
                                    .arg(ref.value, 0, 'g', 17)));
        }
    }

    void everyComputedChoiceMatchesTheReference()
    {
        for (const Question& q : allQuestions()) {
            if (q.kind != QuestionKind::Choice)
                continue;
            const int correct = correctOption(q);
            QVERIFY(correct >= 0 && correct < int(q.options.size()));
            if (!q.compute.isEmpty()) {
                QVERIFY2(choiceReferences().contains(q.id), qPrintable("no independent reference for " + q.id));
                QCOMPARE(correct, choiceReferences().value(q.id));
            }
            QVERIFY(gradeChoice(q, correct, "en").correct());
            QCOMPARE(gradeChoice(q, (correct + 1) % int(q.options.size()), "en").kind, Verdict::Kind::Wrong);
            QCOMPARE(gradeChoice(q, -1, "en").kind, Verdict::Kind::Unreadable);
        }
    }

    void asymmetricExampleBothConventions_data()
    {
        QTest::addColumn<QString>("rounding");
        QTest::addColumn<QList<int>>("codes");
        // docs/course.md: half away from zero [0, 63, 106, 149, 255]; PyTorch half-even [0, 64, 106, 148, 255].
        QTest::newRow("half away") << "nearest-away" << QList<int>{0, 63, 106, 149, 255};
        QTest::newRow("half even") << "nearest-even" << QList<int>{0, 64, 106, 148, 255};
    }
    void asymmetricExampleBothConventions()
    {
        QFETCH(QString, rounding);
        QFETCH(QList<int>, codes);
        QJsonObject config{{"quantizer", "uint8"}, {"scheme", "asymmetric"}, {"rounding", rounding}};
        for (int i = 0; i < codes.size(); ++i) {
            const QJsonObject c{{"compute", "quantize"},
                                {"config", config},
                                {"values", QJsonArray{-2.5, -1.0, 0.0, 1.0, 3.5}},
                                {"ask", QStringLiteral("code[%1]").arg(i)}};
            QCOMPARE(expectedAnswer(c).value, double(codes[i]));
        }
        const QJsonObject z{{"compute", "quantize"},
                            {"config", config},
                            {"values", QJsonArray{-2.5, -1.0, 0.0, 1.0, 3.5}},
                            {"ask", "zero_point"}};
        QCOMPARE(expectedAnswer(z).value, 106.0);
    }

    void spellings_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("verdict"); // Verdict::Kind
        const int ok = int(Verdict::Kind::Correct), wrong = int(Verdict::Kind::Wrong),
                  bad = int(Verdict::Kind::Unreadable);
        QTest::newRow("hex") << "e4m3-one-code"
                             << "0x38" << ok;
        QTest::newRow("hex upper, spaces") << "e4m3-one-code"
                                           << " 0X38 " << ok;
        QTest::newRow("decimal") << "e4m3-one-code"
                                 << "56" << ok;
        QTest::newRow("binary") << "e4m3-one-code"
                                << "0b00111000" << ok;
        QTest::newRow("binary grouped") << "e4m3-one-code"
                                        << "0b0_0111_000" << ok;
        QTest::newRow("off by one") << "e4m3-one-code"
                                    << "0x39" << wrong;
        QTest::newRow("value not code") << "e4m3-one-code"
                                        << "1" << wrong;
        QTest::newRow("words") << "e4m3-one-code"
                               << "one" << bad;
        QTest::newRow("empty") << "e4m3-one-code"
                               << "" << bad;
        QTest::newRow("fp32 hex") << "fp32-25125-code"
                                  << "0x41C90000" << ok;
        QTest::newRow("fp32 bits") << "fp32-25125-code"
                                   << "0b01000001110010010000000000000000" << ok;
        QTest::newRow("fraction") << "asym-scale"
                                  << "6/255" << ok;
        QTest::newRow("decimal scale") << "asym-scale"
                                       << "0.0235294" << ok;
        QTest::newRow("decimal comma") << "asym-scale"
                                       << "0,0235294" << ok;
        QTest::newRow("wrong fraction") << "asym-scale"
                                        << "6/256" << wrong;
        QTest::newRow("divide by zero") << "asym-scale"
                                        << "6/0" << bad;
        QTest::newRow("power") << "e4m3-min-subnormal"
                               << "2^-9" << ok;
        QTest::newRow("power decimal") << "e4m3-min-subnormal"
                                       << "0.001953125" << ok;
        QTest::newRow("rounded too far") << "e4m3-min-subnormal"
                                         << "0.002" << wrong;
        QTest::newRow("negative code") << "sym-int8-first"
                                       << "-91" << ok;
        QTest::newRow("typographic minus") << "sym-int8-first"
                                           << "\u221291" << ok;
        QTest::newRow("sign wrong") << "sym-int8-first"
                                    << "91" << wrong;
        QTest::newRow("within abs") << "asym-dequant-minus1"
                                    << "-1.0118" << ok;
        QTest::newRow("outside abs") << "asym-dequant-minus1"
                                     << "-1.0" << wrong;
        QTest::newRow("gb") << "memory-llama70-fp16"
                            << "140" << ok;
        QTest::newRow("gb wrong") << "memory-llama70-fp16"
                                  << "70" << wrong;
        // Every way the course writes an answer (issue #16).
        QTest::newRow("fp32 fields with spaces") << "fp32-25125-code"
                                                 << "0 10000011 10010010000000000000000" << ok;
        QTest::newRow("fp32 fields and …") << "fp32-25125-code"
                                           << "0 10000011 1001001…" << ok;
        QTest::newRow("fp32 fields and ...") << "fp32-25125-code"
                                             << "0 10000011 1001001..." << ok;
        QTest::newRow("fp32 fields with _") << "fp32-25125-code"
                                            << "0_10000011_10010010000000000000000" << ok;
        QTest::newRow("fp32 wrong mantissa bit") << "fp32-25125-code"
                                                 << "0 10000011 1001011…" << wrong;
        QTest::newRow("e4m3 fields") << "e4m3-one-code"
                                     << "0 0111 000" << ok;
        QTest::newRow("e4m3 bare 8 bits") << "e4m3-one-code"
                                          << "00111000" << ok;
        QTest::newRow("e4m3 0b with spaces") << "e4m3-one-code"
                                             << "0b0011 1000" << ok;
        QTest::newRow("e4m3 hex suffix h") << "e4m3-one-code"
                                           << "38h" << ok;
        QTest::newRow("too many bits") << "e4m3-one-code"
                                       << "0 0111 0000" << bad;
        QTest::newRow("not binary") << "e4m3-one-code"
                                    << "0b0012" << bad;
        QTest::newRow("not hex") << "e4m3-one-code"
                                 << "0x3g" << bad;
        QTest::newRow("scientific") << "e4m3-min-subnormal"
                                    << "1.953125e-3" << ok;
        QTest::newRow("scientific upper") << "e4m3-min-subnormal"
                                          << "1.953125E-03" << ok;
        QTest::newRow("times ten") << "e4m3-min-subnormal"
                                   << "1.953125×10^-3" << ok;
        QTest::newRow("superscript power") << "e4m3-min-subnormal"
                                           << "2⁻⁹" << ok;
        QTest::newRow("plus sign") << "e4m3-decode-7e"
                                   << "+448" << ok;
        QTest::newRow("unit GB") << "memory-llama70-fp16"
                                 << "140 GB" << ok;
        QTest::newRow("decimal of a code") << "fp32-25125-code"
                                           << "1103691776" << ok;
        QTest::newRow("ellipsis decimal") << "asym-scale"
                                          << "0.0235…" << bad;
    }
    void spellings()
    {
        QFETCH(QString, id);
        QFETCH(QString, typed);
        QFETCH(int, verdict);
        QCOMPARE(int(gradeNumeric(question(id), typed).kind), verdict);
    }

    // An unreadable answer says why (the view shows "I can't read that: …"), never "wrong".
    void unreadableSaysWhy_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("codeBits");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty") << "" << 0 << "empty";
        QTest::newRow("words") << "fifty-six" << 0 << "is not a number";
        QTest::newRow("binary digit") << "0b0120" << 8 << "not binary";
        QTest::newRow("hex digit") << "0xZZ" << 8 << "not hexadecimal";
        QTest::newRow("too many bits") << "0 0111 0000" << 8 << "has 9 bits; the answer has 8";
        QTest::newRow("too few bits") << "0 0111 00" << 8 << "end with …";
        QTest::newRow("divide by zero") << "1/0" << 0 << "divides by zero";
        QTest::newRow("no base") << "^3" << 0 << "no base";
        QTest::newRow("dangling ellipsis") << "3.14…" << 0 << "write the whole number";
    }
    void unreadableSaysWhy()
    {
        QFETCH(QString, typed);
        QFETCH(int, codeBits);
        QFETCH(QString, problem);
        const AnswerReading r = readNumericAnswer(typed, codeBits);
        QVERIFY(!r.value);
        QVERIFY2(r.problem.contains(problem), qPrintable(r.problem));
    }

    void readsEveryWriting_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("codeBits");
        QTest::addColumn<double>("value");
        QTest::newRow("decimal") << "25.125" << 0 << 25.125;
        QTest::newRow("hex") << "0x41C90000" << 32 << double(0x41C90000);
        QTest::newRow("negative hex") << "-0x10" << 0 << -16.0;
        QTest::newRow("binary fields") << "0 10000011 10010010000000000000000" << 32 << double(0x41C90000);
        QTest::newRow("binary ellipsis") << "0 10000011 1001001…" << 32 << double(0x41C90000);
        QTest::newRow("bare bits as decimal without a code") << "1001" << 0 << 1001.0;
        QTest::newRow("scientific") << "1e-8" << 0 << 1e-8;
        QTest::newRow("times ten") << "5.96×10⁻⁸" << 0 << 5.96e-8;
        QTest::newRow("star power") << "3*2^4" << 0 << 48.0;
        QTest::newRow("fraction") << "3.5/127" << 0 << 3.5 / 127;
        QTest::newRow("decimal comma") << "0,5" << 0 << 0.5;
        QTest::newRow("thousands") << "65,504,000" << 0 << 65504000.0;
        QTest::newRow("infinity") << "inf" << 0 << double(INFINITY);
        QTest::newRow("minus infinity") << "−∞" << 0 << -double(INFINITY);
        QTest::newRow("percent") << "12.5 %" << 0 << 12.5;
        QTest::newRow("dB") << "21.5 dB" << 0 << 21.5;
        QTest::newRow("hex 0xdb is not a unit") << "0xdb" << 8 << 219.0;
    }
    void readsEveryWriting()
    {
        QFETCH(QString, typed);
        QFETCH(int, codeBits);
        QFETCH(double, value);
        const AnswerReading r = readNumericAnswer(typed, codeBits);
        QVERIFY2(r.value, qPrintable(r.problem));
        QCOMPARE(*r.value, value);
    }

    // Teacher mode's export: Moodle XML is well-formed and carries the core's answers.
    void moodleXmlWellFormed()
    {
        for (const QString lang : {QStringLiteral("en"), QStringLiteral("vi")}) {
            const QByteArray xml = exportMoodleXml(allQuestions(), lang);
            QXmlStreamReader reader(xml);
            int questions = 0, numerical = 0;
            QStringList answers;
            QString type;
            while (!reader.atEnd()) {
                reader.readNext();
                if (reader.isStartElement() && reader.name() == QLatin1String("question")) {
                    type = reader.attributes().value("type").toString();
                    if (type != "category")
                        ++questions;
                    if (type == "numerical")
                        ++numerical;
                }
                if (reader.isStartElement() && reader.name() == QLatin1String("answer") && type == "numerical") {
                    reader.readNextStartElement(); // <text>
                    answers << reader.readElementText();
                }
            }
            QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
            QCOMPARE(questions, int(allQuestions().size()));
            QCOMPARE(answers.size(), numerical);
            int i = 0;
            for (const Question& q : allQuestions())
                if (q.kind == QuestionKind::Numeric)
                    QCOMPARE(answers.at(i++).toDouble(), expectedAnswer(q.compute).value);
        }
    }

    void giftEscapesSpecialCharacters()
    {
        QCOMPARE(giftEscape(QStringLiteral("a~b=c#d{e}f:g\\h")), QStringLiteral("a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"));
        QCOMPARE(giftEscape(QStringLiteral("line 1\nline 2")), QStringLiteral("line 1\\nline 2"));
        Question q = question("e4m3-one-code");
        q.prompt.en = QStringLiteral("x = {1:2} ~ #? ratio 6/255");
        const QString gift = exportGift({q}, QStringLiteral("en"));
        QVERIFY2(gift.contains(QStringLiteral("x \\= \\{1\\:2\\} \\~ \\#? ratio 6/255 {#56:0")), qPrintable(gift));
        // every question of the course is in the GIFT export, with its id as title
        const QString all = exportGift(allQuestions(), QStringLiteral("vi"));
        for (const Question& question : allQuestions())
            QVERIFY2(all.contains(QStringLiteral("::%1::").arg(giftEscape(question.id))), qPrintable(question.id));
    }

    void expectedDisplayOfCodes()
    {
        const Expected e = expectedAnswer(question("e4m3-one-code").compute);
        QVERIFY(e.isCode);
        QCOMPARE(e.display, QStringLiteral("0x38 = 56 = 0b00111000"));
    }

    void malformedFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QByteArray head = R"({"topic": {"id": "t", "title": {"en": "T", "vi": "T"}}, "questions": [)";
        const QByteArray text =
            R"("prompt": {"en": "P", "vi": "P"}, "explanation": {"en": "E", "vi": "E"}, "show": {"view": "bitlab"})";
        QTest::newRow("not json") << QByteArray("{ nope") << "bad.json: not valid JSON";
        QTest::newRow("no questions") << QByteArray(R"({"topic": {"id": "t"}, "questions": []})")
                                      << "non-empty \"questions\"";
        QTest::newRow("missing vi")
            << head +
                   R"({"id": "a", "type": "numeric", "prompt": {"en": "P"}, "answer": {"compute": "round", "value": 1, "rounding": "nearest-even"}}]})"
            << "question 1 (a): missing Vietnamese text of 'prompt'";
        QTest::newRow("unknown compute") << head + R"({"id": "a", "type": "numeric", )" + text +
                                                R"(, "answer": {"compute": "guess"}}]})"
                                         << "unknown compute 'guess'";
        QTest::newRow("bad format") << head + R"({"id": "a", "type": "numeric", )" + text +
                                           R"(, "answer": {"compute": "format", "format": "fp7", "ask": "bias"}}]})"
                                    << "fp7";
        QTest::newRow("bad ask") << head + R"({"id": "a", "type": "numeric", )" + text +
                                        R"(, "answer": {"compute": "format", "format": "fp16", "ask": "colour"}}]})"
                                 << "cannot answer 'colour'";
        QTest::newRow("index out of range")
            << head + R"({"id": "a", "type": "numeric", )" + text +
                   R"(, "answer": {"compute": "quantize", "config": {"quantizer": "int8"}, "values": [1, 2], "ask": "code[5]"}}]})"
            << "index in 'code[5]' outside 0..1";
        QTest::newRow("no matching option")
            << head + R"({"id": "a", "type": "choice", )" + text +
                   R"(, "options": [{"text": "1", "value": 1}, {"text": "3", "value": 3}], "answer": {"compute": "round", "value": 2.4, "rounding": "nearest-even"}}]})"
            << "no option matches the computed answer 2";
        QTest::newRow("no correct") << head + R"({"id": "a", "type": "choice", )" + text +
                                           R"(, "options": [{"text": "x"}, {"text": "y"}]}]})"
                                    << "'correct' must index an option";
        QTest::newRow("no show")
            << head +
                   R"({"id": "a", "type": "numeric", "prompt": {"en": "P", "vi": "P"}, "explanation": {"en": "E", "vi": "E"}, "answer": {"compute": "round", "value": 1, "rounding": "nearest-even"}}]})"
            << "missing 'show'";
        QTest::newRow("bad type") << head + R"({"id": "a", "type": "essay", )" + text + R"(}]})"
                                  << "'type' must be";
    }
    void malformedFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        try {
            parseQuestionFile(json, QStringLiteral("bad.json"));
            QFAIL("accepted a malformed file");
        } catch (const qs::ArgumentError& e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.contains(message), qPrintable(what));
            QVERIFY(!what.contains(QLatin1Char('\n')));
        }
    }
};

QTEST_GUILESS_MAIN(TestQuizCore)
#include "tst_quizcore.moc"
