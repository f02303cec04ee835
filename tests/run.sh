#!/usr/bin/env bash
# The test runner behind `make test`: unit tests (cmocka, sanitizer build), HTTP tests against
# the real `bangfu serve`, browser tests (Chromium via playwright-core) and short fuzz runs.
# Ends with one line "N passed, N failed" and exits non-zero on any failure.
# BANGFU_TEST_PARTS picks the parts (default "unit http browser fuzz"); BANGFU_TEST_TODAY is the date
# every command of the HTTP and browser suites believes it is (default 2026-11-23).
set -u
parts=" ${BANGFU_TEST_PARTS:-unit http browser fuzz} "
want() { [[ "$parts" == *" $1 "* ]]; }
cd "$(dirname "$0")/.."
export BANGFU_BIN="$PWD/build/asan/bangfu"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1"
passed=0
failed=0
log=$(mktemp -d)
# The test databases live in memory when the machine has /dev/shm: the product commits with
# synchronous=FULL, and on a disk the fsyncs of ~80 demo databases cost minutes that test nothing.
# The suites keep their own folder there (and the demo templates of tests/http/lib.mjs), removed at the end.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  export TMPDIR=$(mktemp -d /dev/shm/bangfu-tests.XXXXXX)
else
  export TMPDIR=$(mktemp -d)
fi

# Adds the counts of one cmocka binary's output.
count_cmocka() {
  local out=$1 p f
  p=$(grep -Eo '\[  PASSED  \] [0-9]+' "$out" | grep -Eo '[0-9]+$' | tail -1)
  f=$(grep -Eo '\[  FAILED  \] [0-9]+' "$out" | grep -Eo '[0-9]+$' | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

if want unit; then
  echo "== layering of src/ (tests/layering.sh)"
  bash tests/layering_test.sh >"$log/layering.out" 2>&1
  grep -E '^(ok|FAIL) ' "$log/layering.out"
  grep -q '^FAIL' "$log/layering.out" && cat "$log/layering.out"
  passed=$((passed + $(grep -c '^ok ' "$log/layering.out")))
  failed=$((failed + $(grep -c '^FAIL ' "$log/layering.out")))
  for check in tx_pairing migrations; do
    bash tests/$check.sh >"$log/$check.out" 2>&1
    cat "$log/$check.out"
    passed=$((passed + $(grep -c '^ok ' "$log/$check.out")))
    failed=$((failed + $(grep -c '^FAIL ' "$log/$check.out")))
  done
fi
want unit && echo "== unit tests"
want unit && for t in build/asan/unit/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if "$t" >"$log/$name.out" 2>&1; then
    echo "ok   $name"
  else
    echo "FAIL $name"; cat "$log/$name.out"
    grep -q '\[  FAILED  \]' "$log/$name.out" || failed=$((failed + 1))
  fi
  count_cmocka "$log/$name.out"
done

# Runs node's test runner over a folder and adds its counts.
run_node() {
  local dir=$1 files
  files=$(ls "$dir"/*.test.mjs 2>/dev/null) || return 0
  echo "== $dir"
  # Three files at a time on two cores: a file spends much of its time waiting on its server or Chromium.
  local started=$SECONDS
  node --test --test-concurrency=3 --test-reporter=tap $files >"$log/node.out" 2>&1
  local rc=$?
  grep -E '^(not ok|ok) ' "$log/node.out" | sed 's/^/  /'
  if [ $rc -ne 0 ]; then grep -B2 -A30 '^not ok' "$log/node.out" | head -150; fi
  local p f
  p=$(grep -Eo '^# pass [0-9]+' "$log/node.out" | grep -Eo '[0-9]+$')
  f=$(grep -Eo '^# fail [0-9]+' "$log/node.out" | grep -Eo '[0-9]+$')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ $rc -ne 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); fi
  echo "   ($dir: $((SECONDS - started)) s)"
}
echo "== today is ${BANGFU_TEST_TODAY:-2026-11-23} for the HTTP and browser suites"
want http && run_node tests/http
want browser && run_node tests/browser

if want fuzz; then
  echo "== short fuzz runs"
  if bash tests/fuzz/run.sh 5 >"$log/fuzz.out" 2>&1; then
    n=$(grep -c '^fuzz ok' "$log/fuzz.out"); passed=$((passed + n)); grep '^fuzz' "$log/fuzz.out"
  else
    cat "$log/fuzz.out" | tail -40; failed=$((failed + 1))
  fi
fi

rm -rf "$log" "$TMPDIR"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
