/* statement_import.c: checking and booking repayment statements (see statement_import.h). */
#include "statement_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "money.h"
#include "servicing.h"
#include "text.h"

const char *stmt_status_name(enum stmt_status s)
{
    static const char *const names[ST__MAX] = {"已匹配", "金额不符", "未匹配", "重复凭证", "格式错误"};
    return (unsigned)s < ST__MAX ? names[s] : "";
}

enum { COL_CONTRACT, COL_DATE, COL_AMOUNT, COL_RECEIPT, COL__MAX };
static const char *const columns[COL__MAX] = {"合同号", "还款日期", "金额", "凭证号"};

/* What was due on a date: with penalty and compound interest accrued to it, everything unpaid on rows due on or
   before it, or else the next instalment. Accrues the loan's rows in place (a working copy). */
static int64_t due_on_date(struct serviced_loan *l, struct date on)
{
    repay_accrue(&l->terms, on);
    int64_t due = 0;
    for (int i = 0; i < l->terms.nrows; i++) {
        const struct repay_row *r = &l->rows[i];
        int64_t unpaid = r->principal_fen - r->paid_principal_fen + r->interest_fen - r->paid_interest_fen;
        if (date_cmp(r->due_on, on) <= 0)
            due += unpaid + r->penalty_fen - r->paid_penalty_fen + r->compound_fen - r->paid_compound_fen;
        else if (due == 0)
            return unpaid;
    }
    return due;
}

/* Applies the file's earlier bookable rows of the same loan to the working copy, so each row is
   checked against what the statement itself has already paid. */
static void apply_earlier_rows(struct serviced_loan *l, const struct stmt_result *res, int index)
{
    for (int k = 0; k < index; k++) {
        const struct stmt_row *p = &res->rows[k];
        struct date on;
        struct repay_alloc a;
        if (p->loan_id == l->id && (p->status == ST_MATCHED || p->status == ST_SUSPICIOUS) &&
            date_parse(p->paid_on, &on) == 0)
            repay_apply(&l->terms, on, p->amount_fen, &a);
    }
}

/* Checks one row against the loans; fills status, loan, expected amount and a note. */
static void check_row(struct db *db, const struct user_ctx *actor, struct stmt_row *row, struct serviced_loan *l,
                      struct date today, const struct stmt_result *res, int index)
{
    struct date on;
    if (date_parse(row->paid_on, &on) != 0 || date_cmp(on, today) > 0 || text_check(row->receipt_no, 1, DOC_NO_MAX_CHARS) != 0 ||
        row->amount_fen <= 0) {
        row->status = ST_INVALID;
        snprintf(row->note, sizeof row->note, "日期、金额或凭证号无效");
        return;
    }
    for (int k = 0; k < index; k++)
        if (!strcasecmp(res->rows[k].receipt_no, row->receipt_no)) {
            row->status = ST_DUPLICATE;
            snprintf(row->note, sizeof row->note, "凭证号与第 %d 行重复", res->rows[k].line);
            return;
        }
    if (servicing_receipt_live(db, row->receipt_no)) {
        row->status = ST_DUPLICATE;
        snprintf(row->note, sizeof row->note, "该凭证号已入账");
        return;
    }
    struct err e;
    row->loan_id = db_int(db, 0, "SELECT id FROM loans WHERE contract_no = ?", "t", row->contract_no);
    if (!row->loan_id || servicing_get(db, actor, row->loan_id, l, &e) != 0 || strcmp(l->state, "active") != 0) {
        row->status = ST_UNMATCHED;
        snprintf(row->note, sizeof row->note, "%s", !row->loan_id ? "没有这个合同号" : "不在管辖范围内或已结清/代偿");
        row->loan_id = 0;
        return;
    }
    apply_earlier_rows(l, res, index);
    row->expected_fen = due_on_date(l, on);
    row->status = row->expected_fen == row->amount_fen ? ST_MATCHED : ST_SUSPICIOUS;
    if (row->status == ST_SUSPICIOUS) {
        char s[MONEY_TEXT_SIZE];
        snprintf(row->note, sizeof row->note, "当日应还 %s 元", money_format(row->expected_fen, s, sizeof s));
    }
}

int statement_check(struct db *db, const struct user_ctx *actor, const char *data, size_t len, struct date today,
                    struct stmt_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    if (csv_to_utf8(data, len, &res->utf8, &(size_t){0}, &res->encoding) != 0)
        return err_set(e, 422, "unreadable_file", "file", "无法识别文件编码：请保存为 UTF-8 或 GB18030（GBK）编码的 CSV");
    struct csv_reader rd;
    struct csv_record rec;
    csv_reader_init(&rd, res->utf8, strlen(res->utf8));
    int col[COL__MAX];
    if (csv_next(&rd, &rec) != 1) {
        csv_reader_free(&rd);
        return err_set(e, 422, "empty_file", "file", "文件为空或格式不正确");
    }
    for (int c = 0; c < COL__MAX; c++) {
        col[c] = -1;
        for (int i = 0; i < rec.nfields; i++) {
            char name[64];
            if (!strcmp(text_trim(rec.fields[i], name, sizeof name), columns[c]))
                col[c] = i;
        }
        if (col[c] < 0) {
            csv_reader_free(&rd);
            return err_set(e, 422, "missing_column", "file", "文件第一行缺少“%s”列（应有：合同号、还款日期、金额、凭证号）",
                           columns[c]);
        }
    }
    struct serviced_loan *l = servicing_alloc();
    int cap = 0, rc;
    while (l && (rc = csv_next(&rd, &rec)) == 1 && res->nrows < 5000) {
        if (res->nrows == cap) {
            cap = cap ? cap * 2 : 64;
            struct stmt_row *p = realloc(res->rows, (size_t)cap * sizeof *p);
            if (!p)
                break;
            res->rows = p;
        }
        struct stmt_row *row = &res->rows[res->nrows];
        memset(row, 0, sizeof *row);
        row->line = rec.line;
        const char *f[COL__MAX];
        for (int c = 0; c < COL__MAX; c++)
            f[c] = col[c] < rec.nfields ? rec.fields[col[c]] : "";
        text_trim(f[COL_CONTRACT], row->contract_no, sizeof row->contract_no);
        text_trim(f[COL_DATE], row->paid_on, sizeof row->paid_on);
        text_trim(f[COL_RECEIPT], row->receipt_no, sizeof row->receipt_no);
        if (money_parse(f[COL_AMOUNT], &row->amount_fen) != 0)
            row->amount_fen = -1;
        check_row(db, actor, row, l, today, res, res->nrows);
        res->counts[row->status]++;
        res->nrows++;
    }
    servicing_free(l);
    csv_reader_free(&rd);
    return 0;
}

int statement_book(struct db *db, const struct user_ctx *actor, struct stmt_result *res, struct date today)
{
    int booked = 0;
    for (int i = 0; i < res->nrows; i++) {
        struct stmt_row *row = &res->rows[i];
        if (row->status != ST_MATCHED && row->status != ST_SUSPICIOUS)
            continue;
        struct repay_alloc a;
        struct err e = {0};
        int duplicate = 0;
        if (servicing_repay(db, actor, row->loan_id, row->paid_on, row->amount_fen, row->receipt_no, today, &a,
                            &duplicate, &e) > 0 && !duplicate) {
            row->booked = 1;
            booked++;
        } else {
            snprintf(row->note, sizeof row->note, "%s", duplicate ? "该凭证号已入账" : e.message);
        }
    }
    return booked;
}

void statement_free(struct stmt_result *res)
{
    free(res->rows);
    free(res->utf8);
    memset(res, 0, sizeof *res);
}
