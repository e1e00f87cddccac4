// quantscope-cli quiz --export moodle|gift [--lang en|vi] [--output FILE] [--dir DIR]:
// the quiz with the answers the core computes, for a learning platform
// (docs/quiz.md, "Teacher mode and export").
#include "clicommon.h"

#include "formats/error.h"
#include "io/atomicfile.h"
#include "quiz/quizexport.h"

#include <cstdio>

namespace {

qs::OptionDef choice(const char* name, const char* group, const std::vector<std::string>& words, const char* help,
                     const std::string& fallback)
{
    qs::OptionDef d = qs::makeOption(name, qs::OptionType::Choice, group, "WORD", help);
    for (std::size_t i = 0; i < words.size(); ++i) {
        qs::OptionChoice c;
        c.value = c.label = words[i];
        c.id = int(i);
        d.choices.push_back(c);
    }
    d.defaultText = fallback;
    return d;
}

int runQuiz(const qs::cli::ArgParser& p)
{
    const std::string format = p.choice("export").value_or("moodle");
    const QString language = QString::fromStdString(p.choice("lang").value_or("en"));
    const QString dir = QString::fromStdString(p.value("dir").value_or(":/quiz"));
    const std::vector<qs::quiz::Question> questions = qs::quiz::loadQuestionDirectory(dir);
    if (questions.empty())
        throw qs::ArgumentError("no quiz questions in '" + dir.toStdString() + "'");
    const QByteArray data = format == "gift" ? qs::quiz::exportGift(questions, language).toUtf8()
                                             : qs::quiz::exportMoodleXml(questions, language);
    if (const auto out = p.value("output")) {
        qs::writeFileAtomically(*out, std::string(data.constData(), std::size_t(data.size())));
        std::fprintf(stderr, "%zu questions written to %s\n", questions.size(), out->c_str());
    } else {
        std::fwrite(data.constData(), 1, std::size_t(data.size()), stdout);
    }
    return qs::cli::kExitOk;
}

} // namespace

qs::cli::CommandDef quizCommand()
{
    qs::cli::CommandDef c;
    c.name = "quiz";
    c.usage = "quiz [--export moodle|gift] [--lang en|vi] [--output FILE] [--dir DIR]";
    c.summary = "the quiz with its core-computed answers as Moodle XML or GIFT, for a learning platform";
    qs::OptionDef dir = qs::makeOption("dir", qs::OptionType::Text, qs::cli::kGroupInput, "DIR",
                                       "read the question files (*.json) of this folder instead of the built-in quiz");
    dir.completion = "directory";
    qs::OptionDef output =
        qs::makeOption("output", qs::OptionType::Text, qs::cli::kGroupOutput, "FILE", "write here instead of stdout");
    output.completion = "file";
    c.options = {choice("export", qs::cli::kGroupOutput, {"moodle", "gift"}, "the format: Moodle XML or GIFT",
                        "moodle"),
                 choice("lang", qs::cli::kGroupOutput, {"en", "vi"}, "the language of the texts", "en"), output,
                 dir};
    c.examples = {{"quiz --export moodle --output quiz.xml", "Moodle XML, import it in Moodle's question bank"},
                  {"quiz --export gift --lang vi", "the Vietnamese quiz as GIFT on stdout"}};
    c.run = runQuiz;
    return c;
}
