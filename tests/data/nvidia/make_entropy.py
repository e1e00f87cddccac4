#!/usr/bin/python3
"""Writes entropy.json: NVIDIA pytorch-quantization's entropy calibration
(HistogramCalibrator with torch_hist=True, then compute_amax("entropy")),
replicated step by step for tests/calib (tst_nvidiaentropy).

pytorch-quantization itself is not installed here; this script follows its
documented algorithm (docs/quantization.md, "Calibration"):
  collect:  x = |x| as float32; x_max = x.max();
            hist = torch.histc(x, bins=2048, min=0, max=x_max);
            edges = torch.linspace(0, x_max, 2049)            (float32)
  entropy:  bins = hist as int; bins[0] = bins[1];
            for i in start_bin .. 2048: P = bins[:i], tail added to P[i-1];
            Q = bins[:i] grouped by numpy.digitize(range(i), linspace(0, i, nbins + 1)) - 1,
            each group's sum spread evenly over its non-empty bins (0 on empty bins);
            KL = scipy.stats.entropy(P, Q) (both normalised; +inf where Q = 0 < P);
            the last minimum wins; amax = edges[i]           (a float32 bin edge)
  percentile: cdf = cumsum(hist / total); amax = edges[searchsorted(cdf, p / 100)]
torch 1.13 (Debian's python3-torch) provides histc and linspace; the KL is
numpy in float64. Run with /usr/bin/python3 make_entropy.py.

The data come from a 64-bit LCG that the C++ test reproduces bit for bit
(no values are stored): state = state * 6364136223846793005 + 1442695040888963407
(mod 2^64), u = state >> 41 (23 bits); v = u1 + u2 + u3 + u4 - 2^24 (exact in
float32), x = float32(v) * float32(1.1 * 2^-22). "outliers" multiplies every
value with i % 500 == 7 by 37 (float32); "relu" keeps max(x, 0). "edges" (make_edges) puts
values on and next to the bin edges.
"""
import json
import os

import numpy as np
import torch

MASK = (1 << 64) - 1
C = np.float32(1.1 * 2.0 ** -22)
XMAX_EDGES = "0x1.075b260000000p+2"


def make_edges():
    # Every value k * step of [0, xmax] (step = xmax / 2048, float32) and its two float32
    # neighbours, then xmax: values on and next to the bin edges, where torch.histc's
    # float32 division and a comparison with the edges disagree.
    xmax = np.float32(float.fromhex(XMAX_EDGES))
    step = xmax / np.float32(2048)
    vals = []
    for k in range(2048):
        v = np.float32(k) * step
        vals += [np.nextafter(v, np.float32(-1)) if k > 0 else v, v, np.nextafter(v, np.float32(10))]
    vals.append(xmax)
    return np.array(vals, dtype=np.float32)


def make_data(kind, n, seed):
    if kind == "edges":
        return make_edges()
    state = seed
    out = np.empty(n, dtype=np.float32)
    for i in range(n):
        s = 0
        for _ in range(4):
            state = (state * 6364136223846793005 + 1442695040888963407) & MASK
            s += state >> 41
        x = np.float32(s - (1 << 24)) * C
        if kind == "outliers" and i % 500 == 7:
            x = x * np.float32(37.0)
        if kind == "relu":
            x = max(x, np.float32(0.0))
        out[i] = x
    return out


def kl(p, q):
    # scipy.stats.entropy(p, q): normalise both, sum of rel_entr.
    p = p / np.sum(p)
    q = q / np.sum(q)
    total = 0.0
    for a, b in zip(p, q):
        if a > 0 and b > 0:
            total += a * np.log(a / b)
        elif a > 0:
            return np.inf
    return total


def nvidia_entropy(hist, num_bits, unsigned, start_bin):
    bins = hist.copy()
    bins[0] = bins[1]
    nbins = 1 << (num_bits - 1 + int(unsigned))
    divergences = []
    for i in range(start_bin, len(bins) + 1):
        space = np.linspace(0, i, num=nbins + 1)
        group = np.digitize(range(i), space) - 1
        group[bins[:i] == 0] = -1
        sums = np.zeros(nbins)
        members = np.zeros(nbins)
        for j in range(i):
            if group[j] != -1:
                sums[group[j]] += bins[j]
                members[group[j]] += 1
        q = np.zeros(i)
        for j in range(i):
            if group[j] != -1:
                q[j] = sums[group[j]] / members[group[j]]
        p = np.array(bins[:i], dtype=np.float64)
        p[-1] += np.sum(bins[i:])
        divergences.append(kl(p, q))
    divergences = np.array(divergences)
    last = len(divergences) - 1 - int(np.argmin(divergences[::-1]))
    return last + start_bin, divergences


cases = []
for kind, n, seed, bits, unsigned in (("bell", 20000, 1, 8, False), ("outliers", 20000, 2, 8, False),
                                      ("relu", 20000, 3, 8, True), ("outliers", 20000, 4, 4, False),
                                      ("edges", 3 * 2048 + 1, 0, 8, False)):
    x = make_data(kind, n, seed)
    t = torch.from_numpy(x).abs().float()
    x_max = t.max()
    hist = torch.histc(t, bins=2048, min=0, max=x_max)
    edges = torch.linspace(0, x_max, 2049)
    counts = hist.int().numpy().astype(np.int64)
    index, div = nvidia_entropy(counts, bits, unsigned, 128)
    amax = float(edges[index])
    finite = div[np.isfinite(div)]
    print(kind, bits, unsigned, "bin", index, "amax", amax, "x_max", float(x_max),
          "exact i*x_max/2048 differs:", amax != float(x_max) * index / 2048)
    # _compute_amax_percentile on the same histogram (percentile-hist:P under --convention nvidia).
    cdf = np.cumsum(counts / counts.sum())
    percentiles = {str(p): float(edges[int(np.searchsorted(cdf, p / 100))]).hex() for p in (99.0, 99.9, 99.99)}
    cases.append({"kind": kind, "n": n, "seed": seed, "bits": bits, "unsigned": unsigned,
                  "x_max": float(x_max).hex(), "histogram": [int(c) for c in counts],
                  "bin": index, "amax": amax.hex(), "kl_at_bin": float(div[index - 128]).hex(),
                  "kl_min_finite": float(finite.min()).hex(),
                  "percentile": percentiles})
out = {"torch": torch.__version__, "bins": 2048, "start_bin": 128, "cases": cases}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "entropy.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
