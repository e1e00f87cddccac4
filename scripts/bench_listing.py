#!/usr/bin/python3
"""Times header-only listing (`quantscope-cli info --list`) of 30 GB models made as
sparse files (truncate: no data blocks are written, so the disk holds only headers):
a Llama-like sharded safetensors set (6 shards of 5 GB, 291 tensors, with its
model.safetensors.index.json) and a GGUF of the same tensors with a 128,000-token
vocabulary in its metadata.

    /usr/bin/python3 scripts/bench_listing.py build/app/quantscope-cli [--runs 5]
"""
import argparse
import json
import os
import statistics
import struct
import subprocess
import tempfile
import time

GB = 1 << 30


def llama_tensors(total_bytes):
    # 32 blocks of 9 matrices, plus embeddings and output: bf16, shapes scaled to fill total_bytes.
    names = ["model.embed_tokens.weight", "lm_head.weight", "model.norm.weight"]
    for i in range(32):
        for p in ("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.gate_proj",
                  "mlp.up_proj", "mlp.down_proj", "input_layernorm", "post_attention_layernorm"):
            names.append("model.layers.%d.%s.weight" % (i, p))
    per = total_bytes // len(names) // 2 // 4096 * 4096  # bf16 elements per tensor
    return [(n, [per // 4096, 4096]) for n in names]


def make_safetensors(folder, tensors, shards=6):
    per_shard = (len(tensors) + shards - 1) // shards
    weight_map = {}
    for s in range(shards):
        part = tensors[s * per_shard:(s + 1) * per_shard]
        name = "model-%05d-of-%05d.safetensors" % (s + 1, shards)
        header, offset = {}, 0
        for n, shape in part:
            size = shape[0] * shape[1] * 2
            header[n] = {"dtype": "BF16", "shape": shape, "data_offsets": [offset, offset + size]}
            offset += size
            weight_map[n] = name
        text = json.dumps(header).encode()
        text += b" " * (-len(text) % 8)
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(struct.pack("<Q", len(text)) + text)
        os.truncate(path, 8 + len(text) + offset)
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": sum(s[0] * s[1] * 2 for _, s in tensors)}, "weight_map": weight_map}, f)


def gguf_string(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def make_gguf(path, tensors):
    kv = [gguf_string("general.architecture") + struct.pack("<I", 8) + gguf_string("llama"),
          gguf_string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 128000) +
          b"".join(gguf_string("tok%d" % i) for i in range(128000))]
    info, offset = b"", 0
    for n, shape in tensors:
        info += gguf_string(n) + struct.pack("<IQQIQ", 2, shape[1], shape[0], 30, offset)  # bf16, ne fastest first
        offset += (shape[0] * shape[1] * 2 + 31) // 32 * 32
    head = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kv)) + b"".join(kv) + info
    head += b"\0" * (-len(head) % 32)
    with open(path, "wb") as f:
        f.write(head)
    os.truncate(path, len(head) + offset)


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times), out.stdout.decode().splitlines()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    tensors = llama_tensors(30 * GB)
    with tempfile.TemporaryDirectory() as d:
        st = os.path.join(d, "st")
        os.mkdir(st)
        make_safetensors(st, tensors)
        gg = os.path.join(d, "model.gguf")
        make_gguf(gg, tensors)
        for what, path in (("sharded safetensors (index)", os.path.join(st, "model.safetensors.index.json")),
                           ("safetensors folder", st), ("GGUF", gg)):
            size = sum(os.path.getsize(os.path.join(st, f)) for f in os.listdir(st)) if os.path.isdir(path) or \
                path.endswith(".json") else os.path.getsize(path)
            med, lo, hi, first = timed([args.cli, "info", "--list", path], args.runs)
            print("%-28s %5.1f GB  median %.3f s (min %.3f, max %.3f)  %s" % (what, size / GB, med, lo, hi, first))


if __name__ == "__main__":
    main()
