#pragma once
// Shared by the Model Lab tests: the committed dataset, split and a trained
// network cached per test executable (training takes well under a second).
#include "model/digits.h"
#include "model/mlp.h"

namespace qs::test {

inline const DatasetSplit& digitsSplit()
{
    static const DatasetSplit split = splitDataset(loadDigits(QS_DIGITS_CSV), 0.2, 1);
    return split;
}

// The network every quantization test starts from: 64-32-10, seed 1, 30 epochs of Adam.
inline const TrainResult& trainedNet()
{
    static const TrainResult result = trainMlp(digitsSplit().train, digitsSplit().test, TrainConfig{});
    return result;
}

} // namespace qs::test
