// quantscope-cli: headless access to the Quantscope core.
// Exit status: 0 on success, 2 on bad input (one line on stderr naming the problem).
#include "clicommon.h"

#include "formats/error.h"
#include "io/printable.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <memory>

namespace {

struct Command
{
    std::function<int(const qs::cli::Args&)> run;
    const char* synopsis;
};

const std::map<std::string, Command>& commands()
{
    static const std::map<std::string, Command> table = {
        {"format", {cmdFormat, "format SPEC [--json]                     properties of a number format"}},
        {"encode", {cmdEncode, "encode SPEC VALUE [--rounding MODE] [--saturate] [--json]"}},
        {"decode",
         {cmdDecode, "decode SPEC BITS [--json]                value of a bit pattern (0/1 digits or 0x hex)"}},
        {"explain", {cmdExplain, "explain SPEC VALUE [--rounding MODE] [--json]  step-by-step conversion"}},
        {"quantize", {cmdQuantize, "quantize (--values V | --generate G | --input F) [options] [--json]"}},
        {"bench", {cmdBench, "bench [--n N] [--json]                   time every core stage"}},
#ifdef QUANTSCOPE_HAVE_PLOT
        {"plot",
         {cmdPlot, "plot [--config settings.json] [quantize options] --kind KIND --out FIG.pdf|svg|png [--size WxH "
                   "(pixels, default 1200x750)] [--dpi D (default 160: a 7.5-inch figure)] [--csv DATA.csv]"}},
#endif
        {"info", {cmdInfo, "info FILE [--json]                       tensors in a .npy/.safetensors/.csv file"}},
        {"model", {cmdModel, "model train|ptq|qat|intlayer|outliers|memory [options] [--json]  the Model Lab"}},
    };
    return table;
}

void printUsage(std::FILE* to)
{
    std::fprintf(to, "usage: quantscope-cli COMMAND [ARGS]\n\ncommands:\n");
    for (const auto& [name, cmd] : commands())
        std::fprintf(to, "  %s\n", cmd.synopsis);
    std::fprintf(to, "\nFormat specs: fp64 fp32 fp16 bf16 tf32 fp8-e4m3 fp8-e4m3fnuz fp8-e5m2 fp8-e5m2fnuz fp6-e2m3\n"
                     "  fp6-e3m2 fp4-e2m1 e8m0, eXmY[,bias=B][,special=ieee|fn|fnuz|finite][,subnormals=on|off],\n"
                     "  ufixI.F, sfixI.F, intN, uintN.\n"
                     "Rounding modes: nearest-even nearest-away toward-zero toward-positive toward-negative "
                     "stochastic[:SEED]\n");
}

} // namespace

int main(int argc, char** argv)
{
#ifdef QUANTSCOPE_HAVE_PLOT
    std::unique_ptr<QCoreApplication> app(argc > 1 && std::string(argv[1]) == "plot"
                                              ? qs::cli::makePlotApplication(argc, argv)
                                              : new QCoreApplication(argc, argv));
#else
    QCoreApplication app(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("quantscope-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Quantscope"));

    if (argc < 2) {
        printUsage(stderr);
        return qs::cli::kExitUsage;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        printUsage(stdout);
        return qs::cli::kExitOk;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) {
        std::fprintf(stderr, "quantscope-cli: unknown command '%s' (try --help)\n", qs::printable(name).c_str());
        return qs::cli::kExitUsage;
    }
    qs::cli::Args args(argv + 2, argv + argc);
    // Every command answers --help (and -h) the same way, before its own option
    // scanner would reject it as an unknown option.
    if (std::any_of(args.begin(), args.end(), [](const std::string& a) { return a == "--help" || a == "-h"; })) {
        std::printf("usage: quantscope-cli %s\n", it->second.synopsis);
        return qs::cli::kExitOk;
    }
    try {
        return it->second.run(args);
    } catch (const qs::Error& e) {
        // Messages quote file contents (names, keys, cells): control characters
        // are escaped so a file cannot write to the terminal or forge a line.
        std::fprintf(stderr, "quantscope-cli %s: %s\n", name.c_str(), qs::printableMessage(e.what()).c_str());
        return qs::cli::kExitUsage;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "quantscope-cli %s: out of memory\n", name.c_str());
        return qs::cli::kExitUsage;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "quantscope-cli %s: internal error: %s\n", name.c_str(),
                     qs::printableMessage(e.what()).c_str());
        return 1;
    }
}
