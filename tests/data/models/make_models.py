#!/usr/bin/python3
"""Makes the model-container test corpus (tests/data/models) with the real writers.

    /usr/bin/python3 tests/data/models/make_models.py [--ggml DIR] [--face DIR]

Needs NumPy, Debian's python3-torch and python3-onnx. Two parts use npm packages
(only for making fixtures, never for building or running Quantscope):
  --ggml DIR  llama.cpp's libggml-base.so, from `npm pack @node-llama-cpp/linux-x64@3.21.1`
              (bins/linux-x64): GGUF files written by llama.cpp's own gguf writer, blocks
              quantized by its quantizers, reference values from its dequantizers.
  --face DIR  the model/ folder of `npm pack @vladmandic/face-api`: the first weights of a
              real uint8-quantized TF.js model.
Without them those files are left as they are.

expected.json maps "FILE:TENSOR" to {shape, dtype, f32}: the values the writer's own
library gives as float32 (base64 of little-endian bits), which the C++ tests compare
bit for bit. The output is deterministic, except torch/legacy.pt (the legacy format
names storages by object id).
"""
import argparse
import base64
import collections
import ctypes
import io
import json
import os
import pickle
import shutil
import struct
import sys
import zipfile
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = {}


def expect(key, values, dtype, shape=None, nbytes=None):
    entry = {"dtype": dtype}
    if values is not None:
        v = np.asarray(values, dtype=np.float32)  # ascontiguousarray would make a 0-d array 1-d
        entry["f32"] = base64.b64encode(v.astype("<f4").tobytes(order="C")).decode()
        shape = v.shape if shape is None else shape
    entry["shape"] = list(shape)
    if nbytes is not None:
        entry["bytes"] = int(nbytes)
    EXPECTED[key] = entry


def path(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


# ---------------------------------------------------------------- NumPy .npz
def make_npz():
    rng = np.random.default_rng(18)
    arrays = collections.OrderedDict()
    arrays["layers.10.w"] = rng.standard_normal((2, 3)).astype(np.float32)
    arrays["layers.2.w"] = rng.standard_normal((4,)).astype(np.float16)
    arrays["big_int64"] = np.array([1, -2, 2**40 + 1, 16777217], dtype=np.int64)
    arrays["mask"] = np.array([[True, False], [False, True]])
    arrays["u8"] = np.arange(5, dtype=np.uint8) * 50
    arrays["fortran"] = np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3) / 3)
    np.savez(path("npz", "arrays.npz"), **arrays)
    np.savez_compressed(path("npz", "arrays_compressed.npz"), **arrays)
    for name in ("arrays.npz", "arrays_compressed.npz"):
        with np.load(path("npz", name)) as z:
            for k in z.files:
                a = z[k]
                expect("npz/%s:%s" % (name, k), a.astype(np.float32), str(a.dtype))
    # A zip64 archive written field by field (PKWARE APPNOTE 4.3.9, 4.5.3, 4.3.14/15):
    # zip64 extra fields in the central directory and a zip64 end record, as large
    # archives have, with one stored and one deflated member.
    members = [("x.npy", arrays["layers.10.w"], 0), ("y.npy", arrays["u8"], 8)]
    out = io.BytesIO()
    central = b""
    for name, a, method in members:
        buf = io.BytesIO()
        np.save(buf, a)
        raw = buf.getvalue()
        data = raw if method == 0 else zlib.compress(raw, 9)[2:-4]
        crc = zlib.crc32(raw)
        offset = out.tell()
        nm = name.encode()
        local_extra = struct.pack("<HHQQ", 1, 16, len(raw), len(data))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, method, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                              len(nm), len(local_extra)) + nm + local_extra + data)
        extra = struct.pack("<HHQQQ", 1, 24, len(raw), len(data), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, method, 0, 0x21, crc, 0xFFFFFFFF,
                               0xFFFFFFFF, len(nm), len(extra), 0, 0, 0, 0, 0xFFFFFFFF) + nm + extra
        expect("npz/zip64.npz:" + name[:-4], a.astype(np.float32), str(a.dtype))
    cd_offset = out.tell()
    out.write(central)
    z64_offset = out.tell()
    out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 2, 2, len(central), cd_offset))
    out.write(struct.pack("<IIQI", 0x07064B50, 0, z64_offset, 1))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
    with open(path("npz", "zip64.npz"), "wb") as f:
        f.write(out.getvalue())
    with np.load(path("npz", "zip64.npz")) as z:  # NumPy reads it back
        assert (z["x"] == arrays["layers.10.w"]).all() and (z["y"] == arrays["u8"]).all()


# ---------------------------------------------------------------- safetensors shards
def write_safetensors(file, tensors, metadata=None):
    # The format of huggingface/safetensors: u64 header length, JSON header, data.
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(file, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def ocp_value(code, ebits, mbits, bias):
    # OCP MX element formats (FP4 E2M1, FP6 E2M3/E3M2): no Inf/NaN, subnormals at e = 0.
    sign = -1.0 if code >> (ebits + mbits) & 1 else 1.0
    e = code >> mbits & ((1 << ebits) - 1)
    m = code & ((1 << mbits) - 1)
    v = m * 2.0 ** (1 - bias - mbits) if e == 0 else (1 + m / 2.0 ** mbits) * 2.0 ** (e - bias)
    return sign * v


def pack_bits(codes, bits):
    # Element i at bits [i*b, i*b + b) of the little-endian bit stream.
    acc = 0
    for i, c in enumerate(codes):
        acc |= int(c) << (i * bits)
    return acc.to_bytes((len(codes) * bits + 7) // 8, "little")


def make_shards():
    rng = np.random.default_rng(18)
    folder = path("shards", "x")[:-2]
    shard1 = collections.OrderedDict()
    shard2 = collections.OrderedDict()
    for i in (0, 1, 2, 10):
        a = rng.standard_normal((2, 3)).astype(np.float32)
        (shard1 if i < 2 else shard2)["model.layers.%d.weight" % i] = ("F32", [2, 3], a.tobytes())
        expect("shards/model.safetensors.index.json:model.layers.%d.weight" % i, a, "float32")
    e8 = np.array([0, 1, 126, 127, 128, 254, 255], np.uint8)
    shard2["scales.e8m0"] = ("F8_E8M0", [7], e8.tobytes())
    expect("shards/model.safetensors.index.json:scales.e8m0",
           np.array([np.nan if c == 255 else 2.0 ** (int(c) - 127) for c in e8], np.float32), "float8_e8m0fnu")
    f4 = np.arange(16, dtype=np.uint8)
    shard2["codes.f4"] = ("F4", [2, 8], pack_bits(f4, 4))
    expect("shards/model.safetensors.index.json:codes.f4",
           np.array([ocp_value(c, 2, 1, 1) for c in f4], np.float32).reshape(2, 8), "float4_e2m1fn")
    for name, eb, mb, bias in (("F6_E2M3", 2, 3, 1), ("F6_E3M2", 3, 2, 3)):
        codes = np.array(list(range(0, 64, 5)) + [63, 31, 32], np.uint8)[:16]
        shard2["codes." + name.lower()] = (name, [16], pack_bits(codes, 6))
        expect("shards/model.safetensors.index.json:codes." + name.lower(),
               np.array([ocp_value(c, eb, mb, bias) for c in codes], np.float32),
               "float6_%sfn" % name[3:].lower())
    write_safetensors(os.path.join(folder, "model-00001-of-00002.safetensors"), shard1, {"format": "pt"})
    write_safetensors(os.path.join(folder, "model-00002-of-00002.safetensors"), shard2, {"format": "pt"})
    weight_map = {k: "model-00001-of-00002.safetensors" for k in shard1}
    weight_map.update({k: "model-00002-of-00002.safetensors" for k in shard2})
    total = sum(len(v[2]) for v in list(shard1.values()) + list(shard2.values()))
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=1)


# ---------------------------------------------------------------- PyTorch
def make_torch():
    import torch

    torch.manual_seed(18)
    sd = collections.OrderedDict()
    sd["layers.10.weight"] = torch.randn(3, 4)
    sd["layers.2.weight"] = torch.randn(2, 2, dtype=torch.float64)
    base = torch.randn(24).to(torch.float16)
    sd["half.view"] = base[3:15].reshape(3, 4).t()  # offset 3, strides (1, 4): not contiguous
    sd["half.shared"] = base[:6]  # shares the storage of half.view
    sd["bf16"] = torch.randn(5).to(torch.bfloat16)
    sd["int64"] = torch.tensor([1, -2, 2**40 + 1, 16777217])
    sd["int8"] = torch.tensor([-128, 0, 127], dtype=torch.int8)
    sd["uint8"] = torch.tensor([[0, 255], [7, 8]], dtype=torch.uint8)
    sd["bool"] = torch.tensor([True, False, True])
    sd["scalar"] = torch.tensor(2.5)
    sd["param"] = torch.nn.Parameter(torch.randn(2, 3))
    sd["empty"] = torch.zeros(0, 3)
    torch.save(sd, path("torch", "state_dict.pt"))
    for k, v in sd.items():
        expect("torch/state_dict.pt:" + k, v.detach().float().numpy(), str(v.dtype).replace("torch.", ""),
               list(v.shape))
    ckpt = {"model": collections.OrderedDict([("fc.weight", sd["layers.10.weight"]), ("fc.bias", torch.randn(3))]),
            "epoch": 3, "lr": 0.25, "note": "caf\u00e9"}
    torch.save(ckpt, path("torch", "checkpoint.pth"))
    for k, v in ckpt["model"].items():
        expect("torch/checkpoint.pth:model." + k, v.float().numpy(), "float32")
    torch.save({"w": torch.ones(2)}, path("torch", "legacy.pt"), _use_new_zipfile_serialization=False)

    # A hostile checkpoint: the archive torch.save writes, but data.pkl asks for
    # os.system (pickled by Python as posix.system). Loading it with pickle (or
    # torch.load(weights_only=False)) would create the marker file.
    class Hostile:
        def __reduce__(self):
            return (os.system, ("touch /tmp/quantscope-hostile-pickle-ran",))

    src = zipfile.ZipFile(path("torch", "state_dict.pt"))
    with zipfile.ZipFile(path("torch", "hostile.pt"), "w", zipfile.ZIP_STORED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("/data.pkl"):
                data = pickle.dumps(collections.OrderedDict([("w", Hostile())]), protocol=2)
            z.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), data)
    assert b"posix\nsystem" in zipfile.ZipFile(path("torch", "hostile.pt")).read("state_dict/data.pkl")


# ---------------------------------------------------------------- ONNX
def make_onnx():
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(180)
    w = rng.standard_normal((4, 3)).astype(np.float32)
    inits = [
        numpy_helper.from_array(w, "layers.10.w"),  # raw_data
        helper.make_tensor("typed_float", TensorProto.FLOAT, [2, 2], [0.5, -1.25, 3.0, 1e-3]),
        helper.make_tensor("typed_int64", TensorProto.INT64, [3], [-5, 2**40 + 1, 7]),
        helper.make_tensor("typed_int8", TensorProto.INT8, [4], [-128, -1, 0, 127]),
        # onnx's make_tensor stores FLOAT16 values' bits in int32_data
        helper.make_tensor("typed_half", TensorProto.FLOAT16, [2], [1.5, -0.25]),
        numpy_helper.from_array(rng.standard_normal(3).astype(np.float16), "layers.2.half"),
        numpy_helper.from_array(np.array([1.0, 2.0], np.float64), "double_raw"),
    ]
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3])
    graph = helper.make_graph([helper.make_node("MatMul", ["x", "layers.10.w"], ["y"])], "plain", [x], [y], inits)
    model = helper.make_model(graph, producer_name="quantscope-make_models")
    onnx.save(model, path("onnx", "plain.onnx"))
    loaded = onnx.load(path("onnx", "plain.onnx"))
    for t in loaded.graph.initializer:
        a = numpy_helper.to_array(t)
        expect("onnx/plain.onnx:" + t.name, a.astype(np.float32), str(a.dtype))

    # External data: every initializer in a file beside the model.
    ext = helper.make_model(
        helper.make_graph([helper.make_node("MatMul", ["x", "layers.10.w"], ["y"])], "ext", [x], [y],
                          [numpy_helper.from_array(w, "layers.10.w"),
                           numpy_helper.from_array(np.arange(6, dtype=np.int32).reshape(2, 3), "ints")]))
    os.makedirs(path("onnx", "external", "x"), exist_ok=True)
    if os.path.exists(path("onnx", "external", "weights.bin")):
        os.remove(path("onnx", "external", "weights.bin"))  # onnx appends to an existing data file
    onnx.save_model(ext, path("onnx", "external", "model.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="weights.bin", size_threshold=0)
    expect("onnx/external/model.onnx:layers.10.w", w, "float32")
    expect("onnx/external/model.onnx:ints", np.arange(6, dtype=np.float32).reshape(2, 3), "int32")
    # The same model pointing out of its folder: refused.
    bad = onnx.load(path("onnx", "external", "model.onnx"), load_external_data=False)
    for t in bad.graph.initializer:
        for e in t.external_data:
            if e.key == "location":
                e.value = "../plain.onnx"
    onnx.save(bad, path("onnx", "external", "traversal.onnx"))

    # QDQ: int8 weights with per-axis and per-tensor DequantizeLinear (opset 13).
    wq = rng.integers(-128, 128, size=(4, 3)).astype(np.int8)
    scale = np.array([0.5, 0.25, 0.125, 0.0625], np.float32)
    zp = np.array([0, 1, -1, 2], np.int8)
    w2 = rng.integers(0, 256, size=(3, 2)).astype(np.uint8)
    nodes = [
        helper.make_node("DequantizeLinear", ["w_q", "w_scale", "w_zp"], ["w_deq"], axis=0),
        helper.make_node("MatMul", ["x", "w_deq"], ["h"]),
        helper.make_node("DequantizeLinear", ["w2_q", "w2_scale", "w2_zp"], ["w2_deq"]),
        helper.make_node("MatMul", ["h", "w2_deq"], ["y2"]),
    ]
    y2 = helper.make_tensor_value_info("y2", TensorProto.FLOAT, [1, 2])
    qinits = [numpy_helper.from_array(wq, "w_q"), numpy_helper.from_array(scale, "w_scale"),
              numpy_helper.from_array(zp, "w_zp"), numpy_helper.from_array(w2, "w2_q"),
              numpy_helper.from_array(np.array(0.03125, np.float32), "w2_scale"),
              numpy_helper.from_array(np.array(128, np.uint8), "w2_zp")]
    qdq = helper.make_model(helper.make_graph(nodes, "qdq", [x], [y2], qinits),
                            opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(qdq)
    onnx.save(qdq, path("onnx", "qdq.onnx"))
    for t in onnx.load(path("onnx", "qdq.onnx")).graph.initializer:
        a = numpy_helper.to_array(t)
        expect("onnx/qdq.onnx:" + t.name, a.astype(np.float32), str(a.dtype))


# ---------------------------------------------------------------- TF.js
def tfjs_dequant(q, scale, minimum, dtype):
    # tfjs-core io_utils decodeWeights: JavaScript doubles, stored into Float32Array (or Math.round into Int32Array).
    v = q.astype(np.float64) * scale + minimum
    if dtype == "int32":
        v = np.floor(v + 0.5)  # Math.round; exact for these values
    return v.astype(np.float32)


def make_tfjs():
    rng = np.random.default_rng(1800)
    weights, blobs = [], []
    f32 = rng.standard_normal((3, 2)).astype(np.float32)
    weights.append({"name": "layers.10.kernel", "shape": [3, 2], "dtype": "float32"})
    blobs.append(f32.tobytes())
    expect("tfjs/model.json:layers.10.kernel", f32, "float32")
    i32 = np.array([-3, 0, 70000], np.int32)
    weights.append({"name": "layers.2.ids", "shape": [3], "dtype": "int32"})
    blobs.append(i32.tobytes())
    expect("tfjs/model.json:layers.2.ids", i32.astype(np.float32), "int32")
    b = np.array([1, 0, 1, 1], np.uint8)
    weights.append({"name": "mask", "shape": [2, 2], "dtype": "bool"})
    blobs.append(b.tobytes())
    expect("tfjs/model.json:mask", b.astype(np.float32).reshape(2, 2), "bool")
    for qdtype, npd in (("uint8", np.uint8), ("uint16", np.uint16)):
        q = rng.integers(0, np.iinfo(npd).max + 1, size=(7,)).astype(npd)
        scale, minimum = 0.0123456789, -1.1
        weights.append({"name": "quant_" + qdtype, "shape": [7], "dtype": "float32",
                        "quantization": {"dtype": qdtype, "scale": scale, "min": minimum}})
        blobs.append(q.astype("<" + np.dtype(npd).str[1:]).tobytes())
        expect("tfjs/model.json:quant_" + qdtype, tfjs_dequant(q, scale, minimum, "float32"), qdtype)
    h = rng.standard_normal(5).astype(np.float16)
    weights.append({"name": "quant_float16", "shape": [5], "dtype": "float32", "quantization": {"dtype": "float16"}})
    blobs.append(h.tobytes())
    expect("tfjs/model.json:quant_float16", h.astype(np.float32), "float16")
    qi = np.array([0, 1, 2, 255], np.uint8)
    weights.append({"name": "quant_int32", "shape": [4], "dtype": "int32",
                    "quantization": {"dtype": "uint8", "scale": 0.5, "min": -3}})
    blobs.append(qi.tobytes())
    expect("tfjs/model.json:quant_int32", tfjs_dequant(qi, 0.5, -3, "int32"), "uint8")
    data = b"".join(blobs)
    cut = len(blobs[0]) + 5  # the second shard starts inside layers.2.ids: a weight crosses the boundary
    shards = ["group1-shard1of2.bin", "group1-shard2of2.bin"]
    with open(path("tfjs", shards[0]), "wb") as f:
        f.write(data[:cut])
    with open(path("tfjs", shards[1]), "wb") as f:
        f.write(data[cut:])
    model = {"format": "layers-model", "generatedBy": "quantscope make_models.py", "convertedBy": None,
             "modelTopology": {}, "weightsManifest": [{"paths": shards, "weights": weights}]}
    with open(path("tfjs", "model.json"), "w") as f:
        json.dump(model, f, indent=1)


def make_face(folder):
    # The first five weights of face-api's real uint8-quantized landmark model and the
    # bytes they occupy at the start of its shard.
    with open(os.path.join(folder, "face_landmark_68_tiny_model-weights_manifest.json")) as f:
        manifest = json.load(f)
    group = manifest[0]
    keep = group["weights"][:5]
    size = 0
    for w in keep:
        n = int(np.prod(w["shape"]))
        size += n * (1 if "quantization" in w else 4)
    with open(os.path.join(folder, group["paths"][0]), "rb") as f:
        shard = f.read(size)
    out = [{"paths": ["face_landmark_68_tiny_model.bin"], "weights": keep}]
    with open(path("tfjs", "face", "face_landmark_68_tiny_model-weights_manifest.json"), "w") as f:
        json.dump(out, f, indent=1)
    with open(path("tfjs", "face", "face_landmark_68_tiny_model.bin"), "wb") as f:
        f.write(shard)
    offset = 0
    for w in keep:
        n = int(np.prod(w["shape"]))
        q = np.frombuffer(shard, np.uint8, n, offset)
        offset += n
        qz = w["quantization"]
        expect("tfjs/face/face_landmark_68_tiny_model-weights_manifest.json:" + w["name"],
               tfjs_dequant(q, qz["scale"], qz["min"], w["dtype"]).reshape(w["shape"]), "uint8")


# ---------------------------------------------------------------- GGUF
class GgmlInitParams(ctypes.Structure):
    _fields_ = [("mem_size", ctypes.c_size_t), ("mem_buffer", ctypes.c_void_p), ("no_alloc", ctypes.c_bool)]


TO_FLOAT = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.c_int64)


class TypeTraits(ctypes.Structure):  # ggml.h struct ggml_type_traits
    _fields_ = [("type_name", ctypes.c_char_p), ("blck_size", ctypes.c_int64), ("blck_size_interleave", ctypes.c_int64),
                ("type_size", ctypes.c_size_t), ("is_quantized", ctypes.c_bool), ("to_float", TO_FLOAT),
                ("from_float_ref", ctypes.c_void_p)]


GGML_TYPES = {"f32": 0, "f16": 1, "q4_0": 2, "q4_1": 3, "q5_0": 6, "q5_1": 7, "q8_0": 8, "q2_K": 10, "q3_K": 11,
              "q4_K": 12, "q5_K": 13, "q6_K": 14, "iq4_nl": 20, "bf16": 30, "iq2_xxs": 16, "tq2_0": 35, "mxfp4": 39}


def make_gguf(ggml_dir):
    g = ctypes.CDLL(os.path.join(ggml_dir, "libggml-base.so"))
    g.ggml_init.restype = ctypes.c_void_p
    g.ggml_init.argtypes = [GgmlInitParams]
    for n in ("ggml_new_tensor_1d", "ggml_new_tensor_2d", "ggml_new_tensor_3d"):
        getattr(g, n).restype = ctypes.c_void_p
    g.ggml_new_tensor_1d.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int64]
    g.ggml_new_tensor_2d.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int64, ctypes.c_int64]
    g.ggml_new_tensor_3d.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_int64]
    g.ggml_set_name.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    g.ggml_get_data.restype = ctypes.c_void_p
    g.ggml_get_data.argtypes = [ctypes.c_void_p]
    g.ggml_nbytes.restype = ctypes.c_size_t
    g.ggml_nbytes.argtypes = [ctypes.c_void_p]
    g.ggml_quantize_chunk.restype = ctypes.c_size_t
    g.ggml_quantize_chunk.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_int64,
                                      ctypes.c_int64, ctypes.c_void_p]
    g.ggml_get_type_traits.restype = ctypes.POINTER(TypeTraits)
    g.ggml_type_name.restype = ctypes.c_char_p
    g.gguf_init_empty.restype = ctypes.c_void_p
    g.gguf_add_tensor.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    g.gguf_write_to_file.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_bool]
    g.gguf_write_to_file.restype = ctypes.c_bool
    for n, t in (("u8", ctypes.c_uint8), ("i8", ctypes.c_int8), ("u16", ctypes.c_uint16), ("i16", ctypes.c_int16),
                 ("u32", ctypes.c_uint32), ("i32", ctypes.c_int32), ("f32", ctypes.c_float), ("u64", ctypes.c_uint64),
                 ("i64", ctypes.c_int64), ("f64", ctypes.c_double), ("bool", ctypes.c_bool), ("str", ctypes.c_char_p)):
        getattr(g, "gguf_set_val_" + n).argtypes = [ctypes.c_void_p, ctypes.c_char_p, t]
    g.gguf_set_arr_str.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t]
    g.gguf_set_arr_data.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]

    ctx = g.ggml_init(GgmlInitParams(16 << 20, None, False))
    gctx = g.gguf_init_empty()
    g.gguf_set_val_str(gctx, b"general.architecture", b"llama")
    g.gguf_set_val_str(gctx, b"general.name", "qs-tiny \u00e9".encode())
    g.gguf_set_val_u8(gctx, b"t.u8", 200)
    g.gguf_set_val_i8(gctx, b"t.i8", -100)
    g.gguf_set_val_u16(gctx, b"t.u16", 60000)
    g.gguf_set_val_i16(gctx, b"t.i16", -30000)
    g.gguf_set_val_u32(gctx, b"llama.block_count", 12)
    g.gguf_set_val_i32(gctx, b"t.i32", -2000000000)
    g.gguf_set_val_f32(gctx, b"llama.rope.freq_base", 10000.0)
    g.gguf_set_val_u64(gctx, b"t.u64", 2**63 + 5)
    g.gguf_set_val_i64(gctx, b"t.i64", -2**62)
    g.gguf_set_val_f64(gctx, b"t.f64", 0.1)
    g.gguf_set_val_bool(gctx, b"t.bool", True)
    tokens = [("tok%d" % i).encode() for i in range(20)]
    g.gguf_set_arr_str(gctx, b"tokenizer.ggml.tokens", (ctypes.c_char_p * 20)(*tokens), 20)
    scores = (ctypes.c_float * 20)(*[float(-i) for i in range(20)])
    g.gguf_set_arr_data(gctx, b"tokenizer.ggml.scores", 6, scores, 20)

    rng = np.random.default_rng(18000)
    specs = [  # name, type, ggml ne (fastest first)
        ("blk.10.attn_q.weight", "q4_0", (64, 2)), ("blk.2.attn_q.weight", "q8_0", (32, 3)),
        ("blk.0.ffn_up.weight", "q4_1", (64, 1)), ("blk.0.ffn_gate.weight", "q5_0", (32, 2)),
        ("blk.0.ffn_down.weight", "q5_1", (32, 2)), ("blk.1.q2", "q2_K", (256, 1)), ("blk.1.q3", "q3_K", (256, 1)),
        ("blk.1.q4", "q4_K", (256, 1)), ("blk.1.q5", "q5_K", (256, 1)), ("blk.1.q6", "q6_K", (256, 1)),
        ("blk.1.iq4nl", "iq4_nl", (64, 1)), ("norm.f32", "f32", (4, 3, 2)), ("norm.f16", "f16", (5,)),
        ("norm.bf16", "bf16", (3, 2)), ("listed.iq2_xxs", "iq2_xxs", (256, 1)), ("listed.tq2_0", "tq2_0", (256, 1)),
        ("listed.mxfp4", "mxfp4", (32, 1)),
    ]
    keep = []
    for name, tname, ne in specs:
        t = GGML_TYPES[tname]
        x = (rng.standard_normal(int(np.prod(ne))) * 0.5).astype(np.float32)
        x[3] = 4.0  # an outlier so the scales differ between blocks
        if len(ne) == 1:
            tensor = g.ggml_new_tensor_1d(ctx, t, *ne)
        elif len(ne) == 2:
            tensor = g.ggml_new_tensor_2d(ctx, t, *ne)
        else:
            tensor = g.ggml_new_tensor_3d(ctx, t, *ne)
        g.ggml_set_name(tensor, name.encode())
        data = g.ggml_get_data(tensor)
        nbytes = g.ggml_nbytes(tensor)
        # gguf_add_tensor stores ggml_n_dims(tensor) dimensions: trailing 1s are dropped.
        dims = max([i + 1 for i, d in enumerate(ne) if d > 1] + [1])
        shape = list(reversed(ne[:dims]))
        if tname == "f32":
            ctypes.memmove(data, x.tobytes(), nbytes)
            expect("gguf/tiny.gguf:" + name, x.reshape(shape), tname)
        elif tname == "f16":
            ctypes.memmove(data, x.astype(np.float16).tobytes(), nbytes)
            expect("gguf/tiny.gguf:" + name, x.astype(np.float16).astype(np.float32).reshape(shape), tname)
        elif tname == "bf16":
            bits = (x.view(np.uint32) >> 16).astype(np.uint16)  # truncated: any bf16 bits will do
            ctypes.memmove(data, bits.tobytes(), nbytes)
            expect("gguf/tiny.gguf:" + name, (bits.astype(np.uint32) << 16).view(np.float32).reshape(shape), tname)
        else:
            rows = int(np.prod(ne[1:])) if len(ne) > 1 else 1
            if tname in ("iq2_xxs", "tq2_0", "mxfp4"):
                ctypes.memset(data, 0x11, nbytes)  # any block bytes are valid; these types need no quantizer here
            else:
                n = g.ggml_quantize_chunk(t, x.ctypes.data, data, 0, rows, ne[0], None)
                assert n == nbytes, (name, n, nbytes)
            traits = g.ggml_get_type_traits(t).contents
            assert traits.type_name.decode() == tname and traits.type_size * ne[0] // traits.blck_size * rows == nbytes
            out = (ctypes.c_float * x.size)()
            traits.to_float(data, out, x.size)
            expect("gguf/tiny.gguf:" + name, np.frombuffer(out, np.float32).reshape(shape), tname, nbytes=nbytes)
        g.gguf_add_tensor(gctx, tensor)
        keep.append(name)
    assert g.gguf_write_to_file(gctx, path("gguf", "tiny.gguf").encode(), False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ggml")
    ap.add_argument("--face")
    args = ap.parse_args()
    old = {}
    manifest = os.path.join(HERE, "expected.json")
    if os.path.exists(manifest):
        with open(manifest) as f:
            old = json.load(f)
    make_npz()
    make_shards()
    make_torch()
    make_onnx()
    make_tfjs()
    if args.face:
        make_face(args.face)
    else:
        EXPECTED.update({k: v for k, v in old.items() if k.startswith("tfjs/face/")})
    if args.ggml:
        make_gguf(args.ggml)
    else:
        EXPECTED.update({k: v for k, v in old.items() if k.startswith("gguf/")})
    with open(manifest, "w") as f:
        json.dump(dict(sorted(EXPECTED.items())), f, indent=0, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
