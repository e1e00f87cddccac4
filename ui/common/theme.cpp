#include "common/theme.h"

#include <QApplication>
#include <QStyle>

namespace qs {

namespace {

void fill(QPalette& p, QColor window, QColor text, QColor base, QColor altBase, QColor button, QColor highlight,
          QColor highlightedText, QColor mid)
{
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(g, QPalette::Window, window);
        p.setColor(g, QPalette::WindowText, text);
        p.setColor(g, QPalette::Base, base);
        p.setColor(g, QPalette::AlternateBase, altBase);
        p.setColor(g, QPalette::Text, text);
        p.setColor(g, QPalette::Button, button);
        p.setColor(g, QPalette::ButtonText, text);
        p.setColor(g, QPalette::Highlight, highlight);
        p.setColor(g, QPalette::HighlightedText, highlightedText);
        p.setColor(g, QPalette::ToolTipBase, button);
        p.setColor(g, QPalette::ToolTipText, text);
        p.setColor(g, QPalette::PlaceholderText, mid);
        p.setColor(g, QPalette::Mid, mid);
    }
    // Disabled text stays readable (a projector washes out light greys).
    p.setColor(QPalette::Disabled, QPalette::Window, window);
    p.setColor(QPalette::Disabled, QPalette::Base, base);
    p.setColor(QPalette::Disabled, QPalette::Button, button);
    p.setColor(QPalette::Disabled, QPalette::WindowText, mid);
    p.setColor(QPalette::Disabled, QPalette::Text, mid);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, mid);
}

} // namespace

QPalette themePalette(bool dark, bool highContrast)
{
    QPalette p = QApplication::style()->standardPalette();
    if (dark && highContrast)
        fill(p, Qt::black, Qt::white, Qt::black, QColor(30, 30, 30), QColor(25, 25, 25), QColor(255, 200, 0), Qt::black,
             QColor(170, 170, 170));
    else if (dark)
        fill(p, QColor(37, 37, 40), QColor(230, 230, 230), QColor(25, 25, 28), QColor(45, 45, 50), QColor(50, 50, 55),
             QColor(60, 120, 220), Qt::white, QColor(140, 140, 140));
    else if (highContrast)
        fill(p, Qt::white, Qt::black, Qt::white, QColor(235, 235, 235), QColor(230, 230, 230), QColor(0, 50, 160),
             Qt::white, QColor(90, 90, 90));
    return p;
}

} // namespace qs
