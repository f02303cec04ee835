/* list_sheets.c: the servicing lists as sheets for CSV, Excel and PDF (see list_sheets.h). */
#include "list_sheets.h"

#include <stdio.h>
#include <string.h>

#include "money.h"
#include "portfolio.h"
#include "servicing.h"

/* A due sheet being filled, with its totals. */
struct due_build {
    struct sheet *s;
    int reminder; /* the reminder list's columns */
    int penalty_unknown; /* a page of a list with overdue rows: the penalty total is the files' */
    int64_t due_fen, overdue_fen, penalty_fen;
};

/* Appends one unpaid instalment: its days overdue, overdue amount (the unpaid principal and
   interest once the due day has passed) and penalty, all of the instalment as of today. */
static void due_sheet_row(const struct due_row *d, void *ctx)
{
    struct due_build *b = ctx;
    int64_t over_fen = d->days_overdue > 0 ? d->due_fen : 0;
    b->due_fen += d->due_fen, b->overdue_fen += over_fen, b->penalty_fen += d->penalty_fen;
    char n[SHEET_NUM_SIZE], dpd[SHEET_NUM_SIZE], due[MONEY_TEXT_SIZE], over[MONEY_TEXT_SIZE], pen[MONEY_TEXT_SIZE];
    sheet_num(d->n, n);
    sheet_fen(d->due_fen, due);
    if (b->reminder) {
        const char *cells[] = {d->village, d->applicant, d->phone, n, d->due_on, due, ""};
        sheet_row(b->s, cells);
        return;
    }
    const char *cells[] = {d->village, d->applicant, d->phone, d->contract_no, n, d->due_on, due,
                           sheet_num(d->days_overdue, dpd), sheet_fen(over_fen, over), sheet_fen(d->penalty_fen, pen)};
    sheet_row(b->s, cells);
}

/* Appends the total row: the number of instalments and the sums of the amount columns. */
static void due_total_row(const struct due_build *b, int64_t n)
{
    char count[32], due[MONEY_TEXT_SIZE], over[MONEY_TEXT_SIZE], pen[MONEY_TEXT_SIZE];
    snprintf(count, sizeof count, "%lld 期", (long long)(n < 0 ? 0 : n));
    sheet_fen(b->due_fen, due);
    if (b->reminder) {
        const char *cells[] = {"合计", count, "", "", "", due, ""};
        sheet_row(b->s, cells);
        return;
    }
    const char *cells[] = {"合计", count, "", "", "", "", due, "", sheet_fen(b->overdue_fen, over),
                           b->penalty_unknown ? "" : sheet_fen(b->penalty_fen, pen)};
    sheet_row(b->s, cells);
}

/* The heads and column kinds of a due sheet (the reminder list's or the full list's). */
static void due_sheet_init(struct sheet *s, const struct due_query *q)
{
    static const char *const heads[] = {"村", "借款人", "电话", "合同号", "期数", "应还日", "应还本息（元）",
                                        "逾期天数", "逾期金额（元）", "罚息复利（元）", NULL};
    static const char *const reminder_heads[] = {"村", "借款人", "电话", "期数", "应还日", "应还本息（元）",
                                                 "已提醒（签字）", NULL};
    static const float widths[] = {1, 1, 1.4f, 1.9f, 0.6f, 1.2f, 1.3f, 0.8f, 1.3f, 1.2f};
    sheet_init(s, q->title, q->reminder ? reminder_heads : heads);
    if (q->reminder) {
        sheet_int_column(s, 3);
        sheet_date_column(s, 4);
        sheet_money_column(s, 5);
        return;
    }
    sheet_int_column(s, 4);
    sheet_date_column(s, 5);
    sheet_money_column(s, 6);
    sheet_int_column(s, 7);
    sheet_money_column(s, 8);
    sheet_money_column(s, 9);
    memcpy(s->widths, widths, sizeof widths);
    s->landscape = 1;
}

int list_due_build(struct req *r, const struct due_query *q, struct sheet *s)
{
    due_sheet_init(s, q);
    char a[11], b[11], t[11];
    sheet_scope_subtitle(s, r, "应还日%s%s%s%s · 逾期天数和罚息算至 %s", q->from.y ? " " : "截至 ",
                         q->from.y ? date_format(q->from, a) : "", q->from.y ? " 至 " : "", date_format(q->to, b),
                         date_format(r->today, t));
    struct due_build d = {.s = s, .reminder = q->reminder};
    int n = servicing_due_list(r->db, &r->user, q->from, q->to, r->today, q->page, due_sheet_row, &d);
    int64_t count = n;
    if (q->page && n >= 0) {
        struct due_build all = {.s = s, .reminder = q->reminder, .penalty_unknown = list_due_penalty_in_files(r, q)};
        portfolio_due_summary(r->db, &r->user, q->from, q->to, &count, &all.due_fen);
        if (all.penalty_unknown) { /* what falls due before today is overdue */
            struct date yesterday = date_add_days(r->today, -1);
            int64_t overdue_rows;
            if (date_cmp(q->to, yesterday) <= 0) /* the overdue list: all of it */
                all.overdue_fen = all.due_fen;
            else
                portfolio_due_summary(r->db, &r->user, q->from, yesterday, &overdue_rows, &all.overdue_fen);
        }
        due_total_row(&all, count);
    } else
        due_total_row(&d, count);
    s->total_rows = 1;
    return n;
}

int list_due_penalty_in_files(const struct req *r, const struct due_query *q)
{
    return !q->reminder && date_cmp(q->from, r->today) < 0;
}

int list_due_sheet(struct req *r, const void *arg, struct sheet *s)
{
    return list_due_build(r, arg, s) < 0 ? -1 : 0;
}

/* A loan book sheet being filled, with the sums of its amount columns. */
struct loans_build {
    struct sheet *s;
    int64_t count, principal_fen;
    struct loan_figures sum;
};

/* One loan of the loan book. */
static void loan_sheet_row(const struct serviced_loan *l, const struct loan_figures *fig, void *ctx)
{
    struct loans_build *b = ctx;
    b->count++, b->principal_fen += l->principal_fen, b->sum.outstanding_fen += fig->outstanding_fen;
    b->sum.overdue_fen += fig->overdue_fen, b->sum.penalty_fen += fig->penalty_fen;
    char id[SHEET_NUM_SIZE], dpd[SHEET_NUM_SIZE], p[MONEY_TEXT_SIZE], out[MONEY_TEXT_SIZE], over[MONEY_TEXT_SIZE], pen[MONEY_TEXT_SIZE];
    const char *cells[] = {sheet_num(l->id, id), l->village, l->applicant, l->contract_no, l->disbursed_on,
                           sheet_fen(l->principal_fen, p), loan_book_state_name(l->state),
                           sheet_fen(fig->outstanding_fen, out), sheet_num(fig->dpd, dpd),
                           sheet_fen(fig->overdue_fen, over), sheet_fen(fig->penalty_fen, pen)};
    sheet_row(b->s, cells);
}

/* The overdue loans' total row: the number of loans and the sums of the amount columns. */
static void loans_total_row(const struct loans_build *b)
{
    char n[32], p[MONEY_TEXT_SIZE], out[MONEY_TEXT_SIZE], over[MONEY_TEXT_SIZE], pen[MONEY_TEXT_SIZE];
    snprintf(n, sizeof n, "%lld 笔", (long long)b->count);
    const char *cells[] = {"合计", n, "", "", "", sheet_fen(b->principal_fen, p), "",
                           sheet_fen(b->sum.outstanding_fen, out), "", sheet_fen(b->sum.overdue_fen, over),
                           sheet_fen(b->sum.penalty_fen, pen)};
    sheet_row(b->s, cells);
    b->s->total_rows = 1;
}

int list_loans_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct loan_book_filter *f = arg;
    static const char *const heads[] = {"贷款号", "村", "借款人", "合同号", "放款日", "贷款金额（元）", "状态",
                                        "剩余本金（元）", "逾期天数", "逾期金额（元）", "罚息复利（元）", NULL};
    sheet_init(s, f->overdue ? "逾期贷款清单" : "贷款台账", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 4);
    sheet_money_column(s, 5);
    sheet_money_column(s, 7);
    sheet_int_column(s, 8);
    sheet_money_column(s, 9);
    sheet_money_column(s, 10);
    static const float widths[] = {0.6f, 1, 1, 1.9f, 1.2f, 1.3f, 0.8f, 1.3f, 0.8f, 1.3f, 1.2f};
    memcpy(s->widths, widths, sizeof widths);
    s->landscape = 1;
    char t[11], a[11], z[11];
    if (f->from.y || f->to.y)
        sheet_scope_subtitle(s, r, "截至 %s · 逾期一期的应还日 %s 至 %s", date_format(r->today, t),
                             f->from.y ? date_format(f->from, a) : "不限", f->to.y ? date_format(f->to, z) : "不限");
    else
        sheet_scope_subtitle(s, r, "截至 %s", date_format(r->today, t));
    struct loan_book_filter all = *f;
    all.limit = list_export_limit(r), all.offset = 0;
    struct err e = {0};
    struct loans_build b = {.s = s};
    if (loan_book_list(r->db, &r->user, &all, r->today, loan_sheet_row, &b, &e) < 0)
        return -1;
    if (f->overdue)
        loans_total_row(&b);
    return 0;
}

/* One village of the overdue report. */
static void overdue_village_sheet_row(const struct village_overdue *v, void *ctx)
{
    char loans[SHEET_NUM_SIZE], dpd[SHEET_NUM_SIZE], out[MONEY_TEXT_SIZE];
    const char *cells[] = {v->township, v->village, sheet_num(v->loans, loans), sheet_fen(v->outstanding_fen, out),
                           sheet_num(v->max_dpd, dpd)};
    sheet_row(ctx, cells);
}

int list_overdue_villages_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"乡镇", "村", "逾期笔数", "逾期贷款余额（元）", "最长逾期天数", NULL};
    const struct date *as_of = arg;
    char on[11];
    sheet_init(s, "各村逾期情况", heads);
    sheet_int_column(s, 2);
    sheet_money_column(s, 3);
    sheet_int_column(s, 4);
    sheet_scope_subtitle(s, r, "截至 %s", date_format(*as_of, on));
    return portfolio_overdue_by_village(r->db, &r->user, *as_of, r->today, overdue_village_sheet_row, s) < 0 ? -1 : 0;
}

/* One loan past the claim threshold. */
static void claim_sheet_row(const struct claim_row *c, void *ctx)
{
    char id[SHEET_NUM_SIZE], dpd[SHEET_NUM_SIZE], out[MONEY_TEXT_SIZE];
    const char *cells[] = {sheet_num(c->loan_id, id), c->village, c->applicant, c->contract_no, c->oldest_due,
                           sheet_num(c->dpd, dpd), sheet_fen(c->outstanding_fen, out)};
    sheet_row(ctx, cells);
}

int list_claims_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"贷款号", "村", "借款人", "合同号", "最早逾期", "逾期天数", "剩余本金（元）",
                                        NULL};
    sheet_init(s, "可申请担保代偿的贷款", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 4);
    sheet_int_column(s, 5);
    sheet_money_column(s, 6);
    s->widths[3] = 1.9f;
    char t[11];
    sheet_scope_subtitle(s, r, "截至 %s", date_format(r->today, t));
    return servicing_claims(r->db, &r->user, r->today, NULL, claim_sheet_row, s) < 0 ? -1 : 0;
}

/* The most rows an export may hold (the parameter export_max_rows, at least 1). */
static int export_max(struct req *r)
{
    int64_t n = db_param_int(r->db, "export_max_rows", LIST_EXPORT_MAX);
    return n < 1 || n > LIST_EXPORT_MAX * 10 ? LIST_EXPORT_MAX : (int)n;
}

int list_export_limit(struct req *r)
{
    return export_max(r) + 1;
}

int list_export_if_asked(struct req *r, list_sheet_fn build, const void *arg, const char *filename)
{
    if (!req_query(r, "format"))
        return 0;
    struct sheet s;
    char msg[160];
    if (build(r, arg, &s) != 0)
        reply_fail(r, 500, "db_error", "读取数据失败，文件没有生成，请稍后再试");
    else if (s.nrows - s.total_rows > export_max(r)) {
        snprintf(msg, sizeof msg, "要导出的记录超过 %d 条，超出一次导出的上限，文件没有生成；请按村或日期缩小范围后分次导出",
                 export_max(r));
        reply_fail(r, 422, "export_too_large", msg);
    } else if (!sheet_reply_by_format(r, &s, filename))
        reply_fail(r, 422, "invalid_format", "format 应为 csv、xlsx 或 pdf");
    sheet_free(&s);
    return 1;
}
