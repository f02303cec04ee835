/* aid.c: aid in kind, its items, distributions and reversals (see aid.h). */
#include "aid.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "money.h"
#include "relief_fund.h"

int64_t aid_value(int64_t quantity, int64_t unit_value_fen)
{
    if (quantity < 1 || quantity > AID_QUANTITY_MAX || unit_value_fen <= 0 || unit_value_fen > AID_UNIT_VALUE_MAX_FEN)
        return -1;
    return quantity * unit_value_fen; /* at most 1000 × 10,000,000 fen: far inside int64_t */
}

static DB_ROW_READER(item_read, AID_ITEM_ROW, struct aid_item)
static DB_ROW_READER(aid_read, AID_ROW, struct aid_row)

int aid_item_list(struct db *db, void (*fn)(const struct aid_item *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AID_ITEM_ROW) " FROM aid_items i "
                                   "ORDER BY i.active DESC, i.id LIMIT ?");
    if (!st)
        return -1;
    db_bind(st, "d", AID_ITEMS_MAX);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct aid_item x;
        if (!(bad = item_read(st, &x) != 0))
            fn(&x, ctx);
    }
    db_done(st);
    return bad ? -1 : (int)db_int(db, -1, "SELECT count(*) FROM aid_items", "");
}

int64_t aid_item_create(struct db *db, const struct user_ctx *actor, const char *name, const char *unit,
                        int64_t value_fen, struct err *e)
{
    if (text_check(name, 1, AID_ITEM_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "物品名称应为 1 到 %d 个字", AID_ITEM_NAME_MAX_CHARS);
    if (text_check(unit, 1, AID_UNIT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_unit", "unit", "计量单位应为 1 到 %d 个字（袋、桶、件）", AID_UNIT_MAX_CHARS);
    if (value_fen <= 0 || value_fen > AID_UNIT_VALUE_MAX_FEN)
        return err_set(e, 422, "invalid_value", "value_fen", "单价应大于 0，且不超过 100,000.00 元");
    if (db_int(db, 0, "SELECT count(*) FROM aid_items WHERE name = ?", "t", name) > 0)
        return err_set(e, 409, "duplicate_name", "name", "已有同名的慰问品");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO aid_items (name, unit, value_fen, created_by) VALUES (?, ?, ?, ?)", "ttii", name,
                    unit, value_fen, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    json_t *after = json_pack("{s:s, s:s, s:I}", "name", name, "unit", unit, "value_fen", (json_int_t)value_fen);
    return audit_commit(db, ok, actor, "create", "aid_item", id, NULL, after, e) == 0 ? id : -1;
}

/* A distribution's row (or what one would be, ?1 = 0) with the actor's scope ?2 on its village: the
   household's head and village, the item, the fund. */
#define AID_FROM                                                                                                     \
    " FROM aid_distributions d JOIN households h ON h.id = d.household_id JOIN units v ON v.id = h.village_id "      \
    "JOIN members m ON m.household_id = h.id AND m.is_head = 1 JOIN aid_items i ON i.id = d.item_id "               \
    "JOIN relief_funds f ON f.id = d.fund_id LEFT JOIN users u ON u.id = d.created_by "                             \
    "LEFT JOIN aid_reversals x ON x.distribution_id = d.id "

int aid_check(struct db *db, const struct user_ctx *actor, const struct aid_input *in, struct date today,
              struct aid_row *out, struct err *e)
{
    struct date on;
    struct relief_fund fund;
    struct aid_item item = {0};
    memset(out, 0, sizeof *out);
    if (aid_value(in->quantity, 1) < 0)
        return err_set(e, 422, "invalid_quantity", "quantity", "数量应为 1 到 %d", AID_QUANTITY_MAX);
    if (!in->given_on || date_parse(in->given_on, &on) != 0 || on.y < 2000 || date_cmp(on, today) > 0)
        return err_set(e, 422, "invalid_date", "given_on", "发放日期格式应为 YYYY-MM-DD，且不晚于今天");
    if (in->occasion && text_check(in->occasion, 0, AID_OCCASION_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_occasion", "occasion", "慰问事由最多 %d 个字", AID_OCCASION_MAX_CHARS);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AID_ITEM_ROW) " FROM aid_items i WHERE i.id = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", in->item_id);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && item_read(st, &item) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found || !item.active)
        return err_set(e, 422, "invalid_item", "item_id", "请选择在用的慰问品");
    /* the household: its head, its village, whether the actor reaches it and whether the fund does */
    if (relief_fund_get(db, actor, in->fund_id, &fund, e) != 0) {
        snprintf(e->field, sizeof e->field, "fund_id");
        return -1;
    }
    st = db_prep(db, "SELECT m.name, v.name, in_scope(v.path, ?2), in_scope(v.path, fu.path) FROM households h "
                     "JOIN units v ON v.id = h.village_id JOIN members m ON m.household_id = h.id AND m.is_head = 1 "
                     "JOIN units fu ON fu.id = ?3 WHERE h.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "iti", in->household_id, actor->unit_path, fund.unit_id);
    found = sqlite3_step(st) == SQLITE_ROW;
    int in_scope = found && sqlite3_column_int(st, 2), fund_reaches = found && sqlite3_column_int(st, 3);
    bad = found && (db_copy(out->head_name, sizeof out->head_name, st, 0) != 0 ||
                    db_copy(out->village, sizeof out->village, st, 1) != 0);
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "household_not_found", "household_id", "家庭不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "household_id", "该家庭不在您的管辖范围内");
    if (!fund_reaches)
        return err_set(e, 409, "fund_out_of_scope", "fund_id", "该资金只用于%s的家庭", fund.unit_name);
    out->household_id = in->household_id, out->item_id = item.id, out->fund_id = fund.id;
    out->quantity = in->quantity, out->unit_value_fen = item.value_fen;
    out->value_fen = aid_value(in->quantity, item.value_fen);
    snprintf(out->item, sizeof out->item, "%s", item.name);
    snprintf(out->unit, sizeof out->unit, "%s", item.unit);
    snprintf(out->fund, sizeof out->fund, "%s", fund.name);
    snprintf(out->given_on, sizeof out->given_on, "%s", in->given_on);
    snprintf(out->occasion, sizeof out->occasion, "%s", in->occasion ? in->occasion : "");
    return 0;
}

int64_t aid_distribute(struct db *db, const struct user_ctx *actor, const struct aid_input *in, struct date today,
                       struct err *e)
{
    struct aid_row x;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (aid_check(db, actor, in, today, &x, e) != 0) {
        db_rollback(db);
        return -1;
    }
    int ok = db_run(db, "INSERT INTO aid_distributions (household_id, item_id, quantity, unit_value_fen, value_fen, "
                        "fund_id, given_on, occasion, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "iiiiiitti", x.household_id, x.item_id, x.quantity, x.unit_value_fen, x.value_fen, x.fund_id,
                    x.given_on, x.occasion, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    json_t *after = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "household_id", (json_int_t)x.household_id,
                              "item_id", (json_int_t)x.item_id, "quantity", (json_int_t)x.quantity, "unit_value_fen",
                              (json_int_t)x.unit_value_fen, "value_fen", (json_int_t)x.value_fen, "fund_id",
                              (json_int_t)x.fund_id, "given_on", x.given_on);
    return audit_commit(db, ok, actor, "create", "aid_distribution", id, NULL, after, e) == 0 ? id : -1;
}

int aid_get(struct db *db, const struct user_ctx *actor, int64_t id, struct aid_row *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AID_ROW) ", in_scope(v.path, ?2)" AID_FROM "WHERE d.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && aid_read(st, out) != 0;
    int in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(AID_ROW));
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "慰问品发放记录不存在");
    return in_scope ? 0 : err_set(e, 403, "out_of_scope", NULL, "该记录不在您的管辖范围内");
}

int aid_reverse(struct db *db, const struct user_ctx *actor, int64_t id, const char *reason, struct date today,
                struct err *e)
{
    struct aid_row x;
    char on[11];
    if (text_check(reason, 2, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写冲销原因（2 到 %d 个字）", NOTE_MAX_CHARS);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int rc = aid_get(db, actor, id, &x, e);
    if (rc == 0 && x.reversed)
        rc = err_set(e, 409, "already_reversed", NULL, "该记录已冲销");
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    int ok = db_run(db, "INSERT INTO aid_reversals (distribution_id, reason, reversed_on, reversed_by) VALUES (?, ?, ?, ?)",
                    "itti", id, reason, date_format(today, on), actor->id) == SQLITE_DONE;
    json_t *after = json_pack("{s:s, s:s, s:I}", "reason", reason, "reversed_on", on, "value_fen", (json_int_t)x.value_fen);
    return audit_commit(db, ok, actor, "reverse", "aid_distribution", id, NULL, after, e);
}

int aid_list(struct db *db, const struct user_ctx *actor, struct aid_filter *f, void (*fn)(const struct aid_row *, void *),
             void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AID_ROW) AID_FROM
                                   "WHERE in_scope(v.path, ?1) AND (?2 = 0 OR h.village_id = ?2) AND (?3 = 0 OR d.fund_id = ?3) "
                                   "AND (?4 IS NULL OR d.given_on >= ?4) AND (?5 IS NULL OR d.given_on <= ?5) "
                                   "ORDER BY d.given_on DESC, d.id DESC");
    if (!st)
        return -1;
    char from[11], to[11];
    db_bind(st, "tiitt", actor->unit_path, f->village_id, f->fund_id, f->from.y ? date_format(f->from, from) : NULL,
            f->to.y ? date_format(f->to, to) : NULL);
    f->count = f->quantity = f->value_fen = f->standing = 0;
    int bad = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct aid_row x;
        if ((bad = aid_read(st, &x) != 0))
            break;
        if (f->count >= f->offset && f->count - f->offset < f->limit)
            fn(&x, ctx);
        f->count++;
        if (!x.reversed)
            f->standing++, f->quantity += x.quantity, f->value_fen += x.value_fen;
    }
    return db_end(st, bad ? -1 : (int)f->count, NULL);
}

int64_t aid_fund_value(struct db *db, int64_t fund_id, const char *from, const char *to)
{
    return db_int(db, 0, "SELECT coalesce(sum(d.value_fen), 0) FROM aid_distributions d WHERE d.fund_id = ?1 "
                         "AND (?2 IS NULL OR d.given_on >= ?2) AND (?3 IS NULL OR d.given_on <= ?3) "
                         "AND NOT EXISTS (SELECT 1 FROM aid_reversals x WHERE x.distribution_id = d.id)",
                  "itt", fund_id, from && *from ? from : NULL, to && *to ? to : NULL);
}

json_t *aid_json(const struct aid_row *x)
{
    char words[MONEY_CAPITAL_SIZE] = "";
    money_capital(x->value_fen, words, sizeof words);
    return json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:I, s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:s}",
                     "id", (json_int_t)x->id, "household_id", (json_int_t)x->household_id, "head_name", x->head_name,
                     "village", x->village, "item_id", (json_int_t)x->item_id, "item", x->item, "unit", x->unit,
                     "quantity", (json_int_t)x->quantity, "unit_value_fen", (json_int_t)x->unit_value_fen, "value_fen",
                     (json_int_t)x->value_fen, "value_capital", words, "fund_id", (json_int_t)x->fund_id, "fund",
                     x->fund, "given_on", x->given_on, "occasion", x->occasion, "given_by", x->given_by, "reversed",
                     x->reversed, "reverse_reason", x->reverse_reason, "reversed_on", x->reversed_on);
}

json_t *aid_item_json(const struct aid_item *x)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:b}", "id", (json_int_t)x->id, "name", x->name, "unit", x->unit,
                     "value_fen", (json_int_t)x->value_fen, "active", x->active);
}
