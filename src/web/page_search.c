/* page_search.c: the staff search box's results (/search?find=; the box is in every staff page's header): households, loan applications and
   loans, relief applications and receipts in the user's scope, each kind shown only to a role
   that may open it. */
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "household_find.h"
#include "html.h"
#include "loan_find.h"
#include "relief_find.h"
#include "routes.h"
#include "text.h"

#define SEARCH_MAX_CHARS 40 /* the longest search text taken */

/* One household found. */
static void household_hit_row(const struct household_hit *h, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td><a href=\"/households/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">%d</td></tr>",
                (long long)h->id, h->head, strcmp(h->member, h->head) ? h->member : "户主本人", h->village, h->members);
}

/* One loan application found. */
static void loan_hit_row(const struct loan_hit *h, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td><a href=\"/loans/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">", (long long)h->id,
                h->applicant, h->village, loan_state_name(h->state));
    html_money(r, h->amount_fen);
    html_raw(r, "</td><td>");
    if (h->loan_id)
        html_printf(r, "<a href=\"/accounts/%lld\">%s</a>", (long long)h->loan_id, h->contract_no);
    else
        html_raw(r, "—");
    html_raw(r, "</td></tr>");
}

/* One relief application found. */
static void relief_hit_row(const struct relief_hit *h, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td><a href=\"/relief/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">",
                (long long)h->id, h->head, h->village, h->category, relief_state_name(h->state));
    html_money(r, h->amount_fen);
    html_printf(r, "</td><td>%s</td></tr>", *h->receipt_no ? h->receipt_no : "—");
}

/* Opens one result table with its heading and column names. */
static void table_open(struct req *r, const char *title, const char *columns)
{
    html_printf(r, "<h2>%s</h2><div class=\"scroll\"><table class=\"list\"><thead><tr>", title);
    html_raw(r, columns);
    html_raw(r, "</tr></thead><tbody>");
}

/* Closes a result table, saying so when nothing was found. */
static void table_close(struct req *r, int n)
{
    html_raw(r, "</tbody></table></div>");
    if (n == 0)
        html_raw(r, "<p class=\"muted\">没有找到。</p>");
    else if (n < 0)
        html_raw(r, "<p class=\"error\" role=\"alert\">查询失败，请稍后再试。</p>");
    else if (n >= FIND_LIMIT)
        html_printf(r, "<p class=\"muted\">只列出前 %d 条，请输入更多字缩小范围。</p>", FIND_LIMIT);
}

void page_search(struct req *r)
{
    char q[TEXT_SIZE(SEARCH_MAX_CHARS)] = "";
    const char *raw = req_query(r, "find");
    int bad = raw && text_check(raw, 0, SEARCH_MAX_CHARS) != 0;
    if (!bad && raw)
        text_trim(raw, q, sizeof q);
    html_begin(r, "搜索");
    html_raw(r, "<h1>搜索</h1><p class=\"muted\">可按姓名（任意几个字）、身份证号（前几位或后四位以上）、电话、"
                "贷款合同号、还款凭证号或救助领款凭证号查找。</p>");
    if (bad || !*q) {
        html_raw(r, bad ? "<p class=\"error\" role=\"alert\">搜索内容无效或过长（最多 40 个字）。</p>"
                        : "<p>请在上方搜索框输入要找的内容。</p>");
        html_end(r);
        return;
    }
    enum role ro = r->user.role;
    if (route_allowed("GET", "/households/1", ro)) {
        table_open(r, "家庭", "<th>户主</th><th>匹配的成员</th><th>村</th><th class=\"num\">人数</th>");
        table_close(r, household_find(r->db, &r->user, q, household_hit_row, r));
    }
    if (route_allowed("GET", "/loans/1", ro)) {
        table_open(r, "贷款申请与贷款", "<th>申请人</th><th>村</th><th>状态</th><th class=\"num\">金额（元）</th><th>合同号</th>");
        table_close(r, loan_find(r->db, &r->user, q, loan_hit_row, r));
    }
    if (route_allowed("GET", "/relief/1", ro)) {
        table_open(r, "救助申请与领款凭证",
                   "<th>户主</th><th>村</th><th>类别</th><th>状态</th><th class=\"num\">金额（元）</th><th>领款凭证号</th>");
        table_close(r, relief_find(r->db, &r->user, q, relief_hit_row, r));
    }
    html_end(r);
}
