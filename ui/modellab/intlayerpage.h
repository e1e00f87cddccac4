#pragma once
// Integer-only inference of one layer of the trained network (docs/course.md "Standard figures"
// figure 8): uint8/int8 inputs and weights, int32 accumulation and bias,
// requantization with M0·2^-n, saturation. Heat maps of original / quantized /
// dequantized / |error| for inputs, weights and outputs, and the comparison
// with the simulated (fake-quant) float computation.
#include "model/intlayer.h"
#include "modellab/modellabpage.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QSpinBox;

namespace qs {

class IntLayerPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit IntLayerPage(QWidget* parent = nullptr);

    bool needsNet() const override { return true; }
    void setNet(TrainedNetPtr net) override;
    void run() override; // instant: runs on the GUI thread

    int layer() const;
    int samples() const;
    IntLayerConfig config() const;
    const IntLayerResult* result() const { return m_result ? &*m_result : nullptr; }
    QLabel* summaryLabel() const { return m_summary; }
    QComboBox* matrixCombo() const { return m_matrix; }

private:
    void showMaps();

    QSpinBox* m_layer = nullptr;
    QSpinBox* m_samples = nullptr;
    QSpinBox* m_bits = nullptr;
    QCheckBox* m_perChannel = nullptr;
    QCheckBox* m_signedInputs = nullptr;
    QCheckBox* m_asymWeights = nullptr;
    QCheckBox* m_relu = nullptr;
    QComboBox* m_matrix = nullptr;
    QCustomPlot* m_maps[4] = {};
    QLabel* m_summary = nullptr;
    std::optional<IntLayerResult> m_result;
};

} // namespace qs
