#!/usr/bin/env bash
# The dashboards' metric queries on a large generated history: see bench/README.md ("dashboards.sh").
set -euo pipefail

BENCH=dashboards
source "$(dirname "$0")/common.sh"
choose_databases "$@"

EVENTS=${RAPPORT_BENCH_EVENTS:-10000000}
DAYS=${RAPPORT_BENCH_DAYS:-730}
REPEAT=${RAPPORT_BENCH_REPEAT:-100}
END=${RAPPORT_BENCH_END:-$(date -u -d yesterday +%F)}
PATHS=${RAPPORT_BENCH_PATHS:-bench/dashboard-queries.txt}

prepare
write_machine
# The history is generated once per size and span and kept for later runs.
HISTORY="${RAPPORT_BENCH_DIR:-/tmp/rapport-bench}/history-$EVENTS-$DAYS-$END"
if [[ ! -s $HISTORY/history.properties ]]; then
  echo "== generating $EVENTS messages over $DAYS days into $HISTORY"
  rm -rf "$HISTORY"
  "${GEN[@]}" DashboardLoad generate --events "$EVENTS" --days "$DAYS" --end "$END" --out "$HISTORY"
fi

for db in "${DBS[@]}"; do
  echo "== $db"
  wait_quiet
  if [[ $db == h2 ]]; then
    new_h2_dir
    start_server "jdbc:h2:file:$H2_DIR/rapport;$H2_OPTS" sa "dashboards-$db"
  else
    create_postgres
    start_server "$PG_URL" "$PG_USER" "dashboards-$db"
  fi
  ANALYZE=(--analyze-jdbc "$(if [[ $db == postgres ]]; then echo "$PG_URL"; fi)" --user "$PG_USER")
  "${GEN[@]}" DashboardLoad load --db "$db" --base "$BASE" --api-key "$API_KEY" "${ANALYZE[@]}" \
    --dir "$HISTORY" --out "$OUT/load-$db.properties"
  "${GEN[@]}" DashboardLoad queries --db "$db" --base "$BASE" --api-key "$API_KEY" --end "$END" \
    --paths "$PATHS" --repeat "$REPEAT" --out "$OUT/queries-$db.properties"
  cleanup
  if [[ $db == h2 ]]; then rm -rf "$H2_DIR"; fi
done
echo "== logs and raw results in $OUT"

"${GEN[@]}" DashboardLoad report --results "$OUT" --doc "${RAPPORT_BENCH_DOC:-docs/benchmarks.md}" \
  --command "RAPPORT_BENCH_EVENTS=$EVENTS RAPPORT_BENCH_REPEAT=$REPEAT bench/dashboards.sh $WHICH" --dbs "$(IFS=,; echo "${DBS[*]}")"
