/* loan_more_info.c: requests for more material waiting with the handlers (see loan_more_info.h). */
#include "loan_more_info.h"

static DB_ROW_READER(more_info_read, LOAN_MORE_INFO_ROW, struct loan_more_info)

int loan_more_info_list(struct db *db, const struct user_ctx *actor, int limit,
                        void (*fn)(const struct loan_more_info *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(LOAN_MORE_INFO_ROW)
                                   " FROM loan_applications a JOIN households h ON h.id = a.household_id "
                                   "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
                                   "JOIN units v ON v.id = h.village_id " BORROWER_JOIN
                                   "JOIN loan_reviews r ON r.application_id = a.id AND r.round = a.round "
                                   "AND r.decision = 'more_info' JOIN departments d ON d.id = r.department_id "
                                   "JOIN users u ON u.id = r.reviewer_id "
                                   "WHERE a.state = 'more_info' AND in_scope(v.path, ?1) ORDER BY a.id, d.id LIMIT ?2");
    if (!st)
        return -1;
    db_bind(st, "td", actor->unit_path, limit);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct loan_more_info m = {0};
        if (more_info_read(st, &m) != 0)
            break;
        fn(&m, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}
