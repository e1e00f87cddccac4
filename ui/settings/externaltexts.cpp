// Texts of other areas that reach tr() through a variable or a helper lupdate
// cannot follow, listed here so that lupdate puts them in the .ts under the
// context the code translates them in at run time. Nothing reads this array.
// Owners: mark the literals at the source with QT_TR_NOOP /
// QT_TRANSLATE_NOOP (or call QCoreApplication::translate("ctx", "literal")
// directly) and delete the entries here (docs/i18n.md).
#include <QtGlobal>

namespace {

[[maybe_unused]] constexpr const char* kExternalTexts[][2] = {
    // qs::ExplorerView
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "Histogram", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "Original and dequantized values; drag the red lines to clip by hand.", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "Error", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "The quantization error x̂ − x: its histogram and how it depends on x.", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "Transfer", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "The staircase x → x̂ of the grid, with the clip range.", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "Calibration", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView",
                       "What the calibration method optimised, and where the other methods would clip.", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "Channels", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView",
                       "Ranges of each channel or block as boxes, with its scale; click a box to see its values.", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "Compare", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView",
                       "Several quantizers on the same data: error, SQNR and storage cost side by side.", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView", "Sweep", ""),
    QT_TRANSLATE_NOOP3("qs::ExplorerView",
                       "SQNR against bit width with the 6.02 dB per bit rule of uniform quantization.", ""),
    // qs::QuantizerPanel
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "intN (signed integer grid)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "uintN (unsigned integer grid)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "NF4 (bitsandbytes)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "log2 (powers of two)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "k-means levels", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q8_0 (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q4_0 (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q4_1 (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q5_0 (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q5_1 (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "IQ4_NL (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q2_K (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q3_K (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q4_K (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q5_K (llama.cpp)", ""),
    QT_TRANSLATE_NOOP3("qs::QuantizerPanel", "Q6_K (llama.cpp)", ""),
    // qs::CalibrationPanel
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel", "min-max", ""),
    QT_TRANSLATE_NOOP3(
        "qs::CalibrationPanel",
        "Clip at the smallest and largest value: nothing is clipped, but one outlier stretches the grid.", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel", "moving-average min-max", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel",
                       "Average the min and max over batches, as PyTorch observers do during training.", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel", "percentile", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel",
                       "Clip at a percentile of |x|: a few extreme values are sacrificed for finer steps.", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel", "entropy (KL)", ""),
    QT_TRANSLATE_NOOP3(
        "qs::CalibrationPanel",
        "NVIDIA's method: the threshold whose quantized histogram loses least information (KL divergence).", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel", "MSE", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel",
                       "The clip value that minimises the mean squared error of quantizing this data.", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel", "manual", ""),
    QT_TRANSLATE_NOOP3("qs::CalibrationPanel",
                       "The range given below (dragging the clip lines on the histogram sets it).", ""),
    // ui/lessons/appstate.cpp translates with the context "qs::AppState"
    // qs::AppState
    QT_TRANSLATE_NOOP3("qs::AppState", "unknown app state key '%1'", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "unknown view '%1' (%2)", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "the view '%1' has no sub-pages", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "app state 'data' needs a 'generator' or 'pasted' key", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "bad data: %1", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "app state 'config' must be an object", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "invalid quantizer: %1", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "unknown plot '%1' (%2)", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "app state 'log_y' must be true or false", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "bad Bit Lab format: %1", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "Bit Lab value '%1' is not a number", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "Bit Lab code '%1' is not 0x…, 0b… or an integer", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "the Bit Lab has no tab '%1'", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "the Model Lab is not available in this build", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "Lesson step", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "Lesson data", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "Lesson settings", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "Lesson view", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "the Model Lab has no page '%1'", ""),
    QT_TRANSLATE_NOOP3("qs::AppState", "the view '%1' has no page '%2'", ""),
    // Qt's standard dialog buttons (QDialogButtonBox, QMessageBox): Qt 6.4 ships no
    // qtbase_vi.qm, so their texts are translated here, in Qt's own context.
    QT_TRANSLATE_NOOP3("QPlatformTheme", "OK", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Save", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Save All", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Open", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "&Yes", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Yes to &All", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "&No", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "N&o to All", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Abort", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Retry", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Ignore", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Close", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Cancel", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Discard", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Help", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Apply", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Reset", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Restore Defaults", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Don't Save", ""),
    QT_TRANSLATE_NOOP3("QPlatformTheme", "Close without Saving", ""),
};

} // namespace
