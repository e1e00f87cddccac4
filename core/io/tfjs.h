#pragma once
// TensorFlow.js models: model.json (a "weightsManifest" next to the topology) or
// a bare *weights_manifest.json, and their binary shards. A manifest is a list
// of groups {paths: [shard files], weights: [{name, shape, dtype, quantization?}]};
// a group's weights lie one after another in the concatenation of its shards
// (a weight may cross from one shard file into the next).
//
// The manifest's own quantization is an affine map, and is decoded exactly as
// TF.js decodes it (tfjs-core io_utils decodeWeights): uint8/uint16 codes q give
// float32(q * scale + min), computed in double as JavaScript does and then
// rounded to float32; int32 weights take Math.round of the same; float16 codes
// are IEEE halves. Shard paths must stay inside the manifest's folder.
#include "io/container.h"

#include <span>
#include <string>

namespace qs {

// The manifest's text; shards are looked for in `folder` (empty: none allowed).
std::unique_ptr<TensorContainer> openTfjs(std::span<const std::byte> manifest, const std::string& fileName,
                                          const std::string& folder);
std::unique_ptr<TensorContainer> openTfjsFile(const std::string& path);

// A JSON text that is a TF.js model.json or weights manifest (checked by shape, not name).
bool looksLikeTfjs(const std::string& path, std::span<const std::byte> head);

} // namespace qs
