// The hidden `__complete` command behind the bash and zsh completions
// (packaging/quantscope-cli.bash, packaging/_quantscope-cli): given the words
// after the program name, the last one being completed, it prints the
// candidates one per line, read from the same command and option tables as the
// parser. Two directive lines tell the shell script what else to do:
//   @file     also complete file names
//   @nospace  do not add a space after the candidate (it continues: "percentile:", "normal,")
#include "clicommon.h"

#include "../gui/guioptions.h"
#include "formats/numberformat.h"
#include "io/generators.h"
#include "io/tensorsource.h"

#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <set>

namespace qs::cli {

namespace {

struct Out
{
    std::string prefix; // what the word has before the part being completed ("--quantizer=", "file:")
    std::string cur;    // the part being completed
    std::vector<std::string> words;
    bool file = false;
    bool nospace = false;

    void add(const std::string& w)
    {
        if (w.rfind(cur, 0) == 0)
            words.push_back(prefix + w);
    }
    int print() const
    {
        if (file)
            std::puts("@file");
        bool glued = nospace;
        for (const std::string& w : words)
            glued = glued || (!w.empty() && (w.back() == ':' || w.back() == ',' || w.back() == '='));
        if (glued)
            std::puts("@nospace");
        for (const std::string& w : words)
            std::puts(w.c_str());
        return kExitOk;
    }
};

bool readableFile(const std::string& path)
{
    const QFileInfo f(QString::fromStdString(path));
    return f.isFile() && f.isReadable();
}

// FILE or FILE:TENSOR: after a ':' that follows a readable file, the tensor names of that file.
void completeTensorFile(Out& out)
{
    const std::string word = out.cur;
    for (std::size_t colon = word.find(':'); colon != std::string::npos; colon = word.find(':', colon + 1)) {
        const std::string file = word.substr(0, colon);
        if (!readableFile(file))
            continue;
        std::vector<std::string> names;
        try {
            names = listTensorNames(file);
        } catch (const std::exception&) {
            return; // not a tensor file: nothing to offer
        }
        out.prefix += file + ":";
        out.cur = word.substr(colon + 1);
        for (const std::string& n : names)
            out.add(n);
        return;
    }
    if (readableFile(word)) {
        // A complete file name: offer its tensors when it has several.
        try {
            const std::vector<std::string> names = listTensorNames(word);
            if (names.size() > 1) {
                for (const std::string& n : names)
                    out.words.push_back(out.prefix + word + ":" + n);
                return;
            }
        } catch (const std::exception&) {
        }
    }
    out.file = true;
}

void completeGenerator(Out& out)
{
    const std::string word = out.cur;
    const auto comma = word.rfind(',');
    if (comma == std::string::npos) {
        for (const GeneratorInfo& g : generators())
            out.add(g.name + ",");
        return;
    }
    const std::string kind = word.substr(0, word.find(','));
    out.prefix += word.substr(0, comma + 1);
    out.cur = word.substr(comma + 1);
    for (const GeneratorInfo& g : generators())
        if (g.name == kind)
            for (const std::string& key : g.keys)
                out.add(key + "=");
}

void completeValue(const OptionDef& d, const std::string& completion, Out& out)
{
    if (completion == "file") {
        out.file = true;
    } else if (completion == "tensor-file") {
        completeTensorFile(out);
    } else if (completion == "generator") {
        completeGenerator(out);
    } else if (completion == "format") {
        for (const std::string& f : presetFormatNames())
            out.add(f);
        for (const char* f : {"int8", "uint8", "int4", "ufix8.8", "sfix8.8", "e4m3", "e5m2"})
            out.add(f);
    } else {
        for (const std::string& w : d.choiceWords())
            out.add(w);
    }
}

const OptionDef* findOption(const std::vector<OptionDef>& options, const std::string& name)
{
    for (const OptionDef& d : options)
        if (d.name == name)
            return &d;
    return nullptr;
}

// Completes within one command whose table is `options`; `words` are the words after the command.
int completeInCommand(const CommandDef* command, const std::vector<OptionDef>& options,
                      const std::vector<Positional>& positionals, const Args& words)
{
    Out out;
    out.cur = words.back();
    // One pass over the finished words: count positionals, and note an option still waiting for its value.
    std::size_t positional = 0;
    const OptionDef* pending = nullptr;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::string& w = words[i];
        if (pending) {
            pending = nullptr; // w is its value
        } else if (w.rfind("--", 0) == 0 && w.size() > 2) {
            const auto eq = w.find('=');
            const OptionDef* d = findOption(options, w.substr(2, eq == std::string::npos ? eq : eq - 2));
            if (d && d->takesValue() && eq == std::string::npos)
                pending = d;
        } else {
            ++positional;
        }
    }
    if (pending) {
        completeValue(*pending, pending->completion, out);
        return out.print();
    }
    if (out.cur.rfind("--", 0) == 0 && out.cur.find('=') != std::string::npos) {
        const auto eq = out.cur.find('=');
        if (const OptionDef* d = findOption(options, out.cur.substr(2, eq - 2))) {
            out.prefix = out.cur.substr(0, eq + 1);
            out.cur = out.cur.substr(eq + 1);
            completeValue(*d, d->completion, out);
        }
        return out.print();
    }
    if (out.cur.rfind("-", 0) == 0) {
        for (const OptionDef& d : options)
            if (!d.hidden)
                out.add("--" + d.name);
        return out.print();
    }
    if (command && !command->subcommands.empty()) {
        if (positional == 0)
            for (const CommandDef& s : command->subcommands)
                out.add(s.name);
        return out.print();
    }
    if (positional < positionals.size()) {
        OptionDef none;
        completeValue(none, positionals[positional].completion, out);
    }
    return out.print();
}

} // namespace

int complete(const Args& given)
{
    Args words = given;
    if (words.empty())
        words.push_back("");
    // `__complete --gui WORDS`: the options of quantscope (the GUI).
    if (words.front() == "--gui") {
        words.erase(words.begin());
        if (words.empty())
            words.push_back("");
        std::vector<OptionDef> options = guiOptions();
        options.push_back(makeOption("help", OptionType::Flag, "", "", ""));
        options.push_back(makeOption("version", OptionType::Flag, "", "", ""));
        return completeInCommand(nullptr, options, {{"FILE", "", "file"}}, words);
    }
    if (words.size() == 1) {
        Out out;
        out.cur = words.front();
        for (const CommandDef& c : commands())
            out.add(c.name);
        out.add("help");
        if (out.cur.rfind("-", 0) == 0)
            for (const char* o : {"--help", "--version"})
                out.add(o);
        return out.print();
    }
    if (words.front() == "help") {
        Out out;
        out.cur = words.back();
        if (words.size() == 2) {
            for (const CommandDef& c : commands())
                out.add(c.name);
        } else if (words.size() == 3) {
            if (const CommandDef* c = findCommand(words[1]))
                for (const CommandDef& s : c->subcommands)
                    out.add(s.name);
        }
        return out.print();
    }
    const CommandDef* c = findCommand(words.front());
    if (!c)
        return kExitOk;
    Args rest(words.begin() + 1, words.end());
    if (!c->subcommands.empty() && rest.size() > 1) {
        const auto sub = std::find_if(c->subcommands.begin(), c->subcommands.end(),
                                      [&](const CommandDef& s) { return s.name == rest.front(); });
        if (sub == c->subcommands.end())
            return kExitOk;
        c = &*sub;
        rest.erase(rest.begin());
    }
    return completeInCommand(c, c->options, c->positionals, rest);
}

} // namespace qs::cli
