#!/usr/bin/python3
"""PredictBench against the Python a data scientist would write, on the same file, in the same run.

    /usr/bin/python3 sample-models/benchmark_vs_pandas.py [--rows 1000000] [--dir /tmp/pb-bench] [--mc-passes 0]
                                                          [--repeat 3]

Needs Debian's python3-torch and python3-pandas, and `mvn package` first. It
1. writes a CSV of ROWS rows x 30 features from the breast-cancer bundle's reference rows with
   noise (6 significant digits, about 278 MB at a million rows), unless it is already there;
2. runs the pandas pipeline in a child process: read_csv -> numpy standardize with the bundle's
   mean/scale -> TorchScript under no_grad in batches of 1024 -> sigmoid -> to_csv with every
   input column, prediction and p_<class>;
3. runs `java -jar target/app/predictbench.jar score` with no JVM flags (after one untimed
   1,000-row `score`: the first command of a new build also writes the class-data archive, once,
   which takes several seconds; its time is printed);
4. repeats 2-3 REPEAT times, alternating, because a shared machine's speed drifts by +-15% from
   minute to minute; each pair's ratio is printed, and the ratio of the medians is the result;
5. checks the probabilities agree within 1e-5 row by row, and prints wall times and peak RSS of
   each (the child's ru_maxrss).
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUNDLE = os.path.join(HERE, "breast-cancer")

PANDAS_PIPELINE = r'''
import json, sys
import numpy as np, pandas as pd, torch
bundle, data, out = sys.argv[1:4]
manifest = json.load(open(bundle + "/bundle.json"))
step = manifest["preprocessing"][0]
classes = manifest["task"]["classes"]
df = pd.read_csv(data)
x = (df[step["columns"]].to_numpy(np.float64) - np.array(step["mean"])) / np.array(step["scale"])
model = torch.jit.load(bundle + "/model.pt").eval()
inputs = torch.from_numpy(x.astype(np.float32))
logits = []
with torch.no_grad():
    for start in range(0, len(inputs), 1024):
        logits.append(model(inputs[start:start + 1024]).reshape(-1))
p = torch.sigmoid(torch.cat(logits).double()).numpy()
df["prediction"] = np.where(p > 0.5, classes[1], classes[0])
df["p_" + classes[0]] = 1 - p
df["p_" + classes[1]] = p
df.to_csv(out, index=False)
'''


def generate(path, rows):
    import numpy as np
    import pandas as pd
    reference = pd.read_csv(os.path.join(BUNDLE, "reference.csv"))
    rng = np.random.default_rng(1)
    with open(path, "w") as f:
        f.write(",".join(reference.columns) + "\n")
        chunk = 100_000
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            base = reference.to_numpy()[rng.integers(0, len(reference), n)]
            noisy = base * (1 + 0.01 * (rng.random(base.shape) - 0.5))
            np.savetxt(f, noisy, fmt="%.6g", delimiter=",")


def run(command):
    """Wall seconds and peak RSS (MiB) of a child process. Starts after the disk has taken the
    previous run's output (os.sync), so neither pipeline pays for the other's writing."""
    os.sync()
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit("failed (%d): %s" % (status, " ".join(command)))
    return seconds, usage.ru_maxrss / 1024


def compare(python_out, java_out, classes):
    import numpy as np
    import pandas as pd
    columns = ["p_" + c for c in classes]
    a = pd.read_csv(python_out, usecols=columns)
    b = pd.read_csv(java_out, usecols=columns + ["status"])
    if len(a) != len(b) or (b["status"] != "ok").any():
        sys.exit("outputs differ in rows or status")
    return float(np.abs(a[columns].to_numpy() - b[columns].to_numpy()).max())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", default="/tmp/predictbench-benchmark")
    parser.add_argument("--mc-passes", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each pipeline, alternating (default 3)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    os.makedirs(args.dir, exist_ok=True)
    data = os.path.join(args.dir, "input-%d.csv" % args.rows)
    if not os.path.exists(data):
        generate(data, args.rows)
    classes = json.load(open(os.path.join(BUNDLE, "bundle.json")))["task"]["classes"]
    python_out = os.path.join(args.dir, "python.csv")
    java_out = os.path.join(args.dir, "predictbench.csv")
    jar = os.path.join(ROOT, "target", "app", "predictbench.jar")
    java_cmd = ["java", "-jar", jar, "score", BUNDLE, "--input", data, "--output", java_out, "--quiet"]
    if args.mc_passes:
        java_cmd += ["--mc-passes", str(args.mc_passes), "--seed", "1"]
    warm_up = os.path.join(args.dir, "warm-up.csv")
    with open(data) as source, open(warm_up, "w") as head:
        head.writelines(line for _, line in zip(range(1001), source))
    first_s, _ = run(["java", "-jar", jar, "score", BUNDLE, "--input", warm_up, "--output",
                      os.path.join(args.dir, "warm-up-scored.csv"), "--quiet"])
    print("first command of this build (1,000 rows; writes the class-data archive if there is none): %.2f s"
          % first_s, flush=True)
    python_runs, java_runs = [], []
    for i in range(args.repeat):
        python_runs.append(run([sys.executable, "-c", PANDAS_PIPELINE, BUNDLE, data, python_out]))
        java_runs.append(run(java_cmd))
        print("run %d: pandas %.2f s, predictbench %.2f s, %.1fx" % (
            i + 1, python_runs[-1][0], java_runs[-1][0], python_runs[-1][0] / java_runs[-1][0]), flush=True)
    difference = compare(python_out, java_out, classes) if not args.mc_passes else float("nan")
    size = os.path.getsize(data) / 1e6
    py_s = statistics.median(s for s, _ in python_runs)
    java_s = statistics.median(s for s, _ in java_runs)
    label = "predictbench score (no JVM flags)" + (" MC %d" % args.mc_passes if args.mc_passes else "")
    print("file: %s, %d rows, %.0f MB" % (data, args.rows, size))
    print("%-40s %14s %12s" % ("pipeline", "wall s median", "peak RSS MiB"))
    print("%-40s %14.2f %12.0f" % ("pandas + torch (Python %d.%d)" % sys.version_info[:2], py_s,
                                   max(r for _, r in python_runs)))
    print("%-40s %14.2f %12.0f" % (label, java_s, max(r for _, r in java_runs)))
    print("speed-up %.1fx (medians of %d runs each); max |p difference| %.2e" % (py_s / java_s, args.repeat,
                                                                               difference))


if __name__ == "__main__":
    main()
