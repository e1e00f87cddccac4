#include "io/sessionfile.h"

#include "formats/error.h"
#include "io/dtype.h"
#include "io/inputfile.h"
#include "io/ioerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

#include <climits>
#include <cmath>

namespace qs {
namespace {

constexpr int kDocumentVersion = 1;

[[noreturn]] void bad(const std::string& what)
{
    throw ArgumentError("session: " + what);
}

const char* typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool: return "true/false";
    case QJsonValue::Double: return "a number";
    case QJsonValue::String: return "a string";
    case QJsonValue::Array: return "a list";
    case QJsonValue::Object: return "an object";
    case QJsonValue::Undefined: break;
    }
    return "missing";
}

// Typed fields: absent keeps `fallback`, present with another type is an error naming it.
std::string stringField(const QJsonObject& o, const char* key, const std::string& where, std::string fallback = {})
{
    if (!o.contains(key))
        return fallback;
    const QJsonValue v = o.value(key);
    if (!v.isString())
        bad("'" + where + key + "' must be a string, not " + typeName(v));
    return v.toString().toStdString();
}

bool boolField(const QJsonObject& o, const char* key, const std::string& where, bool fallback)
{
    if (!o.contains(key))
        return fallback;
    const QJsonValue v = o.value(key);
    if (!v.isBool())
        bad("'" + where + key + "' must be true or false, not " + typeName(v));
    return v.toBool();
}

QJsonObject objectField(const QJsonObject& o, const char* key, const std::string& where)
{
    if (!o.contains(key))
        return {};
    const QJsonValue v = o.value(key);
    if (!v.isObject())
        bad("'" + where + key + "' must be a JSON object, not " + typeName(v));
    return v.toObject();
}

// A JSON number as an integer in [lo, hi], checked before the conversion
// (a double beyond the range has no defined integer value).
double integerValue(const QJsonValue& v, const std::string& what, double lo, double hi)
{
    const double d = v.toDouble();
    if (!v.isDouble() || d != std::floor(d) || !(d >= lo && d <= hi))
        bad(what + " must be an integer from " + std::to_string(std::int64_t(lo)) + " to " +
            std::to_string(std::int64_t(hi)) + (v.isDouble() ? "" : std::string(", not ") + typeName(v)));
    return d;
}

// float32 little-endian, base64 (the writer: ui/session/session.cpp embedTensor).
Tensor embeddedTensor(const QJsonObject& o)
{
    if (!o.value("shape").isArray())
        bad("'data.embedded.shape' must be a list of dimensions");
    const QJsonArray dims = o.value("shape").toArray();
    if (dims.size() > 64)
        bad("'data.embedded.shape' has more than 64 dimensions");
    Shape shape;
    for (const QJsonValue& d : dims)
        shape.push_back(std::int64_t(integerValue(d, "a dimension of 'data.embedded.shape'", 0, 9007199254740992.0)));
    const std::int64_t n = checkedElementCount(shape, "session");
    if (stringField(o, "dtype", "data.embedded.") != "float32-le")
        bad("'data.embedded.dtype' must be \"float32-le\"");
    const QByteArray text = QByteArray::fromStdString(stringField(o, "base64", "data.embedded."));
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        bad("'data.embedded.base64' is not base64");
    const QByteArray& bytes = *decoded;
    if (std::uint64_t(bytes.size()) != std::uint64_t(n) * 4)
        bad("embedded data does not match its shape (" + std::to_string(bytes.size()) + " bytes for " +
            std::to_string(n) + " values)");
    Tensor t(shape);
    for (std::int64_t i = 0; i < n; ++i)
        t.data()[i] = qFromLittleEndian<float>(bytes.constData() + i * 4);
    return t;
}

} // namespace

QJsonObject parseJsonObject(std::string_view text, const std::string& source, const std::string& what)
{
    QJsonParseError error{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())), &error);
    if (error.error != QJsonParseError::NoError)
        throw IoError(IoErrorKind::BadHeader, source,
                      "the " + what + " is not valid JSON (at byte " + std::to_string(error.offset) + ": " +
                          error.errorString().toStdString() + ")");
    if (!doc.isObject())
        throw IoError(IoErrorKind::BadHeader, source,
                      "the " + what + " is " + (doc.isArray() ? "a JSON array" : "not a JSON object") +
                          ", not a JSON object {...}");
    return doc.object();
}

QJsonObject readJsonObjectFile(const std::string& path, const std::string& what)
{
    return parseJsonObject(readSmallFile(path, kMaxDocumentBytes, what), path, what);
}

SessionDocument parseSessionDocument(const QJsonObject& o)
{
    const QJsonValue version = o.value("quantscope_session");
    if (!version.isDouble() || version.toDouble() != kDocumentVersion)
        throw ArgumentError(version.isUndefined() ? "not a Quantscope session (missing \"quantscope_session\": 1)"
                                                  : "not a Quantscope session this version reads "
                                                    "(\"quantscope_session\" must be 1)");
    SessionDocument d;
    const QJsonObject data = objectField(o, "data", "");
    const std::string kind = stringField(data, "kind", "data.");
    if (kind == "generator") {
        d.kind = SessionDocument::DataKind::Generator;
        d.generator = stringField(data, "generator", "data.");
    } else if (kind == "file") {
        d.kind = SessionDocument::DataKind::File;
        d.file = stringField(data, "file", "data.");
        d.tensor = stringField(data, "tensor", "data.");
        if (data.contains("embedded"))
            d.embedded = embeddedTensor(objectField(data, "embedded", "data."));
    } else if (kind == "pasted") {
        d.kind = SessionDocument::DataKind::Pasted;
        d.pasted = stringField(data, "pasted", "data.");
    } else {
        bad("unknown data kind '" + kind + "'");
    }
    d.config = QuantConfig::fromJson(objectField(o, "config", ""));
    d.config.validate();
    const QJsonObject v = objectField(o, "view", "");
    d.plot = stringField(v, "plot", "view.", d.plot);
    d.logY = boolField(v, "log_y", "view.", d.logY);
    if (v.contains("channel"))
        d.channel = int(integerValue(v.value("channel"), "'view.channel'", 0, INT_MAX));
    // Sessions written before the Compare list was editable keep the default list.
    if (v.contains("compare")) {
        if (!v.value("compare").isArray())
            bad("view.compare is not a list of quantizer specs");
        std::vector<std::string> rows;
        const QJsonArray list = v.value("compare").toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!list[i].isString())
                bad("view.compare entry " + std::to_string(i + 1) + " is " + typeName(list[i]) +
                    ", not a quantizer spec such as \"int4 channel:0\"");
            rows.push_back(list[i].toString().toStdString());
        }
        d.compare = std::move(rows);
    }
    return d;
}

SettingsDocument parseSettingsDocument(const QJsonObject& document)
{
    SettingsDocument s;
    if (document.contains("quantscope_session")) {
        s.session = parseSessionDocument(document);
        s.config = s.session->config;
    } else {
        s.config = QuantConfig::fromJson(document);
    }
    return s;
}

} // namespace qs
