#pragma once
// Session: the document of the explorer (Tiled's Document). It owns where the
// data comes from, the QuantConfig, the view state and the undo stack. Panels
// never write fields directly: they call the set*() functions, which push an
// undo command; the commands call the apply*() functions, which emit the typed
// change signals the plots and panels observe.
#include "quant/quantconfig.h"
#include "tensor/tensor.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>

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

    // Editing entry points (undoable). mergeId >= 0 merges consecutive edits
    // with the same id into one undo step (slider drags, clip-line drags).
    // Return false (and leave everything unchanged) when the config is invalid
    // or the data cannot be loaded; *error says why.
    bool setConfig(const QuantConfig& config, const QString& text, int mergeId = -1, QString* error = nullptr);
    bool setDataSource(const DataSource& source, const QString& text, QString* error = nullptr);
    void setView(const ViewState& view, const QString& text);
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
    // Replaces the document (clears the undo stack). False with *error on a
    // bad document; the session is then unchanged.
    bool fromJson(const QJsonObject& object, QString* error = nullptr);
    bool save(const QString& path, QString* error = nullptr);
    bool open(const QString& path, QString* error = nullptr);

    // The tensor a data source names (generator, file, pasted text or the
    // data embedded in a session). Throws qs::Error.
    static Tensor loadSource(const DataSource& source);
    // Reads a session document into its parts without touching a Session
    // (the CLI's plot command uses it). Throws qs::Error.
    static void parseDocument(const QJsonObject& object, DataSource& source, QuantConfig& config, ViewState& view,
                              Tensor& tensor);

signals:
    void configChanged();
    void dataChanged();
    void viewChanged();
    void fileNameChanged(const QString& fileName);

private:
    QuantConfig m_config;
    DataSource m_source;
    ViewState m_view;
    Tensor m_tensor;
    QUndoStack* m_undo = nullptr;
    QString m_fileName;
    quint64 m_mergeSerial = 0;
    QElapsedTimer m_lastEdit; // a pause of a second between edits also ends a merge group
};

} // namespace qs
