"""Makes the tabular anomaly suite: real tables that Debian ships, turned into anomaly tasks the way
the ODDS collection does (one or more classes are the anomalies, sampled down to a stated share of
the rows; the other classes are normal). Writes one CSV per set, the features under their own
names and an `anomaly` column (1 = anomaly), and suite.tsv listing them.

Sources: r-cran-mlbench (UCI tables, read with python3-rdata) and scikit-learn's bundled sets.
Everything is drawn with fixed seeds, so the files are the same on every machine.

Usage: /usr/bin/python3 make_suite.py OUTPUT_FOLDER
"""
import os
import sys
import warnings

import numpy as np
import pandas as pd
import rdata
from sklearn import datasets

MLBENCH = "/usr/lib/R/site-library/mlbench/data"

# name, source, how the anomalies are chosen, held out.
# Held-out sets are never looked at while choosing defaults; they show whether the defaults
# generalize, and are reported separately.
SETS = [
    ("glass", "mlbench Glass", "type 6 (tableware) are the anomalies, as in ODDS", False),
    ("vowel", "mlbench Vowel", "vowel 'hid' sampled down to 5% of the rows", False),
    ("vehicle", "mlbench Vehicle", "class 'van' sampled down to 5% of the rows", False),
    ("sonar", "mlbench Sonar", "rocks (R) sampled down to 10% of the rows; mines are normal", False),
    ("ionosphere", "mlbench Ionosphere", "'bad' returns are the anomalies (36%), as in ODDS", False),
    ("breastw", "mlbench BreastCancer", "malignant are the anomalies (35%), as in ODDS; 16 missing cells kept", False),
    ("letter", "mlbench LetterRecognition", "letters A-E are normal; other letters sampled to 5% of the rows", False),
    ("shuttle", "mlbench Shuttle", "class Rad.Flow is normal, class High left out, the rest are the anomalies (7%), as in ODDS", False),
    ("wine", "scikit-learn wine", "class 0 sampled down to 10 rows (7.7%), as in ODDS", False),
    ("digits", "scikit-learn digits", "digit 0 sampled down to 3% of the rows", False),
    ("wdbc", "scikit-learn breast cancer", "malignant sampled down to 6% of the rows, as ODDS's wbc", True),
    ("satimage-2", "mlbench Satellite", "class 'cotton crop' sampled down to 71 rows (1.2%), as in ODDS", True),
    ("pima", "mlbench PimaIndiansDiabetes", "diabetes-positive are the anomalies (35%), as in ODDS", True),
    ("dna", "mlbench DNA", "'n' (no boundary) is normal; exon-intron boundaries 'ei' sampled down to 5% of the rows", True),
    ("housevotes", "mlbench HouseVotes84", "democrats are normal; republicans sampled down to 5% of the rows; votes y = 1, n = 0, missing kept", True),
    ("soybean", "mlbench Soybean", "the four classes of 88-92 plants are normal; the rare diseases (8-20 plants each) sampled down to 5% of the rows; missing kept", True),
]


def mlbench(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        converted = rdata.conversion.convert(rdata.parser.parse_file(f"{MLBENCH}/{name}.rda"))
    return next(iter(converted.values()))


def numeric(frame):
    """Every column as float (ordered and 0/1 factors by their values), constant columns dropped."""
    frame = frame.apply(lambda column: pd.to_numeric(column.astype(object), errors="coerce")).astype(float)
    return frame.loc[:, frame.nunique(dropna=True) > 1]


def task(features, is_anomaly, share=None, count=None, seed=0):
    """Keeps every normal row and the anomalies sampled down to `share` of all rows (or `count` rows)."""
    features = numeric(features).reset_index(drop=True)
    is_anomaly = np.asarray(is_anomaly, dtype=bool)
    anomalies = np.flatnonzero(is_anomaly)
    normal = np.flatnonzero(~is_anomaly)
    if share is not None:
        count = int(round(share * len(normal) / (1 - share)))
    if count is not None and count < len(anomalies):
        anomalies = np.sort(np.random.default_rng(seed).choice(anomalies, count, replace=False))
    rows = np.sort(np.concatenate([normal, anomalies]))
    table = features.iloc[rows].reset_index(drop=True)
    table["anomaly"] = is_anomaly[rows].astype(int)
    return table


def make(name):
    if name == "glass":
        frame = mlbench("Glass")
        return task(frame.drop(columns="Type"), frame["Type"] == "6")
    if name == "vowel":
        frame = mlbench("Vowel")
        return task(frame.drop(columns="Class"), frame["Class"] == "hid", share=0.05)
    if name == "vehicle":
        frame = mlbench("Vehicle")
        return task(frame.drop(columns="Class"), frame["Class"] == "van", share=0.05)
    if name == "sonar":
        frame = mlbench("Sonar")
        return task(frame.drop(columns="Class"), frame["Class"] == "R", share=0.10)
    if name == "ionosphere":
        frame = mlbench("Ionosphere")
        return task(frame.drop(columns="Class"), frame["Class"] == "bad")
    if name == "breastw":
        frame = mlbench("BreastCancer")
        return task(frame.drop(columns=["Id", "Class"]), frame["Class"] == "malignant")
    if name == "letter":
        frame = mlbench("LetterRecognition")
        normal = frame["lettr"].isin(list("ABCDE"))
        return task(frame.drop(columns="lettr"), ~normal, share=0.05)
    if name == "shuttle":
        frame = mlbench("Shuttle")
        frame = frame[frame["Class"] != "High"]
        return task(frame.drop(columns="Class"), frame["Class"] != "Rad.Flow")
    if name == "wine":
        data = datasets.load_wine(as_frame=True)
        return task(data.data, data.target == 0, count=10)
    if name == "digits":
        data = datasets.load_digits(as_frame=True)
        return task(data.data, data.target == 0, share=0.03)
    if name == "wdbc":
        data = datasets.load_breast_cancer(as_frame=True)
        return task(data.data, data.target == 0, share=0.06)
    if name == "satimage-2":
        frame = mlbench("Satellite")
        return task(frame.drop(columns="classes"), frame["classes"] == "cotton crop", count=71)
    if name == "pima":
        frame = mlbench("PimaIndiansDiabetes")
        return task(frame.drop(columns="diabetes"), frame["diabetes"] == "pos")
    if name == "dna":
        frame = mlbench("DNA")
        frame = frame[frame["Class"] != "ie"]
        return task(frame.drop(columns="Class"), frame["Class"] == "ei", share=0.05)
    if name == "housevotes":
        frame = mlbench("HouseVotes84")
        votes = frame.drop(columns="Class").apply(lambda column: column.astype(object).map({"y": 1.0, "n": 0.0}))
        return task(votes, frame["Class"] == "republican", share=0.05)
    if name == "soybean":
        frame = mlbench("Soybean")
        common = frame["Class"].value_counts()
        normal = frame["Class"].isin(common[common > 80].index)
        rare = frame["Class"].isin(common[common <= 20].index)
        frame = frame[normal | rare]
        return task(frame.drop(columns="Class"), ~frame["Class"].isin(common[common > 80].index), share=0.05)
    raise KeyError(name)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    lines = ["set\tfile\trows\tfeatures\tanomalies\theld_out\tsource\tanomalies_are"]
    for name, source, rule, held_out in SETS:
        table = make(name)
        table.columns = [str(column).replace(",", "_").replace(" ", "_") for column in table.columns]
        path = os.path.join(folder, f"{name}.csv")
        table.to_csv(path + ".tmp", index=False, float_format="%.6g", na_rep="")
        os.replace(path + ".tmp", path)
        share = table["anomaly"].mean()
        lines.append(f"{name}\t{name}.csv\t{len(table)}\t{table.shape[1] - 1}\t{share:.3f}\t{'yes' if held_out else 'no'}\t{source}\t{rule}")
    with open(os.path.join(folder, "suite.tsv"), "w") as listing:
        listing.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data")
