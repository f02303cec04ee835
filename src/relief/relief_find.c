/* relief_find.c: relief applications for the staff search box (see relief_find.h). */
#include "relief_find.h"

static DB_ROW_READER(relief_hit_read, RELIEF_HIT_ROW, struct relief_hit)

int relief_find(struct db *db, const struct user_ctx *actor, const char *q,
                void (*fn)(const struct relief_hit *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(RELIEF_HIT_ROW)
                                   " FROM relief_applications a JOIN households h ON h.id = a.household_id "
                                   "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
                                   "JOIN units v ON v.id = h.village_id JOIN relief_categories c ON c.id = a.category_id "
                                   "WHERE in_scope(v.path, ?2) AND (person_matches(?1, hm.name, hm.id_number, hm.phone) "
                                   "OR EXISTS (SELECT 1 FROM relief_payments p WHERE p.application_id = a.id "
                                   "AND instr(p.receipt_no, ?1) > 0)) ORDER BY a.id DESC LIMIT ?3");
    if (!st)
        return -1;
    db_bind(st, "ttd", q, actor->unit_path, FIND_LIMIT);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct relief_hit h = {0};
        if (relief_hit_read(st, &h) != 0)
            break;
        fn(&h, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}
