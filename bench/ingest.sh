#!/usr/bin/env bash
# Ingest benchmark: Rapport's tracking API under load, on H2 and/or PostgreSQL, plus a raw JDBC baseline.
# Usage: bench/ingest.sh [h2|postgres|all]      (default: all; see bench/README.md)
# With RAPPORT_BENCH_SUITE=projection (what bench/projection.sh sets) it runs the projection benchmark instead:
# consumer lag under a shop's traffic at a fixed rate, and the full UCI Online Retail import.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
WHICH=${1:-all}
case "$WHICH" in
  h2) DBS=(h2) ;;
  postgres) DBS=(postgres) ;;
  all) DBS=(h2 postgres) ;;
  *) echo "usage: bench/ingest.sh [h2|postgres|all]" >&2; exit 2 ;;
esac
SUITE=${RAPPORT_BENCH_SUITE:-ingest}
DATASETS=${RAPPORT_DATASETS:-../shared/datasets}
if [[ $SUITE == projection && ! -d $DATASETS/online-retail-uci/full ]]; then
  echo "The projection benchmark imports the UCI Online Retail files from $DATASETS/online-retail-uci/full," \
    "which is missing; set RAPPORT_DATASETS to the folder that holds online-retail-uci/." >&2
  exit 2
fi

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR=${RAPPORT_BENCH_JAR:-target/rapport-0.1.0-SNAPSHOT.jar}
BASELINE=${RAPPORT_BENCH_BASELINE:-1}
[[ $SUITE == projection ]] && BASELINE=0
# Run files (a copy of the jar, compiled generator, H2 databases, logs, results) live outside target/, so a
# concurrent `mvn clean package` can neither delete them nor swap the jar under the running server.
OUT=${RAPPORT_BENCH_DIR:-/tmp/rapport-bench}
PG_HOST=${RAPPORT_BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${RAPPORT_BENCH_PG_PORT:-5432}
PG_USER=${RAPPORT_BENCH_PG_USER:-postgres}
PG_DB=rapport_bench
PG_ADMIN_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/postgres"
H2_OPTS="MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
# Two cores: a fixed heap (no resizing), default G1.
SERVER_JVM_FLAGS=${RAPPORT_BENCH_SERVER_JVM:-"-Xms2g -Xmx2g"}
CLIENT_JVM_FLAGS=${RAPPORT_BENCH_CLIENT_JVM:-"-Xms512m -Xmx512m -XX:+UseSerialGC"}
# Phases (see bench/README.md): name:path:batch:senders,...  and  name:path:batch:calls-per-second:senders
PLAN=${RAPPORT_BENCH_PLAN-"track:/v1/track:1:64;batch1:/v1/batch:1:64;batch20:/v1/batch:20:32,64;batch100:/v1/batch:100:8,16,32"}
RATES=${RAPPORT_BENCH_RATES-"rate20:/v1/batch:20:250:64;rate1:/v1/batch:1:5000:128"}
WARMUP=${RAPPORT_BENCH_WARMUP:-5}
SECONDS_PER_RUN=${RAPPORT_BENCH_SECONDS:-15}
RATE_SECONDS=${RAPPORT_BENCH_RATE_SECONDS:-20}
JIT_WARMUP=${RAPPORT_BENCH_JIT_WARMUP:-10}
API_KEY="bench-$(date +%s)-$RANDOM$RANDOM"

rm -rf "$OUT/logs" "$OUT/classes" "$OUT"/h2-* "$OUT"/*.properties
mkdir -p "$OUT/logs" "$OUT/classes"

if [[ ! -f $JAR ]]; then
  echo "== building $JAR"
  ./mvnw -q -B -DskipTests package
fi
if [[ ! -s target/bench-classpath.txt ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
fi
# The generator needs only the two JDBC drivers.
CP=$(tr ':' '\n' < target/bench-classpath.txt | grep -E '/(h2-[0-9][^/]*|postgresql-[0-9][^/]*)\.jar$' | paste -sd:)
cp "$JAR" "$OUT/rapport.jar"
JAR="$OUT/rapport.jar"
"$JAVA_HOME/bin/javac" -nowarn -d "$OUT/classes" -cp "$CP" bench/IngestLoad.java bench/ProjectionLoad.java
GEN=("$JAVA" $CLIENT_JVM_FLAGS -cp "$OUT/classes:$CP" IngestLoad)

SERVER_PID=""
PG_CREATED=""
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
  if [[ -n $PG_CREATED ]]; then
    "${GEN[@]}" sql --jdbc "$PG_ADMIN_URL" --user "$PG_USER" \
      --statements "drop database if exists $PG_DB with (force)" >/dev/null 2>&1 || true
    PG_CREATED=""
  fi
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

free_port() {
  local p
  for p in $(shuf -i 20000-45000 -n 100); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port" >&2; return 1
}

# Other work on the machine (a build, a test run) would skew every number: wait a while (default 60 s)
# for it to end.
QUIET_WAIT=${RAPPORT_BENCH_QUIET_WAIT:-60}
wait_quiet() {
  local busy
  for i in $(seq 1 $(( QUIET_WAIT / 5 + 1 ))); do
    busy=$(awk '{print $1}' /proc/loadavg)
    read -r _ u1 n1 s1 i1 w1 _ < /proc/stat; sleep 2; read -r _ u2 n2 s2 i2 w2 _ < /proc/stat
    busy=$(( (u2 + n2 + s2 - u1 - n1 - s1) ))   # ticks busy over 2 s on all cores (100 ticks = 1 core-second)
    if (( busy < 40 )); then return 0; fi
    (( i == 1 )) && echo "== waiting for the machine to be quiet (other processes use $((busy / 2))% of a core)"
    sleep 3
  done
  echo "== WARNING: the machine is busy with other work; results will be low (see the 'CPU other' column)"
}

start_server() { # db-url db-user log-name
  local port; port=$(free_port)
  BASE="http://127.0.0.1:$port"
  RAPPORT_DB_URL="$1" RAPPORT_DB_USER="$2" RAPPORT_BOOTSTRAP_API_KEY="$API_KEY" \
    RAPPORT_LOG_FILE="$OUT/logs/$3-app.log" \
    "$JAVA" $SERVER_JVM_FLAGS -jar "$JAR" --server.port="$port" >"$OUT/logs/$3-console.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    if curl -fsS "$BASE/actuator/health/readiness" >/dev/null 2>&1; then
      echo "== Rapport up on port $port (pid $SERVER_PID)"; return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "Rapport exited; see $OUT/logs/$3-console.log" >&2; tail -20 "$OUT/logs/$3-console.log" >&2; return 1
    fi
    sleep 0.5
  done
  echo "Rapport did not become ready in 120 s" >&2; return 1
}

{
  echo "date=$(date -u +%Y-%m-%d)"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(grep -c '^processor' /proc/cpuinfo) logical CPUs)"
  echo "memory=$(free -g | awk '/^Mem:/ {print $2 " GB total, " $7 " GB available (free -g)"}')"
  echo "jdk=$("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "server_jvm_flags=$SERVER_JVM_FLAGS"
  echo "client_jvm_flags=$CLIENT_JVM_FLAGS"
} > "$OUT/machine.properties"

for db in "${DBS[@]}"; do
  echo "== $db"
  wait_quiet
  if [[ $db == h2 ]]; then
    dir="$OUT/h2-$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$dir"
    # The baseline table gets the same DDL as Rapport's: the shared migration and H2's own tuning.
    [[ $BASELINE == 1 ]] && "${GEN[@]}" baseline --db h2 --jdbc "jdbc:h2:file:$dir/baseline;$H2_OPTS" --user sa \
      --ddl "src/main/resources/db/migration/V2__collect.sql:$(ls src/main/resources/db/vendor/h2/*.sql | paste -sd:)" \
      --warmup 3 --seconds "$SECONDS_PER_RUN" \
      --out "$OUT/baseline-h2.properties"
    rm -rf "$dir/baseline"*
    start_server "jdbc:h2:file:$dir/rapport;$H2_OPTS" sa h2
  else
    "${GEN[@]}" sql --jdbc "$PG_ADMIN_URL" --user "$PG_USER" \
      --statements "drop database if exists $PG_DB with (force);;create database $PG_DB"
    PG_CREATED=1
    url="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB"
    # The baseline table lives in its own schema, so Flyway still finds an empty public schema.
    [[ $BASELINE == 1 ]] && "${GEN[@]}" baseline --db postgres --jdbc "$url" --user "$PG_USER" --schema bench_baseline \
      --ddl src/main/resources/db/migration/V2__collect.sql --warmup 3 --seconds "$SECONDS_PER_RUN" \
      --out "$OUT/baseline-postgres.properties"
    start_server "$url" "$PG_USER" postgres
  fi
  if [[ $SUITE == projection ]]; then
    "${GEN[@]}" lag --db "$db" --base "$BASE" --api-key "$API_KEY" --server-pid "$SERVER_PID" \
      --rate "${RAPPORT_BENCH_LAG_RATE:-5000}" --batch 20 --seconds "${RAPPORT_BENCH_LAG_SECONDS:-60}" \
      --jit-warmup "$JIT_WARMUP" --out "$OUT/lag-$db.properties"
    "${GEN[@]}" import --db "$db" --base "$BASE" --api-key "$API_KEY" --server-pid "$SERVER_PID" \
      --dir "$DATASETS/online-retail-uci/full" --out "$OUT/import-$db.properties"
  else
    "${GEN[@]}" load --db "$db" --base "$BASE" --api-key "$API_KEY" --server-pid "$SERVER_PID" \
      --plan "$PLAN" --rates "$RATES" --warmup "$WARMUP" --seconds "$SECONDS_PER_RUN" \
      --rate-seconds "$RATE_SECONDS" --jit-warmup "$JIT_WARMUP" --out "$OUT/load-$db.properties"
  fi
  curl -fsS "$BASE/actuator/prometheus" > "$OUT/logs/$db-prometheus.txt" || true
  cleanup
  if [[ $db == h2 ]]; then rm -rf "$dir"; fi
done
echo "== logs and raw results in $OUT"

if [[ $SUITE == projection ]]; then
  "${GEN[@]}" projection-report --results "$OUT" --doc "${RAPPORT_BENCH_DOC:-docs/benchmarks.md}" \
    --command "bench/projection.sh $WHICH" --dbs "$(IFS=,; echo "${DBS[*]}")"
else
  "${GEN[@]}" report --results "$OUT" --doc "${RAPPORT_BENCH_DOC:-docs/benchmarks.md}" --command "bench/ingest.sh $WHICH" \
    --dbs "$(IFS=,; echo "${DBS[*]}")"
fi
