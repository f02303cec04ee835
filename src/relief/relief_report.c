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

/* The report's query over the kept figures (migration 105), never the payments: ?1 the scope's path,
   ?2 and ?3 the first and last day, ?4 the grouping's code, ?5 whether to count households. v: the
   scope's villages (a few hundred rows of units); f: relief_day_figures of those villages and days
   summed per group (g: the category, fund or village id, the year, the batch id or 0); u: the
   households' paid days (units) of those villages and days per group; r: the units whose household was
   paid in the group earlier in the period too (the partial index of units with a previous one, named:
   without statistics the planner would walk every unit of the grouping), so
   u - r counts each household paid in the period in the group once. Groups are ids: two batches of the
   same title are two rows. */
#define RELIEF_GROUP_ID(d)                                                                                          \
    "CASE ?4 WHEN 'category' THEN " d ".category_id WHEN 'fund' THEN " d ".fund_id WHEN 'village' THEN " d          \
    ".village_id WHEN 'batch' THEN " d ".batch_id ELSE CAST(substr(" d ".paid_on, 1, 4) AS INTEGER) END"
#define RELIEF_REPORT_FROM                                                                                          \
    "WITH v AS (SELECT id FROM units WHERE kind = 'village' AND in_scope(path, ?1)), "                              \
    "f AS (SELECT " RELIEF_GROUP_ID("d") " AS g, sum(d.payments) AS payments, sum(d.amount_fen) AS amount_fen "      \
    "FROM v JOIN relief_day_figures d ON d.village_id = v.id WHERE d.paid_on >= ?2 AND d.paid_on <= ?3 GROUP BY g "   \
    "HAVING sum(d.payments) <> 0), "                                                                                \
    "u AS (SELECT x.g AS g, sum(x.units) AS n FROM v JOIN relief_unit_figures x ON x.dim = ?4 AND x.village_id = v.id " \
    "AND x.paid_on >= ?2 AND x.paid_on <= ?3 WHERE ?5 GROUP BY x.g), "                                              \
    "r AS (SELECT x.g AS g, count(*) AS n FROM v JOIN relief_household_units x "                                     \
    "INDEXED BY relief_household_units_repeated ON x.dim = ?4 AND x.village_id = v.id "                            \
    "AND x.prev_on IS NOT NULL AND x.prev_on >= ?2 AND x.paid_on <= ?3 WHERE ?5 GROUP BY x.g) "                       \
    "SELECT " DB_ROW_COLUMNS(RELIEF_REPORT_ROW) " FROM f LEFT JOIN u USING (g) LEFT JOIN r USING (g) ORDER BY 1, f.g"

/* One group's shown key and its payments, households and amount. */
#define RELIEF_REPORT_ROW(X, _)                                                                                     \
    X("CASE ?4 WHEN 'category' THEN (SELECT name FROM relief_categories WHERE id = f.g) WHEN 'fund' THEN (SELECT "  \
      "name FROM relief_funds WHERE id = f.g) WHEN 'village' THEN (SELECT t.name || w.name FROM units w JOIN units t " \
      "ON t.id = w.parent_id WHERE w.id = f.g) WHEN 'batch' THEN coalesce((SELECT title FROM relief_batches WHERE "   \
      "id = f.g), '（单项申请）') ELSE f.g || '年' END",                                                              \
      TEXT(128), key) _ X("f.payments", INT64, payments) _                                                          \
        X("coalesce(u.n, 0) - coalesce(r.n, 0)", INT64, households) _ X("f.amount_fen", MONEY, amount_fen)
/* Reads a RELIEF_REPORT_ROW. */
static DB_ROW_READER(relief_report_read, RELIEF_REPORT_ROW, struct relief_report_row)

/* Runs the report's query for the days [from, to] ("YYYY-MM-DD", either NULL for no bound), counting
   households when asked; calls fn per group. Returns the number of groups, or -1. */
static int report_run(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from,
                      const char *to, int households, void (*fn)(const struct relief_report_row *, void *), void *ctx)
{
    const char *code = relief_group_code(g);
    if (!code)
        return -1;
    sqlite3_stmt *st = db_prep(db, RELIEF_REPORT_FROM);
    if (!st)
        return -1;
    db_bind(st, "ttttd", actor->unit_path, from ? from : "", to ? to : "9999-12-31", code, households);
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

int relief_report(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from, const char *to,
                  void (*fn)(const struct relief_report_row *, void *), void *ctx)
{
    return report_run(db, actor, g, from && *from ? from : NULL, to && *to ? to : NULL, 1, fn, ctx);
}

int relief_month_report(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from_month,
                        const char *to_month, void (*fn)(const struct relief_report_row *, void *), void *ctx)
{
    char from[16], to[16];
    if ((from_month && strlen(from_month) != 7) || (to_month && strlen(to_month) != 7))
        return -1;
    if (from_month)
        snprintf(from, sizeof from, "%s-01", from_month);
    if (to_month)
        snprintf(to, sizeof to, "%s-31", to_month);
    return report_run(db, actor, g, from_month ? from : NULL, to_month ? to : NULL, 0, fn, ctx);
}

int relief_report_first_day(struct db *db, const struct user_ctx *actor, struct date *out)
{
    return date_from_number(db_int(db, 0, "SELECT CAST(replace(min(d.paid_on), '-', '') AS INTEGER) FROM units v "
                                          "JOIN relief_day_figures d ON d.village_id = v.id WHERE v.kind = 'village' "
                                          "AND in_scope(v.path, ?)",
                                   "t", actor->unit_path),
                            out);
}
