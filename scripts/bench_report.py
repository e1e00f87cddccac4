#!/usr/bin/python3
"""Times `quantscope-cli report` against the PyTorch script an engineer would
write instead (docs/performance.md, "Model report"), in the same run.

The checkpoint: 48 float32 tensors of 1024 x 1536 (about 302 MB) in one
safetensors file, normal values (std 0.02) with a few outliers, made here with
numpy (seeded). The schemes: int8 per channel (axis 0, symmetric absmax) and
int4 in blocks of 32 along the rows (symmetric absmax). Both sides read the
file from the page cache (a warm-up run first), both compute SQNR per tensor.

The PyTorch side: numpy memmap of the file, per tensor torch's per-channel
fake-quant (torch.fake_quantize_per_channel_affine with absmax/127 scales) and
the block round/clamp (x.view(-1, 32), absmax/7, round, clamp to [-8, 7]),
SQNR = 10 log10(sum x^2 / sum (x - xq)^2); torch.set_num_threads(2).

    /usr/bin/python3 scripts/bench_report.py build/app/quantscope-cli [--runs 5] [--dir DIR] [--keep]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time

import numpy as np
import torch

SCHEMES = "int8 channel:0; int4 block:32"


def make_checkpoint(path, tensors=48, rows=1024, cols=1536):
    rng = np.random.default_rng(18)
    header, offset, arrays = {}, 0, []
    for i in range(tensors):
        a = (rng.standard_normal((rows, cols), dtype=np.float32) * 0.02).astype("<f4")
        # A few outliers, as real weights have: one channel in ten carries one value at 20 sigma.
        for r in range(0, rows, 10):
            a[r, rng.integers(cols)] = 0.4
        name = "model.layers.%d.%s.weight" % (i // 6, ("q", "k", "v", "o", "up", "down")[i % 6])
        header[name] = {"dtype": "F32", "shape": [rows, cols], "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
        arrays.append(a)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little"))
        f.write(text)
        for a in arrays:
            f.write(a.tobytes())


def torch_report(path):
    """What an engineer writes without Quantscope: SQNR per tensor for both schemes."""
    torch.set_num_threads(2)
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
    mm = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        x = torch.from_numpy(np.frombuffer(mm[b:e], dtype="<f4").reshape(info["shape"]).copy())
        signal = float((x.double() ** 2).sum())
        # int8 per channel (axis 0), symmetric absmax.
        scale = (x.abs().amax(dim=1) / 127).clamp(min=1e-12)
        xq = torch.fake_quantize_per_channel_affine(x, scale, torch.zeros(x.shape[0], dtype=torch.int32), 0, -128,
                                                    127)
        s8 = 10 * np.log10(signal / float(((x - xq).double() ** 2).sum()))
        # int4 blocks of 32 along the rows, symmetric absmax.
        blocks = x.reshape(-1, 32)
        bs = (blocks.abs().amax(dim=1, keepdim=True) / 7).clamp(min=1e-12)
        bq = torch.clamp(torch.round(blocks / bs), -8, 7) * bs
        s4 = 10 * np.log10(signal / float(((blocks - bq).double() ** 2).sum()))
        out[name] = (s8, s4)
    return out


def cpu_seconds():
    """CPU time (user + system) of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, runs):
    """Median and minimum wall time and median CPU time (all threads), in s."""
    fn()  # warm-up (page cache, thread pool)
    times, cpu = [], []
    result = None
    for _ in range(runs):
        c0 = cpu_seconds()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(cpu_seconds() - c0)
    return statistics.median(times), min(times), statistics.median(cpu), result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cli")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", default=None, help="where the checkpoint is written (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the checkpoint")
    args = ap.parse_args()
    folder = args.dir or tempfile.mkdtemp(prefix="qs-bench-report-")
    path = os.path.join(folder, "bench-300mb.safetensors")
    if not os.path.exists(path):
        make_checkpoint(path)
    size = os.path.getsize(path)

    def quantscope():
        r = subprocess.run([args.cli, "report", path, "--schemes", SCHEMES, "--json"], check=True,
                           capture_output=True)
        return json.loads(r.stdout)

    qs_med, qs_min, qs_cpu, qs_json = timed(quantscope, args.runs)
    pt_med, pt_min, pt_cpu, pt_sqnr = timed(lambda: torch_report(path), args.runs)
    # The two agree to float32 rounding of the scales (both round half to even).
    worst = 0.0
    for t in qs_json["tensors"]:
        s8, s4 = pt_sqnr[t["name"]]
        worst = max(worst, abs(t["schemes"]["int8 channel:0"]["sqnr_db"] - s8),
                    abs(t["schemes"]["int4 block:32"]["sqnr_db"] - s4))
    print("| checkpoint | runs | quantscope-cli report: wall median / min, CPU (s) | PyTorch script: wall median / min, "
          "CPU (s) | speed-up wall / CPU | largest SQNR difference (dB) |")
    print("|---|---|---|---|---|---|")
    print("| %.0f MB F32, 48 x 1024x1536 | %d | %.3f / %.3f, %.3f | %.3f / %.3f, %.3f | %.1fx / %.1fx | %.2g |" %
          (size / 1e6, args.runs, qs_med, qs_min, qs_cpu, pt_med, pt_min, pt_cpu, pt_med / qs_med, pt_cpu / qs_cpu,
           worst))
    print("load: %s" % " ".join("%.2f" % v for v in os.getloadavg()))
    if not args.keep and not args.dir:
        os.remove(path)
        os.rmdir(folder)


if __name__ == "__main__":
    main()
