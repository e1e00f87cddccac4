#pragma once
// The tensor picker of the Data panel: every tensor of a file in the reader's
// natural order (layers.2 before layers.10), each row showing its shape and
// stored dtype beside the name, searchable by typing any part of a name (a
// checkpoint has hundreds of tensors). The item text stays the exact name, so
// the selection is FILE:NAME as the CLI takes it.
#include <QComboBox>

namespace qs {

struct FileListing;

class TensorPicker : public QComboBox
{
    Q_OBJECT
public:
    explicit TensorPicker(QWidget* parent = nullptr);

    // Lists the tensors of `listing` (headers only), selecting `current` when present.
    void setListing(const FileListing& listing, const QString& current);
    void clearListing();
    // "32×64×3×3 · float16" for row `index` (empty when the listing had none).
    QString detailOf(int index) const;

    static constexpr int kDetailRole = Qt::UserRole + 1;

signals:
    // The user picked the tensor `name` from the list or typed its exact name.
    void tensorChosen(const QString& name);

private:
    void chooseTyped();
};

} // namespace qs
