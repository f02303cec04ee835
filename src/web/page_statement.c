/* page_statement.c: importing the credit union's repayment statement: upload, the preview
   (matched, suspicious, unmatched, duplicate rows), and booking once the liaison confirms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "html.h"
#include "money.h"
#include "stash.h"
#include "statement_import.h"

/* The upload form. */
static void upload_form(struct req *r)
{
    html_raw(r, "<form method=\"post\" action=\"/statements\" enctype=\"multipart/form-data\" class=\"card\">");
    html_csrf(r);
    html_raw(r, "<p>信用社还款对账单（CSV），第一行为列名：<code>合同号,还款日期,金额,凭证号</code>。"
                "先预览核对，确认后才入账；同一凭证号不会重复入账。</p>"
                "<label>选择文件<input type=\"file\" name=\"file\" accept=\".csv,text/csv\" required></label>"
                "<p><button class=\"primary\">预览</button></p></form>");
}

/* The table of checked (or booked) rows. */
static void rows_table(struct req *r, const struct stmt_result *res, int after_booking)
{
    html_raw(r, "<p>");
    for (int s = 0; s < ST__MAX; s++)
        html_printf(r, "%s %d 行%s", stmt_status_name((enum stmt_status)s), res->counts[s], s + 1 < ST__MAX ? "，" : "");
    html_raw(r, "</p><table class=\"list\"><thead><tr><th>行号</th><th>合同号</th><th>还款日期</th>"
                "<th class=\"num\">金额（元）</th><th>凭证号</th><th>核对结果</th><th>说明</th></tr></thead><tbody>");
    for (int i = 0; i < res->nrows; i++) {
        const struct stmt_row *row = &res->rows[i];
        char amount[MONEY_TEXT_SIZE];
        html_printf(r, "<tr class=\"st-%d\"><td>%d</td><td>", (int)row->status, row->line);
        html_text(r, row->contract_no);
        html_raw(r, "</td><td>");
        html_text(r, row->paid_on);
        html_raw(r, "</td><td class=\"num\">");
        html_text(r, row->amount_fen >= 0 ? money_format(row->amount_fen, amount, sizeof amount) : "—");
        html_raw(r, "</td><td>");
        html_text(r, row->receipt_no);
        html_printf(r, "</td><td>%s%s</td><td>", stmt_status_name(row->status),
                    after_booking ? (row->booked ? " · 已入账" : " · 未入账") : "");
        html_text(r, row->note);
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table>");
}

void page_statement_form(struct req *r)
{
    html_begin(r, "导入还款对账单");
    html_raw(r, "<h1>导入信用社还款对账单</h1>");
    upload_form(r);
    html_end(r);
}

void page_statement_check(struct req *r)
{
    const struct kv *file = req_form_kv(r, "file");
    struct stmt_result res;
    struct err e = {0};
    html_begin(r, "导入还款对账单");
    html_raw(r, "<h1>对账单预览</h1>");
    if (!file || !file->len || statement_check(r->db, &r->user, file->val, file->len, r->today, &res, &e) != 0) {
        if (!e.status)
            err_set(&e, 422, "missing_file", "file", "请选择对账单文件");
        html_form_error(r, &e);
        upload_form(r);
        r->status = e.status;
        html_end(r);
        return;
    }
    rows_table(r, &res, 0);
    int bookable = res.counts[ST_MATCHED] + res.counts[ST_SUSPICIOUS];
    if (bookable) {
        int64_t id = stash_put(r->db, &r->user, "statement", res.utf8);
        html_printf(r, "<form method=\"post\" action=\"/statements/%lld\">", (long long)id);
        html_csrf(r);
        html_printf(r, "<p>确认后将 %d 行（已匹配和金额不符的行）登记为还款；未匹配和重复的行不入账。</p>"
                       "<button class=\"primary\">确认入账</button> <a href=\"/statements\">取消</a></form>",
                    bookable);
    } else {
        html_raw(r, "<p class=\"error\">没有可以入账的行。</p>");
        upload_form(r);
    }
    statement_free(&res);
    html_end(r);
}

void page_statement_book(struct req *r)
{
    char *content = stash_take(r->db, &r->user, "statement", r->id[0]);
    if (!content) {
        reply_fail(r, 404, "not_found", "待入账的对账单不存在或已入账");
        return;
    }
    struct stmt_result res;
    struct err e = {0};
    int rc = statement_check(r->db, &r->user, content, strlen(content), r->today, &res, &e);
    free(content);
    if (rc != 0) {
        reply_error(r, &e);
        return;
    }
    int booked = statement_book(r->db, &r->user, &res, r->today);
    html_begin(r, "对账单入账结果");
    html_printf(r, "<h1>对账单入账结果</h1><p class=\"flash\">已入账 %d 笔。</p>", booked);
    rows_table(r, &res, 1);
    statement_free(&res);
    html_end(r);
}
