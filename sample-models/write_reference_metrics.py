#!/usr/bin/python3
"""Writes reference values for the calibration and drift maths, from textbook formulas.

Run from the repository root: /usr/bin/python3 sample-models/write_reference_metrics.py
(after train_breast_cancer.py and train_digits.py).

Everything here is computed with numpy/scipy, independently of the Java code,
following docs/cli.md:
- NLL: mean natural-log loss of softmax(z / T) (sigmoid for one logit).
- ECE / MCE: 15 equal-width bins of the top-label confidence, a sample with
  confidence c in (lower, upper]; empty bins skipped (Guo et al. 2017). A
  single-logit binary model's top-label confidence is max(p, 1 - p).
- Brier: mean (p - y)^2 for binary (sklearn's brier_score_loss), mean of the sum
  over classes of (p_k - 1[y = k])^2 for multiclass.
- T: scipy's bounded scalar minimiser of the NLL over [0.01, 100].
- PSI: 10 bins at the reference's deciles (numpy.quantile), x in (edge_i-1, edge_i],
  empty shares replaced by 0.0001, sum of (cur - ref) * ln(cur / ref); categories
  one bin each.
- KS: scipy.stats.ks_2samp's statistic; p-value from the asymptotic Kolmogorov
  distribution, scipy.stats.kstwobign.sf(sqrt(n m / (n + m)) * D).

Writes src/test/resources/reference/: logits_binary.csv, logits_multiclass.csv,
calibration.json, drift_samples.csv, drift.json.
"""
import csv
import json
import os

import numpy as np
import torch
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import expit, log_softmax, softmax

from bundle_tools import number, reproducible, write_csv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "reference")
TEMPERATURES = [0.5, 1.0, 3.0]


def binary_logits():
    """The breast-cancer model's logits for its validation rows, computed here from the bundle."""
    bundle = os.path.join(ROOT, "sample-models", "breast-cancer")
    manifest = json.load(open(os.path.join(bundle, "bundle.json")))
    step = manifest["preprocessing"][0]
    rows = list(csv.DictReader(open(os.path.join(bundle, "validation.csv"))))
    x = np.array([[float(r[c]) for c in step["columns"]] for r in rows])
    x = (x - np.array(step["mean"])) / np.array(step["scale"])
    model = torch.jit.load(os.path.join(bundle, "model.pt"))
    with torch.no_grad():
        z = model(torch.tensor(x, dtype=torch.float32)).squeeze(1).double().numpy()
    y = np.array([manifest["task"]["classes"].index(r["diagnosis"]) for r in rows])
    return z, y


def multiclass_logits():
    rows = list(csv.reader(open(os.path.join(ROOT, "sample-models", "digits", "golden", "validation_logits.csv"))))[1:]
    return np.array([[float(v) for v in r[1:]] for r in rows]), np.array([int(r[0]) for r in rows])


def binary_metrics(z, y, t):
    p = expit(z / t)
    nll = float(np.mean(np.logaddexp(0, -z / t) * y + np.logaddexp(0, z / t) * (1 - y)))
    confidence = np.maximum(p, 1 - p)
    correct = ((p > 0.5).astype(int) == y)
    brier = float(np.mean((p - y) ** 2))
    return nll, confidence, correct, brier


def multiclass_metrics(z, y, t):
    logp = log_softmax(z / t, axis=1)
    p = np.exp(logp)
    nll = float(-logp[np.arange(len(y)), y].mean())
    confidence = p.max(1)
    correct = p.argmax(1) == y
    onehot = np.eye(z.shape[1])[y]
    brier = float(np.mean(((p - onehot) ** 2).sum(1)))
    return nll, confidence, correct, brier


def binned(confidence, correct):
    edges = np.linspace(0, 1, 16)
    bins, ece, mce = [], 0.0, 0.0
    for lower, upper in zip(edges[:-1], edges[1:]):
        inside = (confidence > lower) & (confidence <= upper)
        n = int(inside.sum())
        if n == 0:
            bins.append({"count": 0})
            continue
        conf, acc = float(confidence[inside].mean()), float(correct[inside].mean())
        ece += n / len(confidence) * abs(acc - conf)
        mce = max(mce, abs(acc - conf))
        bins.append({"count": n, "confidence": conf, "accuracy": acc})
    return ece, mce, bins


def case(z, y, metrics):
    def at(t):
        nll, confidence, correct, brier = metrics(z, y, t)
        ece, mce, bins = binned(confidence, correct)
        return {"temperature": t, "nll": nll, "ece": ece, "mce": mce, "brier": brier,
                "accuracy": float(correct.mean()), "bins": bins}
    fit = minimize_scalar(lambda t: metrics(z, y, t)[0], bounds=(0.01, 100), method="bounded",
                          options={"xatol": 1e-12})
    return {"fitted_temperature": float(fit.x), "at": [at(t) for t in TEMPERATURES + [float(fit.x)]]}


def psi(ref, cur):
    edges = np.quantile(ref, np.linspace(0.1, 0.9, 9))
    ref_share = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=10) / len(ref)
    cur_share = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=10) / len(cur)
    ref_share = np.where(ref_share == 0, 0.0001, ref_share)
    cur_share = np.where(cur_share == 0, 0.0001, cur_share)
    return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))


def category_psi(ref, cur):
    categories = sorted(set(ref) | set(cur))
    total = 0.0
    for c in categories:
        r = sum(1 for v in ref if v == c) / len(ref) or 0.0001
        q = sum(1 for v in cur if v == c) / len(cur) or 0.0001
        total += (q - r) * np.log(q / r)
    return float(total)


def ks(ref, cur):
    d = float(stats.ks_2samp(ref, cur).statistic)
    n, m = len(ref), len(cur)
    return d, float(stats.kstwobign.sf(np.sqrt(n * m / (n + m)) * d))


def main():
    os.makedirs(OUT, exist_ok=True)
    zb, yb = binary_logits()
    zm, ym = multiclass_logits()
    write_csv(os.path.join(OUT, "logits_binary.csv"), ["label", "z"],
              ([str(label), number(z)] for label, z in zip(yb, zb)))
    write_csv(os.path.join(OUT, "logits_multiclass.csv"), ["label"] + ["z%d" % k for k in range(zm.shape[1])],
              ([str(label)] + [number(v) for v in z] for label, z in zip(ym, zm)))
    with open(os.path.join(OUT, "calibration.json"), "w") as f:
        json.dump({"binary": case(zb, yb, binary_metrics), "multiclass": case(zm, ym, multiclass_metrics)}, f,
                  indent=1)

    rng = np.random.default_rng(11)
    ref_x, cur_x = rng.normal(0, 1, 1000), rng.normal(0.3, 1.2, 700)
    ref_k, cur_k = rng.integers(0, 6, 1000).astype(float), rng.integers(1, 7, 700).astype(float)
    ref_c, cur_c = rng.choice(["a", "b", "c"], 1000, p=[.5, .3, .2]), rng.choice(["a", "b", "d"], 700, p=[.3, .3, .4])
    rows = [[number(ref_x[i]), number(ref_k[i]), ref_c[i], "reference"] for i in range(1000)]
    rows += [[number(cur_x[i]), number(cur_k[i]), cur_c[i], "current"] for i in range(700)]
    write_csv(os.path.join(OUT, "drift_samples.csv"), ["x", "k", "c", "sample"], rows)
    drift = {}
    for name, ref, cur in (("x", ref_x, cur_x), ("k", ref_k, cur_k)):
        d, p = ks(ref, cur)
        drift[name] = {"psi": psi(ref, cur), "ks": d, "p_value": p}
    drift["c"] = {"psi": category_psi(list(ref_c), list(cur_c))}
    with open(os.path.join(OUT, "drift.json"), "w") as f:
        json.dump(drift, f, indent=1)
    print("reference: binary T %.6f, multiclass T %.6f" % (json.load(open(os.path.join(OUT, "calibration.json")))
                                                         ["binary"]["fitted_temperature"],
                                                         json.load(open(os.path.join(OUT, "calibration.json")))
                                                         ["multiclass"]["fitted_temperature"]))


if __name__ == "__main__":
    reproducible()
    main()
