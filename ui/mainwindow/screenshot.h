#pragma once
#include <QSize>
#include <QString>

class QWidget;

namespace qs {

// Renders a widget (normally the main window) into a PNG at the given size,
// written atomically. Works on the offscreen platform. Returns an error message,
// empty on success.
QString saveWidgetScreenshot(QWidget* widget, const QString& path, const QSize& size);

// Parses "WxH" (e.g. "1600x1000"); returns an invalid size on bad input.
QSize parseSize(const QString& text);

} // namespace qs
