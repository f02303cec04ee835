/* page_campaigns.c: the campaigns pages (帮扶活动): the list with each campaign's progress and the
   form creating one, and one campaign's progress by unit. Thin over campaign.c; the tables are the
   sheets of campaign_sheet.c, so the page, the exports and the API show the same figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign_sheet.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "money.h"
#include "report_scope.h"
#include "routes.h"
#include "unit.h"

/* One <option> per programme the actor reaches. */
static void programme_option(const struct programme *p, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<option value=\"%lld\"%s>", (long long)p->id,
                atoll(form_echo(r, "/campaigns", "programme_id", "")) == p->id ? " selected" : "");
    html_text(r, p->name);
    html_raw(r, "</option>");
}

/* One <option> per district or township in scope. */
static void unit_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    if (!strcmp(u->kind, "village"))
        return;
    html_printf(r, "<option value=\"%lld\"%s>%s", (long long)u->id,
                atoll(form_echo(r, "/campaigns", "unit_id", "")) == u->id ? " selected" : "",
                strcmp(u->kind, "district") ? "　" : "");
    html_text(r, u->name);
    html_raw(r, strcmp(u->kind, "district") ? "</option>" : "（全区）</option>");
}

/* A labelled input kept after a refusal, with the refusal about field below it. */
static void field(struct req *r, const char *label, const char *name, const char *field_name, const char *extra)
{
    html_printf(r, "<label>%s", label);
    html_raw_printf(r, "<input name=\"%s\" %s value=\"", name, extra);
    html_text(r, form_echo(r, "/campaigns", name, ""));
    html_raw(r, "\">");
    form_field_error(r, field_name);
    html_raw(r, "</label>");
}

/* The form creating a campaign. */
static void campaign_form(struct req *r)
{
    html_printf(r, "<details%s><summary>新建帮扶活动</summary><form method=\"post\" action=\"/campaigns\" class=\"grid\">",
                form_posted(r, "/campaigns") ? " open" : "");
    html_csrf(r);
    field(r, "活动名称", "name", "name", "required maxlength=\"40\" placeholder=\"双千帮扶\"");
    html_raw(r, "<label>范围<select name=\"unit_id\" required><option value=\"\">请选择</option>");
    unit_list(r->db, r->user.unit_path, NULL, unit_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "unit_id");
    html_raw(r, "</label><label>扶助项目（计入其发放）<select name=\"programme_id\" required><option value=\"\">请选择</option>");
    programme_list(r->db, &r->user, programme_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "programme_id");
    html_raw(r, "</label>");
    field(r, "目标户数", "target_households", "target_households", "required inputmode=\"numeric\" maxlength=\"8\"");
    field(r, "每户最低金额（元）", "min_amount", "min_amount_fen", "required inputmode=\"decimal\"");
    field(r, "开始日期", "from", "from", "type=\"date\" required");
    field(r, "结束日期", "to", "to", "type=\"date\" required");
    html_raw(r, "<p><button class=\"primary\">保存活动</button></p></form></details>");
}

/* One line of the campaigns table. */
static void campaign_line(const struct campaign *c, void *ctx)
{
    struct req *r = ctx;
    char rate[16], min[MONEY_TEXT_SIZE];
    html_printf(r, "<tr><td><a href=\"/campaigns/%lld\">", (long long)c->id);
    html_text(r, c->name);
    html_raw(r, "</a></td><td>");
    html_text(r, c->unit_name);
    html_printf(r, "</td><td>%s 至 %s</td><td class=\"num\">", c->from, c->to);
    html_count(r, c->target_households);
    html_printf(r, "</td><td class=\"num\">%s</td><td class=\"num\">", money_format(c->min_amount_fen, min, sizeof min));
    html_count(r, c->households_reached);
    html_printf(r, "</td><td class=\"num\">%s</td><td class=\"num\">", campaign_rate(c, rate));
    html_money(r, c->amount_fen);
    html_raw(r, "</td></tr>");
}

/* The list of campaigns with the form for those who may create one; e after a refusal. */
static void campaigns_page(struct req *r, const struct err *e)
{
    html_begin(r, "帮扶活动");
    html_raw(r, "<h1>帮扶活动</h1><p class=\"muted\">一户在活动期内从所选扶助项目累计得到的发放（救助凭证未作废的、名册已代发的，"
                "不论由哪一级的批次或名册发放）达到每户最低金额，即计为达标。</p>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>活动</th><th>范围</th><th>期间</th>"
                "<th class=\"num\">目标户数</th><th class=\"num\">每户最低（元）</th><th class=\"num\">已达标户数</th>"
                "<th class=\"num\">完成率</th><th class=\"num\">帮扶金额（元）</th></tr></thead><tbody>");
    char today[11];
    int n = campaign_list(r->db, &r->user, NULL, NULL, date_format(r->today, today), campaign_line, r);
    html_raw(r, "</tbody></table></div>");
    if (n < 0)
        html_raw(r, "<p class=\"error\">读取帮扶活动失败，请稍后再试。</p>");
    if (n == 0)
        html_raw(r, "<p class=\"muted\">还没有帮扶活动。</p>");
    if (n > CAMPAIGN_LIST_MAX)
        html_printf(r, "<p class=\"muted\">只列出最近 %d 个活动（共 %d 个）。</p>", CAMPAIGN_LIST_MAX, n);
    report_format_links(r, "/campaigns", NULL);
    if (route_allowed("POST", "/campaigns", r->user.role))
        campaign_form(r);
    html_end(r);
}

void page_campaigns(struct req *r)
{
    if (!list_export_if_asked(r, campaign_list_sheet, NULL, "campaigns.csv"))
        campaigns_page(r, NULL);
}

void page_campaigns_create(struct req *r)
{
    struct campaign_input in = {.name = req_form(r, "name"), .from = req_form(r, "from"), .to = req_form(r, "to"),
                                .programme_id = atoll(req_form(r, "programme_id") ? req_form(r, "programme_id") : "0"),
                                .unit_id = atoll(req_form(r, "unit_id") ? req_form(r, "unit_id") : "0")};
    const char *target = req_form(r, "target_households");
    char *end = NULL;
    in.target_households = target && *target ? strtoll(target, &end, 10) : 0;
    if (end && *end)
        in.target_households = 0; /* refused by the domain's check */
    struct err e = {0};
    int64_t id = -1;
    if (money_parse(req_form(r, "min_amount") ? req_form(r, "min_amount") : "", &in.min_amount_fen) != 0)
        err_set(&e, 422, "invalid_amount", "min_amount_fen", "每户最低金额格式不正确（元，最多两位小数）");
    else
        id = campaign_create(r->db, &r->user, &in, &e);
    if (id < 0) {
        campaigns_page(r, &e);
        r->status = e.status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/campaigns/%lld?ok=created", (long long)id);
    reply_redirect(r, loc);
}

/* One campaign: its terms and progress by unit (the sheet as a table). */
static void campaign_page(struct req *r, const struct campaign *c)
{
    char title[CAMPAIGN_NAME_SIZE + 16], min[FORM_MONEY_SIZE], rate[16], base[48];
    snprintf(title, sizeof title, "帮扶活动 · %s", c->name);
    html_begin(r, title);
    html_raw(r, "<h1>");
    html_text(r, c->name);
    html_raw(r, "</h1>");
    html_flash(r);
    html_raw(r, "<dl class=\"facts\"><dt>范围</dt><dd>");
    html_text(r, c->unit_name);
    html_raw(r, "</dd><dt>扶助项目</dt><dd>");
    html_text(r, c->programme);
    html_printf(r, "</dd><dt>期间</dt><dd>%s 至 %s（统计至 %s）</dd><dt>目标</dt><dd>", c->from, c->to, c->as_of);
    html_count(r, c->target_households);
    html_printf(r, " 户，每户不少于 %s</dd><dt>进度</dt><dd>已达标 ", form_money(c->min_amount_fen, min, sizeof min));
    html_count(r, c->households_reached);
    html_printf(r, " 户，完成率 %s<progress max=\"%lld\" value=\"%lld\"></progress></dd></dl>", campaign_rate(c, rate),
                (long long)c->target_households,
                (long long)(c->households_reached < c->target_households ? c->households_reached : c->target_households));
    if (!c->complete)
        html_raw(r, "<p class=\"muted\">以下仅为您管辖范围内的部分。</p>");
    struct sheet s;
    if (campaign_sheet(r, c, &s) == 0) {
        html_raw(r, "<h2>按单位</h2><div class=\"scroll\">");
        sheet_html(r, &s);
        html_raw(r, "</div>");
    } else {
        html_raw(r, "<p class=\"error\">进度表生成失败，请稍后再试。</p>");
    }
    sheet_free(&s);
    snprintf(base, sizeof base, "/campaigns/%lld", (long long)c->id);
    report_format_links(r, base, NULL);
    html_end(r);
}

void page_campaign_show(struct req *r)
{
    struct err e = {0};
    struct campaign *c = malloc(sizeof *c);
    if (!c)
        err_set(&e, 500, "internal_error", NULL, "内存不足");
    if (!c || campaign_get(r->db, &r->user, r->id[0], c, &e) != 0)
        reply_error(r, &e);
    else if (!list_export_if_asked(r, campaign_sheet, c, "campaign.csv"))
        campaign_page(r, c);
    free(c);
}
