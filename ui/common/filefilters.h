#pragma once
// The file-dialog filters of every "open a tensor" dialog, in one place so the
// Explorer, the File menu and the Bit Lab offer the same containers as the
// readers in core/io (docs/io.md).
#include <QCoreApplication>
#include <QString>

namespace qs {

inline QString tensorFileFilter(bool withSessions = false)
{
    const QString all = QStringLiteral(
        "*.npy *.npz *.safetensors *.json *.gguf *.pt *.pth *.bin *.onnx *.csv *.tsv *.txt");
    QString f = withSessions ? QCoreApplication::translate("qs::FileFilters", "Sessions, tensors and models (%1)")
                                   .arg(QStringLiteral("*.qscope ") + all)
                             : QCoreApplication::translate("qs::FileFilters", "Tensors and models (%1)").arg(all);
    f += QStringLiteral(";;NumPy (*.npy *.npz);;safetensors (*.safetensors *.safetensors.index.json);;GGUF (*.gguf);;"
                        "PyTorch (*.pt *.pth *.bin);;ONNX (*.onnx);;TF.js (*.json);;");
    f += QCoreApplication::translate("qs::FileFilters", "Text numbers (%1)").arg(QStringLiteral("*.csv *.tsv *.txt"));
    f += QStringLiteral(";;") + QCoreApplication::translate("qs::FileFilters", "All files (*)");
    return f;
}

} // namespace qs
