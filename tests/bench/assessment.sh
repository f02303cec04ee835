#!/usr/bin/env bash
# Part of `make bench`: the assessment (考核, issue 21) of the whole district on the benchmark
# database (1,000,000 households; pairs, visits, courses, information items and complaints for
# 100,000 of them), against the bare libmicrohttpd baseline measured in the same run. Target: the
# district's quarter answers in under 1 s. DB=... and HOUSEHOLDS=... measure another database.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-build/rel/bangfu}
DB=${DB:-build/bench-db/bench-large-1000000.db}
THREADS=${THREADS:-2}
[ -f "$DB" ] || { echo "no $DB: run tests/bench/growth.sh (or make bench) first"; exit 1; }
mkdir -p build/bench
[ -x build/bench/hello ] || gcc -O2 -o build/bench/hello tests/bench/hello.c -lmicrohttpd
# (waits for the lock: the part before may still be closing its server)
sqlite() { sqlite3 -cmd '.timeout 60000' "$DB" "$1"; }
want=$(( $(sqlite 'SELECT count(*) FROM households') / 10 ))
have=$(sqlite "SELECT count(*) FROM pairs WHERE helper_name LIKE 'BENCH%'" 2>/dev/null || echo 0)
# (topped up only when a tenth or more is missing: adding a few to a large database is slow, see performance.md)
if [ "$have" -lt $((want * 9 / 10)) ]; then
  echo "adding services for $((want - have)) households (once)"
  $BIN gen --db "$DB" --services $((want - have))
fi
echo "households: $(sqlite 'SELECT count(*) FROM households') pairs: $(sqlite 'SELECT count(*) FROM pairs')" \
  "visits: $(sqlite 'SELECT count(*) FROM visits') attendances: $(sqlite 'SELECT count(*) FROM training_attendees')" \
  "information items: $(sqlite 'SELECT count(*) FROM information_items') complaints: $(sqlite 'SELECT count(*) FROM complaints')"

PORT=18751
$BIN serve --db "$DB" --listen 127.0.0.1:$PORT --threads "$THREADS" >/dev/null 2>&1 &
SERVER=$!
build/bench/hello 18752 "$THREADS" >/dev/null &
HELLO=$!
trap 'kill $SERVER $HELLO 2>/dev/null || true; wait $SERVER $HELLO 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.3; done
TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"username":"shenji","password":"demo1234"}' \
  http://127.0.0.1:$PORT/api/v1/login | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')

# Median latency (ms) over 10 s with one connection.
median() {
  wrk -t1 -c1 -d10s --timeout 30s --latency -H "Authorization: Bearer $TOKEN" "$1" | awk '/ 50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'
}
# The server's quarter and month (its clock, China time), from a first answer.
first=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/reports/assessment")
Q=$(echo "$first" | sed 's/.*"period":{[^}]*"code":"\([0-9Q]*\)".*/\1/')
M=$(echo "$first" | sed 's/.*"period":{[^}]*"asof":"\([0-9]*-[0-9]*\)-.*/\1/')
units=$(echo "$first" | sed 's/.*"total":\([0-9]*\).*/\1/')
base=$(median "http://127.0.0.1:18752/")
whole=$(median "http://127.0.0.1:$PORT/api/v1/reports/assessment?quarter=$Q")
month=$(median "http://127.0.0.1:$PORT/api/v1/reports/assessment?month=$M")
officers=$(echo "$first" | grep -o '"kind":"officer"' | wc -l)
# The public board of the last quarter: computed by the first request (curl's total time), then kept.
cold=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/public/assessment")
kept=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/public/assessment")
echo "== assessment of the district ($units units, $officers village officers; target < 1 s)"
printf 'bare libmicrohttpd           %8.2f ms\n' "$base"
printf 'quarter %s (JSON)       %8.2f ms (%.0f x baseline)\n' "$Q" "$whole" "$(awk -v a="$whole" -v b="$base" 'BEGIN {print a / b}')"
printf 'month %s (JSON)          %8.2f ms (%.0f x baseline)\n' "$M" "$month" "$(awk -v a="$month" -v b="$base" 'BEGIN {print a / b}')"
printf 'public board, first request  %8.2f ms (computed)\n' "$(awk -v s="$cold" 'BEGIN {print s * 1000}')"
printf 'public board, second request %8.2f ms (kept)\n' "$(awk -v s="$kept" 'BEGIN {print s * 1000}')"
