/* notice.c: public notices, their frozen items and objections (see notice.h). */
#include "notice.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "docno.h"
#include "mask_config.h"
#include "relief.h"
#include "roll.h"
#include "text.h"
#include "unit.h"

/* Freezes each row of a prepared, bound statement (id, name, village, label, amount) as an item of
   the notice, the name masked by the rules; the id goes to relief_id, or to roll_row_id when
   roll. Returns the number of items or -1. */
static int freeze_rows(struct db *db, sqlite3_stmt *st, int64_t notice_id, int roll, const struct mask_rules *rules)
{
    int n = 0, ok = 1;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        char masked[96];
        int64_t id = sqlite3_column_int64(st, 0);
        mask_name_by(rules, db_text(st, 1), masked, sizeof masked);
        ok = db_run(db, "INSERT INTO notice_items (notice_id, n, relief_id, roll_row_id, masked_name, village, label, "
                        "amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "idIIttti", notice_id, ++n, roll ? 0 : id,
                    roll ? id : 0, masked, db_text(st, 2), db_text(st, 3), sqlite3_column_int64(st, 4)) == SQLITE_DONE;
    }
    return db_end(st, ok ? n : -1, NULL);
}

/* Freezes the reviewed relief applications of the unit (and those still in the replaced notice)
   into the notice's items, names masked by the rules, and moves them in_notice. Returns the
   number of items or -1. */
static int freeze_relief_items(struct db *db, int64_t notice_id, const char *unit_path, int64_t replaces_id,
                               const struct mask_rules *rules)
{
    sqlite3_stmt *st = db_prep(
        db, "SELECT a.id, m.name, v.name, CASE WHEN c.sensitive = 1 AND c.public_name <> '' THEN c.public_name "
            "ELSE c.name END, a.amount_fen FROM relief_applications a JOIN households h ON h.id = a.household_id "
            "JOIN members m ON m.household_id = h.id AND m.is_head = 1 JOIN units v ON v.id = h.village_id "
            "JOIN relief_categories c ON c.id = a.category_id WHERE in_scope(v.path, ?1) AND "
            "(a.state = 'reviewed' OR (a.state = 'in_notice' AND a.notice_id = ?2)) ORDER BY v.name, a.id");
    if (!st)
        return -1;
    db_bind(st, "ti", unit_path, replaces_id);
    int n = freeze_rows(db, st, notice_id, 0, rules), ok = n >= 0;
    if (ok && db_run(db, "UPDATE relief_applications SET state = 'in_notice', notice_id = ?1 WHERE id IN "
                         "(SELECT relief_id FROM notice_items WHERE notice_id = ?1)", "i", notice_id) != SQLITE_DONE)
        ok = 0;
    return ok ? n : -1;
}

/* SQL notice_mask(name): the name masked by the notice's rules (the function's user data). */
static void notice_mask_sql(sqlite3_context *c, int argc, sqlite3_value **v)
{
    (void)argc;
    char masked[96];
    const char *name = (const char *)sqlite3_value_text(v[0]);
    mask_name_by(sqlite3_user_data(c), name ? name : "", masked, sizeof masked);
    sqlite3_result_text(c, masked, -1, SQLITE_TRANSIENT);
}

/* Freezes the rows on a draft roll into the notice's items in one statement (names masked by the
   rules; the label is the programme; numbered in row order), and puts the roll in notice. Returns
   the number of items or -1. */
static int freeze_roll_items(struct db *db, int64_t notice_id, int64_t roll_id, const struct mask_rules *rules)
{
    if (sqlite3_create_function(db->h, "notice_mask", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, (void *)rules,
                                notice_mask_sql, NULL, NULL) != SQLITE_OK)
        return -1;
    int ok = db_run(db, "INSERT INTO notice_items (notice_id, n, roll_row_id, masked_name, village, label, amount_fen) "
                        "SELECT ?1, row_number() OVER (ORDER BY x.id), x.id, notice_mask(m.name), v.name, p.name, "
                        "x.amount_fen FROM roll_rows x JOIN rolls r ON r.id = x.roll_id JOIN programmes p ON p.id = "
                        "r.programme_id JOIN households h ON h.id = x.household_id JOIN units v ON v.id = h.village_id "
                        "JOIN members m ON m.id = coalesce(x.member_id, (SELECT hm.id FROM members hm WHERE "
                        "hm.household_id = x.household_id AND hm.is_head = 1)) WHERE x.roll_id = ?2 AND "
                        "(x.status IN ('excluded', 'removed')) = 0 AND r.state = 'draft' ORDER BY x.id", "ii",
                    notice_id, roll_id) == SQLITE_DONE;
    int n = ok ? sqlite3_changes(db->h) : -1;
    /* the pointer to the rules dies with the caller: the function goes with it */
    if (sqlite3_create_function(db->h, "notice_mask", 1, SQLITE_UTF8, NULL, NULL, NULL, NULL) != SQLITE_OK)
        ok = 0;
    if (ok && db_run(db, "UPDATE rolls SET state = 'in_notice', notice_id = ? WHERE id = ? AND state = 'draft'", "ii",
                     notice_id, roll_id) != SQLITE_DONE)
        ok = 0;
    return ok ? n : -1;
}

/* Freezes the loans of the unit approved within [from, to] into the notice's items, names masked
   by the rules. Returns the number of items or -1. */
static int freeze_loan_items(struct db *db, int64_t notice_id, const char *unit_path, const char *from, const char *to,
                             const struct mask_rules *rules)
{
    sqlite3_stmt *st = db_prep(
        db, "SELECT a.id, m.name, v.name, a.project_name, a.amount_fen, a.term_months FROM loan_applications a "
            "JOIN households h ON h.id = a.household_id JOIN members m ON m.household_id = h.id AND m.is_head = 1 "
            "JOIN units v ON v.id = h.village_id WHERE in_scope(v.path, ?1) AND "
            "a.state IN ('approved', 'guaranteed', 'disbursed') AND a.decided_on BETWEEN ?2 AND ?3 "
            "ORDER BY v.name, a.id");
    if (!st)
        return -1;
    db_bind(st, "ttt", unit_path, from, to);
    int n = 0, ok = 1;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        char masked[96];
        mask_name_by(rules, db_text(st, 1), masked, sizeof masked);
        ok = db_run(db, "INSERT INTO notice_items (notice_id, n, loan_app_id, masked_name, village, label, amount_fen, "
                        "term_months) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "iditttii", notice_id, ++n,
                    sqlite3_column_int64(st, 0), masked, db_text(st, 2), db_text(st, 3), sqlite3_column_int64(st, 4),
                    sqlite3_column_int64(st, 5)) == SQLITE_DONE;
    }
    return db_end(st, ok ? n : -1, NULL);
}

/* A roll that may go on notice: in the actor's scope, a draft, with rows on it. 0 or -1 with e. */
static int roll_notice_ready(struct db *db, const struct user_ctx *actor, int64_t roll_id, struct err *e)
{
    struct roll r;
    if (roll_get(db, actor, roll_id, &r, e) != 0) {
        snprintf(e->field, sizeof e->field, "roll_id");
        return -1;
    }
    if (strcmp(r.state, "draft") != 0)
        return err_set(e, 409, "roll_not_draft", "roll_id", "该名册已经公示过");
    return 0;
}

/* Checks a notice's input; fills the unit's path and name. 0 or -1 with e. */
static int notice_validate(struct db *db, const struct user_ctx *actor, const struct notice_input *in, char *path,
                           size_t pn, char *name, size_t nn, struct err *e)
{
    struct date d;
    int relief = in->kind && strcmp(in->kind, "relief") == 0, loan = in->kind && strcmp(in->kind, "loan") == 0;
    int roll = in->kind && strcmp(in->kind, "roll") == 0;
    if (!relief && !loan && !roll)
        return err_set(e, 422, "invalid_kind", "kind", "公示类型应为 relief（救助）、loan（贷款）或 roll（资格确认名册）");
    if (roll && (in->replaces_id || roll_notice_ready(db, actor, in->roll_id, e) != 0))
        return in->replaces_id ? err_set(e, 409, "cannot_replace", "replaces_id", "名册公示不能更正，请处理异议") : -1;
    if (in->days < 0 || in->days > 30)
        return err_set(e, 422, "invalid_days", "days", "公示期应为 1 到 30 天");
    if (loan && (!in->from || date_parse(in->from, &d) != 0 || !in->to || date_parse(in->to, &d) != 0 ||
                 strcmp(in->from, in->to) > 0))
        return err_set(e, 422, "invalid_period", "from", "请填写贷款批准的起止日期（YYYY-MM-DD，起不晚于止）");
    struct unit u;
    int in_scope = 0;
    int found = unit_get_in_scope(db, in->unit_id, actor->unit_path, &u, &in_scope) == 0;
    int district = found && strcmp(u.kind, "district") == 0;
    if (found) {
        snprintf(path, pn, "%s", u.path);
        snprintf(name, nn, "%s", u.name);
    }
    if (!found || district)
        return err_set(e, 422, "invalid_unit", "unit_id", "请选择公示的镇或村");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "unit_id", "该单位不在您的管辖范围内");
    if (in->replaces_id &&
        db_int(db, 0, "SELECT count(*) FROM notices WHERE id = ? AND kind = ? AND unit_id = ? AND NOT EXISTS "
                      "(SELECT 1 FROM notices r WHERE r.replaces_id = notices.id)",
               "iti", in->replaces_id, in->kind, in->unit_id) == 0)
        return err_set(e, 409, "cannot_replace", "replaces_id", "只能更正同一单位、同一类型且尚未被更正的公示");
    return 0;
}

/* Inside the caller's transaction: writes the notice and freezes its items. Returns the notice id with
   *nitems, or -1 with e (the caller rolls back). */
static int64_t notice_build(struct db *db, const struct user_ctx *actor, const struct notice_input *in,
                            struct date today, int *nitems, struct err *e)
{
    char path[160], unit_name[NAME_SIZE], title[NAME_SIZE + PROGRAMME_NAME_SIZE + 48], starts[11], ends[11],
        office[128], phone[32];
    /* a roll's notice is published for the roll's unit */
    struct notice_input roll_in = *in;
    struct roll rl = {0};
    struct err re;
    int roll = in->kind && strcmp(in->kind, "roll") == 0;
    if (roll && roll_get(db, actor, in->roll_id, &rl, &re) == 0)
        roll_in.unit_id = rl.unit_id;
    in = &roll_in;
    if (notice_validate(db, actor, in, path, sizeof path, unit_name, sizeof unit_name, e) != 0)
        return -1;
    int relief = roll || strcmp(in->kind, "relief") == 0;
    int days = in->days ? in->days : (int)db_param_int(db, "notice_days", 7);
    date_format(today, starts);
    date_format(date_add_days(today, days - 1), ends);
    if (roll)
        snprintf(title, sizeof title, "%s%s%d年资格确认公示", rl.unit_name, rl.programme, rl.year);
    else
        snprintf(title, sizeof title, "%s%s公示", unit_name, relief ? "困难家庭救助" : "计生信贷助富贷款");
    db_param_text(db, "notice_office", office, sizeof office);
    phone[0] = '\0';
    sqlite3_stmt *st = db_prep(db, "SELECT coalesce(nullif(u.phone, ''), t.phone, '') FROM units u "
                                   "LEFT JOIN units t ON t.id = u.parent_id WHERE u.id = ?");
    if (st) {
        db_bind(st, "i", in->unit_id);
        if (sqlite3_step(st) == SQLITE_ROW)
            db_copy(phone, sizeof phone, st, 0);
        db_done(st);
    }
    /* its number from the numbering service, per publishing unit and year (a notice refused below
       rolls back and gives the number back) */
    char short_name[NAME_SIZE], doc_no[DOCNO_SIZE];
    unit_short_name(unit_name, short_name, sizeof short_name);
    if (docno_next(db, in->unit_id, DOCNO_NOTICE, today.y, short_name, doc_no, sizeof doc_no, e) < 0)
        return -1;
    int64_t id = -1;
    if (db_run(db, "INSERT INTO notices (kind, unit_id, title, period_from, period_to, starts_on, ends_on, office, "
                   "phone, replaces_id, created_by, doc_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "titttttttIit", roll ? "relief" : in->kind, in->unit_id, title, relief ? NULL : in->from, relief ? NULL : in->to, starts,
               ends, office, phone, in->replaces_id, actor->id, doc_no) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(db->h);
    struct mask_rules rules;
    mask_rules_load(db, &rules);
    int items = id < 0   ? -1
                : roll   ? freeze_roll_items(db, id, in->roll_id, &rules)
                : relief ? freeze_relief_items(db, id, path, in->replaces_id, &rules)
                         : freeze_loan_items(db, id, path, in->from, in->to, &rules);
    if (items == 0)
        return err_set(e, 409, "nothing_to_notice", NULL,
                       roll     ? "名册上没有人"
                       : relief ? "该单位没有待公示的救助申请（须已通过镇审核）"
                                : "该期间没有批准的贷款");
    if (items < 0)
        return db_fail(db, e);
    *nitems = items;
    return id;
}

int64_t notice_create(struct db *db, const struct user_ctx *actor, const struct notice_input *in, struct date today,
                      struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int items = 0;
    int64_t id = notice_build(db, actor, in, today, &items, e);
    if (id < 0) {
        db_rollback(db);
        return -1;
    }
    struct notice n;
    int ok = notice_get(db, id, &n, e) == 0;
    json_t *after = json_pack("{s:s, s:I, s:s, s:s, s:s, s:i}", "kind", in->kind,
                              "unit_id", (json_int_t)(ok ? n.unit_id : in->unit_id), "doc_no", ok ? n.doc_no : "", "starts_on", ok ? n.starts_on : "", "ends_on",
                              ok ? n.ends_on : "", "items", items);
    return audit_commit(db, ok, actor, "publish", "notice", id, NULL, after, e) == 0 ? id : -1;
}

int notice_preview(struct db *db, const struct user_ctx *actor, const struct notice_input *in, struct date today,
                   void (*fn)(const struct notice_item *, void *), void *ctx, struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int items = 0;
    int64_t id = notice_build(db, actor, in, today, &items, e);
    if (id > 0 && notice_items(db, id, fn, ctx) < 0)
        id = db_fail(db, e);
    db_rollback(db); /* nothing of the preview stays, its number included */
    return id > 0 ? items : -1;
}

/* The notice's columns; the id is ?1. */
#define NOTICE_SELECT                                                                                              \
    "SELECT " DB_ROW_COLUMNS(NOTICE_ROW) " "                                                                        \
    "FROM notices n JOIN units u ON u.id = n.unit_id "

/* Fills a notice from a row of NOTICE_SELECT. */
static DB_ROW_READER(notice_row, NOTICE_ROW, struct notice)
static DB_ROW_READER(notice_item_read, NOTICE_ITEM_ROW, struct notice_item)
static DB_ROW_READER(objection_read, OBJECTION_ROW, struct objection)

int notice_get(struct db *db, int64_t id, struct notice *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, NOTICE_SELECT "WHERE n.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", id);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && notice_row(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    return found ? 0 : err_set(e, 404, "not_found", NULL, "公示不存在");
}

int notice_in_scope(struct db *db, const struct user_ctx *actor, const struct notice *n)
{
    return (int)db_int(db, 0, "SELECT in_scope(path, ?2) OR in_scope(?2, path) "
                       "FROM units WHERE id = ?1", "it", n->unit_id,
                       actor->unit_path);
}

int notice_items_page(struct db *db, int64_t id, int limit, int offset, void (*fn)(const struct notice_item *, void *),
                      void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(NOTICE_ITEM_ROW) " FROM notice_items i LEFT JOIN relief_applications a ON a.id = i.relief_id "
                                   "WHERE i.notice_id = ? ORDER BY i.n LIMIT ? OFFSET ?");
    if (!st)
        return -1;
    db_bind(st, "idd", id, limit, offset);
    int count = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct notice_item x = {0};
        if (notice_item_read(st, &x) != 0) {
            count = -1;
            break;
        }
        fn(&x, ctx);
        count++;
    }
    return db_end(st, count, NULL);
}

int notice_items(struct db *db, int64_t id, void (*fn)(const struct notice_item *, void *), void *ctx)
{
    return notice_items_page(db, id, -1, 0, fn, ctx);
}

int notice_objections(struct db *db, int64_t id, void (*fn)(const struct objection *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(OBJECTION_ROW) " FROM objections o LEFT JOIN notice_items i ON i.id = o.item_id "
                                   "LEFT JOIN users u ON u.id = o.resolved_by WHERE o.notice_id = ? ORDER BY o.id");
    if (!st)
        return -1;
    db_bind(st, "i", id);
    int count = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct objection o = {0};
        if (objection_read(st, &o) != 0) {
            count = -1;
            break;
        }
        fn(&o, ctx);
        count++;
    }
    return db_end(st, count, NULL);
}

/* Appends one item to a JSON array. */
static void item_json(const struct notice_item *x, void *ctx)
{
    json_t *o = json_pack("{s:i, s:s, s:s, s:s, s:I, s:i}", "n", x->n, "name", x->masked_name, "village", x->village,
                          "label", x->label, "amount_fen", (json_int_t)x->amount_fen, "open_objections",
                          x->open_objections);
    if (x->relief_id)
        json_object_set_new(o, "relief_application_id", json_integer(x->relief_id));
    if (x->term_months)
        json_object_set_new(o, "term_months", json_integer(x->term_months));
    json_array_append_new(ctx, o);
}

struct objections_ctx {
    json_t *arr;
    int with_contacts;
    struct mask_rules rules;
};

/* Appends one objection to a JSON array; without contacts (the public's view) the IDs and phone
   numbers someone wrote into the text are masked. */
static void objection_json(const struct objection *o, void *ctx)
{
    struct objections_ctx *c = ctx;
    char text[sizeof o->text];
    if (c->with_contacts == NOTICE_CONTACTS_FULL)
        snprintf(text, sizeof text, "%s", o->text);
    else
        mask_text_by(&c->rules, o->text, text, sizeof text);
    json_t *j = json_pack("{s:I, s:i, s:s, s:s, s:s, s:s}", "id", (json_int_t)o->id, "item", o->item_n, "text",
                          text, "filed_at", o->filed_at, "state", o->state, "resolution", o->resolution);
    char contact[sizeof o->contact];
    if (c->with_contacts == NOTICE_CONTACTS_MASKED)
        mask_text_by(&c->rules, o->contact, contact, sizeof contact);
    if (c->with_contacts)
        json_object_set_new(j, "contact",
                            json_string(c->with_contacts == NOTICE_CONTACTS_FULL ? o->contact : contact));
    json_array_append_new(c->arr, j);
}

json_t *notice_json(struct db *db, const struct notice *n, int with_contacts, int limit, int offset)
{
    json_t *items = json_array();
    struct objections_ctx oc = {.arr = json_array(), .with_contacts = with_contacts};
    mask_rules_load(db, &oc.rules);
    notice_items_page(db, n->id, limit, offset, item_json, items);
    notice_objections(db, n->id, objection_json, &oc);
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:I}", "id", (json_int_t)n->id,
                          "kind", n->kind, "title", n->title, "unit_id", (json_int_t)n->unit_id, "unit", n->unit_name,
                          "starts_on", n->starts_on, "ends_on", n->ends_on, "office", n->office, "phone", n->phone,
                          "items", items, "objections", oc.arr, "total_fen", (json_int_t)n->total_fen);
    if (n->period_from[0])
        json_object_set_new(o, "from", json_string(n->period_from)), json_object_set_new(o, "to", json_string(n->period_to));
    json_object_set_new(o, "replaces_id", n->replaces_id ? json_integer(n->replaces_id) : json_null());
    json_object_set_new(o, "replaced_by", n->replaced_by ? json_integer(n->replaced_by) : json_null());
    json_object_set_new(o, "doc_no", *n->doc_no ? json_string(n->doc_no) : json_null());
    json_object_set_new(o, "items_total", json_integer(n->items));
    return o;
}

int notice_list(struct db *db, const struct user_ctx *actor, int64_t unit_id, struct date today,
                void (*fn)(const struct notice *, void *), void *ctx)
{
    char on[11];
    date_format(today, on);
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(NOTICE_ROW) ", count(*) OVER () FROM notices n JOIN units u ON u.id = n.unit_id "
            "WHERE (?1 IS NULL OR in_scope(u.path, ?1) OR "
                          "in_scope(?1, u.path)) AND (?2 = 0 OR EXISTS "
                          "(SELECT 1 FROM units c WHERE c.id = ?2 AND (in_scope(c.path, u.path) OR "
                          "in_scope(u.path, c.path)))) AND (?3 IS NULL OR "
                          "(n.starts_on <= ?3 AND n.ends_on >= ?3 AND NOT EXISTS "
                          "(SELECT 1 FROM notices r WHERE r.replaces_id = n.id))) ORDER BY n.id DESC LIMIT ?4");
    if (!st)
        return -1;
    db_bind(st, "titd", actor ? actor->unit_path : NULL, unit_id, actor ? NULL : on, NOTICE_LIST_MAX);
    struct notice rows[NOTICE_LIST_MAX];
    int n = 0, total = 0;
    int bad = 0;
    while (!bad && n < NOTICE_LIST_MAX && sqlite3_step(st) == SQLITE_ROW) {
        memset(&rows[n], 0, sizeof rows[n]);
        bad = notice_row(st, &rows[n++]) != 0;
        total = sqlite3_column_int(st, DB_ROW_NCOLS(NOTICE_ROW));
    }
    if (db_end(st, bad ? -1 : 0, NULL) != 0)
        return -1;
    for (int i = 0; i < n; i++)
        fn(&rows[i], ctx);
    return total;
}

int64_t notice_object(struct db *db, int64_t notice_id, int item_n, const char *text, const char *contact,
                      const char *client, struct date today, struct err *e)
{
    struct notice n;
    char on[11];
    date_format(today, on);
    if (text_check(text, 5, LONG_TEXT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_text", "text", "请填写异议内容（5到500字）");
    if (item_n < 0)
        return err_set(e, 422, "invalid_item", "item", "公示项序号不正确");
    if (contact && text_check(contact, 0, 50) != 0)
        return err_set(e, 422, "invalid_contact", "contact", "联系方式不能超过50字");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int rc = notice_get(db, notice_id, &n, e);
    int64_t item_id = 0;
    if (rc == 0 && (strcmp(on, n.starts_on) < 0 || strcmp(on, n.ends_on) > 0))
        rc = err_set(e, 409, "notice_closed", NULL, "公示期为 %s 至 %s，现在不受理异议；如有问题请电话联系 %s", n.starts_on,
                     n.ends_on, n.phone);
    if (rc == 0 && item_n > 0) {
        item_id = db_int(db, 0, "SELECT id FROM notice_items WHERE notice_id = ? AND n = ?", "id", notice_id, item_n);
        if (!item_id)
            rc = err_set(e, 422, "invalid_item", "item", "公示中没有第 %d 项", item_n);
    }
    if (rc == 0 && db_int(db, 0, "SELECT count(*) FROM objections WHERE client = ? AND filed_at > datetime(clock_now(), '-1 hour')",
                          "t", client ? client : "") >= 5)
        rc = err_set(e, 429, "too_many_objections", NULL, "提交过于频繁，请一小时后再试，或直接电话联系");
    int64_t id = -1;
    if (rc == 0 && db_run(db, "INSERT INTO objections (notice_id, item_id, text, contact, client) VALUES (?, ?, ?, ?, ?)",
                          "iIttt", notice_id, item_id, text, contact ? contact : "", client ? client : "") == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(db->h);
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    json_t *after = json_pack("{s:I, s:i}", "notice_id", (json_int_t)notice_id, "item", item_n);
    struct user_ctx anonymous = {0};
    snprintf(anonymous.username, sizeof anonymous.username, "public");
    return audit_commit(db, id > 0, &anonymous, "object", "notice", notice_id, NULL, after, e) == 0 ? id : -1;
}

int notice_resolve(struct db *db, const struct user_ctx *actor, int64_t objection_id, int upheld,
                   const char *resolution, struct date today, struct err *e)
{
    struct notice n;
    if (text_check(resolution, 2, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_resolution", "resolution", "请填写处理意见（2到200字）");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int64_t notice_id = notice_of_objection(db, objection_id);
    int64_t item_id = db_int(db, 0, "SELECT coalesce(item_id, 0) FROM objections WHERE id = ?", "i", objection_id);
    int rc = notice_id ? notice_get(db, notice_id, &n, e) : err_set(e, 404, "not_found", NULL, "异议不存在");
    if (rc == 0 && !notice_in_scope(db, actor, &n))
        rc = err_set(e, 403, "out_of_scope", NULL, "该公示不在您的管辖范围内");
    if (rc == 0 && db_int(db, 0, "SELECT state = 'open' FROM objections WHERE id = ?", "i", objection_id) != 1)
        rc = err_set(e, 409, "already_resolved", NULL, "该异议已处理");
    char on[11], reason[256];
    date_format(today, on);
    snprintf(reason, sizeof reason, "公示异议成立：%s", resolution);
    if (rc == 0 && db_run(db, "UPDATE objections SET state = ?, resolution = ?, resolved_by = ?, resolved_at = ? "
                              "WHERE id = ?", "ttiti", upheld ? "upheld" : "dismissed", resolution, actor->id, on,
                          objection_id) != SQLITE_DONE)
        rc = db_fail(db, e);
    if (rc == 0 && upheld) {
        /* Each rejection leaves the notice, so ask again until none is left. */
        for (int64_t a; rc == 0 && (a = db_int(db, 0, "SELECT a.id FROM notice_items i JOIN relief_applications a "
                                                       "ON a.id = i.relief_id WHERE i.notice_id = ?1 AND (?2 = 0 OR "
                                                       "i.id = ?2) AND a.state = 'in_notice' AND a.notice_id = ?1 LIMIT 1",
                                                "ii", notice_id, item_id)) > 0;)
            rc = relief_step_in_txn(db, actor, a, RA_REJECT, reason, today, e);
        /* a roll's rows named by the objection leave the roll, with the resolution as the reason */
        if (rc == 0 && db_run(db, "UPDATE roll_rows SET status = 'removed', reason = ?3 WHERE id IN (SELECT "
                                  "i.roll_row_id FROM notice_items i JOIN rolls r ON r.notice_id = i.notice_id WHERE "
                                  "i.notice_id = ?1 AND (?2 = 0 OR i.id = ?2) AND r.state = 'in_notice') AND status "
                                  "IN ('new', 'continued', 'added')", "iit", notice_id, item_id, reason) != SQLITE_DONE)
            rc = db_fail(db, e);
    }
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    json_t *after = json_pack("{s:s, s:s}", "state", upheld ? "upheld" : "dismissed", "resolution", resolution);
    return audit_commit(db, 1, actor, "resolve_objection", "notice", notice_id, NULL, after, e);
}

int64_t notice_open_objections(struct db *db, const struct user_ctx *actor)
{
    return db_int(db, 0, "SELECT count(*) FROM objections o JOIN notices n ON n.id = o.notice_id JOIN units u ON "
                         "u.id = n.unit_id WHERE o.state = 'open' AND in_scope(u.path, ?1)",
                  "t", actor->unit_path);
}

int64_t notice_ending_soon(struct db *db, const struct user_ctx *actor, struct date today, int days)
{
    char from[11], to[11];
    date_format(today, from);
    date_format(date_add_days(today, days), to);
    return db_int(db, 0, "SELECT count(*) FROM notices n JOIN units u ON u.id = n.unit_id WHERE n.ends_on BETWEEN ?2 "
                         "AND ?3 AND in_scope(u.path, ?1)",
                  "ttt", actor->unit_path, from, to);
}

int64_t notice_of_objection(struct db *db, int64_t objection_id)
{
    return db_int(db, 0, "SELECT notice_id FROM objections WHERE id = ?", "i", objection_id);
}
