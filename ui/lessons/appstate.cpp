#include "lessons/appstate.h"

#include "bitlab/bitlabview.h"
#include "bitlab/valuepanel.h"
#include "explorer/explorerview.h"
#include "formats/error.h"
#include "formats/numberformat.h"
#include "mainwindow/mainwindow.h"
#include "model/memory.h"
#include "plots/figuredata.h"
#include "quant/quantoptions.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QTabWidget>
#include <QUndoStack>

#include <optional>

namespace qs {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("qs::AppState", text);
}

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

// "0x3c00", "0b0011…" or a decimal integer.
std::optional<std::uint64_t> parseCode(const QString& text)
{
    const QString t = text.trimmed().toLower().remove(QLatin1Char('_')).remove(QLatin1Char(' '));
    bool ok = false;
    std::uint64_t v = 0;
    if (t.startsWith(QLatin1String("0x")))
        v = t.mid(2).toULongLong(&ok, 16);
    else if (t.startsWith(QLatin1String("0b")))
        v = t.mid(2).toULongLong(&ok, 2);
    else
        v = t.toULongLong(&ok, 10);
    return ok ? std::optional<std::uint64_t>(v) : std::nullopt;
}

bool invokeSubView(QWidget* view, const QString& sub)
{
    bool ok = false;
    const bool called = QMetaObject::invokeMethod(view, "showSubView", Qt::DirectConnection, Q_RETURN_ARG(bool, ok),
                                                  Q_ARG(QString, sub));
    return called && ok;
}

bool hasSubView(QWidget* view)
{
    return view && view->metaObject()->indexOfMethod("showSubView(QString)") >= 0;
}

} // namespace

QuantConfig appStateConfig(const QJsonObject& config)
{
    // The keys are read by the quantization options table (quant/quantoptions.h),
    // as a session's config is; keys not given keep the example's defaults.
    QuantConfig c = Session::defaultConfig();
    QJsonObject rest = config;
    if (config.contains(QLatin1String("quantizer"))) {
        // A named quantizer brings its own granularity and range unless the state gives them.
        c.granularity = Granularity{};
        findQuantOption("quantizer")->setJson(c, config.value(QLatin1String("quantizer")));
        if (!(c.kind == QuantizerKind::Uniform && c.isSigned))
            c.range = QuantRange::Full;
        rest.remove(QLatin1String("quantizer"));
    }
    applyQuantJson(c, rest);
    c.validate();
    return c;
}

bool applyAppState(MainWindow& window, const QJsonObject& state, QString* error)
{
    static const QStringList known = {QStringLiteral("view"),    QStringLiteral("data"),  QStringLiteral("config"),
                                      QStringLiteral("plot"),    QStringLiteral("log_y"), QStringLiteral("bitlab"),
                                      QStringLiteral("modellab")};
    for (auto it = state.begin(); it != state.end(); ++it)
        if (!known.contains(it.key()))
            return fail(error, tr("unknown app state key '%1'").arg(it.key()));

    // 1. Validate everything; nothing is changed before all parts are known to be good.
    QString viewName, subView;
    if (state.contains(QLatin1String("view"))) {
        const QString v = state.value(QLatin1String("view")).toString();
        viewName = v.section(QLatin1Char('/'), 0, 0);
        subView = v.section(QLatin1Char('/'), 1);
        if (!window.viewNames().contains(viewName))
            return fail(error, tr("unknown view '%1' (%2)").arg(v, window.viewNames().join(QStringLiteral(", "))));
        if (!subView.isEmpty() && !hasSubView(window.view(viewName)))
            return fail(error, tr("the view '%1' has no sub-pages").arg(viewName));
    }

    std::optional<DataSource> source;
    Tensor tensor;
    if (state.contains(QLatin1String("data"))) {
        const QJsonObject d = state.value(QLatin1String("data")).toObject();
        DataSource s;
        if (d.contains(QLatin1String("generator"))) {
            s.kind = DataSource::Kind::Generator;
            s.generator = d.value(QLatin1String("generator")).toString();
        } else if (d.contains(QLatin1String("pasted"))) {
            s.kind = DataSource::Kind::Pasted;
            s.pasted = d.value(QLatin1String("pasted")).toString();
        } else {
            return fail(error, tr("app state 'data' needs a 'generator' or 'pasted' key"));
        }
        try {
            tensor = Session::loadSource(s);
        } catch (const Error& e) {
            return fail(error, tr("bad data: %1").arg(QString::fromUtf8(e.what())));
        }
        source = s;
    }

    std::optional<QuantConfig> config;
    if (state.contains(QLatin1String("config"))) {
        if (!state.value(QLatin1String("config")).isObject())
            return fail(error, tr("app state 'config' must be an object"));
        try {
            config = appStateConfig(state.value(QLatin1String("config")).toObject());
        } catch (const Error& e) {
            return fail(error, tr("invalid quantizer: %1").arg(QString::fromUtf8(e.what())));
        }
    }

    ExplorerView* explorer = window.explorer();
    ViewState viewState = explorer->session()->view();
    if (state.contains(QLatin1String("plot"))) {
        FigureKind kind;
        const QString plot = state.value(QLatin1String("plot")).toString();
        if (!parseFigureKind(plot, kind))
            return fail(error, tr("unknown plot '%1' (%2)").arg(plot, figureKindNames().join(QStringLiteral(", "))));
        viewState.plot = plot;
    }
    if (state.contains(QLatin1String("log_y"))) {
        if (!state.value(QLatin1String("log_y")).isBool())
            return fail(error, tr("app state 'log_y' must be true or false"));
        viewState.logY = state.value(QLatin1String("log_y")).toBool();
    }

    const QJsonObject bit = state.value(QLatin1String("bitlab")).toObject();
    std::optional<NumberFormat> bitFormat;
    std::optional<std::uint64_t> bitCode;
    if (bit.contains(QLatin1String("format"))) {
        try {
            bitFormat = parseFormat(bit.value(QLatin1String("format")).toString().toStdString());
        } catch (const Error& e) {
            return fail(error, tr("bad Bit Lab format: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    if (bit.contains(QLatin1String("value")) && !ValuePanel::parseNumber(bit.value(QLatin1String("value")).toString()))
        return fail(error, tr("Bit Lab value '%1' is not a number").arg(bit.value(QLatin1String("value")).toString()));
    if (bit.contains(QLatin1String("code"))) {
        bitCode = parseCode(bit.value(QLatin1String("code")).toString());
        if (!bitCode)
            return fail(
                error,
                tr("Bit Lab code '%1' is not 0x…, 0b… or an integer").arg(bit.value(QLatin1String("code")).toString()));
    }
    const QString bitTab = bit.value(QLatin1String("tab")).toString();
    if (bit.contains(QLatin1String("tab")) && !window.bitLab()->subTabs()->findChild<QWidget*>(bitTab))
        return fail(error, tr("the Bit Lab has no tab '%1'").arg(bitTab));

    const QJsonObject model = state.value(QLatin1String("modellab")).toObject();
    QWidget* modelLab = window.view(QStringLiteral("modellab"));
    if (!model.isEmpty() && !hasSubView(modelLab))
        return fail(error, tr("the Model Lab is not available in this build"));
    const QString modelPage = model.value(QLatin1String("show")).toString();
    if (!modelPage.isEmpty() && !modelLab->findChild<QWidget*>(modelPage))
        return fail(error, tr("the Model Lab has no page '%1'").arg(modelPage));
    // Page settings (the memory page's "preset" and "format"): checked here, applied below.
    QJsonObject modelSettings = model;
    modelSettings.remove(QLatin1String("show"));
    modelSettings.remove(QLatin1String("run"));
    if (!modelSettings.isEmpty()) {
        if (modelPage != QLatin1String("memory"))
            return fail(error, tr("Model Lab settings need \"show\": \"memory\""));
        const QString preset = modelSettings.value(QLatin1String("preset")).toString();
        bool known = preset.isEmpty() || preset == QLatin1String("qlora") || preset == QLatin1String("qlora-full");
        for (const ModelPreset& p : modelPresets())
            known = known || QString::fromStdString(p.name) == preset;
        if (!known)
            return fail(error, tr("unknown model preset '%1'").arg(preset));
        for (auto it = modelSettings.begin(); it != modelSettings.end(); ++it)
            if (it.key() != QLatin1String("preset") && it.key() != QLatin1String("format"))
                return fail(error, tr("unknown memory setting '%1' (preset, format)").arg(it.key()));
        if (modelSettings.contains(QLatin1String("format"))) {
            try {
                StorageFormat::parse(modelSettings.value(QLatin1String("format")).toString().toStdString());
            } catch (const Error& e) {
                return fail(error, tr("bad weight format: %1").arg(QString::fromUtf8(e.what())));
            }
        }
    }

    // 2. Apply, each part through its undoable entry point.
    Session* session = explorer->session();
    // One undo step for the explorer part, and none at all when it does not change.
    const bool explorerChanges = source || (config && *config != session->config()) || !(viewState == session->view());
    if (explorerChanges) {
        session->undoStack()->beginMacro(tr("Lesson step"));
        if (source)
            session->setDataSource(*source, tr("Lesson data"));
        if (config)
            session->setConfig(*config, tr("Lesson settings"));
        session->setView(viewState, tr("Lesson view"));
        session->undoStack()->endMacro();
    }
    if (state.contains(QLatin1String("plot"))) {
        FigureKind kind;
        parseFigureKind(viewState.plot, kind);
        explorer->showPlot(kind);
    }

    BitLabView* lab = window.bitLab();
    if (bitFormat)
        lab->setFormat(*bitFormat);
    if (bit.contains(QLatin1String("value")))
        lab->enterValue(bit.value(QLatin1String("value")).toString());
    if (bitCode)
        lab->setCode(*bitCode);
    if (!bitTab.isEmpty())
        lab->showSubTab(bitTab);

    if (!model.isEmpty()) {
        const QString show = model.value(QLatin1String("show")).toString();
        if (!show.isEmpty() && !invokeSubView(modelLab, show))
            return fail(error, tr("the Model Lab has no page '%1'").arg(show));
        if (!modelSettings.isEmpty()) {
            bool ok = false;
            QMetaObject::invokeMethod(modelLab, "configureSubView", Qt::DirectConnection, Q_RETURN_ARG(bool, ok),
                                      Q_ARG(QString, show), Q_ARG(QJsonObject, modelSettings));
            if (!ok)
                return fail(error, tr("the Model Lab refused the settings of page '%1'").arg(show));
        }
        if (model.value(QLatin1String("run")).toBool())
            QMetaObject::invokeMethod(modelLab, "runSubView", Qt::DirectConnection, Q_ARG(QString, show));
    }

    if (!viewName.isEmpty()) {
        window.showView(viewName);
        if (!subView.isEmpty() && !invokeSubView(window.view(viewName), subView))
            return fail(error, tr("the view '%1' has no page '%2'").arg(viewName, subView));
    }
    return true;
}

} // namespace qs
