#!/usr/bin/env bash
# Builds each libFuzzer target with clang (address + undefined sanitizers) and runs it for the
# given number of seconds (default 60; `make test` runs 5 s each, `make fuzz` 60 s). The targets
# link a clang build of the program's own sources (build/fuzz/libbangfu.a, rebuilt when a
# source or header changes). Seeds live in tests/fuzz/corpus/NAME/; a crash makes the run fail
# and leaves build/fuzz/crash-* to turn into a regression test. FUZZ_ONLY=name runs one target.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-60}
INCLUDES=$(for d in src/*/; do [ "$d" = src/tools/ ] || printf -- '-I%s ' "${d%/}"; done)
FLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=address,undefined $INCLUDES -Ibuild/gen"
LIBS="-lmicrohttpd -lsqlite3 -lcmark -ljansson -lhpdf -lharfbuzz-subset -lharfbuzz -lcrypt -lxlsxwriter -lm -lpthread"
mkdir -p build/fuzz/obj
make -s build/gen/embedded_schema.c build/gen/embedded_assets.c

# The program's sources (not main.c), compiled for linking into fuzzers, two at a time.
newest_header=$(ls -t src/*/*.h | head -1)
stale=()
objs=()
for c in $(ls src/*/*.c | grep -v -e '^src/cli/main.c$' -e '^src/tools/') build/gen/embedded_schema.c build/gen/embedded_assets.c; do
  o="build/fuzz/obj/${c//\//_}.o"
  objs+=("$o")
  if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ "$newest_header" -nt "$o" ]; then stale+=("$c"); fi
done
if [ ${#stale[@]} -gt 0 ]; then
  printf '%s\n' "${stale[@]}" | xargs -P2 -I{} sh -c \
    'o="build/fuzz/obj/$(echo {} | tr / _).o"; clang '"$FLAGS"' -fsanitize=fuzzer-no-link -c -o "$o" {}'
fi
rm -f build/fuzz/libbangfu.a # archived anew: only the objects of the sources there are now
ar rcs build/fuzz/libbangfu.a "${objs[@]}"

# Links one target and runs it for SECONDS_EACH; prints one "fuzz ok"/"fuzz FAIL" line (with the
# log's tail on failure) and returns non-zero on a finding.
fuzz_one() {
  local name=$1 corpus="build/fuzz/corpus-$1"
  clang $FLAGS -fsanitize=fuzzer -Itests/fuzz -o "build/fuzz/$name" "tests/fuzz/$name.c" build/fuzz/libbangfu.a $LIBS
  mkdir -p "$corpus"
  [ -d "tests/fuzz/corpus/$name" ] && cp -n tests/fuzz/corpus/$name/* "$corpus/" 2>/dev/null || true
  if "build/fuzz/$name" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -close_fd_mask=2 -artifact_prefix=build/fuzz/ "$corpus" \
       >"build/fuzz/$name.log" 2>&1; then
    echo "fuzz ok   $name ($(grep -Eo 'stat::number_of_executed_units: [0-9]+' "build/fuzz/$name.log" || grep -Eo '#[0-9]+' "build/fuzz/$name.log" | tail -1) runs)"
  else
    echo "fuzz FAIL $name"; tail -30 "build/fuzz/$name.log"; return 1
  fi
}

# The targets run two at a time (one per core); the run fails if any target fails.
status=0
running=0
for target in tests/fuzz/fuzz_*.c; do
  name=$(basename "$target" .c)
  [ -n "${FUZZ_ONLY:-}" ] && [ "$FUZZ_ONLY" != "$name" ] && continue
  [[ " ${FUZZ_SKIP:-} " == *" $name "* ]] && { echo "fuzz skip $name (FUZZ_SKIP)"; continue; }
  if [ $running -ge 2 ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
  fuzz_one "$name" &
  running=$((running + 1))
done
while [ $running -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
