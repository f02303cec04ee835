#!/usr/bin/env bash
# Part of `make bench` (issue 22, goal 4): repayments booked and relief paid through the API by 16
# concurrent clients against SQLite's own fsync'd single-row commit rate measured in the same run,
# on the same disk. The relief payments need approved applications: the demo's paid ones are
# copied as approved (a benchmark fixture written with SQL, never a ledger) and the fund is given
# enough income for them. Runs on a fresh demo database (build/bench/writes.db), so the benchmark database is
# never written to. Usage: tests/bench/writes.sh [BIN] (default build/rel/bangfu); BOOKINGS and
# MAX_SECONDS bound the run (default 2000 bookings or 10 s), CLIENTS (16). Nothing may be lost under
# contention: the rows booked must equal the 201 answers, their amounts must add up to the fen, and
# `bangfu check` must pass on the database afterwards (the loans' carried figures, the month
# figures, the fund ledger); else the script fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/rel/bangfu}
BOOKINGS=${BOOKINGS:-2000}
SECONDS_MAX=${MAX_SECONDS:-10}
CLIENTS=${CLIENTS:-16}
TODAY=2026-11-23
mkdir -p build/bench
gcc -O2 -o build/bench/commit_rate tests/bench/commit_rate.c -lsqlite3
gcc -O2 -pthread -o build/bench/post_load tests/bench/post_load.c
rm -f build/bench/writes.db*
$BIN demo --db build/bench/writes.db --today $TODAY >/dev/null
sqlite3 build/bench/writes.db "WITH RECURSIVE copies(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copies WHERE n < 60)
  INSERT INTO relief_applications (household_id, category_id, amount_fen, reason, state, applied_on, year, created_by,
    verified_by, verified_on, reviewed_by, reviewed_on, notice_id, approved_by, approved_on)
  SELECT household_id, category_id, amount_fen, reason, 'approved', applied_on, year, created_by, verified_by,
    verified_on, reviewed_by, reviewed_on, notice_id, approved_by, approved_on FROM relief_applications, copies
  WHERE state = 'paid';
  INSERT INTO relief_fund_entries (fund_id, kind, source, amount_fen, balance_after_fen, on_date, note)
  SELECT f.id, 'income', 'district', 100000000000, coalesce((SELECT balance_after_fen FROM relief_fund_entries
    WHERE fund_id = f.id ORDER BY id DESC LIMIT 1), 0) + 100000000000, '$TODAY', 'benchmark' FROM relief_funds f;"
PORT=18751
$BIN serve --db build/bench/writes.db --listen 127.0.0.1:$PORT --threads "${THREADS:-2}" --today $TODAY >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.3; done
login() { curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo1234\"}" \
  http://127.0.0.1:$PORT/api/v1/login | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/'; }
TOKEN=$(login qu_caiwu)

# Fails the benchmark when what the database holds differs from what the clients were told.
expect() {
  if [ "$2" != "$3" ]; then
    echo "writes.sh: $1: the database holds $2, the clients were answered $3 (lost or extra bookings)" >&2
    exit 1
  fi
}
# SQLite's own rate before, between and after the two API runs: each run is compared with the mean
# of the rates measured just before and just after it (the machine's disk and CPU drift).
commits() { rm -f build/bench/commits.db*; build/bench/commit_rate build/bench/commits.db "$BOOKINGS" "$SECONDS_MAX"; }
read -r c_n c_s c_rate c_p99 <<<"$(commits)"
# The bookings are listed first (tests/bench/write_targets.mjs), then posted by the C client
# (tests/bench/post_load.c), which costs the two-core machine far less CPU than the server it measures.
RUN=B$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
book() {
  node tests/bench/write_targets.mjs http://127.0.0.1:$PORT "$TOKEN" $TODAY "$BOOKINGS" "$RUN" "$1" >build/bench/targets.tsv
  build/bench/post_load $PORT "$TOKEN" build/bench/targets.tsv "$CLIENTS" "$BOOKINGS" "$SECONDS_MAX" "$RUN" "$2"
}
read -r w_n w_s w_rate w_p50 w_p99 w_bad w_new w_fen w_run <<<"$(book repayments 0)"
expect "repayments of the run" "$(sqlite3 build/bench/writes.db "SELECT count(*) || ' rows, ' || total(amount_fen) || ' fen'
  FROM repayments WHERE receipt_no LIKE '$w_run-%'")" "$w_new rows, $w_fen.0 fen"
read -r c2_n _ c2_rate c2_p99 <<<"$(commits)"
paid() { sqlite3 build/bench/writes.db "SELECT (SELECT count(*) FROM relief_payments) || ' rows, ' ||
  (SELECT total(amount_fen) FROM relief_payments) || ' fen, fund ' || (SELECT -total(amount_fen) FROM relief_fund_entries
  WHERE kind = 'disbursement') || ' fen'"; }
before=$(paid)
read -r r_n r_s r_rate r_p50 r_p99 r_bad r_new r_fen _ <<<"$(book relief 1)"
read -r b_rows _ b_fen _ _ b_fund _ <<<"$before"
expect "relief payments of the run" "$(paid)" \
  "$((b_rows + r_new)) rows, $((${b_fen%.0} + r_fen)).0 fen, fund $((${b_fund%.0} + r_fen)).0 fen"
$BIN check --db build/bench/writes.db >/dev/null || { echo "writes.sh: bangfu check failed after the run" >&2; exit 1; }
read -r c3_n _ c3_rate c3_p99 <<<"$(commits)"
w_base=$(((c_rate + c2_rate) / 2))
r_base=$(((c2_rate + c3_rate) / 2))
echo "== writes: $CLIENTS concurrent clients against SQLite's own fsync'd single-row commits (target ratio >= 0.5, p99 < 50 ms)"
printf '%-44s %8s %9s %8s %8s %7s %5s\n' "what" "count" "per s" "p50 ms" "p99 ms" "ratio" "fail"
printf '%-44s %8s %9s %8s %8s %7s %5s\n' "SQLite single-row commit, before" "$c_n" "$c_rate" "-" "$c_p99" "-" "0"
printf '%-44s %8s %9s %8s %8s %7s %5s\n' "POST /api/v1/loans/{id}/repayments" "$w_n" "$w_rate" "$w_p50" "$w_p99" \
  "$(awk -v a="$w_rate" -v b="$w_base" 'BEGIN {printf "%.2f", a / b}')" "$w_bad"
printf '%-44s %8s %9s %8s %8s %7s %5s\n' "SQLite single-row commit, between" "$c2_n" "$c2_rate" "-" "$c2_p99" "-" "0"
printf '%-44s %8s %9s %8s %8s %7s %5s\n' "POST /api/v1/relief-applications/{id}/disburse" "$r_n" "$r_rate" "$r_p50" "$r_p99" \
  "$(awk -v a="$r_rate" -v b="$r_base" 'BEGIN {printf "%.2f", a / b}')" "$r_bad"
printf '%-44s %8s %9s %8s %8s %7s %5s\n' "SQLite single-row commit, after" "$c3_n" "$c3_rate" "-" "$c3_p99" "-" "0"
echo "(ratio: the API's rate over the mean of SQLite's rate just before and just after it)"
echo "(every 201 answer is a row in the database, amounts equal to the fen: $w_new repayments, $r_new relief payments; bangfu check passes)"
if [ -n "${BENCH_SUMMARY:-}" ]; then
  printf 'writes: repayments, %s clients\t%s x SQLite, p99 %s ms\t>= 0.5 x, p99 < 50 ms\n' "$CLIENTS" \
    "$(awk -v a="$w_rate" -v b="$w_base" 'BEGIN {printf "%.2f", a / b}')" "$w_p99" >>"$BENCH_SUMMARY"
  printf 'writes: relief payments, %s clients\t%s x SQLite, p99 %s ms\t>= 0.5 x, p99 < 50 ms\n' "$CLIENTS" \
    "$(awk -v a="$r_rate" -v b="$r_base" 'BEGIN {printf "%.2f", a / b}')" "$r_p99" >>"$BENCH_SUMMARY"
fi
