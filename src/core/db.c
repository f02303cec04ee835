/*
 * db.c: connection set-up, embedded migrations, the per-connection statement cache and binding
 * helpers (see db.h; transactions and the process's writer are in db_writer.c).
 */
#include "db.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "embedded.h"
#include "log.h"
#include "text.h"
#include "wal_vfs.h"

/* SQL clock_now(): the program's clock as SQLite writes its current time (UTC text). */
static void sql_clock_now(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    char t[CLOCK_SQL_TIME_SIZE];
    sqlite3_result_text(cx, clock_sql_time(clock_now(), t), -1, SQLITE_TRANSIENT);
}

/* SQL clock_today(): today's date (China time, or --today) as YYYY-MM-DD. */
static void sql_clock_today(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    char d[11];
    sqlite3_result_text(cx, date_format(clock_today(), d), -1, SQLITE_TRANSIENT);
}

/* Opens the database with the pragmas every connection needs. */
int path_in_scope(const char *path, const char *scope)
{
    return path && scope && scope[0] && strncmp(path, scope, strlen(scope)) == 0;
}

int path_scope_end(const char *scope, char *out, size_t size)
{
    size_t n = scope ? strlen(scope) : 0;
    while (n > 0 && (unsigned char)scope[n - 1] == 0xff)
        n--; /* a prefix ending in 0xff bytes is bounded by the first byte before them raised */
    if (n == 0 || n >= size)
        return -1;
    memcpy(out, scope, n);
    out[n - 1] = (char)((unsigned char)out[n - 1] + 1);
    out[n] = '\0';
    return 0;
}

/* SQL scope_end(scope): path_scope_end as SQL, NULL for a NULL or empty scope (or one too long), so
   `path >= ?1 AND path < scope_end(?1)` is in_scope(path, ?1) as a range an index on path answers. */
static void db_scope_end(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *scope = (const char *)sqlite3_value_text(argv[0]);
    char end[256];
    if (path_scope_end(scope, end, sizeof end) != 0) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, end, -1, SQLITE_TRANSIENT);
}

/* SQL in_scope(path, scope): path_in_scope as SQL. A NULL or empty scope gives NULL, which
   no WHERE clause takes as true: a query that lost its user's scope shows nothing, never the
   whole district. Registered on every connection by db_open. */
static void db_in_scope(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *path = (const char *)sqlite3_value_text(argv[0]);
    const char *scope = (const char *)sqlite3_value_text(argv[1]);
    if (!scope || !scope[0]) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int(ctx, path_in_scope(path, scope));
}

/* 1 when q (at least FIND_DIGITS_MIN long, digits with perhaps a final X) could be part of a resident ID or a phone. */
static int find_digits(const char *q, size_t n)
{
    if (n < FIND_DIGITS_MIN)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)q[i]) && !(i == n - 1 && (q[i] == 'X' || q[i] == 'x')))
            return 0;
    return 1;
}

/* SQL person_matches(q, name, id_number, phone): 1 when the search text q is part of the name, or
   (when it is FIND_DIGITS_MIN or more digits) the start or the end of the resident ID or part of
   the phone; the staff search box finds households, loans and relief this way. Registered on
   every connection by db_open. */
static void db_person_matches(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *q = (const char *)sqlite3_value_text(argv[0]);
    const char *name = (const char *)sqlite3_value_text(argv[1]);
    const char *id = (const char *)sqlite3_value_text(argv[2]);
    const char *phone = (const char *)sqlite3_value_text(argv[3]);
    size_t n = q ? strlen(q) : 0, idn = id ? strlen(id) : 0;
    int hit = 0;
    if (n == 0) {
        hit = 0;
    } else if (name && strstr(name, q)) {
        hit = 1;
    } else if (find_digits(q, n)) {
        hit = (idn >= n && (strncasecmp(id, q, n) == 0 || strcasecmp(id + idn - n, q) == 0)) ||
              (phone && strstr(phone, q));
    }
    sqlite3_result_int(ctx, hit);
}

static pthread_once_t sqlite_config_once = PTHREAD_ONCE_INIT;

/* Turns SQLite's memory statistics off before SQLite initialises: with them on, every allocation
   takes one process-wide mutex, and under 64 connections the server's threads queued on it (a third
   of the portfolio report's time). When SQLite was initialised before (a program that used it
   first), the setting cannot change and is only noted. */
static void configure_sqlite(void)
{
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        log_note("SQLite 已初始化，内存统计保持开启");
}

struct db *db_open(const char *path, int create, struct err *e)
{
    struct db *db = calloc(1, sizeof *db);
    if (db && !(db->cache = calloc(DB_CACHE_SLOTS, sizeof *db->cache))) {
        free(db);
        db = NULL;
    }
    if (!db) {
        err_set(e, 500, "out_of_memory", NULL, "内存不足");
        return NULL;
    }
    /* the file layer every connection opens through (wal_vfs.h) builds on the clock's (clock.h),
       which answers SQL's 'now' from the program's one clock: so it is registered after it */
    if (pthread_once(&sqlite_config_once, configure_sqlite) != 0 || clock_install_sqlite() != SQLITE_OK ||
        wal_vfs_register() != SQLITE_OK) {
        err_set(e, 500, "db_open_failed", NULL, "无法设置数据库时钟或文件层");
        free(db->cache);
        free(db);
        return NULL;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &db->h, flags, WAL_VFS_NAME) != SQLITE_OK) {
        err_set(e, 500, "db_open_failed", NULL, "无法打开数据库 %s：%s", path,
                db->h ? sqlite3_errmsg(db->h) : "?");
        db_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db->h, 10000);
    if (sqlite3_create_function(db->h, "in_scope", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                db_in_scope, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(db->h, "scope_end", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                db_scope_end, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(db->h, "person_matches", 4,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, db_person_matches, NULL,
                                NULL) != SQLITE_OK) {
        err_set(e, 500, "db_open_failed", NULL, "数据库无法使用 %s：%s", path, sqlite3_errmsg(db->h));
        db_close(db);
        return NULL;
    }
    sqlite3_extended_result_codes(db->h, 1);
    /* synchronous=FULL: a commit is on the disk before the answer goes out, so a power cut loses
       nothing that was confirmed. The page cache (up to 256 MiB a connection, filled only as pages
       are read) keeps the large district-wide lists out of read() calls. No memory-mapped reads:
       SQLite unmaps a connection's whole map whenever another connection has committed, so with
       two server threads every booking unmapped and re-faulted the database (TLB shootdowns on
       both cores: half the server's CPU per booking, docs/performance.md). */
    if (db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
                    "PRAGMA trusted_schema=OFF; PRAGMA cache_size=-262144; PRAGMA mmap_size=0;") != SQLITE_OK) {
        err_set(e, 500, "db_open_failed", NULL, "数据库无法使用 %s：%s", path, sqlite3_errmsg(db->h));
        db_close(db);
        return NULL;
    }
    if (sqlite3_create_function(db->h, "clock_now", 0, SQLITE_UTF8, NULL, sql_clock_now, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(db->h, "clock_today", 0, SQLITE_UTF8, NULL, sql_clock_today, NULL, NULL) !=
            SQLITE_OK) {
        err_set(e, 500, "db_open_failed", NULL, "数据库无法使用 %s：%s", path, sqlite3_errmsg(db->h));
        db_close(db);
        return NULL;
    }
    return db;
}

/* Finalizes cached statements and closes the connection. NULL is fine. */
void db_close(struct db *db)
{
    if (!db)
        return;
    if (db->h)
        db_rollback(db); /* releases the writer if a transaction was left open */
    struct db_unconfirmed left;
    if (db_commit_pending(db, &left)) /* of a connection that defers its syncs */
        db_commit_confirm(&left);
    for (int i = 0; i < DB_CACHE_SLOTS; i++)
        if (db->cache[i].st)
            sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->h);
    free(db->cache);
    free(db);
}

/* The number at the front of a migration file name ("003_loans.sql" → 3). */
static int migration_number(const char *name)
{
    return atoi(name);
}

/* The highest migration number compiled in. */
int db_schema_version(void)
{
    int v = 0;
    for (int i = 0; i < embedded_schema_count; i++)
        if (migration_number(embedded_schema[i].name) > v)
            v = migration_number(embedded_schema[i].name);
    return v;
}

/* Applies every pending migration and the new user_version in one transaction. The version is
   read again inside it, so two programs upgrading at once do not both apply a migration. */
int db_migrate(struct db *db, int *applied, struct err *e)
{
    int known = db_schema_version();
    if (applied)
        *applied = 0;
    int have = (int)db_int(db, 0, "PRAGMA user_version", "");
    if (have < known) {
        if (db_begin(db) != SQLITE_OK)
            return db_fail(db, e);
        have = (int)db_int(db, 0, "PRAGMA user_version", "");
    }
    if (have >= known) {
        db_rollback(db); /* nothing to do (perhaps another program just upgraded it), or too new */
        if (have > known)
            return err_set(e, 500, "db_too_new", NULL, "数据库版本（%d）比本程序（%d）新，请使用新版程序打开", have,
                           known);
        return 0;
    }
    int n = 0;
    for (int i = 0; i < embedded_schema_count; i++) {
        if (migration_number(embedded_schema[i].name) <= have)
            continue;
        if (db_exec(db, embedded_schema[i].data) != SQLITE_OK) {
            err_set(e, 500, "migration_failed", NULL, "数据库升级失败（%s）：%s；数据库保持升级前的样子",
                    embedded_schema[i].name, sqlite3_errmsg(db->h));
            db_rollback(db);
            db_exec(db, "PRAGMA legacy_alter_table=OFF"); /* a rebuild (120) may have failed between its two */
            return -1;
        }
        n++;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", known);
    if (db_exec(db, pragma) != SQLITE_OK || db_commit(db) != SQLITE_OK) {
        db_fail(db, e);
        db_rollback(db);
        return -1;
    }
    if (applied)
        *applied = n;
    return 0;
}

/* Finds or prepares the statement for this SQL literal (cached by address). */
sqlite3_stmt *db_prep(struct db *db, const char *sql)
{
    size_t slot = ((uintptr_t)sql >> 3) % DB_CACHE_SLOTS;
    for (size_t probe = 0; probe < DB_CACHE_SLOTS; probe++, slot = (slot + 1) % DB_CACHE_SLOTS) {
        if (db->cache[slot].sql == sql) {
            sqlite3_reset(db->cache[slot].st);
            sqlite3_clear_bindings(db->cache[slot].st);
            return db->cache[slot].st;
        }
        if (!db->cache[slot].sql)
            break;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        log_error("SQL prepare failed: %s in: %.200s", sqlite3_errmsg(db->h), sql);
        return NULL;
    }
    if (!db->cache[slot].sql) {
        db->cache[slot].sql = sql;
        db->cache[slot].st = st;
    } else {
        /* The cache is full (more than DB_CACHE_SLOTS distinct statements): a programming error. */
        log_error("statement cache full");
        abort();
    }
    return st;
}

/* Resets the statement so it holds no read transaction open. */
void db_done(sqlite3_stmt *st)
{
    if (st)
        sqlite3_reset(st);
}

/* Resets the statement after a stepping loop; -1 when the last step failed (see db.h). */
int64_t db_end(sqlite3_stmt *st, int64_t n, struct err *e)
{
    int rc = st ? sqlite3_reset(st) : SQLITE_MISUSE;
    if (rc == SQLITE_OK)
        return n;
    log_error("sqlite: a read stopped early: %s", sqlite3_errstr(rc));
    if (e)
        err_set(e, 500, "database_error", NULL, "数据库错误，请稍后重试或联系管理员");
    return -1;
}

/* Binds by format character; see db.h. */
static int db_vbind(sqlite3_stmt *st, const char *fmt, va_list ap)
{
    int rc = SQLITE_OK;
    for (int i = 0; fmt && fmt[i] && rc == SQLITE_OK; i++) {
        switch (fmt[i]) {
        case 'i': rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t)); break;
        case 'I': {
            int64_t v = va_arg(ap, int64_t);
            rc = v ? sqlite3_bind_int64(st, i + 1, v) : sqlite3_bind_null(st, i + 1);
            break;
        }
        case 'd': rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int)); break;
        case 't': {
            const char *s = va_arg(ap, const char *);
            rc = s ? sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i + 1);
            break;
        }
        case 'n': rc = sqlite3_bind_null(st, i + 1); break;
        default: rc = SQLITE_MISUSE;
        }
    }
    return rc;
}

/* Variadic front of db_vbind. */
int db_bind(sqlite3_stmt *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = db_vbind(st, fmt, ap);
    va_end(ap);
    return rc;
}

/* Prepares, binds and runs a statement that returns no rows. */
int db_run(struct db *db, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return SQLITE_ERROR;
    va_list ap;
    va_start(ap, fmt);
    int rc = db_vbind(st, fmt, ap);
    va_end(ap);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    db_done(st);
    return rc;
}

/* Returns the first column of the first row as an integer, or dflt. */
int64_t db_int(struct db *db, int64_t dflt, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return dflt;
    va_list ap;
    va_start(ap, fmt);
    int rc = db_vbind(st, fmt, ap);
    va_end(ap);
    int64_t v = dflt;
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    db_done(st);
    return v;
}

int64_t db_param_int(struct db *db, const char *key, int64_t dflt)
{
    return db_int(db, dflt, "SELECT CAST(value AS INTEGER) FROM parameters WHERE key = ? AND value GLOB '[0-9]*'", "t",
                  key);
}

char *db_param_text(struct db *db, const char *key, char *out, size_t n)
{
    sqlite3_stmt *st = db_prep(db, "SELECT value FROM parameters WHERE key = ?");
    if (n)
        out[0] = '\0';
    if (!st)
        return out;
    db_bind(st, "t", key);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, n, "%s", db_text(st, 0));
    db_done(st);
    return out;
}

/* Column text, never NULL. */
const char *db_text(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? (const char *)s : "";
}

int db_copy(char *out, size_t n, sqlite3_stmt *st, int col)
{
    const char *s = db_text(st, col);
    if (text_copy(out, n, s) == 0)
        return 0;
    /* A stored text longer than its buffer is a sizing bug: logged, and cut only between
       characters (never inside a UTF-8 sequence). */
    size_t len = n ? n - 1 : 0;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    if (n) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    log_error("db: column %d (%s) longer than its %zu-byte buffer", col, sqlite3_column_name(st, col), n);
    return -1;
}

/* Executes parameterless SQL text. */
int db_exec(struct db *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return rc;
}

/* The connection's last error message. */
const char *db_errmsg(struct db *db)
{
    return sqlite3_errmsg(db->h);
}

/* Logs the database error and fills e as a 500. Returns -1. */
int db_fail(struct db *db, struct err *e)
{
    log_error("database error: %s (%d)", sqlite3_errmsg(db->h), sqlite3_extended_errcode(db->h));
    return err_set(e, 500, "database_error", NULL, "数据库错误，请稍后重试或联系管理员");
}
