/*
 * auth.h: random tokens (getrandom), login with throttling, sessions (browser cookies with a
 * CSRF token; API bearer tokens) and logout. Passwords are auth_password.h (included here).
 */
#ifndef BANGFU_AUTH_H
#define BANGFU_AUTH_H
#include <stddef.h>

#include "db.h"
#include "err.h"
#include "auth_password.h"
#include "user.h"

#define AUTH_COOKIE "bangfu_session"

/* Fills out with 2*nbytes hex characters from getrandom(2) plus NUL. Returns 0 or -1. */
int auth_random_hex(char *out, size_t nbytes);

/* Checks the password (refusing with 429 login_throttled after too many recent failures),
   creates a session of kind "cookie" or "token", and fills sid (65 bytes) and u.
   Returns 0, or -1 with e filled (401 bad_credentials, 429 login_throttled). Audited. */
int auth_login(struct db *db, const char *username, const char *password, const char *kind, char *sid,
               struct user_ctx *u, struct err *e);
/* Loads a live session of the kind: fills u and csrf (65 bytes). Returns 0, or -1 when the
   session is unknown, expired or its user inactive. */
int auth_session_load(struct db *db, const char *sid, const char *kind, struct user_ctx *u, char *csrf);
/* Ends a session. */
void auth_logout(struct db *db, const char *sid);

/* A user changes their own password: the old one must match (401 bad_old_password), the new one
   pass auth_password_policy and differ from the old. Clears "must change", ends the user's other
   sessions (keeps keep_sid, the one in use). Returns 0 or -1 with e. Audited. */
int auth_change_password(struct db *db, const struct user_ctx *u, const char *keep_sid, const char *old_password,
                         const char *new_password, struct err *e);

#endif
