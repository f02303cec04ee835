#!/usr/bin/env bash
# Part of `make bench` (issue 22, goal 1): every staff page, API list and report at two sizes of
# database, ten times apart, with the growth ratio (large / small; the target is <= 1.5), for the
# district auditor (shenji) and a township user (xj_xiehui, 西集镇). Both databases are served at
# once, one server each, and measured in turns, so a burst of load on this shared machine falls on
# both alike. ROUNDS (default 3) rounds of `wrk -c1` for ROUND_S seconds (default 1) each, the
# small and the large database in turn; two figures each, the least of the rounds' (whatever else
# runs on this shared machine only ever adds to a round):
# - wall: the median latency;
# - CPU: the server's CPU time per request (summed over its threads in nanoseconds, schedstat),
#   which a shared machine disturbs less than the wall time.
# (64 connections against the large one, goal 3, are load.sh's.)
# The two databases are the demo plus `bangfu gen` (households, loans, relief payments in
# proportion), made once and kept in DBDIR (default build/bench-db): SMALL_HH (default 100,000
# households, 10,000 loans, 50,000 relief payments) and ten times that (1,000,000 households,
# 100,000 loans, 500,000 relief payments: its households are copied from rolls.sh's cache, see
# households_db.sh). A database made before a migration is brought up to date when served.
# Release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-build/rel/bangfu}
ROUNDS=${ROUNDS:-3}
ROUND_S=${ROUND_S:-1}
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

# The server's (pid $1) CPU time so far in nanoseconds, summed over its threads.
cpu_ns() { cat /proc/$1/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%.0f", s}'; }
# One round of one URL on one connection for ROUND_S seconds (`wrk -c1`, one request at a time):
# prints the median latency in ms and the server's (pid $4) CPU ms per request over the round.
measure() {
  local a b out
  a=$(cpu_ns "$4")
  out=$(wrk -t1 -c1 -d"${ROUND_S}s" --latency -H "Authorization: Bearer $2" -H "Cookie: $3" "$1")
  b=$(cpu_ns "$4")
  echo "$out" | awk -v dur="$ROUND_S" -v a="$a" -v b="$b" '
    / 50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; m=v}
    / requests in / {n = $1}
    /Non-2xx/ {bad=1}
    END {if (m + 0 == 0) m = ">" dur * 1000; printf "%s%s %.3f\n", m, bad ? "!" : "", (n > 0 ? (b - a) / 1e6 / n : 0)}'
}
# The least of the figures given (a figure marked ! or > keeps its mark): what the request costs,
# since whatever else runs on the machine only ever adds to a round.
least() {
  printf '%s\n' "$@" | awk '{v = $0; gsub(/[>!]/, "", v); print ($0 ~ /^>/), v, $0}' | sort -k1,1n -k2,2g | head -1 | cut -d' ' -f3
}
login_token() { curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"demo1234\"}" \
  "$1/api/v1/login" | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/'; }
login_cookie() { curl -s -D - -o /dev/null -X POST --data "username=$2&password=demo1234" "$1/login" |
  sed -n 's/^Set-Cookie: \(bangfu_session=[0-9a-f]*\).*/\1/p'; }

declare -A SERVER BASE TOK CK
port=18761
for size in small large; do
  $BIN serve --db "$(dbfile $size)" --listen 127.0.0.1:$port --threads "$THREADS" >/dev/null 2>&1 &
  SERVER[$size]=$!
  BASE[$size]=http://127.0.0.1:$port
  port=$((port + 1))
done
trap 'kill ${SERVER[small]} ${SERVER[large]} 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for size in small large; do
  # (the first start after an upgrade migrates the database first: minutes at 1,000,000 households)
  for _ in $(seq 3000); do curl -sf ${BASE[$size]}/healthz >/dev/null && break; sleep 0.3; done
  # the month closer's start-up pass (once per database: the months stay closed)
  for _ in $(seq 300); do [ "$(sqlite3 "$(dbfile $size)" 'SELECT count(*) FROM closed_months')" -ge 12 ] && break; sleep 1; done
  for who in shenji xj_xiehui; do
    TOK[$size|$who]=$(login_token ${BASE[$size]} $who)
    CK[$size|$who]=$(login_cookie ${BASE[$size]} $who)
  done
done
declare -A MED CPU WALL TIME
for e in "${ENDPOINTS[@]}"; do
  k=${e%%|*}
  for who in shenji xj_xiehui; do
    WALL=() TIME=()
    for size in small large; do # warm the caches
      curl -s -o /dev/null -H "Cookie: ${CK[$size|$who]}" -H "Authorization: Bearer ${TOK[$size|$who]}" "${BASE[$size]}$k"
    done
    for r in $(seq "$ROUNDS"); do
      for size in small large; do
        read -r wall cpu < <(measure "${BASE[$size]}$k" "${TOK[$size|$who]}" "${CK[$size|$who]}" "${SERVER[$size]}")
        WALL[$size]+=" $wall" TIME[$size]+=" $cpu"
      done
    done
    for size in small large; do
      # shellcheck disable=SC2086
      MED[$size|$who|$k]=$(least ${WALL[$size]}) CPU[$size|$who|$k]=$(least ${TIME[$size]})
    done
  done
done
kill ${SERVER[small]} ${SERVER[large]} 2>/dev/null || true
wait ${SERVER[small]} ${SERVER[large]} 2>/dev/null || true

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
echo "(ms: the least of $ROUNDS medians of wrk -c1 for ${ROUND_S} s, the two databases in turn; cpu: the server's CPU ms per request; a figure marked ! had answers other than 2xx)"
