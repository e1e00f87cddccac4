#include "session/session.h"

#include "formats/error.h"
#include "io/atomicfile.h"
#include "io/inputfile.h"
#include "io/sessionfile.h"
#include "io/tensorsource.h"
#include "io/textreader.h"
#include "session/commands.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUndoStack>
#include <QtEndian>

#include <cstring>

namespace qs {

namespace {

constexpr int kDocumentVersion = 1;

QString kindName(DataSource::Kind k)
{
    switch (k) {
    case DataSource::Kind::Generator: return QStringLiteral("generator");
    case DataSource::Kind::File: return QStringLiteral("file");
    case DataSource::Kind::Pasted: return QStringLiteral("pasted");
    }
    return {};
}

// float32 little-endian, base64: compact and exact (text decimals would need
// 9 significant digits per value to round-trip).
QJsonObject embedTensor(const Tensor& t)
{
    QByteArray bytes(qsizetype(t.size() * 4), Qt::Uninitialized);
    for (std::int64_t i = 0; i < t.size(); ++i)
        qToLittleEndian(t.data()[i], bytes.data() + i * 4);
    QJsonArray shape;
    for (auto d : t.shape())
        shape.append(qint64(d));
    QJsonObject o;
    o["shape"] = shape;
    o["dtype"] = QStringLiteral("float32-le");
    o["base64"] = QString::fromLatin1(bytes.toBase64());
    return o;
}

} // namespace

QString DataSource::describe() const
{
    switch (kind) {
    case Kind::Generator: return QObject::tr("generated: %1").arg(generator);
    case Kind::File:
        return tensor.isEmpty() ? QFileInfo(file).fileName()
                                : QStringLiteral("%1:%2").arg(QFileInfo(file).fileName(), tensor);
    case Kind::Pasted: return QObject::tr("pasted values");
    }
    return {};
}

Session::Session(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this))
{
    m_source = defaultDataSource();
    m_config = defaultConfig();
    m_tensor = loadSource(m_source);
    m_loader.setMaxThreadCount(1);
}

Session::~Session()
{
    // The worker captures `this`: stop it before the members go.
    if (m_loadCancel)
        m_loadCancel->store(true);
    m_loader.waitForDone();
}

DataSource Session::defaultDataSource()
{
    DataSource s;
    s.kind = DataSource::Kind::Generator;
    s.generator = QStringLiteral("outliers,n=100000,seed=7,mean=0,std=0.02,p=0.0001,k=40");
    return s;
}

QuantConfig Session::defaultConfig()
{
    QuantConfig c;
    c.setQuantizer("int8");
    c.scheme = QuantScheme::Symmetric;
    c.range = QuantRange::Narrow; // [−127, 127] as on the slides
    c.calibration.method = CalibrationMethod::MinMax;
    c.histogramBins = 1024; // fine enough that the dequantized spikes show as a comb
    return c;
}

QString Session::dataDescription() const
{
    return QStringLiteral("%1 %2").arg(m_source.describe(),
                                       QString::fromStdString(Tensor::shapeString(m_tensor.shape())));
}

Tensor Session::loadSource(const DataSource& source, const ProgressCallback& progress)
{
    switch (source.kind) {
    case DataSource::Kind::Generator: return generateTensor(source.generator.toStdString(), progress);
    case DataSource::Kind::File: {
        const std::string spec = source.tensor.isEmpty()
                                     ? source.file.toStdString()
                                     : (source.file + QLatin1Char(':') + source.tensor).toStdString();
        return loadTensor(spec, progress);
    }
    case DataSource::Kind::Pasted: return parseText(source.pasted.toStdString(), "pasted text", progress).tensor;
    }
    return {};
}

bool Session::setConfig(const QuantConfig& config, const QString& text, int mergeId, QString* error)
{
    try {
        config.validate();
    } catch (const Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    if (config == m_config)
        return true;
    if (!m_lastEdit.isValid() || m_lastEdit.elapsed() > 1000)
        closeMergeGroup();
    m_lastEdit.start();
    m_undo->push(new SetConfigCommand(this, m_config, config, text, mergeId));
    return true;
}

bool Session::setDataSource(const DataSource& source, const QString& text, QString* error)
{
    supersedeLoad();
    Tensor t;
    try {
        t = loadSource(source);
    } catch (const Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    m_undo->push(new SetDataCommand(this, m_source, m_tensor, source, t, text));
    return true;
}

void Session::setView(const ViewState& view, const QString& text)
{
    if (view == m_view)
        return;
    m_undo->push(new SetViewCommand(this, m_view, view, text));
}

void Session::requestDataSource(const DataSource& source, const QString& text)
{
    startLoad(
        source.describe(), [source](const ProgressCallback& progress) { return loadSource(source, progress); },
        [this, source, text](const Tensor& t) {
            // The state before is the one when the data arrives: edits made
            // meanwhile (config, undo) are kept and undo returns to them.
            m_undo->push(new SetDataCommand(this, m_source, m_tensor, source, t, text));
        });
}

std::optional<QJsonObject> Session::readSessionFile(const QString& path, QString* error, FileStamp* stamp)
{
    // A regular file of bounded size (a FIFO or /dev/zero is refused), strict JSON (core/io/sessionfile.h).
    try {
        const QDateTime modified = FileStamp::modifiedTime(path);
        const std::string bytes = readSmallFile(path.toStdString(), kMaxDocumentBytes, "session");
        if (stamp)
            *stamp = FileStamp::of(modified, QByteArray::fromStdString(bytes));
        return parseJsonObject(bytes, path.toStdString(), "session");
    } catch (const Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

bool Session::requestOpen(const QString& path, QString* error)
{
    FileStamp stamp;
    const std::optional<QJsonObject> doc = readSessionFile(path, error, &stamp);
    if (!doc)
        return false;
    DataSource source;
    QuantConfig config;
    ViewState view;
    std::optional<Tensor> embedded;
    try {
        parseDocumentHeader(*doc, source, config, view, &embedded);
    } catch (const Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    startLoad(
        QFileInfo(path).fileName(),
        [source, embedded](const ProgressCallback& progress) { return loadDocumentTensor(source, embedded, progress); },
        [this, source, config, view, path, stamp](const Tensor& t) {
            applyDocument(source, t, config, view);
            m_fileName = path;
            m_fileStamp = stamp;
            emit fileNameChanged(path);
        });
    return true;
}

void Session::startLoad(const QString& description, std::function<Tensor(const ProgressCallback&)> work,
                        std::function<void(const Tensor&)> apply)
{
    if (m_loadCancel)
        m_loadCancel->store(true); // the running load stops at its next progress report
    const quint64 id = ++m_loadId;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_loadCancel = cancel;
    m_loadApply = std::move(apply);
    m_loading = true;
    emit loadStarted(description);
    m_loader.start([this, id, cancel, work = std::move(work)] {
        if (cancel->load())
            return; // superseded while it waited for the thread
        QElapsedTimer sinceReport;
        sinceReport.start();
        const ProgressCallback progress = [this, id, cancel, &sinceReport](double fraction) {
            if (cancel->load())
                return false;
            if (sinceReport.elapsed() >= 50) { // at most 20 updates a second reach the GUI
                sinceReport.restart();
                QMetaObject::invokeMethod(
                    this,
                    [this, id, fraction] {
                        if (id == m_loadId && m_loading)
                            emit loadProgress(fraction);
                    },
                    Qt::QueuedConnection);
            }
            return true;
        };
        Tensor t;
        QString error;
        bool stopped = false;
        try {
            t = work(progress);
        } catch (const Cancelled&) {
            stopped = true;
        } catch (const Error& e) {
            error = QString::fromUtf8(e.what());
        } catch (const std::bad_alloc&) {
            error = tr("not enough memory for this tensor");
        }
        QMetaObject::invokeMethod(
            this, [this, id, t, error, stopped] { finishLoad(id, t, error, stopped); }, Qt::QueuedConnection);
    });
}

void Session::finishLoad(quint64 id, const Tensor& tensor, const QString& error, bool cancelled)
{
    if (id != m_loadId || !m_loading)
        return; // superseded or cancelled: a newer request owns the signals
    m_loading = false;
    m_loadCancel.reset();
    const auto apply = std::move(m_loadApply);
    m_loadApply = nullptr;
    if (cancelled) {
        emit loadCancelled();
    } else if (!error.isEmpty()) {
        emit loadFailed(error);
    } else {
        apply(tensor);
        emit loadFinished();
    }
}

void Session::cancelLoad()
{
    if (!m_loading)
        return;
    supersedeLoad();
}

void Session::supersedeLoad()
{
    if (!m_loading)
        return;
    m_loadCancel->store(true);
    m_loadCancel.reset();
    m_loadApply = nullptr;
    ++m_loadId; // the stopped job's late result is dropped
    m_loading = false;
    emit loadCancelled();
}

bool Session::waitForLoad(int timeoutMs)
{
    if (!m_loading)
        return true;
    QEventLoop loop;
    connect(this, &Session::loadFinished, &loop, &QEventLoop::quit);
    connect(this, &Session::loadFailed, &loop, &QEventLoop::quit);
    connect(this, &Session::loadCancelled, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return !m_loading;
}

void Session::resetExample()
{
    m_undo->beginMacro(tr("Reset example"));
    setDataSource(defaultDataSource(), tr("Example data"));
    setConfig(defaultConfig(), tr("Example settings"));
    setView(ViewState{}, tr("Example view"));
    m_undo->endMacro();
}

void Session::applyConfig(const QuantConfig& config)
{
    m_config = config;
    emit configChanged();
}

void Session::applyData(const DataSource& source, const Tensor& tensor)
{
    m_source = source;
    m_tensor = tensor;
    emit dataChanged();
}

void Session::applyView(const ViewState& view)
{
    m_view = view;
    emit viewChanged();
}

QJsonObject Session::toJson() const
{
    return documentJson(m_source, m_config, m_view, m_tensor);
}

QJsonObject Session::documentJson(const DataSource& source, const QuantConfig& config, const ViewState& viewState,
                                  const Tensor& tensor)
{
    QJsonObject data;
    data["kind"] = kindName(source.kind);
    switch (source.kind) {
    case DataSource::Kind::Generator: data["generator"] = source.generator; break;
    case DataSource::Kind::File:
        data["file"] = source.file;
        if (!source.tensor.isEmpty())
            data["tensor"] = source.tensor;
        if (tensor.size() <= kEmbedLimit)
            data["embedded"] = embedTensor(tensor);
        break;
    case DataSource::Kind::Pasted: data["pasted"] = source.pasted; break;
    }
    QJsonObject view;
    view["plot"] = viewState.plot;
    view["log_y"] = viewState.logY;
    view["channel"] = viewState.channel;
    QJsonArray compare;
    for (const CompareEntry& e : viewState.compare)
        compare.append(e.toString());
    view["compare"] = compare;
    QJsonObject doc;
    doc["quantscope_session"] = kDocumentVersion;
    doc["data"] = data;
    doc["config"] = config.toJson();
    doc["view"] = view;
    return doc;
}

void Session::parseDocumentHeader(const QJsonObject& o, DataSource& source, QuantConfig& config, ViewState& view,
                                  std::optional<Tensor>* embedded)
{
    // Structure and field types are checked in core (core/io/sessionfile.h).
    SessionDocument d = parseSessionDocument(o);
    source = DataSource{};
    switch (d.kind) {
    case SessionDocument::DataKind::Generator:
        source.kind = DataSource::Kind::Generator;
        source.generator = QString::fromStdString(d.generator);
        break;
    case SessionDocument::DataKind::File:
        source.kind = DataSource::Kind::File;
        source.file = QString::fromStdString(d.file);
        source.tensor = QString::fromStdString(d.tensor);
        break;
    case SessionDocument::DataKind::Pasted:
        source.kind = DataSource::Kind::Pasted;
        source.pasted = QString::fromStdString(d.pasted);
        break;
    }
    config = d.config;
    view = ViewState{};
    view.plot = QString::fromStdString(d.plot);
    view.logY = d.logY;
    view.channel = d.channel;
    // Sessions written before the Compare list was editable keep the default list.
    if (d.compare) {
        view.compare.clear();
        for (const std::string& e : *d.compare)
            view.compare.push_back(CompareEntry::parse(QString::fromStdString(e)));
    }
    if (embedded)
        *embedded = std::move(d.embedded);
}

Tensor Session::loadDocumentTensor(const DataSource& source, const std::optional<Tensor>& embedded,
                                   const ProgressCallback& progress)
{
    // A file that has moved still opens from the embedded copy.
    if (source.kind == DataSource::Kind::File && embedded && !QFileInfo::exists(source.file))
        return *embedded;
    return loadSource(source, progress);
}

void Session::parseDocument(const QJsonObject& o, DataSource& source, QuantConfig& config, ViewState& view,
                            Tensor& tensor)
{
    std::optional<Tensor> embedded;
    parseDocumentHeader(o, source, config, view, &embedded);
    tensor = loadDocumentTensor(source, embedded);
}

bool Session::fromJson(const QJsonObject& object, QString* error)
{
    DataSource source;
    QuantConfig config;
    ViewState view;
    Tensor tensor;
    try {
        parseDocument(object, source, config, view, tensor);
    } catch (const Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    supersedeLoad();
    applyDocument(source, tensor, config, view);
    return true;
}

void Session::applyDocument(const DataSource& source, const Tensor& tensor, const QuantConfig& config,
                            const ViewState& view)
{
    m_undo->clear();
    m_source = source;
    m_tensor = tensor;
    m_config = config;
    m_view = view;
    emit dataChanged();
    emit configChanged();
    emit viewChanged();
}

bool Session::save(const QString& path, QString* error)
{
    // Atomic (core/io/atomicfile.h): on a full disk the old file stays and the message says why.
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    if (const QString failure = writeFileAtomically(path, bytes); !failure.isEmpty()) {
        if (error)
            *error = failure;
        return false;
    }
    m_fileStamp = FileStamp::of(FileStamp::modifiedTime(path), bytes);
    m_undo->setClean();
    if (m_fileName != path) {
        m_fileName = path;
        emit fileNameChanged(path);
    }
    return true;
}

bool Session::open(const QString& path, QString* error)
{
    FileStamp stamp;
    const std::optional<QJsonObject> doc = readSessionFile(path, error, &stamp);
    if (!doc)
        return false;
    if (!fromJson(*doc, error))
        return false;
    m_fileName = path;
    m_fileStamp = stamp;
    emit fileNameChanged(path);
    return true;
}

void Session::setFileName(const QString& path, const FileStamp& stamp)
{
    m_fileStamp = stamp;
    if (m_fileName == path)
        return;
    m_fileName = path;
    emit fileNameChanged(path);
}

} // namespace qs
