#include "mainwindow/screenshot.h"

#include "io/atomicfile.h"

#include <QApplication>
#include <QImage>
#include <QPixmap>
#include <QRegularExpression>
#include <QWidget>

namespace qs {

QSize parseSize(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    const QSize s(m.captured(1).toInt(), m.captured(2).toInt());
    if (s.width() < 100 || s.height() < 100 || s.width() > 10000 || s.height() > 10000)
        return {};
    return s;
}

QString saveWidgetScreenshot(QWidget* widget, const QString& path, const QSize& size)
{
    if (size.isValid())
        widget->resize(size);
    widget->show();
    // Let layouts settle and queued replots run before grabbing.
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    const QPixmap pixmap = widget->grab();
    // Atomic and checked (core/io/atomicfile.h): a failed write keeps the old file.
    AtomicFileDevice file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("cannot write %1: %2").arg(path, file.errorString());
    if (!pixmap.save(&file, "PNG"))
        return file.failure().isEmpty() ? QObject::tr("cannot encode PNG for %1").arg(path) : file.failure();
    if (!file.commit())
        return QObject::tr("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace qs
