/*
 * auth.h: passwords (yescrypt via libcrypt), random tokens (getrandom), login with throttling,
 * sessions (browser cookies with a CSRF token; API bearer tokens) and logout.
 */
#ifndef BANGFU_AUTH_H
#define BANGFU_AUTH_H
#include <stddef.h>

#include "db.h"
#include "err.h"
#include "user.h"

#define AUTH_COOKIE "bangfu_session"

/* Hashes a password with yescrypt into out (at least 128 bytes). Returns 0 or -1. */
int auth_hash_password(const char *password, char *out, size_t n);
/* 1 when password matches the stored hash, else 0. Constant time in the comparison. */
int auth_check_password(const char *password, const char *hash);
/* Fills out with 2*nbytes hex characters from getrandom(2) plus NUL. Returns 0 or -1. */
int auth_random_hex(char *out, size_t nbytes);
/* Constant-time string equality for tokens. */
int auth_token_equal(const char *a, const char *b);

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

#endif
