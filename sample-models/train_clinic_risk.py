#!/usr/bin/python3
"""Trains the clinic-risk sample bundle: every preprocessing op and validation level.

Run from the repository root with Debian's python3-torch, python3-sklearn and
python3-pandas:

    /usr/bin/python3 sample-models/train_clinic_risk.py

Data: synthetic patients from a seeded generator (no real people). Risk (low,
medium, high) is a noisy function of age, BMI, blood pressure, smoking, region
and words in a free-text note, cut at the training tertiles.

Preprocessing is a scikit-learn ColumnTransformer, and the bundle's manifest is
written from its fitted parts, so the Java pipeline can be checked against
ColumnTransformer.transform:
  standardize  age, bmi (bmi's empty cells are filled with 24.5 first)
  minmax       systolic_bp
  one_hot      region, in the non-alphabetical training order west, north, east, south
  one_hot      sex (F, M)
  ordinal      smoker (never < former < current)
  passthrough  pregnant
  bag_of_words notes: TfidfVectorizer (10 words, idf, L2 norm)
Rules: a male patient cannot be pregnant; pregnancy only between ages 12 and 60.

Writes sample-models/clinic-risk/:
  bundle.json, model.pt (scripted MLP with dropout, 3 logits), reference.csv
  parity.csv         200 training rows with the probabilities of ColumnTransformer + model (write_parity)
  valid.csv          200 unseen patients, all valid (some with an empty bmi)
  failures.csv       15 rows, each breaking one known check (or none)
  golden/valid_preprocessed.csv   ColumnTransformer output for valid.csv
  golden/valid_outputs.csv        logits, softmax probabilities, predicted class
  golden/failures_expected.csv    row, column, level, check for every failure
"""
import csv
import os

import numpy as np
import pandas as pd
import torch
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler

from bundle_tools import reproducible, save_scripted, train_full_batch, number, sha256_of, write_csv, write_manifest
from predictbench_export import write_parity

SEED = 7
CLASSES = ["low", "medium", "high"]
REGIONS = ["west", "north", "east", "south"]
SMOKER = ["never", "former", "current"]
WORDS = ["cough", "fever", "pain", "fatigue", "headache", "dizziness", "chest", "nausea", "routine", "checkup",
         "follow-up", "Chest", "FEVER"]
BMI_FILL = 24.5
COLUMNS = ["age", "sex", "pregnant", "bmi", "systolic_bp", "region", "smoker", "notes"]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "clinic-risk")


def patients(rng, n):
    age = np.round(rng.uniform(18, 90, n), 1)
    sex = rng.choice(["F", "M"], n)
    pregnant = ((sex == "F") & (age < 45) & (rng.random(n) < 0.15)).astype(int)
    bmi = np.round(np.clip(rng.normal(27, 5, n), 15, 50), 1)
    bmi[rng.random(n) < 0.05] = np.nan
    bp = np.round(np.clip(rng.normal(130, 18, n), 80, 220), 0)
    region = rng.choice(REGIONS, n, p=[0.4, 0.2, 0.25, 0.15])
    smoker = rng.choice(SMOKER, n, p=[0.55, 0.25, 0.2])
    notes = [" ".join(rng.choice(WORDS, rng.integers(0, 5))) for _ in range(n)]
    return pd.DataFrame({"age": age, "sex": sex, "pregnant": pregnant, "bmi": bmi, "systolic_bp": bp,
                         "region": region, "smoker": smoker, "notes": notes})


def risk_score(df, rng):
    lower = df["notes"].str.lower()
    return (0.04 * (df["age"] - 50) + 0.12 * (df["bmi"].fillna(BMI_FILL) - 27) + 0.03 * (df["systolic_bp"] - 130)
            + 0.9 * lower.str.contains("chest") + 0.5 * lower.str.contains("fever")
            + 0.7 * (df["smoker"] == "current") + 0.4 * (df["region"] == "east")
            + rng.normal(0, 0.6, len(df)))


def transformer():
    return ColumnTransformer([
        ("scale", StandardScaler(), ["age", "bmi"]),
        ("bp", MinMaxScaler(), ["systolic_bp"]),
        ("region", OneHotEncoder(categories=[REGIONS], handle_unknown="error", sparse_output=False), ["region"]),
        ("sex", OneHotEncoder(categories=[["F", "M"]], sparse_output=False), ["sex"]),
        ("smoker", OrdinalEncoder(categories=[SMOKER]), ["smoker"]),
        ("pregnant", "passthrough", ["pregnant"]),
        ("notes", TfidfVectorizer(max_features=10), "notes"),
    ], sparse_threshold=0)


def filled(df):
    out = df.copy()
    out["bmi"] = out["bmi"].fillna(BMI_FILL)
    return out


class Mlp(torch.nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.layers = torch.nn.Sequential(
            torch.nn.Linear(width, 32), torch.nn.ReLU(), torch.nn.Dropout(0.1), torch.nn.Linear(32, 3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


def cells(df):
    """The CSV text of each row: numbers as Python writes them, an empty cell for a missing bmi."""
    for _, r in df.iterrows():
        yield [number(r["age"]), r["sex"], str(int(r["pregnant"])), "" if pd.isna(r["bmi"]) else number(r["bmi"]),
               number(r["systolic_bp"]), r["region"], r["smoker"], r["notes"]]


def main():
    rng = np.random.default_rng(SEED)
    torch.manual_seed(SEED)
    train = patients(rng, 1500)
    score = risk_score(train, rng)
    cuts = np.quantile(score, [1 / 3, 2 / 3])
    labels = np.digitize(score, cuts)

    ct = transformer().fit(filled(train))
    x = torch.tensor(ct.transform(filled(train)), dtype=torch.float32)
    y = torch.tensor(labels, dtype=torch.long)
    model = Mlp(x.shape[1])
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    train_full_batch(model, x, y, torch.nn.functional.cross_entropy, optimizer, 400)
    scripted, model_path = save_scripted(model, OUT)
    write_csv(os.path.join(OUT, "reference.csv"), COLUMNS, cells(train))

    valid = patients(rng, 200)
    valid_labels = np.digitize(risk_score(valid, rng), cuts)
    ids = ["P%04d" % i for i in range(1, len(valid) + 1)]
    write_csv(os.path.join(OUT, "valid.csv"), ["patient_id"] + COLUMNS,
              ([pid] + row for pid, row in zip(ids, cells(valid))))
    transformed = ct.transform(filled(valid))
    names = list(ct.get_feature_names_out())
    write_csv(os.path.join(OUT, "golden", "valid_preprocessed.csv"), names,
              ([number(v) for v in row] for row in transformed))
    with torch.no_grad():
        logits = scripted(torch.tensor(transformed, dtype=torch.float32)).double()
    probs = torch.softmax(logits, dim=1).numpy()
    write_csv(os.path.join(OUT, "golden", "valid_outputs.csv"),
              ["patient_id"] + ["logit_" + c for c in CLASSES] + ["p_" + c for c in CLASSES] + ["prediction"],
              ([pid] + [number(v) for v in z] + [number(v) for v in p] + [CLASSES[int(np.argmax(p))]]
               for pid, z, p in zip(ids, logits.numpy(), probs)))
    write_failures(valid)

    scale, bp = ct.named_transformers_["scale"], ct.named_transformers_["bp"]
    tfidf = ct.named_transformers_["notes"]
    vocabulary = sorted(tfidf.vocabulary_, key=tfidf.vocabulary_.get)
    accuracy = float((probs.argmax(1) == valid_labels).mean())
    write_manifest(OUT, {
        "format": "predictbench-bundle",
        "format_version": 1,
        "name": "clinic-risk",
        "version": "1.0.0",
        "description": "Three-level risk from synthetic patient records (no real people): numbers with ranges, "
                       "categories in training order, a free-text note and business rules. Trained by "
                       "sample-models/train_clinic_risk.py; accuracy %.3f on valid.csv." % accuracy,
        "model": {"file": "model.pt", "sha256": sha256_of(model_path), "output": "logits"},
        "task": {"type": "multiclass", "classes": CLASSES, "target": "risk"},
        "features": [
            {"name": "age", "type": "number", "min": 0, "max": 120},
            {"name": "sex", "type": "category", "values": ["F", "M"]},
            {"name": "pregnant", "type": "integer", "min": 0, "max": 1},
            {"name": "bmi", "type": "number", "min": 10, "max": 80, "missing": {"fill": BMI_FILL}},
            {"name": "systolic_bp", "type": "number", "min": 60, "max": 260},
            {"name": "region", "type": "category"},
            {"name": "smoker", "type": "category", "values": SMOKER},
            {"name": "notes", "type": "text", "missing": {"fill": ""}},
        ],
        "preprocessing": [
            {"op": "standardize", "columns": ["age", "bmi"], "mean": [float(v) for v in scale.mean_],
             "scale": [float(v) for v in scale.scale_]},
            {"op": "minmax", "columns": ["systolic_bp"], "min": [float(v) for v in bp.data_min_],
             "max": [float(v) for v in bp.data_max_]},
            {"op": "one_hot", "column": "region", "categories": REGIONS, "unknown": "error"},
            {"op": "one_hot", "column": "sex", "categories": ["F", "M"]},
            {"op": "ordinal", "column": "smoker", "categories": SMOKER},
            {"op": "passthrough", "columns": ["pregnant"]},
            {"op": "bag_of_words", "column": "notes", "vocabulary": vocabulary, "lowercase": True,
             "binary": False, "idf": [float(v) for v in tfidf.idf_]},
        ],
        "rules": [
            {"name": "pregnant-male", "rule": "!(sex == 'M' && pregnant == 1)",
             "message": "a male patient cannot be pregnant"},
            {"name": "pregnancy-age", "rule": "pregnant == 0 || (age >= 12 && age <= 60)",
             "message": "pregnancy is recorded outside ages 12 to 60"},
        ],
        "calibration": {"temperature": 1.0},
        "reference": {"file": "reference.csv"},
        # The manifest above is transcribed from the ColumnTransformer: the parity rows prove it equal.
        "parity": write_parity(OUT, scripted, lambda df: ct.transform(filled(df)), train[COLUMNS], CLASSES,
                               output="logits"),
    })
    print("clinic-risk: input width %d, valid accuracy %.3f" % (x.shape[1], accuracy))


def write_failures(valid):
    """One row per known failure, built by breaking valid rows; the expected checks go to golden/."""
    base = list(cells(valid.iloc[:1]))[0]
    col = {name: i for i, name in enumerate(COLUMNS)}

    def edit(**changes):
        row = list(base)
        for name, value in changes.items():
            row[col[name]] = value
        return row

    cases = [
        (edit(), []),
        (edit(age="-4"), [("age", "range", "age:min")]),
        (edit(age="130"), [("age", "range", "age:max")]),
        (edit(age="forty"), [("age", "structure", "age:type")]),
        (edit(sex="X"), [("sex", "range", "sex:values")]),
        (edit(region="central"), [("region", "range", "region:categories")]),
        (edit(sex="M", pregnant="1", age="30"), [("pregnant-male", "rule", "pregnant-male")]),
        (edit(pregnant="2"), [("pregnant", "range", "pregnant:max")]),
        (edit(bmi=""), []),
        (edit(sex=""), [("sex", "structure", "sex:missing")]),
        (edit(systolic_bp="NaN"), [("systolic_bp", "structure", "systolic_bp:missing")]),  # pandas reads NaN as missing
        (edit()[:5], [("", "structure", "row:cells")]),
        (edit(pregnant="1.5"), [("pregnant", "structure", "pregnant:type")]),
        (edit(sex="F", pregnant="1", age="70"), [("pregnancy-age", "rule", "pregnancy-age")]),
        (edit(smoker="sometimes"), [("smoker", "range", "smoker:values")]),
    ]
    with open(os.path.join(OUT, "failures.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["patient_id"] + COLUMNS)
        for i, (row, _) in enumerate(cases, start=1):
            writer.writerow(["F%02d" % i] + row)
    write_csv(os.path.join(OUT, "golden", "failures_expected.csv"), ["row", "column", "level", "check"],
              ([str(i)] + list(failure) for i, (_, failures) in enumerate(cases, start=1) for failure in failures))


if __name__ == "__main__":
    reproducible()
    main()
