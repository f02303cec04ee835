#!/usr/bin/env bash
# tests/tx_pairing.sh: every function in src/ that starts a write transaction (db_begin) also ends
# one (db_commit, db_rollback, audit_commit, or relief_batch.c's batch_finish, which commits or
# rolls back), since db_begin holds the process's writer mutex until then (src/core/db.c). A
# function that begins and leaves the ending to its caller would hold the writer across a return.
# Prints "ok ..." or "FAIL ..." lines (tests/run.sh counts them). The server also rolls back and logs
# any transaction a request left open; this catches the pairing before it runs.
set -uo pipefail
cd "$(dirname "$0")/.."
bad=$(awk '
  /^[a-zA-Z].*\(/ && !/;$/ { name = $0 }
  /^\{/ { body = ""; infn = 1; next }
  infn { body = body "\n" $0 }
  /^\}/ && infn {
    infn = 0
    if (body ~ /db_begin\(/ && body !~ /(db_commit|db_rollback|audit_commit|batch_finish)\(/)
      print FILENAME ": " name
  }' $(git ls-files 'src/*.c' | grep -v '^src/core/db\.c$'))
n=$(git ls-files 'src/*.c' | xargs grep -l 'db_begin(' | wc -l)
if [ -n "$bad" ]; then
  echo "FAIL tx pairing: functions that call db_begin without ending the transaction:"
  echo "$bad"
else
  echo "ok   tx pairing: every function calling db_begin in $n files also commits or rolls back"
fi
