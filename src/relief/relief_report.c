/* relief_report.c: relief paid by category, fund, village, year or batch (see relief_report.h). */
#include "relief_report.h"

#include <stdio.h>
#include <string.h>

#include "db_row.h"

static const struct {
    const char *code, *name;
} groups[RG__MAX] = {{"category", "按类别"}, {"fund", "按资金"}, {"village", "按村"}, {"year", "按年度"}, {"batch", "按批次"}};

const char *relief_group_code(int g)
{
    return g >= 0 && g < RG__MAX ? groups[g].code : NULL;
}

const char *relief_group_name(int g)
{
    return g >= 0 && g < RG__MAX ? groups[g].name : NULL;
}

int relief_group_parse(const char *code)
{
    for (int i = 0; code && i < RG__MAX; i++)
        if (strcmp(code, groups[i].code) == 0)
            return i;
    return -1;
}

/* One group's key (?4 names the grouping) and its payments, households and amount. */
#define RELIEF_REPORT_ROW(X, _)                                                                                     \
    X("CASE ?4 WHEN 'category' THEN c.name WHEN 'fund' THEN f.name WHEN 'village' THEN t.name || v.name "          \
      "WHEN 'batch' THEN coalesce(b.title, '（单项申请）') ELSE CAST(p.year AS TEXT) || '年' END AS k",                \
      TEXT(128), key) _                                                                                             \
        X("count(*)", INT64, payments) _ X("count(DISTINCT a.household_id)", INT64, households) _                  \
        X("sum(p.amount_fen)", MONEY, amount_fen)
/* Reads a RELIEF_REPORT_ROW. */
static DB_ROW_READER(relief_report_read, RELIEF_REPORT_ROW, struct relief_report_row)

int relief_report(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from, const char *to,
                  void (*fn)(const struct relief_report_row *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(RELIEF_REPORT_ROW) " FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id "
            "JOIN households h ON h.id = a.household_id JOIN units v ON v.id = h.village_id "
            "JOIN units t ON t.id = v.parent_id JOIN relief_categories c ON c.id = a.category_id "
            "JOIN relief_funds f ON f.id = p.fund_id LEFT JOIN relief_batches b ON b.id = a.batch_id WHERE in_scope(v.path, ?1) "
            "AND (?2 IS NULL OR p.paid_on >= ?2) AND (?3 IS NULL OR p.paid_on <= ?3) AND NOT EXISTS "
            "(SELECT 1 FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'void') GROUP BY k ORDER BY k");
    if (!st)
        return -1;
    db_bind(st, "tttt", actor->unit_path, from && *from ? from : NULL, to && *to ? to : NULL, relief_group_code(g));
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct relief_report_row row = {0};
        if (relief_report_read(st, &row) != 0) {
            n = -1;
            break;
        }
        fn(&row, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

/* One group of the kept figures (?4 names the grouping, as RELIEF_REPORT_ROW's). */
#define RELIEF_MONTH_ROW(X, _)                                                                                      \
    X("CASE ?4 WHEN 'category' THEN c.name WHEN 'fund' THEN f.name WHEN 'village' THEN t.name || v.name "          \
      "ELSE substr(m.month, 1, 4) || '年' END AS k",                                                                \
      TEXT(128), key) _ X("sum(m.payments)", INT64, payments) _ X("0", INT64, households) _                        \
        X("sum(m.amount_fen)", MONEY, amount_fen)
/* Reads a RELIEF_MONTH_ROW. */
static DB_ROW_READER(relief_month_read, RELIEF_MONTH_ROW, struct relief_report_row)

int relief_month_report(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from_month,
                        const char *to_month, void (*fn)(const struct relief_report_row *, void *), void *ctx)
{
    if (g == RG_BATCH)
        return -1;
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(RELIEF_MONTH_ROW) " FROM relief_month_figures m JOIN units v ON v.id = m.village_id "
            "JOIN units t ON t.id = v.parent_id JOIN relief_categories c ON c.id = m.category_id "
            "JOIN relief_funds f ON f.id = m.fund_id WHERE in_scope(v.path, ?1) AND (?2 IS NULL OR m.month >= ?2) "
            "AND (?3 IS NULL OR m.month <= ?3) GROUP BY k HAVING sum(m.payments) <> 0 ORDER BY k");
    if (!st)
        return -1;
    db_bind(st, "tttt", actor->unit_path, from_month, to_month, relief_group_code(g));
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct relief_report_row row = {0};
        if (relief_month_read(st, &row) != 0)
            break;
        fn(&row, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}

int relief_report_first_day(struct db *db, const struct user_ctx *actor, struct date *out)
{
    return date_from_number(db_int(db, 0, "SELECT CAST(replace(min(p.paid_on), '-', '') AS INTEGER) FROM relief_payments p "
                                          "JOIN relief_applications a ON a.id = p.application_id JOIN households h "
                                          "ON h.id = a.household_id JOIN units v ON v.id = h.village_id WHERE in_scope(v.path, ?)",
                                   "t", actor->unit_path),
                            out);
}
