#pragma once
// The main window: a set of named views (tabs). Views are registered by name
// so `quantscope --screenshot FILE --view NAME` and lessons can bring any of
// them to the front.
#include <QMainWindow>
#include <QStringList>

class QTabWidget;

namespace qs {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    QStringList viewNames() const;
    // Brings the named view to the front; false if there is no such view.
    bool showView(const QString& name);
    QString currentViewName() const;

private:
    void addView(const QString& name, QWidget* view, const QString& title, const QString& toolTip);
    void createMenus();

    QTabWidget* m_tabs = nullptr;
    QStringList m_viewNames;
};

} // namespace qs
