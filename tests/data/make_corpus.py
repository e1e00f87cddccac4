#!/usr/bin/env python3
"""Makes the small test corpus of Quantscope's readers (tests/data).

Run from anywhere with a Python that has NumPy (Debian: python3-numpy):
    python3 tests/data/make_corpus.py
It rewrites npy/, safetensors/, text/, bad/ and corpus.json deterministically.
NumPy writes every valid .npy file; .safetensors files are assembled by hand
(8-byte little-endian header length, JSON header, data) following the format
description of huggingface/safetensors. corpus.json records, for every valid
file/tensor, the shape and the float32 bit patterns that NumPy's own
conversion (astype(float32)) gives, plus how many values that conversion
rounded (inexact) or pushed beyond the float32 range (overflowed). Those are
the independent reference the C++ tests compare against bit for bit.
"""
import json
import os
import pickle
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
manifest = {}


def out(*parts):
    path = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def f32_bits(values):
    a = np.ascontiguousarray(np.asarray(values, dtype=np.float32).reshape(-1))
    return ["%08x" % v for v in a.view(np.uint32).tolist()]


def conversion_counts(arr):
    """(inexact, overflowed) of converting arr to float32, judged in exact arithmetic."""
    flat = arr.reshape(-1)
    inexact = overflowed = 0
    if flat.dtype.kind in "iu":
        for v in flat.tolist():
            f = np.float32(v)
            if not np.isfinite(f) or int(f) != v:
                inexact += 1
    elif flat.dtype.kind == "f" and flat.dtype.itemsize == 8:
        with np.errstate(over="ignore"):
            f = flat.astype(np.float32)
        for d, x in zip(flat.tolist(), f.tolist()):
            if np.isfinite(d) and not np.isfinite(x):
                overflowed += 1
            elif d == d and float(np.float32(x)) != d:
                inexact += 1
    return inexact, overflowed


def record(key, arr, dtype_name):
    with np.errstate(over="ignore", invalid="ignore"):
        ref = np.asarray(arr).astype(np.float32)
    # Text is decimal: every number is rounded once to float32, which is not counted.
    inexact, overflowed = (0, 0) if dtype_name == "text" else conversion_counts(np.asarray(arr))
    manifest[key] = {"shape": list(np.asarray(arr).shape), "dtype": dtype_name, "f32": f32_bits(ref),
                     "inexact": inexact, "overflowed": overflowed}


def sample(kind, size, shape, seed):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    if kind == "f":
        base = rng.standard_normal(n) * 10
    elif kind == "b":
        return rng.integers(0, 2, n).astype(bool).reshape(shape)
    else:
        info = np.iinfo(np.dtype(kind + str(size)))
        lo, hi = max(info.min, -(2**62)), min(info.max, 2**62)
        base = rng.integers(lo, hi, n, dtype=np.int64 if kind == "i" else np.uint64, endpoint=True)
        if kind == "i":
            base[:2] = [info.min, info.max]
        else:
            base[:2] = [0, info.max]
    return base.reshape(shape)


# --- .npy: every dtype x byte order x memory order, in 2x3 (Fortran differs from C) ---
numpy_names = {"f": "float", "i": "int", "u": "uint", "b": "bool"}
for kind, sizes in [("f", [2, 4, 8]), ("i", [1, 2, 4, 8]), ("u", [1, 2, 4, 8]), ("b", [1])]:
    for size in sizes:
        orders = ["|"] if size == 1 else ["<", ">"]
        for bo in orders:
            for fortran in (False, True):
                descr = bo + kind + str(size)
                dt = np.dtype(descr)
                arr = sample(kind, size, (2, 3), seed=size * 10 + ord(kind)).astype(dt)
                if fortran:
                    arr = np.asfortranarray(arr)
                name = "%s%d_%s_%s.npy" % (kind, size, {"<": "le", ">": "be", "|": "na"}[bo], "F" if fortran else "C")
                np.save(out("npy", name), arr)
                record("npy/" + name, arr, "bool" if kind == "b" else numpy_names[kind] + str(size * 8))

# Ranks: 0-d, zero-size, rank 5 in Fortran order, a 1-d vector.
for name, arr in [("scalar_0d.npy", np.array(3.25, dtype="<f4")),
                  ("empty_0.npy", np.zeros((0,), dtype="<f4")),
                  ("empty_3x0x2.npy", np.zeros((3, 0, 2), dtype=">f8")),
                  ("rank5_F.npy", np.asfortranarray(np.arange(2 * 3 * 1 * 2 * 2, dtype="<i2").reshape(2, 3, 1, 2, 2))),
                  ("vector.npy", np.linspace(-1, 1, 9).astype("<f4"))]:
    np.save(out("npy", name), arr)
    record("npy/" + name, arr, arr.dtype.name)

# Format versions 1.0, 2.0, 3.0 (3.0 allows a UTF-8 header).
ver = np.arange(6, dtype="<f4").reshape(3, 2) / 4
for major in (1, 2, 3):
    name = "version_%d.npy" % major
    with open(out("npy", name), "wb") as f:
        np.lib.format.write_array(f, ver, version=(major, 0))
    record("npy/" + name, ver, "float32")

# Special values survive: NaN, +-Inf, -0, subnormals, the float32 extremes.
special = np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45, -1.17549435e-38, 3.4028235e38, -3.4028235e38, 1.0],
                   dtype="<f4")
np.save(out("npy", "special_f4.npy"), special)
record("npy/special_f4.npy", special, "float32")

# float16: signed zeros, subnormals, the largest finite, Inf, NaN, and a spread of codes.
codes = np.array([0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x3c01, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00,
                  0x3555, 0xc000] + list(range(0x0123, 0x10000, 0x0f1d)), dtype="<u2")
half = codes.view("<f2")
np.save(out("npy", "f2_codes.npy"), half)
record("npy/f2_codes.npy", half, "float16")

# Integers beyond 2^24 and float64 beyond float32: rounded (counted) and overflowed (counted).
big_i8 = np.array([2**24, 2**24 + 1, 2**53 + 1, -(2**63), 2**63 - 1, 16777217 * 3, -5], dtype="<i8")
np.save(out("npy", "i8_big.npy"), big_i8)
record("npy/i8_big.npy", big_i8, "int64")
big_u8 = np.array([2**64 - 1, 2**63, 2**24 + 3, 7], dtype="<u8")
np.save(out("npy", "u8_big.npy"), big_u8)
record("npy/u8_big.npy", big_u8, "uint64")
wide = np.array([1e300, -1e300, 0.1, 1e-320, 0.5, np.nan], dtype=">f8")
np.save(out("npy", "f8_wide.npy"), wide)
record("npy/f8_wide.npy", wide, "float64")


# --- .safetensors, by hand ---
def fp8_value(code, e_bits, m_bits, bias, fn):
    """Independent reference decode of an OCP FP8 code (not the C++ table's code)."""
    s = -1.0 if code & 0x80 else 1.0
    e = (code >> m_bits) & ((1 << e_bits) - 1)
    m = code & ((1 << m_bits) - 1)
    if fn and e == (1 << e_bits) - 1 and m == (1 << m_bits) - 1:
        return float("nan")
    if not fn and e == (1 << e_bits) - 1:
        return s * float("inf") if m == 0 else float("nan")
    if e == 0:
        return s * m * 2.0 ** (1 - bias - m_bits)
    return s * (1 + m / 2.0**m_bits) * 2.0 ** (e - bias)


def write_safetensors(path, tensors, metadata=None, raw_header=None, pad=True):
    """tensors: list of (name, dtype, shape, bytes). Offsets are laid out in order."""
    header, blobs, offset = {}, [], 0
    for name, dtype, shape, data in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata is not None:
        header["__metadata__"] = metadata
    text = raw_header if raw_header is not None else json.dumps(header).encode()
    if pad:
        text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


st = []
rng = np.random.default_rng(7)
vals = (rng.standard_normal(6) * 3).reshape(2, 3)
for dt, np_dt in [("F64", "<f8"), ("F32", "<f4"), ("F16", "<f2"), ("I64", "<i8"), ("I32", "<i4"), ("I16", "<i2"),
                  ("I8", "i1"), ("U8", "u1"), ("U16", "<u2"), ("U32", "<u4"), ("U64", "<u8")]:
    a = (vals * 20).astype(np_dt) if dt[0] in "IU" else vals.astype(np_dt)
    if dt[0] == "U":
        a = np.abs(vals * 20).astype(np_dt)
    st.append(("t_" + dt.lower(), dt, a.shape, a.tobytes()))
    record("safetensors/all_dtypes.safetensors:t_" + dt.lower(), a, a.dtype.name)
bools = np.array([[True, False, True], [False, False, True]])
st.append(("t_bool", "BOOL", bools.shape, bools.astype("u1").tobytes()))
record("safetensors/all_dtypes.safetensors:t_bool", bools, "bool")
bf16_bits = np.array([0x3f80, 0xbf80, 0x4049, 0x7f80, 0xff80, 0x7fc0, 0x0001, 0x8000, 0x7f7f, 0x3e20], dtype="<u2")
st.append(("t_bf16", "BF16", (10,), bf16_bits.tobytes()))
bf16_ref = (bf16_bits.astype(np.uint32) << 16).view(np.float32)  # bfloat16 is the top half of a binary32
record("safetensors/all_dtypes.safetensors:t_bf16", bf16_ref, "bfloat16")
for dt, e_bits, m_bits, bias, fn in [("F8_E4M3", 4, 3, 7, True), ("F8_E5M2", 5, 2, 15, False)]:
    all_codes = np.arange(256, dtype=np.uint8).reshape(16, 16)
    st.append(("t_" + dt.lower(), dt, (16, 16), all_codes.tobytes()))
    ref = np.array([fp8_value(c, e_bits, m_bits, bias, fn) for c in range(256)]).reshape(16, 16)
    record("safetensors/all_dtypes.safetensors:t_" + dt.lower(), ref, dt.lower())
write_safetensors(out("safetensors", "all_dtypes.safetensors"), st,
                  metadata={"format": "pt", "source": "make_corpus.py", "note": "caf\u00e9 \u00b5"})

single = np.arange(12, dtype="<f4").reshape(3, 4) - 5.5
write_safetensors(out("safetensors", "single.safetensors"), [("weight", "F32", (3, 4), single.tobytes())])
record("safetensors/single.safetensors", single, "float32")
scalar = np.array(2.5, dtype="<f4")
write_safetensors(out("safetensors", "shapes.safetensors"),
                  [("scalar", "F32", (), scalar.tobytes()), ("empty", "F16", (0, 4), b""),
                   ("vec", "I8", (4,), np.array([-128, -1, 0, 127], dtype="i1").tobytes())], metadata={})
record("safetensors/shapes.safetensors:scalar", scalar, "float32")
record("safetensors/shapes.safetensors:empty", np.zeros((0, 4), dtype="<f2"), "float16")
record("safetensors/shapes.safetensors:vec", np.array([-128, -1, 0, 127], dtype="i1"), "int8")

# --- text ---
with open(out("text", "matrix.csv"), "w") as f:
    f.write("a,b,c\n1.5,-2,3e2\n4,nan,-inf\n")
record("text/matrix.csv", np.array([[1.5, -2, 300], [4, np.nan, -np.inf]]), "text")
with open(out("text", "column.txt"), "w") as f:
    f.write("# one value per line\n0.1\n\n-0.25\r\n1e-3\n")
record("text/column.txt", np.array([0.1, -0.25, 1e-3]), "text")
with open(out("text", "table.tsv"), "w") as f:
    f.write("x\ty\n1\t2\n3\t4\n5\t6\n")
record("text/table.tsv", np.array([[1, 2], [3, 4], [5, 6]]), "text")

# --- bad inputs (each checked for its message in tst_io_badinput) ---
good = open(out("npy", "f4_le_C.npy"), "rb").read()
open(out("bad", "truncated.npy"), "wb").write(good[:-5])
open(out("bad", "empty.npy"), "wb").write(b"")
np.save(out("bad", "object.npy"), np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
open(out("bad", "pickle.npy"), "wb").write(pickle.dumps([1.0, 2.0], protocol=2))
np.save(out("bad", "structured.npy"), np.zeros(3, dtype=[("x", "<f4"), ("y", "<i4")]))
np.save(out("bad", "complex.npy"), np.zeros(3, dtype="<c8"))
np.save(out("bad", "strings.npy"), np.array(["ab", "cd"]))


def npy_with_header(path, header_dict, data):
    h = header_dict.encode("latin1")
    h += b" " * (-(10 + len(h) + 1) % 64) + b"\n"
    open(path, "wb").write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h + data)


npy_with_header(out("bad", "header_lies.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }",
                struct.pack("<4f", 1, 2, 3, 4))
npy_with_header(out("bad", "negative_dim.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 2), }", b"")
npy_with_header(out("bad", "overflow_dims.npy"),
                "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", b"")
npy_with_header(out("bad", "absurd_dims.npy"),
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000, 1000), }", b"")
npy_with_header(out("bad", "unsupported_dtype.npy"), "{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }",
                b"\0" * 16)

d4 = struct.pack("<4f", 1, 2, 3, 4)
ok_tensor = [("a", "F32", (4,), d4)]
open(out("bad", "empty.safetensors"), "wb").write(b"")
open(out("bad", "short.safetensors"), "wb").write(b"\x10\x00\x00")
with open(out("bad", "header_beyond.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", 4096) + b'{"a":1}')
with open(out("bad", "header_huge.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", 200_000_000) + b"{" + b" " * 64)
write_safetensors(out("bad", "invalid_json.safetensors"), ok_tensor,
                  raw_header=b'{"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]')
write_safetensors(out("bad", "invalid_utf8.safetensors"), ok_tensor,
                  raw_header=b'{"a\xff": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}')
write_safetensors(out("bad", "offsets_beyond.safetensors"), ok_tensor,
                  raw_header=b'{"a": {"dtype": "F32", "shape": [8], "data_offsets": [0, 32]}}')
write_safetensors(out("bad", "offsets_overlap.safetensors"), ok_tensor,
                  raw_header=b'{"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 12]},'
                             b' "b": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}')
write_safetensors(out("bad", "offsets_mismatch.safetensors"), ok_tensor,
                  raw_header=b'{"a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 16]}}')
write_safetensors(out("bad", "duplicate.safetensors"), ok_tensor,
                  raw_header=b'{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},'
                             b' "\\u0061": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}')
write_safetensors(out("bad", "unknown_dtype.safetensors"), ok_tensor,
                  raw_header=b'{"a": {"dtype": "C64", "shape": [2], "data_offsets": [0, 16]}}')
open(out("bad", "not_numbers.csv"), "w").write("x,y\n1,2\n3,abc\n")
open(out("bad", "ragged.csv"), "w").write("1,2,3\n4,5\n")

with open(out("corpus.json"), "w") as f:
    json.dump(manifest, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote %d reference entries" % len(manifest))
