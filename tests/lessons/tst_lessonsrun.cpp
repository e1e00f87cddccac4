// Every lesson run end to end in a real main window: for each step press
// Next and check that the app is in the state the step names (front view,
// explorer data/config/plot, Bit Lab format/value/tab), that the step's check
// holds against the core, and that Back returns to the previous step's state.
// Also: bad app states are refused as a whole and change nothing.
#include "bitlab/bitlabview.h"
#include "bitlab/valuepanel.h"
#include "explorer/explorerview.h"
#include "formats/fixedformat.h"
#include "formats/floatformat.h"
#include "formats/numberformat.h"
#include "lessons/appstate.h"
#include "lessons/lesson.h"
#include "lessons/lessonsview.h"
#include "mainwindow/mainwindow.h"
#include "model/memory.h"
#include "plots/figuredata.h"
#include "quant/pipeline.h"
#include "session/session.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

#include <cmath>

using namespace qs;

namespace {

// "6/255" or a number.
double number(const QJsonValue& v)
{
    if (v.isString()) {
        const QStringList parts = v.toString().split('/');
        return parts.value(0).toDouble() / (parts.size() > 1 ? parts.value(1).toDouble() : 1.0);
    }
    return v.toDouble();
}

bool close(double a, double b)
{
    return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b));
}

// The core's encoding of a decimal in a format (the Bit Lab must show this code).
std::uint64_t coreEncode(const NumberFormat& f, double x)
{
    if (const auto* ff = std::get_if<FloatFormat>(&f))
        return ff->encode(x).code;
    return std::get<FixedFormat>(f).encode(x).bits;
}

double coreDecode(const NumberFormat& f, std::uint64_t code)
{
    if (const auto* ff = std::get_if<FloatFormat>(&f))
        return ff->decode(code);
    return std::get<FixedFormat>(f).decodeBits(code);
}

} // namespace

class TestLessonsRun : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyLessonEndToEnd_data();
    void everyLessonEndToEnd();
    void badStatesChangeNothing_data();
    void badStatesChangeNothing();
    void windowIntegration();
    void quizShowStatesApply();

private:
    void verifyState(const LessonStep& step, const QString& where);
    void verifyCheck(const LessonStep& step, const QString& where);
    std::unique_ptr<MainWindow> m_window;
};

void TestLessonsRun::initTestCase()
{
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1280, 800);
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestLessonsRun::everyLessonEndToEnd_data()
{
    QTest::addColumn<int>("index");
    const QList<Lesson> lessons = loadEmbeddedLessons();
    QVERIFY(lessons.size() >= 10);
    for (int i = 0; i < lessons.size(); ++i)
        QTest::newRow(qPrintable(lessons.at(i).file)) << i;
}

void TestLessonsRun::verifyState(const LessonStep& step, const QString& where)
{
    const char* w = qPrintable(where);
    const QJsonObject& st = step.state;
    MainWindow& win = *m_window;
    Session* session = win.explorer()->session();
    if (st.contains("view")) {
        const QString v = st.value("view").toString().section('/', 0, 0);
        FigureKind kind;
        if (parseFigureKind(v, kind)) {
            QCOMPARE(win.currentViewName(), QString("explorer"));
            QCOMPARE(win.explorer()->currentKind(), kind);
        } else {
            QVERIFY2(win.currentViewName() == v, w);
        }
    }
    if (st.contains("data")) {
        const QJsonObject d = st.value("data").toObject();
        if (d.contains("generator")) {
            QVERIFY2(session->dataSource().kind == DataSource::Kind::Generator, w);
            QCOMPARE(session->dataSource().generator, d.value("generator").toString());
        } else {
            QVERIFY2(session->dataSource().kind == DataSource::Kind::Pasted, w);
            QCOMPARE(session->dataSource().pasted, d.value("pasted").toString());
        }
    }
    if (st.contains("config")) {
        // Every key the step gives means what QuantConfig::fromJson makes of it;
        // keys it leaves out are Session::defaultConfig()'s (docs/appstate.md),
        // except granularity/range, which follow a named quantizer.
        const QJsonObject given = st.value("config").toObject();
        const QJsonObject expected = QuantConfig::fromJson(given).toJson();
        const QJsonObject defaults = Session::defaultConfig().toJson();
        const QJsonObject actual = session->config().toJson();
        for (auto it = actual.begin(); it != actual.end(); ++it) {
            const QString key = it.key();
            if (given.contains(key))
                QVERIFY2(it.value() == expected.value(key), qPrintable(where + " config key " + key));
            else if (key == "quantizer" || !(given.contains("quantizer") && (key == "granularity" || key == "range")))
                QVERIFY2(it.value() == defaults.value(key), qPrintable(where + " default key " + key));
        }
        if (given.contains("quantizer") && !given.contains("granularity"))
            QCOMPARE(actual.value("granularity"), expected.value("granularity"));
    }
    if (st.contains("plot"))
        QCOMPARE(session->view().plot, st.value("plot").toString());
    if (st.contains("log_y"))
        QCOMPARE(session->view().logY, st.value("log_y").toBool());
    if (st.contains("modellab") && st.value("modellab").toObject().contains("show")) {
        auto* tabs = win.view("modellab")->findChild<QTabWidget*>();
        QVERIFY2(tabs, w);
        QCOMPARE(tabs->currentWidget()->objectName(), st.value("modellab").toObject().value("show").toString());
    }
    if (st.contains("bitlab")) {
        const QJsonObject b = st.value("bitlab").toObject();
        const BitLabContext& ctx = win.bitLab()->context();
        if (b.contains("format"))
            QCOMPARE(formatName(ctx.format), formatName(parseFormat(b.value("format").toString().toStdString())));
        if (b.contains("value")) {
            const double x = *ValuePanel::parseNumber(b.value("value").toString());
            QCOMPARE(ctx.code, coreEncode(ctx.format, x));
        }
        if (b.contains("tab"))
            QCOMPARE(win.bitLab()->subTabs()->currentWidget()->objectName(), b.value("tab").toString());
    }
}

void TestLessonsRun::verifyCheck(const LessonStep& step, const QString& where)
{
    const char* w = qPrintable(where);
    const QJsonObject& c = step.check;
    if (c.contains("quantize")) {
        // What the explorer computes for the step's data and config, against the hand-worked numbers.
        const QJsonObject q = c.value("quantize").toObject();
        Session* session = m_window->explorer()->session();
        const QuantResult r = runQuantization(session->tensor(), session->config());
        if (q.contains("codes")) {
            const QJsonArray codes = q.value("codes").toArray();
            QCOMPARE(qsizetype(r.codes.size()), codes.size());
            for (int i = 0; i < codes.size(); ++i)
                QVERIFY2(r.codes[i] == codes.at(i).toInt(), qPrintable(where + QString(" code %1").arg(i)));
        }
        if (q.contains("scale"))
            QVERIFY2(close(r.groups.at(0).scale, number(q.value("scale"))), w);
        if (q.contains("zero_point"))
            QCOMPARE(r.groups.at(0).zeroPoint, number(q.value("zero_point")));
        if (q.contains("group_scales")) {
            const QJsonArray s = q.value("group_scales").toArray();
            QCOMPARE(qsizetype(r.groups.size()), s.size());
            for (int i = 0; i < s.size(); ++i)
                QVERIFY2(close(r.groups.at(i).scale, number(s.at(i))), w);
        }
        if (q.contains("dequantized")) {
            const QJsonArray d = q.value("dequantized").toArray();
            for (int i = 0; i < d.size(); ++i)
                QVERIFY2(close(r.dequantized.data()[i], d.at(i).toDouble()), w);
        }
    }
    if (c.contains("bits")) {
        const QJsonObject b = c.value("bits").toObject();
        const NumberFormat f = parseFormat(b.value("format").toString().toStdString());
        const std::uint64_t expected = parseBits(b.value("bits").toString().toStdString(), totalBits(f));
        QCOMPARE(coreEncode(f, *ValuePanel::parseNumber(b.value("value").toString())), expected);
        QCOMPARE(m_window->bitLab()->context().code, expected); // what the student sees
    }
    if (c.contains("decoded")) {
        const QJsonObject d = c.value("decoded").toObject();
        const NumberFormat f = parseFormat(d.value("format").toString().toStdString());
        const double value = coreDecode(f, coreEncode(f, *ValuePanel::parseNumber(d.value("value").toString())));
        if (d.value("nonzero").toBool())
            QVERIFY2(value != 0 && std::isfinite(value), w);
        else if (d.value("decoded").toString() == "inf")
            QVERIFY2(std::isinf(value) && value > 0, w);
        else
            QCOMPARE(value, d.value("decoded").toDouble());
        QCOMPARE(coreDecode(m_window->bitLab()->context().format, m_window->bitLab()->context().code), value);
    }
    if (c.contains("memory")) {
        const QJsonObject m = c.value("memory").toObject();
        MemorySpec spec;
        spec.parameters = m.value("parameters").toDouble();
        spec.weights = StorageFormat::parse(m.value("format").toString().toStdString());
        double weights = -1;
        for (const MemoryLine& line : estimateMemory(spec).lines)
            if (line.item == "weights")
                weights = line.bytes;
        QCOMPARE(weights / 1e9, m.value("gb").toDouble());
    }
}

void TestLessonsRun::everyLessonEndToEnd()
{
    QFETCH(int, index);
    LessonsView* view = m_window->lessons();
    QVERIFY(view);
    QVERIFY(m_window->showView("lessons"));
    auto* next = view->findChild<QPushButton*>("nextButton");
    auto* back = view->findChild<QPushButton*>("backButton");
    auto* indicator = view->findChild<QLabel*>("stepIndicator");
    const Lesson& lesson = view->lessons().at(index);
    const bool haveModelLab = m_window->view("modellab") != nullptr;
    auto needsModelLab = [](const LessonStep& s) {
        return s.state.contains("modellab") || s.state.value("view").toString().startsWith("modellab");
    };
    auto verify = [&](int i) {
        const QString where = lesson.file + QStringLiteral(", step %1").arg(i + 1);
        QCOMPARE(view->currentStep(), i);
        QCOMPARE(indicator->text(), QStringLiteral("Step %1 of %2").arg(i + 1).arg(lesson.steps.size()));
        if (needsModelLab(lesson.steps.at(i)) && !haveModelLab) {
            qWarning("%s: needs the Model Lab, which this build does not have", qPrintable(where));
        } else {
            verifyState(lesson.steps.at(i), where);
        }
        verifyCheck(lesson.steps.at(i), where);
    };
    QVERIFY(view->setLesson(index));
    verify(0);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!back->isEnabled());
    for (int i = 1; i < lesson.steps.size(); ++i) {
        QVERIFY(next->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        verify(i);
        QTest::mouseClick(back, Qt::LeftButton);
        verify(i - 1);
        // The keyboard: Alt+Right anywhere in the window, Page Down/Up in the lesson.
        QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::AltModifier);
        verify(i);
        view->findChild<QWidget*>("stepText")->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp);
        verify(i - 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown);
        verify(i);
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(!next->isEnabled());
}

void TestLessonsRun::badStatesChangeNothing_data()
{
    QTest::addColumn<QByteArray>("state");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown view") << QByteArray(R"({"view":"nosuch","config":{"quantizer":"int4"}})")
                                  << "unknown view 'nosuch'";
    QTest::newRow("bad generator") << QByteArray(R"({"view":"bitlab","data":{"generator":"bogus,n=5"}})") << "bad data";
    QTest::newRow("invalid quantizer") << QByteArray(R"({"view":"formats","config":{"quantizer":"int99"}})")
                                       << "invalid quantizer";
    QTest::newRow("narrow uint8") << QByteArray(R"({"config":{"quantizer":"uint8","range":"narrow"}})")
                                  << "invalid quantizer";
    QTest::newRow("bad format") << QByteArray(R"({"view":"explorer","bitlab":{"format":"fp99"}})")
                                << "bad Bit Lab format";
    QTest::newRow("bad value") << QByteArray(R"({"bitlab":{"format":"fp16","value":"abc"}})") << "Bit Lab value";
    QTest::newRow("bad tab") << QByteArray(R"({"bitlab":{"tab":"nosuch"}})") << "the Bit Lab has no tab";
    QTest::newRow("bad plot") << QByteArray(R"({"data":{"pasted":"1 2"},"plot":"nosuch"})") << "unknown plot";
    QTest::newRow("bad model page") << QByteArray(R"({"view":"modellab","modellab":{"show":"nosuch"}})")
                                    << "the Model Lab has no page";
    QTest::newRow("bad sub view") << QByteArray(R"({"view":"formats/nosuch"})") << "has no sub-pages";
    QTest::newRow("unknown key") << QByteArray(R"({"views":"explorer"})") << "unknown app state key";
}

void TestLessonsRun::badStatesChangeNothing()
{
    QFETCH(QByteArray, state);
    QFETCH(QString, message);
    MainWindow& win = *m_window;
    QString error;
    QVERIFY(applyAppState(win, QJsonDocument::fromJson(R"({"view":"explorer"})").object(), &error));
    Session* session = win.explorer()->session();
    const QJsonObject before = session->toJson();
    const int undoCount = session->undoStack()->count();
    const QString front = win.currentViewName();
    const std::uint64_t code = win.bitLab()->context().code;
    const std::string format = formatName(win.bitLab()->context().format);
    const QJsonObject obj = QJsonDocument::fromJson(state).object();
    QVERIFY(!obj.isEmpty());
    QVERIFY(!applyAppState(win, obj, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(session->toJson(), before);
    QCOMPARE(session->undoStack()->count(), undoCount);
    QCOMPARE(win.currentViewName(), front);
    QCOMPARE(win.bitLab()->context().code, code);
    QCOMPARE(formatName(win.bitLab()->context().format), format);
}

void TestLessonsRun::windowIntegration()
{
    MainWindow& win = *m_window;
    for (const char* name : {"explorer", "formats", "bitlab", "modellab", "quiz", "lessons"})
        QVERIFY2(win.viewNames().contains(name) && win.view(name), name);
    QCOMPARE(win.view("lessons"), static_cast<QWidget*>(win.lessons()));
    win.lessonsDock()->hide();
    QVERIFY(win.showView("lessons"));
    QVERIFY(win.lessonsDock()->isVisible());
    // The lesson stays visible while a step brings another view to the front.
    QVERIFY(win.showView("bitlab"));
    QCOMPARE(win.currentViewName(), QString("bitlab"));
    QVERIFY(win.lessonsDock()->isVisible());
    bool settings = false;
    for (QAction* a : win.findChildren<QAction*>())
        if (a->shortcut() == QKeySequence(QKeySequence::Preferences) && !a->shortcut().isEmpty())
            settings = true;
    QVERIFY(settings || QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty());
    // Undo follows the view in front: an applied config is one undo step of the explorer's stack.
    QString error;
    QVERIFY(applyAppState(win, QJsonDocument::fromJson(R"({"view":"explorer","config":{"quantizer":"int4"}})").object(),
                          &error));
    const QuantConfig before = win.explorer()->session()->config();
    QVERIFY(applyAppState(win, QJsonDocument::fromJson(R"({"config":{"quantizer":"nf4"}})").object(), &error));
    QCOMPARE(win.explorer()->session()->config().quantizerSpec(), std::string("nf4"));
    win.explorer()->session()->undoStack()->undo();
    QCOMPARE(win.explorer()->session()->config().toJson(), before.toJson());
    // A state that only touches the Bit Lab leaves the explorer's undo history alone.
    const int explorerSteps = win.explorer()->session()->undoStack()->count();
    QVERIFY(
        applyAppState(win, QJsonDocument::fromJson(R"({"bitlab":{"format":"fp16","value":"2"}})").object(), &error));
    QCOMPARE(win.explorer()->session()->undoStack()->count(), explorerSteps);
    QCOMPARE(win.bitLab()->context().code, std::uint64_t(0x4000)); // 2.0 in FP16: exponent 16 = 10000b
}

// The quiz's "Show in the app" emits each question's "show" state to the
// applier: every one of them must be accepted and bring its view forward.
void TestLessonsRun::quizShowStatesApply()
{
    const QStringList files = QDir(":/quiz").entryList({"*.json"}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    int count = 0;
    for (const QString& name : files) {
        QFile f(":/quiz/" + name);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray questions = QJsonDocument::fromJson(f.readAll()).object().value("questions").toArray();
        for (const QJsonValue& q : questions) {
            const QJsonObject show = q.toObject().value("show").toObject();
            if (show.isEmpty())
                continue;
            QString error;
            const QString where = name + ": " + q.toObject().value("id").toString();
            QVERIFY2(applyAppState(*m_window, show, &error), qPrintable(where + ": " + error));
            if (show.contains("view") && !show.value("view").toString().contains('/')) {
                FigureKind kind;
                const QString v = show.value("view").toString();
                QCOMPARE(m_window->currentViewName(), parseFigureKind(v, kind) ? QString("explorer") : v);
            }
            ++count;
        }
    }
    QVERIFY(count > 0);
}

QTEST_MAIN(TestLessonsRun)
#include "tst_lessonsrun.moc"
