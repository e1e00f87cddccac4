#include "help/helpwindow.h"

#include "lessons/glossary.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QPointer>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <QWhatsThis>

namespace qs {

namespace {

QString entryHtml(const GlossaryEntry& e, const QString& lang)
{
    QString html = QStringLiteral("<h2>%1</h2><p>%2</p>").arg(e.term.text(lang).toHtmlEscaped(),
                                                            e.text.text(lang).toHtmlEscaped());
    if (!e.see.isEmpty()) {
        QStringList links;
        for (const QString& id : e.see)
            if (const GlossaryEntry* other = embeddedGlossary().find(id))
                links << QStringLiteral("<a href='glossary:%1'>%2</a>").arg(id, other->term.text(lang).toHtmlEscaped());
        html += QStringLiteral("<p><i>%1</i> %2</p>")
                    .arg(GlossaryDialog::tr("See also:"), links.join(QStringLiteral(", ")));
    }
    return html;
}

} // namespace

GlossaryDialog::GlossaryDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("glossaryDialog"));
    setWindowTitle(tr("Glossary"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("glossarySearch"));
    m_search->setPlaceholderText(tr("Search the glossary (SQNR, zero point, fnuz …)"));
    m_search->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("glossaryList"));
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("glossaryText"));
    m_text->setOpenLinks(false);
    QFont f = m_text->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    m_text->setFont(f);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* split = new QHBoxLayout;
    split->addWidget(m_list, 1);
    split->addWidget(m_text, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addLayout(split, 1);
    layout->addWidget(buttons);
    resize(820, 480);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &GlossaryDialog::fill);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item)
            showEntry(item->data(Qt::UserRole).toString());
    });
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("glossary")) {
            m_search->clear();
            showEntry(url.path());
        }
    });
    QString error;
    embeddedGlossary(&error);
    fill(QString());
    if (!error.isEmpty())
        m_text->setPlainText(error);
    else if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void GlossaryDialog::fill(const QString& filter)
{
    const QString lang = lessonLanguage();
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const GlossaryEntry& e : embeddedGlossary().entries) {
        const QString term = e.term.text(lang);
        if (!filter.isEmpty() && !term.contains(filter, Qt::CaseInsensitive) &&
            !e.text.text(lang).contains(filter, Qt::CaseInsensitive))
            continue;
        auto* item = new QListWidgetItem(term, m_list);
        item->setData(Qt::UserRole, e.id);
        if (e.id == m_current)
            m_list->setCurrentItem(item);
    }
}

bool GlossaryDialog::showEntry(const QString& id)
{
    const GlossaryEntry* e = embeddedGlossary().find(id);
    if (!e)
        return false;
    m_current = id;
    m_text->setHtml(entryHtml(*e, lessonLanguage()));
    const QSignalBlocker block(m_list);
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(i);
    return true;
}

QString glossaryEntryFor(const QWidget* widget)
{
    for (const QWidget* w = widget; w; w = w->parentWidget())
        if (const GlossaryEntry* e = embeddedGlossary().forControl(w->objectName()); e && !w->objectName().isEmpty())
            return e->id;
    return QString();
}

int applyWhatsThis(QWidget* root)
{
    const QString lang = lessonLanguage();
    int count = 0;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (w->objectName().isEmpty())
            continue;
        if (const GlossaryEntry* e = embeddedGlossary().forControl(w->objectName())) {
            w->setWhatsThis(QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                                .arg(e->term.text(lang).toHtmlEscaped(), e->text.text(lang).toHtmlEscaped(),
                                     GlossaryDialog::tr("F1 opens the glossary.")));
            ++count;
        }
    }
    return count;
}

GlossaryDialog* showGlossary(QWidget* parent, const QString& id)
{
    auto* dialog = parent ? parent->findChild<GlossaryDialog*>() : nullptr;
    if (!dialog)
        dialog = new GlossaryDialog(parent);
    if (!id.isEmpty())
        dialog->showEntry(id);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QDialog* showUserGuide(QWidget* parent)
{
    QDialog* dialog = parent ? parent->findChild<QDialog*>(QStringLiteral("userGuide")) : nullptr;
    if (!dialog) {
        dialog = new QDialog(parent);
        dialog->setObjectName(QStringLiteral("userGuide"));
        dialog->setWindowTitle(GlossaryDialog::tr("User guide"));
        auto* text = new QTextBrowser(dialog);
        text->setObjectName(QStringLiteral("userGuideText"));
        QFont f = text->font();
        f.setPointSizeF(f.pointSizeF() * 1.2);
        text->setFont(f);
        text->setHtml(embeddedGlossary().guide.text(lessonLanguage()));
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(text);
        layout->addWidget(buttons);
        dialog->resize(760, 520);
    }
    dialog->show();
    dialog->raise();
    return dialog;
}

void installHelp(QMainWindow* window, QMenu* help)
{
    QAction* glossary = help->addAction(GlossaryDialog::tr("&Glossary"), window, [window] {
        showGlossary(window, glossaryEntryFor(QApplication::focusWidget()));
    });
    glossary->setObjectName(QStringLiteral("glossaryAction"));
    glossary->setShortcut(QKeySequence::HelpContents);
    glossary->setToolTip(GlossaryDialog::tr("The course's jargon explained; F1 opens the entry of the focused control"));
    QAction* guide = help->addAction(GlossaryDialog::tr("&User guide"), window, [window] { showUserGuide(window); });
    guide->setObjectName(QStringLiteral("userGuideAction"));
    QAction* whatsThis = QWhatsThis::createAction(window);
    whatsThis->setText(GlossaryDialog::tr("&What's This?"));
    help->addAction(whatsThis);
    help->addSeparator();
    applyWhatsThis(window);
}

} // namespace qs
