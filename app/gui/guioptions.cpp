#include "guioptions.h"

#include <QtGlobal>

namespace qs {

const std::vector<OptionDef>& guiOptions()
{
    static const std::vector<OptionDef> table = [] {
        auto opt = [](const char* name, OptionType type, const char* valueName, const char* help,
                      const char* defaultText = "") {
            OptionDef d = makeOption(name, type, "Options", valueName, help);
            d.defaultText = defaultText;
            return d;
        };
        std::vector<OptionDef> t;
        t.push_back(opt("screenshot", OptionType::OutputFile, "FILE",
                        QT_TRANSLATE_NOOP("main", "Render the main window to FILE (PNG) and exit.")));
        t.back().completion = "file";
        t.push_back(
            opt("view", OptionType::Text, "NAME",
                QT_TRANSLATE_NOOP("main", "The view to bring to the front (explorer, a plot name, formats...).")));
        t.push_back(opt("size", OptionType::Text, "WxH",
                        QT_TRANSLATE_NOOP("main", "Window size for --screenshot, WxH."), "1600x1000"));
        t.push_back(
            opt("session", OptionType::InputFile, "FILE", QT_TRANSLATE_NOOP("main", "Open a .qscope session.")));
        t.back().completion = "file";
        t.push_back(opt("bench-ui", OptionType::Flag, "",
                        QT_TRANSLATE_NOOP("main", "Measure control-change latency, GUI blocking and start-up.")));
        t.push_back(
            opt("bench-paste", OptionType::Flag, "",
                QT_TRANSLATE_NOOP("main", "Measure how long pasting values into the Data dock blocks the GUI.")));
        t.push_back(
            opt("n", OptionType::Text, "N",
                QT_TRANSLATE_NOOP("main", "Values for --bench-ui (default 1000000) or --bench-paste (300000).")));
        t.push_back(
            opt("json", OptionType::Flag, "", QT_TRANSLATE_NOOP("main", "--bench-ui, --bench-paste: print JSON.")));
        t.push_back(
            opt("presentation", OptionType::Flag, "", QT_TRANSLATE_NOOP("main", "Start in presentation mode.")));
        t.push_back(
            opt("lang", OptionType::Choice, "LANG",
                QT_TRANSLATE_NOOP("main", "Interface language for this run (en, vi), overriding the settings.")));
        t.back().choices = {{"en", "English", "", 0, {}}, {"vi", "Tiếng Việt", "", 1, {}}};
        // Lets tests drive a real process (ui/mainwindow/testdriver.h); not for users.
        t.push_back(opt("test-driver", OptionType::Text, "ANSWERS", "Test hook."));
        t.back().hidden = true;
        return t;
    }();
    return table;
}

} // namespace qs
