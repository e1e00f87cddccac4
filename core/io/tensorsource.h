#pragma once
// Where tensors come from: files and seeded generators. These are the entry
// points the CLI (`--input`, `--generate`) and the GUI's data panel call.
#include "tensor/tensor.h"

#include <string>
#include <string_view>

namespace qs {

// "FILE" or "FILE:TENSOR" (.npy, .safetensors, .csv/.tsv/.txt). A safetensors file
// with one tensor needs no TENSOR; with several, naming none is an error that
// lists the names. Throws IoError (core/io/ioerror.h) naming the file and the problem.
Tensor loadTensor(const std::string& fileAndTensor);

// "DIST[,key=value...]", e.g. "normal,n=100000,seed=1,mean=0,std=1". Distributions:
// normal, uniform, laplace, student-t, lognormal, bimodal, relu, gelu, outliers,
// llm-activations, conv-weights. Same seed -> the same values on every machine.
// Throws ArgumentError naming a bad key or value.
Tensor generateTensor(std::string_view spec);

} // namespace qs
