#!/usr/bin/python3
"""Writes double_quant.json: bitsandbytes' NF4 with double quantization of
the absmax values (quantize_4bit(x, blocksize=64, quant_type="nf4",
compress_statistics=True), then dequantize_4bit), replicated step by step for
tests/quant (tst_bnbdoublequant).

bitsandbytes is not installable here; this replica follows its functional.py
and CUDA kernels (docs/quantization.md, "bitsandbytes"):
  1. kQuantizeBlockwise NF4: blocks of 64 over the flattened tensor,
     absmax = max |x| (float32), v = x * (1.0f / absmax), code = dQuantizeNF4(v)
     (the decision tree's thresholds; ties go down).
  2. compress_statistics: offset = absmax.mean(); absmax -= offset (float32);
     quantize_blockwise(absmax, blocksize=256) with the signed dynamic map
     create_dynamic_map(signed=True, max_exponent_bits=7, total_bits=8):
     absmax2 = max |c| per block of 256, code8 = dQuantize<0>(map, c * (1.0f / absmax2))
     (the kernel's binary search with float32 midpoints).
  3. dequantize_4bit: absmax' = map[code8] * absmax2 (kDequantizeBlockwise),
     absmax' += offset (float32); x̂ = NF4[code] * absmax' (float32).
The map is built with torch 1.13 exactly as bitsandbytes' create_dynamic_map
(torch.linspace in float32). The mean: offset is the correctly rounded mean of the
absmax values (exact sum, one rounding to float32), which is what Quantscope
computes. torch's own float32 mean depends on its reduction order (CPU
cascade or GPU tree) and is not correctly rounded: on this data torch 1.13's
CPU mean is 1 ulp away (recorded as "offset_torch_cpu"); bitsandbytes then
inherits that ulp in every dequantized absmax.

Data (no values stored; the C++ test regenerates them): a 64-bit LCG,
state = state * 6364136223846793005 + 1442695040888963407 (mod 2^64),
u = state >> 41; v = u1 + u2 + u3 + u4 - 2^24; element i of block b = i // 64 is
float32(v) * float32(1.1 * 2^-22) * float32(0.25 + ((37 b) mod 101) / 64).
Run with /usr/bin/python3 make_double_quant.py.
"""
from fractions import Fraction
import json
import os

import numpy as np
import torch

MASK = (1 << 64) - 1
C = np.float32(1.1 * 2.0 ** -22)
N = 64 * 356 + 40  # 357 blocks of 64 (the last one 40 long): 357 absmax values, two blocks of 256
SEED = 5

NF4 = np.array([-1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
                -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
                0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
                0.7229568362236023, 1.0], dtype=np.float32)


def dquantize_nf4(x):
    # The kernel's decision tree, as written in bitsandbytes' kernels.cu.
    f = np.float32
    if x > f(0.03979014977812767):
        if x > f(0.3893125355243683):
            if x > f(0.6427869200706482):
                return 15 if x > f(0.8614784181118011) else 14
            return 13 if x > f(0.5016634166240692) else 12
        if x > f(0.2035212516784668):
            return 11 if x > f(0.2920137718319893) else 10
        return 9 if x > f(0.1202552504837513) else 8
    if x > f(-0.33967943489551544):
        if x > f(-0.13791173323988914):
            return 7 if x > f(-0.045525018125772476) else 6
        return 5 if x > f(-0.23460740596055984) else 4
    if x > f(-0.6106329262256622):
        return 3 if x > f(-0.4599952697753906) else 2
    return 1 if x > f(-0.8480964004993439) else 0


def create_dynamic_map():
    # create_dynamic_map(signed=True, max_exponent_bits=7, total_bits=8)
    data = []
    for i in range(7):
        boundaries = torch.linspace(0.1, 1, 2 ** i + 1)
        means = (boundaries[:-1] + boundaries[1:]) / 2.0
        data += ((10 ** (-6 + i)) * means).tolist()
        data += (-(10 ** (-6 + i)) * means).tolist()
    data.append(0)
    data.append(1.0)
    assert len(data) == 256
    data.sort()
    return torch.tensor(data).numpy()


def dquantize(code, x):
    # dQuantize<0>: binary search over the 256 sorted values, float32 midpoints.
    f = np.float32
    pivot, upper_pivot, lower_pivot = 127, 255, 0
    lower, upper = f(-1.0), f(1.0)
    val = code[pivot]
    i = 64
    while i > 0:
        if x > val:
            lower_pivot, lower = pivot, val
            pivot += i
        else:
            upper_pivot, upper = pivot, val
            pivot -= i
        val = code[pivot]
        i >>= 1
    if upper_pivot == 255:
        upper = code[upper_pivot]
    if lower_pivot == 0:
        lower = code[lower_pivot]
    if x > val:
        midpoint = (upper + val) * f(0.5)
        return upper_pivot if x > midpoint else pivot
    midpoint = (lower + val) * f(0.5)
    return lower_pivot if x < midpoint else pivot


def make_data():
    state = SEED
    out = np.empty(N, dtype=np.float32)
    for i in range(N):
        s = 0
        for _ in range(4):
            state = (state * 6364136223846793005 + 1442695040888963407) & MASK
            s += state >> 41
        b = i // 64
        out[i] = np.float32(s - (1 << 24)) * C * np.float32(0.25 + ((37 * b) % 101) / 64)
    return out


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001b3) & MASK
    return h


x = make_data()
blocks = (N + 63) // 64
absmax = np.array([np.max(np.abs(x[b * 64:(b + 1) * 64])) for b in range(blocks)], dtype=np.float32)
codes4 = np.empty(N, dtype=np.int64)
for b in range(blocks):
    inv = np.float32(1.0) / absmax[b]
    for i in range(b * 64, min(N, (b + 1) * 64)):
        codes4[i] = dquantize_nf4(x[i] * inv)

offset_torch = torch.from_numpy(absmax).mean().item()
exact = sum(Fraction(float(a)) for a in absmax) / len(absmax)
offset = np.float32(float(exact))  # rounded to double, then float32: check it is the nearest float32
for other in (np.nextafter(offset, np.float32(np.inf)), np.nextafter(offset, np.float32(-np.inf))):
    assert abs(Fraction(float(offset)) - exact) < abs(Fraction(float(other)) - exact)

code = create_dynamic_map()
centred = absmax - offset
codes8, absmax2, absmax_dq = [], [], np.empty(blocks, dtype=np.float32)
for b0 in range(0, blocks, 256):
    block = centred[b0:b0 + 256]
    amax = np.max(np.abs(block))
    absmax2.append(amax)
    inv = np.float32(1.0) / amax
    for j, c in enumerate(block):
        q = dquantize(code, c * inv)
        codes8.append(q)
        absmax_dq[b0 + j] = np.float32(code[q] * amax) + offset

xhat = np.empty(N, dtype=np.float32)
for i in range(N):
    xhat[i] = NF4[codes4[i]] * absmax_dq[i // 64]

out = {
    "torch": torch.__version__, "n": N, "seed": SEED, "block": 64, "block2": 256,
    "codes4": "".join("%x" % c for c in codes4),
    "absmax": [float(a).hex() for a in absmax],
    "offset": float(offset).hex(),
    "offset_torch_cpu": float(offset_torch).hex(),
    "codes8": "".join("%02x" % c for c in codes8),
    "absmax2": [float(a).hex() for a in absmax2],
    "absmax_dequantized": [float(a).hex() for a in absmax_dq],
    "xhat_fnv1a64": "%016x" % fnv1a64(xhat.tobytes()),
    "xhat_every_97th": [float(v).hex() for v in xhat[::97]],
    "map": [float(v).hex() for v in code],
}
print("offset", float(offset), "absmax2", [float(a) for a in absmax2],
      "codes4 histogram", np.bincount(codes4, minlength=16).tolist())
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "double_quant.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
