"""PyTorch's side of bench/run.sh: the same cases as bench/Ours, one per run, printing
"<name> <value>" lines. Same data, architectures, batch sizes and thread count.
    python3 peer.py <case> <threads> [rows]
"""
import gzip
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

DIRECTORY = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def images(name, rows=None):
    with gzip.open(os.path.join(DIRECTORY, f"{name}-images-idx3-ubyte.gz"), "rb") as f:
        data = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784)
    return torch.from_numpy(data[:rows].astype(np.float32) / 255.0)


def report(key, value):
    print(f"{key} {value:.6g}", flush=True)


class Crop(nn.Module):
    def forward(self, x):
        return x[:, :, :28, :28]


def dense():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 32),
                         nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid())


def convolutional():
    return nn.Sequential(
        nn.Unflatten(1, (1, 28, 28)),
        nn.Conv2d(1, 32, 3, 1, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU(),
        nn.Conv2d(64, 64, 3, 2, 1), nn.ReLU(), nn.Conv2d(64, 64, 3, 1, 1), nn.ReLU(),
        nn.Flatten(), nn.Linear(3136, 16),
        nn.Linear(16, 3136), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
        nn.ConvTranspose2d(64, 64, 3, 1, 1, 0), nn.ReLU(), nn.ConvTranspose2d(64, 64, 3, 2, 1, 1), nn.ReLU(),
        nn.ConvTranspose2d(64, 32, 3, 2, 1, 1), nn.ReLU(), nn.ConvTranspose2d(32, 1, 3, 1, 1, 0),
        Crop(), nn.Flatten(), nn.Sigmoid())


class Variational(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 16))
        self.decoder = nn.Sequential(nn.Linear(8, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid())

    def loss(self, batch):
        both = self.encoder(batch)
        mean, log_variance = both[:, :8], both[:, 8:]
        z = mean + torch.exp(0.5 * log_variance) * torch.randn_like(mean)
        kl = (-0.5 * (1 + log_variance - mean ** 2 - log_variance.exp()).sum(1)).mean()
        return ((self.decoder(z) - batch) ** 2).sum(1).mean() + kl


def training_rows_per_second(model, rows, batch_size, timed_epochs, loss=None):
    data = images("train", rows)
    loss = loss or (lambda batch: nn.functional.mse_loss(model(batch), batch))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    seconds = []
    for epoch in range(timed_epochs + 1):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(rows)
        total = 0.0
        for first in range(0, rows, batch_size):
            batch = data.index_select(0, order[first:first + batch_size])
            optimizer.zero_grad()
            value = loss(batch)
            value.backward()
            optimizer.step()
            total += value.item()
        if epoch > 0:
            seconds.append(time.perf_counter() - start)
    return rows / statistics.median(seconds)


def peak_rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024


def convolutional_64():
    """The convolutional preset for 1 x 64 x 64 (ConvolutionalAutoencoderSpec.DefaultConvolutionsFor), code of 64."""
    return nn.Sequential(
        nn.Unflatten(1, (1, 64, 64)),
        nn.Conv2d(1, 32, 3, 1, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU(),
        nn.Conv2d(64, 128, 3, 2, 1), nn.ReLU(), nn.Conv2d(128, 128, 3, 2, 1), nn.ReLU(),
        nn.Flatten(), nn.Linear(8192, 64),
        nn.Linear(64, 8192), nn.ReLU(), nn.Unflatten(1, (128, 8, 8)),
        nn.ConvTranspose2d(128, 128, 3, 2, 1, 1), nn.ReLU(), nn.ConvTranspose2d(128, 64, 3, 2, 1, 1), nn.ReLU(),
        nn.ConvTranspose2d(64, 32, 3, 2, 1, 1), nn.ReLU(), nn.ConvTranspose2d(32, 1, 3, 1, 1, 0),
        nn.Flatten(), nn.Sigmoid())


def streamed_image_scoring():
    """Load (PIL) + resize to 64 x 64 (area) + score + anomaly map (Gaussian of 1 pixel, reflected
    edges) over the 2,000 PNG files bench/Ours wrote, in batches of 256: images/s, median of 3."""
    from PIL import Image
    folder = os.path.join("/tmp", "bench-images-128")
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder))
    model = convolutional_64().eval()
    offsets = torch.arange(-3, 4, dtype=torch.float32)
    kernel = torch.exp(-offsets ** 2 / 2)
    kernel = (kernel / kernel.sum())
    kernel = (kernel[:, None] * kernel[None, :])[None, None]
    seconds = []
    with torch.inference_mode():
        for _ in range(3):
            start = time.perf_counter()
            for first in range(0, len(files), 256):
                batch = np.stack([np.asarray(Image.open(path).convert("L").resize((64, 64), Image.BOX), np.float32) / 255
                                  for path in files[first:first + 256]]).reshape(-1, 4096)
                features = torch.from_numpy(batch)
                errors = (model(features) - features) ** 2
                scores = errors.mean(1)
                maps = nn.functional.conv2d(nn.functional.pad(errors.view(-1, 1, 64, 64), (3, 3, 3, 3), mode="reflect"), kernel)
            seconds.append(time.perf_counter() - start)
    return len(files) / statistics.median(seconds)


def dense_step_gemm_ms(widths, batch):
    """The matrix products of one training step of a dense network, as autograd runs them (as
    bench/Ours's DenseStepGemmMilliseconds): median of 20 repeats of 50 steps, ms per step."""
    activations = [torch.rand(batch, width) for width in widths]
    weights = [torch.rand(widths[i + 1], widths[i]) for i in range(len(widths) - 1)]
    biases = [torch.rand(widths[i + 1]) for i in range(len(widths) - 1)]

    def steps():
        for _ in range(50):
            for i, weight in enumerate(weights):
                torch.addmm(biases[i], activations[i], weight.t())
            for i in range(len(weights)):
                torch.mm(activations[i + 1].t(), activations[i])
            for i in range(1, len(weights)):
                torch.mm(activations[i + 1], weights[i])

    steps()
    seconds = []
    for _ in range(20):
        start = time.perf_counter()
        steps()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds) * 1000 / 50


def main():
    name, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    if name == "train-dense-b256":
        report("rows_per_s", training_rows_per_second(dense(), 60_000, 256, 3))
    elif name == "train-dense-b32":
        report("rows_per_s", training_rows_per_second(dense(), 20_000, 32, 3))
    elif name == "train-conv-b128":
        report("rows_per_s", training_rows_per_second(convolutional(), 5_000, 128, 2))
    elif name == "train-vae-b128":
        model = Variational()
        report("rows_per_s", training_rows_per_second(model, 60_000, 128, 3, model.loss))
    elif name == "train-dense-b256-peak":
        rows_per_second = training_rows_per_second(dense(), 60_000, 256, 3)
        a, b = torch.rand(1024, 1024), torch.rand(1024, 1024)
        c = torch.mm(a, b)
        start = time.perf_counter()
        for _ in range(20):
            torch.mm(a, b, out=c)
        peak = 2 * 1024 ** 3 * 20 / (time.perf_counter() - start) / 1e9
        gflops = rows_per_second * 3 * 2.0 * (784 * 256 + 256 * 32 + 32 * 256 + 256 * 784) / 1e9
        report("gflops", gflops)
        report("sgemm_peak_gflops", peak)
        report("fraction_of_peak", gflops / peak)
    elif name == "train-dense-b256-profile":
        step_ms = 256 * 1000.0 / training_rows_per_second(dense(), 60_000, 256, 3)
        gemm_ms = dense_step_gemm_ms([784, 256, 32, 256, 784], 256)
        report("step_ms", step_ms)
        report("gemm_ms", gemm_ms)
        report("other_ms", step_ms - gemm_ms)
    elif name == "score-bulk-10k":
        model = dense().eval()
        test = images("t10k")
        seconds = []
        with torch.inference_mode():
            ((model(test) - test) ** 2).mean(1)
            for _ in range(20):
                start = time.perf_counter()
                ((model(test) - test) ** 2).mean(1)
                seconds.append(time.perf_counter() - start)
        report("rows_per_s", test.shape[0] / statistics.median(seconds))
    elif name == "single-row-latency":
        model = dense().eval()
        test = images("t10k", 2_000)
        rows = [test[i:i + 1] for i in range(test.shape[0])]
        micros = []
        with torch.no_grad():
            warm_up_end, i = time.perf_counter() + 2, 0
            while time.perf_counter() < warm_up_end:
                ((model(rows[i % len(rows)]) - rows[i % len(rows)]) ** 2).mean().item()
                i += 1
            for i in range(10_000):
                row = rows[i % len(rows)]
                start = time.perf_counter()
                ((model(row) - row) ** 2).mean().item()
                micros.append((time.perf_counter() - start) * 1e6)
        micros.sort()
        report("p50_us", micros[len(micros) // 2])
        report("p99_us", micros[len(micros) * 99 // 100])
    elif name == "rss-train-dense-b256":
        training_rows_per_second(dense(), 60_000, 256, 1)
        report("peak_rss_mb", peak_rss_mb())
    elif name == "rss-score-streamed":
        rows, width, chunk_rows = int(sys.argv[3]), 32, 8_192
        path = os.path.join("/tmp", f"bench-rows-{rows}.f32")
        model = nn.Sequential(nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 8), nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 32)).eval()
        total = 0.0
        with open(path, "rb") as f, torch.inference_mode():
            while True:
                chunk = np.fromfile(f, dtype=np.float32, count=chunk_rows * width)
                if chunk.size == 0:
                    break
                x = torch.from_numpy(chunk.reshape(-1, width))
                total += float(((model(x) - x) ** 2).mean(1).sum())
        report("peak_rss_mb", peak_rss_mb())
    elif name == "images-score-streamed":
        report("images_per_s", streamed_image_scoring())
    else:
        raise SystemExit(f"unknown case '{name}'")


if __name__ == "__main__":
    main()
