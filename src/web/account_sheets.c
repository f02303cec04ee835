/* account_sheets.c: the voucher list and the trial balance as sheets (see account_sheets.h). */
#include "account_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "report_scope.h"
#include "trial_balance.h"
#include "voucher.h"

int account_period(struct req *r, const char *to_key, char *from, char *to)
{
    const char *f = req_query(r, "from"), *t = req_query(r, to_key);
    struct date a, b = r->today;
    int trial = strcmp(to_key, "as_of") == 0;
    if ((t && *t && date_parse(t, &b) != 0)) {
        reply_fail(r, 422, "invalid_period", "日期格式应为 YYYY-MM-DD");
        return -1;
    }
    a = trial ? (struct date){b.y, 1, 1} : (struct date){b.y, b.m, 1};
    if ((f && *f && date_parse(f, &a) != 0) || date_cmp(a, b) > 0) {
        reply_fail(r, 422, "invalid_period", "期间应为 YYYY-MM-DD 至 YYYY-MM-DD，起始日不晚于截止日");
        return -1;
    }
    date_format(a, from);
    date_format(b, to);
    return 0;
}

/* A line under a table: label, the amount and its 大写 (人民币负… for a negative one). */
static void capital_line(char *out, const char *label, int64_t fen)
{
    static const char rmb[] = "人民币";
    char text[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE];
    if (money_capital(fen < 0 ? -fen : fen, capital, sizeof capital) != 0)
        snprintf(capital, sizeof capital, "—");
    int has_rmb = strncmp(capital, rmb, sizeof rmb - 1) == 0;
    snprintf(out, SHEET_LINE_SIZE, "%s：%s 元（大写：%s%s%s）", label, money_format(fen, text, sizeof text),
             has_rmb ? rmb : "", fen < 0 ? "负" : "", capital + (has_rmb ? sizeof rmb - 1 : 0));
}

/* The vouchers being listed and their sum. */
struct voucher_ctx {
    struct sheet *s;
    int64_t total_fen;
};

/* One voucher's row: each value in its own cell (the accounting software's import). */
static void voucher_row(const struct voucher *v, void *ctx)
{
    struct voucher_ctx *c = ctx;
    char amount[MONEY_TEXT_SIZE];
    const char *cells[] = {v->number,     v->on,          v->summary,     v->debit_code,
                           v->debit_name, v->credit_code, v->credit_name, sheet_fen(v->amount_fen, amount),
                           v->book,       v->document_no};
    sheet_row(c->s, cells);
    c->total_fen += v->amount_fen;
}

int voucher_sheet(struct req *r, const char *from, const char *to, struct sheet *s, struct err *e)
{
    static const char *const heads[] = {"凭证号",   "日期",       "摘要", "借方科目编号", "借方科目", "贷方科目编号",
                                        "贷方科目", "金额（元）", "账簿", "原始单据号",   NULL};
    sheet_init(s, "记账凭证", heads);
    sheet_date_column(s, 1);
    sheet_money_column(s, 7);
    s->widths[2] = 3;
    s->landscape = 1;
    snprintf(s->subtitle, sizeof s->subtitle, "范围：%s · 期间：%s 至 %s · 单位：元（红字冲销凭证金额为负数）",
             r->user.unit_name, from, to);
    struct voucher_ctx c = {s, 0};
    if (voucher_list(r->db, r->user.unit_path, from, to, voucher_row, &c, e) < 0)
        return -1;
    char total[MONEY_TEXT_SIZE];
    const char *cells[] = {"合计", "", "借方合计 = 贷方合计", "", "", "", "", sheet_fen(c.total_fen, total), "", ""};
    sheet_row(s, cells);
    s->total_rows = 1;
    capital_line(s->after[0], "借方合计", c.total_fen);
    capital_line(s->after[1], "贷方合计", c.total_fen);
    return 0;
}

/* One account's row: its figures split by side; adds them to sums. */
static void tb_row(struct sheet *s, const struct tb_line *l, int64_t sums[TB_COLS])
{
    int64_t v[TB_COLS];
    tb_columns(l, v);
    char text[TB_COLS][MONEY_TEXT_SIZE];
    const char *cells[2 + TB_COLS] = {l->account.code, l->account.name};
    for (int k = 0; k < TB_COLS; k++) {
        cells[2 + k] = sheet_fen(v[k], text[k]);
        sums[k] += v[k];
    }
    sheet_row(s, cells);
}

int trial_balance_sheet(struct req *r, const char *from, const char *to, struct sheet *s, struct err *e)
{
    static const char *const heads[] = {"科目编号",       "科目名称",       "期初借方（元）",
                                        "期初贷方（元）", "本期借方（元）", "本期贷方（元）",
                                        "期末借方（元）", "期末贷方（元）", NULL};
    sheet_init(s, "试算平衡表", heads);
    for (int c = 2; c < 2 + TB_COLS; c++)
        sheet_money_column(s, c);
    s->widths[1] = 2;
    s->landscape = 1;
    snprintf(s->subtitle, sizeof s->subtitle, "范围：%s · 期间：%s 至 %s · 单位：元（没有余额和发生额的科目不列出）",
             r->user.unit_name, from, to);
    struct tb_line *lines;
    int n = trial_balance(r->db, r->user.unit_path, from, to, &lines, e);
    if (n < 0)
        return -1;
    int64_t sums[TB_COLS] = {0};
    for (int i = 0; i < n; i++)
        if (lines[i].opening_fen || lines[i].debit_fen || lines[i].credit_fen)
            tb_row(s, &lines[i], sums);
    free(lines);
    char text[TB_COLS][MONEY_TEXT_SIZE];
    const char *cells[2 + TB_COLS] = {"合计", ""};
    for (int k = 0; k < TB_COLS; k++)
        cells[2 + k] = sheet_fen(sums[k], text[k]);
    sheet_row(s, cells);
    s->total_rows = 1;
    capital_line(s->after[0], "本期借方发生额合计", sums[2]);
    capital_line(s->after[1], "本期贷方发生额合计", sums[3]);
    snprintf(s->after[2], SHEET_LINE_SIZE, "%s",
             sums[0] == sums[1] && sums[2] == sums[3] && sums[4] == sums[5]
                 ? "试算结果：期初、本期发生额和期末余额的借贷方合计均相等，试算平衡。"
                 : "试算结果：借贷不平衡，请检查科目对应关系。");
    return 0;
}

int account_report_start(struct req *r, const char *to_key, account_sheet_fn build, const char *name, char *from,
                         char *to, struct sheet *s)
{
    char csv[SHEET_FILENAME_SIZE];
    struct err e = {0};
    if (report_narrow_scope(r) != 0 || account_period(r, to_key, from, to) != 0)
        return 0;
    if (build(r, from, to, s, &e) != 0) {
        sheet_free(s);
        reply_error(r, &e);
        return 0;
    }
    snprintf(csv, sizeof csv, "%s.csv", name);
    if (sheet_reply_by_format(r, s, csv)) {
        sheet_free(s);
        return 0;
    }
    return 1;
}
