#pragma once
// The quiz for a learning platform (docs/quiz.md, "Teacher mode and export"):
// every question with the answer the core computes, as Moodle XML or GIFT.
// Numeric answers become numerical questions with the question's tolerance
// (bit patterns as their integer value, the hex/binary spelling in the feedback);
// choice questions become single-answer multiple choice.
#include "quiz/question.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace qs::quiz {

// The tolerance of a numeric question as an absolute amount around `expected`.
double absoluteTolerance(const Question& question, double expected);

// Moodle XML (<quiz>…</quiz>, UTF-8), one category per topic. Throws
// qs::ArgumentError when a question's answer cannot be computed.
QByteArray exportMoodleXml(const std::vector<Question>& questions, const QString& language);

// GIFT text, one "$CATEGORY:" per topic; ~ = # { } : and \ in texts are escaped.
QString exportGift(const std::vector<Question>& questions, const QString& language);

// Escapes GIFT's special characters (~ = # { } : \) with a backslash; newlines become \n.
QString giftEscape(const QString& text);

} // namespace qs::quiz
