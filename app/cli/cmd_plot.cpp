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
#include <limits>
#include <sstream>

namespace {

using qs::ArgumentError;

// Each side in pixels; beyond 10000 a raster figure needs more than 400 MB and
// QPainter cannot allocate one of 99999 x 99999 (it printed four warnings and
// wrote nothing). The GUI's --screenshot uses the same bound.
constexpr int kMinSide = 16, kMaxSide = 10000;

QSize parseSizeOption(const std::string& text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,9})x(\\d{1,9})$"));
    const auto m = re.match(QString::fromStdString(text));
    const std::string expected =
        " is not WxH with each side in " + std::to_string(kMinSide) + ".." + std::to_string(kMaxSide) + " pixels";
    if (!m.hasMatch())
        throw ArgumentError("--size '" + text + "'" + expected);
    const QSize size(m.captured(1).toInt(), m.captured(2).toInt());
    if (size.width() < kMinSide || size.width() > kMaxSide || size.height() < kMinSide || size.height() > kMaxSide)
        throw ArgumentError("--size '" + text + "'" + expected);
    return size;
}

int runPlot(const qs::cli::ArgParser& p);

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

namespace {

int runPlot(const qs::cli::ArgParser& p)
{
    if (!p.positional().empty())
        throw ArgumentError("unexpected argument '" + p.positional().front() + "'");
    const auto out = p.value("out");
    if (!out)
        throw ArgumentError("plot needs --out FILE.pdf|.svg|.png");
    qs::FigureKind kind = qs::FigureKind::Histogram;
    if (auto k = p.choice("kind"); k && !qs::parseFigureKind(QString::fromStdString(*k), kind))
        throw ArgumentError("--kind '" + *k + "': use one of " +
                            qs::figureKindNames().join(QStringLiteral(", ")).toStdString());
    // Checked before any work: a bad size must not cost a quantization first.
    const QSize size = p.value("size") ? parseSizeOption(*p.value("size")) : QSize(1200, 750);

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
    if (p.value("quantizer") && !p.value("config")) {
        // Named without a config, a quantizer starts from the defaults of
        // `quantize` (full range ...), so both commands agree on the same
        // options; the GUI example's narrow int8 is the figure of a bare
        // `plot`. (uint8 used to inherit 'narrow' and be refused.)
        const int bins = config.histogramBins;
        config = qs::QuantConfig{};
        config.histogramBins = bins;
    }
    qs::cli::applyQuantOptions(p, config);
    config.validate();
    if (p.flag("log-y"))
        view.logY = true;
    if (auto v = p.integer("channel"))
        view.channel = int(*v);

    qs::FigureInputs in = qs::computeMainInputs(x, config);
    // The Compare rows come from the settings JSON's view (the default list without one).
    qs::computeExtraInputs(kind, x, in, view.channel, nullptr, &view.compare);

    qs::FigureOptions o;
    o.size = size;
    // 1200 x 750 at 160 DPI: a 7.5 x 4.7 inch figure with 9-pt text in every
    // format (a page-wide figure of a report); --dpi 300 for a sharper PNG.
    o.dpi = p.number("dpi", 160);

    // Built at the size it is exported at, so the caption wraps and the legend fits there.
    QCustomPlot plot;
    plot.resize(qs::PlotExporter::layoutSize(o, size));
    qs::FigureStyle style;
    style.onScreen = false; // a file: no instruction for the mouse
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

} // namespace

qs::cli::CommandDef plotCommand()
{
    using qs::OptionType;
    using qs::cli::kGroupOutput;
    const char* const kFigure = "Figure";
    qs::cli::CommandDef c;
    c.name = "plot";
    c.usage = "plot --out FIG.pdf|svg|png [--config SETTINGS] [--kind KIND] [OPTIONS]";
    c.summary = "draw one of the explorer's figures, headless, exactly as the GUI shows it";
    c.options = qs::cli::inputOptionDefs(true);
    for (const qs::OptionDef& d : qs::cli::quantOptionDefs(qs::Session::defaultConfig()))
        c.options.push_back(d);
    qs::OptionDef kind = qs::makeOption("kind", OptionType::Choice, kFigure, "KIND", "the figure");
    int id = 0;
    for (const QString& name : qs::figureKindNames()) {
        qs::OptionChoice ch;
        ch.value = ch.label = name.toStdString();
        ch.id = id++;
        kind.choices.push_back(ch);
    }
    kind.defaultText = "histogram";
    qs::OptionDef channel = qs::makeOption("channel", OptionType::Integer, kFigure, "C",
                                           "channels: the channel (or block) whose histogram is shown");
    channel.integers = {0, std::numeric_limits<int>::max()};
    channel.defaultText = "0";
    c.options.push_back(kind);
    c.options.push_back(channel);
    c.options.push_back(qs::makeOption("log-y", OptionType::Flag, kFigure, "", "logarithmic count axis"));
    c.options.push_back(qs::makeOption("no-caption", OptionType::Flag, kFigure, "",
                                       "leave out the caption (data and settings under the figure)"));
    qs::OptionDef out = qs::makeOption("out", OptionType::OutputFile, kGroupOutput, "FILE",
                                       "the figure: .pdf, .svg or .png (required)");
    out.completion = "file";
    qs::OptionDef csv =
        qs::makeOption("csv", OptionType::OutputFile, kGroupOutput, "FILE", "also write the figure's numbers as CSV");
    csv.completion = "file";
    qs::OptionDef size = qs::makeOption("size", OptionType::Text, kGroupOutput, "WxH",
                                        "figure size in pixels, each side " + std::to_string(kMinSide) + ".." +
                                            std::to_string(kMaxSide));
    size.defaultText = "1200x750";
    qs::OptionDef dpi = qs::makeOption("dpi", OptionType::Number, kGroupOutput, "D",
                                       "dots per inch: sets the text size against the pixels (160: a 7.5-inch figure)");
    dpi.numbers = qs::NumberRange::closed(36, 2400);
    dpi.defaultText = "160";
    c.options.push_back(out);
    c.options.push_back(csv);
    c.options.push_back(size);
    c.options.push_back(dpi);
    c.examples = {{"plot --out fig.pdf", "the GUI's default example: 100,000 weights with outliers, int8"},
                  {"plot --config settings.json --kind transfer --out transfer.svg --csv transfer.csv",
                   "the transfer figure of settings exported from the GUI, with its numbers"}};
    c.run = runPlot;
    return c;
}
