#!/usr/bin/python3
"""Writes moving_minmax.json: PyTorch's MovingAverageMinMaxObserver on a small
float32 tensor fed in batches, for tests/calib (tst_torchobserver).

Run with Debian's python3-torch (torch 1.13): /usr/bin/python3 make_moving_minmax.py
Values are written as float.hex() so they read back bit for bit.
"""
import json
import os

import numpy as np
import torch

rng = np.random.default_rng(17)
x = (rng.standard_normal(512) * 0.7 + 0.2).astype(np.float32)
x[150] = 6.5  # one batch with an outlier: the running max moves towards it slowly
cases = []
for c, batch in ((0.01, 64), (0.3, 100)):
    for dtype, scheme in ((torch.qint8, torch.per_tensor_symmetric), (torch.quint8, torch.per_tensor_affine)):
        obs = torch.ao.quantization.MovingAverageMinMaxObserver(
            averaging_constant=c, dtype=dtype, qscheme=scheme)
        t = torch.from_numpy(x)
        for b in range(0, len(x), batch):
            obs(t[b:b + batch])
        scale, zp = obs.calculate_qparams()
        qmin, qmax = (-128, 127) if dtype == torch.qint8 else (0, 255)
        xhat = torch.fake_quantize_per_tensor_affine(t, float(scale), int(zp), qmin, qmax)
        cases.append({
            "c": c, "batch": batch,
            "quantizer": "int8" if dtype == torch.qint8 else "uint8",
            "scheme": "symmetric" if scheme == torch.per_tensor_symmetric else "asymmetric",
            "min_val": float(obs.min_val).hex(), "max_val": float(obs.max_val).hex(),
            "scale": float(scale).hex(), "zero_point": int(zp),
            "dequantized": [float(v).hex() for v in xhat.numpy()],
        })
out = {"torch": torch.__version__, "x": [float(v).hex() for v in x], "cases": cases}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "moving_minmax.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
