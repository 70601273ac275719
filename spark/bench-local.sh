#!/usr/bin/env bash
# Scale check for the Spark job (a benchmark, not a test): scores one generated CSV with
# `predictbench score` and with the Spark job in local mode, checks both scored the same rows
# the same way, and prints wall time, rows/s and peak RSS of each (in local mode the driver is
# the executor: its RSS is the memory of one executor).
#   bash spark/bench-local.sh [ROWS (default 10000000)] [WORK_DIR (default a temporary folder)]
# Needs only a JDK and Maven (and GNU time at /usr/bin/time); about 3 GB of disk at 10 M rows.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
rows=${1:-10000000}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
bundle="$root/sample-models/breast-cancer"
data="$work/bench-$rows.csv"

if [ ! -f "$data" ]; then
    echo "Writing $rows rows (the breast-cancer sample's rows, repeated) to $data..." >&2
    awk -v n="$rows" 'NR == 1 { print; next } { row[++k] = $0 }
        END { for (i = 0; i < n; i++) print row[i % k + 1] }' "$bundle/unseen.csv" > "$data"
fi

# Builds the core, the application and the job jar when needed (score-local.sh does it).
bash "$here/score-local.sh" "$bundle" "$bundle/unseen.csv" "$work/warm-up" > /dev/null 2>&1 || {
    echo "the Spark job does not run: bash spark/score-local.sh ... shows why" >&2; exit 1; }
rm -rf "$work/warm-up"

measure() { # label, then the command; prints "label wall_s peak_kib"
    local label=$1; shift
    /usr/bin/time -f "$label %e %M" -o "$work/time.txt" "$@" > "$work/$label.log" 2>&1 || {
        echo "$label failed:" >&2; tail -20 "$work/$label.log" >&2; exit 1; }
    cat "$work/time.txt"
}

rm -rf "$work/spark-out" "$work/score.csv"*
m1=$(measure score java -jar "$root/target/app/predictbench.jar" score "$bundle" \
    --input "$data" --output "$work/score.csv")
m2=$(measure spark bash "$here/score-local.sh" "$bundle" "$data" "$work/spark-out")

# The same rows, the same classes, the same probabilities (their sum, to 1e-6 per row).
summary() { awk -F, -v col="$2" 'FNR == 1 { next } { n++; s += $col; c[$(col - 2)]++ }
    END { printf "%d rows, sum of p_malignant %.6f, ", n, s; for (k in c) printf "%s %d ", k, c[k]; print "" }' $1; }
width=$(head -1 "$data" | awk -F, '{print NF}')
p_col=$((width + 3))   # after the inputs: prediction, p_benign, p_malignant
a=$(summary "$work/score.csv" "$p_col")
b=$(summary "$work/spark-out/part-*.csv" "$p_col")
echo "predictbench score: $a"
echo "Spark local mode:   $b"

read -r _ s1 k1 <<< "$m1"
read -r _ s2 k2 <<< "$m2"
cores=$(nproc)
printf '\n%s rows x %s columns, %s cores, %s\n' "$rows" "$((width - 1))" "$cores" "$(date -u +%F)"
printf '%-34s %8s %12s %10s\n' "" "wall s" "rows/s" "peak RSS"
printf '%-34s %8.1f %12.0f %7d MiB\n' "predictbench score" "$s1" "$(echo "$rows / $s1" | bc -l)" "$((k1 / 1024))"
printf '%-34s %8.1f %12.0f %7d MiB\n' "Spark local[*] (driver = executor)" "$s2" "$(echo "$rows / $s2" | bc -l)" "$((k2 / 1024))"
echo "Spark's log: $work/spark.log; outputs in $work"
