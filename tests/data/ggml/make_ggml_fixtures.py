#!/usr/bin/env python3
"""Makes tests/data/ggml/ggml_fixtures.bin from llama.cpp's own library.

The fixtures pin Quantscope's ggml block formats (core/quant/ggmltypes.h) to
llama.cpp bit for bit: for every input row, the bytes that llama.cpp's
reference quantizer quantize_row_<type>_ref writes and the floats that its
dequantize_row_<type> reads back, plus random blocks decoded by llama.cpp.
This tool is never a build or run-time dependency; run it by hand:

    npm pack @node-llama-cpp/linux-x64@3.21.1 && tar xzf node-llama-cpp-linux-x64-3.21.1.tgz
    npm pack @vladmandic/face-api@1.7.15 && mkdir face && tar xzf vladmandic-face-api-1.7.15.tgz -C face
    npm pack @upscalerjs/esrgan-thick@1.0.0 && mkdir esrgan && tar xzf upscalerjs-esrgan-thick-1.0.0.tgz -C esrgan
    /usr/bin/python3 tests/data/ggml/make_ggml_fixtures.py \\
        --ggml package/bins/linux-x64/libggml-base.so --face-api face/package --esrgan esrgan/package

Output (little-endian), compressed as Qt's qUncompress() reads it (4-byte
big-endian length, then a zlib stream):
    b"QSGGMLFX" u32 version=1
    u32 types;   per type:   u32 id, u16 len, name, i64 block size, i64 block bytes   (ggml_type_name/blck_size/type_size)
    u32 cases;   per case:   u16 len, name, u32 n, f32[n] values
    u32 records; per record: u32 type, u32 case (0xffffffff: random bytes, no input), u32 n,
                             u32 nbytes, u8[nbytes] ggml's bytes, u32 m (0 or n), f32[m] ggml's dequantized values
    u32 digests; per digest: u32 type, u64 seed, u32 n, u8[32] sha256 of ggml's bytes, u8[32] sha256 of its floats
                 (for a long generated row, see stress_row(): the test generates the same row and compares digests)
The dequantized values are kept for the random blocks (every code and scale path of each decoder) and for
the special rows (zeros, denormal, tiny, huge, f16-specials); elsewhere only the bytes, to keep the file small.
"""
import argparse
import ctypes
import hashlib
import json
import math
import os
import struct
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

# ggml types whose reference quantizer is compared (name, ggml function suffix).
ENCODED = ["q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "q2_K", "q3_K", "q4_K", "q5_K", "q6_K", "q8_K",
           "iq4_nl", "tq1_0", "tq2_0"]
# Decoded from random bytes (with finite scales, so that every output is a number).
DECODED = ["q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "q2_K", "q3_K", "q4_K", "q5_K", "q6_K", "q8_K",
           "iq4_nl", "iq4_xs", "tq1_0", "tq2_0", "mxfp4"]
# Offsets of the fp16 scale fields in each block (set to random finite halves).
HALF_FIELDS = {"q4_0": [0], "q4_1": [0, 2], "q5_0": [0], "q5_1": [0, 2], "q8_0": [0], "q2_K": [80, 82],
               "q3_K": [108], "q4_K": [0, 2], "q5_K": [0, 2], "q6_K": [208], "iq4_nl": [0], "iq4_xs": [0],
               "tq1_0": [52], "tq2_0": [64], "mxfp4": []}


class Ggml:
    def __init__(self, path):
        self.lib = ctypes.CDLL(path)
        self.lib.ggml_type_name.restype = ctypes.c_char_p
        self.lib.ggml_blck_size.restype = ctypes.c_int64
        self.lib.ggml_type_size.restype = ctypes.c_size_t
        self.lib.ggml_quantize_chunk.restype = ctypes.c_size_t
        self.lib.ggml_quantize_chunk.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64,
                                                 ctypes.c_int64, ctypes.c_int64, ctypes.c_void_p]
        # GGML_TYPE_COUNT of this library is 43 (ggml_type_name has no bounds check: stop there).
        assert self.lib.ggml_type_name(42) == b"q2_0", "not the ggml of node-llama-cpp 3.21.1"
        self.types = {}
        for tid in range(43):
            name = self.lib.ggml_type_name(tid)
            blck = self.lib.ggml_blck_size(tid)
            if name and blck > 0 and b"REMOVED" not in name and b"DEPRECATED" not in name:
                self.types[name.decode()] = (tid, blck, self.lib.ggml_type_size(tid))

    def row_bytes(self, name, n):
        tid, blck, size = self.types[name]
        assert n % blck == 0
        return n // blck * size

    def quantize(self, name, x):
        x = np.ascontiguousarray(x, dtype=np.float32)
        out = np.zeros(self.row_bytes(name, len(x)), dtype=np.uint8)
        fn = getattr(self.lib, "quantize_row_%s_ref" % name)
        fn(x.ctypes.data_as(ctypes.c_void_p), out.ctypes.data_as(ctypes.c_void_p), ctypes.c_int64(len(x)))
        return out

    def quantize_chunk(self, name, x):
        x = np.ascontiguousarray(x, dtype=np.float32)
        out = np.zeros(self.row_bytes(name, len(x)), dtype=np.uint8)
        self.lib.ggml_quantize_chunk(self.types[name][0], x.ctypes.data, out.ctypes.data, 0, 1, len(x), None)
        return out

    def dequantize(self, name, data, n):
        data = np.ascontiguousarray(data, dtype=np.uint8)
        out = np.zeros(n, dtype=np.float32)
        fn = getattr(self.lib, "dequantize_row_%s" % name)
        fn(data.ctypes.data_as(ctypes.c_void_p), out.ctypes.data_as(ctypes.c_void_p), ctypes.c_int64(n))
        return out

    def row_fn(self, fn, src, n, out_dtype):
        src = np.ascontiguousarray(src)
        out = np.zeros(n, dtype=out_dtype)
        getattr(self.lib, fn)(src.ctypes.data_as(ctypes.c_void_p), out.ctypes.data_as(ctypes.c_void_p),
                              ctypes.c_int64(n))
        return out


def tfjs_tensor(model_dir, manifest_file, tensor):
    """A tensor of a TF.js model: its weights manifest, its shards concatenated, uint8/uint16 dequantized
    as TF.js does (q·scale + min, in double, stored as float32)."""
    manifest = json.load(open(os.path.join(model_dir, manifest_file)))
    groups = manifest["weightsManifest"] if isinstance(manifest, dict) else manifest
    for group in groups:
        blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            count = math.prod(w["shape"])
            q = w.get("quantization")
            itemsize = {"uint8": 1, "uint16": 2, "float16": 2}[q["dtype"]] if q else 4
            if w["name"] == tensor:
                raw = blob[offset:offset + count * itemsize]
                if not q:
                    values = np.frombuffer(raw, dtype="<f4")
                else:
                    codes = np.frombuffer(raw, dtype={1: np.uint8, 2: "<u2"}[itemsize]).astype(np.float64)
                    values = (codes * q["scale"] + q["min"]).astype(np.float32)
                return values.reshape(w["shape"])
            offset += count * itemsize
    raise SystemExit("tensor %s not found in %s" % (tensor, manifest_file))


def make_cases(args):
    rng = np.random.default_rng(20240617)
    f = np.float32
    cases = []

    def add(name, values):
        v = np.asarray(values, dtype=np.float32).reshape(-1)
        assert v.size % 256 == 0, name
        cases.append((name, v))

    add("normal", rng.standard_normal(512))
    add("weights-0.02", rng.standard_normal(256) * 0.02)
    out = rng.standard_normal(512)
    idx = rng.choice(512, 8, replace=False)
    out[idx] = rng.choice([-1, 1], 8) * rng.uniform(20, 100, 8)
    add("outliers", out)
    add("zeros", np.zeros(256))
    add("constant-positive", np.full(256, 0.7))
    add("constant-negative", np.full(256, -3.25))
    den = rng.choice([-1, 1], 256) * rng.uniform(1, 8, 256) * 1e-40
    den[rng.choice(256, 40, replace=False)] = 0
    add("denormal", den)
    # Around GROUP_MAX_EPS (1e-15) and where d underflows fp16.
    tiny = np.concatenate([rng.standard_normal(64) * 1e-16, rng.standard_normal(64) * 1e-13,
                           rng.standard_normal(64) * 1e-9, rng.standard_normal(64) * 1e-6])
    add("tiny", tiny)
    # fp16 d overflows (65504), and sums of squares overflow float32.
    huge = np.concatenate([rng.standard_normal(64) * 3e4, rng.standard_normal(64) * 1e6,
                           rng.standard_normal(64) * 1e18, rng.standard_normal(64) * 1e30])
    add("huge", huge)
    add("positive", rng.uniform(0, 1, 256))
    add("negative", -rng.uniform(0, 2, 256))
    mags = rng.standard_normal(256) * np.repeat(10.0 ** rng.uniform(-3, 1, 16), 16)
    add("sub-block-magnitudes", mags)
    add("integers-and-halves", rng.integers(-16, 17, 256) / 2.0)
    sparse = np.zeros(256)
    sparse[rng.choice(256, 9, replace=False)] = rng.standard_normal(9)
    add("sparse", sparse)
    # Real weights, rows of the llama.cpp view [out, in·kh·kw] (first 512 values of two rows for the
    # 3x3 convolution, whose rows of 576 are not a multiple of 256).
    esr = tfjs_tensor(os.path.join(args.esrgan, "models", "x2"), "model.json", "F_10_1_1/kernel")  # HWIO [3,3,64,32]
    esr_rows = esr.transpose(3, 2, 0, 1).reshape(esr.shape[3], -1)  # [out, in·kh·kw]
    add("esrgan-F_10_1_1", esr_rows[:2, :256])
    face = tfjs_tensor(os.path.join(args.face_api, "model"), "face_expression_model-weights_manifest.json",
                       "dense3/conv1/pointwise_filter")  # [1,1,256,256] -> [out, in]
    face_rows = face.reshape(face.shape[2], face.shape[3]).T
    add("face-api-dense3-conv1", face_rows[:2])
    return cases


def stress_row(seed, n):
    """A long row made only of exact float operations on splitmix64 outputs, so that the C++ test can make
    the same floats: value = (m·2^-24 − 1/2)·2^e with m the top 24 bits, e = (bits 3-5) − 4 plus an
    exponent per 16 values in −12..7, and ×64 for one value in 1024 (an outlier)."""
    mask = (1 << 64) - 1
    state = seed
    out = np.empty(n, dtype=np.float32)
    group_e = 0
    for i in range(n):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        if i % 16 == 0:
            group_e = int((z >> 32) % 20) - 12
        m = np.float32(z >> 40) * np.float32(2.0 ** -24) - np.float32(0.5)
        e = int((z >> 3) & 7) - 4 + group_e + (6 if (z & 0x3FF) == 0 else 0)
        out[i] = np.float32(np.ldexp(np.float64(m), e))
    return out


def random_blocks(g, name, rng, blocks):
    tid, blck, size = g.types[name]
    data = rng.integers(0, 256, blocks * size, dtype=np.uint8)
    for b in range(blocks):
        for off in HALF_FIELDS.get(name, []):
            h = int(rng.integers(0, 0x7c00)) | (int(rng.integers(0, 2)) << 15)  # finite half
            data[b * size + off] = h & 0xff
            data[b * size + off + 1] = h >> 8
        if name == "q8_K":
            d = np.array([rng.standard_normal()], dtype="<f4").view(np.uint8)
            data[b * size:b * size + 4] = d
    # A block with every scale field at its extremes: the largest finite half.
    return data, blocks * blck


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ggml", required=True, help="libggml-base.so of @node-llama-cpp/linux-x64@3.21.1")
    ap.add_argument("--face-api", required=True, help="the extracted @vladmandic/face-api package directory")
    ap.add_argument("--esrgan", required=True, help="the extracted @upscalerjs/esrgan-thick package directory")
    ap.add_argument("--out", default=os.path.join(HERE, "ggml_fixtures.bin"))
    args = ap.parse_args()
    g = Ggml(args.ggml)
    cases = make_cases(args)
    rng = np.random.default_rng(7)

    records = []
    special = {"zeros", "denormal", "tiny", "huge", "f16-specials"}
    for name in ENCODED:
        for ci, (cname, x) in enumerate(cases):
            q = g.quantize(name, x)
            if name not in ("iq4_nl", "q8_K"):  # quantize_chunk = the reference (iq4_nl searches more; no q8_K)
                assert np.array_equal(q, g.quantize_chunk(name, x)), (name, cname)
            records.append((name, ci, len(x), q, g.dequantize(name, q, len(x)) if cname in special else None))
    # fp16 / bf16 rows with ggml's row converters, specials included.
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 65504, 65519.99, 65520, 1e-8, 2.0 ** -25,
                         2.0 ** -24 * 1.5, 3.0e38, -1.17549435e-38, 5.96e-8, 6.1e-5, 1 + 2.0 ** -11],
                        dtype=np.float32)
    cases.append(("f16-specials", np.concatenate([specials, rng.standard_normal(256 - len(specials))
                                                  .astype(np.float32) * 1000]).astype(np.float32)))
    for ci, (cname, x) in enumerate(cases):
        if cname not in ("normal", "denormal", "tiny", "huge", "f16-specials"):
            continue
        h = g.row_fn("ggml_fp32_to_fp16_row", x, len(x), np.uint16)
        records.append(("f16", ci, len(x), h.view(np.uint8), g.row_fn("ggml_fp16_to_fp32_row", h, len(x), np.float32)))
        b = g.row_fn("ggml_fp32_to_bf16_row_ref", x, len(x), np.uint16)
        records.append(("bf16", ci, len(x), b.view(np.uint8), g.row_fn("ggml_bf16_to_fp32_row", b, len(x), np.float32)))
    # Decoders on random blocks; iq4_xs and mxfp4 also on their own reference quantizers' output.
    for name in DECODED:
        data, n = random_blocks(g, name, rng, 4 if g.types[name][1] == 256 else 16)
        records.append((name, 0xffffffff, n, data, g.dequantize(name, data, n)))
    for name in ("iq4_xs", "mxfp4"):
        for ci, (cname, x) in enumerate(cases):
            if cname in ("normal", "esrgan-F_10_1_1"):
                q = g.quantize(name, x)
                records.append((name, 0xffffffff, len(x), q, g.dequantize(name, q, len(x))))
    # The fp16 and bf16 NaNs and infinities (signalling and quiet) through ggml's converters back to float.
    nans = np.array([0x7c00, 0xfc00, 0x7c01, 0x7dff, 0x7e00, 0xfe01, 0x7fff, 0x0001, 0x8001, 0x03ff, 0x0400],
                    dtype=np.uint16)
    records.append(("f16", 0xffffffff, len(nans), nans.view(np.uint8),
                    g.row_fn("ggml_fp16_to_fp32_row", nans, len(nans), np.float32)))
    bnans = np.array([0x7f80, 0xff80, 0x7f81, 0x7fbf, 0x7fc0, 0xffc1, 0x0001, 0x8001], dtype=np.uint16)
    records.append(("bf16", 0xffffffff, len(bnans), bnans.view(np.uint8),
                    g.row_fn("ggml_bf16_to_fp32_row", bnans, len(bnans), np.float32)))

    digests = []
    for seed in (1, 2):
        row = stress_row(seed, 1 << 16)
        for name in ENCODED:
            q = g.quantize(name, row)
            deq = g.dequantize(name, q, len(row))
            if name == "iq4_nl":  # all-zero blocks keep stale codes in this ggml (see the test): none here
                assert all(np.abs(row[b * 32:(b + 1) * 32]).max() >= 1e-15 for b in range(len(row) // 32))
            digests.append((name, seed, len(row), hashlib.sha256(q.tobytes()).digest(),
                            hashlib.sha256(deq.astype("<f4").tobytes()).digest()))

    body = bytearray(b"QSGGMLFX" + struct.pack("<I", 1))
    body += struct.pack("<I", len(g.types))
    for name, (tid, blck, size) in sorted(g.types.items(), key=lambda kv: kv[1][0]):
        body += struct.pack("<IH", tid, len(name)) + name.encode() + struct.pack("<qq", blck, size)
    body += struct.pack("<I", len(cases))
    for cname, x in cases:
        body += struct.pack("<H", len(cname)) + cname.encode() + struct.pack("<I", len(x))
        body += np.ascontiguousarray(x, dtype="<f4").tobytes()
    body += struct.pack("<I", len(records))
    for name, ci, n, data, deq in records:
        data = np.ascontiguousarray(data, dtype=np.uint8)
        body += struct.pack("<IIII", g.types[name][0], ci, n, len(data)) + data.tobytes()
        deq = np.zeros(0, dtype="<f4") if deq is None else np.ascontiguousarray(deq, dtype="<f4")
        body += struct.pack("<I", len(deq)) + deq.tobytes()
    body += struct.pack("<I", len(digests))
    for name, seed, n, hq, hd in digests:
        body += struct.pack("<IQI", g.types[name][0], seed, n) + hq + hd
    blob = struct.pack(">I", len(body)) + zlib.compress(bytes(body), 9)
    with open(args.out, "wb") as fh:
        fh.write(blob)
    print("%s: %d types, %d cases, %d records, %d bytes (%d uncompressed)" %
          (args.out, len(g.types), len(cases), len(records), len(blob), len(body)))


if __name__ == "__main__":
    main()
