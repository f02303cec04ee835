/* relief_pay.c: relief payments and receipts (see relief_pay.h). */
#include "relief_pay.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "docno.h"
#include "masking.h"
#include "relief.h"
#include "relief_fund.h"
#include "text.h"
#include "unit.h"

/* Checks the payment input; 0 or -1 with e. */
static int pay_validate(const struct relief_pay_input *in, struct date *paid, struct err *e)
{
    if (!in->paid_on || date_parse(in->paid_on, paid) != 0)
        return err_set(e, 422, "invalid_date", "paid_on", "发放日期格式应为 YYYY-MM-DD");
    if (date_cmp(*paid, in->today) > 0)
        return err_set(e, 422, "invalid_date", "paid_on", "发放日期不能晚于今天");
    if (!in->method || (strcmp(in->method, "cash") && strcmp(in->method, "bank")))
        return err_set(e, 422, "invalid_method", "method", "发放方式应为 cash（现金）或 bank（银行转账）");
    if (in->fund_id <= 0)
        return err_set(e, 422, "invalid_fund", "fund_id", "请选择资金");
    return 0;
}

int relief_disburse_in_txn(struct db *db, const struct user_ctx *actor, int64_t application_id,
                           const struct relief_pay_input *in, char *receipt_no, struct err *e)
{
    struct date paid;
    struct relief_app a;
    if (pay_validate(in, &paid, e) != 0 || relief_get(db, actor, application_id, &a, e) != 0)
        return -1;
    if (relief_next_state(RA_PAY, a.state) < 0)
        return err_set(e, 409, "invalid_state", NULL, "申请当前为“%s”，批准后方可发放", relief_state_name(a.state));
    if (strcmp(in->paid_on, a.approved_on) < 0)
        return err_set(e, 422, "invalid_date", "paid_on", "发放日期不能早于批准日期 %s", a.approved_on);
    /* a township's fund pays only that township's applicants (an unknown fund is 404 below) */
    if (db_int(db, 1, "SELECT in_scope(t.path, u.path) FROM relief_funds f JOIN units u ON u.id = f.unit_id, units t "
                      "WHERE f.id = ? AND t.id = ?", "ii", in->fund_id, a.township_id) == 0)
        return err_set(e, 422, "fund_not_for_unit", "fund_id", "该资金不属于申请人所在的镇或区，不能用于这笔发放");
    char short_name[64];
    unit_short_name(a.township, short_name, sizeof short_name);
    int64_t seq = docno_next(db, a.township_id, DOCNO_RELIEF_RECEIPT, paid.y, short_name, receipt_no,
                             RELIEF_RECEIPT_NO_SIZE, e);
    if (seq < 0)
        return -1;
    if (db_run(db, "INSERT INTO relief_payments (application_id, fund_id, township_id, year, seq, receipt_no, amount_fen, "
                   "paid_on, method, handler_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "iiidititti", application_id, in->fund_id, a.township_id, paid.y, seq, receipt_no, a.amount_fen,
               in->paid_on, in->method, actor->id) != SQLITE_DONE)
        return db_fail(db, e);
    int64_t payment = sqlite3_last_insert_rowid(db->h);
    char note[192], masked[96];
    snprintf(note, sizeof note, "%s · %s", a.category, mask_name(a.head_name, masked, sizeof masked));
    if (relief_fund_post(db, actor, in->fund_id, "disbursement", -a.amount_fen, in->paid_on, note, payment, 0, e) < 0)
        return -1;
    if (db_run(db, "UPDATE relief_applications SET state = 'paid' WHERE id = ?", "i", application_id) != SQLITE_DONE)
        return db_fail(db, e);
    json_t *after = json_pack("{s:s, s:I, s:I, s:s, s:s}", "receipt_no", receipt_no, "fund_id", (json_int_t)in->fund_id,
                              "amount_fen", (json_int_t)a.amount_fen, "paid_on", in->paid_on, "method", in->method);
    int ok = audit_write(db, actor, "disburse", "relief_application", application_id, NULL, after) == 0;
    json_decref(after);
    return ok ? 0 : db_fail(db, e);
}

int relief_disburse(struct db *db, const struct user_ctx *actor, int64_t application_id,
                    const struct relief_pay_input *in, char *receipt_no, struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (relief_disburse_in_txn(db, actor, application_id, in, receipt_no, e) != 0) {
        db_rollback(db);
        return -1;
    }
    if (db_commit(db) != SQLITE_OK) {
        db_rollback(db);
        return db_fail(db, e);
    }
    return 0;
}

/* Every column of a receipt; the scope path is ?1. */
#define RECEIPT_SELECT                                                                                               \
    "SELECT " DB_ROW_COLUMNS(RELIEF_RECEIPT_ROW) " "                                                                \
    "FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id "                                \
    "JOIN households h ON h.id = a.household_id JOIN members m ON m.household_id = h.id AND m.is_head = 1 "        \
    "JOIN units v ON v.id = h.village_id JOIN units t ON t.id = p.township_id "                                     \
    "JOIN relief_categories c ON c.id = a.category_id JOIN relief_funds f ON f.id = p.fund_id "                    \
    "JOIN users hu ON hu.id = p.handler_id LEFT JOIN users ru ON ru.id = a.reviewed_by "                            \
    "LEFT JOIN users au ON au.id = a.approved_by "                                                                  \
    "LEFT JOIN receipt_events vo ON vo.payment_id = p.id AND vo.kind = 'void' "                                     \
    "WHERE in_scope(v.path, ?1) "

static DB_ROW_READER(relief_receipt_read, RELIEF_RECEIPT_ROW, struct relief_receipt)

/* Fills a receipt from a row of RECEIPT_SELECT and the payer from the parameters. 0, or -1 when
   the row does not fit. */
static int receipt_row(struct db *db, sqlite3_stmt *st, struct relief_receipt *r)
{
    memset(r, 0, sizeof *r);
    if (relief_receipt_read(st, r) != 0)
        return -1;
    char payer[64];
    db_param_text(db, "relief_payer", payer, sizeof payer);
    snprintf(r->payer, sizeof r->payer, "%s%s", r->township, payer);
    return 0;
}

int relief_receipt_get(struct db *db, const struct user_ctx *actor, const char *receipt_no, struct relief_receipt *out,
                       struct err *e)
{
    sqlite3_stmt *st = db_prep(db, RECEIPT_SELECT "AND p.receipt_no = ?2");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "tt", actor->unit_path, receipt_no);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && receipt_row(db, st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (found)
        return 0;
    if (db_int(db, 0, "SELECT count(*) FROM relief_payments WHERE receipt_no = ?", "t", receipt_no) > 0)
        return err_set(e, 403, "out_of_scope", NULL, "该凭证不在您的管辖范围内");
    return err_set(e, 404, "not_found", NULL, "领款凭证不存在");
}

int relief_receipts_of_batch(struct db *db, const struct user_ctx *actor, int64_t batch_id,
                             void (*fn)(const struct relief_receipt *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, RECEIPT_SELECT "AND a.batch_id = ?2 ORDER BY p.township_id, p.year, p.seq");
    if (!st)
        return -1;
    db_bind(st, "ti", actor->unit_path, batch_id);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct relief_receipt r;
        if (receipt_row(db, st, &r) != 0) {
            n = -1;
            break;
        }
        fn(&r, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

json_t *relief_receipt_json(const struct relief_receipt *r)
{
    char id[24];
    mask_id(r->id_number, id, sizeof id);
    json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:b, s:i}", "receipt_no",
                          r->receipt_no, "application_id", (json_int_t)r->application_id, "paid_on", r->paid_on,
                          "recipient", r->recipient, "id_number", id, "village", r->village, "category", r->category,
                          "amount_fen", (json_int_t)r->amount_fen, "fund", r->fund, "method", r->method, "handler",
                          r->handler, "voided", r->voided, "reprints", r->reprints);
    if (r->voided)
        json_object_set_new(o, "void_reason", json_string(r->void_reason));
    return o;
}

int relief_receipt_void(struct db *db, const struct user_ctx *actor, const char *receipt_no, const char *reason,
                        struct date today, struct err *e)
{
    struct relief_receipt r;
    char on[11];
    date_format(today, on);
    if (text_check(reason, 2, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "reason_required", "reason", "请填写作废原因（2到200字）");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int rc = relief_receipt_get(db, actor, receipt_no, &r, e);
    if (rc == 0 && r.voided)
        rc = err_set(e, 409, "already_void", NULL, "该凭证已于 %s 作废", r.voided_on);
    int64_t debit = rc ? 0 : db_int(db, 0, "SELECT id FROM relief_fund_entries WHERE payment_id = ?", "i", r.payment_id);
    int64_t fund = rc ? 0 : db_int(db, 0, "SELECT fund_id FROM relief_payments WHERE id = ?", "i", r.payment_id);
    if (rc == 0 && db_run(db, "INSERT INTO receipt_events (payment_id, kind, reason, user_id) VALUES (?, 'void', ?, ?)",
                          "iti", r.payment_id, reason, actor->id) != SQLITE_DONE)
        rc = db_fail(db, e);
    char note[96];
    snprintf(note, sizeof note, "作废凭证 %s", receipt_no);
    if (rc == 0 && relief_fund_post(db, actor, fund, "reversal", r.amount_fen, on, note, 0, debit, e) < 0)
        rc = -1;
    if (rc == 0 && db_run(db, "UPDATE relief_applications SET state = 'approved' WHERE id = ? AND state = 'paid'", "i",
                          r.application_id) != SQLITE_DONE)
        rc = db_fail(db, e);
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    json_t *after = json_pack("{s:s, s:s}", "receipt_no", receipt_no, "reason", reason);
    return audit_commit(db, 1, actor, "void_receipt", "relief_application", r.application_id, NULL, after, e);
}

int relief_receipt_reprint(struct db *db, const struct user_ctx *actor, const char *receipt_no, const char *reason,
                           int *copy, struct err *e)
{
    struct relief_receipt r;
    if (text_check(reason, 2, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "reason_required", "reason", "请填写补打原因（2到200字）");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int rc = relief_receipt_get(db, actor, receipt_no, &r, e);
    if (rc == 0 && r.voided)
        rc = err_set(e, 409, "already_void", NULL, "该凭证已作废，不能补打");
    if (rc == 0 && db_run(db, "INSERT INTO receipt_events (payment_id, kind, reason, user_id) VALUES (?, 'reprint', ?, ?)",
                          "iti", r.payment_id, reason, actor->id) != SQLITE_DONE)
        rc = db_fail(db, e);
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    *copy = r.reprints + 1;
    json_t *after = json_pack("{s:s, s:s, s:i}", "receipt_no", receipt_no, "reason", reason, "copy", *copy);
    return audit_commit(db, 1, actor, "reprint_receipt", "relief_application", r.application_id, NULL, after, e);
}

int relief_receipt_print(struct db *db, const struct user_ctx *actor, const char *receipt_no, struct date today,
                         struct receipt_print *out, struct err *e)
{
    struct relief_receipt r;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (relief_receipt_get(db, actor, receipt_no, &r, e) != 0) {
        db_rollback(db);
        return -1;
    }
    memset(out, 0, sizeof *out);
    out->n = (int)db_int(db, 0, "SELECT coalesce(max(n), 0) + 1 FROM receipt_prints WHERE payment_id = ?", "i",
                         r.payment_id);
    date_format(today, out->on);
    snprintf(out->operator_name, sizeof out->operator_name, "%s", actor->name);
    int ok = out->n >= 1 && db_run(db, "INSERT INTO receipt_prints (payment_id, n, user_id, printed_on) VALUES (?, ?, ?, ?)",
                                   "iiit", r.payment_id, (int64_t)out->n, actor->id, out->on) == SQLITE_DONE;
    if (ok && out->n == 1) /* the original: nothing to audit */
        return db_commit(db) == SQLITE_OK ? 0 : db_fail(db, e);
    json_t *after = json_pack("{s:s, s:i}", "receipt_no", receipt_no, "print", out->n);
    return audit_commit(db, ok, actor, "reprint_receipt", "relief_application", r.application_id, NULL, after, e);
}
