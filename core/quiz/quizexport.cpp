// Moodle XML and GIFT export of the quiz (quizexport.h).
#include "quiz/quizexport.h"

#include <QLocale>
#include <QXmlStreamWriter>

#include <cmath>

namespace qs::quiz {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

// What the feedback says after the explanation: the answer in every spelling.
QString answerNote(const Expected& e, const QString& language)
{
    return (language == QLatin1String("vi") ? QStringLiteral("Đáp án: %1") : QStringLiteral("Answer: %1"))
        .arg(e.display);
}

void writeText(QXmlStreamWriter& xml, const char* element, const QString& text, bool html = false)
{
    xml.writeStartElement(QLatin1String(element));
    if (html)
        xml.writeAttribute(QStringLiteral("format"), QStringLiteral("html"));
    xml.writeTextElement(QStringLiteral("text"), text);
    xml.writeEndElement();
}

} // namespace

double absoluteTolerance(const Question& q, double expected)
{
    switch (q.tolerance.kind) {
    case Tolerance::Kind::Exact: return 0;
    case Tolerance::Kind::Absolute: return q.tolerance.amount;
    case Tolerance::Kind::Relative: return q.tolerance.amount * std::abs(expected);
    }
    return 0;
}

QByteArray exportMoodleXml(const std::vector<Question>& questions, const QString& language)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("quiz"));
    QString topic;
    for (const Question& q : questions) {
        if (q.topicId != topic) {
            topic = q.topicId;
            xml.writeStartElement(QStringLiteral("question"));
            xml.writeAttribute(QStringLiteral("type"), QStringLiteral("category"));
            writeText(xml, "category", QStringLiteral("$course$/Quantscope/") + q.topicTitle.text(language));
            xml.writeEndElement();
        }
        const bool numeric = q.kind == QuestionKind::Numeric;
        xml.writeStartElement(QStringLiteral("question"));
        xml.writeAttribute(QStringLiteral("type"), numeric ? QStringLiteral("numerical") : QStringLiteral("multichoice"));
        writeText(xml, "name", q.id);
        writeText(xml, "questiontext", q.prompt.text(language).toHtmlEscaped(), true);
        QString feedback = q.explanation.text(language);
        if (numeric) {
            const Expected e = expectedAnswer(q.compute);
            feedback += QStringLiteral("\n") + answerNote(e, language);
            writeText(xml, "generalfeedback", feedback.toHtmlEscaped(), true);
            xml.writeTextElement(QStringLiteral("defaultgrade"), QStringLiteral("1"));
            xml.writeStartElement(QStringLiteral("answer"));
            xml.writeAttribute(QStringLiteral("fraction"), QStringLiteral("100"));
            xml.writeTextElement(QStringLiteral("text"), number(e.value));
            xml.writeTextElement(QStringLiteral("tolerance"), number(absoluteTolerance(q, e.value)));
            xml.writeEndElement();
        } else {
            writeText(xml, "generalfeedback", feedback.toHtmlEscaped(), true);
            xml.writeTextElement(QStringLiteral("defaultgrade"), QStringLiteral("1"));
            xml.writeTextElement(QStringLiteral("single"), QStringLiteral("true"));
            xml.writeTextElement(QStringLiteral("shuffleanswers"), QStringLiteral("false"));
            xml.writeTextElement(QStringLiteral("answernumbering"), QStringLiteral("abc"));
            const int correct = correctOption(q);
            for (int i = 0; i < int(q.options.size()); ++i) {
                xml.writeStartElement(QStringLiteral("answer"));
                xml.writeAttribute(QStringLiteral("fraction"), i == correct ? QStringLiteral("100") : QStringLiteral("0"));
                xml.writeAttribute(QStringLiteral("format"), QStringLiteral("html"));
                xml.writeTextElement(QStringLiteral("text"),
                                     q.options[std::size_t(i)].text.text(language).toHtmlEscaped());
                xml.writeEndElement();
            }
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

QString giftEscape(const QString& text)
{
    QString out;
    for (const QChar c : text) {
        if (c == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
            continue;
        }
        if (QStringLiteral("~=#{}:\\").contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString exportGift(const std::vector<Question>& questions, const QString& language)
{
    QString out = QStringLiteral("// Quantscope quiz: answers computed by the core (docs/quiz.md)\n\n");
    QString topic;
    for (const Question& q : questions) {
        if (q.topicId != topic) {
            topic = q.topicId;
            out += QStringLiteral("$CATEGORY: $course$/Quantscope/%1\n\n").arg(q.topicTitle.text(language));
        }
        out += QStringLiteral("::%1::%2 {").arg(giftEscape(q.id), giftEscape(q.prompt.text(language)));
        QString feedback = q.explanation.text(language);
        if (q.kind == QuestionKind::Numeric) {
            const Expected e = expectedAnswer(q.compute);
            feedback += QLatin1Char(' ') + answerNote(e, language);
            out += QStringLiteral("#%1:%2").arg(number(e.value), number(absoluteTolerance(q, e.value)));
        } else {
            const int correct = correctOption(q);
            for (int i = 0; i < int(q.options.size()); ++i)
                out += QStringLiteral("\n  %1%2").arg(i == correct ? QLatin1Char('=') : QLatin1Char('~'))
                           .arg(giftEscape(q.options[std::size_t(i)].text.text(language)));
            out += QLatin1Char('\n');
        }
        out += QStringLiteral("\n  ####%1\n}\n\n").arg(giftEscape(feedback));
    }
    return out;
}

} // namespace qs::quiz
