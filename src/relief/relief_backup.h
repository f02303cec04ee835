/*
 * relief_backup.h: the backup handler (B角) of a relief application, beside its handler (A角:
 * whoever took it in, 首接负责), for 限时办结 (services/timeliness.h reads both).
 */
#ifndef BANGFU_RELIEF_BACKUP_H
#define BANGFU_RELIEF_BACKUP_H
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "user_ctx.h"

/* Names the backup (user_id; 0 clears it) of an application of the actor's scope that is not
   paid or rejected (409 invalid_state): an active relief officer, village officer, association
   staff or admin of the actor's scope other than the handler (422 invalid_backup_handler).
   404/403 as relief_get. 0 or -1 with e. Audited. */
int relief_set_backup(struct db *db, const struct user_ctx *actor, int64_t id, int64_t user_id, struct err *e);

#endif
