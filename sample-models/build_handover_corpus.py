"""Builds the hand-over corpus: real scikit-learn pickles and TorchScript models as data
scientists ship them, each with the probabilities Python computes for its data file.

Every case lands in src/test/resources/handover/<case>/ with
  model.pt          torch.jit.script (or trace) of a small trained network
  <preprocessor>    the fitted scikit-learn object, pickled or joblib-dumped as named
  data.csv          the inputs, written by pandas (NaN as empty cells, bools as True/False)
  expected.csv      p_<class> per row: preprocessor.transform -> torch -> softmax/sigmoid
  case.json         how to import it (files, classes, output) and what must happen:
                    "equal" (within 1e-5) or {"refused": "<fragment of the message>"}
HandoverCorpusTest imports and scores each case through the Java path.

Run with Debian's python3-torch / python3-sklearn / python3-pandas:
    /usr/bin/python3 sample-models/build_handover_corpus.py
"""
import json
import os
import pickle
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bundle_tools  # noqa: E402

bundle_tools.reproducible()

import joblib  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import torch  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import (FunctionTransformer, LabelEncoder, MaxAbsScaler, MinMaxScaler,  # noqa: E402
                                   OneHotEncoder, OrdinalEncoder, RobustScaler, StandardScaler)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "handover")
CLASSES = ["low", "medium", "high"]
WORDS = ["cough", "fever", "pain", "the", "and", "chest", "mild", "severe", "night", "sleep"]


def frame(seed, n=240):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "age": rng.normal(45, 15, n).round(1),
        "income": rng.lognormal(10, 0.5, n).round(2),
        "region": rng.choice(["north", "south", "east", "west"], n),
        "smoker": rng.choice([True, False], n),
        "children": rng.integers(0, 4, n),
        "score": rng.uniform(-3, 3, n),
        "notes": [" ".join(rng.choice(WORDS, rng.integers(1, 7))) for _ in range(n)],
    })
    df.loc[rng.random(n) < 0.1, "age"] = np.nan
    df.loc[rng.random(n) < 0.1, "region"] = np.nan
    label = (df["age"].fillna(45) / 30 + (df["region"] == "north") + df["smoker"] + rng.normal(0, 0.3, n))
    y = np.digitize(label, [1.5, 2.5])
    return df, y


class Mlp(torch.nn.Module):
    def __init__(self, width, outputs, softmax=False, batchnorm=False):
        super().__init__()
        layers = [torch.nn.Linear(width, 16)]
        if batchnorm:
            layers.append(torch.nn.BatchNorm1d(16))
        layers += [torch.nn.ReLU(), torch.nn.Dropout(0.2), torch.nn.Linear(16, outputs)]
        self.net = torch.nn.Sequential(*layers)
        self.softmax = softmax

    def forward(self, x):
        y = self.net(x)
        if self.softmax:
            return torch.softmax(y, dim=1)
        return y


class DictOutput(torch.nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        logits = self.inner(x)
        return {"embedding": x[:, :2], "logits": logits}


def dense(x):
    return (x.toarray() if hasattr(x, "toarray") else np.asarray(x)).astype(np.float64)


def train(x, y, outputs, **kwargs):
    torch.manual_seed(0)
    model = Mlp(x.shape[1], outputs, **kwargs)
    target = torch.tensor(y, dtype=torch.long if outputs > 1 else torch.float32)
    loss = torch.nn.CrossEntropyLoss() if outputs > 1 else torch.nn.BCEWithLogitsLoss()
    softmax = model.softmax
    model.softmax = False
    bundle_tools.train_full_batch(model, torch.tensor(x, dtype=torch.float32),
                                  target if outputs > 1 else target.unsqueeze(1), loss,
                                  torch.optim.Adam(model.parameters(), lr=0.01), 200)
    model.softmax = softmax
    return model.eval()


def probabilities(model, x, dtype=torch.float32, output="logits"):
    with torch.no_grad():
        y = model(torch.tensor(x, dtype=dtype))
        if isinstance(y, dict):
            y = y["logits"]
        y = y.double()
    if output == "probabilities":
        return y.numpy()
    if y.shape[1] == 1:
        p = torch.sigmoid(y[:, 0]).numpy()
        return np.stack([1 - p, p], axis=1)
    return torch.softmax(y, dim=1).numpy()


def save(obj, path, how):
    if how.startswith("pickle"):
        with open(path, "wb") as f:
            pickle.dump(obj, f, protocol=int(how[6:]))
    else:
        joblib.dump(obj, path, compress=(how, 3) if how != "none" else 0)


def write_case(name, model, preprocessor, df, y, how="zlib", classes=CLASSES, script=True, expect="equal",
               output="logits", extra=None, files=None, dtype=torch.float32, file_name="preprocessor.joblib"):
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    x = dense(preprocessor.transform(df)) if preprocessor is not None and expect == "equal" else None
    exported = torch.jit.script(model) if script else torch.jit.trace(model, torch.zeros(2, x.shape[1], dtype=dtype))
    exported.save(os.path.join(folder, "model.pt"))
    save(preprocessor, os.path.join(folder, file_name), how)
    df.to_csv(os.path.join(folder, "data.csv"), index=False)
    case = {"preprocessors": [file_name] + (files or []), "classes": classes, "expect": expect}
    case.update(extra or {})
    if expect == "equal":
        p = probabilities(model, x, dtype, output)
        pd.DataFrame(p, columns=["p_" + c for c in classes]).to_csv(
            os.path.join(folder, "expected.csv"), index=False, float_format="%.10g")
    with open(os.path.join(folder, "case.json"), "w") as f:
        json.dump(case, f, indent=2)
        f.write("\n")


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    df, y = frame(1)
    base = df.drop(columns=["notes"])

    # The most common hand-over: impute + scale numbers, impute + one-hot categories, rest passed through.
    ct = ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]),
         ["age", "income"]),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                          ("onehot", OneHotEncoder(handle_unknown="ignore"))]), ["region"]),
    ], remainder="passthrough").fit(base)
    x = dense(ct.transform(base)).astype(np.float32)
    write_case("column-transformer-joblib", train(x, y, 3), ct, base, y, how="zlib")
    for how in ["gzip", "bz2", "lzma", "xz", "pickle0", "pickle2", "pickle5"]:
        write_case("column-transformer-" + how, train(x, y, 3), ct, base, y, how=how,
                   file_name="preprocessor." + ("pkl" if how.startswith("pickle") else "joblib"))

    # Columns by position and slice, a dropped column, every scaler, OneHot drop='first', numbers as categories.
    numeric = base.drop(columns=["region"]).assign(children=base["children"].astype(float))
    numeric = numeric[["age", "income", "score", "children", "smoker"]].copy()
    numeric["age"] = numeric["age"].fillna(45.0)
    ct2 = ColumnTransformer([
        ("minmax", MinMaxScaler(clip=True, feature_range=(-1, 1)), [0]),
        ("robust", RobustScaler(), slice(1, 3)),
        ("kids", OneHotEncoder(drop="first"), ["children"]),
        ("smoker", OneHotEncoder(drop="if_binary"), ["smoker"]),
    ], remainder="drop").fit(numeric)
    x2 = dense(ct2.transform(numeric))
    write_case("positions-slices-drop-first", train(x2, y, 3), ct2, numeric, y, how="pickle4",
               file_name="preprocessor.pkl")

    # Ordinal encoding with an unknown value, MaxAbs and a scaler without centring.
    ct3 = ColumnTransformer([
        ("ord", Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="missing")),
                          ("ordinal", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1))]),
         ["region"]),
        ("maxabs", MaxAbsScaler(), ["score"]),
        ("std", Pipeline([("impute", SimpleImputer(strategy="mean")),
                          ("scale", StandardScaler(with_mean=False))]), ["age", "income"]),
    ]).fit(base)
    x3 = dense(ct3.transform(base))
    write_case("ordinal-maxabs-no-centring", train(x3, y, 3), ct3, base, y, how="bz2")

    # Text: TF-IDF with bigrams, English stop words and sublinear tf, next to scaled numbers.
    ct4 = ColumnTransformer([
        ("text", TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True), "notes"),
        ("num", Pipeline([("impute", SimpleImputer()), ("scale", StandardScaler())]), ["age"]),
    ]).fit(df[["age", "notes"]])
    x4 = dense(ct4.transform(df[["age", "notes"]]))
    write_case("tfidf-bigrams-stopwords", train(x4, y, 3), ct4, df[["age", "notes"]], y, how="xz")

    # A model that already ends in softmax: import must find that, or probabilities are squashed twice.
    write_case("softmax-output", train(x, y, 3, softmax=True), ct, base, y, output="probabilities")

    # Binary with a LabelEncoder for the target, one logit.
    yb = (y > 0).astype(int)
    encoder = LabelEncoder().fit(np.array(["healthy", "sick"])[yb])
    write_case("binary-label-encoder", train(x, yb, 1), ct, base, yb, classes=["healthy", "sick"],
               extra={"classes": [], "label_encoder": "labels.joblib"}, files=["labels.joblib"])
    joblib.dump(encoder, os.path.join(OUT, "binary-label-encoder", "labels.joblib"))

    # BatchNorm + dropout, scripted: MC passes must leave BatchNorm's statistics alone.
    write_case("batchnorm-dropout", train(x, y, 3, batchnorm=True), ct, base, y, extra={"mc_passes": 20})

    # float64 weights, and a dict output read by its "logits" key.
    write_case("float64-model", train(x, y, 3).double(), ct, base, y, dtype=torch.float64)
    write_case("dict-output", DictOutput(train(x, y, 3)), ct, base, y)

    # Refusals: a pipeline that ends in the estimator, and a step PredictBench does not read.
    full = Pipeline([("prep", ct), ("clf", LogisticRegression(max_iter=200))]).fit(base, y)
    write_case("pipeline-ends-in-estimator", train(x, y, 3), full, base, y,
               expect={"refused": "the Pipeline ends in a LogisticRegression"})
    custom = Pipeline([("identity", FunctionTransformer()), ("scale", StandardScaler())]).fit(
        base[["income"]])
    write_case("unsupported-step", train(x, y, 3), custom, base, y,
               expect={"refused": "step \"identity\" of the Pipeline"})
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
