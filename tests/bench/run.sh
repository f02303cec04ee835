#!/usr/bin/env bash
# `make bench`: performance figures for docs/performance.md, each against a baseline measured
# in the same run (under load, 64 connections: requests/s and p50/p90/p99 latency against a
# bare libmicrohttpd hello). Uses the release build (build/rel/bangfu) and growth.sh's two
# benchmark databases (build/bench-db: 100,000 and 1,000,000 households with loans and relief
# payments in proportion, made once and kept); every part after growth.sh measures the large one.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/rel/bangfu
THREADS=${THREADS:-2}
export SMALL_HH=${SMALL_HH:-100000}
DB=${DBDIR:-build/bench-db}/bench-large-$((SMALL_HH * 10)).db
mkdir -p build/bench
# The scripts of issue 22 add a line per target here (what, measured, target); printed at the end.
export BENCH_SUMMARY=$PWD/build/bench/summary.tsv
: >"$BENCH_SUMMARY"
gcc -O2 -o build/bench/hello tests/bench/hello.c -lmicrohttpd
gcc -O2 -std=c11 -D_GNU_SOURCE -Isrc/core -o build/bench/amort tests/bench/amort_bench.c build/rel/libbangfu.a -lm

echo "== schedule engine: 1,000,000 schedules of 36 months, one core"
build/bench/amort

# Issue 22, goal 1: every list and report at two sizes (makes the two databases the first time).
bash tests/bench/growth.sh
echo "loans: $(sqlite3 "$DB" 'SELECT count(*) FROM loans') schedule rows: $(sqlite3 "$DB" 'SELECT count(*) FROM loan_schedule')"
echo "households: $(sqlite3 "$DB" 'SELECT count(*) FROM households') members: $(sqlite3 "$DB" 'SELECT count(*) FROM members')"

PORT=18731
$BIN serve --db "$DB" --listen 127.0.0.1:$PORT --threads $THREADS 2>/dev/null >/dev/null &
SERVER=$!
build/bench/hello 18732 $THREADS >/dev/null &
HELLO=$!
trap 'kill $SERVER $HELLO 2>/dev/null || true; wait $SERVER $HELLO 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.3; done
TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"username":"shenji","password":"demo1234"}' \
  http://127.0.0.1:$PORT/api/v1/login | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
AUTH="Authorization: Bearer $TOKEN"
COOKIE=$(curl -s -D - -o /dev/null -X POST --data 'username=shenji&password=demo1234' \
  http://127.0.0.1:$PORT/login | sed -n 's/^Set-Cookie: \(bangfu_session=[0-9a-f]*\).*/\1/p')

# Picks real search terms from the database.
ID_PREFIX=$(sqlite3 "$DB" "SELECT substr(id_number, 1, 14) FROM members WHERE id = 777777")
NAME_PREFIX=$(sqlite3 "$DB" "SELECT substr(name, 1, 2) FROM members WHERE id = 888888")
HH=$(sqlite3 "$DB" "SELECT household_id FROM members WHERE id = 999999")
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1" 2>/dev/null || echo "$1"; }

# Median latency (ms) of one URL with one connection, from wrk's latency distribution.
median() {
  wrk -t1 -c1 -d5s --latency -H "$AUTH" -H "Cookie: $COOKIE" "$1" | awk '/ 50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'
}

echo "== household search and page, median latency (target < 5 ms)"
m1=$(median "http://127.0.0.1:$PORT/api/v1/households?q=$ID_PREFIX&limit=20")
m2=$(median "http://127.0.0.1:$PORT/api/v1/households?q=$(enc "$NAME_PREFIX")&limit=20")
m3=$(median "http://127.0.0.1:$PORT/api/v1/households/$HH")
m4=$(median "http://127.0.0.1:$PORT/households/$HH")
m5=$(median "http://127.0.0.1:$PORT/households?q=$(enc "$NAME_PREFIX")")
printf 'search by ID prefix (JSON)    %8.2f ms\nsearch by name prefix (JSON)  %8.2f ms\nhousehold (JSON)              %8.2f ms\n' "$m1" "$m2" "$m3"
printf 'household page (HTML)         %8.2f ms\nsearch page by name (HTML)    %8.2f ms\n' "$m4" "$m5"

echo "== loan portfolio with 100,000 loans, median latency (target < 100 ms)"
m6=$(median "http://127.0.0.1:$PORT/api/v1/reports/portfolio")
m7=$(median "http://127.0.0.1:$PORT/api/v1/reports/overdue")
printf 'portfolio summary (JSON)      %8.2f ms\noverdue loans by village      %8.2f ms\n' "$m6" "$m7"

# Requests/s and p50/p90/p99 latency (ms) with 64 connections for 8 s: "rps p50 p90 p99".
load() {
  wrk -t2 -c64 -d8s --latency -H "$AUTH" -H "Cookie: $COOKIE" "$1" | awk '
    function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms/, "", v); return v }
                     if (v ~ /s$/) { sub(/s/, "", v); return v * 1000 } return v }
    / 50%/ {p50 = ms($2)} / 90%/ {p90 = ms($2)} / 99%/ {p99 = ms($2)} /Requests\/sec/ {rps = $2}
    /Non-2xx/ {bad = $NF}
    END {printf "%s %s %s %s %s\n", rps, p50, p90, p99, bad + 0}'
}

echo "== load: 64 connections, 8 s each, login-protected pages and API against bare libmicrohttpd"
ACCT=$(sqlite3 "$DB" "SELECT min(id) FROM loans")
read -r b_rps b50 b90 b99 _ <<<"$(load "http://127.0.0.1:18732/")"
printf '%-42s %9s %8s %8s %8s %7s %5s\n' "endpoint" "req/s" "p50 ms" "p90 ms" "p99 ms" "ratio" "non2xx"
printf '%-42s %9.0f %8.2f %8.2f %8.2f %7s %5s\n' "bare libmicrohttpd hello" "$b_rps" "$b50" "$b90" "$b99" "1.00" "0"
for target in "GET /api/v1/households/{id}|/api/v1/households/$HH" \
              "GET /households/{id} (page, cookie)|/households/$HH" \
              "GET /api/v1/households?q=<name prefix>|/api/v1/households?q=$(enc "$NAME_PREFIX")&limit=20" \
              "GET /api/v1/households?q=<ID prefix>|/api/v1/households?q=$ID_PREFIX&limit=20" \
              "GET /api/v1/loans/{id}|/api/v1/loans/$ACCT" \
              "GET /api/v1/loan-applications|/api/v1/loan-applications?limit=20" \
              "GET /home (dashboard, cookie)|/home" \
              "GET /due (page, cookie)|/due"; do
  read -r rps p50 p90 p99 bad <<<"$(load "http://127.0.0.1:$PORT${target#*|}")"
  ratio=$(awk -v a="$rps" -v b="$b_rps" 'BEGIN {printf "%.2f", a / b}')
  printf '%-42s %9.0f %8.2f %8.2f %8.2f %7s %5s\n' "${target%%|*}" "$rps" "$p50" "$p90" "$p99" "$ratio" "$bad"
done

# The dashboard and reports (issue 7) and the relief receipts (issue 5), on the same database.
kill $SERVER $HELLO 2>/dev/null || true; wait 2>/dev/null || true
DB=$DB bash tests/bench/reports.sh
DB=$DB bash tests/bench/assessment.sh
bash tests/bench/receipts.sh
LOAD_DB=$DB bash tests/bench/load.sh
bash tests/bench/writes.sh
bash tests/bench/rolls.sh
echo "== issue 22: the targets in one table"
awk -F'\t' '{printf "%-48s %-36s %s\n", $1, $2, $3}' "$BENCH_SUMMARY"
