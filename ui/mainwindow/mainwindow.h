#pragma once
// The main window: a set of named views (tabs). Views are registered by name
// so `quantscope --screenshot FILE --view NAME` and lessons can bring any of
// them to the front.
#include <QMainWindow>
#include <QStringList>

class QTabWidget;

namespace qs {

class AppActions;
class BitLabView;
class ExplorerView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    QStringList viewNames() const;
    // Brings the named view to the front; false if there is no such view.
    bool showView(const QString& name);
    QString currentViewName() const;

    ExplorerView* explorer() const { return m_explorer; }
    BitLabView* bitLab() const { return m_bitLab; }
    // The widget of a registered view (nullptr if none), e.g. for lessons.
    QWidget* view(const QString& name) const;
    AppActions* actions() const { return m_actions; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void addView(const QString& name, QWidget* view, const QString& title, const QString& toolTip);
    void createMenus();
    void restoreLayout(); // window geometry and dock layout from QSettings

    QTabWidget* m_tabs = nullptr;
    QStringList m_viewNames;
    ExplorerView* m_explorer = nullptr;
    BitLabView* m_bitLab = nullptr;
    AppActions* m_actions = nullptr;
};

} // namespace qs
