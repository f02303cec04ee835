/* pair.c: pairing (结对帮扶): create, end, list (see pair.h). */
#include "pair.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "household.h"
#include "idcard.h"
#include "unit.h"
#include "user.h"

static const char *const kind_codes[HELPER__MAX] = {"cadre", "unit", "household"};
static const char *const kind_names[HELPER__MAX] = {"干部", "单位", "帮扶户"};
static const char *const goal_names[PAIR_GOALS] = {"增收", "就业", "技术", "产业", "教育", "健康", "住房"};

const char *helper_kind_code(enum helper_kind k)
{
    return k >= 0 && k < HELPER__MAX ? kind_codes[k] : "";
}

const char *helper_kind_name(enum helper_kind k)
{
    return k >= 0 && k < HELPER__MAX ? kind_names[k] : "";
}

int helper_kind_parse(const char *code)
{
    for (int k = 0; code && k < HELPER__MAX; k++)
        if (!strcmp(code, kind_codes[k]))
            return k;
    return -1;
}

const char *pair_goal_name(int i)
{
    return i >= 0 && i < PAIR_GOALS ? goal_names[i] : "";
}

int pair_goal_parse(const char *word)
{
    for (int i = 0; word && i < PAIR_GOALS; i++)
        if (!strcmp(word, goal_names[i]))
            return i;
    return -1;
}

char *pair_goals_text(unsigned goals, char *out)
{
    size_t used = 0;
    out[0] = 0;
    for (int i = 0; i < PAIR_GOALS; i++)
        if (goals & (1u << i)) {
            if (used)
                text_append(out, PAIR_GOALS_TEXT_SIZE, &used, "、");
            text_append(out, PAIR_GOALS_TEXT_SIZE, &used, goal_names[i]);
        }
    return out;
}

/* The helper as it is recorded: name, unit, household and phone, worked out from the input. */
struct helper {
    char name[NAME_SIZE], phone[PHONE_SIZE];
    int64_t user_id, unit_id, household_id;
};

/* Works out the helper of in: a cadre's account in the actor's scope or a named cadre with a unit
   and a mobile phone, a unit, or a prospering household in the actor's scope (not the household
   itself). Returns 0 or -1 with e. */
static int helper_resolve(struct db *db, const struct user_ctx *actor, const struct pair_input *in, struct helper *h,
                          struct err *e)
{
    memset(h, 0, sizeof *h);
    const char *phone = in->phone ? in->phone : "";
    if (*phone && !phone_valid(phone))
        return err_set(e, 422, "invalid_phone", "helper.phone", "手机号应为 11 位数字");
    text_copy(h->phone, sizeof h->phone, phone);
    struct unit u;
    if (in->kind == HELPER_HOUSEHOLD) {
        if (in->helper_household_id == in->household_id)
            return err_set(e, 422, "same_household", "helper.household_id", "帮扶户不能是被帮扶家庭本身");
        struct household hh;
        if (household_get(db, actor, in->helper_household_id, &hh, e) != 0) {
            snprintf(e->field, sizeof e->field, "helper.household_id");
            return -1;
        }
        h->household_id = hh.id;
        text_copy(h->name, sizeof h->name, hh.members[0].name);
        if (!*h->phone)
            text_copy(h->phone, sizeof h->phone, hh.members[0].phone);
        return 0;
    }
    if (in->kind == HELPER_CADRE && in->user_id) {
        struct user_row ur;
        if (user_get(db, actor->unit_path, in->user_id, &ur, e) != 0) {
            snprintf(e->field, sizeof e->field, "helper.user_id");
            return -1;
        }
        h->user_id = ur.id, h->unit_id = ur.unit_id;
        return text_copy(h->name, sizeof h->name, ur.name) == 0 ? 0 : db_row_fail(e);
    }
    if (!in->unit_id || unit_get(db, in->unit_id, &u) != 0)
        return err_set(e, 422, "invalid_unit", "helper.unit_id", in->kind == HELPER_UNIT ? "请选择帮扶单位" : "请选择干部所在单位");
    h->unit_id = u.id;
    if (in->kind == HELPER_UNIT)
        return text_copy(h->name, sizeof h->name, u.name) == 0 ? 0 : db_row_fail(e);
    if (!in->name || text_check(in->name, 1, NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "helper.name", "请填写干部姓名（1 到 %d 字）", NAME_MAX_CHARS);
    if (!*h->phone)
        return err_set(e, 422, "invalid_phone", "helper.phone", "请填写干部的手机号");
    text_copy(h->name, sizeof h->name, in->name);
    return 0;
}

int64_t pair_create(struct db *db, const struct user_ctx *actor, const struct pair_input *in, struct date today,
                    struct err *e)
{
    struct date from;
    if ((int)in->kind < 0 || in->kind >= HELPER__MAX)
        return err_set(e, 422, "invalid_kind", "helper.kind", "帮扶人类别应为 干部、单位 或 帮扶户");
    if (!in->from || date_parse(in->from, &from) != 0 || date_cmp(from, today) > 0)
        return err_set(e, 422, "invalid_date", "from", "结对日期应为有效日期，且不晚于今天");
    if (!in->goals || in->goals >= 1u << PAIR_GOALS)
        return err_set(e, 422, "invalid_goals", "goals", "请至少选择一项帮扶目标");
    struct household h;
    struct helper hp;
    if (household_get(db, actor, in->household_id, &h, e) != 0 || helper_resolve(db, actor, in, &hp, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int dup = (int)db_int(db, 0, "SELECT count(*) FROM pairs WHERE household_id = ?1 AND ended_on IS NULL "
                                 "AND helper_kind = ?2 AND helper_name = ?3 AND coalesce(helper_unit_id, 0) = ?4 "
                                 "AND coalesce(helper_household_id, 0) = ?5",
                          "ittii", in->household_id, helper_kind_code(in->kind), hp.name, hp.unit_id,
                          hp.household_id);
    if (dup) {
        db_rollback(db);
        return err_set(e, 409, "duplicate_pair", NULL, "该帮扶人已与这户结对，尚未结束");
    }
    int ok = db_run(db, "INSERT INTO pairs (household_id, helper_kind, helper_name, helper_user_id, helper_unit_id, "
                        "helper_household_id, helper_phone, from_on, goals, created_by) "
                        "VALUES (?, ?, ?, nullif(?, 0), nullif(?, 0), nullif(?, 0), ?, ?, ?, ?)",
                     "ittiiittii", in->household_id, helper_kind_code(in->kind), hp.name, hp.user_id, hp.unit_id,
                     hp.household_id, hp.phone, in->from, (int64_t)in->goals, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    char goals[PAIR_GOALS_TEXT_SIZE];
    json_t *after = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "household_id", (json_int_t)in->household_id,
                              "helper_kind", helper_kind_code(in->kind), "helper_name", hp.name, "helper_unit_id",
                              (json_int_t)hp.unit_id, "from", in->from, "goals", pair_goals_text(in->goals, goals));
    return audit_commit(db, ok, actor, "create", "pair", id, NULL, after, e) == 0 ? id : -1;
}

/* The pair being ended: its start, whether ended, whether in the scope ?2. */
#define PAIR_END_ROW(X, _)                                                                                            \
    X("p.from_on", DATE, from) _ X("p.ended_on IS NOT NULL", INT, ended) _ X("in_scope(v.path, ?2)", INT, in_scope)
struct pair_end_row {
    DB_ROW_FIELDS(PAIR_END_ROW)
};
/* Reads a PAIR_END_ROW. */
static DB_ROW_READER(pair_end_read, PAIR_END_ROW, struct pair_end_row)

int pair_end(struct db *db, const struct user_ctx *actor, int64_t id, const char *on, const char *reason,
             struct date today, struct err *e)
{
    struct date d;
    if (!on || date_parse(on, &d) != 0 || date_cmp(d, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "结束日期应为有效日期，且不晚于今天");
    if (!reason || text_check(reason, 1, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写结束原因（1 到 %d 字）", NOTE_MAX_CHARS);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(PAIR_END_ROW) " FROM pairs p JOIN households h ON "
                                   "h.id = p.household_id JOIN units v ON v.id = h.village_id WHERE p.id = ?1");
    struct pair_end_row p = {0};
    int found = 0, bad = 0;
    if (st) {
        db_bind(st, "it", id, actor->unit_path);
        found = sqlite3_step(st) == SQLITE_ROW;
        bad = found && pair_end_read(st, &p) != 0;
        db_done(st);
    }
    int rc = !st || bad     ? db_row_fail(e)
             : !found       ? err_set(e, 404, "not_found", NULL, "结对不存在")
             : !p.in_scope  ? err_set(e, 403, "out_of_scope", NULL, "该结对不在您的管辖范围内")
             : p.ended      ? err_set(e, 409, "already_ended", NULL, "该结对已经结束")
             : strcmp(on, p.from) < 0 ? err_set(e, 422, "invalid_date", "on", "结束日期不能早于结对日期 %s", p.from)
                                      : 0;
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    int ok = db_run(db, "UPDATE pairs SET ended_on = ?, end_reason = ? WHERE id = ? AND ended_on IS NULL", "tti", on,
                    reason, id) == SQLITE_DONE &&
             sqlite3_changes(db->h) == 1;
    json_t *after = json_pack("{s:s, s:s}", "ended_on", on, "reason", reason);
    return audit_commit(db, ok, actor, "end", "pair", id, NULL, after, e);
}

/* Reads a PAIR_ROW. */
static DB_ROW_READER(pair_row_read, PAIR_ROW, struct pair_row)

/* The tables and conditions of a pair list: ?1 scope path, ?2 household, ?3 helper household, ?4
   helper unit, ?5 kind (< 0 any) with its code ?6, ?7 state (0 any, 1 going on, 2 ended), ?8 pair.
   KEY repeats the one given of ?8, ?2 and ?3 as a plain equality, which an index answers (`?2 = 0 OR
   p.household_id = ?2` is answered by none: a household's pairs were a pass over every pair). */
#define PAIR_LIST_FROM(KEY)                                                                                           \
    " FROM pairs p JOIN households h ON h.id = p.household_id JOIN units v ON v.id = h.village_id "                  \
    "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 LEFT JOIN units hu ON hu.id = p.helper_unit_id "   \
    "WHERE " KEY " AND in_scope(v.path, ?1) AND (?2 = 0 OR p.household_id = ?2) "                                   \
    "AND (?3 = 0 OR p.helper_household_id = ?3) AND (?4 = 0 OR p.helper_unit_id = ?4) AND (?5 < 0 OR p.helper_kind = ?6) " \
    "AND (?7 = 0 OR (?7 = 1) = (p.ended_on IS NULL)) AND (?8 = 0 OR p.id = ?8)"
/* A pair list's count and rows, by the key the filter gives (pair_key). */
#define PAIR_ORDER " ORDER BY p.ended_on IS NOT NULL, p.from_on DESC, p.id DESC LIMIT ?9 OFFSET ?10"
static const char *const pair_count_sql[] = {
    "SELECT count(*)" PAIR_LIST_FROM("1"), "SELECT count(*)" PAIR_LIST_FROM("p.id = ?8"),
    "SELECT count(*)" PAIR_LIST_FROM("p.household_id = ?2"), "SELECT count(*)" PAIR_LIST_FROM("p.helper_household_id = ?3")};
static const char *const pair_rows_sql[] = {
    "SELECT " DB_ROW_COLUMNS(PAIR_ROW) PAIR_LIST_FROM("1") PAIR_ORDER,
    "SELECT " DB_ROW_COLUMNS(PAIR_ROW) PAIR_LIST_FROM("p.id = ?8") PAIR_ORDER,
    "SELECT " DB_ROW_COLUMNS(PAIR_ROW) PAIR_LIST_FROM("p.household_id = ?2") PAIR_ORDER,
    "SELECT " DB_ROW_COLUMNS(PAIR_ROW) PAIR_LIST_FROM("p.helper_household_id = ?3") PAIR_ORDER};

/* Which of the statements above a filter uses: its pair, household or helper household, else none. */
static int pair_key(const struct pair_filter *f)
{
    return f->id ? 1 : f->household_id ? 2 : f->helper_household_id ? 3 : 0;
}

int64_t pair_list(struct db *db, const struct user_ctx *actor, const struct pair_filter *f,
                  void (*fn)(const struct pair_row *, void *), void *ctx, struct err *e)
{
    const char *scope = actor->unit_path;
    char unit_path[160] = "";
    if (f->unit_id) {
        struct unit u;
        int in_scope = 0;
        if (unit_get_in_scope(db, f->unit_id, actor->unit_path, &u, &in_scope) != 0)
            return err_set(e, 422, "invalid_unit", "unit_id", "单位不存在");
        if (!in_scope)
            return err_set(e, 403, "out_of_scope", "unit_id", "该单位不在您的管辖范围内");
        text_copy(unit_path, sizeof unit_path, u.path);
        scope = unit_path;
    }
    const char *kind = f->kind >= 0 ? helper_kind_code(f->kind) : "";
    int64_t total = db_int(db, -1, pair_count_sql[pair_key(f)], "tiiiitii", scope, f->household_id,
                           f->helper_household_id, f->helper_unit_id, (int64_t)f->kind, kind, (int64_t)f->state, f->id);
    sqlite3_stmt *st = db_prep(db, pair_rows_sql[pair_key(f)]);
    if (total < 0 || !st)
        return db_fail(db, e);
    db_bind(st, "tiiiitiiii", scope, f->household_id, f->helper_household_id, f->helper_unit_id, (int64_t)f->kind, kind,
            (int64_t)f->state, f->id, (int64_t)(f->limit > 0 ? f->limit : -1), (int64_t)f->offset);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct pair_row x = {0};
        bad = pair_row_read(st, &x) != 0;
        if (!bad)
            fn(&x, ctx);
    }
    return db_end(st, bad ? db_row_fail(e) : total, e);
}

const char *pair_state_name(const struct pair_row *p)
{
    return p->ended_on[0] ? "已结束" : "进行中";
}

json_t *pair_json(const struct pair_row *p)
{
    json_t *goals = json_array();
    for (int i = 0; i < PAIR_GOALS; i++)
        if (p->goals & (1 << i))
            json_array_append_new(goals, json_string(goal_names[i]));
    json_t *helper = json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:s}", "kind", helper_kind_code(p->kind),
                               "kind_name", helper_kind_name(p->kind), "name", p->helper_name, "user_id",
                               (json_int_t)p->user_id, "unit_id", (json_int_t)p->unit_id, "unit", p->unit_name,
                               "household_id", (json_int_t)p->helper_household_id, "phone", p->phone);
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:s, s:o, s:s, s:s, s:s}", "id", (json_int_t)p->id, "household_id",
                     (json_int_t)p->household_id, "head", p->head, "village", p->village, "helper", helper, "from",
                     p->from, "goals", goals, "state", p->ended_on[0] ? "ended" : "active", "ended_on", p->ended_on,
                     "end_reason", p->end_reason);
}

void pair_json_append(const struct pair_row *p, void *ctx)
{
    json_array_append_new(ctx, pair_json(p));
}
