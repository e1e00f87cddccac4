#include "explorer/datapanel.h"

#include "common/filefilters.h"
#include "explorer/tensorpicker.h"

#include "formats/error.h"
#include "io/generators.h"
#include "io/tensorsource.h"
#include "session/session.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace qs {

namespace {

// A generator spec or a path is one long "word" to a word-wrapped QLabel,
// whose minimum width then exceeds the dock's and pushes the whole panel
// past the right edge (the Generate button and the fields were cut off).
// A zero-width space after each separator lets it wrap there.
QString wrappable(QString text)
{
    static const QString separators = QStringLiteral(",/\\;=_");
    for (qsizetype i = text.size() - 1; i >= 0; --i)
        if (separators.contains(text.at(i)))
            text.insert(i + 1, QChar(0x200B));
    return text;
}

// The paste box hands text too long to lay out to the panel instead of
// inserting it (Ctrl+V, the context menu's Paste and drops all come here).
class PasteEdit : public QPlainTextEdit
{
public:
    PasteEdit(std::function<bool(const QString&)> takeLarge, QWidget* parent)
        : QPlainTextEdit(parent), m_takeLarge(std::move(takeLarge))
    {}

protected:
    void insertFromMimeData(const QMimeData* source) override
    {
        if (source->hasText() && m_takeLarge(source->text()))
            return;
        QPlainTextEdit::insertFromMimeData(source);
    }

private:
    std::function<bool(const QString&)> m_takeLarge;
};

// The start of a long text, cut after a separator, at most `chars` characters and 20 lines.
QString previewOf(const QString& text, int chars)
{
    qsizetype end = std::min<qsizetype>(text.size(), chars);
    qsizetype lines = 0;
    for (qsizetype i = 0; i < end; ++i)
        if (text.at(i) == QLatin1Char('\n') && ++lines == 20)
            end = i;
    if (end < text.size()) {
        static const QString separators = QStringLiteral(" ,;\t\n");
        qsizetype cut = end;
        while (cut > 0 && !separators.contains(text.at(cut - 1)))
            --cut;
        end = cut > 0 ? cut : end;
    }
    return text.left(end).trimmed() + QStringLiteral(" …");
}

} // namespace

DataPanel::DataPanel(Session* session, QWidget* parent) : QWidget(parent), m_session(session)
{
    auto* layout = new QVBoxLayout(this);

    auto* gen = new QGroupBox(tr("Generator"), this);
    auto* gf = new QFormLayout(gen);
    m_generator = new QComboBox(gen);
    m_generator->setObjectName(QStringLiteral("generator"));
    for (const GeneratorInfo& g : generators()) {
        m_generator->addItem(QString::fromStdString(g.name));
        m_generator->setItemData(m_generator->count() - 1, QString::fromStdString(g.description), Qt::ToolTipRole);
    }
    m_generator->setToolTip(tr("A seeded distribution: the same parameters give the same values on every machine."));
    m_params = new QLineEdit(gen);
    m_params->setObjectName(QStringLiteral("generatorParams"));
    m_params->setToolTip(tr("key=value pairs of the generator, e.g. n=100000,seed=1,std=0.02 (Enter applies)."));
    auto* apply = new QPushButton(tr("&Generate"), gen);
    apply->setToolTip(tr("Replace the data by values drawn from this generator."));
    gf->addRow(tr("Distribution"), m_generator);
    gf->addRow(tr("Parameters"), m_params);
    gf->addRow(apply);
    connect(apply, &QPushButton::clicked, this, &DataPanel::applyGenerator);
    connect(m_params, &QLineEdit::returnPressed, this, &DataPanel::applyGenerator);
    connect(m_generator, &QComboBox::activated, this, [this] {
        m_params->setText(QStringLiteral("n=100000,seed=1"));
        applyGenerator();
    });

    auto* file = new QGroupBox(tr("File"), this);
    auto* ff = new QFormLayout(file);
    m_file = new QLabel(tr("none"), file);
    m_file->setObjectName(QStringLiteral("dataFile"));
    m_file->setWordWrap(true);
    auto* open = new QPushButton(tr("&Open tensor file…"), file);
    open->setToolTip(tr("Load a tensor from a NumPy (.npy, .npz), safetensors (a file, a sharded set's index or a "
                        "folder), GGUF, PyTorch, ONNX or TF.js file, or a CSV/text file (or drop one on the window)."));
    m_tensor = new TensorPicker(file);
    m_tensor->setObjectName(QStringLiteral("tensorPicker"));
    m_tensor->setToolTip(tr("Which tensor of the file to quantize: type any part of a name to search."));
    m_tensor->setEnabled(false);
    ff->addRow(open);
    ff->addRow(tr("File"), m_file);
    ff->addRow(tr("Tensor"), m_tensor);
    connect(open, &QPushButton::clicked, this, &DataPanel::chooseFile);
    connect(m_tensor, &TensorPicker::tensorChosen, this, [this](const QString& name) {
        DataSource s = m_session->dataSource();
        if (s.kind == DataSource::Kind::File && s.tensor == name)
            return; // picked again (the list and the search both report a choice)
        s.tensor = name;
        m_session->requestDataSource(s, tr("Choose tensor"));
    });

    auto* paste = new QGroupBox(tr("Paste values"), this);
    auto* pl = new QVBoxLayout(paste);
    m_paste = new PasteEdit([this](const QString& text) { return takeLargePaste(text); }, paste);
    m_paste->setObjectName(QStringLiteral("pasteValues"));
    m_paste->setPlaceholderText(QStringLiteral("-2.5, -1.0, 0.0, 1.0, 3.5"));
    m_paste->setToolTip(tr("Numbers separated by commas, spaces or new lines; rows of a table become a matrix."));
    m_paste->setTabChangesFocus(true);
    m_paste->setMaximumHeight(90);
    auto* usePaste = new QPushButton(tr("&Use pasted values"), paste);
    usePaste->setObjectName(QStringLiteral("usePasted"));
    usePaste->setToolTip(tr("Quantize exactly these numbers (e.g. the worked example of the slides)."));
    m_previewNote = new QLabel(paste);
    m_previewNote->setObjectName(QStringLiteral("pastePreviewNote"));
    m_previewNote->setWordWrap(true);
    m_previewNote->hide();
    m_clearPaste = new QPushButton(tr("C&lear"), paste);
    m_clearPaste->setObjectName(QStringLiteral("clearPaste"));
    m_clearPaste->setToolTip(tr("Empty the box to type or paste other values (the data stays until you use them)."));
    m_clearPaste->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(usePaste, 1);
    buttons->addWidget(m_clearPaste);
    pl->addWidget(m_paste);
    pl->addWidget(m_previewNote);
    pl->addLayout(buttons);
    connect(usePaste, &QPushButton::clicked, this, &DataPanel::applyPasted);
    connect(m_clearPaste, &QPushButton::clicked, this, [this] {
        clearPaste();
        m_paste->setFocus();
    });

    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("dataInfo"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_progressRow = new QWidget(this);
    m_progressRow->setObjectName(QStringLiteral("loadProgressRow"));
    auto* pr = new QHBoxLayout(m_progressRow);
    pr->setContentsMargins(0, 0, 0, 0);
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setToolTip(tr("Reading or generating the data on a worker thread; the current data stays until it is "
                              "ready."));
    m_cancel = new QPushButton(tr("Cancel"), m_progressRow);
    m_cancel->setObjectName(QStringLiteral("cancelLoad"));
    m_cancel->setToolTip(tr("Stop loading: the data, settings and undo history stay as they were."));
    pr->addWidget(m_progress, 1);
    pr->addWidget(m_cancel);
    m_progressRow->hide();
    m_progressDelay = new QTimer(this);
    m_progressDelay->setSingleShot(true);
    m_progressDelay->setInterval(kProgressDelayMs);
    connect(m_progressDelay, &QTimer::timeout, m_progressRow, &QWidget::show);
    connect(m_cancel, &QPushButton::clicked, session, &Session::cancelLoad);

    layout->addWidget(gen);
    layout->addWidget(file);
    layout->addWidget(paste);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_info);
    layout->addStretch(1);
    connect(session, &Session::dataChanged, this, &DataPanel::syncFromSession);
    connect(session, &Session::loadStarted, this, &DataPanel::onLoadStarted);
    connect(session, &Session::loadProgress, this,
            [this](double f) { m_progress->setValue(int(std::lround(std::clamp(f, 0.0, 1.0) * 1000))); });
    connect(session, &Session::loadFinished, this, &DataPanel::onLoadEnded);
    connect(session, &Session::loadCancelled, this, &DataPanel::onLoadEnded);
    connect(session, &Session::loadFailed, this, [this](const QString& message) {
        onLoadEnded();
        emit problem(message);
    });
    syncFromSession();
}

void DataPanel::applyGenerator()
{
    DataSource s;
    s.kind = DataSource::Kind::Generator;
    s.generator = m_generator->currentText();
    if (!m_params->text().trimmed().isEmpty())
        s.generator += QLatin1Char(',') + m_params->text().trimmed();
    m_session->requestDataSource(s, tr("Generate %1").arg(m_generator->currentText()));
}

void DataPanel::applyPasted()
{
    DataSource s;
    s.kind = DataSource::Kind::Pasted;
    s.pasted = isPreviewingPaste() ? m_largePaste : m_paste->toPlainText();
    m_session->requestDataSource(s, tr("Paste values")); // parsed on the worker
}

bool DataPanel::takeLargePaste(const QString& text)
{
    if (text.size() <= kPreviewThreshold)
        return false;
    // The paste replaces the selection, as in any text box (into an empty box
    // it is the text itself: no copy of megabytes on the GUI thread).
    const QTextCursor cursor = m_paste->textCursor();
    const QString before = m_paste->toPlainText();
    if (before.size() == cursor.selectionEnd() - cursor.selectionStart()) {
        showPastePreview(text);
        return true;
    }
    QString whole = before;
    whole.replace(cursor.selectionStart(), cursor.selectionEnd() - cursor.selectionStart(), text);
    showPastePreview(whole);
    return true;
}

void DataPanel::showPastePreview(const QString& text)
{
    m_largePaste = text;
    m_paste->setReadOnly(true);
    m_paste->setPlainText(previewOf(text, kPreviewChars));
    m_previewNote->setText(tr("A long text (%1 characters): only its start is shown, all of it is used.")
                               .arg(QLocale().toString(text.size())));
    m_previewNote->show();
    m_clearPaste->show();
}

void DataPanel::clearPaste()
{
    m_largePaste.clear();
    m_paste->setReadOnly(false);
    m_paste->clear();
    m_previewNote->hide();
    m_clearPaste->hide();
}

void DataPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open tensor"), QString(), tensorFileFilter());
    if (path.isEmpty())
        return;
    QString error;
    if (!openFile(path, &error))
        emit problem(error);
}

bool DataPanel::openFile(const QString& path, QString* error)
{
    DataSource s;
    s.kind = DataSource::Kind::File;
    s.file = path;
    try {
        // The header only: the values are read on the worker.
        const std::vector<std::string> names = listTensorNames(path.toStdString());
        if (names.size() > 1)
            s.tensor = QString::fromStdString(names.front());
    } catch (const Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    m_session->requestDataSource(s, tr("Open %1").arg(QFileInfo(path).fileName()));
    return true;
}

void DataPanel::openTensor(const QString& file, const QString& tensor)
{
    DataSource s;
    s.kind = DataSource::Kind::File;
    s.file = file;
    s.tensor = tensor;
    m_session->requestDataSource(s, tr("Open %1").arg(tensor));
}

void DataPanel::onLoadStarted(const QString& description)
{
    m_progress->setValue(0);
    m_progress->setFormat(description);
    m_progress->setToolTip(
        tr("Loading %1 on a worker thread; the current data stays until it is ready.").arg(description));
    if (!m_progressRow->isVisible())
        m_progressDelay->start(); // a quick load never flashes a bar
}

void DataPanel::onLoadEnded()
{
    m_progressDelay->stop();
    m_progressRow->hide();
}

void DataPanel::syncFromSession()
{
    const DataSource& s = m_session->dataSource();
    const QSignalBlocker b1(m_generator), b2(m_tensor);
    if (s.kind == DataSource::Kind::Generator) {
        const QString name = s.generator.section(QLatin1Char(','), 0, 0);
        m_generator->setCurrentIndex(std::max(0, m_generator->findText(name)));
        m_params->setText(s.generator.section(QLatin1Char(','), 1));
    }
    m_tensor->clearListing();
    // After Reset Example or a generator the last file is no longer the data.
    m_file->setText(s.kind == DataSource::Kind::File ? wrappable(s.file) : tr("none"));
    if (s.kind == DataSource::Kind::File) {
        try {
            m_tensor->setListing(listTensorHeaders(s.file.toStdString()), s.tensor);
        } catch (const Error&) {
            // Opened from the copy embedded in a session: nothing to list.
        }
    }
    if (s.kind == DataSource::Kind::Pasted) {
        if (s.pasted.size() > kPreviewThreshold) {
            showPastePreview(s.pasted);
        } else {
            if (isPreviewingPaste())
                clearPaste();
            m_paste->setPlainText(s.pasted);
        }
    }
    const Tensor& t = m_session->tensor();
    const TensorStats st = computeStats(t.values());
    m_info->setText(
        tr("<b>%1</b><br>shape %2 · %3 values<br>min %4 · max %5<br>mean %6 · std %7%8")
            .arg(wrappable(s.describe().toHtmlEscaped()), QString::fromStdString(Tensor::shapeString(t.shape())))
            .arg(t.size())
            .arg(st.min, 0, 'g', 5)
            .arg(st.max, 0, 'g', 5)
            .arg(st.mean, 0, 'g', 4)
            .arg(st.std, 0, 'g', 4)
            .arg(st.finite < st.count ? tr("<br>%1 NaN/Inf (passed through)").arg(st.count - st.finite) : QString()));
}

} // namespace qs
