"""The native reference of `npm run bench -- --native`: the article's CNN trained with PyTorch on
this CPU, from the same MNIST bytes the book serves, with the lab's recipe.

Model (src/ml/models/model-config.ts, ARTICLE_CNN_LAYERS for 28x28x1): conv 32 3x3 relu, max-pool 2,
conv 64 3x3 relu, max-pool 2, flatten, dense 64 relu, dense 10 softmax; Glorot-uniform kernels and
zero biases (as build-model.ts initialises them), categorical cross-entropy, Adam at 0.001 with
TensorFlow.js's epsilon 1e-7, batches of 32, one epoch over all 60,000 training images in a shuffled
order (src/ml/lab-recipes.ts, 'mnist-epoch'), then the accuracy on all 10,000 test images. Inputs are
normalised as the manifest declares, (v - min) / (max - min).

The data is read through the manifest (data/manifest.json): a file is either one file at its `path`
or a list of `chunks`; each may be gzip-compressed (recognised by its first bytes); every part's and
every file's SHA-256 (of the decompressed bytes) is checked when the manifest gives one.

samples/s counts, like the lab's own figure, the training examples divided by the time spent in the
training steps (taking the batch, forward, backward, the optimizer's update and reading the loss),
not the loading or the evaluation.

Usage: python3 scripts/bench/native_cnn.py --data dist/data --threads 1,2 [--examples 60000]
Prints one JSON object per thread count, one per line. Needs PyTorch (Debian: python3-torch).
"""

import argparse
import gzip
import hashlib
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def read_bytes(data_dir, part):
    with open(os.path.join(data_dir, part["path"]), "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    check(part, raw)
    return raw


def check(entry, raw):
    want = entry.get("sha256")
    if want and hashlib.sha256(raw).hexdigest() != want:
        sys.exit(f"native_cnn: {entry['path']}: SHA-256 does not match the manifest")
    if "bytes" in entry and len(raw) != entry["bytes"]:
        sys.exit(f"native_cnn: {entry['path']}: {len(raw)} bytes, the manifest says {entry['bytes']}")


def read_file(data_dir, entry):
    chunks = entry.get("chunks")
    if chunks:
        parts = [read_bytes(data_dir, c if isinstance(c, dict) else {"path": c}) for c in chunks]
        raw = b"".join(parts)
        check(entry, raw)
    else:
        raw = read_bytes(data_dir, entry)
    if entry.get("dtype", "uint8") != "uint8":
        sys.exit(f"native_cnn: {entry['path']}: expected uint8, found {entry.get('dtype')}")
    return np.frombuffer(raw, dtype=np.uint8).reshape(entry["shape"])


def load(data_dir, name):
    with open(os.path.join(data_dir, "manifest.json")) as f:
        dataset = json.load(f)["datasets"][name]
    files = dataset["files"]
    norm = dataset.get("normalisation") or {"min": 0, "max": 255}
    lo, span = float(norm["min"]), float(norm["max"] - norm["min"])
    arrays = {key: read_file(data_dir, files[key]) for key in ("trainImages", "trainLabels", "testImages", "testLabels")}
    # NHWC bytes -> NCHW, as PyTorch's convolutions read them; kept as bytes, normalised per batch
    images = {k: torch.from_numpy(arrays[k].transpose(0, 3, 1, 2).copy()) for k in ("trainImages", "testImages")}
    labels = {k: torch.from_numpy(arrays[k].astype(np.int64)) for k in ("trainLabels", "testLabels")}
    return images, labels, lo, span


def article_cnn():
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 5 * 5, 64),
        nn.ReLU(),
        nn.Linear(64, 10),  # softmax is inside the cross-entropy
    )
    for layer in model:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
    return model


def run(images, labels, lo, span, threads, examples, batch_size, seed):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    model = article_cnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    xs, ys = images["trainImages"][:examples], labels["trainLabels"][:examples]
    order = torch.randperm(len(xs), generator=torch.Generator().manual_seed(seed))
    training_s = 0.0
    started = time.perf_counter()
    model.train()
    for start in range(0, len(order), batch_size):
        t0 = time.perf_counter()
        idx = order[start : start + batch_size]
        x = (xs[idx].float() - lo) / span
        loss = loss_fn(model(x), ys[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        last_loss = loss.item()
        training_s += time.perf_counter() - t0
    epoch_s = time.perf_counter() - started
    model.eval()
    correct = 0
    with torch.no_grad():
        test_x, test_y = images["testImages"], labels["testLabels"]
        for start in range(0, len(test_x), 1000):
            x = (test_x[start : start + 1000].float() - lo) / span
            correct += (model(x).argmax(1) == test_y[start : start + 1000]).sum().item()
    return {
        "threads": threads,
        "examples": len(order),
        "samplesPerSec": len(order) / training_s,
        "trainingSeconds": training_s,
        "epochSeconds": epoch_s,
        "lastLoss": last_loss,
        "testAcc": correct / len(test_x),
        "tested": len(test_x),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="dist/data")
    parser.add_argument("--dataset", default="mnist")
    parser.add_argument("--threads", default=str(os.cpu_count() or 1), help="comma-separated thread counts")
    parser.add_argument("--examples", type=int, default=60000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    torch.set_num_interop_threads(1)
    images, labels, lo, span = load(args.data, args.dataset)
    for threads in [int(t) for t in args.threads.split(",")]:
        row = run(images, labels, lo, span, threads, args.examples, args.batch_size, args.seed)
        row["torch"] = torch.__version__
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
