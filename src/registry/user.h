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
/* 1 when the role pays into bank accounts and so may see them whole (relief clerk, finance); every
   such view is audited (view_bank_account). */
int role_sees_full_account(enum role r);

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
struct user_row {
    int64_t id, unit_id, department_id; /* department_id 0 = none */
    char username[64], name[NAME_SIZE], unit_name[NAME_SIZE], department_name[64];
    enum role role;
    int active;
    int must_change_password;
};
/* Reads one account within the scope into *u. Returns 0, or -1 with e filled (404 not_found, also
   for an account outside the scope). */
int user_get(struct db *db, const char *scope_path, int64_t id, struct user_row *u, struct err *e);

/* What the admin changes on an account; USER_PATCH_KEEP changes nothing. */
struct user_patch {
    int active;            /* 1 or 0; -1 keeps */
    const char *role;      /* a role code; NULL keeps */
    int64_t unit_id;       /* 0 keeps */
    int64_t department_id; /* -1 keeps (a reviewer keeps theirs; any other role has none); 0 = none */
    const char *password;  /* a new password (under auth_password_policy); NULL or "" keeps */
    int must_change;       /* 1: the user must choose a new password at the next login */
};
#define USER_PATCH_KEEP {.active = -1, .department_id = -1}
/* Changes an account within the actor's scope (admin only; the caller checks the role): active
   flag, role, unit, department, password. The new place is checked as user_create checks it; the
   actor can neither deactivate themself nor change their own role or unit. A deactivation, a new
   password or a new role, unit or department ends all of the user's sessions (cookies and tokens)
   in the same transaction. Returns 0, or -1 with e filled and nothing changed. Audited. */
int user_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct user_patch *p, struct err *e);

/* Lists accounts in scope whose username or name contains q ("" = all), calling fn per row.
   Returns the total number of matches, or -1. */
int64_t user_list(struct db *db, const char *scope_path, const char *q, int limit, int offset,
                  void (*fn)(const struct user_row *, void *), void *ctx);

#endif
