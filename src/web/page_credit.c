/* page_credit.c: the household page's credit section (信用户评定, the loan cycle and past loans)
   and the rating form for the village officer and the liaison. Thin over rating.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "loan_book.h"
#include "rating.h"

static const char *const grade_options[] = {"优秀", "较好", "一般", "差"};

/* The rating form (year, grade without a default, reason), what was typed kept after a refusal. */
static void rating_form(struct req *r, int64_t household_id)
{
    const char *f = "/credit-rating";
    char year[8];
    snprintf(year, sizeof year, "%d", r->today.y);
    html_printf(r, "<details%s><summary>信用评定</summary><form method=\"post\" action=\"/households/%lld/credit-rating\" "
                   "class=\"grid\">",
                form_posted(r, f) ? " open" : "", (long long)household_id);
    html_csrf(r);
    html_printf(r, "<label>评定年度<input name=\"year\" required inputmode=\"numeric\" value=\"%s\"></label>",
                form_echo(r, f, "year", year));
    form_field_error(r, "year");
    html_raw(r, "<label>信用等级<select name=\"grade\" required><option value=\"\">请选择</option>");
    const char *typed = form_echo(r, f, "grade", "");
    for (size_t i = 0; i < sizeof grade_options / sizeof grade_options[0]; i++)
        html_printf(r, "<option%s>%s</option>", strcmp(typed, grade_options[i]) ? "" : " selected", grade_options[i]);
    html_raw(r, "</select></label>");
    form_field_error(r, "grade");
    html_printf(r, "<label>评定理由<input name=\"reason\" required maxlength=\"%d\" value=\"%s\"></label>",
                RATING_REASON_MAX_CHARS, form_echo(r, f, "reason", ""));
    form_field_error(r, "reason");
    html_raw(r, "<p><button class=\"primary\">记录评定</button></p></form></details>");
}

void credit_section(struct req *r, int64_t household_id)
{
    json_t *c = rating_history_json(r->db, household_id), *x;
    size_t i;
    html_raw(r, "<h2 id=\"credit\">信用评定与贷款次数</h2>");
    if (!c) {
        html_raw(r, "<p class=\"error\">信用记录读取失败。</p>");
        return;
    }
    json_t *now = json_object_get(c, "rating");
    if (json_is_object(now))
        html_printf(r, "<p>当前信用等级：<strong class=\"grade\">%s</strong>（%lld 年度）。", json_string_value(json_object_get(now, "grade")),
                    (long long)json_integer_value(json_object_get(now, "year")));
    else
        html_raw(r, "<p>尚未评定信用等级。");
    html_printf(r, "已获贷款 %zu 次，下一笔为第 %lld 次贷款。</p>", json_array_size(json_object_get(c, "loans")),
                (long long)json_integer_value(json_object_get(c, "next_cycle")));
    if (json_array_size(json_object_get(c, "loans"))) {
        html_raw(r, "<table class=\"list\"><thead><tr><th>次数</th><th>合同号</th><th>放款日</th><th class=\"num\">金额（元）</th>"
                    "<th>状态</th></tr></thead><tbody>");
        json_array_foreach(json_object_get(c, "loans"), i, x)
        {
            html_printf(r, "<tr><td>第 %lld 次</td><td><a href=\"/accounts/%lld\">%s</a></td><td>%s</td><td class=\"num\">",
                        (long long)json_integer_value(json_object_get(x, "cycle")),
                        (long long)json_integer_value(json_object_get(x, "id")),
                        json_string_value(json_object_get(x, "contract_no")),
                        json_string_value(json_object_get(x, "disbursed_on")));
            html_money(r, json_integer_value(json_object_get(x, "principal_fen")));
            html_printf(r, "</td><td>%s%s</td></tr>", loan_book_state_name(json_string_value(json_object_get(x, "state"))),
                        *json_string_value(json_object_get(x, "extended_on")) ? "（已展期）" : "");
        }
        html_raw(r, "</tbody></table>");
    }
    if (json_array_size(json_object_get(c, "ratings"))) {
        html_raw(r, "<table class=\"list\"><thead><tr><th>年度</th><th>等级</th><th>理由</th><th>评定人</th><th>时间</th>"
                    "</tr></thead><tbody>");
        json_array_foreach(json_object_get(c, "ratings"), i, x)
        {
            html_printf(r, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td><td>",
                        (long long)json_integer_value(json_object_get(x, "year")),
                        json_string_value(json_object_get(x, "grade")), json_string_value(json_object_get(x, "reason")),
                        json_string_value(json_object_get(x, "rated_by")));
            html_china_time(r, json_string_value(json_object_get(x, "rated_at")));
            html_raw(r, "</td></tr>");
        }
        html_raw(r, "</tbody></table>");
    }
    json_decref(c);
    if (r->user.role == ROLE_VILLAGE || r->user.role == ROLE_LIAISON)
        rating_form(r, household_id);
}

void page_household_rate(struct req *r)
{
    struct err e = {0};
    const char *year = req_form(r, "year");
    char *end = NULL;
    long long y = year && *year ? strtoll(year, &end, 10) : 0;
    if (!end || *end)
        err_set(&e, 422, "invalid_year", "year", "评定年度应为四位数字，如 %d", r->today.y);
    else if (rating_set(r->db, &r->user, r->id[0], y, req_form(r, "grade"), req_form(r, "reason"), r->today, &e) > 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/households/%lld?ok=rated#credit", (long long)r->id[0]);
        reply_redirect(r, loc);
        return;
    }
    household_page_refused(r, r->id[0], &e);
}
