"""The PyTorch peer of bench/Parity: the same architectures, data, epochs, batch size (128) and
learning rate (Adam, 1e-3), printing "<case> <mean training loss of the last epoch>".
    python3 parity.py <threads> <seed> [quick]
"quick" trains each case on a tenth of the rows for one epoch (what the tests run).
With seed 1 the random streams coincide with ours (the same libtorch generator, seeded alike,
drawing initial weights in PyTorch's order and shuffling with randperm), so at the same thread
count the losses agree to the last digit; any other seed gives an independent run.
"""
import gzip
import os
import sys

import numpy as np
import torch
from torch import nn


def load_images(rows):
    directory = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")
    with gzip.open(os.path.join(directory, "train-images-idx3-ubyte.gz"), "rb") as f:
        data = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return torch.from_numpy(data.reshape(-1, 784)[:rows].astype(np.float32) / 255.0)


class Crop(nn.Module):
    def forward(self, x):
        return x[:, :, :28, :28]


def dense():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 32)), \
        nn.Sequential(nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid())


def convolutional():
    encoder = nn.Sequential(
        nn.Unflatten(1, (1, 28, 28)),
        nn.Conv2d(1, 32, 3, 1, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU(),
        nn.Conv2d(64, 64, 3, 2, 1), nn.ReLU(), nn.Conv2d(64, 64, 3, 1, 1), nn.ReLU(),
        nn.Flatten(), nn.Linear(3136, 16))
    decoder = nn.Sequential(
        nn.Linear(16, 3136), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
        nn.ConvTranspose2d(64, 64, 3, 1, 1, 0), nn.ReLU(), nn.ConvTranspose2d(64, 64, 3, 2, 1, 1), nn.ReLU(),
        nn.ConvTranspose2d(64, 32, 3, 2, 1, 1), nn.ReLU(), nn.ConvTranspose2d(32, 1, 3, 1, 1, 0),
        Crop(), nn.Flatten(), nn.Sigmoid())
    return encoder, decoder


def variational():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 16)), \
        nn.Sequential(nn.Linear(8, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid())


def plain_loss(encoder, decoder, batch):
    return nn.functional.mse_loss(decoder(encoder(batch)), batch)


def variational_loss(encoder, decoder, batch):
    both = encoder(batch)
    mean, log_variance = both[:, :8], both[:, 8:]
    z = mean + torch.exp(0.5 * log_variance) * torch.randn_like(mean)
    reconstruction = ((decoder(z) - batch) ** 2).sum(1).mean()
    kl = (-0.5 * (1 + log_variance - mean ** 2 - log_variance.exp()).sum(1)).mean()
    return reconstruction + kl


CASES = [
    ("dense-784-256-32", dense, plain_loss, 20_000, 5),
    ("convolutional-default", convolutional, plain_loss, 5_000, 3),
    ("variational-784-256-8", variational, variational_loss, 20_000, 5),
]


def main():
    torch.set_num_threads(int(sys.argv[1]))
    seed = int(sys.argv[2])
    quick = len(sys.argv) > 3 and sys.argv[3] == "quick"
    for name, build, loss_of, rows, epochs in CASES:
        if quick:
            rows, epochs = rows // 10, 1
        torch.manual_seed(seed)
        images = load_images(rows)
        encoder, decoder = build()
        optimizer = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=1e-3)
        for _ in range(epochs):
            total = 0.0
            for batch in images[torch.randperm(rows)].split(128):
                optimizer.zero_grad()
                loss = loss_of(encoder, decoder, batch)
                loss.backward()
                optimizer.step()
                total += loss.item() * batch.shape[0]
        print(f"{name} {total / rows:.6f}", flush=True)


if __name__ == "__main__":
    main()
