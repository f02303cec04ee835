/*
 * user_ctx.h: the roles and the logged-in user's context (role, unit, scope path) that every
 * domain function takes as its actor. Apart from the accounts (user.h) so that the audit log,
 * which records the actor, and the accounts, which are audited, do not include each other.
 */
#ifndef BANGFU_USER_CTX_H
#define BANGFU_USER_CTX_H
#include <stdint.h>

#include "text.h"

enum role {
    ROLE_ADMIN,       /* 系统管理员 */
    ROLE_ASSOCIATION, /* 协会工作人员 */
    ROLE_REVIEWER,    /* 部门评审员 */
    ROLE_LIAISON,     /* 信用社联络员 */
    ROLE_RELIEF,      /* 救助经办员 */
    ROLE_FINANCE,     /* 财务 */
    ROLE_VILLAGE,     /* 村计生专干 */
    ROLE_AUDITOR,     /* 审计 */
    ROLE__MAX
};
#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL ((1u << ROLE__MAX) - 1)

struct user_ctx {
    int64_t id;
    char username[64];
    char name[NAME_SIZE];
    enum role role;
    int64_t unit_id;
    char unit_name[NAME_SIZE];
    char unit_kind[16];
    char unit_path[160]; /* '/1/2/': the user's scope is this unit and everything below it */
    int64_t department_id;
    char department_name[NAME_SIZE];
    int must_change_password; /* the admin asked for a new password: only that page until then */
};

#endif
