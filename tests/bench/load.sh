#!/usr/bin/env bash
# Part of `make bench` (issue 22, goal 3): 64 keep-alive connections, LOAD_SECONDS (default 5) each,
# against the staff pages and reports that grew with the data, as the district auditor (shenji,
# every township) on growth.sh's large benchmark database (build/bench-db/bench-large-N.db, N ten times
# SMALL_HH; LOAD_DB for another), release build, --threads THREADS (default 2). Target: no timeouts (2 s), p99 < 200 ms.
# tests/bench/load.mjs counts a timeout in the percentiles as longer than every answer.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-build/rel/bangfu}
DB=${LOAD_DB:-${DBDIR:-build/bench-db}/bench-large-$((${SMALL_HH:-100000} * 10)).db}
SECS=${LOAD_SECONDS:-5}
CONNS=${LOAD_CONNECTIONS:-64}
if [ ! -f "$DB" ]; then
  echo "load.sh: $DB is missing (tests/bench/growth.sh makes it)" >&2
  exit 1
fi
PORT=18771
BASE=http://127.0.0.1:$PORT
$BIN serve --db "$DB" --listen 127.0.0.1:$PORT --threads "${THREADS:-2}" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
# (the first start after an upgrade migrates the database and closes its months first: minutes at 1,000,000 households)
for _ in $(seq 3000); do curl -sf $BASE/healthz >/dev/null && break; sleep 0.3; done
TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"username":"shenji","password":"demo1234"}' \
  $BASE/api/v1/login | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
COOKIE=$(curl -s -D - -o /dev/null -X POST --data 'username=shenji&password=demo1234' $BASE/login |
  sed -n 's/^Set-Cookie: \(bangfu_session=[0-9a-f]*\).*/\1/p')
echo "== under load: $CONNS connections, $SECS s each, district auditor, $(sqlite3 "$DB" 'SELECT count(*) FROM households') households (target: 0 timeouts, p99 < 200 ms)"
printf '%-40s %8s %8s %8s %8s %8s %8s %6s\n' "endpoint" "answers" "req/s" "p50 ms" "p90 ms" "p99 ms" "timeouts" "non2xx"
for path in /home /loans /due /relief /claims /overdue "/reports/relief?group=village" /reports/portfolio \
  /api/v1/reports/portfolio "/api/v1/reports/relief?group=village"; do
  curl -s -o /dev/null -H "Cookie: $COOKIE" -H "Authorization: Bearer $TOKEN" "$BASE$path" # warm the cache once
  read -r n _ rps p50 p90 p99 to bad <<<"$(node tests/bench/load.mjs $BASE "$path" "$TOKEN" "$COOKIE" "$CONNS" "$SECS")"
  printf '%-40s %8s %8s %8s %8s %8s %8s %6s\n' "GET $path" "$n" "$rps" "$p50" "$p90" "$p99" "$to" "$bad"
  if [ -n "${BENCH_SUMMARY:-}" ]; then
    printf 'load %s\tp99 %s ms, %s timeouts\tp99 < 200 ms, 0 timeouts\n' "$path" "$p99" "$to" >>"$BENCH_SUMMARY"
  fi
done
