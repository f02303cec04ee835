/* aid_sheet.c: aid in kind as sheets (see aid_sheet.h). */
#include "aid_sheet.h"

#include <stdio.h>
#include <string.h>

#include "money.h"
#include "record_sheets.h"

/* The sheet being filled: sign = the 签领表 (standing rows only, numbered, a signature column). */
struct aid_fill {
    struct sheet *s;
    int sign, n;
};

/* One distribution. */
static void aid_sheet_row(const struct aid_row *x, void *ctx)
{
    struct aid_fill *f = ctx;
    char no[SHEET_NUM_SIZE], qty[SHEET_NUM_SIZE], unit_value[MONEY_TEXT_SIZE], value[MONEY_TEXT_SIZE],
        item[AID_ITEM_NAME_SIZE + AID_UNIT_SIZE + 4];
    if (f->sign && x->reversed)
        return;
    snprintf(item, sizeof item, "%s（%s）", x->item, x->unit);
    if (f->sign) {
        const char *cells[] = {sheet_num(++f->n, no), x->head_name, x->village, item, sheet_num(x->quantity, qty),
                               sheet_fen(x->unit_value_fen, unit_value), sheet_fen(x->value_fen, value), ""};
        sheet_row(f->s, cells);
        return;
    }
    const char *cells[] = {sheet_num(x->id, no), x->given_on, x->head_name, x->village, item,
                           sheet_num(x->quantity, qty), sheet_fen(x->unit_value_fen, unit_value),
                           sheet_fen(x->value_fen, value), x->fund, x->occasion,
                           x->reversed ? x->reverse_reason : ""};
    sheet_row(f->s, cells);
}

/* Reads every match of the filter into the sheet with its total row (quantity and value of the
   standing rows); words: the total in 大写 after the table. 0 or -1. */
static int aid_fill(struct req *r, const struct aid_filter *filter, struct aid_fill *f, int qty_col, int value_col)
{
    struct aid_filter all = *filter;
    char n[32], qty[SHEET_NUM_SIZE], value[MONEY_TEXT_SIZE], words[MONEY_CAPITAL_SIZE];
    all.limit = list_export_limit(r), all.offset = 0;
    if (aid_list(r->db, &r->user, &all, aid_sheet_row, f) < 0 || money_capital(all.value_fen, words, sizeof words) != 0)
        return -1;
    const char *cells[TABLE_MAX_COLS] = {"合计"};
    snprintf(n, sizeof n, "%lld 条", (long long)(f->sign ? f->n : all.count));
    cells[1] = n;
    for (int c = 2; c < f->s->ncols; c++)
        cells[c] = c == qty_col ? sheet_num(all.quantity, qty) : c == value_col ? sheet_fen(all.value_fen, value) : "";
    sheet_row(f->s, cells);
    f->s->total_rows = 1;
    snprintf(f->s->after[0], sizeof f->s->after[0], "合计价值（大写）：%s%s", words,
             f->sign ? "" : "（不含已冲销的记录）");
    return 0;
}

int aid_list_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"编号", "发放日期", "户主", "村", "物品", "数量", "单价（元）", "价值（元）",
                                        "资金", "事由", "冲销原因", NULL};
    sheet_init(s, "慰问品发放", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 1);
    sheet_int_column(s, 5);
    sheet_money_column(s, 6);
    sheet_money_column(s, 7);
    s->landscape = 1;
    scope_subtitle(r, s);
    struct aid_fill f = {s, 0, 0};
    return aid_fill(r, arg, &f, 5, 7);
}

int aid_sign_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"序号", "户主", "村", "物品", "数量", "单价（元）", "价值（元）", "签名或手印",
                                        NULL};
    const struct aid_filter *filter = arg;
    char from[11] = "", to[11] = "";
    sheet_init(s, "慰问品签领表", heads);
    sheet_int_column(s, 0);
    sheet_int_column(s, 4);
    sheet_money_column(s, 5);
    sheet_money_column(s, 6);
    s->widths[7] = 1.6f;
    if (filter->from.y)
        date_format(filter->from, from);
    if (filter->to.y)
        date_format(filter->to, to);
    if (sheet_scope_subtitle(s, r, "发放日期 %s 至 %s", from[0] ? from : "不限", to[0] ? to : "不限") != 0)
        return -1;
    struct aid_fill f = {s, 1, 0};
    if (aid_fill(r, filter, &f, 4, 6) != 0)
        return -1;
    snprintf(s->after[1], sizeof s->after[1], "发放人：__________    村计生专干：__________    日期：__________");
    return 0;
}

void aid_sign_sheet_reply(struct req *r, const struct aid_filter *f)
{
    struct sheet s;
    if (list_export_if_asked(r, aid_sign_sheet, f, "aid-sign-sheet.csv"))
        return;
    if (aid_sign_sheet(r, f, &s) != 0)
        reply_fail(r, 500, "db_error", "读取数据失败，签领表没有生成，请稍后再试");
    else if (s.nrows - s.total_rows >= list_export_limit(r)) /* more than an export may hold: never a cut sheet */
        reply_fail(r, 422, "export_too_large", "签领表的记录超过一次导出的上限，请按村或日期缩小范围");
    else
        sheet_reply_pdf(r, &s);
    sheet_free(&s);
}
