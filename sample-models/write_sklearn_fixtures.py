#!/usr/bin/python3
"""Writes the scikit-learn files the Java pickle reader is tested against.

Run from the repository root: /usr/bin/python3 sample-models/write_sklearn_fixtures.py

src/test/resources/sklearn/ gets fitted StandardScaler, MinMaxScaler and
OneHotEncoder objects saved with pickle protocols 2 to 5 and with joblib (plain,
zlib and gzip), expected.json with the attributes Java must read back, and
hostile.pkl, a pickle that would call os.system when loaded by Python (never
loaded here: it is built from raw opcodes).

sample-models/import-example/ gets the most common hand-over: the breast-cancer
model as a bare model.pt with its StandardScaler in scaler.pkl (fitted on a
DataFrame, so it carries feature_names_in_) and a data file.
"""
import json
import os
import pickle
import shutil

import joblib
import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

from bundle_tools import reproducible

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "sklearn")
SAMPLES = os.path.join(ROOT, "sample-models")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(3)
    numbers = pd.DataFrame({"height": rng.normal(170, 9, 50), "weight": rng.normal(70, 12, 50),
                            "score": rng.uniform(-3, 8, 50)})
    standard = StandardScaler().fit(numbers)
    minmax = MinMaxScaler(feature_range=(-1, 1)).fit(numbers[["score"]].to_numpy())
    colours = pd.DataFrame({"colour": rng.choice(["red", "green", "blue"], 50),
                            "size": rng.choice([1, 2, 3], 50)})
    onehot = OneHotEncoder(categories=[["red", "green", "blue"], [1, 2, 3]], handle_unknown="ignore").fit(colours)

    for protocol in (2, 3, 4, 5):
        with open(os.path.join(OUT, "standard_p%d.pkl" % protocol), "wb") as f:
            pickle.dump(standard, f, protocol=protocol)
    with open(os.path.join(OUT, "minmax_p4.pkl"), "wb") as f:
        pickle.dump(minmax, f, protocol=4)
    with open(os.path.join(OUT, "onehot_p4.pkl"), "wb") as f:
        pickle.dump(onehot, f, protocol=4)
    joblib.dump(standard, os.path.join(OUT, "standard.joblib"))
    joblib.dump(standard, os.path.join(OUT, "standard_zlib.joblib"), compress=("zlib", 3))
    joblib.dump(standard, os.path.join(OUT, "standard_gzip.joblib"), compress=("gzip", 3))
    joblib.dump(onehot, os.path.join(OUT, "onehot.joblib"))
    joblib.dump(minmax, os.path.join(OUT, "minmax_zlib.joblib"), compress=3)

    expected = {
        "standard": {"mean": standard.mean_.tolist(), "scale": standard.scale_.tolist(),
                     "feature_names": list(standard.feature_names_in_)},
        "minmax": {"min": minmax.data_min_.tolist(), "max": minmax.data_max_.tolist(), "range": [-1, 1]},
        "onehot": {"categories": [[str(c) for c in cats] for cats in onehot.categories_],
                   "feature_names": list(onehot.feature_names_in_), "handle_unknown": "ignore",
                   "transform_of_green_2": onehot.transform(
                       pd.DataFrame({"colour": ["green"], "size": [2]})).toarray()[0].tolist()},
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)

    # GLOBAL os.system, then REDUCE with ("echo pwned",): what a malicious pickle looks like.
    hostile = b"\x80\x02cos\nsystem\nq\x00X\n\x00\x00\x00echo pwnedq\x01\x85q\x02Rq\x03."
    with open(os.path.join(OUT, "hostile.pkl"), "wb") as f:
        f.write(hostile)

    write_import_example()
    print("wrote", sorted(os.listdir(OUT)))


def write_import_example():
    """The breast-cancer model handed over bare: model.pt + scaler.pkl + data."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split
    data = load_breast_cancer()
    names = [str(n) for n in data.feature_names]  # numpy strings would leave feature_names_in_ unset
    x, y = data.data, 1 - data.target
    ids = np.arange(1, len(y) + 1)
    x_train, _, _, _, _, _ = train_test_split(x, y, ids, test_size=0.4, random_state=42, stratify=y)
    scaler = StandardScaler().fit(pd.DataFrame(x_train, columns=names))
    out = os.path.join(SAMPLES, "import-example")
    os.makedirs(out, exist_ok=True)
    shutil.copy(os.path.join(SAMPLES, "breast-cancer", "model.pt"), os.path.join(out, "model.pt"))
    shutil.copy(os.path.join(SAMPLES, "breast-cancer", "unseen.csv"), os.path.join(out, "data.csv"))
    with open(os.path.join(out, "scaler.pkl"), "wb") as f:
        pickle.dump(scaler, f, protocol=4)


if __name__ == "__main__":
    reproducible()
    main()
