/*
 * db.h: one SQLite connection per server thread (or per command), its pragmas, the embedded
 * migrations, a statement cache keyed by the SQL literal's address, transactions and small
 * binding helpers. Every SQL statement in Bangfu is a literal with placeholders passed to
 * db_prep; none is built with printf.
 */
#ifndef BANGFU_DB_H
#define BANGFU_DB_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "wal_vfs.h"

#define DB_CACHE_SLOTS 1024

/* A prepared statement of the connection, cached under its SQL literal's address. */
struct db_cached {
    const char *sql;
    sqlite3_stmt *st;
};

/* A connection's transactions not yet confirmed on disk (group commit, db_defer_syncs). */
struct db_unconfirmed {
    struct wal_vfs_mark mark; /* the log's end after the last of them, or empty */
    int wrote;                /* one of them committed (the others rolled back: a refusal) */
    int failed;               /* SQLite's code when a sync or log write for one of them failed already */
};

struct db {
    sqlite3 *h;
    struct db_cached *cache; /* DB_CACHE_SLOTS statements of h */
    int writing;   /* holds the process's writer (between db_begin and its commit or rollback) */
    int borrowing; /* while writing: h and cache are the shared writing connection's (db_writer_share) */
    int defer_sync;                /* db_defer_syncs: a commit's sync is left to db_commit_pending's taker */
    struct db_unconfirmed pending; /* with defer_sync: what is not yet confirmed on disk */
};

/* Opens (and with `create`, creates) the database at path, sets WAL, foreign keys and a busy
   timeout, and registers the SQL function in_scope(path, scope): 1 when a unit path lies at or
   below the user's scope path, 0 when not, NULL when scope is NULL or empty. Every scope check
   in SQL uses it; and person_matches(q, name, id_number, phone) for the staff search (q part of
   the name, or FIND_DIGITS_MIN+ digits starting or ending the resident ID or part of the phone).
   Returns NULL and fills e on failure. Free with db_close. */
#define FIND_DIGITS_MIN 4 /* the fewest digits person_matches compares with IDs and phones */
#define FIND_LIMIT 20     /* the most records of one kind the staff search lists */
struct db *db_open(const char *path, int create, struct err *e);
/* 1 when a unit path lies at or below the scope path (both '/1/2/7/' shaped, so a prefix is an
   ancestor), 0 when not or when scope is NULL or empty. The one scope rule: SQL's in_scope() calls
   it, and C code holding a path already read uses it instead of comparing strings itself. */
int path_in_scope(const char *path, const char *scope);
/* The same rule as a range, for an index on the path: writes to out the least string above every
   path at or below scope, so that path_in_scope(p, scope) exactly when scope <= p < out (byte order,
   SQLite's BINARY collation). 0, or -1 when scope is NULL or empty or out too small (no range: no
   rows). SQL scope_end(scope) gives it, for `v.path >= ?1 AND v.path < scope_end(?1)`. */
int path_scope_end(const char *scope, char *out, size_t size);
void db_close(struct db *db);

/* Applies the embedded schema/NNN_*.sql migrations newer than PRAGMA user_version, all of them
   and the new version in one transaction, so a failure leaves the database as it was. Refuses
   (-1, e filled) a database newer than this program. *applied gets the number of migrations
   applied (may be NULL). */
int db_migrate(struct db *db, int *applied, struct err *e);
/* The schema version this binary knows (the highest migration number). */
int db_schema_version(void);

/* Returns the cached prepared statement for the SQL literal, reset and unbound; NULL on a
   preparation error (logged). The statement belongs to the cache: call db_done after use. */
sqlite3_stmt *db_prep(struct db *db, const char *sql);
/* Resets a statement from db_prep so it holds no read transaction. */
void db_done(sqlite3_stmt *st);
/* Ends a loop of sqlite3_step over a statement from db_prep: resets it and returns n, or -1 (logged,
   and e, when not NULL, filled with the 500 database error) when the last step failed, so a read cut
   short by an error is never taken for the whole list. */
int64_t db_end(sqlite3_stmt *st, int64_t n, struct err *e);

/* Binds parameters 1..n by a format: 'i' int64_t, 'I' int64_t with 0 bound as NULL, 'd' int, 't' text (NULL binds NULL),
   'n' NULL. Returns SQLITE_OK or the first error. */
int db_bind(sqlite3_stmt *st, const char *fmt, ...);
/* Prepares, binds and steps a statement that returns no rows. Returns SQLITE_DONE on success. */
int db_run(struct db *db, const char *sql, const char *fmt, ...);
/* Runs a query whose first column of the first row is an integer; returns it, or dflt when
   there is no row. */
int64_t db_int(struct db *db, int64_t dflt, const char *sql, const char *fmt, ...);
/* An integer parameter from the parameters table (admin-set rules: time limits, leverage, ...),
   or dflt when absent or not a number. */
int64_t db_param_int(struct db *db, const char *key, int64_t dflt);
/* A parameter's text into out (size n); "" when absent. Returns out. */
char *db_param_text(struct db *db, const char *key, char *out, size_t n);
/* Column text as a C string ("" for NULL). */
const char *db_text(sqlite3_stmt *st, int col);
/* Copies column col of the row as text into out (n bytes). 0; or -1 when it does not fit: the
   sizing bug is logged and the text cut between two characters, never inside one. Buffers are
   sized from the character limits text was checked against (text.h), so valid data always fits. */
int db_copy(char *out, size_t n, sqlite3_stmt *st, int col);

/* Write transactions are serialised in the process: db_begin waits its turn at the process-wide
   writer (first come, first served), then BEGIN IMMEDIATE (the write lock is taken now, so no
   later SQLITE_BUSY upgrade fails); db_commit and db_rollback end the transaction and release
   the writer. Every db_begin that returned SQLITE_OK must be followed by db_commit or
   db_rollback on every path (the server also rolls back after each request and logs a handler
   that left one open). */
int db_begin(struct db *db);
/* Makes db (NULL: none) the process's one writing connection: from now on every db_begin on
   another connection runs its transaction on db's handle and statements, and gives them back at
   its commit or rollback. A page cache is emptied whenever another connection has committed, so
   with one connection per server thread every booking read its pages again from the file; the
   one writing connection keeps them. The server shares one before it answers and NULL after its
   threads (and the month closer) have ended. 0, or -1 when the calling thread holds the writer. */
int db_writer_share(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
/* Group commit without a waiting thread (the server's connections): from now on db_commit on db
   returns once its commit is published in the log (SQLITE_OK even when its log could not be
   written or synced: the failure is kept), and db_rollback of a transaction on the shared
   connection returns at once too; the wait for the log's sync is left to the caller, who takes
   what is unconfirmed with db_commit_pending and must confirm it with db_commit_confirm before it
   answers anyone (a refusal included: it may rest on commits not yet synced). */
void db_defer_syncs(struct db *db);
/* Moves what the connection has not confirmed yet into *out: 1, or 0 when nothing awaits. */
int db_commit_pending(struct db *db, struct db_unconfirmed *out);
/* Waits until the log's sync covers it (wal_vfs_commit_sync). SQLITE_OK; an error when a sync or a
   log write failed (a commit among it is in the database but not confirmed; every later db_begin
   is refused). */
int db_commit_confirm(struct db_unconfirmed *u);
/* A PASSIVE WAL checkpoint holding the process's writer, outside any transaction: no commit comes
   between its copy and its end, so the whole log is copied and the next writer starts the log
   again from its beginning (a checkpoint beside the writers never catches up with them, and the
   log would grow for ever). The server's checkpointer (db_checkpoint.c) runs it after a first
   pass without the writer has copied the bulk. SQLite's result code; the log's and the copied
   pages in *log_pages and *copied. */
int db_checkpoint_serialised(struct db *db, int *log_pages, int *copied);
/* 1 while the connection holds the writer (a write transaction is open). */
int db_writing(const struct db *db);
/* Executes SQL text without parameters (pragmas, migrations). Returns SQLITE_OK or error. */
int db_exec(struct db *db, const char *sql);
/* Last error message of the connection. */
const char *db_errmsg(struct db *db);
/* Fills e as a 500 database error, logs the SQLite message, returns -1. */
int db_fail(struct db *db, struct err *e);

#endif
