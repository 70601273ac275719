#!/usr/bin/python3
"""Trains the digits sample bundle: a multiclass model that is over-confident on purpose.

Run from the repository root: /usr/bin/python3 sample-models/train_digits.py

Data: scikit-learn's bundled 8x8 handwritten digits (1797 rows, 64 pixel
intensities 0-16, 10 classes), split 40/40/20 (seeded) into training, labelled
validation and unseen rows. An MLP 64-128-10 with a little dropout is trained far
past convergence with a high learning rate and no weight decay, which makes its
logits large: right most of the time, but too sure of itself. Temperature
scaling on validation.csv should find T > 1 and lower the NLL and ECE, which is
what the calibration lab is for.

Writes sample-models/digits/ with export_bundle: bundle.json (StandardScaler in the
manifest), model.pt (scripted), reference.csv (training inputs), parity.csv;
and validation.csv (with the
label column "digit"), unseen.csv, golden/validation_logits.csv (logits of the
validation rows, the input of the calibration reference tests).
"""
import os

import numpy as np
import pandas as pd
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from bundle_tools import number, reproducible, train_full_batch, write_csv
from predictbench_export import export_bundle

SEED = 5
CLASSES = [str(d) for d in range(10)]
TARGET = "digit"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "digits")


class Mlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = torch.nn.Sequential(
            torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Dropout(0.1), torch.nn.Linear(128, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


def main():
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    data = load_digits()
    names = ["p%d%d" % (i // 8, i % 8) for i in range(64)]
    x, y = data.data, data.target
    x_train, x_rest, y_train, y_rest = train_test_split(x, y, test_size=0.6, random_state=SEED, stratify=y)
    x_val, x_unseen, y_val, y_unseen = train_test_split(x_rest, y_rest, test_size=1 / 3, random_state=SEED,
                                                        stratify=y_rest)
    scaler = StandardScaler().fit(x_train)
    inputs = torch.tensor(scaler.transform(x_train), dtype=torch.float32)
    targets = torch.tensor(y_train, dtype=torch.long)
    model = Mlp()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    train_full_batch(model, inputs, targets, torch.nn.functional.cross_entropy, optimizer, 800)
    os.makedirs(os.path.join(OUT, "golden"), exist_ok=True)
    scripted = torch.jit.script(model)
    write_csv(os.path.join(OUT, "validation.csv"), names + [TARGET],
              ([number(v) for v in row] + [CLASSES[label]] for row, label in zip(x_val, y_val)))
    write_csv(os.path.join(OUT, "unseen.csv"), names, ([number(v) for v in row] for row in x_unseen))
    with torch.no_grad():
        logits = scripted(torch.tensor(scaler.transform(x_val), dtype=torch.float32)).double().numpy()
    write_csv(os.path.join(OUT, "golden", "validation_logits.csv"), ["label"] + ["z" + c for c in CLASSES],
              ([str(label)] + [number(v) for v in z] for label, z in zip(y_val, logits)))

    probs = torch.softmax(torch.tensor(logits), 1).numpy()
    nll = float(-np.log(probs[np.arange(len(y_val)), y_val]).mean())
    accuracy = float((probs.argmax(1) == y_val).mean())
    description = ("Handwritten digits 0-9 from 8x8 pixel intensities; deliberately over-confident (trained "
                   "far past convergence) so the calibration lab has something to fix. Validation accuracy "
                   "%.3f, NLL %.3f at T = 1. Trained by sample-models/train_digits.py." % (accuracy, nll))
    export_bundle(OUT, scripted, scaler, pd.DataFrame(x_train, columns=names), classes=CLASSES, name="digits",
                  description=description, target=TARGET, features={n: {"min": 0, "max": 16} for n in names})
    print("digits: validation accuracy %.3f, NLL %.3f" % (accuracy, nll))


if __name__ == "__main__":
    reproducible()
    main()
