#!/usr/bin/env bash
# Text analytics: train the sentiment models that ship, evaluate on held-out labelled data, measure throughput.
# Usage: bench/text-analytics.sh [train|evaluate|throughput|all]     (default: all; see docs/text-analytics.md)
#   train       trains src/main/resources/io/rapport/feedback/internal/sentiment/{en,id}.bin and writes the
#               held-out part of PRDECT-ID into the tests (needs the shared data sets)
#   evaluate    writes the evaluation tables into docs/text-analytics.md
#   throughput  runs the JMH benchmark (2 threads) and writes its table into docs/text-analytics.md
# The shared data sets are read from ../shared/datasets, or from $RAPPORT_DATASETS.
set -euo pipefail

cd "$(dirname "$0")/.."
WHICH=${1:-all}
case "$WHICH" in
  train|evaluate|throughput|all) ;;
  *) echo "usage: bench/text-analytics.sh [train|evaluate|throughput|all]" >&2; exit 2 ;;
esac
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DATASETS=$(realpath -m "${RAPPORT_DATASETS:-../shared/datasets}")
DOC=docs/text-analytics.md

compile() {
  ./mvnw -q -B test-compile
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/text-classpath.txt -Dmdep.includeScope=test
  CP="target/test-classes:target/classes:$(cat target/text-classpath.txt)"
}
run() {
  "$JAVA_HOME/bin/java" -Drapport.test.datasets="$DATASETS" -cp "$CP" "$@"
}

compile
if [[ $WHICH == train || $WHICH == all ]]; then
  echo "== training the sentiment models"
  run io.rapport.feedback.internal.SentimentTraining src/main/resources/io/rapport/feedback/internal/sentiment \
    src/test/resources/io/rapport/feedback/internal | grep -v '^ *[0-9]*: '
  compile # the new models into target/classes
fi
if [[ $WHICH == evaluate || $WHICH == all ]]; then
  echo "== evaluating on the held-out texts"
  run io.rapport.feedback.internal.TextAnalyticsReport evaluate "$DOC"
fi
if [[ $WHICH == throughput || $WHICH == all ]]; then
  echo "== measuring throughput (JMH, about 1 minute)"
  run org.openjdk.jmh.Main 'io.rapport.feedback.internal.TextAnalyticsBenchmark' \
    -jvmArgsAppend "-Drapport.test.datasets=$DATASETS" -rf json -rff target/text-throughput.json
  run io.rapport.feedback.internal.TextAnalyticsReport throughput "$DOC" target/text-throughput.json
fi
