/* page_fund.c: the guarantee fund page (figures, income entries for finance) and the admin's
   working-day calendar page. Thin over guarantee.c and calendar.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "form.h"
#include "guarantee.h"
#include "guarantee_sheet.h"
#include "handlers.h"
#include "admin_sheets.h"
#include "html.h"
#include "money.h"
#include "report_scope.h"

/* One figure of the fund. */
static void figure(struct req *r, const char *label, int64_t fen)
{
    char s[MONEY_TEXT_SIZE];
    html_printf(r, "<div class=\"tile\"><span class=\"figure\">%s</span><span>%s</span></div>",
                money_format(fen, s, sizeof s), label);
}

/* One entry of the ledger table. */
static void entry_row(const struct guarantee_entry *x, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td class=\"num\">%lld</td><td>%s</td><td>%s</td><td>", (long long)x->id, x->on,
                guarantee_entry_kind_name(x->kind));
    html_text(r, x->document_no);
    html_raw(r, "</td><td>");
    if (x->loan_id) {
        html_printf(r, "<a href=\"/accounts/%lld\">", (long long)x->loan_id);
        html_text(r, x->contract_no);
        html_raw(r, "</a> ");
        html_text(r, x->applicant);
        html_raw(r, "（");
        html_text(r, x->village);
        html_raw(r, "）");
    }
    html_raw(r, "</td><td>");
    html_text(r, x->note);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, x->amount_fen);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, x->balance_after_fen);
    html_raw(r, "</td></tr>");
}

/* The ledger: the filter form (kind, dates), a page of entries, the pager and the files. */
static void ledger_section(struct req *r)
{
    static const char *const kinds[] = {"income", "adjustment", "payout", "recovery"};
    struct guarantee_entry_filter f = guarantee_filter_of(r);
    html_raw(r, "<h2>明细账</h2><form class=\"search\" method=\"get\" action=\"/guarantee-fund\"><label>类型"
                "<select name=\"kind\"><option value=\"\">全部</option>");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", kinds[i], f.kind && !strcmp(f.kind, kinds[i]) ? " selected" : "",
                    guarantee_entry_kind_name(kinds[i]));
    html_raw(r, "</select></label><label>自<input type=\"date\" name=\"from\" value=\"");
    html_text(r, f.from ? f.from : "");
    html_raw(r, "\"></label><label>至<input type=\"date\" name=\"to\" value=\"");
    html_text(r, f.to ? f.to : "");
    html_raw(r, "\"></label><button>筛选</button></form><table class=\"list\"><thead><tr><th class=\"num\">序号</th>"
                "<th>日期</th><th>类型</th><th>文件号/凭证号</th><th>贷款</th><th>摘要</th><th class=\"num\">金额（元）</th>"
                "<th class=\"num\">余额（元）</th></tr></thead><tbody>");
    html_paging(r, &f.limit, &f.offset);
    struct err e = {0};
    int64_t total = guarantee_ledger_list(r->db, &r->user, &f, entry_row, r, &e);
    if (total == 0)
        html_raw(r, "<tr><td colspan=\"8\">没有记账</td></tr>");
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &e);
    else
        html_pager(r, total, f.limit, f.offset, 0);
    report_format_links(r, "/guarantee-fund", NULL);
    html_raw(r, "<p class=\"muted\">代偿、追偿记在贷款所在村名下，收入和调整记在区里：镇、村工作人员只看到本辖区贷款的代偿和追偿；"
                "余额是全区担保基金记完该笔后的余额。</p>");
}

/* The fund page, with e shown after a refused entry. */
static void fund_page(struct req *r, const struct err *e)
{
    struct fund_status s;
    guarantee_fund_status(r->db, &s);
    html_begin(r, "担保基金");
    html_raw(r, "<h1>担保基金</h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<div class=\"tiles\">");
    figure(r, "基金余额（元）", s.balance_fen);
    figure(r, "在保余额（元）", s.guaranteed_outstanding_fen);
    figure(r, "尚可担保（元）", s.capacity_fen > 0 ? s.capacity_fen : 0);
    figure(r, "累计代偿（元）", s.paid_out_fen);
    figure(r, "累计追偿（元）", s.recovered_fen);
    figure(r, "已核销（元）", s.written_off_fen);
    figure(r, "核销后收回（元）", s.recovered_after_write_off_fen);
    html_printf(r, "</div><p class=\"muted\">规则：在保余额不得超过基金余额 × %lld 倍。</p>", (long long)s.leverage);
    ledger_section(r);
    if (r->user.role == ROLE_FINANCE || r->user.role == ROLE_ADMIN) {
        html_raw(r, "<h2>登记基金收入或调整</h2><form method=\"post\" action=\"/guarantee-fund\" class=\"grid\">");
        html_csrf(r);
        const char *f = "/guarantee-fund";
        char today[11];
        html_printf(r, "<label>类型<select name=\"kind\"><option value=\"income\">收入</option>"
                       "<option value=\"adjustment\"%s>调整（可为负数）</option></select></label>"
                       "<label>金额（元）<input name=\"amount\" required value=\"%s\"></label>"
                       "<label>日期<input name=\"on\" type=\"date\" required value=\"%s\"></label>"
                       "<label>文件号/凭证号<input name=\"document_no\" required maxlength=\"50\" value=\"%s\"></label>"
                       "<label>备注<input name=\"note\" maxlength=\"200\" value=\"%s\"></label>"
                       "<p><button class=\"primary\">登记</button></p></form>",
                    form_echo_checked(r, f, "kind", "adjustment", 0) ? " selected" : "", form_echo(r, f, "amount", ""),
                    form_echo(r, f, "on", date_format(r->today, today)), form_echo(r, f, "document_no", ""),
                    form_echo(r, f, "note", ""));
    }
    html_end(r);
}

void page_fund(struct req *r)
{
    struct guarantee_entry_filter f = guarantee_filter_of(r);
    struct err e = {0};
    if (req_query(r, "format") && guarantee_filter_check(&f, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    if (list_export_if_asked(r, guarantee_ledger_sheet, &f, "guarantee-fund.csv"))
        return;
    fund_page(r, NULL);
}

/* Asks to confirm booking a fund entry of fen: the kind, the amount in words and figures, the date
   and document number. 1 to go on; 0 when the page has answered. */
static int entry_confirmed(struct req *r, int64_t fen)
{
    char money[FORM_MONEY_SIZE];
    const char *kind = req_form(r, "kind"), *on = req_form(r, "on"), *doc = req_form(r, "document_no");
    int adjustment = kind && !strcmp(kind, "adjustment");
    enum form_confirm_step step =
        form_ask(r, "/guarantee-fund", "确认登记担保基金%s %s%s？日期 %s，文件号/凭证号 %s。登记后只能以反向调整更正。",
                 adjustment ? "调整" : "收入", fen < 0 ? "减少 " : "", form_money(fen < 0 ? -fen : fen, money, sizeof money),
                 on ? on : "", doc ? doc : "");
    if (step == FORM_EDIT)
        fund_page(r, NULL);
    return step == FORM_CONFIRMED;
}

void page_fund_entry(struct req *r)
{
    struct err e = {0};
    const char *amount = req_form(r, "amount");
    int64_t fen = 0;
    int negative = amount && amount[0] == '-';
    if (!amount || money_parse(negative ? amount + 1 : amount, &fen) != 0) {
        err_set(&e, 422, "invalid_amount", "amount", "金额格式不正确，例如 100000 或 -500.00");
    } else if (!entry_confirmed(r, negative ? -fen : fen)) {
        return;
    } else if (guarantee_fund_add(r->db, &r->user, req_form(r, "kind"), negative ? -fen : fen, req_form(r, "on"),
                                  req_form(r, "document_no"), req_form(r, "note"), r->today, &e) > 0) {
        reply_redirect(r, "/guarantee-fund?ok=created");
        return;
    }
    fund_page(r, &e);
    r->status = e.status;
}

/* One row of the calendar table, with its remove button. */
static void holiday_row(const char *day, const char *kind, const char *name, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td class=\"mono\">");
    html_text(r, day);
    html_printf(r, "</td><td>%s</td><td>", strcmp(kind, "off") ? "调休上班" : "放假");
    html_text(r, name);
    html_raw(r, "</td><td><form method=\"post\" action=\"/admin/holidays/remove\" class=\"inline\">");
    html_csrf(r);
    html_raw(r, "<input type=\"hidden\" name=\"day\" value=\"");
    html_text(r, day);
    html_raw(r, "\"><button class=\"link\">删除</button></form></td></tr>");
}

/* The calendar page for a year, with e shown after a refusal. */
static void holidays_page(struct req *r, const struct err *e)
{
    int year = (int)req_query_int(r, "year", r->today.y);
    if (year < 2000 || year > 2100)
        year = r->today.y;
    html_begin(r, "工作日历");
    html_printf(r, "<h1>工作日历 %d 年</h1><p class=\"muted\">周一至周五为工作日，周六、周日休息；下表为法定节假日和调休上班日。"
                   "国务院每年发布次年安排后请在此录入。</p><p><a href=\"/admin/holidays?year=%d\">← %d 年</a> · "
                   "<a href=\"/admin/holidays?year=%d\">%d 年 →</a></p>",
                year, year - 1, year - 1, year + 1, year + 1);
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<table class=\"list\"><thead><tr><th>日期</th><th>类型</th><th>名称</th><th></th></tr></thead><tbody>");
    if (calendar_list(r->db, year, holiday_row, r) == 0)
        html_raw(r, "<tr><td colspan=\"4\">本年尚未录入（只按周末计算）</td></tr>");
    html_raw(r, "</tbody></table>");
    report_format_links(r, "/admin/holidays", NULL);
    html_raw(r, "<h2>添加或修改一天</h2><form method=\"post\" action=\"/admin/holidays\" class=\"grid\">");
    html_csrf(r);
    const char *f = "/admin/holidays";
    html_printf(r, "<label>日期<input name=\"day\" type=\"date\" required value=\"%s\">", form_echo(r, f, "day", ""));
    form_field_error(r, "day");
    html_printf(r, "</label><label>类型<select name=\"kind\"><option value=\"off\">放假</option><option value=\"work\"%s>"
                   "调休上班（周末）</option></select></label><label>名称<input name=\"name\" required maxlength=\"30\" "
                   "placeholder=\"春节\" value=\"%s\">",
                form_echo_checked(r, f, "kind", "work", 0) ? " selected" : "", form_echo(r, f, "name", ""));
    form_field_error(r, "name");
    html_raw(r, "</label><p><button class=\"primary\">保存</button></p></form>");
    html_end(r);
}

void page_holidays(struct req *r)
{
    int year = (int)req_query_int(r, "year", r->today.y);
    if (list_export_if_asked(r, admin_holidays_sheet, &year, "holidays.csv"))
        return;
    holidays_page(r, NULL);
}

/* After a calendar change: back to the day's year, or the page again with the refusal. */
static void after_calendar_change(struct req *r, int rc, const struct err *e)
{
    if (rc != 0) {
        holidays_page(r, e);
        r->status = e->status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/admin/holidays?year=%.4s&ok=updated", req_form(r, "day"));
    reply_redirect(r, loc);
}

void page_holidays_set(struct req *r)
{
    struct err e = {0};
    after_calendar_change(r, calendar_set(r->db, &r->user, req_form(r, "day"), req_form(r, "kind"), req_form(r, "name"), &e),
                          &e);
}

void page_holidays_remove(struct req *r)
{
    struct err e = {0};
    after_calendar_change(r, calendar_remove(r->db, &r->user, req_form(r, "day"), &e), &e);
}
