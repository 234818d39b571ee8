"""Where one training step of the article's CNN spends its time in PyTorch on this CPU.

The same shapes as scripts/bench/kernel-profile.ts (MNIST 28x28x1, batch 32, Adam 0.001, random
inputs): torch.profiler's CPU time per operator and step, at each thread count asked for. Prints one
JSON object on its last line. bench-kernels.mjs runs it with glibc's trim and mmap thresholds raised:
with the defaults, this small process returned each step's freed activations to the system and faulted
them in again (about 1,500 page faults a step, 29 ms a step instead of 14), which a real epoch, whose
heap also holds the dataset, does not do (native_cnn.py: about 12 ms a step).

Usage: python3 scripts/bench/native_profile.py --threads 1,2 [--steps 30]
"""

import argparse
import json
import time

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

from native_cnn import article_cnn


def run(threads, steps):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = article_cnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(32, 1, 28, 28)
    y = torch.randint(0, 10, (32,))

    def step():
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(5):
        step()
    started = time.perf_counter()
    for _ in range(steps):
        step()
    step_ms = (time.perf_counter() - started) * 1000 / steps
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(steps):
            step()
    rows = [
        {
            "name": e.key,
            "callsPerStep": e.count / steps,
            "msPerStep": e.self_cpu_time_total / 1000 / steps,
        }
        for e in prof.key_averages()
        if e.self_cpu_time_total > 0
    ]
    rows.sort(key=lambda r: -r["msPerStep"])
    return {"threads": threads, "stepMs": step_ms, "samplesPerSec": 32000 / step_ms, "kernels": rows}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    torch.set_num_interop_threads(1)
    runs = [run(int(t), args.steps) for t in args.threads.split(",")]
    print(json.dumps({"torch": torch.__version__, "runs": runs}))


if __name__ == "__main__":
    main()
