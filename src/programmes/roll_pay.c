/* roll_pay.c: a roll's payment file and the bank's return file (see roll_pay.h). */
#include "roll_pay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "csv.h"
#include "money.h"

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

enum { COL_ROW, COL_ACCOUNT, COL_AMOUNT, COL_RESULT, COL_REASON, COL__MAX };
static const char *const heads[COL__MAX][2] = {
    {"序号", "row"}, {"账号", "account"}, {"金额", "amount"}, {"结果", "status"}, {"原因", "reason"}};

/* Maps the header to columns (Chinese or English names). 0, or -1 naming the missing column. */
static int read_header(const struct csv_record *rec, int *col, struct err *e)
{
    for (int c = 0; c < COL__MAX; c++) {
        col[c] = -1;
        for (int i = 0; i < rec->nfields; i++)
            if (!strcmp(rec->fields[i], heads[c][0]) || !strcmp(rec->fields[i], heads[c][1]))
                col[c] = i;
        if (col[c] < 0 && c != COL_REASON)
            return err_set(e, 422, "missing_column", "file", "回盘文件第一行缺少“%s”列（应有：序号、账号、金额、结果、原因）",
                           heads[c][0]);
    }
    return 0;
}

/* Records a line that does not match the roll (the import is then refused). */
static void problem(struct bank_return_result *res, int line, const char *what)
{
    if (res->nproblems < BANK_RETURN_MAX_PROBLEMS)
        snprintf(res->problems[res->nproblems], sizeof res->problems[0], "第 %d 行：%s", line, what);
    res->nproblems++;
}

/* The roll row a return line names, with its account, amount and payment state. */
#define RETURN_ROW(X, _)                                                                                              \
    X("x.amount_fen", MONEY, amount_fen) _ X("x.pay_state", TEXT(CODE_SIZE), pay_state) _                           \
        X("m.bank_account", TEXT(BANK_ACCOUNT_SIZE), account)
struct return_row {
    DB_ROW_FIELDS(RETURN_ROW)
};
static DB_ROW_READER(return_row_read, RETURN_ROW, struct return_row)

/* Applies one line: checks it against the roll, then marks the row paid (pay_state 'paid', the
   entry set after) or failed. Returns 0, or -1 on a database error. */
static int apply_line(struct db *db, int64_t roll_id, const struct csv_record *rec, const int *col, const char *on,
                      struct bank_return_result *res)
{
    const char *f[COL__MAX];
    for (int c = 0; c < COL__MAX; c++)
        f[c] = col[c] >= 0 && col[c] < rec->nfields ? rec->fields[col[c]] : "";
    char *end;
    int64_t row = strtoll(f[COL_ROW], &end, 10);
    int64_t fen;
    int ok = !strcmp(f[COL_RESULT], "成功"), failed = !strcmp(f[COL_RESULT], "失败");
    if (!*f[COL_ROW] || *end || row <= 0)
        return problem(res, rec->line, "序号应为代发文件中的序号"), 0;
    if (money_parse(f[COL_AMOUNT], &fen) != 0)
        return problem(res, rec->line, "金额格式不正确"), 0;
    if (!ok && !failed)
        return problem(res, rec->line, "结果应为 成功 或 失败"), 0;
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(RETURN_ROW) " FROM roll_rows x JOIN members m ON m.id = "
                                   "coalesce(x.member_id, (SELECT hm.id FROM members hm WHERE hm.household_id = "
                                   "x.household_id AND hm.is_head = 1)) WHERE x.id = ? AND x.roll_id = ? AND x.status "
                                   "IN ('new', 'continued', 'added')");
    if (!st)
        return -1;
    db_bind(st, "ii", row, roll_id);
    struct return_row x;
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && return_row_read(st, &x) != 0;
    db_done(st);
    if (bad)
        return -1;
    if (!found)
        return problem(res, rec->line, "名册中没有这个序号"), 0;
    char account[BANK_ACCOUNT_SIZE];
    if (bank_account_normalize(f[COL_ACCOUNT], account, sizeof account) != 0 || strcmp(account, x.account) != 0)
        return problem(res, rec->line, "账号与名册不符"), 0;
    if (fen != x.amount_fen)
        return problem(res, rec->line, "金额与名册不符"), 0;
    if (!strcmp(x.pay_state, "paid")) {
        res->already_paid++;
        return 0;
    }
    if (ok) {
        res->paid++;
        res->paid_fen += fen;
        return db_run(db, "UPDATE roll_rows SET pay_state = 'paid', pay_reason = '', paid_on = ? WHERE id = ?", "ti",
                      on, row) == SQLITE_DONE ? 0 : -1;
    }
    const char *why = !*f[COL_REASON]                                        ? "银行未说明原因"
                      : text_check(f[COL_REASON], 1, ROLL_REASON_MAX_CHARS) != 0 ? "银行给出的原因过长或含控制字符"
                                                                                 : f[COL_REASON];
    if (res->nfailed < BANK_RETURN_MAX_FAILED) {
        res->failed[res->nfailed].row = row;
        snprintf(res->failed[res->nfailed].reason, sizeof res->failed[0].reason, "%s", why);
    }
    res->nfailed++;
    return db_run(db, "UPDATE roll_rows SET pay_state = 'failed', pay_reason = ? WHERE id = ?", "ti", why, row) ==
                   SQLITE_DONE
               ? 0
               : -1;
}

/* Reads every line of the file into the open transaction. 0, or -1 with e. */
static int read_lines(struct db *db, int64_t roll_id, const char *text, size_t len, const char *on,
                      struct bank_return_result *res, struct err *e)
{
    struct csv_reader rd;
    struct csv_record rec;
    int col[COL__MAX], rc;
    csv_reader_init(&rd, text, len);
    if (csv_next(&rd, &rec) != 1) {
        csv_reader_free(&rd);
        return err_set(e, 422, "empty_file", "file", "回盘文件为空");
    }
    if (read_header(&rec, col, e) != 0) {
        csv_reader_free(&rd);
        return -1;
    }
    while ((rc = csv_next(&rd, &rec)) == 1) {
        res->rows++;
        if (apply_line(db, roll_id, &rec, col, on, res) != 0) {
            csv_reader_free(&rd);
            return db_fail(db, e);
        }
    }
    if (rc < 0)
        problem(res, rd.err_line, rd.err ? rd.err : "CSV 格式错误");
    csv_reader_free(&rd);
    return 0;
}

int roll_bank_return(struct db *db, const struct user_ctx *actor, int64_t roll_id, const char *data, size_t len,
                     struct date today, int commit, struct bank_return_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    struct roll r;
    if (approved_roll(db, actor, roll_id, &r, e) != 0)
        return -1;
    char *text = NULL, on[11];
    size_t tlen = 0;
    if (csv_to_utf8(data, len, &text, &tlen, &res->encoding) != 0)
        return err_set(e, 422, "unreadable_file", "file", "无法识别文件编码：请保存为 UTF-8 或 GB18030（GBK）编码的 CSV");
    date_format(today, on);
    if (db_begin(db) != SQLITE_OK) {
        free(text);
        return db_fail(db, e);
    }
    int rc = read_lines(db, roll_id, text, tlen, on, res, e);
    free(text);
    if (rc == 0 && res->nproblems)
        rc = err_set(e, 422, "bad_return_file", "file", "回盘文件有 %d 行与名册不符，未入账：%s", res->nproblems,
                     res->problems[0]);
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
