#!/usr/bin/env bash
# Customer lifetime value: time to fit BG/NBD and Gamma-Gamma on CDNOW and to score 100,000 customers (JMH).
# Usage: bench/clv.sh [JMH options]      (see docs/benchmarks.md; needs the shared data sets for CDNOW)
# The shared data sets are read from ../shared/datasets, or from $RAPPORT_DATASETS.
set -euo pipefail

cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DATASETS=$(realpath -m "${RAPPORT_DATASETS:-../shared/datasets}")
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/clv-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/clv-classpath.txt)"
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main -jvmArgsAppend "-Drapport.test.datasets=$DATASETS" \
  "io.rapport.insight.internal.ClvBenchmark" "$@"
