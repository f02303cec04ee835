/*
 * auth.c: tokens, login throttling and sessions (see auth.h; passwords are auth_password.c).
 * Session ids and CSRF tokens are 256-bit values from getrandom(2); a new id is issued at every
 * login, so a session id planted before login is never promoted (no session fixation).
 */
#include "auth.h"
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "audit.h"
#include "db_row.h"
#include "text.h"

#define AUTH_HASH_SIZE 256 /* a stored password hash */
#define AUTH_CSRF_SIZE 65  /* a session's CSRF token: 64 hex digits */

/* An active account's id and password hash, for the login. */
#define AUTH_LOGIN_ROW(X, _) X("id", INT64, uid) _ X("password_hash", TEXT(AUTH_HASH_SIZE), hash)
struct auth_login {
    DB_ROW_FIELDS(AUTH_LOGIN_ROW)
};
/* Reads an AUTH_LOGIN_ROW. */
static DB_ROW_READER(auth_login_read, AUTH_LOGIN_ROW, struct auth_login)

/* A live session's user and CSRF token. */
#define AUTH_SESSION_ROW(X, _) X("user_id", INT64, uid) _ X("csrf", TEXT(AUTH_CSRF_SIZE), csrf)
struct auth_session {
    DB_ROW_FIELDS(AUTH_SESSION_ROW)
};
/* Reads an AUTH_SESSION_ROW. */
static DB_ROW_READER(auth_session_read, AUTH_SESSION_ROW, struct auth_session)

int auth_random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw)
        return -1;
    size_t got = 0;
    while (got < nbytes) {
        ssize_t n = getrandom(raw + got, nbytes - got, 0);
        if (n < 0)
            return -1;
        got += (size_t)n;
    }
    for (size_t i = 0; i < nbytes; i++)
        sprintf(out + 2 * i, "%02x", raw[i]);
    return 0;
}

int auth_login(struct db *db, const char *username, const char *password, const char *kind, char *sid,
               struct user_ctx *u, struct err *e)
{
    time_t now = clock_now();
    int64_t max_fail = db_param_int(db, "login_max_failures", 5);
    int64_t lock_min = db_param_int(db, "login_lock_minutes", 15);
    int64_t fails = db_int(db, 0, "SELECT count(*) FROM login_failures WHERE username = ? AND at > ?", "ti",
                           username, (int64_t)now - lock_min * 60);
    if (fails >= max_fail)
        return err_set(e, 429, "login_throttled", NULL, "登录失败次数过多，请 %d 分钟后再试", (int)lock_min);

    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AUTH_LOGIN_ROW) " FROM users WHERE username = ? AND active = 1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "t", username);
    struct auth_login login = {0};
    if (sqlite3_step(st) == SQLITE_ROW && auth_login_read(st, &login) != 0)
        login.uid = 0; /* a hash that does not fit is no login */
    db_done(st);
    int64_t uid = login.uid;
    const char *hash = login.hash;
    /* Check a password even for unknown users, so timing does not reveal which names exist. */
    int ok = auth_check_password(password, uid ? hash : auth_unknown_user_setting());
    if (!ok || !uid || user_load(db, uid, u) != 0) {
        db_run(db, "INSERT INTO login_failures (username, at) VALUES (?, ?)", "ti", username, (int64_t)now);
        return err_set(e, 401, "bad_credentials", NULL, "用户名或密码错误");
    }
    char csrf[65];
    if (auth_random_hex(sid, 32) != 0 || auth_random_hex(csrf, 32) != 0)
        return err_set(e, 500, "random_failed", NULL, "系统随机数不可用");
    int64_t hours = db_param_int(db, "session_hours", 8);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (db_run(db, "DELETE FROM login_failures WHERE username = ?", "t", username) != SQLITE_DONE ||
        db_run(db, "DELETE FROM sessions WHERE expires_at < ?", "i", (int64_t)now) != SQLITE_DONE ||
        db_run(db,
               "INSERT INTO sessions (id, user_id, kind, csrf, created_at, seen_at, expires_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               "tittiii", sid, uid, kind, csrf, (int64_t)now, (int64_t)now,
               (int64_t)now + hours * 3600) != SQLITE_DONE ||
        audit_write(db, u, "login", "user", uid, NULL, NULL) != 0) {
        db_rollback(db);
        return db_fail(db, e);
    }
    if (db_commit(db) != SQLITE_OK)
        return db_fail(db, e);
    return 0;
}

int auth_session_load(struct db *db, const char *sid, const char *kind, struct user_ctx *u, char *csrf)
{
    if (strlen(sid) != 64)
        return -1;
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AUTH_SESSION_ROW) " FROM sessions "
                                   "WHERE id = ? AND kind = ? AND expires_at > ?");
    if (!st)
        return -1;
    db_bind(st, "tti", sid, kind, (int64_t)clock_now());
    struct auth_session session = {0};
    if (sqlite3_step(st) == SQLITE_ROW && auth_session_read(st, &session) != 0)
        session.uid = 0;
    db_done(st);
    if (session.uid)
        memcpy(csrf, session.csrf, AUTH_CSRF_SIZE);
    return session.uid ? user_load(db, session.uid, u) : -1;
}

void auth_logout(struct db *db, const char *sid)
{
    db_run(db, "DELETE FROM sessions WHERE id = ?", "t", sid);
}

int auth_change_password(struct db *db, const struct user_ctx *u, const char *keep_sid, const char *old_password,
                         const char *new_password, struct err *e)
{
    char hash[AUTH_HASH_SIZE] = "";
    sqlite3_stmt *st = db_prep(db, "SELECT password_hash FROM users WHERE id = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", u->id);
    if (sqlite3_step(st) == SQLITE_ROW && db_copy(hash, sizeof hash, st, 0) != 0)
        hash[0] = '\0'; /* a hash that does not fit matches no password */
    db_done(st);
    if (!old_password || !auth_check_password(old_password, hash))
        return err_set(e, 401, "bad_old_password", "old_password", "原密码不正确");
    if (auth_password_policy(u->username, new_password, e) != 0)
        return -1;
    if (strcmp(old_password, new_password) == 0)
        return err_set(e, 422, "weak_password", "password", "新密码不能与原密码相同");
    if (auth_hash_password(new_password, hash, sizeof hash) != 0)
        return err_set(e, 500, "hash_failed", NULL, "密码处理失败");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?", "ti", hash,
                    u->id) == SQLITE_DONE &&
             db_run(db, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", "it", u->id, keep_sid) == SQLITE_DONE;
    return audit_commit(db, ok, u, "change_password", "user", u->id, NULL, NULL, e);
}
