"""Makes a small visual-inspection folder in MVTec AD's layout from real Fashion-MNIST images:

    <output>/train/good/NNN.png             good items to learn from
    <output>/test/good/NNN.png              good items to score
    <output>/test/<defect>/NNN.png          items with a defect drawn on them
    <output>/ground_truth/<defect>/NNN_mask.png   where the defect is (255) and is not (0)

The items are one Fashion-MNIST class (ankle boots by default): the training images come from the
data set's training file, the test images from its test file, so no test item was learnt from.
Defects are drawn on test images at 8 times the resolution and shrunk back (anti-aliased edges):
  scratch  a thin straight line, 10-16 pixels long, bright on dark material and dark on bright
  stain    a soft-edged ellipse 3-8 pixels across, 70-110 grey levels lighter or darker
  hole     an ellipse 4-7 pixels across erased to the background (material missing)
Each defect is centred on the item (a pixel brighter than 30) and the mask marks the pixels it
changed by 12 grey levels or more, so a mask never claims a change that cannot be seen. Every draw
uses a fixed seed: the folder is the same on every machine.

Usage: /usr/bin/python3 make_inspection_folder.py [OUTPUT_FOLDER] [CLASS]
Needs python3-numpy, python3-pil and dataset-fashion-mnist (FASHION_MNIST_DIR overrides its place).
"""
import gzip
import os
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

SOURCE = os.environ.get("FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist"
NAMES = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"]
TRAIN_GOOD, TEST_GOOD, PER_DEFECT = 300, 40, 20
DEFECTS = ["scratch", "stain", "hole"]
SCALE = 8
VISIBLE = 12


def read(prefix):
    with gzip.open(f"{SOURCE}/{prefix}-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(f"{SOURCE}/{prefix}-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    return images, labels


def coverage(draw_shape):
    """Draws one shape at SCALE times the size and returns its 28 x 28 coverage in [0, 1]."""
    canvas = Image.new("L", (28 * SCALE, 28 * SCALE), 0)
    draw_shape(ImageDraw.Draw(canvas))
    return np.asarray(canvas.resize((28, 28), Image.BOX), np.float32) / 255


def ellipse(cy, cx, ry, rx, angle):
    """The polygon of an ellipse at SCALE resolution."""
    t = np.linspace(0, 2 * np.pi, 64, endpoint=False)
    ys, xs = ry * np.sin(t), rx * np.cos(t)
    c, s = np.cos(angle), np.sin(angle)
    return [((cx + x * c - y * s) * SCALE, (cy + x * s + y * c) * SCALE) for y, x in zip(ys, xs)]


def draw_defect(image, kind, rng):
    item = np.argwhere(image[3:25, 3:25] > 30) + 3
    cy, cx = item[rng.integers(len(item))] + 0.5
    local = image[int(cy) - 2:int(cy) + 3, int(cx) - 2:int(cx) + 3].mean()
    angle = rng.uniform(0, np.pi)
    if kind == "scratch":
        half = rng.uniform(5, 8)
        dy, dx = half * np.sin(angle), half * np.cos(angle)
        alpha = coverage(lambda d: d.line([((cx - dx) * SCALE, (cy - dy) * SCALE), ((cx + dx) * SCALE, (cy + dy) * SCALE)],
                                          fill=255, width=int(1.2 * SCALE)))
        value = 245 if local < 128 else 15
    elif kind == "stain":
        shape = ellipse(cy, cx, rng.uniform(1.5, 3), rng.uniform(2, 4), angle)
        alpha = coverage(lambda d: d.polygon(shape, fill=255))
        alpha = np.asarray(Image.fromarray((alpha * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6)), np.float32) / 255
        shift = rng.uniform(70, 110)
        value = local + shift if local + shift <= 255 else local - shift
        alpha *= 0.9
    else:
        shape = ellipse(cy, cx, rng.uniform(2, 3.5), rng.uniform(2, 3.5), angle)
        alpha = coverage(lambda d: d.polygon(shape, fill=255))
        value = 0
    drawn = np.clip(np.rint(image * (1 - alpha) + value * alpha), 0, 255).astype(np.uint8)
    mask = np.abs(drawn.astype(np.int16) - image) >= VISIBLE
    return drawn, mask


def save(array, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(array, "L").save(path, optimize=True)


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "ankle-boot")
    label = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    train_images, train_labels = read("train")
    test_images, test_labels = read("t10k")
    train = train_images[train_labels == label][:TRAIN_GOOD]
    test = test_images[test_labels == label][:TEST_GOOD + PER_DEFECT * len(DEFECTS)]
    for i, image in enumerate(train):
        save(image, f"{output}/train/good/{i:03d}.png")
    for i, image in enumerate(test[:TEST_GOOD]):
        save(image, f"{output}/test/good/{i:03d}.png")
    rng = np.random.default_rng(21)
    for d, kind in enumerate(DEFECTS):
        for i in range(PER_DEFECT):
            image = test[TEST_GOOD + d * PER_DEFECT + i]
            drawn, mask = draw_defect(image, kind, rng)
            while mask.sum() < 4:
                drawn, mask = draw_defect(image, kind, rng)
            save(drawn, f"{output}/test/{kind}/{i:03d}.png")
            save(mask.astype(np.uint8) * 255, f"{output}/ground_truth/{kind}/{i:03d}_mask.png")
    print(f"{output}: {NAMES[label]}, {len(train)} training and {len(test)} test images ({PER_DEFECT} per defect: {', '.join(DEFECTS)})")


if __name__ == "__main__":
    main()
