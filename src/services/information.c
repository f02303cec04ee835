/* information.c: information items and who received them (see information.h). */
#include "information.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "unit.h"

static const char *const kind_codes[INFO__MAX] = {"market", "jobs", "technology"};
static const char *const kind_names[INFO__MAX] = {"市场价格", "用工信息", "实用技术"};

const char *info_kind_code(int k)
{
    return k >= 0 && k < INFO__MAX ? kind_codes[k] : "";
}

const char *info_kind_name(int k)
{
    return k >= 0 && k < INFO__MAX ? kind_names[k] : "";
}

int info_kind_parse(const char *s)
{
    for (int k = 0; s && k < INFO__MAX; k++)
        if (!strcmp(s, kind_codes[k]) || !strcmp(s, kind_names[k]))
            return k;
    return -1;
}

/* Checks the item's own fields. 0 or -1 with e. */
static int info_check(struct db *db, const struct user_ctx *actor, const struct info_input *in, struct date today,
                      struct err *e)
{
    struct date on;
    struct unit u;
    int in_scope = 0;
    if (!in->title || text_check(in->title, 1, PROJECT_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_title", "title", "请填写信息标题（1 到 %d 字）", PROJECT_NAME_MAX_CHARS);
    if (in->kind < 0 || in->kind >= INFO__MAX)
        return err_set(e, 422, "invalid_kind", "kind", "请选择信息类别：市场价格、用工信息或实用技术");
    if (!in->on || date_parse(in->on, &on) != 0 || date_cmp(on, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "发送日期应为有效日期，且不晚于今天");
    if (!in->text || text_check(in->text, 1, LONG_TEXT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_text", "text", "请填写信息内容（1 到 %d 字）", LONG_TEXT_MAX_CHARS);
    if (in->nrecipients < 1 || in->nrecipients > INFO_MAX_RECIPIENTS)
        return err_set(e, 422, "invalid_recipients", "recipients", "请选择接收的村或家庭（1 到 %d 个）",
                       INFO_MAX_RECIPIENTS);
    if (!in->unit_id || unit_get_in_scope(db, in->unit_id, actor->unit_path, &u, &in_scope) != 0)
        return err_set(e, 422, "invalid_unit", "unit_id", "请选择发送单位");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "unit_id", "该单位不在您的管辖范围内");
    return 0;
}

/* Inside the transaction: adds recipient i of item id: a household of the actor's scope (its
   village looked up) or a village of it. 0 or -1 with e naming recipients[i]. */
static int recipient_add(struct db *db, const struct user_ctx *actor, int64_t id, int i,
                         const struct info_recipient *x, struct err *e)
{
    char field[48];
    snprintf(field, sizeof field, "recipients[%d]", i);
    int64_t village = x->household_id ? db_int(db, 0, "SELECT village_id FROM households WHERE id = ?", "i",
                                               x->household_id)
                                      : db_int(db, 0, "SELECT id FROM units WHERE id = ? AND kind = 'village'", "i",
                                               x->village_id);
    if (!village)
        return err_set(e, 422, x->household_id ? "invalid_household" : "invalid_village", field,
                       x->household_id ? "第 %d 个接收家庭不存在" : "第 %d 个接收村不存在", i + 1);
    if (db_int(db, 0, "SELECT in_scope(path, ?) FROM units WHERE id = ?", "ti", actor->unit_path, village) != 1)
        return err_set(e, 403, "out_of_scope", field, "第 %d 个接收对象不在您的管辖范围内", i + 1);
    if (db_run(db, "INSERT INTO information_recipients (item_id, village_id, household_id) VALUES (?, ?, ?)", "iii", id,
               village, x->household_id) != SQLITE_DONE)
        return err_set(e, 422, "duplicate_recipient", field, "第 %d 个接收对象重复", i + 1);
    return 0;
}

int64_t info_create(struct db *db, const struct user_ctx *actor, const struct info_input *in, struct date today,
                    struct err *e)
{
    if (info_check(db, actor, in, today, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO information_items (title, kind, sent_on, unit_id, text, created_by) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                    "tttiti", in->title, info_kind_code(in->kind), in->on, in->unit_id, in->text,
                    actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    for (int i = 0; ok && i < in->nrecipients; i++)
        if (recipient_add(db, actor, id, i, &in->recipients[i], e) != 0) {
            db_rollback(db);
            return -1;
        }
    json_t *after = json_pack("{s:s, s:s, s:s, s:I, s:i}", "title", in->title, "kind", info_kind_code(in->kind),
                              "sent_on", in->on, "unit_id", (json_int_t)in->unit_id, "recipients", in->nrecipients);
    return audit_commit(db, ok, actor, "create", "information_item", id, NULL, after, e) == 0 ? id : -1;
}

/* Reads an INFO_ROW. */
static DB_ROW_READER(info_row_read, INFO_ROW, struct info_row)

/* The items of a list: ?1 scope, ?2 one item, ?3 a household receiving (itself or its whole
   village), ?4 kind ('' any), ?5 and ?6 the period. */
#define INFO_LIST_FROM                                                                                                \
    " FROM information_items i JOIN units n ON n.id = i.unit_id WHERE (in_scope(n.path, ?1) OR EXISTS (SELECT 1 "  \
    "FROM information_recipients x JOIN units v ON v.id = x.village_id WHERE x.item_id = i.id "                     \
    "AND in_scope(v.path, ?1))) AND (?2 = 0 OR i.id = ?2) AND (?3 = 0 OR EXISTS (SELECT 1 FROM "                    \
    "information_recipients y JOIN households h ON h.id = ?3 WHERE y.item_id = i.id AND y.village_id = h.village_id " \
    "AND y.household_id IN (0, ?3))) AND (?4 = '' OR i.kind = ?4) AND (?5 IS NULL OR i.sent_on >= ?5) "             \
    "AND (?6 IS NULL OR i.sent_on <= ?6)"

int64_t info_list(struct db *db, const struct user_ctx *actor, const struct info_filter *f,
                  void (*fn)(const struct info_row *, void *), void *ctx, struct err *e)
{
    const char *from = f->from && *f->from ? f->from : NULL, *to = f->to && *f->to ? f->to : NULL;
    const char *kind = info_kind_code(f->kind);
    int64_t total = db_int(db, -1, "SELECT count(*)" INFO_LIST_FROM, "tiittt", actor->unit_path, f->id,
                           f->household_id, kind, from, to);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(INFO_ROW) INFO_LIST_FROM
                                   " ORDER BY i.sent_on DESC, i.id DESC LIMIT ?7 OFFSET ?8");
    if (total < 0 || !st)
        return db_fail(db, e);
    db_bind(st, "tiitttii", actor->unit_path, f->id, f->household_id, kind, from, to,
            (int64_t)(f->limit > 0 ? f->limit : -1), (int64_t)f->offset);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct info_row x = {0};
        bad = info_row_read(st, &x) != 0;
        if (!bad)
            fn(&x, ctx);
    }
    return db_end(st, bad ? db_row_fail(e) : total, e);
}

/* Reads an INFO_RECIPIENT_ROW. */
static DB_ROW_READER(info_recipient_read, INFO_RECIPIENT_ROW, struct info_recipient_row)

int info_recipients(struct db *db, const struct user_ctx *actor, int64_t id,
                    void (*fn)(const struct info_recipient_row *, void *), void *ctx, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(INFO_RECIPIENT_ROW) " FROM information_recipients r "
                                   "JOIN units v ON v.id = r.village_id LEFT JOIN members hm ON hm.household_id = "
                                   "r.household_id AND hm.is_head = 1 WHERE r.item_id = ?1 AND in_scope(v.path, ?2) "
                                   "ORDER BY r.household_id <> 0, v.path, r.household_id");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    int n = 0, bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct info_recipient_row x = {0};
        bad = info_recipient_read(st, &x) != 0;
        if (!bad) {
            fn(&x, ctx);
            n++;
        }
    }
    return db_end(st, bad ? db_row_fail(e) : n, e);
}

/* Appends one recipient as JSON. */
static void recipient_json(const struct info_recipient_row *x, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:s}", "village_id", (json_int_t)x->village_id, "village",
                                         x->village, "household_id", (json_int_t)x->household_id, "head", x->head));
}

json_t *info_json(struct db *db, const struct user_ctx *actor, const struct info_row *t)
{
    struct err e = {0};
    json_t *to = json_array();
    if (info_recipients(db, actor, t->id, recipient_json, to, &e) < 0) {
        json_decref(to);
        return NULL;
    }
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I, s:I, s:o}", "id", (json_int_t)t->id, "title",
                     t->title, "kind", t->kind, "kind_name", info_kind_name(info_kind_parse(t->kind)), "on", t->on,
                     "unit_id", (json_int_t)t->unit_id, "unit", t->unit, "text", t->text, "villages",
                     (json_int_t)t->villages, "households", (json_int_t)t->households, "recipients", to);
}

void info_json_append(const struct info_row *t, void *ctx)
{
    struct info_json_ctx *c = ctx;
    json_t *j = info_json(c->db, c->actor, t);
    if (j)
        json_array_append_new(c->items, j);
    else
        c->failed = 1;
}

/* Reads an INFO_VILLAGE_ROW. */
static DB_ROW_READER(info_village_read, INFO_VILLAGE_ROW, struct info_village_row)

int info_by_village(struct db *db, const struct user_ctx *actor, const char *from, const char *to,
                    void (*fn)(const struct info_village_row *, void *), void *ctx, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(INFO_VILLAGE_ROW) " FROM information_recipients r "
                                   "JOIN information_items i ON i.id = r.item_id JOIN units v ON v.id = r.village_id "
                                   "WHERE in_scope(v.path, ?1) AND (?2 IS NULL OR i.sent_on >= ?2) "
                                   "AND (?3 IS NULL OR i.sent_on <= ?3) GROUP BY v.id ORDER BY v.path");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ttt", actor->unit_path, from && *from ? from : NULL, to && *to ? to : NULL);
    int n = 0, bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct info_village_row x = {0};
        bad = info_village_read(st, &x) != 0;
        if (!bad) {
            fn(&x, ctx);
            n++;
        }
    }
    return db_end(st, bad ? db_row_fail(e) : n, e);
}
