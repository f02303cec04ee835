/* household_find.c: households for the staff search box (see household_find.h). */
#include "household_find.h"

int household_find(struct db *db, const struct user_ctx *actor, const char *q,
                   void (*fn)(const struct household_hit *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT h.id, hm.name, min(m.name), v.name, "
                                   "(SELECT count(*) FROM members WHERE household_id = h.id) "
                                   "FROM members m JOIN households h ON h.id = m.household_id "
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
        h.id = sqlite3_column_int64(st, 0);
        DB_COPY(h.head, st, 1);
        DB_COPY(h.member, st, 2);
        DB_COPY(h.village, st, 3);
        h.members = sqlite3_column_int(st, 4);
        fn(&h, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}
