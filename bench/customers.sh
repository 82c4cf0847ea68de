#!/usr/bin/env bash
# Customer benchmark: profile lookups and customer lists at 100,000 customers, on H2 and/or PostgreSQL, with a raw
# JDBC baseline. Usage: bench/customers.sh [h2|postgres|all]      (default: all; see bench/README.md)
set -euo pipefail

BENCH=customers
source "$(dirname "$0")/common.sh"
choose_databases "$@"

CUSTOMERS=${RAPPORT_BENCH_CUSTOMERS:-100000}
REQUESTS=${RAPPORT_BENCH_REQUESTS:-20000}
LIST_REQUESTS=${RAPPORT_BENCH_LIST_REQUESTS:-2000}
CONCURRENCY=${RAPPORT_BENCH_CONCURRENCY:-2}

prepare
write_machine

for db in "${DBS[@]}"; do
  echo "== $db"
  wait_quiet
  if [[ $db == h2 ]]; then
    new_h2_dir
    url="jdbc:h2:file:$H2_DIR/rapport;$H2_OPTS"
    user=sa
  else
    create_postgres
    url=$PG_URL
    user=$PG_USER
  fi
  start_server "$url" "$user" "customers-$db"
  # PostgreSQL gets the statistics autovacuum would keep (see CustomerLoad.analyze); H2 keeps its own.
  "${GEN[@]}" CustomerLoad seed --base "$BASE" --api-key "$API_KEY" --customers "$CUSTOMERS" \
    --analyze-jdbc "$([[ $db == postgres ]] && echo "$url")" --user "$user" --out "$OUT/seed-$db.properties"
  wait_quiet
  "${GEN[@]}" CustomerLoad load --db "$db" --base "$BASE" --api-key "$API_KEY" --server-pid "$SERVER_PID" \
    --customers "$CUSTOMERS" --requests "$REQUESTS" --list-requests "$LIST_REQUESTS" --concurrency "$CONCURRENCY" \
    --ids "$OUT/ids-$db.txt" --out "$OUT/customers-$db.properties"
  stop_server
  # The baseline reads the database Rapport left, alone (H2 allows one process per file database).
  "${GEN[@]}" CustomerLoad baseline --db "$db" --jdbc "$url" --user "$user" --customers "$CUSTOMERS" \
    --requests "$REQUESTS" --concurrency "$CONCURRENCY" --ids "$OUT/ids-$db.txt" \
    --out "$OUT/customers-baseline-$db.properties"
  cleanup
  if [[ $db == h2 ]]; then rm -rf "$H2_DIR"; fi
done
echo "== logs and raw results in $OUT"

"${GEN[@]}" CustomerLoad report --results "$OUT" --doc "${RAPPORT_BENCH_DOC:-docs/benchmarks.md}" \
  --command "bench/customers.sh $WHICH" --dbs "$(IFS=,; echo "${DBS[*]}")"
