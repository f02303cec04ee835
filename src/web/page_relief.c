/* page_relief.c: the relief application pages: the list with filters, a new application, the
   application page with its steps (verify, review, approve, reject, pay) and its receipts. Thin
   over relief.c, relief_category.c and relief_pay.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "list_filter.h"
#include "handlers.h"
#include "household.h"
#include "masking.h"
#include "html.h"
#include "keyset_page.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "money.h"
#include "page_relief.h"
#include "relief.h"
#include "relief_category.h"
#include "relief_fund.h"
#include "relief_pay.h"

/* One <option> per category, the selected one marked. */
struct options_ctx {
    struct req *r;
    int64_t selected;
};

/* Writes one category option. */
static void category_option(const struct relief_category *c, void *ctx)
{
    struct options_ctx *o = ctx;
    html_printf(o->r, "<option value=\"%lld\"%s>", (long long)c->id, c->id == o->selected ? " selected" : "");
    html_text(o->r, c->name);
    char a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE];
    if (c->standard)
        html_printf(o->r, "（标准 %s 元）</option>", money_format(c->min_fen, a, sizeof a));
    else
        html_printf(o->r, "（%s—%s 元）</option>", money_format(c->min_fen, a, sizeof a), money_format(c->max_fen, b, sizeof b));
}

void relief_category_options(struct req *r, int64_t selected)
{
    char on[11];
    struct options_ctx o = {r, selected};
    relief_category_list(r->db, date_format(r->today, on), 1, category_option, &o);
}

/* Writes one fund option, the one chosen before a refusal selected. */
static void fund_option(const struct relief_fund *f, void *ctx)
{
    struct req *r = ctx;
    char b[MONEY_TEXT_SIZE], id[24];
    snprintf(id, sizeof id, "%lld", (long long)f->id);
    html_printf(r, "<option value=\"%s\"%s>", id, form_echo_checked(r, "/disburse", "fund_id", id, 0) ? " selected" : "");
    html_text(r, f->name);
    html_printf(r, "（余额 %s 元）</option>", money_format(f->balance_fen, b, sizeof b));
}

void relief_fund_options(struct req *r)
{
    relief_fund_list(r->db, &r->user, fund_option, r);
}

void relief_pay_form(struct req *r, const char *action)
{
    html_raw(r, "<form method=\"post\" class=\"grid\" action=\"");
    html_text(r, action);
    html_raw(r, "\">");
    html_csrf(r);
    html_raw(r, "<label>资金<select name=\"fund_id\">");
    relief_fund_options(r);
    char today[11];
    int bank = form_echo_checked(r, "/disburse", "method", "bank", 0);
    html_printf(r, "</select></label><label>发放日期<input name=\"paid_on\" type=\"date\" required "
                   "value=\"%s\"></label><label>方式<select name=\"method\"><option value=\"cash\">现金"
                   "</option><option value=\"bank\"%s>银行转账</option></select></label>"
                   "<p><button class=\"primary\">发放并生成领款凭证</button></p></form>",
                form_echo(r, "/disburse", "paid_on", date_format(r->today, today)), bank ? " selected" : "");
}

/* One row of the application list. */
static void relief_row(const struct relief_app *a, void *ctx)
{
    struct req *r = ctx;
    char id[24];
    html_printf(r, "<tr><td class=\"num\"><a href=\"/relief/%lld\">%lld</a></td><td>", (long long)a->id,
                (long long)a->id);
    html_text(r, a->head_name);
    html_raw(r, "</td><td class=\"mono\">");
    html_text(r, mask_id(a->head_id_number, id, sizeof id));
    html_raw(r, "</td><td>");
    html_text(r, a->village);
    html_raw(r, "</td><td>");
    html_text(r, a->category);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, a->amount_fen);
    html_raw_printf(r, "</td><td>%s%s</td><td>", relief_state_name(a->state),
                a->open_objections ? " <strong class=\"warn\">有异议</strong>" : "");
    html_text(r, a->applied_on);
    html_raw(r, "</td></tr>");
}

void relief_table(struct req *r, struct relief_filter *f, int64_t count)
{
    html_raw(r, "<table class=\"list\"><thead><tr><th class=\"num\">编号</th><th>户主</th><th>身份证号</th><th>村</th>"
                "<th>类别</th><th class=\"num\">金额（元）</th><th>状态</th><th>申请日期</th></tr></thead><tbody>");
    int64_t total = relief_list(r->db, &r->user, f, relief_row, r);
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_raw(r, "<p class=\"error\" role=\"alert\">读取失败，列表不完整，请稍后再试</p>");
    else if (f->page)
        keyset_pager(r, f->page, count);
    else
        html_pager(r, total < 0 ? 0 : total, f->limit, f->offset, 0);
}

void page_relief_list(struct req *r)
{
    struct relief_filter f = {.state = relief_state_parse(req_query(r, "state")),
                              .category_id = req_query_int(r, "category_id", 0)};
    struct list_where w;
    struct err we = {0};
    if (list_where_page(r, &w, &we) != 0)
        return;
    f.village_id = w.village_id, f.from = w.from, f.to = w.to;
    html_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, record_relief_sheet, &f, "relief-applications.csv"))
        return;
    struct keyset k;
    struct err ke = {0};
    int bad_cursor = keyset_read(r, 20, 200, &k, &ke) != 0; /* k is then the first page */
    f.page = &k;
    html_begin(r, "救助申请");
    html_raw(r, "<div class=\"titlebar\"><h1>困难家庭救助 · 申请</h1><span><a href=\"/relief/batches\">批量发放</a> · "
                "<a href=\"/reports/relief\">救助统计</a></span></div><p class=\"muted\">新申请请在家庭档案页点击“申请救助”。"
                "流程：申请 → 村审核 → 镇审核 → 公示（7天）→ 批准 → 发放并打印领款凭证。</p>");
    html_flash(r);
    html_raw(r, "<form class=\"search\" method=\"get\" action=\"/relief\"><label>状态<select name=\"state\">"
                "<option value=\"\">全部</option>");
    for (int s = 0; s < RS__MAX; s++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", relief_state_code(s), s == f.state ? " selected" : "",
                    relief_state_name(s));
    html_raw(r, "</select></label><label>类别<select name=\"category_id\"><option value=\"0\">全部</option>");
    relief_category_options(r, f.category_id);
    html_raw(r, "</select></label>");
    list_where_fields(r, &w, "申请日期", &we);
    html_raw(r, "<button>筛选</button></form>");
    if (we.status)
        html_form_error(r, &we);
    if (bad_cursor)
        html_form_error(r, &ke);
    int64_t count = 0, amount = 0;
    if (relief_list_totals(r->db, &r->user, &f, &count, &amount) == 0)
        list_totals_line(r, count, "金额", amount);
    relief_table(r, &f, count);
    report_format_links(r, "/relief", NULL);
    html_end(r);
}

/* The new-application form for a household, with e after a refusal. */
static void relief_form(struct req *r, int64_t household_id, const struct err *e)
{
    struct household *h = malloc(sizeof *h);
    struct err he = {0};
    if (!h || household_get(r->db, &r->user, household_id, h, &he) != 0) {
        free(h);
        if (!he.status)
            err_set(&he, 500, "out_of_memory", NULL, "内存不足");
        html_error_page(r, &he);
        return;
    }
    html_begin(r, "申请救助");
    html_printf(r, "<h1>申请救助</h1><p>家庭：<a href=\"/households/%lld\">", (long long)h->id);
    html_text(r, h->members[0].name);
    html_raw(r, "</a>（");
    html_text(r, h->village_name);
    html_raw(r, "）· 家庭类别：");
    for (int c = 0, first = 1; c < HC__MAX; c++)
        if (h->categories & (1u << c)) {
            html_raw(r, first ? "" : "、");
            html_text(r, hh_category_name(c));
            first = 0;
        }
    html_raw(r, "</p>");
    if (e)
        html_form_error(r, e);
    html_raw(r, "<form method=\"post\" action=\"/relief\" class=\"grid\">");
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"household_id\" value=\"%lld\"><label>救助类别<select name=\"category_id\">",
                (long long)h->id);
    const char *cat = form_echo(r, "/relief", "category_id", req_query(r, "category_id"));
    relief_category_options(r, cat ? strtoll(cat, NULL, 10) : 0);
    html_raw(r, "</select></label><label>金额（元；按标准发放的可不填）<input name=\"amount\" inputmode=\"decimal\" value=\"");
    html_text(r, req_form(r, "amount") ? req_form(r, "amount") : "");
    html_raw(r, "\"></label><label class=\"wide\">申请理由<textarea name=\"reason\" maxlength=\"500\" rows=\"3\">");
    html_text(r, req_form(r, "reason") ? req_form(r, "reason") : "");
    html_raw(r, "</textarea></label><p><button class=\"primary\">提交申请</button></p></form>");
    html_end(r);
    free(h);
}

void page_relief_new(struct req *r)
{
    relief_form(r, req_query_int(r, "household_id", 0), NULL);
}

void page_relief_create(struct req *r)
{
    struct err e = {0};
    struct relief_input in = {.household_id = strtoll(req_form(r, "household_id") ? req_form(r, "household_id") : "0", NULL, 10),
                              .category_id = strtoll(req_form(r, "category_id") ? req_form(r, "category_id") : "0", NULL, 10),
                              .reason = req_form(r, "reason")};
    const char *amount = req_form(r, "amount");
    int64_t id = -1;
    if (amount && *amount && money_parse(amount, &in.amount_fen) != 0)
        err_set(&e, 422, "invalid_amount", "amount", "金额格式不正确，例如 1000 或 1000.00");
    else
        id = relief_apply(r->db, &r->user, &in, r->today, &e);
    if (id > 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/relief/%lld?ok=created", (long long)id);
        reply_redirect(r, loc);
        return;
    }
    relief_form(r, in.household_id, &e);
    r->status = e.status;
}
