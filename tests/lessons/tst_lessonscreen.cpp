// Lessons never contradict the screen (issue #16): every step, applied in a
// real main window, shows what its text points at (the step's look_at widgets
// are on screen, visible and not empty), its numbers are the core's (no
// placeholder left), and each contradiction a reviewer found has a check that
// compares the text with the screen. At the last step "Next lesson" leads on,
// and the Model Lab's pages compute when first shown.
#include "bitlab/bitlabview.h"
#include "explorer/explorerview.h"
#include "lessons/lesson.h"
#include "lessons/lessonsview.h"
#include "mainwindow/mainwindow.h"
#include "modellab/memorypage.h"
#include "modellab/modellabview.h"
#include "quant/pipeline.h"
#include "session/session.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextDocument>
#include <QTextEdit>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace qs;

namespace {

constexpr int kComputeTimeout = 60000; // the Model Lab trains the digits network (about a second here)

bool hasData(QCustomPlot* plot)
{
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        if (const auto* map = qobject_cast<const QCPColorMap*>(p)) {
            if (map->data()->keySize() > 0)
                return true;
        } else if (p->interface1D() && p->interface1D()->dataCount() > 0) {
            return true;
        }
    }
    return false;
}

// Visible, inside the window's visible area, and showing something.
QString lookAtProblem(QWidget* window, QWidget* w)
{
    if (!w->isVisible())
        return QStringLiteral("not visible");
    if (w->visibleRegion().isEmpty())
        return QStringLiteral("covered or scrolled away");
    const QRect inWindow(w->mapTo(window, QPoint(0, 0)), w->size());
    if (!window->rect().intersects(inWindow))
        return QStringLiteral("outside the window");
    if (const auto* label = qobject_cast<QLabel*>(w); label && label->text().trimmed().isEmpty())
        return QStringLiteral("empty label");
    if (const auto* view = qobject_cast<QAbstractItemView*>(w); view && (!view->model() || view->model()->rowCount() == 0))
        return QStringLiteral("empty table");
    if (const auto* edit = qobject_cast<QTextEdit*>(w); edit && edit->toPlainText().trimmed().isEmpty())
        return QStringLiteral("empty text");
    if (auto* plot = qobject_cast<QCustomPlot*>(w); plot && !hasData(plot))
        return QStringLiteral("empty plot");
    return QString();
}

// The first number of a text ("1.0011717677e-08  =  0x3243" -> "1.0011717677e-08").
QString firstNumber(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("[−-]?[0-9][0-9.]*(e[+-]?[0-9]+)?|[+−]?∞"));
    return re.match(text).captured(0);
}

QString plain(const QString& html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText();
}

} // namespace

class TestLessonScreen : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyStepShowsWhatItNames_data();
    void everyStepShowsWhatItNames();
    void bf16KeepsTinyGradient();
    void overflowTabIsAboutTheStep();
    void staircaseVisible();
    void spikesCountedOnALogAxis();
    void outlierClippingSqnrSaid();
    void calibrationCurves();
    void narrowInt4Levels();
    void qatPageNotEmpty();
    void integerLayerNamesTheSummary();
    void memoryPageShowsTheModel();
    void lastStepLeadsToNextLesson();
    void modelLabComputesOnFirstShow();

private:
    // Opens lesson `id` at step `step` (1-based) and returns the shown text (plain).
    QString open(const QString& id, int step);
    QuantResult explorerResult() const;
    std::unique_ptr<MainWindow> m_window;
};

void TestLessonScreen::initTestCase()
{
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1600, 1000);
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

QString TestLessonScreen::open(const QString& id, int step)
{
    LessonsView* view = m_window->lessons();
    m_window->showView(QStringLiteral("lessons"));
    if (!view->showSubView(id) || !view->setStep(step - 1))
        return QString();
    QCoreApplication::processEvents();
    return plain(view->shownText());
}

QuantResult TestLessonScreen::explorerResult() const
{
    Session* s = m_window->explorer()->session();
    return runQuantization(s->tensor(), s->config());
}

void TestLessonScreen::everyStepShowsWhatItNames_data()
{
    QTest::addColumn<int>("lesson");
    QTest::addColumn<int>("step");
    const QList<Lesson> lessons = loadEmbeddedLessons();
    for (int i = 0; i < lessons.size(); ++i)
        for (int s = 0; s < lessons.at(i).steps.size(); ++s)
            QTest::addRow("%s step %d", qPrintable(lessons.at(i).id), s + 1) << i << s;
}

void TestLessonScreen::everyStepShowsWhatItNames()
{
    QFETCH(int, lesson);
    QFETCH(int, step);
    LessonsView* view = m_window->lessons();
    QVERIFY(view->setLesson(lesson));
    QVERIFY(view->setStep(step));
    const LessonStep& s = view->lessons().at(lesson).steps.at(step);
    // Every placeholder was replaced by the core's value.
    QVERIFY2(!view->shownText().contains(QLatin1String("{{")), qPrintable(view->shownText()));
    QVERIFY2(!view->shownText().contains(QLatin1String("#b3261e")), qPrintable(view->shownText()));
    QVERIFY(!s.lookAt.isEmpty());
    for (const QString& name : s.lookAt) {
        QWidget* w = m_window->findChild<QWidget*>(name);
        QVERIFY2(w, qPrintable(name + ": no such widget"));
        QString problem;
        QTRY_VERIFY2_WITH_TIMEOUT((problem = lookAtProblem(m_window.get(), w)).isEmpty(),
                                  qPrintable(name + ": " + problem), kComputeTimeout);
    }
}

// L3 step 5: the text said "about 9.98e-9" while the screen shows 1.0011717677e-08.
void TestLessonScreen::bf16KeepsTinyGradient()
{
    const QString text = open("fixed-vs-float", 5);
    const QString stored = firstNumber(m_window->findChild<QLabel*>("storedLabel")->text());
    QVERIFY(!stored.isEmpty());
    QVERIFY2(text.contains(stored), qPrintable(stored + " not in: " + text));
    // Every Bit Lab step that quotes the Stored value quotes the one on screen.
    for (int step = 1; step <= 5; ++step) {
        const QString t = open("fixed-vs-float", step);
        if (t.contains(QLatin1String("Stored")))
            QVERIFY2(t.contains(firstNumber(m_window->findChild<QLabel*>("storedLabel")->text())), qPrintable(t));
    }
}

// L3 step 2 sent the student to the Overflow tab, whose example (10000 × 10000) has
// nothing to do with ufix5.3: a step showing that tab must be about its example.
void TestLessonScreen::overflowTabIsAboutTheStep()
{
    const QList<Lesson> lessons = loadEmbeddedLessons();
    int seen = 0;
    for (const Lesson& l : lessons)
        for (int i = 0; i < l.steps.size(); ++i) {
            const QJsonObject bit = l.steps.at(i).state.value("bitlab").toObject();
            if (bit.value("tab").toString() != QLatin1String("overflow"))
                continue;
            open(l.id, i + 1);
            ++seen;
            const double a = m_window->findChild<QLineEdit*>("operandA")->text().toDouble();
            const double b = m_window->findChild<QLineEdit*>("operandB")->text().toDouble();
            const QString op = m_window->findChild<QComboBox*>("operatorCombo")->currentData().toString();
            const double result = op == "*" ? a * b : op == "/" ? a / b : a + b;
            const double value = bit.value("value").toString().toDouble();
            QVERIFY2(result == value, qPrintable(QStringLiteral("%1 step %2: the Overflow tab shows %3 %4 %5, the step %6")
                                                     .arg(l.id)
                                                     .arg(i + 1)
                                                     .arg(a)
                                                     .arg(op)
                                                     .arg(b)
                                                     .arg(value)));
        }
    QVERIFY(seen > 0);
}

// L4 steps 1-2: with step 1 on ±127 the staircase had 250+ steps across the plot: invisible.
void TestLessonScreen::staircaseVisible()
{
    for (int step = 1; step <= 2; ++step) {
        open("rounding-vs-truncation", step);
        const QuantResult r = explorerResult();
        const double scale = r.groups.at(0).scale;
        QCustomPlot* plot = m_window->explorer()->plot(FigureKind::Transfer);
        // The plot is redrawn after the step (asynchronously): wait until it shows the clip range.
        auto shows = [&] {
            const QCPRange x = plot->xAxis->range();
            return hasData(plot) && x.lower <= r.calibration.clipMin && x.upper >= r.calibration.clipMax;
        };
        QTRY_VERIFY_WITH_TIMEOUT(shows(), 10000);
        const double steps = plot->xAxis->range().size() / scale;
        QVERIFY2(steps <= 40, qPrintable(QStringLiteral("step %1: %2 steps across the plot").arg(step).arg(steps)));
    }
}

// L6 step 3 promised 5 spikes on a linear axis, where one was visible.
void TestLessonScreen::spikesCountedOnALogAxis()
{
    const QString text = open("codebook-toy", 3);
    const QuantResult r = explorerResult();
    std::set<float> distinct;
    for (const float v : r.dequantized.values())
        distinct.insert(v);
    QVERIFY2(text.contains(QStringLiteral("%1 spikes").arg(distinct.size())), qPrintable(text));
    QCustomPlot* plot = m_window->explorer()->plot(FigureKind::Histogram);
    QTRY_VERIFY(hasData(plot));
    QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
}

// L8 step 3 never said that clipping the outliers makes the SQNR fall.
void TestLessonScreen::outlierClippingSqnrSaid()
{
    const QString text = open("outliers", 3);
    const QuantResult clipped = explorerResult();
    QuantConfig minmax = m_window->explorer()->session()->config();
    minmax.calibration.method = CalibrationMethod::MinMax;
    const QuantResult full = runQuantization(m_window->explorer()->session()->tensor(), minmax);
    QVERIFY(clipped.metrics.sqnrDb < full.metrics.sqnrDb);
    QVERIFY2(text.contains(QString::number(full.metrics.sqnrDb, 'f', 1)) &&
                 text.contains(QString::number(clipped.metrics.sqnrDb, 'f', 1)) && text.contains("falls"),
             qPrintable(text));
}

// L9: the KL step's chosen point lay beyond the drawn curve (its neighbours had an
// infinite KL, which is not drawn); the MSE step promised a U-curve that was a falling
// curve: on the plot's linear axis both ends must rise visibly above the minimum.
void TestLessonScreen::calibrationCurves()
{
    for (int step : {3, 4}) {
        open("calibration", step);
        const CalibrationCurve c = explorerResult().calibration.curve;
        QVERIFY(c.x.size() > 2);
        const auto chosen = std::min_element(c.x.begin(), c.x.end(), [&](double a, double b) {
                                return std::fabs(a - c.chosenX) < std::fabs(b - c.chosenX);
                            }) - c.x.begin();
        QVERIFY2(chosen > 0 && chosen + 1 < qsizetype(c.x.size()), "the chosen point is an end of the curve");
        const std::size_t i = std::size_t(chosen);
        QVERIFY2(std::isfinite(c.y[i - 1]) && std::isfinite(c.y[i]) && std::isfinite(c.y[i + 1]),
                 qPrintable(QStringLiteral("step %1: the chosen point %2 is not on the drawn curve").arg(step).arg(c.chosenX)));
        if (step == 4) {
            const auto [lo, hi] = std::minmax_element(c.y.begin(), c.y.end());
            const double span = *hi - *lo;
            QVERIFY2(c.y.front() - *lo > 0.1 * span && c.y.back() - *lo > 0.1 * span,
                     qPrintable(QStringLiteral("not a U: ends %1 and %2, minimum %3, span %4")
                                    .arg(c.y.front())
                                    .arg(c.y.back())
                                    .arg(*lo)
                                    .arg(span)));
        }
    }
}

// L10 step 1 said 16 levels; narrow int4 has 15.
void TestLessonScreen::narrowInt4Levels()
{
    const QString text = open("nonuniform-nf4", 1);
    const QuantResult r = explorerResult();
    const int levels = r.codeMax - r.codeMin + 1;
    QCOMPARE(levels, 15);
    QVERIFY2(text.contains(QStringLiteral("%1 evenly spaced levels").arg(levels)), qPrintable(text));
}

// L11 step 3 showed an empty QAT page.
void TestLessonScreen::qatPageNotEmpty()
{
    open("ptq-vs-qat", 3);
    auto* table = m_window->findChild<QTableWidget*>("qatTable");
    QVERIFY(table);
    QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() > 0, kComputeTimeout);
}

// L12 step 2 pointed to an int32 column and a saturation count the page does not have.
void TestLessonScreen::integerLayerNamesTheSummary()
{
    const QString text = open("integer-only", 2);
    auto* summary = m_window->findChild<QLabel*>("intSummary");
    QTRY_VERIFY_WITH_TIMEOUT(!summary->text().isEmpty(), kComputeTimeout);
    const QString shown = plain(summary->text());
    for (const char* line : {"Accumulator", "Multiplier"}) {
        QVERIFY2(text.contains(line), qPrintable(text));
        QVERIFY2(shown.contains(line), qPrintable(shown));
    }
    QVERIFY2(!text.contains("column"), qPrintable(text));
}

// L13 steps 2-3 said 70B → 140 GB / 35 GB while the page stayed on GPT-3 175B.
void TestLessonScreen::memoryPageShowsTheModel()
{
    auto* lab = qobject_cast<ModelLabView*>(m_window->view("modellab"));
    QVERIFY(lab);
    for (int step : {2, 3}) {
        const QString text = open("memory", step);
        const MemorySpec spec = lab->memoryPage()->spec();
        QCOMPARE(spec.parameters, 70e9);
        QCOMPARE(QString::fromStdString(spec.weights.name), QString(step == 2 ? "fp16" : "int4"));
        QString weights;
        const QTableWidget* lines = lab->memoryPage()->linesTable();
        for (int r = 0; r < lines->rowCount(); ++r)
            if (lines->item(r, 0)->text() == "weights")
                weights = lines->item(r, 1)->text();
        QVERIFY(!weights.isEmpty());
        QVERIFY2(text.contains(weights), qPrintable(weights + " not in: " + text));
    }
}

// The last step: Next is disabled and nothing led to the next lesson.
void TestLessonScreen::lastStepLeadsToNextLesson()
{
    LessonsView* view = m_window->lessons();
    QVERIFY(view->setLesson(0));
    QVERIFY(view->setStep(view->lessons().at(0).steps.size() - 1));
    auto* nextLesson = view->findChild<QPushButton*>("nextLessonButton");
    QVERIFY(nextLesson);
    QVERIFY(nextLesson->isVisible() && nextLesson->isEnabled());
    QTest::mouseClick(nextLesson, Qt::LeftButton);
    QCOMPARE(view->currentLesson(), 1);
    QCOMPARE(view->currentStep(), 0);
    QVERIFY(!nextLesson->isVisible());
    // After the last lesson there is nothing to lead to.
    QVERIFY(view->setLesson(view->lessons().size() - 1));
    QVERIFY(view->setStep(view->lessons().last().steps.size() - 1));
    QVERIFY(!nextLesson->isVisible());
}

// Model Lab Train, QAT and Outliers were empty until a click.
void TestLessonScreen::modelLabComputesOnFirstShow()
{
    auto* lab = qobject_cast<ModelLabView*>(m_window->view("modellab"));
    QVERIFY(lab);
    QVERIFY(m_window->showView("modellab"));
    for (const char* page : {"train", "outliers"}) {
        QVERIFY(lab->showSubView(page));
        if (QLatin1String(page) == QLatin1String("train"))
            QTRY_VERIFY_WITH_TIMEOUT(lab->isTrained(), kComputeTimeout);
        else
            QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<QTableWidget*>("outlierTable")->rowCount() > 0,
                                     kComputeTimeout);
    }
}

QTEST_MAIN(TestLessonScreen)
#include "tst_lessonscreen.moc"
