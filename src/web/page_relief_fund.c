/* page_relief_fund.c: the relief funds: balances and income per source, booking income (finance),
   a new fund, and each fund's ledger with its running balance and reversing entries. Thin over
   relief_fund.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "money.h"
#include "record_sheets.h"
#include "report_scope.h"
#include "relief_fund.h"

/* Whether the user books income and corrections. */
static int books(const struct req *r)
{
    return r->user.role == ROLE_FINANCE || r->user.role == ROLE_ADMIN;
}

/* One row of the fund table. */
static void fund_row(const struct relief_fund *f, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td><a href=\"/funds/%lld\">", (long long)f->id);
    html_text(r, f->name);
    html_raw(r, "</a></td>");
    for (int s = 0; s < SRC__MAX; s++) {
        html_raw(r, "<td class=\"num\">");
        html_money(r, f->income_fen[s]);
        html_raw(r, "</td>");
    }
    html_raw(r, "<td class=\"num\">");
    html_money(r, f->paid_fen);
    html_raw(r, "</td><td class=\"num\"><strong>");
    html_money(r, f->balance_fen);
    html_raw(r, "</strong></td></tr>");
}

/* Writes one fund option, the one chosen before a refusal selected. */
static void fund_option(const struct relief_fund *f, void *ctx)
{
    struct req *r = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)f->id);
    html_printf(r, "<option value=\"%s\"%s>", id, form_echo_checked(r, "/funds/income", "fund_id", id, 0) ? " selected" : "");
    html_text(r, f->name);
    html_raw(r, "</option>");
}

/* The funds page, with e after a refused entry. */
static void funds_page(struct req *r, const struct err *e)
{
    html_begin(r, "救助资金");
    html_raw(r, "<div class=\"titlebar\"><h1>救助资金</h1><span><a href=\"/reports/relief\">救助统计</a></span></div>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<table class=\"list\"><thead><tr><th>资金</th>");
    for (int s = 0; s < SRC__MAX; s++)
        html_printf(r, "<th class=\"num\">%s（元）</th>", relief_source_name(s));
    html_raw(r, "<th class=\"num\">已发放（元）</th><th class=\"num\">余额（元）</th></tr></thead><tbody>");
    relief_fund_list(r->db, &r->user, fund_row, r);
    html_raw(r, "</tbody></table>");
    report_format_links(r, "/funds", NULL);
    html_raw(r, "<p class=\"muted\">账目只增不改：录错的收入请在账页“冲正”，发放错误请作废领款凭证。"
                "余额任何时候不得小于零。</p>");
    if (books(r)) {
        html_raw(r, "<h2>登记收入</h2><form method=\"post\" action=\"/funds/income\" class=\"grid\">");
        html_csrf(r);
        html_raw(r, "<label>资金<select name=\"fund_id\">");
        relief_fund_list(r->db, &r->user, fund_option, r);
        html_raw(r, "</select></label><label>来源<select name=\"source\">");
        const char *f = "/funds/income";
        for (int s = 0; s < SRC__MAX; s++)
            html_printf(r, "<option value=\"%s\"%s>%s</option>", relief_source_code(s),
                        form_echo_checked(r, f, "source", relief_source_code(s), 0) ? " selected" : "", relief_source_name(s));
        char today[11];
        html_raw(r, "</select></label>");
        form_input(r, f, "金额（元）", "amount", NULL, "required inputmode=\"decimal\"", "");
        form_input(r, f, "到账日期", "on", NULL, "type=\"date\" required", date_format(r->today, today));
        form_input(r, f, "文件号/凭证号", "document_no", NULL, "required maxlength=\"50\"", "");
        form_input(r, f, "备注", "note", NULL, "maxlength=\"200\"", "");
        html_raw(r, "<p><button class=\"primary\">登记</button></p></form><h2>新增资金</h2><form method=\"post\" "
                    "action=\"/funds\" class=\"grid\">");
        html_csrf(r);
        html_printf(r, "<label>名称<input name=\"name\" required maxlength=\"40\" value=\"%s\">", form_echo(r, "/funds", "name", ""));
        form_field_error(r, "name");
        html_raw(r, "</label><p><button>新增</button></p></form>");
    }
    html_end(r);
}

void page_funds(struct req *r)
{
    if (list_export_if_asked(r, record_funds_sheet, NULL, "funds.csv"))
        return;
    funds_page(r, NULL);
}

void page_funds_create(struct req *r)
{
    struct err e = {0};
    if (relief_fund_create(r->db, &r->user, req_form(r, "name"), &e) > 0) {
        reply_redirect(r, "/funds?ok=created");
        return;
    }
    funds_page(r, &e);
    r->status = e.status;
}

void page_funds_income(struct req *r)
{
    struct err e = {0};
    int64_t fen = 0;
    const char *amount = req_form(r, "amount"), *fund = req_form(r, "fund_id");
    if (!amount || money_parse(amount, &fen) != 0)
        err_set(&e, 422, "invalid_amount", "amount", "金额格式不正确，例如 50000 或 50000.00");
    else if (relief_fund_income(r->db, &r->user, fund ? strtoll(fund, NULL, 10) : 0, req_form(r, "source"), fen,
                                req_form(r, "on"), req_form(r, "document_no"), req_form(r, "note"), r->today, &e) > 0) {
        reply_redirect(r, "/funds?ok=created");
        return;
    }
    funds_page(r, &e);
    r->status = e.status;
}

struct ledger_ctx {
    struct req *r;
    int can_reverse;
};

/* One ledger row, with a reverse form on income not yet reversed. */
static void entry_row(const struct relief_fund_entry *x, void *ctx)
{
    struct ledger_ctx *c = ctx;
    struct req *r = c->r;
    const char *kind = relief_entry_kind_name(x->kind);
    html_printf(r, "<tr><td class=\"num\">%lld</td><td>", (long long)x->id);
    html_text(r, x->on);
    html_printf(r, "</td><td>%s</td><td>%s</td><td>", kind,
                x->source[0] ? relief_source_name(relief_source_parse(x->source)) : "");
    html_text(r, x->receipt_no[0] ? x->receipt_no : x->document_no);
    html_raw(r, "</td><td>");
    html_text(r, x->note);
    if (x->reverses_id)
        html_printf(r, "（冲正第 %lld 笔）", (long long)x->reverses_id);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, x->amount_fen);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, x->balance_after_fen);
    html_raw(r, "</td><td>");
    if (x->reversed)
        html_raw(r, "已冲正");
    else if (c->can_reverse && strcmp(x->kind, "income") == 0) {
        html_printf(r, "<form method=\"post\" class=\"inline\" action=\"/fund-entries/%lld/reverse\">", (long long)x->id);
        html_csrf(r);
        html_printf(r, "<input type=\"hidden\" name=\"on\" value=\"%04d-%02d-%02d\"><input name=\"reason\" required "
                       "maxlength=\"200\" placeholder=\"冲正原因\"><button>冲正</button></form>",
                    r->today.y, r->today.m, r->today.d);
    }
    html_raw(r, "</td></tr>");
}

/* The ledger page of a fund, with e after a refused reversal. */
static void ledger_page(struct req *r, int64_t fund_id, const struct err *shown)
{
    struct relief_fund f;
    struct err e = {0};
    if (relief_fund_get(r->db, &r->user, fund_id, &f, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    const char *from = req_query(r, "from"), *to = req_query(r, "to");
    html_begin(r, "资金账");
    html_raw(r, "<h1>");
    html_text(r, f.name);
    html_raw(r, " · 明细账</h1>");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    html_raw(r, "<p>实物慰问品（不计入余额）：已发放价值 ");
    html_money(r, aid_fund_value(r->db, f.id, from, to));
    html_raw(r, " 元（所选期间，不含已冲销）");
    if (html_may_open(r, "/aid"))
        html_raw(r, " · <a href=\"/aid\">慰问品发放记录</a>");
    html_raw(r, "</p>");
    html_raw(r, "<p>余额 <strong>");
    html_money(r, f.balance_fen);
    /* the printed ledger covers the period chosen here (from 1 January to today when none) */
    html_printf(r, "</strong> 元 · <a href=\"/reports/fund-ledger.csv?fund_id=%lld&amp;from=%s&amp;to=%s\">导出 CSV</a> · "
                   "<a href=\"/reports/fund-ledger.xlsx?fund_id=%lld&amp;from=%s&amp;to=%s\">导出Excel</a> · "
                   "<a href=\"/reports/fund-ledger.pdf?fund_id=%lld&amp;from=%s&amp;to=%s\">打印账页 PDF</a></p>",
                (long long)f.id, from ? from : "", to ? to : "", (long long)f.id, from ? from : "", to ? to : "",
                (long long)f.id, from ? from : "", to ? to : "");
    html_printf(r, "<form class=\"search\" method=\"get\" action=\"/funds/%lld\"><label>自<input type=\"date\" name=\"from\" "
                   "value=\"", (long long)f.id);
    html_text(r, from ? from : "");
    html_raw(r, "\"></label><label>至<input type=\"date\" name=\"to\" value=\"");
    html_text(r, to ? to : "");
    html_raw(r, "\"></label><button>筛选</button></form><table class=\"list\"><thead><tr><th class=\"num\">序号</th>"
                "<th>日期</th><th>类型</th><th>来源</th><th>文件号/凭证号</th><th>摘要</th><th class=\"num\">金额（元）</th>"
                "<th class=\"num\">余额（元）</th><th></th></tr></thead><tbody>");
    struct ledger_ctx c = {r, books(r)};
    int limit, offset;
    html_paging(r, &limit, &offset);
    int total = relief_fund_ledger_page(r->db, f.id, from, to, !relief_fund_real_names(r->user.role), limit, offset,
                                        entry_row, &c);
    if (total == 0)
        html_raw(r, "<tr><td colspan=\"9\">没有记账</td></tr>");
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_raw(r, "<p class=\"error\">读取明细账失败，请稍后再试</p>");
    else
        html_pager(r, total, limit, offset, 0);
    html_end(r);
}

void page_fund_ledger(struct req *r)
{
    ledger_page(r, r->id[0], NULL);
}

/* What reverse_confirmed looks for in the ledger: the entry id, and the entry when found. */
struct entry_pick {
    int64_t id;
    struct relief_fund_entry x;
    int found;
};

/* Keeps the ledger row whose id is asked for. */
static void entry_pick(const struct relief_fund_entry *x, void *ctx)
{
    struct entry_pick *p = ctx;
    if (x->id == p->id) {
        p->x = *x;
        p->found = 1;
    }
}

/* Asks to confirm reversing income entry r->id[0]: the fund, the entry's date, document number and
   amount in words and figures, and the reason. 1 to go on; 0 when the page has answered. An entry
   not found (or out of scope) is left to the domain's refusal. */
static int reverse_confirmed(struct req *r)
{
    struct relief_fund f;
    struct err e = {0};
    struct entry_pick p = {.id = r->id[0]};
    const char *reason = req_form(r, "reason");
    if (!reason || !*reason)
        return 1; /* the domain refuses a reversal without a reason */
    int64_t fund = relief_fund_of_entry(r->db, r->id[0]);
    if (fund <= 0 || relief_fund_get(r->db, &r->user, fund, &f, &e) != 0 ||
        relief_fund_ledger(r->db, fund, NULL, NULL, 0, entry_pick, &p) < 0 || !p.found)
        return 1;
    char money[FORM_MONEY_SIZE], back[64];
    snprintf(back, sizeof back, "/funds/%lld", (long long)fund);
    enum form_confirm_step step =
        form_ask(r, back, "确认冲正「%s」%s 登记的收入 %s（文件号/凭证号 %s）？冲正后记一笔相反金额，资金余额相应减少。原因：%s",
                 f.name, p.x.on, form_money(p.x.amount_fen, money, sizeof money), p.x.document_no, reason);
    if (step == FORM_EDIT)
        ledger_page(r, fund, NULL);
    return step == FORM_CONFIRMED;
}

void page_fund_entry_reverse(struct req *r)
{
    struct err e = {0};
    int64_t fund = 0;
    if (!reverse_confirmed(r))
        return;
    if (relief_fund_reverse(r->db, &r->user, r->id[0], req_form(r, "on"), req_form(r, "reason"), r->today, &e) > 0) {
        fund = relief_fund_of_entry(r->db, r->id[0]);
        char loc[64];
        snprintf(loc, sizeof loc, "/funds/%lld?ok=reversed", (long long)fund);
        reply_redirect(r, loc);
        return;
    }
    html_error_page(r, &e);
}
