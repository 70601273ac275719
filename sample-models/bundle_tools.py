"""Helpers shared by the sample-model training scripts.

They write PredictBench bundles (format v1, docs/bundle-format.md) and the
golden files the Java tests compare against. Only the standard library, numpy
and torch are used, so the scripts run with Debian's python3-torch and
python3-sklearn and nothing from PyPI.
"""
import csv
import json
import os
import sys

from predictbench_export import sha256_of  # noqa: F401  (the sample scripts import it from here)


def reproducible():
    """Re-runs the script with PYTHONHASHSEED=0: TorchScript's generated code lists some
    attributes in set order, so without a fixed hash seed the model bytes (and sha256)
    change from run to run although the weights do not."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)


def train_full_batch(model, inputs, targets, loss_fn, optimizer, epochs):
    """Plain full-batch training; leaves the model in eval mode."""
    model.train()
    for _ in range(epochs):
        optimizer.zero_grad()
        loss_fn(model(inputs), targets).backward()
        optimizer.step()
    model.eval()


def save_scripted(model, bundle_dir):
    """Exports with torch.jit.script, which keeps dropout switchable for MC passes (tracing bakes it
    out), as bundle_dir/model.pt; also makes bundle_dir/golden. Returns the scripted module and its path."""
    import torch
    os.makedirs(os.path.join(bundle_dir, "golden"), exist_ok=True)
    scripted = torch.jit.script(model)
    path = os.path.join(bundle_dir, "model.pt")
    scripted.save(path)
    return scripted, path


def number(value):
    """Shortest text that reads back as the same float64 (Python's repr)."""
    return repr(float(value))


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)


def write_matrix(path, header, matrix):
    write_csv(path, header, ([number(v) for v in row] for row in matrix))


def write_manifest(bundle_dir, manifest):
    with open(os.path.join(bundle_dir, "bundle.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
