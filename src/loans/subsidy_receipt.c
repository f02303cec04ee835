/* subsidy_receipt.c: the interest subsidy received, its reversal and list (see subsidy_receipt.h). */
#include "subsidy_receipt.h"

#include <stdio.h>
#include <string.h>

#include "amort.h"
#include "audit.h"
#include "db_row.h"
#include "money.h"
#include "text.h"

/* A receipt or reversal with who recorded it and whether it was reversed. */
#define RECEIPT_ROW(X, _)                                                                                              \
    X("s.id", INT64, id) _ X("s.quarter", TEXT(CODE_SIZE), quarter) _ X("s.on_date", DATE, on_date) _                 \
        X("s.amount_fen", MONEY, amount_fen) _ X("s.document_no", TEXT(DOC_NO_SIZE), document_no) _                  \
        X("s.note", TEXT(TEXT_SIZE(SUBSIDY_RECEIPT_REASON_MAX_CHARS)), note) _                                        \
        X("coalesce(s.reverses_id, 0)", INT64, reverses_id) _                                                          \
        X("EXISTS (SELECT 1 FROM subsidy_receipts x WHERE x.reverses_id = s.id)", INT, reversed) _                     \
        X("u.name", TEXT(NAME_SIZE), recorded_by)
struct receipt_row {
    DB_ROW_FIELDS(RECEIPT_ROW)
};
static DB_ROW_READER(receipt_row_read, RECEIPT_ROW, struct receipt_row)

/* 0 when the actor works at the district (the unit without a parent), else 403. */
static int district_only(struct db *db, const struct user_ctx *actor, struct err *e)
{
    if (db_int(db, 0, "SELECT parent_id IS NULL FROM units WHERE id = ?", "i", actor->unit_id) == 1)
        return 0;
    return err_set(e, 403, "district_only", NULL, "财政贴息资金由区级财务登记");
}

/* 0 when q is a quarter "YYYYQn" not after today's quarter, else -1. */
static int quarter_ok(const char *q, struct date today)
{
    int y, n;
    char end;
    if (!q || strlen(q) != 6 || sscanf(q, "%4dQ%1d%c", &y, &n, &end) != 2 || y < 2000 || n < 1 || n > 4)
        return -1;
    return y * 4 + n <= today.y * 4 + (today.m + 2) / 3 ? 0 : -1;
}

int64_t subsidy_receipt_add(struct db *db, const struct user_ctx *actor, const struct subsidy_receipt_input *in,
                            struct date today, struct err *e)
{
    struct date on;
    if (district_only(db, actor, e) != 0)
        return -1;
    if (quarter_ok(in->quarter, today) != 0)
        return err_set(e, 422, "invalid_quarter", "quarter", "季度格式应为 2026Q3，且不能晚于本季度");
    if (!in->on || date_parse(in->on, &on) != 0 || date_cmp(on, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "到账日期格式应为 YYYY-MM-DD，且不能晚于今天");
    if (in->amount_fen < 1 || in->amount_fen > AMORT_PRINCIPAL_MAX_FEN)
        return err_set(e, 422, "invalid_amount", "amount_fen", "金额应大于零");
    if (text_check(in->document_no, 1, DOC_NO_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_document_no", "document_no", "请填写财政拨款文号或凭证号（%d字以内）",
                       DOC_NO_MAX_CHARS);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db,
                    "INSERT INTO subsidy_receipts (quarter, on_date, amount_fen, document_no, created_by) "
                    "VALUES (?, ?, ?, ?, ?)",
                    "ttiti", in->quarter, in->on, in->amount_fen, in->document_no, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    return audit_commit(db, ok, actor, "receive_subsidy", "subsidy_receipt", id, NULL,
                        json_pack("{s:s, s:s, s:I, s:s}", "quarter", in->quarter, "on", in->on, "amount_fen",
                                  (json_int_t)in->amount_fen, "document_no", in->document_no),
                        e) == 0
               ? id
               : -1;
}

int64_t subsidy_receipt_reverse(struct db *db, const struct user_ctx *actor, int64_t id, const char *reason,
                                struct date today, struct err *e)
{
    if (district_only(db, actor, e) != 0)
        return -1;
    if (text_check(reason, 1, SUBSIDY_RECEIPT_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写冲正原因（%d字以内）", SUBSIDY_RECEIPT_REASON_MAX_CHARS);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int64_t amount = db_int(db, 0, "SELECT amount_fen FROM subsidy_receipts WHERE id = ?", "i", id);
    int rc = amount == 0  ? err_set(e, 404, "not_found", NULL, "没有这笔贴息资金到账记录")
             : amount < 0 ? err_set(e, 409, "is_reversal", NULL, "这是一笔冲正记录，不能再冲正")
             : db_int(db, 0, "SELECT 1 FROM subsidy_receipts WHERE reverses_id = ?", "i", id) == 1
                 ? err_set(e, 409, "already_reversed", NULL, "这笔贴息资金到账记录已冲正")
                 : 0;
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    char on[11];
    date_format(today, on);
    int ok = db_run(db,
                    "INSERT INTO subsidy_receipts (quarter, on_date, amount_fen, document_no, note, reverses_id, "
                    "created_by) SELECT quarter, ?, -amount_fen, document_no, ?, id, ? FROM subsidy_receipts "
                    "WHERE id = ?",
                    "ttii", on, reason, actor->id, id) == SQLITE_DONE;
    int64_t rid = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    return audit_commit(db, ok, actor, "reverse_subsidy", "subsidy_receipt", id, NULL,
                        json_pack("{s:I, s:s, s:s}", "reversal_id", (json_int_t)rid, "on", on, "reason", reason),
                        e) == 0
               ? rid
               : -1;
}

json_t *subsidy_receipt_list_json(struct db *db, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(RECEIPT_ROW) " FROM subsidy_receipts s JOIN users u ON "
                                   "u.id = s.created_by ORDER BY s.on_date DESC, s.id DESC");
    if (!st) {
        db_fail(db, e);
        return NULL;
    }
    json_t *items = json_array();
    int64_t net = 0;
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct receipt_row x;
        bad = receipt_row_read(st, &x) != 0;
        if (bad)
            break;
        net += x.amount_fen;
        json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:b, s:s}", "id", (json_int_t)x.id, "quarter", x.quarter,
                              "on", x.on_date, "amount_fen", (json_int_t)x.amount_fen, "document_no", x.document_no,
                              "note", x.note, "reversed", x.reversed, "recorded_by", x.recorded_by);
        json_object_set_new(o, "reverses_id", x.reverses_id ? json_integer(x.reverses_id) : json_null());
        json_array_append_new(items, o);
    }
    db_done(st);
    if (bad || rc != SQLITE_DONE) {
        json_decref(items);
        bad ? db_row_fail(e) : db_fail(db, e);
        return NULL;
    }
    return json_pack("{s:o, s:I, s:I}", "items", items, "total", (json_int_t)json_array_size(items), "net_fen",
                     (json_int_t)net);
}
