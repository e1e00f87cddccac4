#pragma once
// The subcommands of `quantscope-cli model` (cmd_model.cpp); their option
// tables are in cmd_modeloptions.cpp.
#include "clicommon.h"

namespace qs::cli::modelcmd {

int modelTrain(const ArgParser& p);
int modelPtq(const ArgParser& p);
int modelQat(const ArgParser& p);
int modelIntLayer(const ArgParser& p);
int modelOutliers(const ArgParser& p);
int modelMemory(const ArgParser& p);

} // namespace qs::cli::modelcmd
