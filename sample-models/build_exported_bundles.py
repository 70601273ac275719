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
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler  # noqa: E402

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


class EmbeddingNet(torch.nn.Module):
    """A tabular deep-learning model: numbers in one tensor, int64 category indices for embeddings in another."""

    def __init__(self, numbers: int, cardinalities: list):
        super().__init__()
        self.embeddings = torch.nn.ModuleList([torch.nn.Embedding(c, 3) for c in cardinalities])
        self.net = torch.nn.Sequential(torch.nn.Linear(numbers + 3 * len(cardinalities), 16), torch.nn.ReLU(),
                                       torch.nn.Dropout(0.1), torch.nn.Linear(16, 3))

    def forward(self, numbers: torch.Tensor, categories: torch.Tensor) -> torch.Tensor:
        parts = [numbers]
        for i, embedding in enumerate(self.embeddings):
            parts.append(embedding(categories[:, i]))
        return self.net(torch.cat(parts, 1))


def embeddings_case(base, new_base, y):
    columns = ["income", "score", "region", "children"]
    ct = ColumnTransformer([
        ("num", StandardScaler(), ["income", "score"]),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="unknown")),
                          ("index", OrdinalEncoder())]), ["region", "children"]),
    ]).fit(base[columns])
    x = torch.tensor(dense(ct.transform(base[columns])), dtype=torch.float32)
    cardinalities = [len(c) for c in ct.named_transformers_["cat"].named_steps["index"].categories_]
    torch.manual_seed(0)
    model = EmbeddingNet(2, cardinalities)
    bundle_tools.train_full_batch(lambda_model(model), x, torch.tensor(y, dtype=torch.long),
                                  torch.nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=0.01), 200)
    model.eval()
    folder = os.path.join(OUT, "embeddings-two-inputs")
    inputs = [{"name": "numbers", "width": 2}, {"name": "categories", "width": 2, "dtype": "int64"}]
    export_bundle(folder, model, ct, base[columns], classes=CLASSES, inputs=inputs,
                  description="exporter test: numbers and int64 category indices as two inputs")
    new_base[columns].to_csv(os.path.join(folder, "data.csv"), index=False)
    new_x = torch.tensor(dense(ct.transform(new_base[columns])), dtype=torch.float32)
    with torch.no_grad():
        logits = model(new_x[:, :2], new_x[:, 2:].to(torch.int64)).double()
    write_expected(folder, torch.softmax(logits, 1).numpy(), ["p_" + c for c in CLASSES])


class lambda_model(torch.nn.Module):
    """Feeds one training matrix to a two-input model, so the shared training loop can train it."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x[:, :2], x[:, 2:].to(torch.int64))


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
    embeddings_case(base, new_base, y)
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
