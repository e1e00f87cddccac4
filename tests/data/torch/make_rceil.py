#!/usr/bin/python3
"""Writes rceil_log2.json: where torchao's MX "rceil" scale exponent,
ceil(log2(descale)) with torch's float32 log2, differs from the exact
ceil(log2(descale)), over every positive finite float32 descale
(= max_abs / max_pos in torchao's _to_mx_rceil), for tests/quant (tst_mxrceil).

torch 1.13 (Debian's python3-torch) evaluates torch.log2 on float32 tensors;
the scan takes about two minutes (2^31 values in chunks). The float32 log2
rounds log2(d) for d just above a power of two 2^k down to k exactly, so the
ceiling is k instead of k + 1; for each such power of two the differing
values are the first `count` floats above it (a prefix: log2 is monotonic,
checked below). Run with /usr/bin/python3 make_rceil.py.
"""
import json
import os

import numpy as np
import torch

CHUNK = 1 << 25
LAST = 0x7F7FFFFF  # largest finite float32
runs = {}  # bits of the power of two -> [first differing bits, count]
start = 1
while start <= LAST:
    end = min(start + CHUNK, LAST + 1)
    bits = np.arange(start, end, dtype=np.uint32)
    d = bits.view(np.float32)
    got = torch.ceil(torch.log2(torch.from_numpy(d))).numpy().astype(np.int64)
    m, e = np.frexp(d.astype(np.float64))  # d = m 2^e, m in [0.5, 1)
    exact = np.where(m == 0.5, e - 1, e)
    for i in np.nonzero(got != exact)[0]:
        assert got[i] == exact[i] - 1
        b = int(bits[i])
        below = np.float32(2.0 ** (int(exact[i]) - 1))  # the power of two just below d
        key = int(np.array([below], dtype=np.float32).view(np.uint32)[0])
        run = runs.setdefault(key, [b, 0])
        assert b == run[0] + run[1], "not a prefix above the power of two"
        run[1] += 1
    start = end
out = {"torch": torch.__version__,
       "runs": [[hex(k), hex(v[0]), v[1]] for k, v in sorted(runs.items())],
       "total": sum(v[1] for v in runs.values())}
print(out["total"], "values in", len(runs), "runs")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "rceil_log2.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
