// parseReportSchemes: the --schemes list of `report`, read with the
// quantization options table (quant/quantoptions.h) so that every word means
// what the same option means to `quantize`.
#include "report/modelreport.h"

#include "formats/error.h"
#include "quant/quantoptions.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace qs {

namespace {

std::string trimmed(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool isGranularityWord(const std::string& w)
{
    return w == "tensor" || w.rfind("channel", 0) == 0 || w.rfind("block:", 0) == 0;
}

} // namespace

std::vector<ReportScheme> parseReportSchemes(const std::string& text)
{
    std::vector<ReportScheme> out;
    std::string item;
    std::istringstream items(text);
    while (std::getline(items, item, ';')) {
        item = trimmed(item);
        if (item.empty())
            continue;
        std::istringstream words(item);
        std::string word, label;
        ReportScheme s;
        bool first = true;
        while (words >> word) {
            label += (label.empty() ? "" : " ") + word;
            const std::string what = "scheme '" + item + "'";
            if (first) {
                s.config.setQuantizer(word);
                first = false;
            } else if (isGranularityWord(word)) {
                s.config.granularity = Granularity::parse(word);
            } else {
                const auto eq = word.find('=');
                const std::string name = word.substr(0, eq);
                const QuantOption* o = findQuantOption(name);
                if (!o || name == "quantizer" || name == "bins")
                    throw ArgumentError(what + ": '" + word +
                                        "' is neither a granularity (tensor, channel:A, block:N) nor NAME=VALUE of a "
                                        "quantization option (quantscope-cli help quantize lists them)");
                if (!o->def.takesValue()) {
                    if (eq != std::string::npos)
                        throw ArgumentError(what + ": " + name + " takes no value");
                    o->set(s.config, OptionValue(true));
                } else {
                    if (eq == std::string::npos)
                        throw ArgumentError(what + ": " + name + " needs a value (" + name + "=VALUE)");
                    o->setText(s.config, word.substr(eq + 1), what + " " + name);
                }
            }
        }
        try {
            s.config.validate();
        } catch (const Error& e) {
            throw ArgumentError("scheme '" + item + "': " + e.what());
        }
        s.label = label;
        for (const ReportScheme& o : out)
            if (o.label == s.label)
                throw ArgumentError("scheme '" + s.label + "' is given twice");
        out.push_back(std::move(s));
    }
    if (out.empty())
        throw ArgumentError("no scheme given (e.g. \"int8 channel:0; int4 block:32; nf4\")");
    return out;
}

double sqnrFromSums(double signal, double noise)
{
    if (noise == 0)
        return std::numeric_limits<double>::infinity();
    if (signal == 0)
        return -std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(signal / noise);
}

} // namespace qs
