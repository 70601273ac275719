"""Tests the one-call exporter end to end: Python writes bundles with export_bundle, Java verifies them.

Each case lands in src/test/resources/exported/<case>/ as the bundle export_bundle wrote
(bundle.json, model.pt, preprocessor.pkl, reference.csv, parity.csv), plus
  data.csv      new rows, not the training rows, as pandas writes them
  expected.csv  what this Python computes for data.csv (p_<class> per row, or prediction)
ExportedBundlesTest opens each bundle (its parity rows must reproduce) and scores data.csv.

Run with Debian's python3-torch / python3-sklearn / python3-pandas:
    /usr/bin/python3 sample-models/build_exported_bundles.py
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bundle_tools  # noqa: E402

bundle_tools.reproducible()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import torch  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

from build_handover_corpus import CLASSES, Mlp, dense, frame, probabilities, train  # noqa: E402
from predictbench_export import export_bundle  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "exported")


class Regressor(torch.nn.Module):
    """A model as users write it: eager code with a data-dependent branch that torch.jit.script accepts."""

    def __init__(self, width):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(width, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))

    def forward(self, x):
        return self.net(x) * 10.0 + 50.0


def write_expected(folder, values, columns):
    pd.DataFrame(values, columns=columns).to_csv(os.path.join(folder, "expected.csv"), index=False,
                                                 float_format="%.10g")


def classification_case(name, preprocessor, train_df, new_df, y, **kwargs):
    preprocessor.fit(train_df)
    model = train(dense(preprocessor.transform(train_df)).astype(np.float32), y, 3, **kwargs)
    folder = os.path.join(OUT, name)
    export_bundle(folder, model, preprocessor, train_df, classes=CLASSES, description="exporter test: " + name)
    new_df.to_csv(os.path.join(folder, "data.csv"), index=False)
    output = "probabilities" if kwargs.get("softmax") else "logits"
    write_expected(folder, probabilities(model, dense(preprocessor.transform(new_df)), output=output),
                   ["p_" + c for c in CLASSES])


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    df, y = frame(1, n=400)
    new, _ = frame(2, n=150)
    base, new_base = df.drop(columns=["notes"]), new.drop(columns=["notes"])

    # The hand-over the issue names: ColumnTransformer of imputers, a scaler and a one-hot encoder, and an MLP.
    classification_case("column-transformer-mlp", ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]),
         ["age", "income"]),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                          ("onehot", OneHotEncoder(handle_unknown="ignore"))]), ["region"]),
    ], remainder="passthrough"), base, new_base, y)

    # Free text next to numbers, and a model that ends in softmax (the exporter must say "probabilities").
    text = ColumnTransformer([
        ("text", TfidfVectorizer(ngram_range=(1, 2), stop_words="english"), "notes"),
        ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), ["age"]),
    ])
    classification_case("tfidf-softmax", text, df[["age", "notes"]], new[["age", "notes"]], y, softmax=True)

    # Regression without a preprocessor: the model takes the numeric columns as they are.
    numeric = base[["income", "score", "children"]].astype(float)
    torch.manual_seed(0)
    regressor = Regressor(3).eval()
    folder = os.path.join(OUT, "regression-no-preprocessor")
    export_bundle(folder, regressor, None, numeric, description="exporter test: regression")
    new_numeric = new_base[["income", "score", "children"]].astype(float)
    new_numeric.to_csv(os.path.join(folder, "data.csv"), index=False)
    with torch.no_grad():
        values = regressor(torch.tensor(new_numeric.to_numpy(), dtype=torch.float32)).double().numpy()
    write_expected(folder, values, ["prediction"])
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
