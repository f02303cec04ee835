/* relief.c: relief applications and their steps (see relief.h). */
#include "relief.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "household.h"
#include "masking.h"
#include "relief_category.h"
#include "text.h"

/* The categories (bit per enum hh_category) of a household the actor may see, with the
   categories they nest in (hh_category_closure), and its head's facts: 0 with *cats and *head set,
   or -1 with 404 / 403 in e. */
static int household_categories(struct db *db, const struct user_ctx *actor, int64_t household_id, unsigned *cats,
                                struct relief_head *head, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT in_scope(v.path, ?2), "
                                   "(SELECT group_concat(category) FROM household_category_links l "
                                   "WHERE l.household_id = h.id), " RELIEF_HEAD_COLUMNS " FROM households h JOIN units v ON v.id = h.village_id "
                                   "LEFT JOIN members m ON m.household_id = h.id AND m.is_head = 1 WHERE h.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", household_id, actor->unit_path);
    int found = sqlite3_step(st) == SQLITE_ROW, in_scope = found && sqlite3_column_int(st, 0);
    unsigned tagged = found ? hh_category_set_parse(db_text(st, 1)) : 0;
    memset(head, 0, sizeof *head);
    if (found)
        relief_head_read(st, 2, head);
    db_done(st);
    if (!found)
        return err_set(e, 404, "household_not_found", "household_id", "家庭不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "household_id", "该家庭不在您的管辖范围内");
    *cats = hh_category_closure(tagged);
    return 0;
}

int64_t relief_apply_in_txn(struct db *db, const struct user_ctx *actor, const struct relief_input *in,
                            int64_t batch_id, struct date today, struct err *e)
{
    char on[11], why[256];
    struct relief_category c;
    struct relief_rule rule;
    unsigned cats = 0;
    struct relief_head head;
    date_format(today, on);
    if (in->reason && text_check(in->reason, 0, LONG_TEXT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "申请理由不能超过500字");
    if (household_categories(db, actor, in->household_id, &cats, &head, e) != 0 ||
        relief_category_get(db, in->category_id, on, &c, e) != 0)
        return -1;
    if (!c.active)
        return err_set(e, 409, "category_inactive", "category_id", "救助类别“%s”已停用", c.name);
    relief_category_rule(&c, &rule);
    int64_t amount = in->amount_fen ? in->amount_fen : c.standard ? c.min_fen : 0;
    if (amount <= 0)
        return err_set(e, 422, "invalid_amount", "amount_fen", "请填写救助金额");
    if (relief_check_eligible(&rule, cats, why, sizeof why) != 0 ||
        relief_category_check_head(&c, &head.p, today.y, why, sizeof why) != ROLL_OK)
        return err_set(e, 409, "not_eligible", "household_id", "%s", why);
    if (relief_check_amount(&rule, amount, why, sizeof why) != 0)
        return err_set(e, 422, "invalid_amount", "amount_fen", "%s", why);
    int used = (int)db_int(db, 0, "SELECT count(*) FROM relief_applications WHERE household_id = ? AND category_id = ? "
                                  "AND year = ? AND state <> 'rejected'", "iid", in->household_id, in->category_id, today.y);
    if (relief_check_limit(&rule, used, today.y, why, sizeof why) != 0)
        return err_set(e, 409, "yearly_limit_reached", "category_id", "%s", why);
    if (db_run(db, "INSERT INTO relief_applications (household_id, category_id, batch_id, amount_fen, reason, state, "
                   "applied_on, year, created_by) VALUES (?, ?, ?, ?, ?, 'applied', ?, ?, ?)",
               "iiIittdi", in->household_id, in->category_id, batch_id, amount, in->reason ? in->reason : "", on,
               today.y, actor->id) != SQLITE_DONE)
        return db_fail(db, e);
    return sqlite3_last_insert_rowid(db->h);
}

int64_t relief_apply(struct db *db, const struct user_ctx *actor, const struct relief_input *in, struct date today,
                     struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int64_t id = relief_apply_in_txn(db, actor, in, 0, today, e);
    if (id < 0) {
        db_rollback(db);
        return -1;
    }
    json_t *after = json_pack("{s:I, s:I, s:I}", "household_id", (json_int_t)in->household_id, "category_id",
                              (json_int_t)in->category_id, "amount_fen",
                              (json_int_t)db_int(db, 0, "SELECT amount_fen FROM relief_applications WHERE id = ?", "i", id));
    return audit_commit(db, 1, actor, "create", "relief_application", id, NULL, after, e) == 0 ? id : -1;
}

/* Every column of an application, its household head, units, category, step users, notice and
   valid receipt; the scope path is ?1. */
#define RELIEF_SELECT                                                                                                 \
    "SELECT " DB_ROW_COLUMNS(RELIEF_APP_ROW) " "                                                                    \
    "FROM relief_applications a JOIN households h ON h.id = a.household_id "                                         \
    "JOIN members m ON m.household_id = h.id AND m.is_head = 1 JOIN units v ON v.id = h.village_id "                 \
    "JOIN units t ON t.id = v.parent_id JOIN relief_categories c ON c.id = a.category_id "                          \
    "LEFT JOIN users u0 ON u0.id = a.created_by LEFT JOIN users u1 ON u1.id = a.verified_by "                       \
    "LEFT JOIN users u2 ON u2.id = a.reviewed_by LEFT JOIN users u3 ON u3.id = a.approved_by "                      \
    "LEFT JOIN users u4 ON u4.id = a.rejected_by LEFT JOIN notices n ON n.id = a.notice_id "                        \
    "WHERE in_scope(v.path, ?1) "

/* Fills an application from a row of RELIEF_SELECT. */
static DB_ROW_READER(relief_row, RELIEF_APP_ROW, struct relief_app)

int relief_get(struct db *db, const struct user_ctx *actor, int64_t id, struct relief_app *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, RELIEF_SELECT "AND a.id = ?2");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ti", actor->unit_path, id);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && relief_row(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (found)
        return 0;
    if (db_int(db, 0, "SELECT count(*) FROM relief_applications WHERE id = ?", "i", id) > 0)
        return err_set(e, 403, "out_of_scope", NULL, "该救助申请不在您的管辖范围内");
    return err_set(e, 404, "not_found", NULL, "救助申请不存在");
}

json_t *relief_json(const struct relief_app *a, int full_ids)
{
    char id[24];
    if (full_ids)
        snprintf(id, sizeof id, "%s", a->head_id_number);
    else
        mask_id(a->head_id_number, id, sizeof id);
    json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:i}", "id",
                          (json_int_t)a->id, "household_id", (json_int_t)a->household_id, "category_id",
                          (json_int_t)a->category_id, "category", a->category, "state", relief_state_code(a->state),
                          "amount_fen", (json_int_t)a->amount_fen, "head_name", a->head_name, "id_number", id,
                          "village_id", (json_int_t)a->village_id, "village", a->village, "township", a->township,
                          "reason", a->reason, "applied_on", a->applied_on, "year", a->year);
    json_object_set_new(o, "batch_id", a->batch_id ? json_integer(a->batch_id) : json_null());
    json_object_set_new(o, "notice_id", a->notice_id ? json_integer(a->notice_id) : json_null());
    json_object_set_new(o, "receipt_no", a->receipt_no[0] ? json_string(a->receipt_no) : json_null());
    json_object_set_new(o, "open_objections", json_integer(a->open_objections));
    json_object_set_new(o, "bank_reason", a->bank_reason[0] ? json_string(a->bank_reason) : json_null());
    const struct {
        const char *key, *by, *on;
    } steps[] = {{"verified", a->verified_by, a->verified_on},
                 {"reviewed", a->reviewed_by, a->reviewed_on},
                 {"approved", a->approved_by, a->approved_on},
                 {"rejected", a->rejected_by, a->rejected_on}};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        json_object_set_new(o, steps[i].key,
                            steps[i].on[0] ? json_pack("{s:s, s:s}", "by", steps[i].by, "on", steps[i].on) : json_null());
    if (a->state == RS_REJECTED)
        json_object_set_new(o, "reject_reason", json_string(a->reject_reason));
    return o;
}

/* Refuses a step the actor's unit may not take: township review needs a township or district user. */
static int step_allowed_here(const struct user_ctx *actor, enum relief_action a, struct err *e)
{
    if ((a == RA_REVIEW || a == RA_APPROVE) && strcmp(actor->unit_kind, "village") == 0)
        return err_set(e, 403, "township_step", NULL, "%s须由镇或区的工作人员办理", relief_action_name(a));
    return 0;
}

/* The notice an application is in: its last day and the open objections to it or to the
   application's item. */
#define RELIEF_NOTICE_ROW(X, _)                                                                                      \
    X("n.ends_on", DATE, ends) _                                                                                   \
        X("(SELECT count(*) FROM objections o WHERE o.notice_id = n.id AND o.state = 'open' AND "                  \
          "(o.item_id IS NULL OR o.item_id IN "                                                                      \
          "(SELECT i.id FROM notice_items i WHERE i.notice_id = n.id AND i.relief_id = a.id)))",                   \
          INT, open)
struct relief_notice {
    DB_ROW_FIELDS(RELIEF_NOTICE_ROW)
};
/* Reads a RELIEF_NOTICE_ROW. */
static DB_ROW_READER(relief_notice_read, RELIEF_NOTICE_ROW, struct relief_notice)

/* Whether a relief application in notice may be approved today: its notice period is over and
   no objection on it is open. 0, or -1 with 409 in e. (Relief reads the notice tables; the notices
   domain calls relief, never the other way round.) */
static int notice_over_and_clear(struct db *db, int64_t relief_id, struct date today, struct err *e)
{
    char on[11];
    date_format(today, on);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(RELIEF_NOTICE_ROW) " "
                                   "FROM relief_applications a JOIN notices n ON n.id = a.notice_id WHERE a.id = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", relief_id);
    struct relief_notice notice = {0};
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && relief_notice_read(st, &notice) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 409, "not_in_notice", NULL, "该申请尚未公示");
    if (strcmp(on, notice.ends) <= 0)
        return err_set(e, 409, "notice_not_over", NULL, "公示期至 %s 结束，期满后方可批准", notice.ends);
    if (notice.open)
        return err_set(e, 409, "objection_open", NULL, "该申请有 %d 条未处理的公示异议，处理后方可批准", notice.open);
    return 0;
}


/* Separation of duties (maker-checker): whoever verified an application may not review it, and
   whoever reviewed it may not approve it. 0, or -1 with 409 same_person in e. */
static int same_person(struct db *db, const struct user_ctx *actor, int64_t id, enum relief_action a, struct err *e)
{
    if (a != RA_REVIEW && a != RA_APPROVE)
        return 0;
    int64_t before = db_int(db, 0,
                            a == RA_REVIEW ? "SELECT coalesce(verified_by, 0) FROM relief_applications WHERE id = ?"
                                           : "SELECT coalesce(reviewed_by, 0) FROM relief_applications WHERE id = ?",
                            "i", id);
    if (before != actor->id)
        return 0;
    return err_set(e, 409, "same_person", NULL,
                   a == RA_REVIEW ? "同一人不能既村审核（核实）又镇审核同一申请，请由另一位工作人员审核"
                                  : "同一人不能既镇审核又批准同一申请，请由另一位工作人员批准");
}

int relief_step_in_txn(struct db *db, const struct user_ctx *actor, int64_t id, enum relief_action a,
                       const char *reason, struct date today, struct err *e)
{
    struct relief_app app;
    char on[11];
    date_format(today, on);
    if (step_allowed_here(actor, a, e) != 0 || relief_get(db, actor, id, &app, e) != 0)
        return -1;
    int to = relief_next_state(a, app.state);
    if (to < 0)
        return err_set(e, 409, "invalid_state", NULL, "申请当前为“%s”，不能%s", relief_state_name(app.state),
                       relief_action_name(a));
    if (same_person(db, actor, id, a, e) != 0)
        return -1;
    if (a == RA_APPROVE && notice_over_and_clear(db, id, today, e) != 0)
        return -1;
    if (a == RA_REJECT && text_check(reason, 2, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "reason_required", "reason", "请填写不予通过的理由（2到200字）");
    int rc;
    switch (a) {
    case RA_VERIFY:
        rc = db_run(db, "UPDATE relief_applications SET state = 'verified', verified_by = ?, verified_on = ? WHERE id = ?",
                    "iti", actor->id, on, id);
        break;
    case RA_REVIEW:
        rc = db_run(db, "UPDATE relief_applications SET state = 'reviewed', reviewed_by = ?, reviewed_on = ? WHERE id = ?",
                    "iti", actor->id, on, id);
        break;
    case RA_APPROVE:
        rc = db_run(db, "UPDATE relief_applications SET state = 'approved', approved_by = ?, approved_on = ? WHERE id = ?",
                    "iti", actor->id, on, id);
        break;
    case RA_REJECT:
        rc = db_run(db, "UPDATE relief_applications SET state = 'rejected', rejected_by = ?, rejected_on = ?, "
                        "reject_reason = ? WHERE id = ?", "itti", actor->id, on, reason, id);
        break;
    default:
        return err_set(e, 500, "invalid_action", NULL, "内部错误：不支持的操作");
    }
    if (rc != SQLITE_DONE)
        return db_fail(db, e);
    json_t *after = json_pack("{s:s, s:s}", "state", relief_state_code(to), "action", relief_action_code(a));
    if (reason && a == RA_REJECT)
        json_object_set_new(after, "reason", json_string(reason));
    json_t *before = json_pack("{s:s}", "state", relief_state_code(app.state));
    int ok = audit_write(db, actor, relief_action_code(a), "relief_application", id, before, after) == 0;
    json_decref(before);
    json_decref(after);
    return ok ? 0 : db_fail(db, e);
}

int relief_step(struct db *db, const struct user_ctx *actor, int64_t id, enum relief_action a, const char *reason,
                struct date today, struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (relief_step_in_txn(db, actor, id, a, reason, today, e) != 0) {
        db_rollback(db);
        return -1;
    }
    if (db_commit(db) != SQLITE_OK) {
        db_rollback(db);
        return db_fail(db, e);
    }
    return 0;
}

/* The filters of relief_list after the scope (?1): state ?2, category ?3, batch ?4, village ?5,
   household ?6, applied from ?9 to ?10, a keyset page's start (?11: ids below it; NULL from the
   newest) (?7 and ?8 are the list's limit and offset); `key` is the one
   filter written as a plain equality so that its index is used. */
#define RELIEF_FILTERS(key)                                                                                          \
    "AND (?2 IS NULL OR a.state = ?2) AND (?3 = 0 OR a.category_id = ?3) AND (?4 = 0 OR a.batch_id = ?4) "          \
    "AND (?5 = 0 OR v.id = ?5) AND (?6 = 0 OR a.household_id = ?6) AND (?9 IS NULL OR a.applied_on >= ?9) "         \
    "AND (?10 IS NULL OR a.applied_on <= ?10) AND (?11 IS NULL OR a.id < ?11) " key
/* The count and the sum of the amounts. */
#define RELIEF_COUNT                                                                                                 \
    "SELECT count(*), coalesce(sum(a.amount_fen), 0) FROM relief_applications a JOIN households h ON "              \
    "h.id = a.household_id JOIN units v ON v.id = h.village_id WHERE in_scope(v.path, ?1) "

/* The same count and sum from the figures kept by village, state, category, batch and day applied
   (relief_application_figures, migration 098), for every filter but a household's: the same
   parameters, ?6 to ?8 unused. */
#define RELIEF_COUNT_KEPT                                                                                            \
    "SELECT coalesce(sum(f.applications), 0), coalesce(sum(f.amount_fen), 0) FROM units v "                        \
    "JOIN relief_application_figures f ON f.village_id = v.id WHERE in_scope(v.path, ?1) "                         \
    "AND (?2 IS NULL OR f.state = ?2) AND (?3 = 0 OR f.category_id = ?3) AND (?4 = 0 OR f.batch_id = ?4) "         \
    "AND (?5 = 0 OR v.id = ?5) AND (?9 IS NULL OR f.applied_on >= ?9) AND (?10 IS NULL OR f.applied_on <= ?10)"

/* The list and count statements for the filter: a household's or a batch's applications through
   their indexes (a household page must not walk every application), else newest first overall;
   counted from the kept figures but for a household's (a few rows through its index). */
static void relief_list_sql(const struct relief_filter *f, const char **list, const char **count)
{
    static const char *const lists[] = {
        RELIEF_SELECT RELIEF_FILTERS("AND a.household_id = ?6 ") "ORDER BY a.id DESC LIMIT ?7 OFFSET ?8",
        RELIEF_SELECT RELIEF_FILTERS("AND a.batch_id = ?4 ") "ORDER BY a.id DESC LIMIT ?7 OFFSET ?8",
        RELIEF_SELECT RELIEF_FILTERS("") "ORDER BY a.id DESC LIMIT ?7 OFFSET ?8"};
    static const char *const counts[] = {RELIEF_COUNT RELIEF_FILTERS("AND a.household_id = ?6 "), RELIEF_COUNT_KEPT,
                                         RELIEF_COUNT_KEPT};
    int k = f->household_id ? 0 : f->batch_id ? 1 : 2;
    *list = lists[k];
    *count = counts[k];
}

/* Finds where the page before a keyset page of the whole list starts: the id limit + 1 rows up from
   the cursor (keyset.h). 0, or -1. */
static int relief_prev(struct db *db, const struct user_ctx *actor, const struct relief_filter *f, const char *state)
{
    struct keyset *k = f->page;
    if (!k->after)
        return keyset_prev(k, 0, "", "", 0);
    sqlite3_stmt *st = db_prep(db, "SELECT a.id FROM relief_applications a JOIN households h ON h.id = a.household_id "
                                   "JOIN units v ON v.id = h.village_id WHERE in_scope(v.path, ?1) " RELIEF_FILTERS("")
                                   "AND a.id >= ?12 ORDER BY a.id LIMIT 1 OFFSET ?7");
    if (!st)
        return -1;
    char from[11], to[11];
    db_bind(st, "ttiiiidnttnI", actor->unit_path, state, f->category_id, f->batch_id, f->village_id, f->household_id,
            k->limit, f->from.y ? date_format(f->from, from) : NULL, f->to.y ? date_format(f->to, to) : NULL, k->id);
    int rc = sqlite3_step(st);
    int out = rc == SQLITE_ROW ? keyset_prev(k, 1, "", "", sqlite3_column_int64(st, 0))
              : rc == SQLITE_DONE ? keyset_prev(k, 0, "", "", 0) : -1;
    db_done(st);
    return out;
}

int64_t relief_list(struct db *db, const struct user_ctx *actor, const struct relief_filter *f,
                    void (*fn)(const struct relief_app *, void *), void *ctx)
{
    const char *state = f->state >= 0 ? relief_state_code(f->state) : NULL;
    const char *list_sql, *count_sql;
    relief_list_sql(f, &list_sql, &count_sql);
    sqlite3_stmt *st = db_prep(db, list_sql);
    if (!st)
        return -1;
    char from[11], to[11];
    const struct keyset *k = f->page;
    db_bind(st, "ttiiiiddttn", actor->unit_path, state, f->category_id, f->batch_id, f->village_id, f->household_id,
            k ? k->limit + 1 : f->limit, k ? k->offset : f->offset, f->from.y ? date_format(f->from, from) : NULL,
            f->to.y ? date_format(f->to, to) : NULL);
    if (k && k->after)
        sqlite3_bind_int64(st, 11, k->id);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct relief_app a = {0};
        int on_page = 1;
        bad = relief_row(st, &a) != 0 || (k && (on_page = keyset_row(f->page, "", "", a.id)) < 0);
        if (!bad && on_page)
            fn(&a, ctx);
    }
    if (db_end(st, bad ? -1 : 0, NULL) != 0 || (k && relief_prev(db, actor, f, state) != 0))
        return -1;
    if (k)
        return k->rows; /* the caller counts once with relief_list_totals */
    int64_t count = 0, amount = 0;
    return relief_list_totals(db, actor, f, &count, &amount) == 0 ? count : -1;
}

int relief_list_totals(struct db *db, const struct user_ctx *actor, const struct relief_filter *f, int64_t *count,
                       int64_t *amount_fen)
{
    const char *state = f->state >= 0 ? relief_state_code(f->state) : NULL;
    const char *list_sql, *count_sql;
    relief_list_sql(f, &list_sql, &count_sql);
    sqlite3_stmt *st = db_prep(db, count_sql);
    if (!st)
        return -1;
    char from[11], to[11];
    db_bind(st, "ttiiiinntt", actor->unit_path, state, f->category_id, f->batch_id, f->village_id, f->household_id,
            f->from.y ? date_format(f->from, from) : NULL, f->to.y ? date_format(f->to, to) : NULL);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    *count = rc ? 0 : sqlite3_column_int64(st, 0);
    *amount_fen = rc ? 0 : sqlite3_column_int64(st, 1);
    db_done(st);
    return rc;
}

int relief_state_counts(struct db *db, const struct user_ctx *actor, struct date today, int64_t *out,
                        int64_t *approvable)
{
    char on[11];
    memset(out, 0, RS__MAX * sizeof *out);
    sqlite3_stmt *st = db_prep(db, "SELECT f.state, sum(f.applications) FROM units v JOIN relief_application_figures f "
                                   "ON f.village_id = v.id WHERE f.state IN ('applied', 'verified', 'reviewed', "
                                   "'in_notice', 'approved') AND in_scope(v.path, ?1) GROUP BY f.state");
    if (!st)
        return -1;
    db_bind(st, "t", actor->unit_path);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int k = relief_state_parse(db_text(st, 0));
        if (k >= 0)
            out[k] = sqlite3_column_int64(st, 1);
    }
    if (db_end(st, 0, NULL) != 0)
        return -1;
    *approvable = db_int(db, 0, "SELECT count(*) FROM relief_applications a JOIN households h ON h.id = a.household_id "
                                "JOIN units v ON v.id = h.village_id JOIN notices n ON n.id = a.notice_id "
                                "WHERE in_scope(v.path, ?1) AND a.state = 'in_notice' AND n.ends_on < ?2 "
                                "AND NOT EXISTS (SELECT 1 FROM objections o WHERE o.notice_id = n.id AND o.state = 'open' "
                                "AND (o.item_id IS NULL OR o.item_id IN (SELECT i.id FROM notice_items i WHERE "
                                "i.relief_id = a.id)))",
                         "tt", actor->unit_path, date_format(today, on));
    return 0;
}
