/* page_due.c: the due and overdue instalment lists (到期清单, the instalments of 逾期清单) and the
   village officers' due reminders (到期提醒名单) with the bulk-SMS export. Each list is a sheet:
   the page, CSV (with BOM) and a printed PDF; ?unit_id= narrows it to a township or village. */
#include "page_due.h"

#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "html.h"
#include "list_filter.h"
#include "keyset_page.h"
#include "list_sheets.h"
#include "money.h"
#include "report_scope.h"
#include "loan_book.h"
#include "servicing.h"
#include "sheet.h"

#define SMS_TEXT_SIZE 512 /* one reminder message */

int due_query_period(struct req *r, int days, struct due_query *q, struct err *e)
{
    struct list_where w;
    int rc = list_where_read(r, &w, e);
    if (rc != 0)
        memset(&w, 0, sizeof w);
    struct date yesterday = date_add_days(r->today, -1);
    if (!days) {
        q->from = w.from;
        q->to = w.to.y && date_cmp(w.to, yesterday) < 0 ? w.to : yesterday;
        return rc;
    }
    q->from = w.from.y ? w.from : r->today;
    q->to = w.to.y ? w.to : date_add_days(q->from, days);
    if (rc == 0 && date_cmp(q->from, q->to) > 0) {
        rc = err_set(e, 422, "invalid_period", "to", "截止日期不能早于起始日期（未填起始日期时为今天）");
        q->from = r->today, q->to = date_add_days(r->today, days);
    }
    return rc;
}

void due_period_fields(struct req *r, const struct err *e)
{
    struct list_where w;
    struct err again = {0};
    if (list_where_read(r, &w, &again) != 0)
        memset(&w, 0, sizeof w); /* what was typed is shown from the query (e) */
    list_period_fields(r, &w, "应还日", e);
}

/* 1 when the request asks for a file (/due.csv, ?format=pdf) rather than the page. */
static int asks_file(struct req *r)
{
    return sheet_asks_for(r, "csv") || sheet_asks_for(r, "xlsx") || sheet_asks_for(r, "pdf");
}

int due_page_period(struct req *r, int days, struct due_query *q, struct err *e)
{
    if (due_query_period(r, days, q, e) == 0 || !asks_file(r))
        return 0;
    reply_error(r, e);
    return -1;
}

#define DUE_DAYS_MAX 366 /* the longest look ahead a due list takes */

/* The days ahead a due list covers: ?days= from 1 to DUE_DAYS_MAX, 7 (the dashboard card's week) when absent or outside. */
static int due_days(struct req *r)
{
    int64_t days = req_query_int(r, "days", 7);
    return days < 1 || days > DUE_DAYS_MAX ? 7 : (int)days;
}

/* The choice of 7 or 30 days (or the other number of days asked for), kept. */
static void days_select(struct req *r, int days)
{
    html_printf(r, "<label>到期范围<select name=\"days\"><option value=\"7\"%s>今后 7 天</option>"
                   "<option value=\"30\"%s>今后 30 天</option>",
                days == 7 ? " selected" : "", days == 30 ? " selected" : "");
    if (days != 7 && days != 30)
        html_printf(r, "<option value=\"%d\" selected>今后 %d 天</option>", days, days);
    html_raw(r, "</select></label>");
}

void page_due(struct req *r)
{
    int days = due_days(r);
    struct due_query q = {.title = "贷款到期清单"};
    struct err e = {0}, cursor_e = {0};
    if (report_narrow_scope(r) != 0 || due_page_period(r, days, &q, &e) != 0)
        return;
    struct keyset k;
    int bad_cursor = keyset_read(r, 100, 500, &k, &cursor_e) != 0; /* k is then the first page */
    q.page = asks_file(r) ? NULL : &k;
    struct sheet s;
    if (list_due_build(r, &q, &s) < 0) {
        sheet_free(&s);
        reply_fail(r, 500, "db_error", "读取到期清单失败");
        return;
    }
    if (!sheet_reply_by_format(r, &s, "due.csv")) {
        html_begin(r, "到期清单");
        html_raw(r, "<h1>到期清单</h1><p class=\"muted\">今后几天内到期的各期，按村排列。村计生专干可用");
        html_link(r, "/due/reminders", "到期提醒名单");
        html_raw(r, "逐户提醒。</p><form class=\"search\" method=\"get\" action=\"/due\">");
        days_select(r, days);
        due_period_fields(r, &e);
        if (bad_cursor)
            html_form_error(r, &cursor_e);
        report_page_tail(r, &s, "/due");
        due_page_tail(r, &q);
        html_end(r);
    }
    sheet_free(&s);
}

void due_page_tail(struct req *r, const struct due_query *q)
{
    if (list_due_penalty_in_files(r, q))
        html_raw(r, "<p class=\"muted\">罚息复利逐期按日算至今天，合计行的罚息复利一栏留空：整张清单的合计见下面导出的"
                    " CSV、Excel 或 PDF。</p>");
    keyset_pager(r, q->page, -1);
}

void due_overdue_section(struct req *r, const struct due_query *all)
{
    struct sheet s;
    struct keyset k;
    struct err e = {0};
    int bad_cursor = keyset_read(r, 100, 500, &k, &e) != 0; /* k is then the first page */
    struct due_query page = *all, *q = &page;
    page.page = &k;
    html_raw(r, "<h2>应还未还的各期</h2><p class=\"muted\">截至昨天应还未还的各期（填了应还日的，只列该期间内应还的），"
                "按村排列，供上门催收；逾期天数和罚息算至今天。</p>");
    if (bad_cursor)
        html_form_error(r, &e);
    if (list_due_build(r, q, &s) < 0)
        html_raw(r, "<p class=\"error\" role=\"alert\">读取失败</p>");
    else {
        sheet_html(r, &s);
        due_page_tail(r, q);
    }
    sheet_free(&s);
}

void page_overdue_export(struct req *r)
{
    struct due_query q = {.title = "逾期未还各期清单"};
    struct err e = {0};
    if (report_narrow_scope(r) != 0 || due_page_period(r, 0, &q, &e) != 0)
        return;
    struct sheet s;
    if (list_due_build(r, &q, &s) < 0)
        reply_fail(r, 500, "db_error", "读取逾期清单失败");
    else
        sheet_reply_by_format(r, &s, "overdue.csv");
    sheet_free(&s);
}

void page_due_reminders(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    int days = due_days(r);
    struct due_query q = {r->today, date_add_days(r->today, days), "贷款到期提醒名单", 1, NULL};
    struct sheet s;
    if (list_due_build(r, &q, &s) < 0) {
        sheet_free(&s);
        reply_fail(r, 500, "db_error", "读取到期提醒名单失败");
        return;
    }
    if (!sheet_reply_by_format(r, &s, "reminders.csv")) {
        html_begin(r, "到期提醒名单");
        html_raw(r, "<h1>到期提醒名单</h1><p class=\"muted\">今后几天内要还款的贷款户，按村排列，"
                    "供村计生专干打电话或上门提醒；打印后在“已提醒”一栏签字。"
                    "短信群发表可导入短信平台，每行一条：电话、姓名、短信内容。</p>"
                    "<form class=\"search\" method=\"get\" action=\"/due/reminders\">");
        days_select(r, days);
        report_page_tail(r, &s, "/due/reminders");
        html_printf(r, "<p><a href=\"/due/sms.csv?days=%d&amp;unit_id=%lld\">导出短信群发表（CSV）</a> · "
                       "<a href=\"/due/letters.pdf?days=%d\">打印催收通知书（PDF，逾期和 %d 天内到期的每笔贷款一页）</a></p>",
                    days, (long long)r->user.unit_id, days, days);
        html_end(r);
    }
    sheet_free(&s);
}

struct sms_ctx {
    struct req *r;
    struct sheet *s;
    int failed; /* a loan's figures could not be read: the file is refused, never short */
};

/* Appends one reminder message: phone, name and the text with the amount and date, then the
   loan's overdue principal and interest and its penalty and compound interest as of today. */
static void sms_row(const struct due_row *d, void *ctx)
{
    struct sms_ctx *c = ctx;
    struct loan_figures fig;
    struct err e = {0};
    if (loan_figures_get(c->r->db, &c->r->user, d->loan_id, c->r->today, &fig, &e) != 0) {
        c->failed = 1;
        return;
    }
    if (!*d->phone)
        return; /* nobody to text */
    char money[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE], text[SMS_TEXT_SIZE];
    money_format(d->due_fen, money, sizeof money);
    if (money_capital(d->due_fen, capital, sizeof capital) != 0)
        snprintf(capital, sizeof capital, "%s", "");
    int len = snprintf(text, sizeof text,
                       "【计生协会】%s您好：您的计生信贷助富贷款（合同号 %s）第 %d 期应于 %s 还款 %s 元（%s），"
                       "请按时到信用社还款。如已还款请忽略本短信。",
                       d->applicant, d->contract_no, d->n, d->due_on, money, capital);
    if (len < 0 || (size_t)len >= sizeof text)
        return; /* cannot happen with names and numbers of the checked lengths */
    char overdue[MONEY_TEXT_SIZE], penalty[MONEY_TEXT_SIZE];
    sheet_fen(fig.overdue_fen - fig.penalty_fen, overdue); /* overdue_fen counts the penalty too (repay_overdue) */
    sheet_fen(fig.penalty_fen, penalty);
    const char *row[] = {d->phone, d->applicant, text, overdue, penalty};
    sheet_row(c->s, row);
}

int due_sms_sheet(struct req *r, int days, struct sheet *s)
{
    static const char *const heads[] = {"电话", "姓名", "短信内容", "逾期本息（元）", "罚息复利（元）", NULL};
    sheet_init(s, "到期提醒短信", heads);
    sheet_money_column(s, 3);
    sheet_money_column(s, 4);
    struct sms_ctx c = {r, s, 0};
    if (servicing_due_list(r->db, &r->user, r->today, date_add_days(r->today, days), r->today, NULL, sms_row, &c) < 0)
        return -1;
    return c.failed ? -1 : 0;
}

void page_due_sms(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    struct sheet s;
    if (due_sms_sheet(r, due_days(r), &s) != 0)
        reply_fail(r, 500, "db_error", "读取到期提醒名单失败");
    else
        sheet_reply_csv(r, &s, "sms.csv");
    sheet_free(&s);
}
