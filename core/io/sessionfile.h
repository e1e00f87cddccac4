#pragma once
// Reading the JSON documents users hand the app: the .qscope session (File >
// Open, the autosave, `plot --config`), the settings JSON the GUI exports and
// a bare QuantConfig (`plot --config`, `quantize --config`). Strict: every
// field present must have the type the writer gives it ("channel": "3" or
// "log_y": "yes" is an error naming the field, never a silent default);
// integers are checked before any conversion; the file is a regular file of
// at most kMaxDocumentBytes (core/io/inputfile.h: /dev/zero and a FIFO are
// refused, not read forever). A missing optional field keeps its default.
// The GUI's Session turns the result into its own types (ui/session/).
#include "quant/quantconfig.h"
#include "tensor/tensor.h"

#include <QJsonObject>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

// A JSON object from text. Throws IoError(BadHeader) naming `source`: not
// JSON ("invalid JSON at byte N: too deeply nested" ...), or JSON that is not
// an object ("is a JSON array, not a JSON object"). `what` names the document
// in messages ("session", "settings JSON").
QJsonObject parseJsonObject(std::string_view text, const std::string& source, const std::string& what);
// readSmallFile(path, kMaxDocumentBytes, what) + parseJsonObject.
QJsonObject readJsonObjectFile(const std::string& path, const std::string& what);

// The parts of a session document (format: docs/explorer.md).
struct SessionDocument
{
    enum class DataKind { Generator, File, Pasted };
    DataKind kind = DataKind::Generator;
    std::string generator;          // a generateTensor spec
    std::string file;               // a loadTensor path
    std::string tensor;             // the tensor or column of `file`
    std::string pasted;             // pasted numbers
    std::optional<Tensor> embedded; // a small file's values, saved with the session

    QuantConfig config;

    std::string plot = "histogram"; // view: the plot shown
    bool logY = true;
    int channel = 0;
    std::optional<std::vector<std::string>> compare; // the Compare rows; absent: the default list
};

// Checks the structure and every field's type; the config through
// QuantConfig::fromJson and validate(). Throws qs::Error ("session: ...").
SessionDocument parseSessionDocument(const QJsonObject& document);

// What `plot --config` and `quantize --config` accept: a session (it has
// "quantscope_session") or a bare QuantConfig object.
struct SettingsDocument
{
    std::optional<SessionDocument> session;
    QuantConfig config; // the session's config, or the bare one
};
SettingsDocument parseSettingsDocument(const QJsonObject& document);

} // namespace qs
