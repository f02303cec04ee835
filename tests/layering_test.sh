#!/usr/bin/env bash
# Tests of tests/layering.sh: the real tree passes, and each kind of breach in a small made-up
# tree fails with a message naming the file. Prints "ok"/"FAIL" lines and "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Expects `layering.sh DIR` to exit with want (0 or 1) and, when given, to print pattern.
expect() {
  local what=$1 dir=$2 want=$3 pattern=${4:-} out rc
  out=$(bash tests/layering.sh "$dir" 2>&1); rc=$?
  if [ "$rc" = "$want" ] && { [ -z "$pattern" ] || grep -q -- "$pattern" <<<"$out"; }; then
    echo "ok   layering: $what"; passed=$((passed + 1))
  else
    echo "FAIL layering: $what (exit $rc)"; echo "$out"; failed=$((failed + 1))
  fi
}

# A tree with one file per folder and the given extra line in one file.
tree() {
  local dir=$tmp/$1; shift
  mkdir -p "$dir"/{core,registry,loans,relief,notices,pdf,web,cli}
  for f in core/money registry/household loans/loan relief/relief notices/notice pdf/pdf web/html cli/demo; do
    printf '#include "%s.h"\n' "$(basename $f)" >"$dir/$f.c"; : >"$dir/$f.h"
  done
  while [ $# -gt 0 ]; do printf '%s\n' "$2" >>"$dir/$1"; shift 2; done
  echo "$dir"
}

expect "the real src/ keeps its layers" src 0
expect "a clean made-up tree passes" "$(tree clean loans/loan.c '#include "household.h"' web/html.c '#include "pdf.h"')" 0
expect "core may not include a domain" "$(tree core core/money.c '#include "household.h"')" 1 'core/money.c 包含 registry/household.h'
expect "a domain may not include web/" "$(tree web relief/relief.c '#include "html.h"')" 1 'relief/relief.c 包含 web/html.h'
expect "a domain may not include pdf/" "$(tree pdf loans/loan.c '#include "pdf.h"')" 1 'loans/loan.c 包含 pdf/pdf.h'
expect "pdf/ may not include web/" "$(tree pdfweb pdf/pdf.c '#include "html.h"')" 1 'pdf/pdf.c 包含 web/html.h'
expect "two domains may not include each other" \
  "$(tree cycle notices/notice.c '#include "relief.h"' relief/relief.c '#include "notice.h"')" 1 '循环包含'
expect "a longer cycle through three domains" \
  "$(tree cycle3 loans/loan.c '#include "relief.h"' relief/relief.c '#include "notice.h"' notices/notice.c '#include "loan.h"')" 1 '循环包含'
expect "two files of one folder may not include each other" \
  "$(tree files loans/guarantee.h '' loans/loan.c '#include "guarantee.h"' loans/guarantee.c '#include "loan.h"')" 1 \
  '文件之间循环包含：loans/guarantee.c 包含 loan.h，而 loans/loan.c 包含 guarantee.h'
expect "a header including the other file's header counts" \
  "$(tree fileh web/server.h '#include "html.h"' web/html.c '#include "server.h"')" 1 '文件之间循环包含'
expect "one file including another of its folder is fine" "$(tree onefile loans/guarantee.h '' loans/loan.c '#include "guarantee.h"')" 0

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
