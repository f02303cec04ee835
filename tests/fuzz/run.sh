#!/usr/bin/env bash
# Builds each libFuzzer target with clang (address + undefined sanitizers) and runs it for the
# given number of seconds (default 60; `make test` runs 5 s each, `make fuzz` 60 s). Seeds live
# in tests/fuzz/corpus/NAME/; a crash makes the run fail and leaves crash-* for a regression test.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-60}
mkdir -p build/fuzz
for target in tests/fuzz/fuzz_*.c; do
  name=$(basename "$target" .c)
  srcs="src/csv.c src/text.c src/money.c src/date.c src/idcard.c src/masking.c src/markdown.c src/buf.c reports/pdf.c reports/md_pdf.c"
  clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc -Ireports -o "build/fuzz/$name" "$target" $srcs -lcmark -lhpdf -lm
  corpus="build/fuzz/corpus-$name"
  mkdir -p "$corpus"
  [ -d "tests/fuzz/corpus/$name" ] && cp -n tests/fuzz/corpus/$name/* "$corpus/" 2>/dev/null || true
  if "build/fuzz/$name" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -artifact_prefix=build/fuzz/ "$corpus" \
       >"build/fuzz/$name.log" 2>&1; then
    echo "fuzz ok   $name ($(grep -Eo 'stat::number_of_executed_units: [0-9]+' "build/fuzz/$name.log" || grep -Eo '#[0-9]+' "build/fuzz/$name.log" | tail -1) runs)"
  else
    echo "fuzz FAIL $name"; tail -30 "build/fuzz/$name.log"; exit 1
  fi
done
