/* relief_category.c: relief categories and their effective-dated amounts (see relief_category.h). */
#include "relief_category.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "db_row.h"
#include "household.h"
#include "member_status.h"
#include "relief_fund.h"
#include "text.h"

const char *relief_category_public(const struct relief_category *c)
{
    return c->sensitive && c->public_name[0] ? c->public_name : c->name;
}

enum roll_fail relief_category_check_head(const struct relief_category *c, const struct person_facts *head, int year,
                                          char *why, size_t n)
{
    struct programme_rules r = {.min_age = c->min_age, .max_age = c->max_age, .sex = c->sex[0], .hukou = c->hukou,
                                .relations = c->relations, .alive_resident = c->alive_resident};
    struct person_facts p = *head;
    p.category_ok = 1; /* relief_check_eligible says which categories are missing */
    p.paid_before = 0; /* relief counts times a year instead (relief_check_limit) */
    if (programme_ref_date(year, c->age_on, &r.ref) != 0) /* programme_create admits only days of the year */
        programme_ref_date(year, "12-31", &r.ref);
    enum roll_fail f = programme_rule_check(&r, &p);
    if (f != ROLL_OK)
        snprintf(why, n, "户主不符合扶助项目“%s”的条件：%s", c->name, roll_fail_name(f));
    return f;
}

/* A date column, {0} when NULL or not a date. */
static struct date column_date(sqlite3_stmt *st, int col)
{
    struct date d = {0};
    const char *s = db_text(st, col);
    if (!s || date_parse(s, &d) != 0)
        d = (struct date){0};
    return d;
}

void relief_head_read(sqlite3_stmt *st, int col, struct relief_head *out)
{
    const char *sex = db_text(st, col + 1), *rel = db_text(st, col + 3);
    memset(out, 0, sizeof *out);
    if (rel && strlen(rel) < sizeof out->relation)
        memcpy(out->relation, rel, strlen(rel) + 1);
    out->p = (struct person_facts){.birth = column_date(st, col), .sex = sex ? sex[0] : 0,
                                   .hukou = hukou_of_code(db_text(st, col + 2)), .relation = out->relation,
                                   .died = column_date(st, col + 4), .moved = column_date(st, col + 5)};
}

int relief_category_attach(struct db *db, int64_t programme_id, const char *name, struct err *e)
{
    if (db_int(db, 0, "SELECT count(*) FROM relief_categories WHERE name = ?", "t", name) > 0)
        return err_set(e, 409, "duplicate_name", "name", "已有同名的救助类别");
    if (db_run(db, "INSERT INTO relief_categories (code, name, amount_kind, batch, per_year, sort, programme_id) "
                   "VALUES ('programme_' || ?1, ?2, 'standard', 1, 1, "
                   "(SELECT coalesce(max(sort), 0) + 1 FROM relief_categories), ?1)",
               "it", programme_id, name) != SQLITE_DONE)
        return db_fail(db, e);
    return 0;
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

/* A category's own columns, then its programme's (p): the amount in force on ?1 (a), the categories,
   the fund and the rules over the head. */
#define CATEGORY_ROW(X, _)                                                                                           \
    X("c.id", INT64, id) _ X("c.code", TEXT(32), code) _ X("c.name", TEXT(RELIEF_CATEGORY_NAME_SIZE), name) _     \
        X("c.public_name", TEXT(RELIEF_CATEGORY_NAME_SIZE), public_name) _                                       \
        X("c.amount_kind = 'standard'", INT, standard) _ X("p.categories = '[]'", INT, any_household) _         \
        X("c.batch", INT, batch) _ X("c.per_year", INT, per_year) _ X("c.sensitive", INT, sensitive) _          \
        X("p.active", INT, active) _ X("a.amount_fen", MONEY, min_fen) _                                        \
        X("coalesce(a.max_fen, a.amount_fen)", MONEY, max_fen) _ X("a.effective_from", DATE, effective_from) _  \
        X("p.categories", ENUM(unsigned, programme_categories_parse), eligible) _                               \
        X("p.id", INT64, programme_id) _ X("p.fund_id", INT64, fund_id) _                                       \
        X("coalesce(p.min_age, -1)", INT, min_age) _ X("coalesce(p.max_age, -1)", INT, max_age) _              \
        X("coalesce(p.hukou, '')", ENUM(int, hukou_of_code), hukou) _ X("p.alive_resident", INT, alive_resident) _ \
        X("p.age_on", TEXT(8), age_on) _ X("coalesce(p.sex, '')", TEXT(4), sex) _                               \
        X("coalesce(p.relations, '')", ENUM(unsigned, programme_relations_parse), relations)

/* CATEGORY_ROW with its FROM. */
#define CATEGORY_SELECT                                                                                             \
    "SELECT " DB_ROW_COLUMNS(CATEGORY_ROW) " "                                                                     \
    "FROM relief_categories c JOIN programmes p ON p.id = c.programme_id LEFT JOIN programme_amounts a ON a.id = " \
    "(SELECT id FROM programme_amounts x WHERE x.programme_id = p.id AND x.effective_from <= ?1 "                 \
    "ORDER BY x.effective_from DESC LIMIT 1) "

/* Fills a category from a row of CATEGORY_SELECT. */
static DB_ROW_READER(category_row, CATEGORY_ROW, struct relief_category)

/* An amount's columns (programme_amounts). */
#define AMOUNT_ROW(X, _)                                                                                             \
    X("effective_from", DATE, effective_from) _ X("amount_fen", MONEY, min_fen) _                                  \
        X("coalesce(max_fen, amount_fen)", MONEY, max_fen)
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
    int ok = db_run(db, "INSERT INTO programme_amounts (programme_id, effective_from, amount_fen, max_fen, created_by) "
                        "VALUES (?, ?, ?, nullif(?, ?), ?) ON CONFLICT (programme_id, effective_from) DO UPDATE SET "
                        "amount_fen = excluded.amount_fen, max_fen = excluded.max_fen, created_by = excluded.created_by",
                    "itiiii", c.programme_id, from, min_fen, max_fen, min_fen, actor->id) == SQLITE_DONE;
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
    char codes[HH_CATEGORY_JSON_SIZE];
    if (hh_category_codes_json(any_household ? 0 : eligible, codes, sizeof codes) != 0) {
        db_rollback(db);
        return err_set(e, 500, "internal_error", NULL, "家庭类别过多");
    }
    /* times a year are the category's; who is eligible and whether active are its programme's */
    int ok = db_run(db, "UPDATE relief_categories SET per_year = ? WHERE id = ?", "di", per_year, id) == SQLITE_DONE &&
             db_run(db, "UPDATE programmes SET categories = ?2, active = ?3 "
                        "WHERE id = (SELECT programme_id FROM relief_categories WHERE id = ?1)",
                    "itd", id, codes, active ? 1 : 0) == SQLITE_DONE;
    json_t *cats = json_array();
    for (int k = 0; !any_household && k < HC__MAX; k++)
        if (eligible & (1u << k))
            json_array_append_new(cats, json_string(hh_category_code(k)));
    json_t *after = json_pack("{s:o, s:b, s:i, s:b}", "eligible", cats, "any_household", any_household, "per_year",
                              per_year, "active", active);
    return audit_commit(db, ok, actor, "update", "relief_category", id, NULL, after, e);
}

int relief_category_amounts(struct db *db, int64_t id, void (*fn)(const struct relief_amount_row *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AMOUNT_ROW) " FROM programme_amounts WHERE programme_id = "
                                   "(SELECT programme_id FROM relief_categories WHERE id = ?) ORDER BY effective_from DESC");
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
    ok = ok && db_run(db, "INSERT INTO programme_amounts (programme_id, effective_from, amount_fen, max_fen, created_by) "
                          "VALUES (?, ?, ?, nullif(?, ?), ?)", "itiiii", programme, in->effective_from, in->min_fen,
                      in->max_fen, in->min_fen, actor->id) == SQLITE_DONE &&
         db_run(db, "INSERT INTO relief_categories (code, name, amount_kind, batch, per_year, sort, programme_id) "
                    "VALUES ('custom_' || (SELECT coalesce(max(id), 0) + 1 FROM relief_categories), ?, ?, ?, ?, "
                    "(SELECT coalesce(max(sort), 0) + 1 FROM relief_categories), ?)",
                "ttddi", in->name, in->standard ? "standard" : "case", in->batch ? 1 : 0, in->per_year,
                programme) == SQLITE_DONE;
    if (ok)
        id = sqlite3_last_insert_rowid(db->h);
    json_t *after = json_pack("{s:s, s:b, s:I, s:I, s:s, s:s, s:b, s:I}", "name", in->name, "standard", in->standard,
                              "min_fen", (json_int_t)in->min_fen, "max_fen", (json_int_t)in->max_fen, "effective_from",
                              in->effective_from, "eligible", cats, "any_household", in->any_household, "programme_id",
                              (json_int_t)programme);
    return audit_commit(db, ok, actor, "create", "relief_category", id, NULL, after, e) == 0 ? id : -1;
}
