"""Two plain distances on every set of the tabular suite, to show what each side of the suite rewards.

On the features our sample gives the detector (missing cells filled with the column mean, then
min-max scaling), each row's squared distance from the mean of all rows:
- whitened: the Mahalanobis distance (the rows' covariance, plus 0.1% of its mean variance on the
  diagonal), which counts a direction of little variance as much as one of much;
- isotropic: the Euclidean distance, which counts each unit of a feature the same.
Prints `<set> whitened <auroc> isotropic <auroc>` per set, then the mean of the tuning and of the
held-out sets. Our detector's likelihood score whitens its code and weighs each feature's
residual by its inverse variance, so it sides with the first.

Usage: /usr/bin/python3 distances.py SUITE_DIR   (the folder make_suite.py wrote, with suite.tsv)
"""
import os
import sys

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import MinMaxScaler


def distances(features):
    centred = features - features.mean(axis=0)
    covariance = np.cov(centred, rowvar=False)
    covariance += 1e-3 * np.trace(covariance) / len(covariance) * np.eye(len(covariance))
    whitened = np.einsum("ij,jk,ik->i", centred, np.linalg.inv(covariance), centred)
    return whitened, (centred ** 2).sum(axis=1)


def main(folder):
    suite = pd.read_csv(os.path.join(folder, "suite.tsv"), sep="\t")
    means = {}
    for _, entry in suite.iterrows():
        table = pd.read_csv(os.path.join(folder, entry["file"]))
        labels = table.pop("anomaly").to_numpy()
        features = MinMaxScaler().fit_transform(SimpleImputer(strategy="mean").fit_transform(table.select_dtypes("number").to_numpy(dtype=float)))
        aurocs = [roc_auc_score(labels, score) for score in distances(features)]
        print(f"{entry['set']} whitened {aurocs[0]:.4f} isotropic {aurocs[1]:.4f}")
        means.setdefault("held-out" if entry["held_out"] == "yes" else "tuning", []).append(aurocs)
    for side, values in means.items():
        whitened, isotropic = np.mean(values, axis=0)
        print(f"mean-{side} ({len(values)} sets) whitened {whitened:.4f} isotropic {isotropic:.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
