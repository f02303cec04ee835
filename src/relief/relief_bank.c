/* relief_bank.c: a relief batch's payment file and the bank's return file (see relief_bank.h). */
#include "relief_bank.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "relief_fund.h"
#include "relief_pay.h"

/* An application the return file may pay: approved, in the batch and the actor's scope (?3). A
   bank payment once made and voided counts as paid. */
#define BANK_FROM                                                                                                   \
    " FROM relief_applications a JOIN households h ON h.id = a.household_id JOIN members m ON m.household_id = "   \
    "h.id AND m.is_head = 1 JOIN units v ON v.id = h.village_id WHERE a.batch_id = ?1 AND in_scope(v.path, ?2) "
#define BANK_PAID_BEFORE "EXISTS (SELECT 1 FROM relief_payments p WHERE p.application_id = a.id AND p.method = 'bank')"
/* How a paid application was paid when not by the bank: its valid cash receipt, in words (NULL when none). */
#define CASH_PAID                                                                                                   \
    "(SELECT '已于 ' || p.paid_on || ' 以现金发放（收据 ' || p.receipt_no || '）' FROM relief_payments p "          \
    "WHERE p.application_id = a.id AND p.method = 'cash' AND NOT EXISTS (SELECT 1 FROM receipt_events v "           \
    "WHERE v.payment_id = p.id AND v.kind = 'void') ORDER BY p.id DESC LIMIT 1)"

/* Fills a line from a row of RELIEF_BANK_LINE's columns. */
static DB_ROW_READER(line_read, RELIEF_BANK_LINE, struct relief_bank_line)

int relief_bank_lines(struct db *db, const struct user_ctx *actor, int64_t batch_id,
                      void (*fn)(const struct relief_bank_line *, void *), void *ctx, int64_t *no_account)
{
    *no_account = db_int(db, 0, "SELECT count(*)" BANK_FROM "AND a.state = 'approved' AND NOT " BANK_PAID_BEFORE
                                " AND m.bank_account = ''", "it", batch_id, actor->unit_path);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(RELIEF_BANK_LINE) BANK_FROM "AND a.state = 'approved' "
                                   "AND NOT " BANK_PAID_BEFORE " AND m.bank_account <> '' ORDER BY a.id");
    if (!st)
        return -1;
    db_bind(st, "it", batch_id, actor->unit_path);
    int n = 0;
    struct relief_bank_line l;
    while (n >= 0 && sqlite3_step(st) == SQLITE_ROW) {
        if (line_read(st, &l) != 0) {
            n = -1;
            break;
        }
        fn(&l, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

int relief_bank_file_open(struct db *db, const struct user_ctx *actor, int64_t batch_id, struct relief_batch *out,
                          struct err *e)
{
    if (relief_batch_get(db, actor, batch_id, out, e) != 0)
        return -1;
    sqlite3_stmt *st = db_prep(db, "SELECT count(*), coalesce(sum(a.amount_fen), 0)" BANK_FROM "AND a.state = "
                                   "'approved' AND NOT " BANK_PAID_BEFORE " AND m.bank_account <> ''");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", batch_id, actor->unit_path);
    int64_t n = 0, fen = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
        fen = sqlite3_column_int64(st, 1);
    }
    db_done(st);
    if (n == 0)
        return err_set(e, 409, "nothing_to_pay", NULL, "本批次没有已批准、待发放且登记了银行账号的申请");
    json_t *after = json_pack("{s:I, s:I}", "rows", (json_int_t)n, "unpaid_fen", (json_int_t)fen);
    int rc = audit_write(db, actor, "bank_file", "relief_batch", batch_id, NULL, after);
    json_decref(after);
    return rc == 0 ? 0 : db_fail(db, e);
}

/* The batch being paid: who pays, from which fund, on which day. */
struct batch_payer {
    int64_t batch_id;
    const struct user_ctx *actor;
    struct relief_pay_input in;
};

/* bank_payer.find: an application of the batch in scope with its head's account. */
static int batch_find(struct db *db, void *ctx, int64_t row, struct bank_payee *out)
{
    struct batch_payer *p = ctx;
    sqlite3_stmt *st = db_prep(db, "SELECT a.amount_fen, m.bank_account, a.state = 'paid' OR " BANK_PAID_BEFORE
                                   ", a.state = 'approved', CASE WHEN NOT " BANK_PAID_BEFORE " THEN " CASH_PAID " END"
                                   BANK_FROM "AND a.id = ?3");
    if (!st)
        return -1;
    db_bind(st, "iti", p->batch_id, p->actor->unit_path, row);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        const char *account = (const char *)sqlite3_column_text(st, 1);
        out->amount_fen = sqlite3_column_int64(st, 0);
        found = snprintf(out->account, sizeof out->account, "%s", account ? account : "") < (int)sizeof out->account
                    ? 1 : -1;
        out->paid = sqlite3_column_int(st, 2);
        out->refused = sqlite3_column_int(st, 3) ? NULL : "该申请尚未批准，不能发放";
        const char *cash = (const char *)sqlite3_column_text(st, 4);
        if (found == 1 && out->paid && cash &&
            snprintf(out->paid_otherwise, sizeof out->paid_otherwise, "%s", cash) >= (int)sizeof out->paid_otherwise)
            found = -1;
    }
    db_done(st);
    return found;
}

/* bank_payer.pay: paid by bank like cash: receipt, fund debit, application paid. */
static int batch_pay(struct db *db, void *ctx, int64_t row, int64_t fen, struct err *e)
{
    struct batch_payer *p = ctx;
    char receipt[RELIEF_RECEIPT_NO_SIZE];
    (void)fen;
    if (relief_disburse_in_txn(db, p->actor, row, &p->in, receipt, e) != 0)
        return -1;
    return db_run(db, "UPDATE relief_applications SET bank_reason = '' WHERE id = ?", "i", row) == SQLITE_DONE
               ? 0 : db_fail(db, e);
}

/* bank_payer.fail: the application stays approved, with the bank's reason. */
static int batch_fail(struct db *db, void *ctx, int64_t row, const char *reason, struct err *e)
{
    (void)ctx;
    return db_run(db, "UPDATE relief_applications SET bank_reason = ? WHERE id = ?", "ti", reason, row) ==
                   SQLITE_DONE ? 0 : db_fail(db, e);
}

/* bank_payer.twice: the bank paid an application paid in cash: recorded in the application's audit
   (paid_twice) for finance to recover; nothing is booked. */
static int batch_twice(struct db *db, void *ctx, int64_t row, const char *reason, struct err *e)
{
    struct batch_payer *p = ctx;
    json_t *after = json_pack("{s:I, s:s, s:I}", "batch_id", (json_int_t)p->batch_id, "reason", reason, "amount_fen",
                              (json_int_t)db_int(db, 0, "SELECT amount_fen FROM relief_applications WHERE id = ?", "i", row));
    int rc = audit_write(db, p->actor, "paid_twice", "relief_application", row, NULL, after);
    json_decref(after);
    return rc == 0 ? 0 : db_fail(db, e);
}

int relief_bank_return(struct db *db, const struct user_ctx *actor, int64_t batch_id, int64_t fund_id,
                       int64_t format_id, const char *data, size_t len, struct date today, int commit,
                       struct bank_return_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    struct relief_batch b;
    struct relief_fund f;
    if (relief_batch_get(db, actor, batch_id, &b, e) != 0)
        return -1;
    if (fund_id <= 0)
        return err_set(e, 422, "invalid_fund", "fund_id", "请选择发放所用的资金（fund_id）");
    if (relief_fund_get(db, actor, fund_id, &f, e) != 0) {
        snprintf(e->field, sizeof e->field, "fund_id");
        return -1;
    }
    char on[11];
    date_format(today, on);
    struct batch_payer payer = {batch_id, actor, {fund_id, on, "bank", today}};
    struct bank_payer p = {batch_find, batch_pay, batch_fail, batch_twice, &payer, format_id};
    if (bank_return_read(db, data, len, &p, res, e) != 0)
        return -1;
    int rc = db_run(db, "INSERT INTO relief_bank_returns (batch_id, fund_id, rows, paid, paid_fen, failed, already, "
                        "imported_by, imported_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiiiiiiit", batch_id, fund_id,
                    res->rows, res->paid, res->paid_fen, res->nfailed, res->already_paid, actor->id, on) == SQLITE_DONE
                 ? 0 : db_fail(db, e);
    if (rc != 0 || !commit) {
        db_rollback(db);
        return rc;
    }
    json_t *twice = json_array();
    for (int64_t i = 0; i < res->npaid_twice && i < BANK_RETURN_MAX_FAILED; i++)
        json_array_append_new(twice, json_pack("{s:I, s:I, s:s}", "row", (json_int_t)res->paid_twice[i].row,
                                               "application_id", (json_int_t)res->paid_twice[i].row, "reason",
                                               res->paid_twice[i].reason));
    json_t *after = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:s}", "fund_id", (json_int_t)fund_id, "rows",
                              (json_int_t)res->rows, "paid", (json_int_t)res->paid, "paid_fen",
                              (json_int_t)res->paid_fen, "failed", (json_int_t)res->nfailed, "already_paid",
                              (json_int_t)res->already_paid, "paid_twice", twice, "encoding", res->encoding);
    return audit_commit(db, 1, actor, "bank_return", "relief_batch", batch_id, NULL, after, e);
}
