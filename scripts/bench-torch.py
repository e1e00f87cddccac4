#!/usr/bin/python3
"""PyTorch baseline for `quantscope-cli bench` (docs/performance.md).

Times the PyTorch operations the Quantscope benchmark is compared against on a
tensor of the same size and shape of distribution (normal, 1 in 10^4 values at
+-20 sigma), with torch.set_num_threads(2), reporting the median of several
runs in milliseconds. Needs python3-torch (Debian: apt-get install python3-torch);
Quantscope itself never depends on it.

    scripts/bench-torch.py [--n N] [--repeat R] [--threads T] [--json]
    scripts/bench-torch.py --compare build/app/quantscope-cli [--n N] [--repeat R] [--rounds K]

With --compare, the Quantscope benchmark runs first (same N and repeat count)
and a Markdown table of both, with the ratios the targets of issue 4 use, is
printed (docs/performance.md).
"""
import argparse
import json
import resource
import statistics
import subprocess
import time

import torch


def timed(fn, repeat):
    """Median and minimum wall time, and median process CPU time (all threads), in ms."""
    fn()  # warm-up
    ms, cpu = [], []
    for _ in range(repeat):
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    return statistics.median(ms), min(ms), statistics.median(cpu)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1 << 24)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--compare", metavar="CLI", help="path of quantscope-cli: run its bench and print both")
    ap.add_argument("--rounds", type=int, default=1,
                    help="with --compare: alternate R rounds of both benchmarks and report the median round "
                         "and the spread of each ratio (the shared machine's speed drifts over minutes)")
    args = ap.parse_args()

    def run_ours():
        out = subprocess.run([args.compare, "bench", "--json", "--n", str(args.n), "--repeat", str(args.repeat)],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)
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

    def run_torch():
        results = []
        for name, what, fn in stages:
            try:
                med, best, cpu = timed(fn, args.repeat if name != "entropy" else max(3, args.repeat // 2))
            except RuntimeError as e:  # torch.quantile refuses tensors above 2^24 elements
                results.append({"stage": name, "what": what, "error": str(e).splitlines()[0]})
                continue
            results.append({"stage": name, "what": what, "median_ms": med, "min_ms": best, "cpu_ms": cpu})
        return results

    if args.compare:
        rounds = []
        for _ in range(max(1, args.rounds)):
            ours = run_ours()
            rounds.append((ours, run_torch()))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        if len(rounds) == 1:
            print_comparison(rounds[0][0], rounds[0][1], rss, args)
        else:
            print_rounds(rounds, rss, args)
        return
    results = run_torch()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    if args.json:
        print(json.dumps({"torch": torch.__version__, "n": n, "threads": args.threads, "stages": results,
                          "peak_rss_mb": rss}, indent=2))
        return
    print(f"torch {torch.__version__}: n = {n}, {args.threads} threads, median of {args.repeat} runs")
    print(f"{'stage':<20} {'median ms':>10} {'min ms':>10} {'cpu ms':>10}  what")
    for r in results:
        if "error" in r:
            print(f"{r['stage']:<20} {'-':>10} {'-':>10} {'-':>10}  {r['what']}: {r['error']}")
        else:
            print(f"{r['stage']:<20} {r['median_ms']:>10.2f} {r['min_ms']:>10.2f} {r['cpu_ms']:>10.2f}  {r['what']}")
    print(f"peak RSS {rss:.0f} MB")


# (our stage, torch stage, target description, check(ours_ms, torch_ms, copy_ms) -> bool)
TARGETS = [
    ("copy", "copy", "", None),
    ("copy-prealloc", "copy-prealloc", "", None),
    ("minmax", "minmax", "", None),
    ("histogram-2048", "histogram-2048", ">= 5x faster than torch.histc", lambda o, t, c: t / o >= 5),
    ("int8-tensor", "int8-tensor", ">= 8x faster than torch, <= 2x copy", lambda o, t, c: t / o >= 8 and o <= 2 * c),
    ("int8-channel", "int8-channel", ">= 8x faster than torch, <= 2x copy", lambda o, t, c: t / o >= 8 and o <= 2 * c),
    ("mxfp4", None, "<= 4x copy", lambda o, t, c: o <= 4 * c),
    ("nf4", None, "<= 4x copy", lambda o, t, c: o <= 4 * c),
    ("fp8-e4m3", "fp8-e4m3", "<= 4x copy", lambda o, t, c: o <= 4 * c),
    ("fp16", "fp16", "no slower than x.half()", lambda o, t, c: o <= t),
    ("bf16", "bf16", "no slower than x.bfloat16()", lambda o, t, c: o <= t),
    ("fp16-kernel", "fp16", "(kernel only)", None),
    ("bf16-kernel", "bf16", "(kernel only)", None),
    ("fp8-e4m3-kernel", None, "(kernel only)", None),
    ("percentile-99.99", "percentile-99.99", "", None),
    ("entropy", "entropy", "<= 1/4 of HistogramObserver", lambda o, t, c: o * 4 <= t),
    ("mse", None, "", None),
]


def print_comparison(ours, torch_results, torch_rss, args):
    o = {r["stage"]: r for r in ours["stages"]}
    t = {r["stage"]: r for r in torch_results if "median_ms" in r}
    copy = o["copy"]["median_ms"]
    print(f"n = {args.n}, median of {args.repeat} runs, torch {torch.__version__} with {args.threads} threads\n")
    print("| stage | Quantscope ms | cpu ms | x copy | torch ms | cpu ms | torch / ours (wall) | (cpu) | target | met |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for ours_name, torch_name, target, check in TARGETS:
        if ours_name not in o:
            continue
        om, oc = o[ours_name]["median_ms"], o[ours_name].get("cpu_ms", float("nan"))
        tr = t.get(torch_name)
        met = ""
        if check is not None and (tr is not None or "torch" not in target):
            met = "yes" if check(om, tr["median_ms"] if tr else float("nan"), copy) else "**no**"
        if tr is not None:
            cols = f"{tr['median_ms']:.1f} | {tr['cpu_ms']:.1f} | {tr['median_ms'] / om:.1f} | {tr['cpu_ms'] / oc:.1f}"
        else:
            cols = "– | – | – | –"
        print(f"| {ours_name} | {om:.1f} | {oc:.1f} | {om / copy:.2f} | {cols} | {target} | {met} |")
    budget = ours["rss_budget_mb"]
    print(f"\npeak RSS: Quantscope {ours['peak_rss_mb']:.0f} MB (budget {budget:.0f} MB), torch {torch_rss:.0f} MB")


def print_rounds(rounds, torch_rss, args):
    """Each round ran both benchmarks back to back; a ratio is taken within a
    round, so a slow minute of the shared machine slows both sides. Reported:
    the median over rounds of each time and ratio, the range of the ratio, and
    in how many rounds the target was met."""
    med = statistics.median
    print(f"n = {args.n}, {len(rounds)} alternating rounds (Quantscope, then torch {torch.__version__} with "
          f"{args.threads} threads), each the median of {args.repeat} runs\n")
    print("| stage | Quantscope ms | x copy | torch ms | torch / ours: median (range) | target | met in rounds |")
    print("|---|---:|---:|---:|---|---|---|")
    for ours_name, torch_name, target, check in TARGETS:
        per = []
        for ours, torch_results in rounds:
            o = {r["stage"]: r for r in ours["stages"]}
            t = {r["stage"]: r for r in torch_results if "median_ms" in r}
            if ours_name not in o:
                continue
            om, copy = o[ours_name]["median_ms"], o["copy"]["median_ms"]
            tm = t[torch_name]["median_ms"] if torch_name in t else None
            ok = None
            if check is not None and (tm is not None or "torch" not in target):
                ok = check(om, tm if tm is not None else float("nan"), copy)
            per.append((om, om / copy, tm, ok))
        if not per:
            continue
        om = med([p[0] for p in per])
        xc = med([p[1] for p in per])
        tms = [p[2] for p in per if p[2] is not None]
        if tms:
            ratios = [p[2] / p[0] for p in per if p[2] is not None]
            tcol = f"{med(tms):.1f}"
            rcol = f"{med(ratios):.1f} ({min(ratios):.1f}–{max(ratios):.1f})"
        else:
            tcol, rcol = "–", "–"
        oks = [p[3] for p in per if p[3] is not None]
        met = f"{sum(oks)} of {len(oks)}" if oks else ""
        print(f"| {ours_name} | {om:.1f} | {xc:.2f} | {tcol} | {rcol} | {target} | {met} |")
    peak = max(r[0]["peak_rss_mb"] for r in rounds)
    print(f"\npeak RSS: Quantscope {peak:.0f} MB (budget {rounds[0][0]['rss_budget_mb']:.0f} MB), "
          f"torch {torch_rss:.0f} MB")


if __name__ == "__main__":
    main()
