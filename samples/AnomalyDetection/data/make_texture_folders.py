"""Makes visual-inspection folders in MVTec AD's layout from real photographed textures:

    <output>/<texture>/train/good/NNN.png             good crops to learn from
    <output>/<texture>/test/good/NNN.png              good crops to score
    <output>/<texture>/test/<defect>/NNN.png          crops with a defect drawn on them
    <output>/<texture>/ground_truth/<defect>/NNN_mask.png   where the defect is (255) and is not (0)

The textures are the photographs scikit-image ships (Debian's python3-skimage): brick (a wall),
grass, gravel and the moon's surface, 512 x 512 grey. Each is split in two: training crops come
from its upper half, test crops from its lower half, so no test pixel was learnt from. Crops are
64 x 64 at random places (fixed seeds). Defects are drawn at 8 times the resolution and shrunk back
(anti-aliased edges), at a random place of the crop:
  scratch  a thin straight line, 16-28 pixels long, 1.5 pixels wide, 60-100 grey levels off the
           local mean (brighter on dark texture, darker on bright)
  stain    a soft-edged ellipse 8-16 pixels across, 50-80 grey levels lighter or darker
  hole     an ellipse 6-12 pixels across filled with a dark, slightly noisy shade (material missing)
The mask marks the pixels a defect changed by 12 grey levels or more.

Usage: /usr/bin/python3 make_texture_folders.py [OUTPUT_FOLDER]
Needs python3-skimage, python3-numpy and python3-pil.
"""
import os
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from skimage import data

TEXTURES = {"brick": data.brick, "grass": data.grass, "gravel": data.gravel, "moon": data.moon}
CROP, TRAIN_GOOD, TEST_GOOD, PER_DEFECT = 64, 200, 30, 15
DEFECTS = ["scratch", "stain", "hole"]
SCALE = 8
VISIBLE = 12


def crops(image, rows, count, rng):
    """`count` crops of CROP x CROP whose top rows lie in `rows` (a range of the image's rows)."""
    tops = rng.integers(rows.start, rows.stop - CROP, count)
    lefts = rng.integers(0, image.shape[1] - CROP, count)
    return [image[t:t + CROP, l:l + CROP].copy() for t, l in zip(tops, lefts)]


def coverage(draw_shape):
    """A soft 0..1 coverage map of CROP x CROP from a shape drawn at SCALE times the resolution."""
    canvas = Image.new("L", (CROP * SCALE, CROP * SCALE), 0)
    draw_shape(ImageDraw.Draw(canvas))
    return np.asarray(canvas.resize((CROP, CROP), Image.BILINEAR), dtype=np.float64) / 255.0


def draw_defect(crop, kind, rng):
    values = crop.astype(np.float64)
    cy, cx = rng.uniform(14, CROP - 14, 2) * SCALE
    if kind == "scratch":
        length, angle = rng.uniform(16, 28) * SCALE, rng.uniform(0, np.pi)
        dy, dx = np.sin(angle) * length / 2, np.cos(angle) * length / 2
        cover = coverage(lambda d: d.line([(cx - dx, cy - dy), (cx + dx, cy + dy)], fill=255, width=int(1.5 * SCALE)))
        shift = rng.uniform(60, 100) * (1 if values.mean() < 128 else -1)
        values = values + cover * shift
    elif kind == "stain":
        ry, rx = rng.uniform(4, 8, 2) * SCALE
        cover = coverage(lambda d: d.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=255))
        cover = np.asarray(Image.fromarray((cover * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.5)), dtype=np.float64) / 255.0
        values = values + cover * rng.uniform(50, 80) * rng.choice([-1, 1])
    else:
        ry, rx = rng.uniform(3, 6, 2) * SCALE
        cover = coverage(lambda d: d.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=255))
        dark = rng.uniform(5, 25) + rng.normal(0, 3, values.shape)
        values = values * (1 - cover) + dark * cover
    defective = np.clip(np.round(values), 0, 255).astype(np.uint8)
    mask = (np.abs(defective.astype(int) - crop.astype(int)) >= VISIBLE).astype(np.uint8) * 255
    return defective, mask


def save(array, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(array).save(path)


def main(output):
    for index, (name, load) in enumerate(TEXTURES.items()):
        image = np.asarray(load(), dtype=np.uint8)
        rng = np.random.default_rng(index)
        folder = os.path.join(output, name)
        half = image.shape[0] // 2
        for i, crop in enumerate(crops(image, range(0, half), TRAIN_GOOD, rng)):
            save(crop, f"{folder}/train/good/{i:03d}.png")
        tests = crops(image, range(half, image.shape[0]), TEST_GOOD + PER_DEFECT * len(DEFECTS), rng)
        for i, crop in enumerate(tests[:TEST_GOOD]):
            save(crop, f"{folder}/test/good/{i:03d}.png")
        for d, kind in enumerate(DEFECTS):
            for i, crop in enumerate(tests[TEST_GOOD + d * PER_DEFECT:TEST_GOOD + (d + 1) * PER_DEFECT]):
                defective, mask = draw_defect(crop, kind, rng)
                save(defective, f"{folder}/test/{kind}/{i:03d}.png")
                save(mask, f"{folder}/ground_truth/{kind}/{i:03d}_mask.png")
        print(f"{folder}: {TRAIN_GOOD} training crops, {TEST_GOOD} good and {PER_DEFECT * len(DEFECTS)} defective test crops")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "textures")
