/*
 * db_checkpoint.h: WAL checkpoints of the server in a thread of their own. SQLite's automatic
 * checkpoint runs inside the commit that pushed the write-ahead log past 1,000 pages, so one
 * booking in every few dozen also copied the log into the database and synced it, holding the
 * process's writer (db.c) while the other writers queued: the tail of the write latency. The
 * server's connections hand that work to the checkpointer instead: a commit that leaves the log
 * past the threshold only wakes it, and it checkpoints (PASSIVE: never waits for a reader) on its
 * own connection while the next bookings commit; then it copies the few pages they added
 * meanwhile holding the writer, so the log is copied whole and starts again from its beginning
 * (db_checkpoint_serialised in db.h).
 */
#ifndef BANGFU_DB_CHECKPOINT_H
#define BANGFU_DB_CHECKPOINT_H

#include "db.h"

/* Pages in the log after which a commit wakes the checkpointer (SQLite's own default). */
#define DB_CHECKPOINT_PAGES 1000

/* Starts the checkpointer on a connection of its own to the database at db_path, waking at
   `pages` pages of log (DB_CHECKPOINT_PAGES when 0). 0, or -1 (logged). */
int db_checkpointer_start(const char *db_path, int pages);
/* Stops it after a last checkpoint of what was asked for; returns how many checkpoints it ran.
   0 when none runs. */
int db_checkpointer_stop(void);
/* Hands the connection's checkpoints to the running checkpointer (turns SQLite's automatic
   checkpoint off for it). Does nothing when no checkpointer runs, so the log never grows
   unchecked. Returns 1 when handed over, else 0. */
int db_checkpoint_hand_off(struct db *db);

#endif
