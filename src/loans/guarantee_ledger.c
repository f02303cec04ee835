/* guarantee_ledger.c: the guarantee fund's entries (see guarantee_ledger.h). */
#include "guarantee_ledger.h"

#include <string.h>

#include "date.h"

/* The entries with the balance after each, their loan, borrower, village and booker, and each
   one's unit path for the scope: the loan's village, or the district's for an entry of no loan.
   ?1 scope, ?2 kind ('' all), ?3 from ('' open), ?4 to ('' open). */
#define GUARANTEE_LEDGER_FROM                                                                                      \
    "FROM (SELECT e.*, sum(e.amount_fen) OVER (ORDER BY e.on_date, e.id) AS balance_after "                       \
    "FROM guarantee_fund_entries e) g LEFT JOIN loans l ON l.id = g.loan_id "                                     \
    "LEFT JOIN loan_applications a ON a.id = l.application_id "                                                   \
    "LEFT JOIN members hm ON hm.household_id = a.household_id AND hm.is_head = 1 "                                \
    "LEFT JOIN units v ON v.id = l.village_id LEFT JOIN users u ON u.id = g.created_by "                          \
    "WHERE in_scope(coalesce(v.path, (SELECT min(path) FROM units WHERE parent_id IS NULL)), ?1) "                \
    "AND (?2 = '' OR g.kind = ?2) AND (?3 = '' OR g.on_date >= ?3) AND (?4 = '' OR g.on_date <= ?4)"

const char *guarantee_entry_kind_name(const char *kind)
{
    static const char *const names[][2] = {
        {"income", "收入"}, {"adjustment", "调整"}, {"payout", "代偿"}, {"recovery", "追偿"}};
    for (size_t i = 0; kind && i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(kind, names[i][0]))
            return names[i][1];
    return NULL;
}

static DB_ROW_READER(entry_read, GUARANTEE_ENTRY_ROW, struct guarantee_entry)

int guarantee_filter_check(const struct guarantee_entry_filter *f, struct err *e)
{
    struct date d;
    if (f->kind && *f->kind && !guarantee_entry_kind_name(f->kind))
        return err_set(e, 422, "invalid_kind", "kind", "类型应为 income（收入）、adjustment（调整）、payout（代偿）或 recovery（追偿）");
    if ((f->from && *f->from && date_parse(f->from, &d) != 0) || (f->to && *f->to && date_parse(f->to, &d) != 0))
        return err_set(e, 422, "invalid_date", f->from && *f->from && date_parse(f->from, &d) != 0 ? "from" : "to",
                       "日期应为 YYYY-MM-DD");
    return 0;
}

int64_t guarantee_ledger_list(struct db *db, const struct user_ctx *actor, const struct guarantee_entry_filter *f,
                              void (*fn)(const struct guarantee_entry *, void *), void *ctx, struct err *e)
{
    if (guarantee_filter_check(f, e) != 0)
        return -1;
    const char *kind = f->kind ? f->kind : "", *from = f->from ? f->from : "", *to = f->to ? f->to : "";
    sqlite3_stmt *count = db_prep(db, "SELECT count(*) " GUARANTEE_LEDGER_FROM);
    if (!count)
        return db_fail(db, e);
    int64_t total = db_bind(count, "tttt", actor->unit_path, kind, from, to) == SQLITE_OK &&
                            sqlite3_step(count) == SQLITE_ROW
                        ? sqlite3_column_int64(count, 0)
                        : -1;
    db_done(count);
    sqlite3_stmt *st = total < 0 ? NULL
                                 : db_prep(db, "SELECT " DB_ROW_COLUMNS(GUARANTEE_ENTRY_ROW) " " GUARANTEE_LEDGER_FROM
                                               " ORDER BY g.on_date, g.id LIMIT ?5 OFFSET ?6");
    if (!st || db_bind(st, "ttttdd", actor->unit_path, kind, from, to, f->limit, f->offset) != SQLITE_OK) {
        db_done(st);
        return db_fail(db, e);
    }
    int rc;
    struct guarantee_entry x;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (entry_read(st, &x) != 0) {
            db_done(st);
            return db_row_fail(e);
        }
        fn(&x, ctx);
    }
    db_done(st);
    return rc == SQLITE_DONE ? total : db_fail(db, e);
}
