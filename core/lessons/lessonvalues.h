#pragma once
// Numbers in lesson texts are computed by the core when a step is shown
// (docs/lessons.md, "Numbers in the text"): a placeholder {{NAME:ARG:…}} in a
// lesson's text is replaced by the value the core computes, so a lesson never
// quotes a number the screen contradicts.
//
//   format values     {{stored:FMT:X[:DIGITS]}}  the value X becomes in FMT (as the Bit Lab's "Stored")
//                     {{bits:FMT:X}}             its bits, fields separated by spaces
//                     {{hex:FMT:X}}              its code in hex (0x41C90000)
//                     {{max:FMT[:DIGITS]}} {{min_normal:…}} {{min_subnormal:…}} {{epsilon:…}}
//                     {{resolution:FMT}}         fixed point: 2^-F
//   memory            {{memory:PARAMETERS:STORAGE}}  weights in GB (10^9 bytes) as the memory page writes
//                     them (350, 35.0, 3.50), e.g. {{memory:70e9:int4}}
//   the explorer      computed on the explorer's data with its config after the step, optionally
//                     with config keys changed: {{sqnr}}, {{sqnr:calibration=minmax}},
//                     {{sqnr:quantizer=int4;granularity=tensor}}
//                     sqnr (dB, 1 decimal), mse, max_error, scale, zero_point, clip_max, clip_min,
//                     bits_per_value, levels (codes the grid can take), distinct (distinct values of x̂),
//                     codes (the codes, up to 32), dequantized (x̂, up to 32)
// DIGITS: significant digits (default: the shortest text that reads back exactly).
// Negative numbers are written with the typographic minus (−), as on screen.
#include "quant/quantconfig.h"
#include "tensor/tensor.h"

#include <QString>
#include <QStringList>

namespace qs {

// What the explorer holds after a step is applied (the explorer placeholders need it).
struct LessonContext
{
    const Tensor* tensor = nullptr;
    const QuantConfig* config = nullptr;
};

// The value of one placeholder body ("stored:bf16:1e-8"); throws qs::ArgumentError
// naming the placeholder for an unknown name, a bad format or a missing context.
QString lessonValue(const QString& placeholder, const LessonContext& context = {});

// `text` with every {{…}} replaced by its value; throws as lessonValue().
QString expandLessonText(const QString& text, const LessonContext& context = {});

// The placeholder bodies of a text, in order ("stored:bf16:1e-8", …).
QStringList lessonPlaceholders(const QString& text);

// True for placeholders that need the explorer's data (sqnr, codes, …).
bool needsExplorer(const QString& placeholder);

} // namespace qs
