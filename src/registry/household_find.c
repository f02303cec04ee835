/* household_find.c: households for the staff search box (see household_find.h). */
#include "household_find.h"

static DB_ROW_READER(household_hit_read, HOUSEHOLD_HIT_ROW, struct household_hit)

int household_find(struct db *db, const struct user_ctx *actor, const char *q,
                   void (*fn)(const struct household_hit *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(HOUSEHOLD_HIT_ROW)
                                   " FROM members m JOIN households h ON h.id = m.household_id "
                                   "JOIN units v ON v.id = h.village_id "
                                   "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
                                   "WHERE in_scope(v.path, ?2) AND person_matches(?1, m.name, m.id_number, m.phone) "
                                   "GROUP BY h.id ORDER BY h.id DESC LIMIT ?3");
    if (!st)
        return -1;
    db_bind(st, "ttd", q, actor->unit_path, FIND_LIMIT);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct household_hit h = {0};
        if (household_hit_read(st, &h) != 0)
            break;
        fn(&h, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}
