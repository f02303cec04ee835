/* page_organisation.c: cooperatives and demonstration bases (/organisations): the list in scope
   with the registration form, and an organisation's page with its member households (links to
   their pages), its loan applications and the way to apply. Thin over organisation.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "loan.h"
#include "organisation.h"
#include "record_sheets.h"
#include "report_scope.h"
#include "routes.h"
#include "unit.h"

/* One organisation as a table row. */
static void org_row(const struct organisation *o, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td><a href=\"/organisations/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                   "<td class=\"num\">%d</td><td class=\"num\">%lld</td></tr>",
                (long long)o->id, o->name, org_kind_name(o->kind), o->credit_code, o->village, o->legal_rep,
                o->nmembers, (long long)o->jobs_created);
}

/* One village <option> (the posted one chosen). */
static void village_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    html_printf(r, "<option value=\"%s\"%s>%s · %s</option>", id,
                !strcmp(form_echo(r, "/organisations", "village_id", ""), id) ? " selected" : "", u->parent_name,
                u->name);
}

/* The list page, with e (if any) the refusal of the registration form. */
static void organisations_page(struct req *r, const struct err *e)
{
    int limit, offset;
    struct err le = {0};
    html_paging(r, &limit, &offset);
    if (!e && list_export_if_asked(r, record_organisations_sheet, NULL, "organisations.csv"))
        return;
    html_begin(r, "合作社与示范基地");
    html_raw(r, "<h1>合作社与示范基地</h1>");
    html_flash(r);
    report_format_links(r, "/organisations", NULL);
    html_raw(r, "<table class=\"list\"><thead><tr><th>名称</th><th>类别</th><th>统一社会信用代码</th><th>村</th>"
                "<th>法定代表人</th><th class=\"num\">成员家庭</th><th class=\"num\">带动就业</th></tr></thead><tbody>");
    int64_t total = organisation_list(r->db, &r->user, 0, limit, offset, org_row, r, &le);
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &le);
    else
        html_pager(r, total, limit, offset, 0);
    if (route_allowed("POST", "/organisations", r->user.role)) {
        html_raw(r, "<h2>登记合作社或示范基地</h2>");
        if (e)
            html_form_error(r, e);
        html_raw(r, "<form method=\"post\" action=\"/organisations\" class=\"grid\">");
        html_csrf(r);
        const char *kind = form_echo(r, "/organisations", "kind", "");
        html_printf(r, "<label>名称<input name=\"name\" required maxlength=\"30\" value=\"%s\">",
                    form_echo(r, "/organisations", "name", ""));
        form_field_error(r, "name");
        html_printf(r, "</label><label>类别<select name=\"kind\"><option value=\"cooperative\"%s>合作社</option>"
                       "<option value=\"demonstration_base\"%s>示范基地</option></select></label>"
                       "<label>统一社会信用代码<input name=\"credit_code\" required maxlength=\"18\" "
                       "autocapitalize=\"characters\" value=\"%s\">",
                    strcmp(kind, "demonstration_base") ? " selected" : "", strcmp(kind, "demonstration_base") ? "" : " selected",
                    form_echo(r, "/organisations", "credit_code", ""));
        form_field_error(r, "credit_code");
        html_raw(r, "</label><label>所在村<select name=\"village_id\" required><option value=\"\">请选择</option>");
        unit_list(r->db, r->user.unit_path, "village", village_option, r);
        html_raw(r, "</select>");
        form_field_error(r, "village_id");
        html_printf(r, "</label><label>法定代表人身份证号（本村家庭档案中的成员）<input name=\"legal_rep_id_number\" "
                       "required maxlength=\"18\" value=\"%s\">",
                    form_echo(r, "/organisations", "legal_rep_id_number", ""));
        form_field_error(r, "legal_rep_member_id");
        html_printf(r, "</label><label>成员家庭编号（家庭档案编号，用逗号分开）<input name=\"members\" value=\"%s\">",
                    form_echo(r, "/organisations", "members", ""));
        form_field_error(r, "members");
        html_printf(r, "</label><label>带动就业（人）<input name=\"jobs_created\" type=\"number\" min=\"0\" value=\"%s\">",
                    form_echo(r, "/organisations", "jobs_created", "0"));
        form_field_error(r, "jobs_created");
        html_raw(r, "</label><p><button class=\"primary\">登记</button></p></form>");
    }
    html_end(r);
}

void page_organisations(struct req *r)
{
    organisations_page(r, NULL);
}

/* Reads the posted member household numbers ("12, 15，31") into in. 0, or -1 with e. */
static int posted_members(const char *s, struct organisation_input *in, struct err *e)
{
    while (s && *s) {
        char *end;
        if (*s == ',' || *s == ' ') {
            s++;
            continue;
        }
        if (!strncmp(s, "，", strlen("，"))) {
            s += strlen("，");
            continue;
        }
        long long id = strtoll(s, &end, 10);
        if (end == s || id <= 0 || in->nmembers >= ORG_MAX_MEMBERS)
            return err_set(e, 422, "invalid_members", "members", "成员家庭编号应为数字，用逗号分开（最多 %d 户）",
                           ORG_MAX_MEMBERS);
        in->members[in->nmembers++] = id;
        s = end;
    }
    return 0;
}

void page_organisations_create(struct req *r)
{
    struct err e = {0};
    struct organisation_input *in = calloc(1, sizeof *in);
    const char *village = req_form(r, "village_id"), *jobs = req_form(r, "jobs_created");
    int64_t id = -1;
    if (!in) {
        err_set(&e, 500, "out_of_memory", NULL, "内存不足");
    } else {
        in->name = req_form(r, "name");
        in->kind = req_form(r, "kind");
        in->credit_code = req_form(r, "credit_code");
        in->village_id = village ? strtoll(village, NULL, 10) : 0;
        in->jobs_created = jobs && *jobs ? strtoll(jobs, NULL, 10) : 0;
        in->legal_rep_member_id = organisation_member_by_id_number(r->db, req_form(r, "legal_rep_id_number"));
        if (posted_members(req_form(r, "members"), in, &e) == 0)
            id = organisation_create(r->db, &r->user, in, &e);
    }
    free(in);
    if (id < 0) {
        organisations_page(r, &e);
        r->status = e.status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/organisations/%lld?ok=created", (long long)id);
    reply_redirect(r, loc);
}

/* One member household as a list item with a link to its page. */
static void member_item(const struct org_member *m, void *ctx)
{
    struct req *r = ctx;
    char href[HTML_HREF_SIZE];
    snprintf(href, sizeof href, "/households/%lld", (long long)m->household_id);
    html_raw(r, "<li>");
    html_link(r, href, m->head);
    html_printf(r, "（%s，家庭第 %lld 号）</li>", m->village, (long long)m->household_id);
}

/* One application of the organisation. */
static void application_row(const struct loan_row *l, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td class=\"num\"><a href=\"/loans/%lld\">%lld</a></td><td>%s · %s</td><td class=\"num\">",
                (long long)l->id, (long long)l->id, project_type_name(l->project_type), l->project_name);
    html_money(r, l->amount_fen);
    html_printf(r, "</td><td class=\"num\">%d</td><td>%s</td></tr>", l->term_months, loan_state_name(l->state));
}

void page_organisation_show(struct req *r)
{
    struct organisation o;
    struct err e = {0};
    if (organisation_get(r->db, &r->user, r->id[0], &o, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    html_begin(r, o.name);
    html_printf(r, "<h1>%s</h1>", o.name);
    html_flash(r);
    char href[HTML_HREF_SIZE];
    snprintf(href, sizeof href, "/households/%lld", (long long)o.legal_rep_household_id);
    html_printf(r, "<dl class=\"facts\"><dt>类别</dt><dd>%s</dd><dt>统一社会信用代码</dt><dd>%s</dd><dt>所在村</dt>"
                   "<dd>%s</dd><dt>法定代表人</dt><dd>",
                org_kind_name(o.kind), o.credit_code, o.village);
    html_link(r, href, o.legal_rep);
    html_printf(r, "</dd><dt>带动就业</dt><dd>%lld 人</dd></dl><h2>成员家庭（%d 户）</h2><ul>", (long long)o.jobs_created,
                o.nmembers);
    if (organisation_members(r->db, o.id, member_item, r, &e) < 0)
        html_form_error(r, &e);
    html_raw(r, "</ul><h2>贷款申请</h2>");
    if (route_allowed("GET", "/loans/new", r->user.role))
        html_printf(r, "<p><a class=\"button\" href=\"/loans/new?organisation_id=%lld\">申请贷款</a></p>", (long long)o.id);
    struct loan_filter f = {.state = -1, .organisation_id = o.id, .limit = 100};
    html_raw(r, "<table class=\"list\"><thead><tr><th class=\"num\">编号</th><th>项目</th><th class=\"num\">金额（元）</th>"
                "<th class=\"num\">期限（月）</th><th>状态</th></tr></thead><tbody>");
    int64_t total = loan_list(r->db, &r->user, &f, r->today, application_row, r, &e);
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &e);
    else if (total > f.limit)
        html_printf(r, "<p>共 %lld 笔，此处列出最近的 %d 笔。</p>", (long long)total, f.limit);
    html_end(r);
}
