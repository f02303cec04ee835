#!/usr/bin/env bash
# Part of `make bench`: the dashboard and the reports on the benchmark database (1,000,000
# households, 100,000 loans, 500,000 relief payments), against the bare libmicrohttpd baseline
# measured in the same run. Targets (issue 7): dashboard < 200 ms, quarterly PDF < 5 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/rel/bangfu
DB=${DB:-build/bench-db/bench-large-1000000.db}
THREADS=${THREADS:-2}
[ -f "$DB" ] || { echo "no $DB: run tests/bench/growth.sh (or make bench) first"; exit 1; }
mkdir -p build/bench
[ -x build/bench/hello ] || gcc -O2 -o build/bench/hello tests/bench/hello.c -lmicrohttpd
have=$(sqlite3 "$DB" "SELECT count(*) FROM relief_payments" 2>/dev/null || echo 0)
if [ "$have" -lt 500000 ]; then
  echo "adding $((500000 - have)) relief payments with their receipts and ledger entries (once)"
  $BIN gen --db "$DB" --relief $((500000 - have))
fi
echo "relief payments: $(sqlite3 "$DB" 'SELECT count(*) FROM relief_payments') loans: $(sqlite3 "$DB" 'SELECT count(*) FROM loans')"

PORT=18741
BANGFU_CLOSE_INTERVAL=5 $BIN serve --db "$DB" --listen 127.0.0.1:$PORT --threads "$THREADS" >/dev/null 2>&1 &
SERVER=$!
build/bench/hello 18742 "$THREADS" >/dev/null &
HELLO=$!
trap 'kill $SERVER $HELLO 2>/dev/null || true; wait $SERVER $HELLO 2>/dev/null || true' EXIT
# (the server listens once its migrations and the month closer's start-up pass are done: minutes after an upgrade)
for _ in $(seq 3000); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.3; done
COOKIE=$(curl -s -D - -o /dev/null -X POST --data 'username=shenji&password=demo1234' \
  http://127.0.0.1:$PORT/login | sed -n 's/^Set-Cookie: \(bangfu_session=[0-9a-f]*\).*/\1/p')

# Seconds of one request (curl's total time).
once() { curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" "$1"; }
# Median latency (ms) over 10 s with one connection.
median() {
  wrk -t1 -c1 -d10s --latency -H "Cookie: $COOKIE" "$1" | awk '/ 50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'
}

# Closed months are computed once for every village (closed_months, village_months), by the
# server's month closer: at start-up before it listens, then in the background (here every 5 s). Reopen
# them all (what an upgrade or a reversal of an old repayment does) to measure the first visit while
# they are open: the dashboard does not wait for them (its two loan charts say they are being closed).
sqlite3 -cmd '.timeout 60000' "$DB" "DELETE FROM village_months; DELETE FROM closed_months"
cold=$(once "http://127.0.0.1:$PORT/home")
t0=$(date +%s.%N)
for _ in $(seq 600); do [ "$(sqlite3 -cmd '.timeout 60000' "$DB" 'SELECT count(*) FROM closed_months')" -ge 12 ] && break; sleep 0.5; done
reclosed=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')
base=$(median "http://127.0.0.1:18742/")
warm=$(median "http://127.0.0.1:$PORT/home")
relief=$(median "http://127.0.0.1:$PORT/reports/relief?group=village")
echo "== dashboard (district-wide user, all 100,000 loans and 500,000 relief payments)"
printf 'bare libmicrohttpd          %8.2f ms\n/home, first visit with every month open %8.0f ms (the closer closed them again within %s s)\n/home                       %8.2f ms (target < 200 ms; %.0f x baseline)\n' \
  "$base" "$(awk -v s="$cold" 'BEGIN {print s * 1000}')" "$reclosed" "$warm" "$(awk -v a="$warm" -v b="$base" 'BEGIN {print a / b}')"
printf 'relief report by village   %8.2f ms\n' "$relief"
if [ -n "${BENCH_SUMMARY:-}" ]; then
  printf 'first /home with every month open\t%s ms (then %s ms)\tno request recomputes history\n' \
    "$(awk -v s="$cold" 'BEGIN {printf "%.0f", s * 1000}')" "$warm" >>"$BENCH_SUMMARY"
fi
echo "== quarterly report PDF (target < 5 s)"
for q in 2026Q3 2026Q4; do
  t=$(once "http://127.0.0.1:$PORT/reports/quarterly.pdf?quarter=$q")
  printf '%s  %8.0f ms\n' "$q" "$(awk -v s="$t" 'BEGIN {print s * 1000}')"
done
