# Shared by the benchmark scripts (sourced, not run, after the script sets BENCH to its name): settings, the jar
# and the generators, a quiet machine, starting and stopping Rapport, and the PostgreSQL bench database. Each
# benchmark has a work directory and a database of its own, so two can run at once without deleting each other's
# files or dropping each other's database (their numbers then suffer; see "CPU other"). See bench/README.md.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR=${RAPPORT_BENCH_JAR:-target/rapport-0.1.0-SNAPSHOT.jar}
# Run files (a copy of the jar, compiled generators, H2 databases, logs, results) live outside target/, so a
# concurrent `mvn clean package` can neither delete them nor swap the jar under the running server.
OUT=${RAPPORT_BENCH_DIR:-/tmp/rapport-bench/$BENCH}
PG_HOST=${RAPPORT_BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${RAPPORT_BENCH_PG_PORT:-5432}
PG_USER=${RAPPORT_BENCH_PG_USER:-postgres}
PG_DB=rapport_bench_$BENCH
PG_ADMIN_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/postgres"
PG_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB"
H2_OPTS="MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
# Two cores: a fixed heap (no resizing), default G1.
SERVER_JVM_FLAGS=${RAPPORT_BENCH_SERVER_JVM:-"-Xms2g -Xmx2g"}
CLIENT_JVM_FLAGS=${RAPPORT_BENCH_CLIENT_JVM:-"-Xms512m -Xmx512m -XX:+UseSerialGC"}
API_KEY="bench-$(date +%s)-$RANDOM$RANDOM"

# The databases the script's argument names: h2, postgres or all (the default); sets WHICH and DBS.
choose_databases() {
  WHICH=${1:-all}
  case "$WHICH" in
    h2) DBS=(h2) ;;
    postgres) DBS=(postgres) ;;
    all) DBS=(h2 postgres) ;;
    *) echo "usage: $0 [h2|postgres|all]" >&2; exit 2 ;;
  esac
}

# A new directory for an H2 file database of this run; sets H2_DIR.
new_h2_dir() {
  H2_DIR="$OUT/h2-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$H2_DIR"
}

# Builds the jar if missing, copies it to $OUT and compiles the generators (bench/*.java, which need only the
# two JDBC drivers); GEN runs one of them: "${GEN[@]}" IngestLoad load ...
prepare() {
  rm -rf "$OUT/logs" "$OUT/classes" "$OUT"/h2-* "$OUT"/*.properties
  mkdir -p "$OUT/logs" "$OUT/classes"
  if [[ ! -f $JAR ]]; then
    echo "== building $JAR"
    ./mvnw -q -B -DskipTests package
  fi
  if [[ ! -s target/bench-classpath.txt ]]; then
    ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
  fi
  CP=$(tr ':' '\n' < target/bench-classpath.txt | grep -E '/(h2-[0-9][^/]*|postgresql-[0-9][^/]*)\.jar$' | paste -sd:)
  cp "$JAR" "$OUT/rapport.jar"
  JAR="$OUT/rapport.jar"
  "$JAVA_HOME/bin/javac" -nowarn -d "$OUT/classes" -cp "$CP" bench/*.java
  GEN=("$JAVA" $CLIENT_JVM_FLAGS -cp "$OUT/classes:$CP")
}

SERVER_PID=""
PG_CREATED=""
stop_server() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
drop_postgres() {
  if [[ -n $PG_CREATED ]]; then
    "${GEN[@]}" IngestLoad sql --jdbc "$PG_ADMIN_URL" --user "$PG_USER" \
      --statements "drop database if exists $PG_DB with (force)" >/dev/null 2>&1 || true
    PG_CREATED=""
  fi
}
create_postgres() {
  "${GEN[@]}" IngestLoad sql --jdbc "$PG_ADMIN_URL" --user "$PG_USER" \
    --statements "drop database if exists $PG_DB with (force);;create database $PG_DB"
  PG_CREATED=1
}
cleanup() {
  stop_server
  drop_postgres
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

write_machine() {
  {
    echo "date=$(date -u +%Y-%m-%d)"
    echo "nproc=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(grep -c '^processor' /proc/cpuinfo) logical CPUs)"
    echo "memory=$(free -g | awk '/^Mem:/ {print $2 " GB total, " $7 " GB available (free -g)"}')"
    echo "jdk=$("$JAVA" -version 2>&1 | sed -n 2p)"
    echo "server_jvm_flags=$SERVER_JVM_FLAGS"
    echo "client_jvm_flags=$CLIENT_JVM_FLAGS"
  } > "$OUT/machine.properties"
}
