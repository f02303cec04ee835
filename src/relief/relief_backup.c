/* relief_backup.c: a relief application's backup handler (see relief_backup.h). */
#include "relief_backup.h"

#include "audit.h"
#include "relief.h"

int relief_set_backup(struct db *db, const struct user_ctx *actor, int64_t id, int64_t user_id, struct err *e)
{
    struct relief_app a;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int rc = relief_get(db, actor, id, &a, e);
    if (rc == 0 && (a.state == RS_PAID || a.state == RS_REJECTED))
        rc = err_set(e, 409, "invalid_state", NULL, "已办结的救助申请不能再指定B角");
    if (rc == 0 && user_id &&
        db_int(db, 0,
               "SELECT 1 FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = ?1 AND u.active = 1 "
               "AND u.role IN ('relief', 'village', 'association', 'admin') AND in_scope(n.path, ?2) "
               "AND u.id IS NOT (SELECT created_by FROM relief_applications WHERE id = ?3)",
               "iti", user_id, actor->unit_path, id) != 1)
        rc = err_set(e, 422, "invalid_backup_handler", "backup_handler_id",
                     "B角应为管辖范围内在职的救助经办员、村计生专干或协会工作人员，且不是经办人本人");
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    int ok = db_run(db, "UPDATE relief_applications SET backup_handler_id = ? WHERE id = ?", "Ii", user_id, id) ==
             SQLITE_DONE;
    return audit_commit(db, ok, actor, "backup_handler", "relief_application", id, NULL,
                        json_pack("{s:I}", "backup_handler_id", (json_int_t)user_id), e);
}
