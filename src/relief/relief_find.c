/* relief_find.c: relief applications for the staff search box (see relief_find.h). */
#include "relief_find.h"

int relief_find(struct db *db, const struct user_ctx *actor, const char *q,
                void (*fn)(const struct relief_hit *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT a.id, hm.name, v.name, c.name, a.state, a.amount_fen, "
                                   "coalesce((SELECT receipt_no FROM relief_payments WHERE application_id = a.id "
                                   "ORDER BY id DESC LIMIT 1), '') "
                                   "FROM relief_applications a JOIN households h ON h.id = a.household_id "
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
        h.id = sqlite3_column_int64(st, 0);
        DB_COPY(h.head, st, 1);
        DB_COPY(h.village, st, 2);
        DB_COPY(h.category, st, 3);
        h.state = (enum relief_state)relief_state_parse(db_text(st, 4));
        h.amount_fen = sqlite3_column_int64(st, 5);
        DB_COPY(h.receipt_no, st, 6);
        fn(&h, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}
