/*
 * backup.h: online backups of the database with SQLite's backup API, safe while the server
 * writes. A copy is written under a temporary name, made a single self-contained file
 * (rollback journal, not WAL), checked with PRAGMA integrity_check, synced to disk, and only
 * then renamed into place: a backup file that exists is a complete, checked database.
 */
#ifndef BANGFU_BACKUP_H
#define BANGFU_BACKUP_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "err.h"

/* Copies the database at db_path to the file dest (replacing it when it exists, but never the
   database itself) and checks the copy. *size gets its size in bytes (may be NULL). Returns 0,
   or -1 with e filled (nothing is left at dest then). */
int backup_copy(const char *db_path, const char *dest, int64_t *size, struct err *e);

/* The name of a dated backup for time t: "bangfu-YYYYMMDD-HHMMSS.db" (local time) into out of
   size n. Returns out. */
char *backup_name(time_t t, char *out, size_t n);
/* 1 when name is a dated backup's name as backup_name writes it; with day (YYYYMMDD, may be
   NULL) only one of that day. */
int backup_name_matches(const char *name, const char *day);

/* Copies the database into dir under a dated name (backup_name of now). out (size n) gets the
   path written. Returns 0 or -1 with e filled. */
int backup_into_dir(const char *db_path, const char *dir, char *out, size_t n, int64_t *size, struct err *e);

/* `bangfu backup --db FILE --to PATH`: PATH is a file, or an existing directory that gets a
   dated file. Prints the path and size of the checked copy. Returns an exit status: 0, 1 (the
   backup failed), 2 (bad arguments). */
int backup_command(const char *db_path, const char *to);

#endif
