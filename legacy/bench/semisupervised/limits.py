"""What limits the classification sample's few-label lines (bench/RESULTS.md, "what limits the code").

A PyTorch copy of the sample's denoising autoencoder (784-512-64, half the pixels masked, 30
epochs of 256 rows) and of its kernel line (Gaussian random Fourier features of the standardized
code, 2,000 wide, the width from the median squared distance as ML.NET's ApproximatedKernelMap
takes it; softmax regression on every labelled image and its shifted and mirrored copies). Prints:
  neighbours <code|pixels> nearest <share> ten-nearest <share>   (all 60,000 labels)
  all-labels <code|pixels>-kernel <accuracy>
  labels <n> draw <d> kernel <accuracy> copies-averaged <accuracy>
  labels <n> draw <d> self-training <share> pseudo-labels-right <share> kernel <accuracy>
  smoothed-loss labels <n> draw <d> kernel <accuracy>
Label draws are NumPy's, not the sample's. Takes about 25 minutes on 2 cores.
Usage: /usr/bin/python3 bench/semisupervised/limits.py
"""
import gzip

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.linear_model import LogisticRegression

torch.set_num_threads(2)
DATA = "/usr/share/datasets/fashion-mnist"


def idx(name, offset):
    return np.frombuffer(gzip.open(f"{DATA}/{name}").read(), np.uint8, offset=offset)


train_x = idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
train_y = idx("train-labels-idx1-ubyte.gz", 8).astype(int)
test_x = idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
test_y = idx("t10k-labels-idx1-ubyte.gz", 8).astype(int)


def denoising_encoder(smoothed_loss):
    """The sample's autoencoder; with smoothed_loss its loss is on the difference smoothed by a Gaussian of one pixel."""
    torch.manual_seed(0)
    encoder = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 64))
    decoder = nn.Sequential(nn.Linear(64, 512), nn.ReLU(), nn.Linear(512, 784), nn.Sigmoid())
    taps = torch.exp(-0.5 * torch.arange(-3.0, 4.0) ** 2)
    taps = taps / taps.sum()
    gaussian = (taps[:, None] * taps[None, :]).view(1, 1, 7, 7)
    optimizer = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), 1e-3)
    images = torch.tensor(train_x)
    for _ in range(30):
        order = torch.randperm(len(images))
        for start in range(0, len(images), 256):
            batch = images[order[start:start + 256]]
            kept = (torch.rand_like(batch) > 0.5).float()
            difference = decoder(encoder(batch * kept * 2)) - batch
            if smoothed_loss:
                difference = F.conv2d(difference.view(-1, 1, 28, 28), gaussian, padding=3)
            loss = (difference ** 2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return encoder


def copies(x):
    """Each image shifted by one pixel in four directions, and all five mirrored: 10 x rows x 784."""
    images = x.reshape(-1, 28, 28)
    out = []
    for dy, dx in [(0, 0), (0, 1), (0, -1), (1, 0), (-1, 0)]:
        shifted = np.zeros_like(images)
        shifted[:, max(dy, 0):28 + min(dy, 0), max(dx, 0):28 + min(dx, 0)] = images[:, max(-dy, 0):28 + min(-dy, 0), max(-dx, 0):28 + min(-dx, 0)]
        out += [shifted, shifted[:, :, ::-1]]
    return np.stack(out).reshape(10, -1, 784)


def kernel_map(rows, seed=0):
    """Random Fourier features of a Gaussian kernel whose width comes from the median squared distance of 2,000 sampled rows."""
    random = np.random.default_rng(seed)
    sample = rows[random.choice(len(rows), 2000, replace=False)].astype(np.float64)
    squared = (sample ** 2).sum(1)
    distances = squared[:, None] + squared[None, :] - 2 * sample @ sample.T
    gamma = 1 / np.median(distances[np.triu_indices(2000, 1)])
    weights = random.normal(0, np.sqrt(2 * gamma), (rows.shape[1], 2000))
    offsets = random.uniform(0, 2 * np.pi, 2000)
    return lambda x: np.cos(x @ weights + offsets) * np.sqrt(2 / 2000)


def neighbours(name, train, test):
    nearest, ten = 0.0, 0.0
    reference = torch.tensor(train)
    for start in range(0, len(test), 1000):
        found = torch.cdist(torch.tensor(test[start:start + 1000]), reference).topk(10, largest=False).indices.numpy()
        labels = train_y[found]
        truth = test_y[start:start + 1000, None]
        nearest += (labels[:, 0] == truth[:, 0]).sum()
        ten += (labels == truth).mean(1).sum()
    print(f"neighbours {name} nearest {nearest / len(test):.4f} ten-nearest {ten / len(test):.4f}", flush=True)


def few_labels(encode, kernel, per_class, draw, regularization, prefix="", self_training=False):
    order = np.random.default_rng(7 + draw).permutation(len(train_x))
    labelled = np.concatenate([order[train_y[order] == k][:per_class] for k in range(10)])
    features = np.concatenate([kernel(encode(c)) for c in copies(train_x[labelled])])
    labels = np.tile(train_y[labelled], 10)
    test_features = kernel(encode(test_x))
    model = LogisticRegression(C=regularization, max_iter=300).fit(features, labels)
    averaged = np.mean([model.predict_proba(kernel(encode(c))) for c in copies(test_x)], 0).argmax(1)
    print(f"{prefix}labels {per_class} draw {draw} kernel {(model.predict(test_features) == test_y).mean():.4f} "
          f"copies-averaged {(averaged == test_y).mean():.4f}", flush=True)
    if not self_training:
        return
    unlabelled = kernel(encode(train_x))
    for share in (0.1, 0.2, 0.4):
        probabilities = model.predict_proba(unlabelled)
        predicted, confidence = probabilities.argmax(1), probabilities.max(1)
        taken = np.concatenate([ids[np.argsort(-confidence[ids])][:int(share * 6000)] for ids in (np.where(predicted == k)[0] for k in range(10))])
        model = LogisticRegression(C=regularization, max_iter=300).fit(
            np.concatenate([features, unlabelled[taken]]), np.concatenate([labels, predicted[taken]]))
        print(f"labels {per_class} draw {draw} self-training {share} pseudo-labels-right {(predicted[taken] == train_y[taken]).mean():.4f} "
              f"kernel {(model.predict(test_features) == test_y).mean():.4f}", flush=True)


def standardized_encoding(encoder):
    with torch.no_grad():
        codes = encoder(torch.tensor(train_x)).numpy()
    mean, deviation = codes.mean(0), codes.std(0) + 1e-6

    def encode(x):
        with torch.no_grad():
            return (encoder(torch.tensor(np.ascontiguousarray(x))).numpy() - mean) / deviation
    return encode


encode = standardized_encoding(denoising_encoder(smoothed_loss=False))
neighbours("code", encode(train_x), encode(test_x))
neighbours("pixels", train_x, test_x)
code_kernel, pixel_kernel = kernel_map(encode(train_x)), kernel_map(train_x)
for name, features in (("code", lambda x: code_kernel(encode(x))), ("pixels", pixel_kernel)):
    model = LogisticRegression(C=10.0, max_iter=300).fit(features(train_x), train_y)
    print(f"all-labels {name}-kernel {(model.predict(features(test_x)) == test_y).mean():.4f}", flush=True)
few_labels(encode, code_kernel, 100, 0, 10.0, self_training=True)
for draw in range(3):
    few_labels(encode, code_kernel, 10, draw, 1.0, self_training=True)

smoothed = standardized_encoding(denoising_encoder(smoothed_loss=True))
smoothed_kernel = kernel_map(smoothed(train_x))
few_labels(smoothed, smoothed_kernel, 100, 0, 10.0, prefix="smoothed-loss ")
for draw in range(3):
    few_labels(smoothed, smoothed_kernel, 10, draw, 1.0, prefix="smoothed-loss ")
