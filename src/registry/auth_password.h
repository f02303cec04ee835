/*
 * auth_password.h: passwords (yescrypt hashes via libcrypt) and the rule every new password
 * follows; constant-time comparison of secrets. Apart from sessions (auth.h) so that the user
 * accounts (user.c) and the login (auth.c) both use it without including each other.
 */
#ifndef BANGFU_AUTH_PASSWORD_H
#define BANGFU_AUTH_PASSWORD_H
#include <stddef.h>

#include "err.h"

/* Hashes a password with yescrypt into out (at least 128 bytes). Returns 0 or -1. */
int auth_hash_password(const char *password, char *out, size_t n);
/* 1 when password matches the stored hash, else 0. Constant time in the comparison. */
int auth_check_password(const char *password, const char *hash);
/* The setting a login for an unknown user name is checked against: yescrypt at the cost new
   hashes get (crypt_gensalt's default) with a fixed salt, made once per process, so that such a
   login costs what a real one costs and the time does not tell which names exist. No password
   matches it. */
const char *auth_unknown_user_setting(void);
/* Constant-time string equality for tokens. */
int auth_token_equal(const char *a, const char *b);

#define AUTH_PASSWORD_MIN 10  /* characters */
#define AUTH_PASSWORD_MAX 128 /* bytes */
/* The rule for every new password: AUTH_PASSWORD_MIN..AUTH_PASSWORD_MAX long, of at least two
   kinds of character (lower case, upper case, digits, others), not the username (any case) and
   not one of the commonest passwords (compared without regard to case). Returns 0, or -1 with a
   422 weak_password saying which rule failed. */
int auth_password_policy(const char *username, const char *password, struct err *e);

#endif
