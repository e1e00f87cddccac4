#pragma once
// What the Model Lab's pages share: the digits split and the network trained
// on it (immutable once trained, so worker threads may read it freely).
#include "model/digits.h"
#include "model/mlp.h"

#include <QString>

#include <memory>

namespace qs {

struct TrainedNet
{
    DatasetSplit split;
    TrainConfig config;
    TrainResult result;
};
using TrainedNetPtr = std::shared_ptr<const TrainedNet>;

// "96.94 %" in the current locale.
QString percentText(double fraction, int decimals = 2);

} // namespace qs
