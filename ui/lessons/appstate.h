#pragma once
// Applies an app state object (docs/appstate.md) to the running main window:
// lessons and the quiz's "show me" put the app into a state through the same
// undoable entry points a user's clicks use.
#include <QJsonObject>
#include <QString>

namespace qs {

class MainWindow;
struct QuantConfig;

// Validates the whole state first; on a bad state returns false with a
// one-line reason in *error and changes nothing.
bool applyAppState(MainWindow& window, const QJsonObject& state, QString* error = nullptr);

// The explorer config a state's "config" object means: keys not given take
// Session::defaultConfig()'s values; when the object names a quantizer, the
// granularity and range it does not give are that quantizer's own defaults
// (block 64 for nf4, block 32 for MX/ggml; narrow range only for intN).
// Throws qs::Error on a bad config.
QuantConfig appStateConfig(const QJsonObject& config);

} // namespace qs
