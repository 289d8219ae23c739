"""The tabular suite's peers, from scikit-learn, on one set: prints `iforest <auroc>` and `pca <auroc>`.

Both fit on every row of the set and score the same rows (unsupervised: the labels are used only
to compute the AUROC), as our detector does. Missing cells are filled with the column mean.
- iforest: IsolationForest with scikit-learn's defaults (100 trees, 256 rows each); the AUROC is
  the mean over seeds 0-4, since one forest's AUROC varies with its seed.
- pca: standardized features, the fewest principal components that explain 90% of the variance,
  the score is the squared reconstruction error (the classic PCA detector).

Usage: /usr/bin/python3 peers.py SET.csv
"""
import sys

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.ensemble import IsolationForest
from sklearn.impute import SimpleImputer
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler


def main(path):
    table = pd.read_csv(path)
    labels = table.pop("anomaly").to_numpy()
    features = SimpleImputer(strategy="mean").fit_transform(table.to_numpy(dtype=float))

    forests = [roc_auc_score(labels, -IsolationForest(random_state=seed).fit(features).score_samples(features)) for seed in range(5)]
    print(f"iforest {np.mean(forests):.4f}")

    scaled = StandardScaler().fit_transform(features)
    pca = PCA(n_components=0.9, svd_solver="full").fit(scaled)
    errors = ((scaled - pca.inverse_transform(pca.transform(scaled))) ** 2).sum(axis=1)
    print(f"pca {roc_auc_score(labels, errors):.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
