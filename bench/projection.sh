#!/usr/bin/env bash
# Projection benchmark: consumer lag under a shop's traffic at 5,000 events/s, and the full UCI Online Retail
# import (lines/s, heap, consumer catch-up), on H2 and/or PostgreSQL.
# Usage: bench/projection.sh [h2|postgres|all]      (default: all; see bench/README.md)
set -euo pipefail

BENCH=projection
source "$(dirname "$0")/common.sh"
choose_databases "$@"

DATASETS=${RAPPORT_DATASETS:-../shared/datasets}
if [[ ! -d $DATASETS/online-retail-uci/full ]]; then
  echo "The projection benchmark imports the UCI Online Retail files from $DATASETS/online-retail-uci/full," \
    "which is missing; set RAPPORT_DATASETS to the folder that holds online-retail-uci/." >&2
  exit 2
fi
LAG_RATE=${RAPPORT_BENCH_LAG_RATE:-5000}
LAG_SECONDS=${RAPPORT_BENCH_LAG_SECONDS:-60}
JIT_WARMUP=${RAPPORT_BENCH_JIT_WARMUP:-10}

prepare
write_machine

for db in "${DBS[@]}"; do
  echo "== $db"
  wait_quiet
  if [[ $db == h2 ]]; then
    new_h2_dir
    start_server "jdbc:h2:file:$H2_DIR/rapport;$H2_OPTS" sa "projection-$db"
  else
    create_postgres
    start_server "$PG_URL" "$PG_USER" "projection-$db"
  fi
  # PostgreSQL gets the statistics autovacuum would keep (see CustomerLoad.analyze); H2 keeps its own.
  ANALYZE=(--analyze-jdbc "$([[ $db == postgres ]] && echo "$PG_URL" || true)" --user "$PG_USER")
  "${GEN[@]}" IngestLoad lag --db "$db" --base "$BASE" --api-key "$API_KEY" --server-pid "$SERVER_PID" "${ANALYZE[@]}" \
    --rate "$LAG_RATE" --batch 20 --seconds "$LAG_SECONDS" --jit-warmup "$JIT_WARMUP" --out "$OUT/lag-$db.properties"
  "${GEN[@]}" IngestLoad import --db "$db" --base "$BASE" --api-key "$API_KEY" --server-pid "$SERVER_PID" "${ANALYZE[@]}" \
    --dir "$DATASETS/online-retail-uci/full" --out "$OUT/import-$db.properties"
  cleanup
  if [[ $db == h2 ]]; then rm -rf "$H2_DIR"; fi
done
echo "== logs and raw results in $OUT"

"${GEN[@]}" IngestLoad projection-report --results "$OUT" --doc "${RAPPORT_BENCH_DOC:-docs/benchmarks.md}" \
  --command "bench/projection.sh $WHICH" --dbs "$(IFS=,; echo "${DBS[*]}")"
