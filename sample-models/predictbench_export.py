"""One call that turns a trained model into a PredictBench bundle, on the training side.

    from predictbench_export import export_bundle
    export_bundle("churn-bundle", model, preprocessor, X_train, classes=["stay", "leave"])

Uses only numpy, pandas, torch and scikit-learn (and the standard library), so it
runs wherever the model was trained. It writes, into ``out_dir``:

  model.pt          the model as TorchScript (torch.jit.script; torch.jit.trace when scripting fails)
  preprocessor.pkl  the fitted scikit-learn preprocessor, pickled as it is (PredictBench reads it
                    as data, never runs it); a plain StandardScaler is written into the manifest instead
  reference.csv     a sample of X, for drift checks
  parity.csv        rows of X with the probabilities (or predictions) this Python computed for them
  bundle.json       the manifest (docs/bundle-format.md), written last

PredictBench scores parity.csv through its own path whenever the bundle is opened and
refuses the bundle if any output differs by more than the tolerance, so a bundle made
here either reproduces this Python or is not used.
"""
import hashlib
import json
import math
import os
import pickle
import shutil
import tempfile

import numpy as np
import pandas as pd
import torch

__all__ = ["export_bundle", "write_parity", "sha256_of"]

_VECTORIZERS = ("CountVectorizer", "TfidfVectorizer")
_ENCODERS = ("OneHotEncoder", "OrdinalEncoder")


def export_bundle(out_dir, model, preprocessor, X, classes=None, name=None, **options):
    """Writes a complete bundle to ``out_dir`` and returns its manifest (a dict).

    model         a torch.nn.Module (scripted here, traced when scripting fails) or a ScriptModule
    preprocessor  a fitted scikit-learn transformer, Pipeline or ColumnTransformer, or None when
                  the model takes X's columns as they are
    X             a pandas DataFrame of training inputs: feature types, the reference sample and
                  the parity rows come from it
    classes       class labels in the model's output order; None for regression
    name          the bundle's name (default: the folder's name)

    options: version ("1.0.0"), description, target, positive_class, output ("logits",
    "probabilities" or "value"; found from the outputs when not given), features (name -> manifest
    fields that replace the inferred ones, e.g. {"age": {"min": 0, "max": 120}}), rules (manifest
    rules), temperature (1.0), quantization (the manifest's model.quantization), reference_rows
    (1000), parity_rows (200), tolerance (1e-5), seed (0), inputs (for a model with several positional
    inputs: [{"name": "numbers", "width": 3}, {"name": "categories", "width": 2, "dtype": "int64"}], each
    taking the next columns of the preprocessed row).
    """
    if not isinstance(X, pd.DataFrame):
        raise TypeError("X must be a pandas DataFrame of the training inputs (column names are the features)")
    unknown = set(options) - {"version", "description", "target", "positive_class", "output", "features",
                              "rules", "temperature", "quantization", "reference_rows", "parity_rows",
                              "tolerance", "seed", "inputs"}
    if unknown:
        raise TypeError("unknown options: %s" % sorted(unknown))
    os.makedirs(out_dir, exist_ok=True)
    name = name or os.path.basename(os.path.normpath(out_dir))
    classes = None if classes is None else [str(c) for c in classes]
    transform = None if preprocessor is None else preprocessor.transform
    inputs = options.get("inputs")
    scripted = _script(model, _split(_model_input(transform, X.head(2), _dtype_of(model)), inputs))
    rng = np.random.default_rng(options.get("seed", 0))
    reference_rows = _sample(np.arange(len(X)), options.get("reference_rows", 1000), rng)

    _write(out_dir, "model.pt", lambda path: scripted.save(path))
    steps = _preprocessing(out_dir, preprocessor, list(X.columns))
    _write(out_dir, "reference.csv", lambda path: _write_csv(path, X.iloc[reference_rows], None, None))
    parity, output = _parity(out_dir, scripted, transform, X, classes, options.get("output"),
                             options.get("parity_rows", 200), options.get("seed", 0), options.get("tolerance", 1e-5),
                             inputs)

    task = {"type": "regression" if classes is None else "binary" if len(classes) == 2 else "multiclass"}
    if classes is not None:
        task["classes"] = classes
        if len(classes) == 2:
            task["positive_class"] = str(options.get("positive_class", classes[1]))
    if options.get("target"):
        task["target"] = options["target"]
    model_spec = {"file": "model.pt", "sha256": sha256_of(os.path.join(out_dir, "model.pt")), "output": output}
    if options.get("quantization"):
        model_spec["quantization"] = options["quantization"]
    if inputs:
        model_spec["inputs"] = [dict(spec) for spec in inputs]
    manifest = {
        "format": "predictbench-bundle",
        "format_version": 1,
        "name": name,
        "version": options.get("version", "1.0.0"),
        "description": options.get("description", ""),
        "model": model_spec,
        "task": task,
        "features": _features(X, preprocessor, options.get("features") or {}),
        "preprocessing": steps,
        "rules": list(options.get("rules") or []),
        "calibration": {"temperature": float(options.get("temperature", 1.0))},
        "reference": {"file": "reference.csv"},
        "parity": parity,
    }
    _write(out_dir, "bundle.json", lambda path: _write_json(path, manifest))
    return manifest


def write_parity(out_dir, model, transform, X, classes=None, output=None, rows=200, seed=0, tolerance=1e-5,
                 inputs=None):
    """Writes out_dir/parity.csv for a bundle whose manifest is written by hand, and returns the manifest's
    "parity" entry. ``transform`` turns a DataFrame like X into the model's input matrix (None: X as it is);
    ``output`` is "logits", "probabilities" or "value" (found from the outputs when None)."""
    return _parity(out_dir, model, transform, X, None if classes is None else [str(c) for c in classes], output,
                   rows, seed, tolerance, inputs)[0]


def _parity(out_dir, model, transform, X, classes, output, rows, seed, tolerance, inputs):
    dtype = _dtype_of(model)
    outputs = _forward(model, _split(_model_input(transform, X, dtype), inputs))
    output = output or _output_kind(outputs, classes)
    finite = np.flatnonzero(np.isfinite(outputs).all(axis=1))
    if len(finite) == 0:
        raise ValueError("the model gives no finite output on any row of X; nothing to certify")
    chosen = _sample(finite, rows, np.random.default_rng(seed + 1))
    # The parity rows again, as one batch of their own: PredictBench scores them so, and a dynamically
    # quantized model's output depends on the batch it is in.
    expected = _expected(_forward(model, _split(_model_input(transform, X.iloc[chosen], dtype), inputs)), output,
                         classes)
    headers = ["prediction"] if classes is None else ["p_" + c for c in classes]
    _write(out_dir, "parity.csv", lambda path: _write_csv(path, X.iloc[chosen], headers, expected))
    return {"file": "parity.csv", "tolerance": float(tolerance)}, output


def _script(model, example):
    if isinstance(model, torch.jit.ScriptModule):
        return model.eval()
    model.eval()
    try:
        return torch.jit.script(model)
    except Exception:  # scripting fails on data-dependent Python; tracing bakes dropout out but works
        with torch.no_grad():
            return torch.jit.trace(model, example)


def _dtype_of(model):
    for parameter in model.parameters():
        if parameter.is_floating_point():
            return parameter.dtype
    return torch.float32


def _model_input(transform, X, dtype):
    matrix = X if transform is None else transform(X)
    if hasattr(matrix, "toarray"):
        matrix = matrix.toarray()
    return torch.tensor(np.asarray(matrix, dtype=np.float64), dtype=dtype)


def _split(matrix, inputs):
    """The model's positional inputs: the whole matrix, or its columns cut as model.inputs says."""
    if not inputs:
        return (matrix,)
    if sum(spec["width"] for spec in inputs) != matrix.shape[1]:
        raise ValueError("inputs cover %d columns, the preprocessor produces %d"
                         % (sum(spec["width"] for spec in inputs), matrix.shape[1]))
    parts, start = [], 0
    for spec in inputs:
        part = matrix[:, start:start + spec["width"]]
        parts.append(part.to(torch.int64) if spec.get("dtype") == "int64" else part)
        start += spec["width"]
    return tuple(parts)


def _forward(module, inputs):
    with torch.no_grad():
        out = module(*inputs)
    if isinstance(out, dict):
        key = next((k for k in ("logits", "probabilities", "probs") if k in out), None)
        if key is None:
            raise ValueError("the model returns a dict with keys %s; PredictBench takes logits, probabilities"
                             " or probs" % sorted(out))
        out = out[key]
    if not isinstance(out, torch.Tensor):
        raise ValueError("the model returns %s; PredictBench takes one tensor (or a dict with logits)"
                         % type(out).__name__)
    out = out.detach().to(torch.float64).numpy()
    return out.reshape(len(out), -1)


def _output_kind(outputs, classes):
    if classes is None:
        return "value"
    finite = outputs[np.isfinite(outputs).all(axis=1)]
    in_unit = len(finite) > 0 and finite.min() >= 0 and finite.max() <= 1
    sums_to_one = outputs.shape[1] == 1 or np.allclose(finite.sum(axis=1), 1, atol=1e-4)
    return "probabilities" if in_unit and sums_to_one else "logits"


def _expected(outputs, output, classes):
    """The probabilities per class (or the predicted value) as PredictBench computes them at temperature 1."""
    if classes is None:
        return outputs[:, :1]
    if outputs.shape[1] == 1:
        p = outputs[:, 0] if output == "probabilities" else 1.0 / (1.0 + np.exp(-outputs[:, 0]))
        return np.stack([1.0 - p, p], axis=1)
    if output == "probabilities":
        return outputs
    shifted = outputs - outputs.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def _sample(indices, count, rng):
    if len(indices) <= count:
        return indices
    return np.sort(rng.choice(indices, size=count, replace=False))


def _preprocessing(out_dir, preprocessor, columns):
    if preprocessor is None:
        return [{"op": "passthrough", "columns": columns}]
    if type(preprocessor).__name__ == "StandardScaler" and preprocessor.with_mean and preprocessor.with_std:
        return [{"op": "standardize", "columns": columns, "mean": [float(v) for v in preprocessor.mean_],
                 "scale": [float(v) for v in preprocessor.scale_]}]
    _write(out_dir, "preprocessor.pkl", lambda path: _pickle(path, preprocessor))
    return [{"op": "sklearn", "file": "preprocessor.pkl", "columns": columns}]


def _pickle(path, value):
    with open(path, "wb") as f:
        pickle.dump(value, f, protocol=4)


def _encoded_columns(preprocessor):
    """Columns a ColumnTransformer hands to a Count/TfidfVectorizer (free text) and to a OneHot/OrdinalEncoder
    (categories, even when they hold numbers), by the last step of each branch."""
    text, categories = set(), set()
    for _, transformer, columns in getattr(preprocessor, "transformers_", []):
        last = transformer.steps[-1][1] if hasattr(transformer, "steps") else transformer
        kind = type(last).__name__
        if kind in _VECTORIZERS and isinstance(columns, str):
            text.add(columns)
        elif kind in _ENCODERS:
            names = [columns] if isinstance(columns, str) else list(columns)
            categories.update(n for n in names if isinstance(n, str))
    return text, categories


def _features(X, preprocessor, overrides):
    text, categories = _encoded_columns(preprocessor)
    features = []
    for column in X.columns:
        values = X[column]
        feature = {"name": str(column)}
        if column in text:
            feature["type"] = "text"
        elif column in categories:
            feature["type"] = "category"
        elif pd.api.types.is_bool_dtype(values):
            feature["type"] = "boolean"
        elif pd.api.types.is_integer_dtype(values):
            feature["type"] = "integer"
        elif pd.api.types.is_numeric_dtype(values):
            feature["type"] = "number"
        else:
            feature["type"] = "category"
        if feature["type"] in ("integer", "number") and values.notna().any() and values.min() >= 0:
            feature["min"] = 0  # a quantity never negative in training: a negative value is an input error
        feature.update(overrides.get(column, {}))
        features.append({k: v for k, v in feature.items() if v is not None})
    return features


def _cell(value):
    """A cell as pandas writes it: NaN and None empty, booleans True/False, floats round-tripping."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "True" if value else "False"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return str(value)


def _write_csv(path, frame, extra_headers, extra_values):
    import csv
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([str(c) for c in frame.columns] + list(extra_headers or []))
        for i, row in enumerate(frame.itertuples(index=False, name=None)):
            extra = [repr(float(v)) for v in extra_values[i]] if extra_values is not None else []
            writer.writerow([_cell(v) for v in row] + extra)


def _write_json(path, manifest):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def _write(out_dir, name, writer):
    """Writes into a temporary folder beside the target and renames, so a failed export never leaves a
    half-written file. The file keeps its own name there: TorchScript names its archive after it."""
    temp = tempfile.mkdtemp(prefix=".export-", dir=out_dir)
    try:
        writer(os.path.join(temp, name))
        os.replace(os.path.join(temp, name), os.path.join(out_dir, name))
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
