/* relief_category.c: relief categories and their effective-dated amounts (see relief_category.h). */
#include "relief_category.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "db_row.h"
#include "household.h"
#include "relief_fund.h"
#include "text.h"

const char *relief_category_public(const struct relief_category *c)
{
    return c->sensitive && c->public_name[0] ? c->public_name : c->name;
}

void relief_category_rule(const struct relief_category *c, struct relief_rule *out)
{
    out->standard = c->standard;
    out->any_household = c->any_household;
    out->eligible = c->eligible;
    out->per_year = c->per_year;
    out->min_fen = c->min_fen;
    out->max_fen = c->max_fen;
}

/* A category's columns, then the amount in force on ?1 and the eligible codes. */
#define CATEGORY_ROW(X, _)                                                                                           \
    X("c.id", INT64, id) _ X("c.code", TEXT(32), code) _ X("c.name", TEXT(RELIEF_CATEGORY_NAME_SIZE), name) _     \
        X("c.public_name", TEXT(RELIEF_CATEGORY_NAME_SIZE), public_name) _                                       \
        X("c.amount_kind = 'standard'", INT, standard) _ X("c.any_household", INT, any_household) _             \
        X("c.batch", INT, batch) _ X("c.per_year", INT, per_year) _ X("c.sensitive", INT, sensitive) _          \
        X("c.active", INT, active) _ X("a.min_fen", MONEY, min_fen) _ X("a.max_fen", MONEY, max_fen) _          \
        X("a.effective_from", DATE, effective_from) _                                                            \
        X("(SELECT group_concat(household_cat) FROM relief_category_eligible e WHERE e.category_id = c.id)",     \
          ENUM(unsigned, hh_category_set_parse), eligible)

/* CATEGORY_ROW with its FROM. */
#define CATEGORY_SELECT                                                                                             \
    "SELECT " DB_ROW_COLUMNS(CATEGORY_ROW) " "                                                                     \
    "FROM relief_categories c LEFT JOIN relief_category_amounts a ON a.id = "                                       \
    "(SELECT id FROM relief_category_amounts x WHERE x.category_id = c.id AND x.effective_from <= ?1 "             \
    "ORDER BY x.effective_from DESC LIMIT 1) "

/* Fills a category from a row of CATEGORY_SELECT. */
static DB_ROW_READER(category_row, CATEGORY_ROW, struct relief_category)

/* An amount's columns. */
#define AMOUNT_ROW(X, _)                                                                                             \
    X("effective_from", DATE, effective_from) _ X("min_fen", MONEY, min_fen) _ X("max_fen", MONEY, max_fen)
/* Fills an amount from an AMOUNT_ROW. */
static DB_ROW_READER(amount_row, AMOUNT_ROW, struct relief_amount_row)

int relief_category_list(struct db *db, const char *as_of, int active_only,
                         void (*fn)(const struct relief_category *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, CATEGORY_SELECT "WHERE (?2 = 0 OR c.active = 1) ORDER BY c.sort, c.id");
    if (!st)
        return -1;
    db_bind(st, "td", as_of, active_only);
    struct relief_category rows[64];
    int n = 0, bad = 0;
    while (!bad && n < 64 && sqlite3_step(st) == SQLITE_ROW) {
        memset(&rows[n], 0, sizeof rows[n]);
        bad = category_row(st, &rows[n++]) != 0;
    }
    db_done(st);
    if (bad)
        return -1;
    for (int i = 0; i < n; i++)
        fn(&rows[i], ctx);
    return n;
}

int relief_category_get(struct db *db, int64_t id, const char *as_of, struct relief_category *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, CATEGORY_SELECT "WHERE c.id = ?2");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ti", as_of, id);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && category_row(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "category_not_found", "category_id", "救助类别不存在");
    if (out->min_fen <= 0)
        return err_set(e, 422, "no_amount_in_force", "category_id", "%s 在 %s 尚无有效的救助标准", out->name, as_of);
    return 0;
}

int relief_category_set_amount(struct db *db, const struct user_ctx *actor, int64_t id, const char *from,
                               int64_t min_fen, int64_t max_fen, struct err *e)
{
    struct date d;
    struct relief_category c;
    if (!from || date_parse(from, &d) != 0)
        return err_set(e, 422, "invalid_date", "effective_from", "生效日期格式应为 YYYY-MM-DD");
    if (min_fen <= 0 || max_fen < min_fen || max_fen > 100000000LL)
        return err_set(e, 422, "invalid_amount", "min_fen", "金额应大于零，上限不小于下限，且不超过100万元");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int rc = relief_category_get(db, id, "9999-12-31", &c, e);
    if (rc == 0 && c.standard && min_fen != max_fen)
        rc = err_set(e, 422, "invalid_amount", "max_fen", "按标准发放的类别只有一个金额");
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    int ok = db_run(db, "INSERT INTO relief_category_amounts (category_id, effective_from, min_fen, max_fen, created_by) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (category_id, effective_from) DO UPDATE SET "
                        "min_fen = excluded.min_fen, max_fen = excluded.max_fen, created_by = excluded.created_by",
                    "itiii", id, from, min_fen, max_fen, actor->id) == SQLITE_DONE &&
             /* the category's programme (migration 071) follows: its amount is the standard or the minimum */
             db_run(db, "INSERT INTO programme_amounts (programme_id, effective_from, amount_fen, created_by) "
                        "SELECT programme_id, ?2, ?3, ?4 FROM relief_categories WHERE id = ?1 AND programme_id IS NOT NULL "
                        "ON CONFLICT (programme_id, effective_from) DO UPDATE SET amount_fen = excluded.amount_fen",
                    "itii", id, from, min_fen, actor->id) == SQLITE_DONE;
    json_t *after = json_pack("{s:s, s:I, s:I}", "effective_from", from, "min_fen", (json_int_t)min_fen, "max_fen",
                              (json_int_t)max_fen);
    return audit_commit(db, ok, actor, "set_amount", "relief_category", id, NULL, after, e);
}

int relief_category_update(struct db *db, const struct user_ctx *actor, int64_t id, unsigned eligible,
                           int any_household, int per_year, int active, struct err *e)
{
    if (per_year < 1 || per_year > 12)
        return err_set(e, 422, "invalid_per_year", "per_year", "每户每年次数应为 1 到 12");
    if (!any_household && !(eligible & ((1u << HC__MAX) - 1)))
        return err_set(e, 422, "no_eligible_category", "eligible", "请至少选择一个可享受的家庭类别，或选择“所有计生家庭”");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (db_int(db, 0, "SELECT count(*) FROM relief_categories WHERE id = ?", "i", id) == 0) {
        db_rollback(db);
        return err_set(e, 404, "category_not_found", NULL, "救助类别不存在");
    }
    int ok = db_run(db, "UPDATE relief_categories SET any_household = ?, per_year = ?, active = ? WHERE id = ?", "dddi",
                    any_household ? 1 : 0, per_year, active ? 1 : 0, id) == SQLITE_DONE &&
             db_run(db, "DELETE FROM relief_category_eligible WHERE category_id = ?", "i", id) == SQLITE_DONE;
    json_t *cats = json_array();
    for (int k = 0; ok && k < HC__MAX; k++)
        if (eligible & (1u << k)) {
            ok = db_run(db, "INSERT INTO relief_category_eligible (category_id, household_cat) VALUES (?, ?)", "it", id,
                        hh_category_code(k)) == SQLITE_DONE;
            json_array_append_new(cats, json_string(hh_category_code(k)));
        }
    /* the category's programme (migration 071) follows: its household categories ([] = any) and whether active */
    ok = ok && db_run(db, "UPDATE programmes SET categories = CASE WHEN ?2 THEN '[]' ELSE coalesce((SELECT "
                          "json_group_array(household_cat) FROM relief_category_eligible WHERE category_id = ?1), '[]') END, "
                          "active = ?3 WHERE id = (SELECT programme_id FROM relief_categories WHERE id = ?1)",
                      "idd", id, any_household ? 1 : 0, active ? 1 : 0) == SQLITE_DONE;
    json_t *after = json_pack("{s:o, s:b, s:i, s:b}", "eligible", cats, "any_household", any_household, "per_year",
                              per_year, "active", active);
    return audit_commit(db, ok, actor, "update", "relief_category", id, NULL, after, e);
}

int relief_category_amounts(struct db *db, int64_t id, void (*fn)(const struct relief_amount_row *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AMOUNT_ROW) " FROM relief_category_amounts "
                                   "WHERE category_id = ? ORDER BY effective_from DESC");
    if (!st)
        return -1;
    db_bind(st, "i", id);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct relief_amount_row a = {0};
        if (amount_row(st, &a) != 0) {
            n = -1;
            break;
        }
        fn(&a, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

/* Checks a new category's input. 0 or -1 with e naming the field. */
static int category_validate(struct db *db, const struct user_ctx *actor, const struct relief_category_input *in,
                             struct err *e)
{
    struct date d;
    struct relief_fund f;
    if (text_check(in->name, 1, NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "类别名称应为 1 到 %d 个字", NAME_MAX_CHARS);
    if (in->min_fen <= 0 || in->max_fen < in->min_fen || in->max_fen > 100000000LL || (in->standard && in->min_fen != in->max_fen))
        return err_set(e, 422, "invalid_amount", "min_fen", "金额应大于零，上限不小于下限，且不超过100万元；按标准发放的类别只有一个金额");
    if (!in->effective_from || date_parse(in->effective_from, &d) != 0 || d.y < 2000)
        return err_set(e, 422, "invalid_date", "effective_from", "生效日期格式应为 YYYY-MM-DD（2000 年以后）");
    if (in->per_year < 1 || in->per_year > 12)
        return err_set(e, 422, "invalid_per_year", "per_year", "每户每年次数应为 1 到 12");
    if (!in->any_household && !(in->eligible & ((1u << HC__MAX) - 1)))
        return err_set(e, 422, "no_eligible_category", "eligible", "请至少选择一个可享受的家庭类别，或选择“所有计生家庭”");
    if (relief_fund_get(db, actor, in->fund_id, &f, e) != 0) {
        snprintf(e->field, sizeof e->field, "fund_id");
        return -1;
    }
    if (db_int(db, 0, "SELECT (SELECT count(*) FROM relief_categories WHERE name = ?1) + "
                      "(SELECT count(*) FROM programmes WHERE name = ?1)", "t", in->name) > 0)
        return err_set(e, 409, "duplicate_name", "name", "已有同名的救助类别或扶助项目");
    return 0;
}

int64_t relief_category_create(struct db *db, const struct user_ctx *actor, const struct relief_category_input *in,
                               struct err *e)
{
    char cats[HH_CATEGORY_JSON_SIZE];
    if (category_validate(db, actor, in, e) != 0)
        return -1;
    if (hh_category_codes_json(in->any_household ? 0 : in->eligible, cats, sizeof cats) != 0)
        return err_set(e, 500, "internal_error", NULL, "家庭类别过多");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO programmes (name, beneficiary, period, fund_id, categories, alive_resident, created_by) "
                        "VALUES (?, 'household', 'once', ?, ?, 0, ?)", "titi", in->name, in->fund_id, cats,
                    actor->id) == SQLITE_DONE;
    int64_t programme = ok ? sqlite3_last_insert_rowid(db->h) : 0, id = -1;
    ok = ok && db_run(db, "INSERT INTO programme_amounts (programme_id, effective_from, amount_fen, created_by) "
                          "VALUES (?, ?, ?, ?)", "itii", programme, in->effective_from, in->min_fen, actor->id) == SQLITE_DONE &&
         db_run(db, "INSERT INTO relief_categories (code, name, amount_kind, any_household, batch, per_year, sort, programme_id) "
                    "VALUES ('custom_' || (SELECT coalesce(max(id), 0) + 1 FROM relief_categories), ?, ?, ?, ?, ?, "
                    "(SELECT coalesce(max(sort), 0) + 1 FROM relief_categories), ?)",
                "ttdddi", in->name, in->standard ? "standard" : "case", in->any_household ? 1 : 0, in->batch ? 1 : 0,
                in->per_year, programme) == SQLITE_DONE;
    if (ok)
        id = sqlite3_last_insert_rowid(db->h);
    for (int k = 0; ok && !in->any_household && k < HC__MAX; k++)
        if (in->eligible & (1u << k))
            ok = db_run(db, "INSERT INTO relief_category_eligible (category_id, household_cat) VALUES (?, ?)", "it", id,
                        hh_category_code(k)) == SQLITE_DONE;
    ok = ok && db_run(db, "INSERT INTO relief_category_amounts (category_id, effective_from, min_fen, max_fen, created_by) "
                          "VALUES (?, ?, ?, ?, ?)", "itiii", id, in->effective_from, in->min_fen, in->max_fen,
                      actor->id) == SQLITE_DONE;
    json_t *after = json_pack("{s:s, s:b, s:I, s:I, s:s, s:s, s:b, s:I}", "name", in->name, "standard", in->standard,
                              "min_fen", (json_int_t)in->min_fen, "max_fen", (json_int_t)in->max_fen, "effective_from",
                              in->effective_from, "eligible", cats, "any_household", in->any_household, "programme_id",
                              (json_int_t)programme);
    return audit_commit(db, ok, actor, "create", "relief_category", id, NULL, after, e) == 0 ? id : -1;
}
