/* page_information.c: the information services page (信息服务): the items of a period with who
   received them, the counts by village, and the form sending an item to villages or households.
   Thin over information.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "information.h"
#include "more_sheets.h"
#include "report_scope.h"
#include "service_form.h"
#include "unit.h"

/* One recipient inside an item's cell: a village (全村) or a household's head, linked. */
static void recipient_html(const struct info_recipient_row *x, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<li>");
    if (x->household_id) {
        html_printf(r, "<a href=\"/households/%lld\">", (long long)x->household_id);
        html_text(r, x->head);
        html_raw(r, "</a> · ");
        html_text(r, x->village);
    } else {
        html_text(r, x->village);
        html_raw(r, "（全村）");
    }
    html_raw(r, "</li>");
}

/* One item row with its recipients. */
static void info_row_html(const struct info_row *t, void *ctx)
{
    struct req *r = ctx;
    struct err e = {0};
    html_raw(r, "<tr><td>");
    html_text(r, t->on);
    html_raw(r, "</td><td>");
    html_text(r, info_kind_name(info_kind_parse(t->kind)));
    html_raw(r, "</td><td><strong>");
    html_text(r, t->title);
    html_raw(r, "</strong><br>");
    html_text(r, t->text);
    html_raw(r, "</td><td>");
    html_text(r, t->unit);
    html_raw(r, "</td><td><ul class=\"plain\">");
    if (info_recipients(r->db, &r->user, t->id, recipient_html, r, &e) < 0)
        html_raw(r, "<li class=\"error\">接收对象读取失败</li>");
    html_raw(r, "</ul></td></tr>");
}

/* One village's counts. */
static void village_row_html(const struct info_village_row *v, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, v->village);
    html_printf(r, "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>", (long long)v->items,
                (long long)v->households);
}

void info_village_table(struct req *r, const char *from, const char *to)
{
    struct err e = {0};
    html_raw(r, "<h2>各村信息服务</h2><table class=\"list\"><thead><tr><th>村</th><th class=\"num\">收到信息（条）</th>"
                "<th class=\"num\">逐户送达（户）</th></tr></thead><tbody>");
    int n = info_by_village(r->db, &r->user, from, to, village_row_html, r, &e);
    if (n == 0)
        html_raw(r, "<tr><td colspan=\"3\" class=\"muted\">这段时间没有发送信息</td></tr>");
    html_raw(r, "</tbody></table>");
    if (n < 0)
        html_form_error(r, &e);
}

/* A checkbox per village of the scope: the whole village receives the item. */
static void village_check(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    html_printf(r, "<label><input type=\"checkbox\" name=\"village_id\" value=\"%s\"%s>", id,
                form_echo_checked(r, "/information", "village_id", id, 0) ? " checked" : "");
    html_text(r, u->name);
    html_raw(r, "</label>");
}

/* The form sending an item. */
static void info_form(struct req *r)
{
    const char *f = "/information";
    service_form_open(r, f, "登记信息服务", "标题", "发送日期", "发送单位");
    const char *kind = form_echo(r, f, "kind", "");
    html_raw(r, "<label>类别<select name=\"kind\" required><option value=\"\">请选择</option>");
    for (int k = 0; k < INFO__MAX; k++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", info_kind_code(k), !strcmp(kind, info_kind_code(k)) ? " selected" : "",
                    info_kind_name(k));
    html_raw(r, "</select>");
    form_field_error(r, "kind");
    html_printf(r, "</label><label class=\"wide\">内容<textarea name=\"text\" required maxlength=\"500\" rows=\"3\">%s</textarea>",
                form_echo(r, f, "text", ""));
    form_field_error(r, "text");
    html_raw(r, "</label><fieldset class=\"wide\"><legend>发送到全村</legend><div class=\"checks\">");
    unit_list(r->db, r->user.unit_path, "village", village_check, r);
    html_printf(r, "</div></fieldset><label class=\"wide\">逐户发送（家庭编号，用逗号或空格分开）"
                   "<input name=\"households\" inputmode=\"numeric\" value=\"%s\">",
                form_echo(r, f, "households", ""));
    form_field_error(r, "households");
    form_field_error(r, "recipients");
    html_raw(r, "</label>");
    service_form_close(r, "登记");
}

/* The page, with a refusal of the form shown (NULL none). */
static void information_page(struct req *r, const struct err *shown)
{
    const char *kind = req_query(r, "kind"), *from = req_query(r, "from"), *to = req_query(r, "to");
    struct info_filter f = {.kind = kind && *kind ? info_kind_parse(kind) : -1, .from = from, .to = to};
    struct err e = {0};
    html_paging(r, &f.limit, &f.offset);
    if (!shown && list_export_if_asked(r, more_information_sheet, &f, "information.csv"))
        return;
    html_begin(r, "信息服务");
    html_raw(r, "<h1>信息服务</h1><p class=\"muted\">向村或农户发送的市场价格、用工信息和实用技术，以及接收对象。</p>");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    html_raw(r, "<form class=\"search\" method=\"get\" action=\"/information\"><label>类别<select name=\"kind\">"
                "<option value=\"\">全部</option>");
    for (int k = 0; k < INFO__MAX; k++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", info_kind_code(k), f.kind == k ? " selected" : "",
                    info_kind_name(k));
    html_printf(r, "</select></label><label>发送日期自<input type=\"date\" name=\"from\" value=\"%s\"></label>"
                   "<label>至<input type=\"date\" name=\"to\" value=\"%s\"></label><button>查询</button></form>",
                from ? from : "", to ? to : "");
    html_raw(r, "<table class=\"list\"><thead><tr><th>日期</th><th>类别</th><th>信息</th><th>发送单位</th><th>接收对象</th>"
                "</tr></thead><tbody>");
    int64_t total = info_list(r->db, &r->user, &f, info_row_html, r, &e);
    if (total == 0)
        html_raw(r, "<tr><td colspan=\"5\" class=\"muted\">这段时间没有信息服务</td></tr>");
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &e);
    else
        html_pager(r, total, f.limit, f.offset, 0);
    report_format_links(r, "/information", NULL);
    info_village_table(r, from, to);
    service_page_end(r, "/information", info_form, shown);
}

void page_information(struct req *r)
{
    information_page(r, NULL);
}

/* Reads the posted household numbers (comma, 、 or space separated) after the checked villages
   into to. 0 or -1 with e naming the field. */
static int posted_recipients(struct req *r, struct info_recipient *to, int *n, struct err *e)
{
    const char *v, *list = req_form(r, "households");
    *n = 0;
    for (int i = 0; (v = req_form_nth(r, "village_id", i)); i++) {
        if (*n == INFO_MAX_RECIPIENTS)
            return err_set(e, 422, "invalid_recipients", "recipients", "一次最多发送给 %d 个村或家庭", INFO_MAX_RECIPIENTS);
        to[(*n)++] = (struct info_recipient){.village_id = strtoll(v, NULL, 10)};
    }
    for (const char *p = list ? list : ""; *p;) {
        if (strchr(", \t\r\n", *p) || !strncmp(p, "，", 3) || !strncmp(p, "、", 3)) {
            p += (unsigned char)*p >= 0x80 ? 3 : 1;
            continue;
        }
        char *end;
        long long id = strtoll(p, &end, 10);
        if (end == p || id <= 0 || (*end && !strchr(", \t\r\n", *end) && (unsigned char)*end < 0x80))
            return err_set(e, 422, "invalid_households", "households", "家庭编号应为数字，用逗号或空格分开");
        if (*n == INFO_MAX_RECIPIENTS)
            return err_set(e, 422, "invalid_recipients", "recipients", "一次最多发送给 %d 个村或家庭", INFO_MAX_RECIPIENTS);
        to[(*n)++] = (struct info_recipient){.household_id = id};
        p = end;
    }
    return 0;
}

void page_information_create(struct req *r)
{
    const char *unit = req_form(r, "unit_id");
    struct info_recipient to[INFO_MAX_RECIPIENTS];
    struct info_input in = {.title = req_form(r, "title"), .kind = info_kind_parse(req_form(r, "kind")),
                            .on = req_form(r, "on"), .unit_id = unit ? strtoll(unit, NULL, 10) : 0,
                            .text = req_form(r, "text"), .recipients = to};
    struct err e = {0};
    if (posted_recipients(r, to, &in.nrecipients, &e) != 0 || info_create(r->db, &r->user, &in, r->today, &e) < 0) {
        information_page(r, &e);
        return;
    }
    reply_redirect(r, "/information?ok=created");
}
