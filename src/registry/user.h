/*
 * user.h: roles' names, staff accounts and loading the logged-in user's context (user_ctx.h).
 * Passwords are yescrypt hashes (see auth_password.c); nothing here ever sees a stored password.
 */
#ifndef BANGFU_USER_H
#define BANGFU_USER_H
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

/* "admin", "association", ... as in API.md; NULL for an out-of-range role. */
const char *role_code(enum role r);
/* 系统管理员, 协会工作人员, ... */
const char *role_name(enum role r);
/* The role for a code, or -1. */
int role_parse(const char *code);
/* 1 if the role may see full resident IDs (each view is audited), else 0. */
int role_sees_full_id(enum role r);

/* Loads an active user's context by id. Returns 0, or -1 when there is no such active user. */
int user_load(struct db *db, int64_t id, struct user_ctx *u);

struct user_input {
    const char *username, *password, *name, *role, *phone;
    int64_t unit_id;
    int64_t department_id; /* 0 = none */
};

/* Creates an account after validating every field (admin only; the caller checks the role and
   that unit_id is in the admin's scope). Returns the new id, or -1 with e filled. Audited. */
int64_t user_create(struct db *db, const struct user_ctx *actor, const struct user_input *in, struct err *e);
/* Sets a user's active flag and, when password is non-NULL and non-empty, a new password (under
   auth_password_policy); with must_change, the user must choose a new password at the next
   login. Returns 0 or -1 with e filled. Audited; a deactivation or a new password ends all of the
   user's sessions (cookies and tokens). */
int user_update(struct db *db, const struct user_ctx *actor, int64_t id, int active, const char *password,
                int must_change, struct err *e);

struct user_row {
    int64_t id;
    char username[64], name[64], unit_name[NAME_SIZE], department_name[64];
    enum role role;
    int active;
};
/* Lists accounts in scope whose username or name contains q ("" = all), calling fn per row.
   Returns the total number of matches, or -1. */
int64_t user_list(struct db *db, const char *scope_path, const char *q, int limit, int offset,
                  void (*fn)(const struct user_row *, void *), void *ctx);

#endif
