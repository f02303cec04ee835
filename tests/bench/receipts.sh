#!/usr/bin/env bash
# Relief receipt figures for docs/performance.md (issue 5): one receipt against libharu alone with
# the same font, 1,000 receipts in one document, the sign-for list. Uses the release library.
# Exits non-zero when a target is missed or the 1,000-receipt PDF does not have 1,000 pages.
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build/rel/libbangfu.a
mkdir -p build/bench
INCLUDES=$(for d in src/*/; do [ "$d" = src/tools/ ] || printf -- '-I%s ' "${d%/}"; done)
gcc -O2 -std=c11 -D_GNU_SOURCE $INCLUDES -o build/bench/receipt tests/bench/receipt_bench.c \
  build/rel/libbangfu.a -lhpdf -lharfbuzz-subset -lharfbuzz -lsqlite3 -ljansson -lm -lpthread

echo "== relief receipts (领款凭证): one, and a batch of 1,000 in one PDF"
build/bench/receipt build/bench/receipts-1000.pdf
pages=$(pdfinfo build/bench/receipts-1000.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "pages in the 1,000-receipt PDF: $pages"
[ "$pages" = 1000 ]
