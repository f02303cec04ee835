/* visit.c: visits and help given, read with the loan follow-up visits (see visit.h). */
#include "visit.h"

#include <string.h>

#include "audit.h"
#include "household.h"
#include "unit.h"

static const char *const kind_codes[VISIT__MAX] = {"advice", "training", "information", "goods", "referral",
                                                   "loan_followup"};
static const char *const kind_names[VISIT__MAX] = {"咨询建议", "培训推荐", "信息服务", "实物帮扶", "贷款救助转介",
                                                   "贷款回访"};

const char *visit_kind_code(enum visit_kind k)
{
    return k >= 0 && k < VISIT__MAX ? kind_codes[k] : "";
}

const char *visit_kind_name(enum visit_kind k)
{
    return k >= 0 && k < VISIT__MAX ? kind_names[k] : "";
}

int visit_kind_parse(const char *s)
{
    for (int k = 0; s && k < VISIT__MAX; k++)
        if (!strcmp(s, kind_codes[k]) || !strcmp(s, kind_names[k]))
            return k;
    return -1;
}

/* Checks the fields of a visit that need no database. 0 or -1 with e. */
static int visit_check(const struct visit_input *in, struct date today, struct err *e)
{
    struct date on, next;
    if (!in->on || date_parse(in->on, &on) != 0 || date_cmp(on, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "走访日期应为有效日期，且不晚于今天");
    if (in->kind < 0 || in->kind >= VISIT_RECORDED_KINDS)
        return err_set(e, 422, "invalid_kind", "kind", "请选择帮扶方式：咨询建议、培训推荐、信息服务、实物帮扶或贷款救助转介");
    if (!in->note || text_check(in->note, 1, LONG_TEXT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_note", "note", "请填写走访情况（1 到 %d 字）", LONG_TEXT_MAX_CHARS);
    if (in->next_step && text_check(in->next_step, 0, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_next_step", "next_step", "下一步打算不能超过 %d 字", NOTE_MAX_CHARS);
    int has_next = in->next_on && *in->next_on;
    if (has_next && (date_parse(in->next_on, &next) != 0 || date_cmp(next, on) < 0))
        return err_set(e, 422, "invalid_date", "next_on", "下一步日期应为有效日期，且不早于走访日期");
    if (has_next && !(in->next_step && *in->next_step))
        return err_set(e, 422, "invalid_next_step", "next_step", "填写了下一步日期，请写明下一步做什么");
    return 0;
}

int64_t visit_create(struct db *db, const struct user_ctx *actor, const struct visit_input *in, struct date today,
                     struct err *e)
{
    struct household h;
    if (visit_check(in, today, e) != 0 || household_get(db, actor, in->household_id, &h, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (in->pair_id && !db_int(db, 0, "SELECT count(*) FROM pairs WHERE id = ?1 AND household_id = ?2 "
                                      "AND from_on <= ?3 AND (ended_on IS NULL OR ended_on >= ?3)",
                               "iit", in->pair_id, in->household_id, in->on)) {
        db_rollback(db);
        return err_set(e, 422, "invalid_pair", "pair_id", "该结对不属于这户，或走访当天不在结对期内");
    }
    const char *next_on = in->next_on && *in->next_on ? in->next_on : NULL;
    int ok = db_run(db, "INSERT INTO visits (household_id, pair_id, visited_on, kind, note, next_step, next_on, "
                        "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "iItttttI", in->household_id, in->pair_id, in->on, visit_kind_code(in->kind), in->note,
                    in->next_step ? in->next_step : "", next_on, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    json_t *after = json_pack("{s:I, s:I, s:s, s:s, s:s}", "household_id", (json_int_t)in->household_id, "pair_id",
                              (json_int_t)in->pair_id, "visited_on", in->on, "kind", visit_kind_code(in->kind),
                              "next_on", next_on ? next_on : "");
    return audit_commit(db, ok, actor, "create", "visit", id, NULL, after, e) == 0 ? id : -1;
}

/* Reads a VISIT_ROW. */
static DB_ROW_READER(visit_row_read, VISIT_ROW, struct visit_row)

/* The visits and the loan follow-up visits as one list (u) with the household, village and
   recorder, and the filter: ?1 scope path, ?2 household, ?3 pair, ?4 kind code ('' any), ?5 and ?6
   the first and last day (NULL open), ?7 a recorded visit (0 any). KEY repeats a given household as
   a plain equality, which SQLite pushes into both halves and answers by index (`?2 = 0 OR …` is
   answered by none: a household's visits were a pass over every visit). */
#define VISIT_LIST_FROM(KEY)                                                                                          \
    " FROM (SELECT id, household_id, coalesce(pair_id, 0) AS pair_id, visited_on, kind, note, next_step, next_on, "   \
    "created_by, 0 AS loan_id, 0 AS jobs, 0 AS income_fen FROM visits UNION ALL "                                    \
    "SELECT f.id, a.household_id, 0, f.visited_on, 'loan_followup', f.note, '', NULL, f.created_by, l.id, "          \
    "f.jobs_created, f.income_fen FROM loan_followups f JOIN loans l ON l.id = f.loan_id "                           \
    "JOIN loan_applications a ON a.id = l.application_id) u "                                                       \
    "JOIN households h ON h.id = u.household_id JOIN units v ON v.id = h.village_id "                               \
    "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 LEFT JOIN users us ON us.id = u.created_by "       \
    "WHERE " KEY " AND in_scope(v.path, ?1) AND (?2 = 0 OR u.household_id = ?2) AND (?3 = 0 OR u.pair_id = ?3) "     \
    "AND (?4 = '' OR u.kind = ?4) AND (?5 IS NULL OR u.visited_on >= ?5) AND (?6 IS NULL OR u.visited_on <= ?6) "   \
    "AND (?7 = 0 OR (u.id = ?7 AND u.loan_id = 0))"

#define VISIT_ORDER " ORDER BY u.visited_on DESC, u.loan_id, u.id DESC LIMIT ?8 OFFSET ?9"

int64_t visit_list(struct db *db, const struct user_ctx *actor, const struct visit_filter *f,
                   void (*fn)(const struct visit_row *, void *), void *ctx, struct err *e)
{
    struct unit u;
    int in_scope = 1;
    if (f->unit_id && unit_get_in_scope(db, f->unit_id, actor->unit_path, &u, &in_scope) != 0)
        return err_set(e, 422, "invalid_unit", "unit_id", "单位不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "unit_id", "该单位不在您的管辖范围内");
    const char *scope = f->unit_id ? u.path : actor->unit_path;
    const char *kind = f->kind >= 0 ? visit_kind_code(f->kind) : "";
    const char *from = f->from && *f->from ? f->from : NULL, *to = f->to && *f->to ? f->to : NULL;
    static const char *const count_sql[] = {"SELECT count(*)" VISIT_LIST_FROM("1"),
                                            "SELECT count(*)" VISIT_LIST_FROM("u.household_id = ?2")};
    static const char *const rows_sql[] = {
        "SELECT " DB_ROW_COLUMNS(VISIT_ROW) VISIT_LIST_FROM("1") VISIT_ORDER,
        "SELECT " DB_ROW_COLUMNS(VISIT_ROW) VISIT_LIST_FROM("u.household_id = ?2") VISIT_ORDER};
    int keyed = f->household_id != 0;
    int64_t total = db_int(db, -1, count_sql[keyed], "tiittti", scope, f->household_id, f->pair_id, kind, from, to,
                           f->visit_id);
    sqlite3_stmt *st = db_prep(db, rows_sql[keyed]);
    if (total < 0 || !st)
        return db_fail(db, e);
    db_bind(st, "tiitttiii", scope, f->household_id, f->pair_id, kind, from, to, f->visit_id,
            (int64_t)(f->limit > 0 ? f->limit : -1), (int64_t)f->offset);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct visit_row x = {0};
        bad = visit_row_read(st, &x) != 0;
        if (!bad)
            fn(&x, ctx);
    }
    return db_end(st, bad ? db_row_fail(e) : total, e);
}

json_t *visit_json(const struct visit_row *v)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I}", "id",
                     (json_int_t)v->id, "household_id", (json_int_t)v->household_id, "head", v->head, "village",
                     v->village, "pair_id", (json_int_t)v->pair_id, "on", v->on, "kind", visit_kind_code(v->kind),
                     "kind_name", visit_kind_name(v->kind), "note", v->note, "next_step", v->next_step, "next_on",
                     v->next_on, "by", v->by, "loan_id", (json_int_t)v->loan_id, "jobs_created", (json_int_t)v->jobs,
                     "income_fen", (json_int_t)v->income_fen);
}

void visit_json_append(const struct visit_row *v, void *ctx)
{
    json_array_append_new(ctx, visit_json(v));
}
