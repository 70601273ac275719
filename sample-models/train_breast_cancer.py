#!/usr/bin/python3
"""Trains the breast-cancer sample bundle and writes its golden outputs.

Run from the repository root with Debian's python3-torch and python3-sklearn:

    /usr/bin/python3 sample-models/train_breast_cancer.py

Data: scikit-learn's bundled Wisconsin breast-cancer set (569 rows, 30 numeric
features). The label is flipped so that the positive class is "malignant".
Rows are split 60/20/20 (seeded) into training, validation and unseen rows.

Model: an MLP 30-64-32-1 with dropout 0.2 after each hidden layer, trained
full-batch with Adam on the standardized training rows, exported with
torch.jit.script so that Monte-Carlo dropout works in the workbench.

Writes sample-models/breast-cancer/:
  bundle.json            manifest with the StandardScaler's mean_ and scale_ (by export_bundle)
  model.pt               TorchScript module, one logit per row
  reference.csv          the training inputs (for drift checks)
  parity.csv             200 training rows with the probabilities Python computed (parity certificate)
  unseen.csv             held-out rows without labels (plus a sample_id column)
  validation.csv         held-out rows with the label column "diagnosis"
  golden/unseen_preprocessed.csv  StandardScaler.transform of unseen.csv
  golden/unseen_outputs.csv       logit, probabilities and predicted class
and variants of the same trained network:
  sample-models/breast-cancer-int8/   dynamically quantized (int8 Linear layers), scripted,
                                       with golden/unseen_outputs.csv from Python's int8 backend
  src/test/resources/models/breast-cancer-traced.pt
                                       torch.jit.trace in eval mode: dropout baked out
  src/test/resources/models/breast-cancer-fp16.pt
                                       the scripted network in half precision (model.half())
  src/test/resources/bundles/breast-cancer-static-int8/
                                       a model that takes int8 input, dequantized with the
                                       manifest's input_scale and input_zero_point
Every run with the same seed writes the same files.
"""
import copy
import os
import shutil

import numpy as np
import pandas as pd
import torch
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from bundle_tools import reproducible, train_full_batch, number, sha256_of, write_csv, write_manifest, write_matrix
from predictbench_export import export_bundle

SEED = 42
CLASSES = ["benign", "malignant"]
TARGET = "diagnosis"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "breast-cancer")
INT8 = os.path.join(HERE, "breast-cancer-int8")
TEST_RESOURCES = os.path.join(os.path.dirname(HERE), "src", "test", "resources")


class QuantizedInput(torch.nn.Module):
    """Takes int8 input and dequantizes it: what a statically quantized input layer expects."""

    def __init__(self, inner: torch.nn.Module, scale: float, zero_point: int):
        super().__init__()
        self.inner = inner
        self.scale = scale
        self.zero_point = zero_point

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.inner((x.to(torch.float32) - self.zero_point) * self.scale)


class Mlp(torch.nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.layers = torch.nn.Sequential(
            torch.nn.Linear(width, 64), torch.nn.ReLU(), torch.nn.Dropout(0.2),
            torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Dropout(0.2),
            torch.nn.Linear(32, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


def main():
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    data = load_breast_cancer()
    names = list(data.feature_names)
    x = data.data
    y = 1 - data.target  # sklearn: 0 = malignant; here 1 = malignant
    ids = np.arange(1, len(y) + 1)

    x_train, x_rest, y_train, y_rest, id_train, id_rest = train_test_split(
        x, y, ids, test_size=0.4, random_state=SEED, stratify=y)
    x_val, x_unseen, y_val, y_unseen, id_val, id_unseen = train_test_split(
        x_rest, y_rest, id_rest, test_size=0.5, random_state=SEED, stratify=y_rest)

    scaler = StandardScaler().fit(x_train)
    model = Mlp(x.shape[1])
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    inputs = torch.tensor(scaler.transform(x_train), dtype=torch.float32)
    targets = torch.tensor(y_train, dtype=torch.float32).unsqueeze(1)
    train_full_batch(model, inputs, targets, loss_fn, optimizer, 300)
    os.makedirs(os.path.join(OUT, "golden"), exist_ok=True)
    scripted = torch.jit.script(model)

    preprocessed = scaler.transform(x_unseen)
    with torch.no_grad():
        logits = scripted(torch.tensor(preprocessed, dtype=torch.float32)).squeeze(1).numpy()
    p_malignant = 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))
    accuracy = float(((p_malignant > 0.5) == y_unseen).mean())
    training_inputs = pd.DataFrame(x_train, columns=names)
    description = ("Malignant vs benign tumours from 30 cell-nucleus measurements "
                   "(Wisconsin diagnostic data). MLP with dropout; trained by "
                   "sample-models/train_breast_cancer.py, accuracy %.3f on the unseen rows." % accuracy)
    manifest = export_bundle(OUT, scripted, scaler, training_inputs, classes=CLASSES, name="breast-cancer",
                             description=description, target=TARGET, positive_class="malignant")

    write_csv(os.path.join(OUT, "unseen.csv"), ["sample_id"] + names,
              ([str(i)] + [number(v) for v in row] for i, row in zip(id_unseen, x_unseen)))
    write_csv(os.path.join(OUT, "validation.csv"), names + [TARGET],
              ([number(v) for v in row] + [CLASSES[label]] for row, label in zip(x_val, y_val)))
    write_matrix(os.path.join(OUT, "golden", "unseen_preprocessed.csv"), names, preprocessed)
    write_csv(os.path.join(OUT, "golden", "unseen_outputs.csv"),
              ["sample_id", "logit", "p_benign", "p_malignant", "prediction"],
              ([str(i), number(z), number(1 - p), number(p), CLASSES[int(p > 0.5)]]
               for i, z, p in zip(id_unseen, logits, p_malignant)))
    write_variants(model, scaler, preprocessed, id_unseen, manifest, training_inputs)
    print("breast-cancer: %d train, %d validation, %d unseen rows; unseen accuracy %.3f"
          % (len(y_train), len(y_val), len(y_unseen), accuracy))


def write_variants(model, scaler, preprocessed, ids, manifest, training_inputs):
    inputs = torch.tensor(preprocessed, dtype=torch.float32)

    os.makedirs(os.path.join(TEST_RESOURCES, "models"), exist_ok=True)
    torch.jit.trace(model, inputs[:4]).save(os.path.join(TEST_RESOURCES, "models", "breast-cancer-traced.pt"))
    half = copy.deepcopy(model).half()
    torch.jit.script(half).save(os.path.join(TEST_RESOURCES, "models", "breast-cancer-fp16.pt"))

    quantized = torch.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    os.makedirs(os.path.join(INT8, "golden"), exist_ok=True)
    int8 = torch.jit.script(quantized)
    export_bundle(INT8, int8, scaler, training_inputs, classes=CLASSES, name="breast-cancer-int8",
                  description="The breast-cancer MLP with dynamically quantized int8 Linear layers "
                              "(torch.quantization.quantize_dynamic), for comparison with fp32.",
                  target=TARGET, positive_class="malignant", quantization={"scheme": "dynamic-int8"})
    write_outputs(os.path.join(INT8, "golden", "unseen_outputs.csv"), int8, inputs, ids)
    for name in ("unseen.csv", "validation.csv"):
        shutil.copy(os.path.join(OUT, name), os.path.join(INT8, name))

    scale = float(inputs.abs().max()) / 127.0
    zero_point = 0
    static_dir = os.path.join(TEST_RESOURCES, "bundles", "breast-cancer-static-int8")
    os.makedirs(static_dir, exist_ok=True)
    static = torch.jit.script(QuantizedInput(model, scale, zero_point))
    static_path = os.path.join(static_dir, "model.pt")
    static.save(static_path)
    quantized_inputs = torch.clamp(torch.round(inputs / scale) + zero_point, -128, 127).to(torch.int8)
    write_outputs(os.path.join(static_dir, "unseen_outputs.csv"), static, quantized_inputs, ids)
    static_manifest = dict(manifest, name="breast-cancer-static-int8",
                           description="Takes int8 input: x is fed as clamp(round(x / s) + z, -128, 127).",
                           model={"file": "model.pt", "sha256": sha256_of(static_path), "output": "logits",
                                  "quantization": {"scheme": "static-int8", "input_scale": scale,
                                                   "input_zero_point": zero_point}})
    static_manifest.pop("reference")
    static_manifest.pop("parity")
    write_manifest(static_dir, static_manifest)


def write_outputs(path, module, inputs, ids):
    with torch.no_grad():
        logits = module(inputs).squeeze(1).double().numpy()
    p = 1.0 / (1.0 + np.exp(-logits))
    write_csv(path, ["sample_id", "logit", "p_benign", "p_malignant", "prediction"],
              ([str(i), number(z), number(1 - q), number(q), CLASSES[int(q > 0.5)]]
               for i, z, q in zip(ids, logits, p)))


if __name__ == "__main__":
    reproducible()
    main()
