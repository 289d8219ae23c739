"""The PyTorch peer of DenseEpoch: the same 784-256-32 autoencoder, data, optimizer and batching.

Prints "seconds <median epoch wall time>" after one warm-up epoch.
    python3 dense_epoch.py <batch size> <timed epochs> <threads>
"""
import gzip
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn


def load_images(directory):
    with gzip.open(os.path.join(directory, "train-images-idx3-ubyte.gz"), "rb") as f:
        data = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return torch.from_numpy(data.reshape(-1, 784).astype(np.float32) / 255.0)


def main():
    batch_size, timed_epochs, threads = (int(a) for a in sys.argv[1:4])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    images = load_images(os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"))
    model = nn.Sequential(
        nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 32),
        nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid())
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    rows = images.shape[0]
    durations = []
    for epoch in range(timed_epochs + 1):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(rows)
        total = 0.0
        for first in range(0, rows, batch_size):
            batch = images.index_select(0, order[first:first + batch_size])
            optimizer.zero_grad()
            loss = loss_fn(model(batch), batch)
            loss.backward()
            optimizer.step()
            total += loss.item() * batch.shape[0]
        if epoch > 0:
            durations.append(time.perf_counter() - start)
    print(f"rows {rows} threads {torch.get_num_threads()} final-loss {total / rows:.5f}")
    print(f"seconds {statistics.median(durations):.4f}")


if __name__ == "__main__":
    main()
