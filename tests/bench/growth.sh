#!/usr/bin/env bash
# Part of `make bench` (issue 22, goal 1): every staff page, API list and report at two sizes of
# database, ten times apart, with the growth ratio (large / small; the target is <= 1.5), for the
# district auditor (shenji) and a township user (xj_xiehui, 西集镇). Two figures each: the median
# wall time of `wrk -c1` for DUR seconds (default 3), and the server's CPU time per request
# (utime + stime of the server process, which a shared machine disturbs less than the wall time)
# over about CPU_MS milliseconds of requests (default 2000: 5 to 200 requests, by the median). (64 connections against the large one, goal 3, are load.sh's.)
# The two databases are the demo plus `bangfu gen` (households, loans, relief payments in
# proportion), made once and kept in DBDIR (default build/bench-db): SMALL_HH (default 100,000
# households, 10,000 loans, 50,000 relief payments) and ten times that (1,000,000 households,
# 100,000 loans, 500,000 relief payments: its households are copied from rolls.sh's cache, see
# households_db.sh). A database made before a migration is brought up to date when served.
# Release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-build/rel/bangfu}
DUR=${DUR:-3}
CPU_MS=${CPU_MS:-2000}
SMALL_HH=${SMALL_HH:-100000}
THREADS=${THREADS:-2}
DBDIR=${DBDIR:-build/bench-db}
mkdir -p "$DBDIR"
. tests/bench/households_db.sh

# Makes DBDIR/bench-NAME-HH.db with hh households, hh/10 loans, hh/2 relief payments.
make_db() {
  local db=$DBDIR/bench-$1-$2.db hh=$2
  [ -f "$db" ] && return
  echo "creating $db: $hh households, $((hh / 10)) loans, $((hh / 2)) relief payments (once)"
  rm -f "$db.tmp"*
  households_db "$hh" "$db.tmp"
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
declare -A MED CPU

# Median latency (ms) of one URL with one connection.
median() {
  wrk -t1 -c1 -d"${DUR}s" --latency -H "Authorization: Bearer $2" -H "Cookie: $3" "$1" | awk -v dur="$DUR" '
    / 50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; m=v}
    /Non-2xx/ {bad=1} END {if (m + 0 == 0) m = ">" dur * 1000; printf "%s%s\n", m, bad ? "!" : ""}'
}
# The server's (pid $4) CPU time in ms per request over n requests of one URL on one connection, n
# such that they take about CPU_MS by the median $5 (the clock ticks are 10 ms: 200 requests of a
# fast page still measure it to 0.05 ms).
cpu_ms() {
  local urls=() a b i n
  n=$(awk -v m="${5%!}" -v t="$CPU_MS" 'BEGIN {n = m ~ /^>/ ? 5 : m > 0 ? int(t / m) : 200; print (n < 5 ? 5 : (n > 200 ? 200 : n))}')
  for i in $(seq "$n"); do urls+=("$1"); done
  a=$(awk '{print $14 + $15}' /proc/$4/stat)
  curl -s -o /dev/null -H "Authorization: Bearer $2" -H "Cookie: $3" "${urls[@]}" >/dev/null
  b=$(awk '{print $14 + $15}' /proc/$4/stat)
  awk -v a="$a" -v b="$b" -v n="$n" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (b - a) * 1000 / t / n}'
}
login_token() { curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"demo1234\"}" \
  "$1/api/v1/login" | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/'; }
login_cookie() { curl -s -D - -o /dev/null -X POST --data "username=$2&password=demo1234" "$1/login" |
  sed -n 's/^Set-Cookie: \(bangfu_session=[0-9a-f]*\).*/\1/p'; }

PORT=18761
for size in small large; do
  $BIN serve --db "$(dbfile $size)" --listen 127.0.0.1:$PORT --threads "$THREADS" >/dev/null 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
  BASE=http://127.0.0.1:$PORT
  # (the first start after an upgrade migrates the database first: minutes at 1,000,000 households)
  for _ in $(seq 3000); do curl -sf $BASE/healthz >/dev/null && break; sleep 0.3; done
  # the month closer's start-up pass (once per database: the months stay closed)
  for _ in $(seq 300); do [ "$(sqlite3 "$(dbfile $size)" 'SELECT count(*) FROM closed_months')" -ge 12 ] && break; sleep 1; done
  for who in shenji xj_xiehui; do
    tok=$(login_token $BASE $who)
    ck=$(login_cookie $BASE $who)
    for e in "${ENDPOINTS[@]}"; do
      curl -s -o /dev/null -H "Cookie: $ck" -H "Authorization: Bearer $tok" "$BASE${e%%|*}" # warm the cache
      MED[$size|$who|${e%%|*}]=$(median "$BASE${e%%|*}" "$tok" "$ck")
      CPU[$size|$who|${e%%|*}]=$(cpu_ms "$BASE${e%%|*}" "$tok" "$ck" "$SERVER" "${MED[$size|$who|${e%%|*}]}")
    done
  done
  kill $SERVER 2>/dev/null || true
  wait $SERVER 2>/dev/null || true
done

hh() { sqlite3 "$(dbfile $1)" 'SELECT count(*) FROM households'; }
ratio() { awk -v a="${1%!}" -v b="${2%!}" 'BEGIN {if (a > 0 && a !~ /^>/ && b !~ /^>/) printf "%.2f", b / a; else print "-"}'; }
echo "== growth: small ($(hh small) households) vs large ($(hh large)), one connection; target ratio <= 1.5"
printf '%-46s %-10s %9s %9s %6s %9s %9s %6s\n' "endpoint" "who" "small ms" "large ms" "ratio" "small cpu" "large cpu" "ratio"
for e in "${ENDPOINTS[@]}"; do
  for who in shenji xj_xiehui; do
    k=${e%%|*} a=${MED[small|$who|${e%%|*}]} b=${MED[large|$who|${e%%|*}]}
    ca=${CPU[small|$who|$k]} cb=${CPU[large|$who|$k]}
    printf '%-46s %-10s %9s %9s %6s %9s %9s %6s\n' "${e#*|}" "$who" "$a" "$b" "$(ratio "$a" "$b")" "$ca" "$cb" "$(ratio "$ca" "$cb")"
    if [ -n "${BENCH_SUMMARY:-}" ]; then
      printf 'growth %s, %s\t%s -> %s ms (%sx), cpu %s -> %s ms (%sx)\t<= 1.5x\n' "${e#*|}" "$who" "$a" "$b" \
        "$(ratio "$a" "$b")" "$ca" "$cb" "$(ratio "$ca" "$cb")" >>"$BENCH_SUMMARY"
    fi
  done
done
echo "(ms: median wall time of wrk -c1; cpu: the server's CPU ms per request; a figure marked ! had answers other than 2xx)"
