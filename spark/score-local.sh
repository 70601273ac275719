#!/usr/bin/env bash
# Runs the Spark scoring job in local mode on this machine, with nothing installed but a JDK
# and Maven (Spark comes from Maven Central):
#   bash spark/score-local.sh BUNDLE INPUT OUTPUT_DIR [--format parquet] [--mc-passes N] ...
# It builds the core and the job jar when they are missing or older than the sources.
# SPARK_MASTER (default local[*]) and SPARK_DRIVER_MEMORY (default 2g) choose the local setup.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
if [ $# -lt 3 ]; then
    echo "usage: bash spark/score-local.sh BUNDLE INPUT OUTPUT_DIR [job options, see --help]" >&2
    exit 2
fi
bundle=$1 input=$2 output=$3
shift 3

jar="$here/target/predictbench-spark.jar"
classpath="$here/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$classpath" ] \
        || [ -n "$(find "$root/src/main" "$root/pom.xml" "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "Building the core and the Spark job jar..." >&2
    (cd "$root" && mvn -B -q install -DskipTests)
    (cd "$here" && mvn -B -q package -DskipTests \
        && mvn -B -q dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$classpath")
fi

# Spark's own jars first, then the job jar: the class path spark-submit builds.
exec java "@$here/jvm.options" -Xmx"${SPARK_DRIVER_MEMORY:-2g}" \
    -Dspark.master="${SPARK_MASTER:-local[*]}" -Dspark.ui.enabled=false \
    -Dlog4j2.configurationFile="$here/log4j2.properties" \
    -cp "$(cat "$classpath"):$jar" dev.predictbench.spark.ScoreJob \
    --bundle "$bundle" --input "$input" --output "$output" "$@"
