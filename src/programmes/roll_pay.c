/* roll_pay.c: a roll's payment file and the bank's return file (see roll_pay.h). */
#include "roll_pay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"

/* Loads an approved roll in scope whose fund the actor may pay from. 0 or -1 with e. */
static int approved_roll(struct db *db, const struct user_ctx *actor, int64_t roll_id, struct roll *r, struct err *e)
{
    struct relief_fund f;
    if (roll_get(db, actor, roll_id, r, e) != 0)
        return -1;
    if (strcmp(r->state, "approved") != 0)
        return err_set(e, 409, "not_approved", NULL, "名册批准后才能代发");
    return relief_fund_get(db, actor, r->fund_id, &f, e);
}

int roll_bank_file_open(struct db *db, const struct user_ctx *actor, int64_t roll_id, struct roll *out,
                        struct err *e)
{
    if (approved_roll(db, actor, roll_id, out, e) != 0)
        return -1;
    int64_t n = db_int(db, 0, "SELECT count(*) FROM roll_rows x JOIN members m ON m.id = coalesce(x.member_id, "
                              "(SELECT hm.id FROM members hm WHERE hm.household_id = x.household_id AND hm.is_head = 1)) "
                              "WHERE x.roll_id = ? AND x.status IN ('new', 'continued', 'added') AND x.pay_state <> "
                              "'paid' AND m.bank_account <> ''", "i", roll_id);
    json_t *after = json_pack("{s:I, s:I}", "rows", (json_int_t)n, "unpaid_fen", (json_int_t)(out->total_fen - out->paid_fen));
    int rc = audit_write(db, actor, "bank_file", "roll", roll_id, NULL, after);
    json_decref(after);
    return rc == 0 ? 0 : db_fail(db, e);
}

/* The roll row a return line names, with its account, amount and payment state. */
#define RETURN_ROW(X, _)                                                                                              \
    X("x.amount_fen", MONEY, amount_fen) _ X("x.pay_state", TEXT(CODE_SIZE), pay_state) _                           \
        X("m.bank_account", TEXT(BANK_ACCOUNT_SIZE), account)
struct return_row {
    DB_ROW_FIELDS(RETURN_ROW)
};
static DB_ROW_READER(return_row_read, RETURN_ROW, struct return_row)

/* The roll being paid and the day. */
struct roll_payer {
    int64_t roll_id;
    const char *on;
};

/* bank_payer.find: a row on the roll (new, continued or added) with its head's or person's account. */
static int roll_find(struct db *db, void *ctx, int64_t row, struct bank_payee *out)
{
    struct roll_payer *p = ctx;
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(RETURN_ROW) " FROM roll_rows x JOIN members m ON m.id = "
                                   "coalesce(x.member_id, (SELECT hm.id FROM members hm WHERE hm.household_id = "
                                   "x.household_id AND hm.is_head = 1)) WHERE x.id = ? AND x.roll_id = ? AND x.status "
                                   "IN ('new', 'continued', 'added')");
    if (!st)
        return -1;
    db_bind(st, "ii", row, p->roll_id);
    struct return_row x;
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && return_row_read(st, &x) != 0;
    db_done(st);
    if (bad)
        return -1;
    if (found) {
        out->amount_fen = x.amount_fen;
        snprintf(out->account, sizeof out->account, "%s", x.account);
        out->paid = !strcmp(x.pay_state, "paid");
    }
    return found;
}

/* bank_payer.pay: the row paid today (the fund is debited once for the whole import after). */
static int roll_pay_row(struct db *db, void *ctx, int64_t row, int64_t fen, struct err *e)
{
    struct roll_payer *p = ctx;
    (void)fen;
    return db_run(db, "UPDATE roll_rows SET pay_state = 'paid', pay_reason = '', paid_on = ? WHERE id = ?", "ti",
                  p->on, row) == SQLITE_DONE ? 0 : db_fail(db, e);
}

/* bank_payer.fail: the row back to be paid in the next file, with the bank's reason. */
static int roll_fail_row(struct db *db, void *ctx, int64_t row, const char *reason, struct err *e)
{
    (void)ctx;
    return db_run(db, "UPDATE roll_rows SET pay_state = 'failed', pay_reason = ? WHERE id = ?", "ti", reason, row) ==
                   SQLITE_DONE ? 0 : db_fail(db, e);
}

int roll_bank_return(struct db *db, const struct user_ctx *actor, int64_t roll_id, int64_t format_id, const char *data,
                     size_t len, struct date today, int commit, struct bank_return_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    struct roll r;
    if (approved_roll(db, actor, roll_id, &r, e) != 0)
        return -1;
    char on[11];
    date_format(today, on);
    struct roll_payer payer = {roll_id, on};
    struct bank_payer p = {roll_find, roll_pay_row, roll_fail_row, NULL, &payer, format_id};
    if (bank_return_read(db, data, len, &p, res, e) != 0)
        return -1;
    int rc = 0;
    char doc[DOC_NO_SIZE], note[NOTE_SIZE];
    int64_t import_no = db_int(db, 0, "SELECT count(*) FROM bank_returns WHERE roll_id = ?", "i", roll_id) + 1;
    snprintf(doc, sizeof doc, "名册%lld-回盘%lld", (long long)roll_id, (long long)import_no);
    snprintf(note, sizeof note, "%d年资格确认名册代发 %lld 人", r.year, (long long)res->paid);
    if (rc == 0 && res->paid_fen > 0) {
        res->entry_id = relief_fund_post_roll(db, actor, r.fund_id, -res->paid_fen, on, doc, note, roll_id, e);
        if (res->entry_id < 0 ||
            db_run(db, "UPDATE roll_rows SET fund_entry_id = ? WHERE roll_id = ? AND pay_state = 'paid' AND "
                       "fund_entry_id IS NULL", "ii", res->entry_id, roll_id) != SQLITE_DONE)
            rc = res->entry_id < 0 ? -1 : db_fail(db, e);
    }
    if (rc == 0 && db_run(db, "INSERT INTO bank_returns (roll_id, rows, paid, paid_fen, failed, already, entry_id, "
                              "imported_by, imported_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiiiiiIit", roll_id,
                          res->rows, res->paid, res->paid_fen, res->nfailed, res->already_paid, res->entry_id,
                          actor->id, on) != SQLITE_DONE)
        rc = db_fail(db, e);
    if (rc != 0 || !commit) {
        db_rollback(db);
        return rc;
    }
    json_t *after = json_pack("{s:I, s:I, s:I, s:I, s:I, s:s}", "rows", (json_int_t)res->rows, "paid",
                              (json_int_t)res->paid, "paid_fen", (json_int_t)res->paid_fen, "failed",
                              (json_int_t)res->nfailed, "already_paid", (json_int_t)res->already_paid, "encoding",
                              res->encoding);
    return audit_commit(db, 1, actor, "bank_return", "roll", roll_id, NULL, after, e);
}
