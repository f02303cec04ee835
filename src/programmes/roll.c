/* roll.c: yearly rolls of a programme (see roll.h). */
#include "roll.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "keyset.h"
#include "masking.h"
#include "unit.h"

int roll_status_included(const char *status)
{
    return !strcmp(status, "new") || !strcmp(status, "continued") || !strcmp(status, "added");
}

const char *roll_state_name(const char *state)
{
    return !strcmp(state, "draft") ? "草稿" : !strcmp(state, "in_notice") ? "公示中" : !strcmp(state, "approved") ? "已批准" : state;
}

const char *roll_status_name(const char *status)
{
    static const char *const names[][2] = {{"new", "新增"},      {"continued", "继续"}, {"added", "补录"},
                                           {"excluded", "不符合"}, {"removed", "移出"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(status, names[i][0]))
            return names[i][1];
    return status;
}

/* ---- the rules as an SQL function --------------------------------------------------------- */

/* The rules of the roll being computed on this thread (the SQL function reads them). */
static _Thread_local struct programme_rules roll_rules;

/* A date column, {0} when NULL or not a date. */
static struct date value_date(sqlite3_value *v)
{
    struct date d = {0};
    const char *s = (const char *)sqlite3_value_text(v);
    if (!s || date_parse(s, &d) != 0)
        d = (struct date){0};
    return d;
}

/* SQL roll_fail(category_ok, birth_date, sex, hukou, relation, died_on, moved_out_on, paid_before):
   the code of the first rule of roll_rules the person fails, or NULL when admitted. */
static void roll_fail_sql(sqlite3_context *c, int argc, sqlite3_value **v)
{
    (void)argc;
    const char *sex = (const char *)sqlite3_value_text(v[2]);
    struct person_facts p = {.category_ok = sqlite3_value_int(v[0]), .birth = value_date(v[1]),
                             .sex = sex ? sex[0] : 0, .hukou = hukou_of_code((const char *)sqlite3_value_text(v[3])),
                             .relation = (const char *)sqlite3_value_text(v[4]), .died = value_date(v[5]),
                             .moved = value_date(v[6]), .paid_before = sqlite3_value_int(v[7])};
    enum roll_fail f = programme_rule_check(&roll_rules, &p);
    if (f == ROLL_OK)
        sqlite3_result_null(c);
    else
        sqlite3_result_text(c, roll_fail_code(f), -1, SQLITE_STATIC);
}

/* The roll's statement, bound as: ?1 the roll, ?2 the amount, ?3 the unit's path, ?4 the
   categories (a JSON array of tagged codes, NULL for any), ?5 the programme, ?6 the year, ?7 1 for
   a person programme (0: the household's head stands for it), ?8 the last birth day reaching the
   minimum age (programme_born_by), ?9 1 for a once-only programme.
   Candidates (docs/domain.md): the people (or heads) of the unit's households of the categories who
   have reached the minimum age, then whoever else was on last year's roll (`last`: the person, or
   the household's head today). Two ways to the first: from the birth-day index (members_birth
   holds every fact the rules read) when there is a minimum age — the people old enough are few —
   else from the unit's villages and households. */
#define ROLL_CATEGORY_OK                                                                                     \
    "(?4 IS NULL OR EXISTS (SELECT 1 FROM household_category_links k WHERE k.household_id = h.id AND "      \
    "k.category IN (SELECT value FROM json_each(?4))))"
#define ROLL_OLD_ENOUGH "m.birth_date <= ?8 AND (?7 OR m.is_head = 1) AND " ROLL_CATEGORY_OK
#define ROLL_FACTS "m.id, m.household_id, m.birth_date, m.sex, m.hukou, m.relation, m.died_on, m.moved_out_on"
#define ROLL_BY_BIRTH                                                                                        \
    "SELECT " ROLL_FACTS ", 1 FROM members m CROSS JOIN households h CROSS JOIN units v WHERE h.id = "        \
    "m.household_id AND v.id = h.village_id AND in_scope(v.path, ?3) AND " ROLL_OLD_ENOUGH
#define ROLL_BY_HOUSEHOLD                                                                                    \
    "SELECT " ROLL_FACTS ", 1 FROM units v JOIN households h ON h.village_id = v.id JOIN members m ON "        \
    "m.household_id = h.id WHERE in_scope(v.path, ?3) AND " ROLL_OLD_ENOUGH
#define ROLL_LAST_YEAR                                                                                       \
    "last(mid) AS MATERIALIZED (SELECT m.id FROM rolls pr JOIN roll_rows p ON p.roll_id = pr.id JOIN members m " \
    "ON m.id = coalesce(p.member_id, (SELECT hm.id FROM members hm WHERE hm.household_id = p.household_id "  \
    "AND hm.is_head = 1)) JOIN households h ON h.id = m.household_id JOIN units v ON v.id = h.village_id "   \
    "WHERE pr.programme_id = ?5 AND pr.year = ?6 - 1 AND p.status IN ('new', 'continued', 'added') AND "      \
    "in_scope(v.path, ?3)), "
#define ROLL_LAST_OTHERS                                                                                     \
    "SELECT " ROLL_FACTS ", " ROLL_CATEGORY_OK " FROM last l JOIN members m ON m.id = l.mid JOIN households h " \
    "ON h.id = m.household_id WHERE NOT (" ROLL_OLD_ENOUGH ")"
/* each candidate with the first rule it fails (roll_fail; a once-only programme asks whether an
   earlier roll paid them), written in household order (the registry's, so the indexes grow at
   their ends) */
#define ROLL_SCORE_INSERT                                                                                    \
    ", scored AS MATERIALIZED (SELECT hid, mid, mid IN (SELECT mid FROM last) AS prev, roll_fail(cat_ok, "    \
    "birth, sex, hukou, relation, died, moved, CASE WHEN ?9 THEN CASE WHEN ?7 THEN EXISTS (SELECT 1 FROM "    \
    "roll_rows p JOIN rolls pr ON pr.id = p.roll_id WHERE p.member_id = c.mid AND pr.programme_id = ?5 AND "  \
    "p.pay_state = 'paid') ELSE EXISTS (SELECT 1 FROM roll_rows p JOIN rolls pr ON pr.id = p.roll_id WHERE "  \
    "p.household_id = c.hid AND p.member_id IS NULL AND pr.programme_id = ?5 AND p.pay_state = 'paid') END "  \
    "ELSE 0 END) AS f FROM cand c) "                                                                        \
    "INSERT INTO roll_rows (roll_id, household_id, member_id, status, reason, amount_fen, was_on_roll) "     \
    "SELECT ?1, hid, CASE WHEN ?7 THEN mid END, CASE WHEN f IS NOT NULL THEN 'excluded' WHEN prev THEN "     \
    "'continued' ELSE 'new' END, coalesce(f, ''), CASE WHEN f IS NULL THEN ?2 ELSE 0 END, prev FROM scored " \
    "ORDER BY hid, mid"
#define ROLL_CANDIDATES "cand(mid, hid, birth, sex, hukou, relation, died, moved, cat_ok) AS ("
static const char roll_by_birth_sql[] =
    "WITH " ROLL_LAST_YEAR ROLL_CANDIDATES ROLL_BY_BIRTH " UNION ALL " ROLL_LAST_OTHERS ")" ROLL_SCORE_INSERT;
static const char roll_by_household_sql[] =
    "WITH " ROLL_LAST_YEAR ROLL_CANDIDATES ROLL_BY_HOUSEHOLD " UNION ALL " ROLL_LAST_OTHERS ")" ROLL_SCORE_INSERT;

/* Checks a roll's programme, unit and year; fills the programme, the unit and the amount. */
static int roll_validate(struct db *db, const struct user_ctx *actor, int64_t programme_id, int year,
                         int64_t unit_id, struct date today, struct programme *p, struct unit *u,
                         int64_t *amount, struct err *e)
{
    if (programme_get(db, actor, programme_id, p, e) != 0)
        return -1;
    if (!p->active)
        return err_set(e, 409, "programme_inactive", "programme_id", "该扶助项目已停用");
    if (year < 2000 || year > today.y + 1)
        return err_set(e, 422, "invalid_year", "year", "年度应在 2000 年到 %d 年之间", today.y + 1);
    int in_scope = 0;
    if (unit_get_in_scope(db, unit_id, actor->unit_path, u, &in_scope) != 0 || !strcmp(u->kind, "district"))
        return err_set(e, 422, "invalid_unit", "unit_id", "请选择镇或村");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "unit_id", "该单位不在您的管辖范围内");
    if (db_int(db, 0, "SELECT in_scope(u.path, fu.path) FROM units u, relief_funds f JOIN units fu ON fu.id = f.unit_id "
                      "WHERE u.id = ? AND f.id = ?", "ii", unit_id, p->fund_id) != 1)
        return err_set(e, 409, "fund_out_of_scope", "unit_id", "项目的资金（%s）不能支付该单位", p->fund_name);
    struct programme_rules rules;
    char ref[11];
    if (programme_rules_of(p, year, &rules) != 0)
        return err_set(e, 500, "internal_error", NULL, "项目的年龄计算日无效");
    *amount = programme_amount_on(db, programme_id, date_format(rules.ref, ref)) * (strcmp(p->period, "month") ? 1 : 12);
    if (*amount <= 0)
        return err_set(e, 409, "no_amount", "year", "%s 没有执行中的标准金额", ref);
    if (db_int(db, 0, "SELECT count(*) FROM rolls WHERE programme_id = ? AND unit_id = ? AND year = ?", "iii",
               programme_id, unit_id, (int64_t)year) > 0)
        return err_set(e, 409, "roll_exists", "year", "%s %d 年的资格确认名册已经建立", u->name, year);
    return 0;
}

int64_t roll_create(struct db *db, const struct user_ctx *actor, int64_t programme_id, int year, int64_t unit_id,
                    struct date today, struct err *e)
{
    struct programme p;
    struct unit u;
    int64_t amount = 0;
    if (roll_validate(db, actor, programme_id, year, unit_id, today, &p, &u, &amount, e) != 0)
        return -1;
    char cats[HH_CATEGORY_JSON_SIZE], ref[11], born_by[11];
    if (p.categories && hh_category_codes_json(hh_category_within(p.categories), cats, sizeof cats) != 0)
        return err_set(e, 500, "internal_error", NULL, "家庭类别过多");
    /* roll_fail is registered after db_begin: in the server the transaction runs on the shared
       writing connection (db.h), not on this thread's own */
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    programme_rules_of(&p, year, &roll_rules);
    date_format(roll_rules.ref, ref);
    programme_born_by(&roll_rules, born_by);
    int64_t id = -1;
    int ok = sqlite3_create_function(db->h, "roll_fail", 8, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, roll_fail_sql,
                                     NULL, NULL) == SQLITE_OK &&
             db_run(db, "INSERT INTO rolls (programme_id, unit_id, year, ref_date, amount_fen, created_by) "
                        "VALUES (?, ?, ?, ?, ?, ?)", "iiitii", programme_id, unit_id, (int64_t)year, ref, amount,
                    actor->id) == SQLITE_DONE;
    if (ok) {
        id = sqlite3_last_insert_rowid(db->h);
        ok = db_run(db, roll_rules.min_age >= 0 ? roll_by_birth_sql : roll_by_household_sql, "iitti" "iiti", id,
                    amount, u.path, p.categories ? cats : NULL, programme_id, (int64_t)year,
                    (int64_t)(strcmp(p.beneficiary, "person") == 0), born_by, (int64_t)roll_rules.once) == SQLITE_DONE;
    }
    struct roll r;
    struct err ge;
    json_t *after = NULL;
    if (ok && roll_get(db, actor, id, &r, &ge) == 0)
        after = json_pack("{s:I, s:I, s:i, s:s, s:I, s:I, s:I, s:I, s:I}", "programme_id", (json_int_t)programme_id,
                          "unit_id", (json_int_t)unit_id, "year", year, "ref_date", ref, "new", (json_int_t)r.n_new,
                          "continued", (json_int_t)r.n_continued, "excluded", (json_int_t)r.n_excluded, "exits",
                          (json_int_t)r.n_exits, "total_fen", (json_int_t)r.total_fen);
    return audit_commit(db, ok && after, actor, "create", "roll", id, NULL, after, e) == 0 ? id : -1;
}

/* ---- reads -------------------------------------------------------------------------------- */

static DB_ROW_READER(roll_read, ROLL_ROW, struct roll)
static DB_ROW_READER(roll_line_read, ROLL_LINE_ROW, struct roll_line)

/* Fills the counts of a roll from its rows. 0 or -1. */
static int roll_count(struct db *db, struct roll *r)
{
    sqlite3_stmt *st = db_prep(db, "SELECT status, pay_state, count(*), sum(amount_fen), sum(was_on_roll) "
                                   "FROM roll_rows WHERE roll_id = ? GROUP BY status, pay_state");
    if (!st)
        return -1;
    db_bind(st, "i", r->id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *status = db_text(st, 0), *pay = db_text(st, 1);
        int64_t n = sqlite3_column_int64(st, 2), fen = sqlite3_column_int64(st, 3);
        int64_t *slot = !strcmp(status, "new")         ? &r->n_new
                        : !strcmp(status, "continued") ? &r->n_continued
                        : !strcmp(status, "added")     ? &r->n_added
                        : !strcmp(status, "excluded")  ? &r->n_excluded
                                                       : &r->n_removed;
        *slot += n;
        if (!strcmp(status, "excluded") || !strcmp(status, "removed"))
            r->n_exits += sqlite3_column_int64(st, 4);
        if (!roll_status_included(status))
            continue;
        r->total_fen += fen;
        if (!strcmp(pay, "paid"))
            r->n_paid += n, r->paid_fen += fen;
        else if (!strcmp(pay, "failed"))
            r->n_failed += n;
    }
    return db_end(st, 0, NULL);
}

int roll_get(struct db *db, const struct user_ctx *actor, int64_t id, struct roll *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(ROLL_ROW) ", in_scope(u.path, ?2) FROM rolls r "
                                   "JOIN programmes p ON p.id = r.programme_id JOIN units u ON u.id = r.unit_id "
                                   "LEFT JOIN notices n ON n.id = r.notice_id WHERE r.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && roll_read(st, out) != 0;
    int in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(ROLL_ROW));
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "资格确认名册不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", NULL, "该名册不在您的管辖范围内");
    return roll_count(db, out) == 0 ? 0 : db_fail(db, e);
}

int64_t roll_list(struct db *db, const struct user_ctx *actor, int64_t programme_id,
                  void (*fn)(const struct roll *, void *), void *ctx)
{
    int64_t total = db_int(db, -1, "SELECT count(*) FROM rolls r JOIN units u ON u.id = r.unit_id WHERE "
                                   "in_scope(u.path, ?1) AND (?2 = 0 OR r.programme_id = ?2)", "ti", actor->unit_path,
                           programme_id);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(ROLL_ROW) " FROM rolls r JOIN programmes p ON p.id = "
                                   "r.programme_id JOIN units u ON u.id = r.unit_id LEFT JOIN notices n ON n.id = "
                                   "r.notice_id WHERE in_scope(u.path, ?1) AND (?2 = 0 OR r.programme_id = ?2) "
                                   "ORDER BY r.year DESC, r.id DESC LIMIT ?3");
    if (total < 0 || !st)
        return -1;
    db_bind(st, "tid", actor->unit_path, programme_id, ROLL_LIST_MAX);
    struct roll *list = calloc(ROLL_LIST_MAX, sizeof *list);
    int n = 0, bad = !list;
    while (!bad && n < ROLL_LIST_MAX && sqlite3_step(st) == SQLITE_ROW)
        bad = roll_read(st, &list[n++]) != 0;
    bad = db_end(st, bad ? -1 : 0, NULL) != 0;
    for (int i = 0; !bad && i < n; i++) /* counted after the list's statement is done */
        if (roll_count(db, &list[i]) == 0)
            fn(&list[i], ctx);
        else
            bad = 1;
    free(list);
    return bad ? -1 : total;
}

/* The rows of a roll of one kind: ?2 1 for those not on it (excluded or removed), ?3 1 for those on
   it and not yet paid; read through the index roll_rows_kind in row order. */
#define ROLL_LINES_OF                                                                                        \
    " x.roll_id = ?1 AND (x.status IN ('excluded', 'removed')) = ?2 AND (?3 = 0 OR x.pay_state <> 'paid')"

int64_t roll_lines(struct db *db, int64_t roll_id, enum roll_which which, int64_t after, int limit, int offset,
                   void (*fn)(const struct roll_line *, void *), void *ctx)
{
    int excluded = which == ROLL_EXCLUDED, unpaid = which == ROLL_PAYABLE;
    int64_t total = db_int(db, -1, "SELECT count(*) FROM roll_rows x WHERE" ROLL_LINES_OF, "idd", roll_id, excluded,
                           unpaid);
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(ROLL_LINE_ROW) " FROM roll_rows x JOIN households h ON h.id = x.household_id "
            "JOIN units v ON v.id = h.village_id JOIN members m ON m.id = coalesce(x.member_id, (SELECT hm.id FROM "
            "members hm WHERE hm.household_id = x.household_id AND hm.is_head = 1)) WHERE" ROLL_LINES_OF
            " AND x.id > ?4 ORDER BY x.id LIMIT ?5 OFFSET ?6");
    if (total < 0 || !st)
        return -1;
    db_bind(st, "iddidd", roll_id, excluded, unpaid, after, limit, offset);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct roll_line l;
        if (roll_line_read(st, &l) != 0) {
            db_done(st);
            return -1;
        }
        fn(&l, ctx);
    }
    return db_end(st, total, NULL);
}

/* ---- staff changes ------------------------------------------------------------------------ */

/* Loads a draft roll in scope and checks a reason. 0 or -1 with e. */
static int draft_with_reason(struct db *db, const struct user_ctx *actor, int64_t roll_id, const char *reason,
                             struct roll *r, struct err *e)
{
    if (roll_get(db, actor, roll_id, r, e) != 0)
        return -1;
    if (strcmp(r->state, "draft") != 0)
        return err_set(e, 409, "roll_not_draft", NULL, "名册已公示，不能再增减（公示中可通过异议处理移出）");
    if (text_check(reason, 2, ROLL_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写理由（2 到 %d 个字）", ROLL_REASON_MAX_CHARS);
    return 0;
}

int64_t roll_add(struct db *db, const struct user_ctx *actor, int64_t roll_id, int64_t member_id,
                 int64_t household_id, const char *reason, struct err *e)
{
    struct roll r;
    if (draft_with_reason(db, actor, roll_id, reason, &r, e) != 0)
        return -1;
    int person = strcmp(r.beneficiary, "person") == 0;
    if (person ? member_id <= 0 : household_id <= 0)
        return err_set(e, 422, person ? "invalid_person" : "invalid_household", person ? "person_id" : "household_id",
                       person ? "请指定要补录的人（person_id）" : "请指定要补录的家庭（household_id）");
    /* the person's household, or the household itself, within the roll's unit */
    int64_t hid = db_int(db, 0, person ? "SELECT m.household_id FROM members m JOIN households h ON h.id = "
                                         "m.household_id JOIN units v ON v.id = h.village_id JOIN units ru ON ru.id = ?2 "
                                         "WHERE m.id = ?1 AND in_scope(v.path, ru.path)"
                                       : "SELECT h.id FROM households h JOIN units v ON v.id = h.village_id "
                                         "JOIN units ru ON ru.id = ?2 WHERE h.id = ?1 AND in_scope(v.path, ru.path)",
                         "ii", person ? member_id : household_id, r.unit_id);
    if (hid <= 0)
        return err_set(e, 404, "not_found", person ? "person_id" : "household_id", "该单位没有这个%s",
                       person ? "人" : "家庭");
    int64_t mid = person ? member_id : 0;
    sqlite3_stmt *st = db_prep(db, "SELECT id, status FROM roll_rows WHERE roll_id = ? AND household_id = ? AND "
                                   "member_id IS nullif(?, 0)");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "iii", roll_id, hid, mid);
    int64_t row = 0;
    char status[CODE_SIZE] = "";
    if (sqlite3_step(st) == SQLITE_ROW) {
        row = sqlite3_column_int64(st, 0);
        db_copy(status, sizeof status, st, 1);
    }
    db_done(st);
    if (row && roll_status_included(status))
        return err_set(e, 409, "already_on_roll", NULL, "已在名册中");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = row ? db_run(db, "UPDATE roll_rows SET status = 'added', reason = ?, amount_fen = ? WHERE id = ?", "tii",
                          reason, r.amount_fen, row) == SQLITE_DONE
                 : db_run(db, "INSERT INTO roll_rows (roll_id, household_id, member_id, status, reason, amount_fen) "
                              "VALUES (?, ?, nullif(?, 0), 'added', ?, ?)", "iiiti", roll_id, hid, mid, reason,
                          r.amount_fen) == SQLITE_DONE;
    if (ok && !row)
        row = sqlite3_last_insert_rowid(db->h);
    json_t *after = json_pack("{s:I, s:I, s:I, s:s, s:s}", "row_id", (json_int_t)row, "household_id", (json_int_t)hid,
                              "person_id", (json_int_t)mid, "was", status, "reason", reason);
    return audit_commit(db, ok, actor, "add_row", "roll", roll_id, NULL, after, e) == 0 ? row : -1;
}

int roll_remove(struct db *db, const struct user_ctx *actor, int64_t roll_id, int64_t row_id, const char *reason,
                struct err *e)
{
    struct roll r;
    if (draft_with_reason(db, actor, roll_id, reason, &r, e) != 0)
        return -1;
    if (db_int(db, 0, "SELECT count(*) FROM roll_rows WHERE id = ? AND roll_id = ? AND status IN ('new', "
                      "'continued', 'added')", "ii", row_id, roll_id) != 1)
        return err_set(e, 404, "not_found", "row_id", "名册中没有这一行");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "UPDATE roll_rows SET status = 'removed', reason = ? WHERE id = ?", "ti", reason, row_id) ==
             SQLITE_DONE;
    json_t *after = json_pack("{s:I, s:s}", "row_id", (json_int_t)row_id, "reason", reason);
    return audit_commit(db, ok, actor, "remove_row", "roll", roll_id, NULL, after, e);
}

int roll_approve(struct db *db, const struct user_ctx *actor, int64_t roll_id, struct date today, struct err *e)
{
    struct roll r;
    struct date ends;
    if (roll_get(db, actor, roll_id, &r, e) != 0)
        return -1;
    if (strcmp(r.state, "in_notice") != 0)
        return err_set(e, 409, "not_in_notice", NULL, strcmp(r.state, "draft") ? "名册已批准" : "名册须先公示");
    if (date_parse(r.notice_ends_on, &ends) != 0 || date_cmp(today, ends) <= 0)
        return err_set(e, 409, "notice_not_over", NULL, "公示期到 %s 结束，之后才能批准", r.notice_ends_on);
    if (db_int(db, 0, "SELECT count(*) FROM objections WHERE notice_id = ? AND state = 'open'", "i", r.notice_id) > 0)
        return err_set(e, 409, "open_objections", NULL, "公示还有未处理的异议");
    if (db_int(db, 0, "SELECT created_by FROM rolls WHERE id = ?", "i", roll_id) == actor->id)
        return err_set(e, 409, "same_person", NULL, "建立名册的人不能批准同一名册");
    char on[11];
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "UPDATE rolls SET state = 'approved', approved_by = ?, approved_on = ? WHERE id = ? AND "
                        "state = 'in_notice'", "iti", actor->id, date_format(today, on), roll_id) == SQLITE_DONE &&
             sqlite3_changes(db->h) == 1;
    json_t *after = json_pack("{s:s, s:I, s:I}", "approved_on", on, "rows",
                              (json_int_t)(r.n_new + r.n_continued + r.n_added), "total_fen", (json_int_t)r.total_fen);
    return audit_commit(db, ok, actor, "approve", "roll", roll_id, NULL, after, e);
}

/* ---- JSON ---------------------------------------------------------------------------------- */

/* Appends one row to a JSON array: name masked, the bank account not at all. */
static void line_json(const struct roll_line *l, void *ctx)
{
    char name[NAME_SIZE];
    int excluded = !roll_status_included(l->status);
    json_t *o = json_pack("{s:I, s:o, s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)l->id, "person_id",
                          l->member_id ? json_integer(l->member_id) : json_null(), "household_id",
                          (json_int_t)l->household_id, "name", mask_name(l->name, name, sizeof name), "village",
                          l->village, "status", l->status, "amount_fen", (json_int_t)l->amount_fen);
    if (excluded) {
        int removed = !strcmp(l->status, "removed");
        json_object_set_new(o, "reason", json_string(removed ? "removed" : l->reason));
        json_object_set_new(o, "note", json_string(removed ? l->reason : ""));
        json_object_set_new(o, "was_on_roll", json_boolean(l->was_on_roll));
    } else {
        json_object_set_new(o, "note", json_string(l->reason));
        json_object_set_new(o, "pay_state", json_string(l->pay_state));
        json_object_set_new(o, "pay_reason", json_string(l->pay_reason));
        json_object_set_new(o, "has_account", json_boolean(l->bank_account[0] != '\0'));
    }
    json_array_append_new(ctx, o);
}

/* A keyset page of a roll's list being written as JSON. */
struct line_page {
    json_t *items;
    struct keyset *k;
    int bad;
};

/* Appends a row read for the page (limit + 1 are read: the last only says there is more). */
static void page_line(const struct roll_line *l, void *ctx)
{
    struct line_page *p = ctx;
    int in = keyset_row(p->k, "", "", l->id);
    if (in == 1)
        line_json(l, p->items);
    else if (in < 0)
        p->bad = 1;
}

int64_t roll_page_json(struct db *db, int64_t roll_id, enum roll_which which, struct keyset *k, json_t *items)
{
    struct line_page p = {items, k, 0};
    int64_t total = roll_lines(db, roll_id, which, k->after ? k->id : 0, k->limit + 1, k->offset, page_line, &p);
    return p.bad ? -1 : total;
}

json_t *roll_json(struct db *db, const struct roll *r, int limit, int offset)
{
    json_t *rows = json_array(), *excluded = json_array();
    struct keyset kr = {.limit = limit, .offset = offset}, ke = kr;
    int64_t nrows = roll_page_json(db, r->id, ROLL_INCLUDED, &kr, rows);
    int64_t nexcl = roll_page_json(db, r->id, ROLL_EXCLUDED, &ke, excluded);
    json_t *counts = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "new", (json_int_t)r->n_new, "continued",
                               (json_int_t)r->n_continued, "added", (json_int_t)r->n_added, "excluded",
                               (json_int_t)r->n_excluded, "removed", (json_int_t)r->n_removed, "exits",
                               (json_int_t)r->n_exits, "paid", (json_int_t)r->n_paid, "failed",
                               (json_int_t)r->n_failed);
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:i, s:s, s:I, s:s, s:s, s:o, s:o, s:o, s:I, s:I}", "id",
                          (json_int_t)r->id, "programme_id", (json_int_t)r->programme_id, "programme", r->programme,
                          "beneficiary", r->beneficiary, "unit_id", (json_int_t)r->unit_id, "unit", r->unit_name,
                          "year", r->year, "ref_date", r->ref_date, "amount_fen", (json_int_t)r->amount_fen, "state",
                          r->state, "state_name", roll_state_name(r->state), "notice_id",
                          r->notice_id ? json_integer(r->notice_id) : json_null(), "approved_on",
                          r->approved_on[0] ? json_string(r->approved_on) : json_null(), "counts", counts, "total_fen",
                          (json_int_t)r->total_fen, "paid_fen", (json_int_t)r->paid_fen);
    json_object_set_new(o, "rows", rows);
    json_object_set_new(o, "rows_total", json_integer(nrows));
    /* where the lists go on: GET /rolls/{id}/rows and /rolls/{id}/excluded ?after= (null: no more) */
    json_object_set_new(o, "rows_next", kr.more ? json_string(kr.next) : json_null());
    json_object_set_new(o, "excluded", excluded);
    json_object_set_new(o, "excluded_total", json_integer(nexcl));
    json_object_set_new(o, "excluded_next", ke.more ? json_string(ke.next) : json_null());
    json_object_set_new(o, "limit", json_integer(limit));
    json_object_set_new(o, "offset", json_integer(offset));
    return o;
}
