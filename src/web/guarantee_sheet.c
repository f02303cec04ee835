/* guarantee_sheet.c: the guarantee fund's ledger as a sheet (see guarantee_sheet.h). */
#include "guarantee_sheet.h"

#include <stdio.h>

#include "money.h"

struct guarantee_entry_filter guarantee_filter_of(struct req *r)
{
    return (struct guarantee_entry_filter){.kind = req_query(r, "kind"), .from = req_query(r, "from"),
                                           .to = req_query(r, "to")};
}

/* One entry: income and recoveries in 收入, payouts and negative adjustments in 支出. */
static void entry_sheet_row(const struct guarantee_entry *x, void *ctx)
{
    char id[24], in[MONEY_TEXT_SIZE] = "", out[MONEY_TEXT_SIZE] = "", balance[MONEY_TEXT_SIZE];
    sheet_fen(x->amount_fen >= 0 ? x->amount_fen : -x->amount_fen, x->amount_fen >= 0 ? in : out);
    snprintf(id, sizeof id, "%lld", (long long)x->id);
    const char *cells[] = {id, x->on, guarantee_entry_kind_name(x->kind), x->document_no, x->contract_no,
                           x->applicant, x->village, x->note, in, out, sheet_fen(x->balance_after_fen, balance)};
    sheet_row(ctx, cells);
}

int guarantee_ledger_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"序号", "日期", "类型", "文件号/凭证号", "贷款合同号", "借款人", "村", "摘要",
                                        "收入（元）", "支出（元）", "余额（元）", NULL};
    struct guarantee_entry_filter f = *(const struct guarantee_entry_filter *)arg;
    sheet_init(s, "担保基金明细账", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 1);
    for (int c = 8; c <= 10; c++)
        sheet_money_column(s, c);
    s->carry[8] = s->carry[9] = CARRY_SUM;
    s->carry[10] = CARRY_BALANCE;
    static const float widths[] = {0.5f, 1.1f, 0.6f, 1.4f, 1.6f, 0.8f, 0.9f, 1.8f, 1.2f, 1.2f, 1.3f};
    for (int c = 0; c < s->ncols; c++)
        s->widths[c] = widths[c];
    s->landscape = 1;
    char t[11];
    const char *kind = guarantee_entry_kind_name(f.kind);
    snprintf(s->subtitle, sizeof s->subtitle, "范围：%s · %s%s%s%s%s · 余额为全区担保基金记账后的余额 · 导出日期 %s",
             r->user.unit_name, kind ? kind : "全部类型", f.from && *f.from ? " · 自 " : "", f.from && *f.from ? f.from : "",
             f.to && *f.to ? " 至 " : "", f.to && *f.to ? f.to : "", date_format(r->today, t));
    f.limit = LIST_EXPORT_MAX, f.offset = 0;
    struct err e = {0};
    return guarantee_ledger_list(r->db, &r->user, &f, entry_sheet_row, s, &e) < 0 ? -1 : 0;
}
