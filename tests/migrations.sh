#!/usr/bin/env bash
# Migration numbers only grow. A database records the highest migration it has run (PRAGMA
# user_version) and db_migrate runs only the higher ones, so a new migration numbered below a
# released one would never reach an existing database. schema/released.txt lists the migrations
# of the last release; every other schema/NNN_*.sql must be numbered above all of them, and none
# of the listed may be missing. Prints "ok …" or "FAIL …" lines.
set -u
cd "$(dirname "$0")/.."
fail=0
top=0
while read -r f; do
  [ -z "$f" ] && continue
  [ -f "schema/$f" ] || { echo "FAIL migrations: released schema/$f is missing (a released migration is never removed or renamed)"; fail=1; }
  n=$((10#${f%%_*}))
  [ $n -gt $top ] && top=$n
done < schema/released.txt
for p in schema/[0-9]*_*.sql; do
  f=${p#schema/}
  grep -qxF "$f" schema/released.txt && continue
  n=$((10#${f%%_*}))
  if [ $n -le $top ]; then
    echo "FAIL migrations: $f is numbered at or below the last release's $top: existing databases would never run it"
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "ok   migrations: every new migration is numbered above the last release's $top"
exit $fail
