#pragma once
// Session: the document of the explorer (Tiled's Document). It owns where the
// data comes from, the QuantConfig, the view state and the undo stack. Panels
// never write fields directly: they call the set*() functions, which push an
// undo command; the commands call the apply*() functions, which emit the typed
// change signals the plots and panels observe.
#include "io/progress.h"
#include "plots/figuredata.h"
#include "quant/quantconfig.h"
#include "session/filestamp.h"
#include "tensor/tensor.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QUndoStack;

namespace qs {

struct DataSource
{
    enum class Kind { Generator, File, Pasted };
    Kind kind = Kind::Generator;
    QString generator; // a generateTensor spec
    QString file;      // a loadTensor path (FILE or FILE:TENSOR is split into file + tensor)
    QString tensor;
    QString pasted; // numbers separated by spaces, commas, semicolons or new lines

    QString describe() const; // one line for captions and the data panel
    friend bool operator==(const DataSource&, const DataSource&) = default;
};

// What the plots show, saved with the session so a reopened file looks the same.
struct ViewState
{
    QString plot = QStringLiteral("histogram"); // histogram error transfer calibration channels compare sweep
    bool logY = true;                           // the example's ten outliers are invisible on a linear axis
    int channel = 0;                            // the channel (or block) whose histogram the Channels plot shows
    std::vector<CompareEntry> compare = defaultCompareList(); // the rows of the Compare plot after the current one
    friend bool operator==(const ViewState&, const ViewState&) = default;
};

// Tensors at most this large are embedded in saved sessions, so a session
// made from a small file still opens when the file has moved.
inline constexpr std::int64_t kEmbedLimit = 65536;

class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // The embedded teaching example: 100,000 normal weights (σ = 0.02) with
    // ten ±40σ outliers, int8 symmetric, min-max. Its first picture already
    // shows the outlier problem: almost all weights fall on a handful of levels.
    static DataSource defaultDataSource();
    static QuantConfig defaultConfig();

    const QuantConfig& config() const { return m_config; }
    const DataSource& dataSource() const { return m_source; }
    const ViewState& view() const { return m_view; }
    const Tensor& tensor() const { return m_tensor; }
    QString dataDescription() const; // source plus shape, for captions
    QUndoStack* undoStack() const { return m_undo; }
    QString fileName() const { return m_fileName; }
    // The file as this session last read or wrote it (a save checks it for changes made by others).
    const FileStamp& fileStamp() const { return m_fileStamp; }
    // Names the document's file without reading or writing it: a session restored
    // after a crash keeps the file it came from, and the state that file had then.
    void setFileName(const QString& path, const FileStamp& stamp);

    // Editing entry points (undoable). mergeId >= 0 merges consecutive edits
    // with the same id into one undo step (slider drags, clip-line drags).
    // Return false (and leave everything unchanged) when the config is invalid
    // or the data cannot be loaded; *error says why.
    bool setConfig(const QuantConfig& config, const QString& text, int mergeId = -1, QString* error = nullptr);
    // Synchronous: loads on the calling thread (lessons, tests, the benchmark).
    bool setDataSource(const DataSource& source, const QString& text, QString* error = nullptr);
    void setView(const ViewState& view, const QString& text);

    // Asynchronous data loading (the Data dock, dropped files, File > Open):
    // the tensor is read or generated on a worker thread while the window
    // stays live; loadProgress reports the fraction done. When it is ready the
    // same undo command as setDataSource is pushed (loadFinished). A newer
    // request, a synchronous edit of the data or cancelLoad() supersedes a
    // running load: it stops within milliseconds and changes nothing (no
    // data, config, view or undo step). Errors arrive as loadFailed(message).
    void requestDataSource(const DataSource& source, const QString& text);
    // Opens a .qscope: the JSON is read and checked now (false with *error
    // when it is not a valid session), its data is loaded asynchronously; the
    // document is replaced when the data is ready.
    bool requestOpen(const QString& path, QString* error = nullptr);
    void cancelLoad();
    bool isLoading() const { return m_loading; }
    // Processes events until no load is running (tests, headless runs). False on timeout.
    bool waitForLoad(int timeoutMs = 60000);
    // Ends the current merge group: the next edit with the same merge id
    // starts a new undo step (called when a drag is released).
    void closeMergeGroup() { ++m_mergeSerial; }
    quint64 mergeSerial() const { return m_mergeSerial; }
    // The example as one undoable step (the "Reset example" action).
    void resetExample();

    // Used by the undo commands only.
    void applyConfig(const QuantConfig& config);
    void applyData(const DataSource& source, const Tensor& tensor);
    void applyView(const ViewState& view);

    // The whole document as JSON (the .qscope format, also the settings JSON
    // that `quantscope-cli plot --config` reads).
    QJsonObject toJson() const;
    // The same document from its parts, callable on any thread: the autosave
    // serialises a snapshot on its writer thread (a million pasted values
    // take longer than a frame).
    static QJsonObject documentJson(const DataSource& source, const QuantConfig& config, const ViewState& view,
                                    const Tensor& tensor);
    // Replaces the document (clears the undo stack). False with *error on a
    // bad document; the session is then unchanged.
    bool fromJson(const QJsonObject& object, QString* error = nullptr);
    bool save(const QString& path, QString* error = nullptr);
    bool open(const QString& path, QString* error = nullptr);

    // The tensor a data source names (generator, file, pasted text or the
    // data embedded in a session). Throws qs::Error.
    static Tensor loadSource(const DataSource& source, const ProgressCallback& progress = {});
    // Reads a session document into its parts without touching a Session
    // (the CLI's plot command uses it). Throws qs::Error.
    static void parseDocument(const QJsonObject& object, DataSource& source, QuantConfig& config, ViewState& view,
                              Tensor& tensor);

signals:
    void configChanged();
    void dataChanged();
    void viewChanged();
    void fileNameChanged(const QString& fileName);
    void loadStarted(const QString& description);
    void loadProgress(double fraction);
    void loadFinished();
    void loadFailed(const QString& message);
    void loadCancelled();

private:
    // Runs `work` on the loader thread; `apply` gets its tensor on the GUI
    // thread unless a newer request or a cancel came first.
    void startLoad(const QString& description, std::function<Tensor(const ProgressCallback&)> work,
                   std::function<void(const Tensor&)> apply);
    void finishLoad(quint64 id, const Tensor& tensor, const QString& error, bool cancelled);
    // Stops a running load without a signal other than loadCancelled.
    void supersedeLoad();
    void applyDocument(const DataSource& source, const Tensor& tensor, const QuantConfig& config,
                       const ViewState& view);
    // The document's parts except its tensor; *embedded is the embedded copy (or none).
    static void parseDocumentHeader(const QJsonObject& object, DataSource& source, QuantConfig& config, ViewState& view,
                                    std::optional<Tensor>* embedded);
    // The JSON object of a session file, or nullopt with *error (unreadable, not JSON).
    static std::optional<QJsonObject> readSessionFile(const QString& path, QString* error, FileStamp* stamp = nullptr);
    static Tensor loadDocumentTensor(const DataSource& source, const std::optional<Tensor>& embedded,
                                     const ProgressCallback& progress = {});

    QuantConfig m_config;
    DataSource m_source;
    ViewState m_view;
    Tensor m_tensor;
    QUndoStack* m_undo = nullptr;
    QString m_fileName;
    FileStamp m_fileStamp;
    quint64 m_mergeSerial = 0;
    QElapsedTimer m_lastEdit; // a pause of a second between edits also ends a merge group

    bool m_loading = false;
    quint64 m_loadId = 0; // the newest load request; results of older ones are dropped
    std::shared_ptr<std::atomic<bool>> m_loadCancel;
    std::function<void(const Tensor&)> m_loadApply;
    QThreadPool m_loader; // one thread: a superseded load stops before the next starts
};

} // namespace qs
