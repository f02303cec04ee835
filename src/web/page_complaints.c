/* page_complaints.c: complaints and suggestions (投诉/意见): the public form (no login; what is
   read back is masked), the staff list with due days, handlers and late marks, a complaint's page
   with the assignment and resolution forms, the staff form filing for a caller, and the admin's
   time limit. Thin over complaint.c and timelimit.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "masking.h"
#include "more_sheets.h"
#include "report_scope.h"
#include "routes.h"
#include "timelimit.h"
#include "unit.h"

/* An <option> per village (the public and staff forms' village choice), the one posted selected. */
static void village_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    html_printf(r, "<option value=\"%s\"%s>", id, !strcmp(req_form(r, "village_id") ? req_form(r, "village_id") : "", id) ? " selected" : "");
    html_text(r, u->parent_name);
    html_raw(r, " · ");
    html_text(r, u->name);
    html_raw(r, "</option>");
}

/* The fields of a complaint form posting to action: category, village (within scope), text, contact. */
static void complaint_fields(struct req *r, const char *action, const char *scope)
{
    const char *cat = form_echo(r, action, "category", "");
    html_raw(r, "<label>类别<select name=\"category\" required><option value=\"\">请选择</option>");
    for (int c = 0; c < COMPLAINT__MAX; c++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", complaint_category_code(c),
                    !strcmp(cat, complaint_category_code(c)) ? " selected" : "", complaint_category_name(c));
    html_raw(r, "</select>");
    form_field_error(r, "category");
    html_raw(r, "</label><label>所在村（可不选）<select name=\"village_id\"><option value=\"\">不指定</option>");
    unit_list(r->db, scope, "village", village_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "village_id");
    html_raw(r, "</label><label class=\"wide\">反映的内容<textarea name=\"text\" required maxlength=\"500\" rows=\"5\">");
    html_text(r, form_echo(r, action, "text", ""));
    html_raw(r, "</textarea>");
    form_field_error(r, "text");
    html_printf(r, "</label><label class=\"wide\">联系电话或其他联系方式<input name=\"contact\" maxlength=\"50\" value=\"%s\">",
                form_echo(r, action, "contact", ""));
    form_field_error(r, "contact");
    html_raw(r, "</label>");
}

/* The public form, with a refusal shown. */
static void public_form(struct req *r, const struct err *e)
{
    html_begin(r, "投诉和意见");
    html_printf(r, "<section class=\"public\"><p class=\"crumbs\"><a href=\"/\">← 公示公告</a></p><h1>投诉和意见</h1>"
                   "<p class=\"muted\">对计生信贷助富、困难家庭救助和帮扶工作的投诉、意见建议或咨询，全年受理。"
                   "我们将在 %d 个工作日内办理并答复您。</p>",
                timelimit_days(r->db, TIMELIMIT_COMPLAINT));
    if (e)
        html_form_error(r, e);
    html_raw(r, "<form method=\"post\" action=\"/complaint\" class=\"grid\">");
    complaint_fields(r, "/complaint", "/");
    html_raw(r, "<p><button class=\"primary\">提交</button></p></form></section>");
    html_end(r);
}

void page_complaint_public(struct req *r)
{
    public_form(r, NULL);
}

/* The complaint posted by the form. */
static struct complaint_input complaint_posted(struct req *r)
{
    const char *v = req_form(r, "village_id");
    return (struct complaint_input){.text = req_form(r, "text"), .contact = req_form(r, "contact"),
                                    .village_id = v ? strtoll(v, NULL, 10) : 0, .category = req_form(r, "category")};
}

void page_complaint_public_submit(struct req *r)
{
    struct complaint_input in = complaint_posted(r);
    struct err e = {0};
    struct date due;
    char client[64], due_cn[DATE_CN_SIZE], contact[256];
    int64_t id = in.category && *in.category
                     ? complaint_file(r->db, NULL, &in, req_client(r, client, sizeof client), r->today, &due, &e)
                     : err_set(&e, 422, "invalid_category", "category", "请选择类别");
    if (id < 0) {
        public_form(r, &e);
        r->status = e.status;
        return;
    }
    html_begin(r, "已受理");
    html_printf(r, "<section class=\"public\"><h1>已受理</h1><p>受理编号：<strong>%lld</strong></p><p>办理期限：%s 前"
                   "（工作日计算，节假日顺延）</p><p>我们将通过您留下的联系方式答复：",
                (long long)id, date_chinese(due, due_cn));
    html_text(r, mask_text_by(&mask_defaults, in.contact, contact, sizeof contact));
    html_raw(r, "</p><p><a href=\"/\">返回公示公告</a></p></section>");
    html_end(r);
}

/* One complaint row of the staff list. */
static void complaint_row(const struct complaint_row *c, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td><a href=\"/complaints/%lld\">%lld</a></td><td>%s</td><td>", (long long)c->id,
                (long long)c->id, complaint_category_name(c->category));
    html_text(r, c->unit);
    html_raw(r, "</td><td>");
    html_text(r, c->text);
    html_raw(r, "</td><td>");
    html_text(r, c->filed_on);
    html_raw(r, "</td><td>");
    html_text(r, c->due_on);
    html_raw(r, "</td><td>");
    html_text(r, c->handler[0] ? c->handler : "未指定");
    if (c->backup[0]) {
        html_raw(r, " / B角 ");
        html_text(r, c->backup);
    }
    html_printf(r, "</td><td>%s", strcmp(c->state, "open") ? "已办结" : "办理中");
    if (c->late)
        html_raw(r, " <strong class=\"late\">超时</strong>");
    if (c->satisfaction[0]) {
        html_raw(r, " · ");
        html_text(r, c->satisfaction);
    }
    html_raw(r, "</td></tr>");
}

/* The staff list with its forms, a refusal shown (its status kept). */
static void complaints_page(struct req *r, const struct err *shown)
{
    struct complaint_filter f = {.state = complaint_state_parse(req_query(r, "state"))};
    struct err e = {0};
    if (f.state < 0) {
        err_set(&e, 422, "invalid_state", "state", "状态不正确");
        reply_error(r, &e);
        return;
    }
    html_paging(r, &f.limit, &f.offset);
    if (!shown && list_export_if_asked(r, more_complaints_sheet, &f, "complaints.csv"))
        return;
    html_begin(r, "投诉和意见");
    html_printf(r, "<h1>投诉和意见</h1><p class=\"muted\">办理时限 %d 个工作日（节假日顺延，<a href=\"/time-limits\">办理时限</a>）。</p>",
                timelimit_days(r->db, TIMELIMIT_COMPLAINT));
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    static const char *const states[][2] = {{"", "全部"}, {"open", "办理中"}, {"resolved", "已办结"},
                                            {"late", "超时"}, {"due_soon", "两个工作日内到期"}};
    html_raw(r, "<form class=\"search\" method=\"get\" action=\"/complaints\"><label>状态<select name=\"state\">");
    for (int i = 0; i < 5; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", states[i][0], i == f.state ? " selected" : "", states[i][1]);
    html_raw(r, "</select></label><button>查询</button></form><table class=\"list\"><thead><tr><th>编号</th><th>类别</th>"
                "<th>单位</th><th>内容</th><th>登记日期</th><th>办理期限</th><th>经办人</th><th>状态</th></tr></thead><tbody>");
    int64_t total = complaint_list(r->db, &r->user, &f, r->today, complaint_row, r, &e);
    if (total == 0)
        html_raw(r, "<tr><td colspan=\"8\" class=\"muted\">没有符合条件的投诉或意见</td></tr>");
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &e);
    else
        html_pager(r, total, f.limit, f.offset, 0);
    report_format_links(r, "/complaints", NULL);
    if (route_allowed("POST", "/complaints", r->user.role)) {
        html_printf(r, "<details%s><summary>代群众登记</summary><form method=\"post\" action=\"/complaints\" class=\"grid\">",
                    form_posted(r, "/complaints") ? " open" : "");
        html_csrf(r);
        complaint_fields(r, "/complaints", r->user.unit_path);
        html_raw(r, "<p><button class=\"primary\">登记</button></p></form></details>");
    }
    html_end(r);
    if (shown)
        r->status = shown->status;
}

void page_complaints(struct req *r)
{
    complaints_page(r, NULL);
}

void page_complaints_create(struct req *r)
{
    struct complaint_input in = complaint_posted(r);
    struct err e = {0};
    struct date due;
    char client[64];
    int64_t id = in.category && *in.category
                     ? complaint_file(r->db, &r->user, &in, req_client(r, client, sizeof client), r->today, &due, &e)
                     : err_set(&e, 422, "invalid_category", "category", "请选择类别");
    if (id < 0) {
        complaints_page(r, &e);
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/complaints/%lld?ok=created", (long long)id);
    reply_redirect(r, loc);
}

/* An <option> per account of the scope for the handler choices; the posted one selected. */
static void user_option(const struct user_row *u, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<option value=\"%lld\">", (long long)u->id);
    html_text(r, u->name);
    html_raw(r, "（");
    html_text(r, u->unit_name);
    html_raw(r, "）</option>");
}

/* The accounts of the scope as options (form_user_options). */
static void user_options(struct req *r)
{
    form_user_options(r, user_option, r);
}

/* Keeps the one complaint listed. */
static void complaint_keep(const struct complaint_row *c, void *ctx)
{
    *(struct complaint_row *)ctx = *c;
}

/* One complaint's page with its forms, a refusal shown (its status kept). */
static void complaint_page(struct req *r, int64_t id, const struct err *shown)
{
    struct complaint_row c = {0};
    struct complaint_filter f = {.id = id};
    struct err e = {0};
    if (complaint_list(r->db, &r->user, &f, r->today, complaint_keep, &c, &e) < 0) {
        reply_error(r, &e);
        return;
    }
    char title[64];
    snprintf(title, sizeof title, "%s 第 %lld 号", complaint_category_name(c.category), (long long)c.id);
    html_begin(r, title);
    html_raw(r, "<p class=\"crumbs\"><a href=\"/complaints\">← 投诉和意见</a></p><h1>");
    html_text(r, title);
    html_raw(r, "</h1>");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    html_raw(r, "<dl class=\"facts\"><dt>单位</dt><dd>");
    html_text(r, c.unit);
    html_printf(r, "</dd><dt>来源</dt><dd>%s</dd><dt>内容</dt><dd>", strcmp(c.source, "public") ? "工作人员代登记" : "群众网上提交");
    html_text(r, c.text);
    html_raw(r, "</dd><dt>联系方式</dt><dd>");
    html_text(r, c.contact);
    html_raw(r, "</dd><dt>登记日期</dt><dd>");
    html_text(r, c.filed_on);
    html_raw(r, "</dd><dt>办理期限</dt><dd>");
    html_text(r, c.due_on);
    if (c.late)
        html_raw(r, " <strong class=\"late\">超时</strong>");
    html_raw(r, "</dd><dt>经办人（A角）</dt><dd>");
    html_text(r, c.handler[0] ? c.handler : "未指定");
    html_raw(r, "</dd><dt>B角</dt><dd>");
    html_text(r, c.backup[0] ? c.backup : "未指定");
    html_printf(r, "</dd><dt>状态</dt><dd>%s</dd>", strcmp(c.state, "open") ? "已办结" : "办理中");
    if (c.resolved_on[0]) {
        html_raw(r, "<dt>办结日期</dt><dd>");
        html_text(r, c.resolved_on);
        html_raw(r, "</dd><dt>办理结果</dt><dd>");
        html_text(r, c.resolution);
        html_raw(r, "</dd><dt>群众满意度</dt><dd>");
        html_text(r, c.satisfaction[0] ? c.satisfaction : "未评价");
        html_raw(r, "</dd>");
    }
    html_raw(r, "</dl>");
    if (!strcmp(c.state, "open") && route_allowed("POST", "/complaints/1/resolve", r->user.role)) {
        char action[48];
        snprintf(action, sizeof action, "/complaints/%lld/assign", (long long)c.id);
        html_printf(r, "<h2>指定经办人</h2><form method=\"post\" action=\"%s\" class=\"grid\">", action);
        html_csrf(r);
        html_raw(r, "<label>经办人（A角）<select name=\"handler_id\" required><option value=\"\">请选择</option>");
        user_options(r);
        html_raw(r, "</select>");
        form_field_error(r, "handler_id");
        html_raw(r, "</label><label>B角<select name=\"backup_id\"><option value=\"\">不指定</option>");
        user_options(r);
        html_raw(r, "</select>");
        form_field_error(r, "backup_id");
        html_raw(r, "</label><p><button>保存</button></p></form>");
        snprintf(action, sizeof action, "/complaints/%lld/resolve", (long long)c.id);
        html_printf(r, "<h2>办结</h2><form method=\"post\" action=\"%s\" class=\"grid\">", action);
        html_csrf(r);
        html_printf(r, "<label class=\"wide\">办理结果<input name=\"resolution\" required maxlength=\"200\" value=\"%s\">",
                    form_echo(r, action, "resolution", ""));
        form_field_error(r, "resolution");
        const char *sat = form_echo(r, action, "satisfaction", "");
        html_raw(r, "</label><label>群众满意度<select name=\"satisfaction\"><option value=\"\">未评价</option>");
        static const char *const ratings[] = {"满意", "基本满意", "不满意"};
        for (int i = 0; i < 3; i++)
            html_printf(r, "<option%s>%s</option>", !strcmp(sat, ratings[i]) ? " selected" : "", ratings[i]);
        html_raw(r, "</select>");
        form_field_error(r, "satisfaction");
        html_raw(r, "</label><p><button class=\"primary\">办结</button></p></form>");
    }
    html_end(r);
    if (shown)
        r->status = shown->status;
}

void page_complaint_show(struct req *r)
{
    complaint_page(r, r->id[0], NULL);
}

/* After a change of complaint id: back to its page, or the page with the refusal. */
static void complaint_after(struct req *r, int rc, const struct err *e)
{
    if (rc != 0) {
        if (e->status == 404 || e->status == 403)
            reply_error(r, e);
        else
            complaint_page(r, r->id[0], e);
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/complaints/%lld?ok=updated", (long long)r->id[0]);
    reply_redirect(r, loc);
}

void page_complaint_resolve(struct req *r)
{
    struct err e = {0};
    int rc = complaint_resolve(r->db, &r->user, r->id[0], req_form(r, "resolution"), req_form(r, "satisfaction"),
                               r->today, &e);
    complaint_after(r, rc, &e);
}

void page_complaint_assign(struct req *r)
{
    struct err e = {0};
    const char *a = req_form(r, "handler_id"), *b = req_form(r, "backup_id");
    int rc = complaint_assign(r->db, &r->user, r->id[0], a ? strtoll(a, NULL, 10) : 0, b ? strtoll(b, NULL, 10) : 0, &e);
    complaint_after(r, rc, &e);
}
