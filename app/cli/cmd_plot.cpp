// quantscope-cli plot: the explorer's figures, headless. Reads the settings
// JSON the GUI exports (File > Export Settings, or a .qscope session) or takes
// the quantize options, computes the figure data with the same functions as
// the GUI's worker (ui/plots/figuredata.h) and draws it with the same builders
// (ui/plots/figures.h), so the exported figure equals the one on screen.
// Compiled only with QUANTSCOPE_BUILD_GUI (it needs the widget library).
#include "clicommon.h"

#include "common/plotexporter.h"
#include "formats/error.h"
#include "io/sessionfile.h"
#include "io/tensorsource.h"
#include "plots/figuredata.h"
#include "plots/figures.h"
#include "session/session.h"

#include <QApplication>
#include <QJsonDocument>
#include <QRegularExpression>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace {

using qs::ArgumentError;

QSize parseSizeOption(const std::string& text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
    const auto m = re.match(QString::fromStdString(text));
    if (!m.hasMatch())
        throw ArgumentError("--size '" + text + "' is not WxH");
    return {m.captured(1).toInt(), m.captured(2).toInt()};
}

} // namespace

namespace qs::cli {

QCoreApplication* makePlotApplication(int& argc, char** argv)
{
    // Figures are drawn with widgets but never shown: no display is needed.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return new QApplication(argc, argv);
}

} // namespace qs::cli

int cmdPlot(const qs::cli::Args& args)
{
    const qs::cli::ArgParser p(args, {"log-y", "scaled", "no-caption"},
                               {"config", "kind", "out", "csv", "size", "dpi", "channel", "values", "generate", "input",
                                "quantizer", "scheme", "range", "convention", "granularity", "calibration", "rounding",
                                "bins"});
    const auto out = p.value("out");
    if (!out)
        throw ArgumentError("plot needs --out FILE.pdf|.svg|.png");
    qs::FigureKind kind = qs::FigureKind::Histogram;
    if (auto k = p.value("kind"); k && !qs::parseFigureKind(QString::fromStdString(*k), kind))
        throw ArgumentError("--kind '" + *k + "': use one of " +
                            qs::figureKindNames().join(QStringLiteral(", ")).toStdString());

    qs::DataSource source = qs::Session::defaultDataSource();
    qs::QuantConfig config = qs::Session::defaultConfig();
    qs::ViewState view;
    qs::Tensor x;
    bool haveData = false;
    if (auto c = p.value("config")) {
        // A regular file of bounded size, strict JSON (core/io/sessionfile.h).
        const QJsonObject doc = qs::readJsonObjectFile(*c, "settings JSON");
        if (doc.contains(QStringLiteral("quantscope_session"))) {
            qs::Session::parseDocument(doc, source, config, view, x);
            haveData = true;
        } else {
            config = qs::QuantConfig::fromJson(doc); // a bare QuantConfig
        }
    }
    const int sources =
        int(p.value("values").has_value()) + int(p.value("generate").has_value()) + int(p.value("input").has_value());
    if (sources > 1)
        throw ArgumentError("give at most one of --values, --generate, --input");
    if (auto v = p.value("values")) {
        source = {};
        source.kind = qs::DataSource::Kind::Pasted;
        source.pasted = QString::fromStdString(*v);
        x = qs::Tensor::fromVector(qs::cli::parseValueList(*v));
        haveData = true;
    } else if (auto g = p.value("generate")) {
        source = {};
        source.kind = qs::DataSource::Kind::Generator;
        source.generator = QString::fromStdString(*g);
        x = qs::generateTensor(*g);
        haveData = true;
    } else if (auto i = p.value("input")) {
        source = {};
        source.kind = qs::DataSource::Kind::File;
        const auto [file, tensor] = qs::splitFileAndTensor(*i);
        source.file = QString::fromStdString(file);
        source.tensor = QString::fromStdString(tensor);
        x = qs::loadTensor(*i);
        haveData = true;
    }
    if (!haveData)
        x = qs::Session::loadSource(source);
    if (auto v = p.value("quantizer")) {
        if (!p.value("config")) {
            // Named without a config, a quantizer starts from the defaults of
            // `quantize` (full range ...), so both commands agree on the same
            // options; the GUI example's narrow int8 is the figure of a bare
            // `plot`. (uint8 used to inherit 'narrow' and be refused.)
            const int bins = config.histogramBins;
            config = qs::QuantConfig{};
            config.histogramBins = bins;
        }
        config.setQuantizer(*v);
    }
    if (auto v = p.value("scheme"))
        config.scheme = qs::parseScheme(*v);
    if (auto v = p.value("range"))
        config.range = qs::parseRange(*v);
    if (auto v = p.value("convention"))
        config.convention = qs::parseConvention(*v);
    if (auto v = p.value("granularity"))
        config.granularity = qs::Granularity::parse(*v);
    if (auto v = p.value("calibration"))
        config.calibration = qs::CalibrationSpec::parse(*v);
    if (auto v = p.value("rounding"))
        config.rounding = qs::Rounding::parse(*v);
    if (auto v = p.value("bins"))
        config.histogramBins = int(qs::cli::parseNumber(*v, "bins"));
    if (p.flag("scaled"))
        config.formatScaled = true;
    config.validate();
    if (p.flag("log-y"))
        view.logY = true;
    if (auto v = p.value("channel"))
        view.channel = int(qs::cli::parseNumber(*v, "channel"));

    qs::FigureInputs in = qs::computeMainInputs(x, config);
    // The Compare rows come from the settings JSON's view (the default list without one).
    qs::computeExtraInputs(kind, x, in, view.channel, nullptr, &view.compare);

    const QSize size = p.value("size") ? parseSizeOption(*p.value("size")) : QSize(1200, 750);
    qs::FigureOptions o;
    o.size = size;
    // 1200 x 750 at 160 DPI: a 7.5 x 4.7 inch figure with 9-pt text in every
    // format (a page-wide figure of a report); --dpi 300 for a sharper PNG.
    o.dpi = p.value("dpi") ? qs::cli::parseNumber(*p.value("dpi"), "dpi") : 160;
    if (!(o.dpi >= 36 && o.dpi <= 2400))
        throw ArgumentError("--dpi must be between 36 and 2400");

    // Built at the size it is exported at, so the caption wraps and the legend fits there.
    QCustomPlot plot;
    plot.resize(qs::PlotExporter::layoutSize(o, size));
    qs::FigureStyle style;
    style.logY = view.logY;
    const QString dataLabel =
        QStringLiteral("%1 %2").arg(source.describe(), QString::fromStdString(qs::Tensor::shapeString(x.shape())));
    if (!p.flag("no-caption"))
        style.caption = qs::figureCaption(*in.result, dataLabel);
    qs::buildFigure(&plot, kind, in, x, style);
    plot.replot();

    o.title = qs::figureKindName(kind);
    o.description = style.caption;
    const QString error = qs::PlotExporter::exportPlot(&plot, QString::fromStdString(*out), o);
    if (!error.isEmpty())
        throw ArgumentError(error.toStdString());
    if (auto csv = p.value("csv")) {
        QString e;
        if (!qs::writeFigureCsv(&plot, QString::fromStdString(*csv), &e))
            throw ArgumentError(e.toStdString());
    }
    qs::cli::printLine("wrote " + *out + "  (" + qs::figureKindName(kind).toStdString() + ", " + config.summary() +
                       ")");
    return qs::cli::kExitOk;
}
