"""PyTorch side of bench/encoders/run.sh (not a test): the same cases, shapes and thread count as EncoderBench.

Usage: torch_bench.py CASE WARMUP ITERS THREADS. Prints one line per timed iteration to stderr and a final
"RESULT {...}" JSON line to stdout (median wall ms, median process CPU ms, every iteration, VmHWM = peak RSS in MB). Random weights from
transformers' own initialisation; fp32.
"""
import json
import os
import statistics
import sys
import time

import torch
from transformers import BertConfig, BertModel, HubertConfig, HubertModel

HERE = os.path.dirname(os.path.abspath(__file__))


def vm_hwm_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return -1


def cpu_ms():
    """User + system CPU time of the whole process (every thread), in ms."""
    t = os.times()
    return (t.user + t.system) * 1000


def main():
    case, warmup, iters, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    t0 = time.perf_counter()
    if case.startswith("bert"):
        config = BertConfig.from_json_file(os.path.join(HERE, "bert-base", "config.json"))
        model = BertModel(config, add_pooling_layer=False)
        gen = torch.Generator().manual_seed(2)
        ids = torch.randint(1, config.vocab_size, (8, 128), generator=gen)
        mask = torch.ones(8, 128, dtype=torch.long)
        if case == "bert-fwd":
            model.eval()

            def step():
                with torch.no_grad():
                    return model(input_ids=ids, attention_mask=mask).last_hidden_state[0, 0, 0].item()
        elif case == "bert-fwdbwd":
            model.train()

            def step():
                loss = model(input_ids=ids, attention_mask=mask).last_hidden_state.sum()
                loss.backward()
                model.zero_grad(set_to_none=True)
                return loss.item()
        else:
            raise SystemExit("unknown case " + case)
    elif case == "hubert-fwd":
        config = HubertConfig.from_json_file(os.path.join(HERE, "hubert-base", "config.json"))
        model = HubertModel(config).eval()
        wave = torch.randn(8, 160_000, generator=torch.Generator().manual_seed(2))

        def step():
            with torch.no_grad():
                return model(input_values=wave).last_hidden_state[0, 0, 0].item()
    else:
        raise SystemExit("unknown case " + case)
    print(f"{case}: built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    for i in range(warmup):
        s = time.perf_counter()
        step()
        print(f"{case} warm-up {i}: {(time.perf_counter() - s) * 1000:.0f} ms", file=sys.stderr)
    ms, cpu = [], []
    for i in range(iters):
        s, c = time.perf_counter(), cpu_ms()
        step()
        ms.append((time.perf_counter() - s) * 1000)
        cpu.append(cpu_ms() - c)
        print(f"{case} iter {i}: {ms[-1]:.0f} ms, cpu {cpu[-1]:.0f} ms", file=sys.stderr)
    print("RESULT " + json.dumps({"impl": "torch", "case": case, "threads": threads,
                                  "median_ms": round(statistics.median(ms), 1),
                                  "iters_ms": [round(m) for m in ms],
                                  "median_cpu_ms": round(statistics.median(cpu), 1), "iters_cpu_ms": [round(c) for c in cpu],
                                  "vmhwm_mb": vm_hwm_mb(),
                                  "torch": torch.__version__}))


if __name__ == "__main__":
    main()
