/* programme.c: programmes, their amounts and rules (see programme.h). */
#include "programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "relief_category.h"

const char *programme_beneficiary_name(const char *code)
{
    return !strcmp(code, "person") ? "个人" : !strcmp(code, "household") ? "家庭" : code;
}

const char *programme_period_name(const char *code)
{
    return !strcmp(code, "once") ? "一次性" : !strcmp(code, "year") ? "每年" : !strcmp(code, "month") ? "每月" : code;
}

/* The JSON array of the relations of a set (NULL for none: any relation). New reference. */
static json_t *relations_json(unsigned rel)
{
    if (!rel)
        return json_null();
    json_t *a = json_array();
    for (int k = 0; k < PROGRAMME_RELATIONS_MAX; k++)
        if (rel & (1u << k))
            json_array_append_new(a, json_string(programme_relation_names[k]));
    return a;
}

/* Normalises M/F/男/女 to "M"/"F"; "" for any; NULL when unknown. */
static const char *sex_code(const char *s)
{
    if (!s || !*s)
        return "";
    if (!strcmp(s, "M") || !strcmp(s, "男"))
        return "M";
    if (!strcmp(s, "F") || !strcmp(s, "女"))
        return "F";
    return NULL;
}

/* Checks a programme's input (fund in the actor's scope). 0 or -1 with e naming the field. */
static int programme_validate(struct db *db, const struct user_ctx *actor, const struct programme_input *in,
                              struct err *e)
{
    struct date d;
    struct relief_fund f;
    if (text_check(in->name, 1, PROGRAMME_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "项目名称应为 1 到 %d 个字", PROGRAMME_NAME_MAX_CHARS);
    if (!in->beneficiary || (strcmp(in->beneficiary, "person") && strcmp(in->beneficiary, "household")))
        return err_set(e, 422, "invalid_beneficiary", "beneficiary", "发放对象应为 person（个人）或 household（家庭）");
    if (!in->period || (strcmp(in->period, "once") && strcmp(in->period, "year") && strcmp(in->period, "month")))
        return err_set(e, 422, "invalid_period", "period", "发放周期应为 once（一次性）、year（每年）或 month（每月）");
    if (in->amount_fen <= 0 || in->amount_fen > PROGRAMME_MAX_FEN)
        return err_set(e, 422, "invalid_amount", "amount_fen", "标准金额应大于 0，且不超过 1,000,000.00 元");
    if (!in->effective_from || date_parse(in->effective_from, &d) != 0 || d.y < 2000)
        return err_set(e, 422, "invalid_date", "effective_from", "执行日期格式应为 YYYY-MM-DD（2000 年以后）");
    if (in->min_age < -1 || in->min_age > 150 || in->max_age < -1 || in->max_age > 150 ||
        (in->min_age >= 0 && in->max_age >= 0 && in->min_age > in->max_age))
        return err_set(e, 422, "invalid_age", "rules.min_age", "年龄条件应为 0 到 150 岁，且下限不大于上限");
    struct date ref;
    if (programme_ref_date(2001, in->age_on && *in->age_on ? in->age_on : "12-31", &ref) != 0)
        return err_set(e, 422, "invalid_age_on", "rules.age_on", "年龄计算日应写成 MM-DD，如 12-31");
    if (!sex_code(in->sex))
        return err_set(e, 422, "invalid_sex", "rules.sex", "性别条件应为 M（男）或 F（女）");
    if (hukou_parse(in->hukou) < 0)
        return err_set(e, 422, "invalid_hukou", "rules.hukou", "户籍条件应为 rural（农业）或 urban（非农业）");
    if (relief_fund_get(db, actor, in->fund_id, &f, e) != 0) {
        snprintf(e->field, sizeof e->field, "fund_id");
        return -1;
    }
    if (db_int(db, 0, "SELECT count(*) FROM programmes WHERE name = ?", "t", in->name) > 0)
        return err_set(e, 409, "duplicate_name", "name", "已有同名的扶助项目");
    return 0;
}

int64_t programme_create(struct db *db, const struct user_ctx *actor, const struct programme_input *in,
                         struct date today, struct err *e)
{
    (void)today;
    if (programme_validate(db, actor, in, e) != 0)
        return -1;
    char cats[HH_CATEGORY_JSON_SIZE];
    if (hh_category_codes_json(in->categories, cats, sizeof cats) != 0)
        return err_set(e, 500, "internal_error", NULL, "家庭类别过多");
    json_t *rel = relations_json(in->relations);
    char *rel_text = json_is_null(rel) ? NULL : json_dumps(rel, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(rel);
    if (db_begin(db) != SQLITE_OK) {
        free(rel_text);
        return db_fail(db, e);
    }
    const char *sex = sex_code(in->sex);
    int64_t id = -1;
    int ok = db_run(db, "INSERT INTO programmes (name, beneficiary, period, fund_id, categories, min_age, max_age, "
                        "age_on, sex, hukou, relations, alive_resident, created_by) "
                        "VALUES (?, ?, ?, ?, ?, nullif(?, -1), nullif(?, -1), ?, nullif(?, ''), ?, ?, ?, ?)",
                    "tttitiittttii", in->name, in->beneficiary, in->period, in->fund_id, cats,
                    (int64_t)in->min_age, (int64_t)in->max_age, in->age_on && *in->age_on ? in->age_on : "12-31",
                    sex, hukou_code(hukou_parse(in->hukou)), rel_text, (int64_t)(in->alive_resident ? 1 : 0),
                    actor->id) == SQLITE_DONE;
    free(rel_text);
    if (ok) {
        id = sqlite3_last_insert_rowid(db->h);
        ok = db_run(db, "INSERT INTO programme_amounts (programme_id, effective_from, amount_fen, created_by) "
                        "VALUES (?, ?, ?, ?)",
                    "itii", id, in->effective_from, in->amount_fen, actor->id) == SQLITE_DONE;
    }
    /* a once/household programme is also a relief category (relief reads its rules from the programme) */
    if (ok && !strcmp(in->period, "once") && !strcmp(in->beneficiary, "household") &&
        relief_category_attach(db, id, in->name, e) != 0) {
        db_rollback(db);
        return -1;
    }
    struct programme p;
    struct err pe;
    json_t *after = ok && programme_get(db, actor, id, &p, &pe) == 0 ? programme_json(db, &p) : NULL;
    return audit_commit(db, ok && after, actor, "create", "programme", id, NULL, after, e) == 0 ? id : -1;
}

int programme_set_amount(struct db *db, const struct user_ctx *actor, int64_t id, int64_t amount_fen,
                         const char *effective_from, struct date today, struct err *e)
{
    struct programme p;
    struct date d;
    (void)today;
    if (programme_get(db, actor, id, &p, e) != 0)
        return -1;
    if (amount_fen <= 0 || amount_fen > PROGRAMME_MAX_FEN)
        return err_set(e, 422, "invalid_amount", "amount_fen", "标准金额应大于 0，且不超过 1,000,000.00 元");
    if (!effective_from || date_parse(effective_from, &d) != 0 || d.y < 2000)
        return err_set(e, 422, "invalid_date", "effective_from", "执行日期格式应为 YYYY-MM-DD（2000 年以后）");
    if (db_int(db, 0, "SELECT count(*) FROM programme_amounts WHERE programme_id = ? AND effective_from = ?", "it", id,
               effective_from) > 0)
        return err_set(e, 409, "amount_exists", "effective_from", "该日期已有标准金额");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO programme_amounts (programme_id, effective_from, amount_fen, created_by) "
                        "VALUES (?, ?, ?, ?)", "itii", id, effective_from, amount_fen, actor->id) == SQLITE_DONE;
    json_t *after = json_pack("{s:s, s:I}", "effective_from", effective_from, "amount_fen", (json_int_t)amount_fen);
    return audit_commit(db, ok, actor, "set_amount", "programme", id, NULL, after, e);
}

static DB_ROW_READER(programme_read, PROGRAMME_ROW, struct programme)

/* A programme's columns; the scope ?2 reaches it when the fund's unit lies within the scope or
   the scope within the fund's unit (a district programme is read by its townships). */
#define PROGRAMME_SELECT                                                                                           \
    "SELECT " DB_ROW_COLUMNS(PROGRAMME_ROW) ", in_scope(fu.path, ?2) OR in_scope(?2, fu.path) FROM programmes p "  \
    "JOIN relief_funds f ON f.id = p.fund_id JOIN units fu ON fu.id = f.unit_id "

int programme_get(struct db *db, const struct user_ctx *actor, int64_t id, struct programme *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, PROGRAMME_SELECT "WHERE p.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && programme_read(st, out) != 0;
    int in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(PROGRAMME_ROW));
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "扶助项目不存在");
    return in_scope ? 0 : err_set(e, 403, "out_of_scope", NULL, "该扶助项目不在您的管辖范围内");
}

int programme_list(struct db *db, const struct user_ctx *actor, void (*fn)(const struct programme *, void *),
                   void *ctx)
{
    sqlite3_stmt *st = db_prep(db, PROGRAMME_SELECT "WHERE in_scope(fu.path, ?2) OR in_scope(?2, fu.path) "
                                                    "ORDER BY p.active DESC, p.id LIMIT ?3");
    if (!st)
        return -1;
    db_bind(st, "itd", (int64_t)0, actor->unit_path, PROGRAMME_LIST_MAX); /* ?1 is a programme's id: unused */
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct programme p;
        if (programme_read(st, &p) != 0) {
            db_done(st);
            return -1;
        }
        fn(&p, ctx);
    }
    if (db_end(st, 0, NULL) != 0)
        return -1;
    return (int)db_int(db, -1, "SELECT count(*) FROM programmes p JOIN relief_funds f ON f.id = p.fund_id JOIN units fu "
                               "ON fu.id = f.unit_id WHERE in_scope(fu.path, ?1) OR in_scope(?1, fu.path)", "t",
                       actor->unit_path);
}

int64_t programme_amount_on(struct db *db, int64_t id, const char *on)
{
    return db_int(db, 0, "SELECT amount_fen FROM programme_amounts WHERE programme_id = ? AND effective_from <= ? "
                         "ORDER BY effective_from DESC LIMIT 1", "it", id, on);
}

int programme_rules_of(const struct programme *p, int year, struct programme_rules *out)
{
    memset(out, 0, sizeof *out);
    out->min_age = p->min_age;
    out->max_age = p->max_age;
    out->sex = p->sex[0];
    out->hukou = p->hukou;
    out->relations = p->relations;
    out->alive_resident = p->alive_resident;
    out->once = strcmp(p->period, "once") == 0;
    return programme_ref_date(year, p->age_on, &out->ref);
}

json_t *programme_json(struct db *db, const struct programme *p)
{
    json_t *cats = json_array(), *amounts = json_array();
    for (int c = 0; c < HC__MAX; c++)
        if (p->categories & (1u << c))
            json_array_append_new(cats, json_string(hh_category_code(c)));
    sqlite3_stmt *st = db_prep(db, "SELECT effective_from, amount_fen FROM programme_amounts WHERE programme_id = ? "
                                   "ORDER BY effective_from");
    if (st) {
        db_bind(st, "i", p->id);
        while (sqlite3_step(st) == SQLITE_ROW)
            json_array_append_new(amounts, json_pack("{s:s, s:I}", "effective_from", db_text(st, 0), "amount_fen",
                                                     (json_int_t)sqlite3_column_int64(st, 1)));
        db_done(st);
    }
    json_t *rules = json_pack("{s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:b}", "categories_any", cats, "min_age",
                              p->min_age >= 0 ? json_integer(p->min_age) : json_null(), "max_age",
                              p->max_age >= 0 ? json_integer(p->max_age) : json_null(), "age_on", p->age_on, "sex",
                              p->sex[0] ? json_string(p->sex) : json_null(), "hukou",
                              hukou_code(p->hukou) ? json_string(hukou_code(p->hukou)) : json_null(), "relations",
                              relations_json(p->relations), "alive_resident", p->alive_resident);
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:b}", "id", (json_int_t)p->id, "name", p->name,
                     "beneficiary", p->beneficiary, "period", p->period, "fund_id", (json_int_t)p->fund_id, "fund",
                     p->fund_name, "amounts", amounts, "rules", rules, "active", p->active);
}
