#!/usr/bin/python3
"""PyTorch baseline for `quantscope-cli bench` (docs/performance.md).

Times the PyTorch operations the Quantscope benchmark is compared against on a
tensor of the same size and shape of distribution (normal, 1 in 10^4 values at
+-20 sigma), with torch.set_num_threads(2), reporting the median of several
runs in milliseconds. Needs python3-torch (Debian: apt-get install python3-torch);
Quantscope itself never depends on it.

    scripts/bench-torch.py [--n N] [--repeat R] [--threads T] [--json]
"""
import argparse
import json
import resource
import statistics
import time

import torch


def timed(fn, repeat):
    fn()  # warm-up
    ms = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ms), min(ms)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1 << 24)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)

    n = args.n
    x = torch.randn(n, dtype=torch.float32)
    outliers = torch.randperm(n)[: max(1, n // 10000)]
    x[outliers] = 20.0 * torch.sign(torch.randn(outliers.numel()))
    rows = x.reshape(-1, 4096) if n % 4096 == 0 else None

    amax = x.abs().max().item()
    scale = amax / 127.0
    channel_scale = rows.abs().amax(dim=1) / 127.0 if rows is not None else None
    channel_zp = torch.zeros_like(channel_scale, dtype=torch.int32) if rows is not None else None
    scratch = torch.empty_like(x)

    stages = [
        ("copy", "x.clone()", lambda: x.clone()),
        ("copy-prealloc", "scratch.copy_(x)", lambda: scratch.copy_(x)),
        ("minmax", "torch.aminmax(x)", lambda: torch.aminmax(x)),
        ("histogram-2048", "torch.histc(x, bins=2048)", lambda: torch.histc(x, bins=2048)),
        ("int8-tensor", "fake_quantize_per_tensor_affine (scale given)",
         lambda: torch.fake_quantize_per_tensor_affine(x, scale, 0, -127, 127)),
        ("int8-tensor+minmax", "abs().max() + fake_quantize_per_tensor_affine",
         lambda: torch.fake_quantize_per_tensor_affine(x, x.abs().max().item() / 127.0, 0, -127, 127)),
    ]
    if rows is not None:
        stages.append(("int8-channel", "fake_quantize_per_channel_affine (scales given), rows of 4096",
                       lambda: torch.fake_quantize_per_channel_affine(rows, channel_scale, channel_zp, 0, -127, 127)))
    stages += [
        ("fp16", "x.half()", lambda: x.half()),
        ("bf16", "x.bfloat16()", lambda: x.bfloat16()),
    ]
    if hasattr(torch, "float8_e4m3fn"):
        stages.append(("fp8-e4m3", "x.to(torch.float8_e4m3fn)", lambda: x.to(torch.float8_e4m3fn)))
    stages.append(("percentile-99.99", "torch.quantile(|x|, 0.9999) (fails above 2^24 values)",
                   lambda: torch.quantile(x.abs(), 0.9999)))

    def histogram_observer():
        obs = torch.ao.quantization.HistogramObserver(bins=2048, dtype=torch.qint8,
                                                      qscheme=torch.per_tensor_symmetric)
        obs(x)
        return obs.calculate_qparams()

    stages.append(("entropy", "HistogramObserver(2048 bins) forward + calculate_qparams", histogram_observer))

    results = []
    for name, what, fn in stages:
        try:
            med, best = timed(fn, args.repeat if name != "entropy" else max(3, args.repeat // 2))
        except RuntimeError as e:  # torch.quantile refuses tensors above 2^24 elements
            results.append({"stage": name, "what": what, "error": str(e).splitlines()[0]})
            continue
        results.append({"stage": name, "what": what, "median_ms": med, "min_ms": best})
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    if args.json:
        print(json.dumps({"torch": torch.__version__, "n": n, "threads": args.threads, "stages": results,
                          "peak_rss_mb": rss}, indent=2))
        return
    print(f"torch {torch.__version__}: n = {n}, {args.threads} threads, median of {args.repeat} runs")
    print(f"{'stage':<20} {'median ms':>10} {'min ms':>10}  what")
    for r in results:
        if "error" in r:
            print(f"{r['stage']:<20} {'-':>10} {'-':>10}  {r['what']}: {r['error']}")
        else:
            print(f"{r['stage']:<20} {r['median_ms']:>10.2f} {r['min_ms']:>10.2f}  {r['what']}")
    print(f"peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
