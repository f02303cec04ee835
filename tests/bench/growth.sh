#!/usr/bin/env bash
# Part of `make bench` (issue 22, goal 1): every staff page, API list and report at two sizes of
# database, ten times apart, with the growth ratio (large / small median; the target is <= 1.5),
# for the district auditor (shenji) and a township user (xj_xiehui, 西集镇). (64 connections against
# the large one, goal 3, are tests/bench/load.sh's.) The two
# databases are the demo plus `bangfu gen` (households, loans, relief payments in proportion), made
# once and kept: SMALL_HH (default 20,000 households, 2,000 loans, 10,000 relief payments) and ten
# times that, kept in DBDIR (default build/bench-db, so a rerun starts at once; a database made before a
# migration is brought up to date when served). Release build; DUR seconds of `wrk -c1` per figure
# (default 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-build/rel/bangfu}
DUR=${DUR:-3}
SMALL_HH=${SMALL_HH:-20000}
THREADS=${THREADS:-2}
DBDIR=${DBDIR:-build/bench-db}
mkdir -p "$DBDIR"

# Makes DBDIR/bench-NAME-HH.db with hh households (less the demo's 600), hh/10 loans, hh/2 relief payments.
make_db() {
  local db=$DBDIR/bench-$1-$2.db hh=$2
  [ -f "$db" ] && return
  echo "creating $db: $hh households, $((hh / 10)) loans, $((hh / 2)) relief payments (once)"
  rm -f "$db.tmp"*
  $BIN demo --db "$db.tmp" >/dev/null
  $BIN gen --db "$db.tmp" --households $((hh - 600))
  $BIN gen --db "$db.tmp" --loans $((hh / 10))
  $BIN gen --db "$db.tmp" --relief $((hh / 2))
  mv "$db.tmp" "$db"
}
make_db small "$SMALL_HH"
make_db large $((SMALL_HH * 10))
dbfile() { if [ "$1" = small ]; then echo "$DBDIR/bench-small-$SMALL_HH.db"; else echo "$DBDIR/bench-large-$((SMALL_HH * 10)).db"; fi; }

ENDPOINTS=(
  "/home|GET /home (dashboard)"
  "/loans|GET /loans (applications page)"
  "/api/v1/loan-applications?limit=20|GET /api/v1/loan-applications"
  "/api/v1/loans?limit=50|GET /api/v1/loans (loan book, keyset)"
  "/due|GET /due (7 days, keyset page)"
  "/api/v1/reports/due?days=7&limit=50|GET /api/v1/reports/due (keyset)"
  "/overdue|GET /overdue"
  "/claims|GET /claims (keyset page)"
  "/api/v1/claims?limit=50|GET /api/v1/claims (keyset)"
  "/relief|GET /relief (applications page)"
  "/reports/relief?group=village|GET /reports/relief?group=village"
  "/api/v1/reports/relief?group=village|GET /api/v1/reports/relief"
  "/reports/portfolio|GET /reports/portfolio"
  "/api/v1/reports/portfolio|GET /api/v1/reports/portfolio"
)
declare -A MED

# Median latency (ms) of one URL with one connection.
median() {
  wrk -t1 -c1 -d"${DUR}s" --latency -H "Authorization: Bearer $2" -H "Cookie: $3" "$1" | awk '
    / 50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; m=v}
    /Non-2xx/ {bad=1} END {printf "%s%s\n", m, bad ? "!" : ""}'
}
login_token() { curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"demo1234\"}" \
  "$1/api/v1/login" | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/'; }
login_cookie() { curl -s -D - -o /dev/null -X POST --data "username=$2&password=demo1234" "$1/login" |
  sed -n 's/^Set-Cookie: \(bangfu_session=[0-9a-f]*\).*/\1/p'; }

PORT=18761
for size in small large; do
  $BIN serve --db "$(dbfile $size)" --listen 127.0.0.1:$PORT --threads "$THREADS" >/dev/null 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  BASE=http://127.0.0.1:$PORT
  for _ in $(seq 100); do curl -sf $BASE/healthz >/dev/null && break; sleep 0.3; done
  # the month closer's start-up pass (once per database: the months stay closed)
  for _ in $(seq 300); do [ "$(sqlite3 "$(dbfile $size)" 'SELECT count(*) FROM closed_months')" -ge 12 ] && break; sleep 1; done
  for who in shenji xj_xiehui; do
    tok=$(login_token $BASE $who)
    ck=$(login_cookie $BASE $who)
    for e in "${ENDPOINTS[@]}"; do
      curl -s -o /dev/null -H "Cookie: $ck" -H "Authorization: Bearer $tok" "$BASE${e%%|*}" # warm the cache
      MED[$size|$who|${e%%|*}]=$(median "$BASE${e%%|*}" "$tok" "$ck")
    done
  done
  kill $SERVER 2>/dev/null || true
  wait $SERVER 2>/dev/null || true
done

hh() { sqlite3 "$(dbfile $1)" 'SELECT count(*) FROM households'; }
echo "== growth: median ms with one connection, small ($(hh small) households) vs large ($(hh large)); target ratio <= 1.5"
printf '%-46s %-10s %9s %9s %7s\n' "endpoint" "who" "small ms" "large ms" "ratio"
for e in "${ENDPOINTS[@]}"; do
  for who in shenji xj_xiehui; do
    a=${MED[small|$who|${e%%|*}]} b=${MED[large|$who|${e%%|*}]}
    printf '%-46s %-10s %9s %9s %7s\n' "${e#*|}" "$who" "$a" "$b" \
      "$(awk -v a="${a%!}" -v b="${b%!}" 'BEGIN {if (a > 0) printf "%.2f", b / a; else print "-"}')"
  done
done
echo "(a figure marked ! had answers other than 2xx)"
