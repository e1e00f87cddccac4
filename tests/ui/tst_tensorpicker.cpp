// The Data dock's tensor list for real checkpoints (docs/explorer.md "Loading
// data"): every container the core reads lists its tensors in natural order
// with shape and dtype on each row, a typed part of a name finds the tensor,
// and choosing it loads exactly FILE:NAME. Also: every open-a-tensor dialog
// offers every container (one filter, ui/common/filefilters.h).
#include "common/filefilters.h"
#include "common/testutil.h"
#include "explorer/datapanel.h"
#include "explorer/tensorpicker.h"
#include "io/naturalorder.h"
#include "io/tensorsource.h"
#include "session/session.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QLineEdit>
#include <QtTest>

using namespace qs;

class TestTensorPicker : public QObject
{
    Q_OBJECT
private slots:
    void listsEveryContainer_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("safetensors shards (index)") << "models/shards/model.safetensors.index.json";
        QTest::newRow("safetensors folder") << "models/shards";
        QTest::newRow("gguf") << "models/gguf/tiny.gguf";
        QTest::newRow("pytorch") << "models/torch/state_dict.pt";
        QTest::newRow("npz") << "models/npz/arrays.npz";
        QTest::newRow("onnx") << "models/onnx/plain.onnx";
        QTest::newRow("tfjs") << "models/tfjs/model.json";
    }

    void listsEveryContainer()
    {
        QFETCH(QString, file);
        const QString path = test::dataFile(file);
        const FileListing headers = listTensorHeaders(path.toStdString());
        QVERIFY(headers.tensors.size() > 1);

        Session s;
        DataPanel panel(&s);
        QString error;
        QVERIFY2(panel.openFile(path, &error), qPrintable(error));
        QVERIFY(s.waitForLoad());
        auto* picker = panel.findChild<TensorPicker*>(QStringLiteral("tensorPicker"));
        QVERIFY(picker);
        QVERIFY(picker->isEnabled());
        QCOMPARE(picker->count(), int(headers.tensors.size()));
        for (int i = 0; i < picker->count(); ++i) {
            const TensorListing& t = headers.tensors[std::size_t(i)];
            QCOMPARE(picker->itemText(i), QString::fromStdString(t.name));
            // The row says what the tensor is: its dims joined by × and its stored dtype.
            const QString detail = picker->detailOf(i);
            QVERIFY2(detail.endsWith(QString::fromStdString(t.dtype)), qPrintable(detail));
            if (t.shape.size() > 1)
                QVERIFY2(detail.contains(QChar(0x00D7)), qPrintable(detail));
            if (i > 0)
                QVERIFY(!naturalLess(t.name, headers.tensors[std::size_t(i) - 1].name));
        }
        // The first readable tensor is what was loaded.
        QCOMPARE(picker->currentText(), s.dataSource().tensor);
    }

    void typedPartFindsTheTensor()
    {
        const QString path = test::dataFile(QStringLiteral("models/shards/model.safetensors.index.json"));
        const FileListing headers = listTensorHeaders(path.toStdString());
        const QString last = QString::fromStdString(headers.tensors.back().name);
        Session s;
        DataPanel panel(&s);
        QVERIFY(panel.openFile(path));
        QVERIFY(s.waitForLoad());
        auto* picker = panel.findChild<TensorPicker*>(QStringLiteral("tensorPicker"));
        QVERIFY(picker && picker->completer());
        QCOMPARE(picker->completer()->filterMode(), Qt::MatchContains);
        QCOMPARE(picker->completer()->caseSensitivity(), Qt::CaseInsensitive);
        // A middle part of the last name, in upper case, finds it.
        const QString part = last.mid(last.size() / 3, std::max<qsizetype>(3, last.size() / 3)).toUpper();
        picker->completer()->setCompletionPrefix(part);
        bool found = false;
        for (int i = 0; picker->completer()->setCurrentRow(i); ++i)
            found = found || picker->completer()->currentCompletion() == last;
        QVERIFY2(found, qPrintable(part));
        emit picker->completer()->activated(last);
        QVERIFY(s.waitForLoad());
        QCOMPARE(s.dataSource().tensor, last);
        QCOMPARE(s.tensor().size(), headers.tensors.back().count);
        // A typed name that is no tensor changes nothing.
        picker->setEditText(QStringLiteral("no such tensor"));
        emit picker->lineEdit()->editingFinished();
        QCOMPARE(picker->currentText(), last);
        QCOMPARE(s.dataSource().tensor, last);
    }

    void dialogsOfferEveryContainer_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"npy/f4_le_C.npy", "models/npz/arrays.npz", "safetensors/single.safetensors",
                              "models/shards/model.safetensors.index.json", "models/gguf/tiny.gguf",
                              "models/torch/state_dict.pt", "models/torch/checkpoint.pth", "models/onnx/plain.onnx",
                              "models/tfjs/model.json"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void dialogsOfferEveryContainer()
    {
        QFETCH(QString, file);
        // The file is one the core opens...
        QVERIFY(!listTensorNames(test::dataFile(file).toStdString()).empty());
        // ...and the first filter of both dialogs matches its name.
        for (const bool sessions : {false, true}) {
            const QString first = tensorFileFilter(sessions).section(QStringLiteral(";;"), 0, 0);
            const QString patterns = first.section(QLatin1Char('('), 1).chopped(1);
            bool matched = false;
            for (const QString& p : patterns.split(QLatin1Char(' '), Qt::SkipEmptyParts))
                matched = matched || QRegularExpression::fromWildcard(p, Qt::CaseInsensitive)
                                         .match(QFileInfo(file).fileName())
                                         .hasMatch();
            QVERIFY2(matched, qPrintable(first));
        }
    }
};

QTEST_MAIN(TestTensorPicker)
#include "tst_tensorpicker.moc"
