/* department.h: the reviewing departments of the joint loan review (镇计生协会, 经委, 招商办, ...). */
#ifndef BANGFU_DEPARTMENT_H
#define BANGFU_DEPARTMENT_H
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "user.h"

/* Calls fn(id, name, active, ctx) for every department in display order. Returns the count. */
int department_list(struct db *db, void (*fn)(int64_t, const char *, int, void *), void *ctx);
/* Adds a department (admin). Returns its id or -1 with e filled (422 bad name, 409 duplicate). */
int64_t department_create(struct db *db, const struct user_ctx *actor, const char *name, struct err *e);

/* Activates or deactivates a department (inactive ones join no new review round). Audited. */
int department_set_active(struct db *db, const struct user_ctx *actor, int64_t id, int active, struct err *e);

#endif
