#pragma once
// Quiz questions and their grading, done by the core (docs/quiz.md).
// A numeric question never stores its answer: it stores what to compute
// ({"compute": "encode", "format": "fp8-e4m3", "value": "1.0", "ask": "code"}),
// and expectedAnswer() computes it with the same functions the app uses.
// A multiple-choice question either gives each option a number and a
// computation (the correct option is the one matching the core's result) or,
// for conceptual questions, stores the index of the correct option.
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace qs::quiz {

// {"en": "...", "vi": "..."}; text() falls back to English.
struct LocalizedText
{
    QString en;
    QString vi;
    QString text(const QString& language) const;
};

enum class QuestionKind { Numeric, Choice };

// How close a typed number must be to the expected one.
struct Tolerance
{
    enum class Kind { Exact, Absolute, Relative };
    Kind kind = Kind::Exact;
    double amount = 0;
    bool accepts(double expected, double given) const;
};

struct ChoiceOption
{
    LocalizedText text;
    std::optional<double> value; // numeric options: compared with the computed answer
};

struct Question
{
    QString id;
    QString topicId;
    LocalizedText topicTitle;
    QuestionKind kind = QuestionKind::Numeric;
    LocalizedText prompt;
    LocalizedText explanation;
    QJsonObject compute; // what the core computes (empty for conceptual choice questions)
    Tolerance tolerance;
    std::vector<ChoiceOption> options;
    int storedCorrect = -1; // conceptual choice questions only
    QJsonObject show;       // the app state that reveals the answer (docs/appstate.md)
};

// The core's answer to a numeric computation.
struct Expected
{
    double value = 0;
    bool isCode = false; // a bit pattern: shown as hex, decimal and binary
    int codeBits = 0;
    QString display; // "0x38 = 56 = 0b00111000", "0.0235294"
};

// Throws qs::ArgumentError with a one-line reason for an unknown compute, a
// bad format, an "ask" that does not exist...
Expected expectedAnswer(const QJsonObject& compute);

// A typed answer read as a number, or why it cannot be read.
struct AnswerReading
{
    std::optional<double> value;
    QString problem; // set when value is empty: "'0b102' has a digit that is not binary"
};

// Reads every way the course writes a number (docs/quiz.md, "Typed answers"):
// decimals "25.125", "-91", "−91", "+5", "0,5" (decimal comma), scientific "1e-3",
// "1.5×10^-3", "2⁻⁹", powers "2^-9", fractions "6/255", hex "0x38" "38h",
// binary "0b0011_1000", "inf", "∞", a trailing unit (dB, GB, bits, %).
// When the answer is a bit pattern (codeBits > 0), a bare bit string with spaces
// or '_' between the fields ("0 10000011 1001001…") is binary too, and a
// trailing "…" or "..." stands for zeros up to codeBits.
AnswerReading readNumericAnswer(const QString& text, int codeBits = 0);
// readNumericAnswer(text).value.
std::optional<double> parseNumericAnswer(const QString& text);

struct Verdict
{
    enum class Kind { Correct, Wrong, Unreadable };
    Kind kind = Kind::Wrong;
    QString expectedText; // the correct answer as shown to the student
    QString problem;      // Unreadable: why the answer could not be read
    bool correct() const { return kind == Kind::Correct; }
};

// Numeric questions: the typed text against expectedAnswer(compute) and the tolerance.
Verdict gradeNumeric(const Question& question, const QString& typed);
// Choice questions: the index of the correct option, computed (options with values) or stored.
int correctOption(const Question& question);
Verdict gradeChoice(const Question& question, int chosen, const QString& language);

// Parses one question file ({"topic": {...}, "questions": [...]}). Throws
// qs::ArgumentError "NAME: question 3 (id): missing 'prompt'" for malformed files;
// checks every computation can be carried out.
std::vector<Question> parseQuestionFile(const QByteArray& json, const QString& sourceName);
// Every *.json of a directory (":/quiz" for the embedded files), in file-name order.
std::vector<Question> loadQuestionDirectory(const QString& directory);

} // namespace qs::quiz
