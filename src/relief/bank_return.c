/* bank_return.c: reading the bank's return file for any payer (see bank_return.h). */
#include "bank_return.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_format.h"
#include "csv.h"
#include "money.h"

enum { COL_ROW, COL_ACCOUNT, COL_AMOUNT, COL_RESULT, COL_REASON, COL__MAX };
static const char *const heads[COL__MAX][2] = {
    {"序号", "row"}, {"账号", "account"}, {"金额", "amount"}, {"结果", "status"}, {"原因", "reason"}};
/* The payment file's column each of the first three is. */
static const enum bank_col format_cols[COL__MAX] = {BC_ROW, BC_ACCOUNT, BC_AMOUNT, BC__MAX, BC__MAX};

/* The header the format gives column c, or NULL when it has none of its own. */
static const char *format_head(const struct bank_format *f, int c)
{
    for (int i = 0; format_cols[c] != BC__MAX && i < f->ncols; i++)
        if (f->key[i] == (int)format_cols[c])
            return f->head[i];
    return NULL;
}

/* Maps the header to columns: the format's headers, or the fixed Chinese or English names. 0, or -1
   naming the missing column. */
static int read_header(const struct bank_format *f, const struct csv_record *rec, int *col, struct err *e)
{
    for (int c = 0; c < COL__MAX; c++) {
        const char *own = format_head(f, c);
        col[c] = -1;
        for (int i = 0; i < rec->nfields; i++)
            if (!strcmp(rec->fields[i], heads[c][0]) || !strcmp(rec->fields[i], heads[c][1]) ||
                (own && !strcmp(rec->fields[i], own)))
                col[c] = i;
        if (col[c] < 0 && c != COL_REASON)
            return err_set(e, 422, "missing_column", "file",
                           "回盘文件第一行缺少“%s”列（应有：%s、%s、%s、结果、原因；代发格式“%s”）", own ? own : heads[c][0],
                           format_head(f, COL_ROW) ? format_head(f, COL_ROW) : heads[COL_ROW][0],
                           format_head(f, COL_ACCOUNT) ? format_head(f, COL_ACCOUNT) : heads[COL_ACCOUNT][0],
                           format_head(f, COL_AMOUNT) ? format_head(f, COL_AMOUNT) : heads[COL_AMOUNT][0], f->name);
    }
    return 0;
}

/* Records a line that does not match the payer's rows (the import is then refused). */
static void problem(struct bank_return_result *res, int line, const char *what)
{
    if (res->nproblems < BANK_RETURN_MAX_PROBLEMS)
        snprintf(res->problems[res->nproblems], sizeof res->problems[0], "第 %d 行：%s", line, what);
    res->nproblems++;
}

/* Keeps a failure for the answer (the count is always whole). */
static void note_failure(struct bank_return_result *res, int64_t row, const char *why)
{
    if (res->nfailed < BANK_RETURN_MAX_FAILED) {
        res->failed[res->nfailed].row = row;
        snprintf(res->failed[res->nfailed].reason, sizeof res->failed[0].reason, "%s", why);
    }
    res->nfailed++;
}

/* Applies one line: checks it against the payer's line, then books it paid or failed. 0, or -1
   with e on an error of the payer. */
static int apply_line(struct db *db, const struct bank_payer *p, const struct csv_record *rec, const int *col,
                      struct bank_return_result *res, struct err *e)
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
    struct bank_payee x = {0};
    int found = p->find(db, p->ctx, row, &x);
    if (found < 0)
        return db_fail(db, e);
    if (!found)
        return problem(res, rec->line, "代发名单中没有这个序号"), 0;
    char account[BANK_ACCOUNT_SIZE];
    if (bank_account_normalize(f[COL_ACCOUNT], account, sizeof account) != 0 || strcmp(account, x.account) != 0)
        return problem(res, rec->line, "账号与代发名单不符"), 0;
    if (fen != x.amount_fen)
        return problem(res, rec->line, "金额与代发名单不符"), 0;
    if (x.paid && ok && x.paid_otherwise[0]) {
        if (res->npaid_twice < BANK_RETURN_MAX_FAILED) {
            res->paid_twice[res->npaid_twice].row = row;
            snprintf(res->paid_twice[res->npaid_twice].reason, sizeof res->paid_twice[0].reason, "%s", x.paid_otherwise);
        }
        res->npaid_twice++;
        return p->twice ? p->twice(db, p->ctx, row, x.paid_otherwise, e) : 0;
    }
    if (x.paid) {
        res->already_paid++;
        return 0;
    }
    if (x.refused)
        return problem(res, rec->line, x.refused), 0;
    if (ok) {
        res->paid++;
        res->paid_fen += fen;
        return p->pay(db, p->ctx, row, fen, e);
    }
    const char *why = !*f[COL_REASON]                                         ? "银行未说明原因"
                      : text_check(f[COL_REASON], 1, BANK_REASON_MAX_CHARS) != 0 ? "银行给出的原因过长或含控制字符"
                                                                                  : f[COL_REASON];
    note_failure(res, row, why);
    return p->fail(db, p->ctx, row, why, e);
}

/* Reads every line of the UTF-8 text into the open transaction. 0, or -1 with e. */
static int read_lines(struct db *db, const struct bank_payer *p, const struct bank_format *f, const char *text,
                      size_t len, struct bank_return_result *res, struct err *e)
{
    struct csv_reader rd;
    struct csv_record rec;
    int col[COL__MAX], rc;
    csv_reader_init(&rd, text, len);
    if (csv_next(&rd, &rec) != 1) {
        csv_reader_free(&rd);
        return err_set(e, 422, "empty_file", "file", "回盘文件为空");
    }
    if (read_header(f, &rec, col, e) != 0) {
        csv_reader_free(&rd);
        return -1;
    }
    while ((rc = csv_next(&rd, &rec)) == 1) {
        res->rows++;
        if (apply_line(db, p, &rec, col, res, e) != 0) {
            csv_reader_free(&rd);
            return -1;
        }
    }
    if (rc < 0)
        problem(res, rd.err_line, rd.err ? rd.err : "CSV 格式错误");
    csv_reader_free(&rd);
    if (res->nproblems)
        return err_set(e, 422, "bad_return_file", "file", "回盘文件有 %d 行与代发名单不符，未入账：%s", res->nproblems,
                       res->problems[0]);
    return 0;
}

int bank_return_read(struct db *db, const char *data, size_t len, const struct bank_payer *p,
                     struct bank_return_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    char *text = NULL;
    size_t tlen = 0;
    struct bank_format f;
    if (bank_format_get(db, p->format_id, &f, e) != 0) {
        snprintf(e->field, sizeof e->field, "bank_format");
        return -1;
    }
    if (csv_to_utf8(data, len, &text, &tlen, &res->encoding) != 0)
        return err_set(e, 422, "unreadable_file", "file", "无法识别文件编码：请保存为 UTF-8 或 GB18030（GBK）编码的 CSV");
    if (db_begin(db) != SQLITE_OK) {
        free(text);
        return db_fail(db, e);
    }
    int rc = read_lines(db, p, &f, text, tlen, res, e);
    free(text);
    if (rc != 0)
        db_rollback(db);
    return rc;
}
