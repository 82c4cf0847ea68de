#!/usr/bin/env bash
# Ingest benchmark: Rapport's tracking API under load, on H2 and/or PostgreSQL, plus a raw JDBC baseline.
# Usage: bench/ingest.sh [h2|postgres|all]      (default: all; see bench/README.md)
set -euo pipefail

BENCH=ingest
source "$(dirname "$0")/common.sh"
choose_databases "$@"

BASELINE=${RAPPORT_BENCH_BASELINE:-1}
# Phases (see bench/README.md): name:path:batch:senders,...  and  name:path:batch:calls-per-second:senders
PLAN=${RAPPORT_BENCH_PLAN-"track:/v1/track:1:64;batch1:/v1/batch:1:64;batch20:/v1/batch:20:32,64;batch100:/v1/batch:100:8,16,32"}
RATES=${RAPPORT_BENCH_RATES-"rate20:/v1/batch:20:250:64;rate1:/v1/batch:1:5000:128"}
WARMUP=${RAPPORT_BENCH_WARMUP:-5}
SECONDS_PER_RUN=${RAPPORT_BENCH_SECONDS:-15}
RATE_SECONDS=${RAPPORT_BENCH_RATE_SECONDS:-20}
JIT_WARMUP=${RAPPORT_BENCH_JIT_WARMUP:-10}

prepare
write_machine

for db in "${DBS[@]}"; do
  echo "== $db"
  wait_quiet
  if [[ $db == h2 ]]; then
    new_h2_dir
    # The baseline table gets the same DDL as Rapport's: the shared migration and H2's own tuning.
    [[ $BASELINE == 1 ]] && "${GEN[@]}" IngestLoad baseline --db h2 --jdbc "jdbc:h2:file:$H2_DIR/baseline;$H2_OPTS" --user sa \
      --ddl "src/main/resources/db/migration/V2__collect.sql:$(ls src/main/resources/db/vendor/h2/*.sql | paste -sd:)" \
      --warmup 3 --seconds "$SECONDS_PER_RUN" \
      --out "$OUT/baseline-h2.properties"
    rm -rf "$H2_DIR/baseline"*
    start_server "jdbc:h2:file:$H2_DIR/rapport;$H2_OPTS" sa h2
  else
    create_postgres
    # The baseline table lives in its own schema, so Flyway still finds an empty public schema.
    [[ $BASELINE == 1 ]] && "${GEN[@]}" IngestLoad baseline --db postgres --jdbc "$PG_URL" --user "$PG_USER" --schema bench_baseline \
      --ddl src/main/resources/db/migration/V2__collect.sql --warmup 3 --seconds "$SECONDS_PER_RUN" \
      --out "$OUT/baseline-postgres.properties"
    start_server "$PG_URL" "$PG_USER" postgres
  fi
  "${GEN[@]}" IngestLoad load --db "$db" --base "$BASE" --api-key "$API_KEY" --server-pid "$SERVER_PID" \
    --plan "$PLAN" --rates "$RATES" --warmup "$WARMUP" --seconds "$SECONDS_PER_RUN" \
    --rate-seconds "$RATE_SECONDS" --jit-warmup "$JIT_WARMUP" --out "$OUT/load-$db.properties"
  curl -fsS "$BASE/actuator/prometheus" > "$OUT/logs/$db-prometheus.txt" || true
  cleanup
  if [[ $db == h2 ]]; then rm -rf "$H2_DIR"; fi
done
echo "== logs and raw results in $OUT"

"${GEN[@]}" IngestLoad report --results "$OUT" --doc "${RAPPORT_BENCH_DOC:-docs/benchmarks.md}" --command "bench/ingest.sh $WHICH" \
  --dbs "$(IFS=,; echo "${DBS[*]}")"
