# Sourced by the benchmarks (growth.sh, rolls.sh): households_db HH OUT makes OUT, the demo plus
# `bangfu gen` households up to HH households in all (the demo has 600). The 1,000,000-household one
# is generated once into build/bench/cache/households-1m.db (about 8 to 14 minutes) and copied from
# there, since rolls.sh and growth.sh both start from it. BIN is the bangfu binary.
BENCH_CACHE=build/bench/cache

# Generates demo + gen households into $2 (HH = $1 households in all), through a temporary file.
households_generate() {
  rm -f "$2.tmp" "$2.tmp-wal" "$2.tmp-shm"
  $BIN demo --db "$2.tmp" >/dev/null
  $BIN gen --db "$2.tmp" --households $(($1 - 600))
  mv "$2.tmp" "$2"
}

households_db() {
  local hh=$1 out=$2
  if [ "$hh" != 1000000 ]; then
    households_generate "$hh" "$out"
    return
  fi
  mkdir -p "$BENCH_CACHE"
  if [ ! -f "$BENCH_CACHE/households-1m.db" ]; then
    echo "creating $BENCH_CACHE/households-1m.db with 1,000,000 households (once; takes several minutes)"
    households_generate 1000000 "$BENCH_CACHE/households-1m.db"
  fi
  cp "$BENCH_CACHE/households-1m.db" "$out"
}
