// quantscope-cli: headless access to the Quantscope core.
// Exit status: 0 on success, 1 on an internal error, 2 on bad input (one line
// on stderr naming the problem). The commands and their options are tables
// (clicommon.h); this file dispatches, and answers help, --man and __complete.
#include "clicommon.h"

#include "../quietqt.h"

#include "formats/error.h"
#include "io/printable.h"

#include <QCoreApplication>
#include <QtGlobal>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace {

using qs::cli::Args;
using qs::cli::CommandDef;

bool isHelp(const std::string& a)
{
    return a == "--help" || a == "-h";
}

int fail(const std::string& where, const std::string& message, int status)
{
    // Messages quote file contents (names, keys, cells): control characters are
    // escaped so a file cannot write to the terminal or forge a second line.
    std::fprintf(stderr, "quantscope-cli%s%s: %s\n", where.empty() ? "" : " ", qs::printable(where).c_str(),
                 qs::printableMessage(message).c_str());
    return status;
}

// `help [COMMAND [SUBCOMMAND]]`
int help(const Args& words)
{
    if (words.empty()) {
        std::fputs(qs::cli::usageText().c_str(), stdout);
        return qs::cli::kExitOk;
    }
    const CommandDef* c = qs::cli::findCommand(words[0]);
    if (!c)
        return fail("help", "unknown command '" + qs::printable(words[0]) + "' (quantscope-cli --help lists them)", 2);
    std::string path = c->name;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const auto sub = std::find_if(c->subcommands.begin(), c->subcommands.end(),
                                      [&](const CommandDef& s) { return s.name == words[i]; });
        if (sub == c->subcommands.end())
            return fail("help", "'" + path + "' has no subcommand '" + words[i] + "'", 2);
        c = &*sub;
        path += " " + c->name;
    }
    std::fputs(qs::cli::commandHelp(*c, path).c_str(), stdout);
    return qs::cli::kExitOk;
}

int run(const CommandDef& command, const std::string& path, const Args& args)
{
    if (!command.subcommands.empty()) {
        if (args.empty())
            throw qs::ArgumentError("usage: " + command.usage + " (quantscope-cli help " + path + " lists them)");
        if (isHelp(args[0]))
            return help({path});
        const auto sub = std::find_if(command.subcommands.begin(), command.subcommands.end(),
                                      [&](const CommandDef& s) { return s.name == args[0]; });
        if (sub == command.subcommands.end())
            throw qs::ArgumentError("unknown " + path + " subcommand '" + args[0] + "'; usage: " + command.usage);
        return run(*sub, path + " " + sub->name, Args(args.begin() + 1, args.end()));
    }
    // Every command answers --help (and -h) before its parser would look at the rest.
    if (std::any_of(args.begin(), args.end(), isHelp)) {
        std::fputs(qs::cli::commandHelp(command, path).c_str(), stdout);
        return qs::cli::kExitOk;
    }
    const qs::cli::ArgParser parser(args, command.options);
    return command.run(parser);
}

} // namespace

int main(int argc, char** argv)
{
    qs::app::installQuietQtMessages(); // plot makes a QApplication
#ifdef QUANTSCOPE_HAVE_PLOT
    // `plot`, and `report --out`, draw figures with widgets: a QApplication (the rest start faster without one).
    bool figures = argc > 1 && std::string(argv[1]) == "plot";
    for (int i = 2; argc > 1 && std::string(argv[1]) == "report" && i < argc; ++i)
        figures = figures || std::string(argv[i]).rfind("--out", 0) == 0;
    std::unique_ptr<QCoreApplication> app(figures ? qs::cli::makePlotApplication(argc, argv)
                                                  : new QCoreApplication(argc, argv));
#else
    QCoreApplication app(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("quantscope-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Quantscope"));

    if (argc < 2) {
        std::fputs(qs::cli::usageText().c_str(), stderr);
        return qs::cli::kExitUsage;
    }
    const std::string name = argv[1];
    const Args rest(argv + 2, argv + argc);
    try {
        if (isHelp(name))
            return help({});
        if (name == "help")
            return help(rest);
        if (name == "--version" || name == "-v") {
            std::printf("quantscope-cli %s\n", QT_STRINGIFY(QUANTSCOPE_VERSION));
            return qs::cli::kExitOk;
        }
        if (name == "--man") { // the man pages, written at build time (packaging/CMakeLists.txt)
            if (rest.empty() || rest.size() > 2 || (rest[0] != "quantscope-cli" && rest[0] != "quantscope"))
                return fail("", "usage: --man quantscope-cli|quantscope [FILE]", qs::cli::kExitUsage);
            const std::string page = qs::cli::manPage(rest[0]);
            std::FILE* out = rest.size() == 2 ? std::fopen(rest[1].c_str(), "wb") : stdout;
            if (!out || std::fwrite(page.data(), 1, page.size(), out) != page.size() ||
                (out != stdout && std::fclose(out) != 0))
                return fail("", "cannot write " + (rest.size() == 2 ? rest[1] : std::string("the man page")),
                            qs::cli::kExitUsage);
            return qs::cli::kExitOk;
        }
        if (name == "__complete") // the shell completion's helper (complete.cpp)
            return qs::cli::complete(rest);
        const CommandDef* command = qs::cli::findCommand(name);
        if (!command)
            return fail("", "unknown command '" + qs::printable(name) + "' (try --help)", qs::cli::kExitUsage);
        try {
            return run(*command, name, rest);
        } catch (const qs::Error& e) {
            return fail(name, e.what(), qs::cli::kExitUsage);
        } catch (const std::bad_alloc&) {
            return fail(name, "out of memory", qs::cli::kExitUsage);
        } catch (const std::exception& e) {
            return fail(name, std::string("internal error: ") + e.what(), qs::cli::kExitInternal);
        }
    } catch (const std::exception& e) {
        return fail("", std::string("internal error: ") + e.what(), qs::cli::kExitInternal);
    }
}
