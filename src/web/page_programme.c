/* page_programme.c: the programmes pages: the list with the administrator's form, one programme
   with its amounts and rolls, and the form that computes a roll for a unit and a year. Thin over
   programme.c and roll.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "money.h"
#include "more_sheets.h"
#include "report_scope.h"
#include "roll.h"
#include "routes.h"
#include "unit.h"

/* The rules of a programme in words (more_programme_rules), or a note when they could not be put in words. */
static void rules_text(struct req *r, const struct programme *p)
{
    char words[MORE_RULES_TEXT_SIZE];
    html_text(r, more_programme_rules(p, words) ? words : "（条件过长，无法显示）");
}

/* One line of the programmes table. */
static void programme_line(const struct programme *p, void *ctx)
{
    struct req *r = ctx;
    char on[11], amount[MONEY_TEXT_SIZE];
    int64_t fen = programme_amount_on(r->db, p->id, date_format(r->today, on));
    html_printf(r, "<tr><td><a href=\"/programmes/%lld\">", (long long)p->id);
    html_text(r, p->name);
    html_printf(r, "</a>%s</td><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>", p->active ? "" : "（停用）",
                programme_beneficiary_name(p->beneficiary), programme_period_name(p->period),
                fen ? money_format(fen, amount, sizeof amount) : "—");
    html_text(r, p->fund_name);
    html_raw(r, "</td><td>");
    rules_text(r, p);
    html_raw(r, "</td></tr>");
}

/* A select of fixed choices with no default (an irreversible choice): value chosen, or 请选择. */
static void choice(struct req *r, const char *label, const char *name, const char *const (*opts)[2], int n,
                   const char *value)
{
    html_printf(r, "<label>%s<select name=\"%s\" required><option value=\"\">请选择</option>", label, name);
    for (int i = 0; i < n; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", opts[i][0], value && !strcmp(value, opts[i][0]) ? " selected" : "",
                    opts[i][1]);
    html_raw(r, "</select>");
    form_field_error(r, name);
    html_raw(r, "</label>");
}

/* One <option> per fund in the actor's scope. */
static void fund_option(const struct relief_fund *f, void *ctx)
{
    struct req *r = ctx;
    const char *chosen = form_echo(r, "/programmes", "fund_id", "");
    html_printf(r, "<option value=\"%lld\"%s>", (long long)f->id, atoll(chosen) == f->id ? " selected" : "");
    html_text(r, f->name);
    html_raw(r, "</option>");
}

/* The administrator's form defining a programme. */
static void programme_form(struct req *r)
{
    static const char *const beneficiaries[][2] = {{"person", "个人"}, {"household", "家庭"}};
    static const char *const periods[][2] = {{"year", "每年"}, {"month", "每月"}, {"once", "一次性"}};
    static const char *const sexes[][2] = {{"M", "男"}, {"F", "女"}};
    static const char *const hukous[][2] = {{"rural", "农业"}, {"urban", "非农业"}};
    const char *f = "/programmes";
    html_printf(r, "<details%s><summary>新建扶助项目</summary><form method=\"post\" action=\"/programmes\" class=\"grid\">",
                form_posted(r, f) ? " open" : "");
    html_csrf(r);
    form_input(r, "/programmes", "项目名称", "name", "name", "required maxlength=\"40\"", "");
    choice(r, "发放对象", "beneficiary", beneficiaries, 2, form_echo(r, f, "beneficiary", NULL));
    choice(r, "发放周期", "period", periods, 3, form_echo(r, f, "period", NULL));
    form_input(r, "/programmes", "标准金额（元/期）", "amount", "amount_fen", "required inputmode=\"decimal\"", "");
    form_input(r, "/programmes", "执行日期", "effective_from", "effective_from", "type=\"date\" required", "");
    html_raw(r, "<label>支付资金<select name=\"fund_id\" required><option value=\"\">请选择</option>");
    relief_fund_list(r->db, &r->user, fund_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "fund_id");
    html_raw(r, "</label><fieldset><legend>家庭类别（符合其一即可；不选为不限）</legend><div class=\"checks\">");
    for (int c = 0; c < HC__MAX; c++)
        html_printf(r, "<label><input type=\"checkbox\" name=\"category\" value=\"%s\"%s>%s</label>", hh_category_code(c),
                    form_echo_checked(r, f, "category", hh_category_code(c), 0) ? " checked" : "", hh_category_name(c));
    html_raw(r, "</div></fieldset>");
    form_input(r, "/programmes", "最低年龄（可不填）", "min_age", "rules.min_age", "inputmode=\"numeric\" maxlength=\"3\"", "");
    form_input(r, "/programmes", "最高年龄（可不填）", "max_age", "rules.max_age", "inputmode=\"numeric\" maxlength=\"3\"", "");
    form_input(r, "/programmes", "年龄计算日（月-日，默认 12-31）", "age_on", "rules.age_on", "maxlength=\"5\" placeholder=\"12-31\"", "");
    html_raw(r, "<label>性别<select name=\"sex\"><option value=\"\">不限</option>");
    for (int i = 0; i < 2; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", sexes[i][0],
                    !strcmp(form_echo(r, f, "sex", ""), sexes[i][0]) ? " selected" : "", sexes[i][1]);
    html_raw(r, "</select></label><label>户籍<select name=\"hukou\"><option value=\"\">不限</option>");
    for (int i = 0; i < 2; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", hukous[i][0],
                    !strcmp(form_echo(r, f, "hukou", ""), hukous[i][0]) ? " selected" : "", hukous[i][1]);
    html_raw(r, "</select></label><fieldset><legend>与户主关系（不选为不限）</legend><div class=\"checks\">");
    for (int k = 0; k < PROGRAMME_RELATIONS_MAX; k++)
        html_printf(r, "<label><input type=\"checkbox\" name=\"relation\" value=\"%s\"%s>%s</label>",
                    programme_relation_names[k],
                    form_echo_checked(r, f, "relation", programme_relation_names[k], 0) ? " checked" : "",
                    programme_relation_names[k]);
    html_printf(r, "</div></fieldset><label><input type=\"checkbox\" name=\"alive_resident\" value=\"1\"%s>"
                   "参照日须健在且未迁出</label><p><button class=\"primary\">保存项目</button></p></form></details>",
                form_echo_checked(r, f, "alive_resident", "1", 1) ? " checked" : "");
}

/* The list of programmes, with the form for those who may define them; e after a refusal. */
static void programmes_page(struct req *r, const struct err *e)
{
    html_begin(r, "扶助项目");
    html_raw(r, "<h1>扶助项目</h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>项目</th><th>对象</th><th>周期</th>"
                "<th class=\"num\">现行标准（元）</th><th>资金</th><th>条件</th></tr></thead><tbody>");
    int n = programme_list(r->db, &r->user, programme_line, r);
    html_raw(r, "</tbody></table></div>");
    if (n == 0)
        html_raw(r, "<p class=\"muted\">还没有扶助项目。</p>");
    if (n > PROGRAMME_LIST_MAX)
        html_printf(r, "<p class=\"muted\">只列出前 %d 个项目（共 %d 个）。</p>", PROGRAMME_LIST_MAX, n);
    report_format_links(r, "/programmes", NULL);
    html_raw(r, "<p><a href=\"/rolls\">全部资格确认名册</a>");
    if (html_may_open(r, "/campaigns"))
        html_raw(r, " · <a href=\"/campaigns\">帮扶活动（双千帮扶等）</a>");
    html_raw(r, "</p>");
    if (route_allowed("POST", "/programmes", r->user.role))
        programme_form(r);
    html_end(r);
}

void page_programmes(struct req *r)
{
    if (!list_export_if_asked(r, more_programmes_sheet, NULL, "programmes.csv"))
        programmes_page(r, NULL);
}

/* An optional whole number of a form field: -1 when empty, 1000 (refused) when not a number. */
static int form_age(struct req *r, const char *name)
{
    const char *v = req_form(r, name);
    char *end;
    if (!v || !*v)
        return -1;
    long n = strtol(v, &end, 10);
    return *end || n < 0 || n > 150 ? 1000 : (int)n;
}

void page_programmes_create(struct req *r)
{
    struct programme_input in = {.name = req_form(r, "name"), .beneficiary = req_form(r, "beneficiary"),
                                 .period = req_form(r, "period"), .effective_from = req_form(r, "effective_from"),
                                 .fund_id = atoll(req_form(r, "fund_id") ? req_form(r, "fund_id") : "0"),
                                 .min_age = form_age(r, "min_age"), .max_age = form_age(r, "max_age"),
                                 .age_on = req_form(r, "age_on"), .sex = req_form(r, "sex"),
                                 .hukou = req_form(r, "hukou"), .alive_resident = req_form(r, "alive_resident") != NULL};
    const char *v;
    for (int i = 0; (v = req_form_nth(r, "category", i)); i++)
        if (hh_category_parse(v) >= 0)
            in.categories |= 1u << hh_category_parse(v);
    for (int i = 0; (v = req_form_nth(r, "relation", i)); i++)
        if (programme_relation(v) >= 0)
            in.relations |= 1u << programme_relation(v);
    struct err e = {0};
    int64_t id = -1;
    if (money_parse(req_form(r, "amount") ? req_form(r, "amount") : "", &in.amount_fen) != 0)
        err_set(&e, 422, "invalid_amount", "amount_fen", "标准金额格式不正确（元，最多两位小数）");
    else
        id = programme_create(r->db, &r->user, &in, r->today, &e);
    if (id < 0) {
        programmes_page(r, &e);
        r->status = e.status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/programmes/%lld?ok=created", (long long)id);
    reply_redirect(r, loc);
}

/* One line of a rolls table. */
static void roll_line(const struct roll *x, void *ctx)
{
    struct req *r = ctx;
    char total[MONEY_TEXT_SIZE], paid[MONEY_TEXT_SIZE];
    html_printf(r, "<tr><td><a href=\"/rolls/%lld\">%d 年 · ", (long long)x->id, x->year);
    html_text(r, x->unit_name);
    html_raw(r, "</a></td><td>");
    html_text(r, x->programme);
    html_printf(r, "</td><td>%s</td><td class=\"num\">%lld</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
                roll_state_name(x->state), (long long)(x->n_new + x->n_continued + x->n_added),
                money_format(x->total_fen, total, sizeof total), money_format(x->paid_fen, paid, sizeof paid));
}

/* A table of the rolls in scope (of one programme, or all). */
static void rolls_table(struct req *r, int64_t programme_id)
{
    html_raw(r, "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>名册</th><th>项目</th><th>状态</th>"
                "<th class=\"num\">人数</th><th class=\"num\">金额（元）</th><th class=\"num\">已发放（元）</th>"
                "</tr></thead><tbody>");
    int64_t n = roll_list(r->db, &r->user, programme_id, roll_line, r);
    html_raw(r, "</tbody></table></div>");
    if (n == 0)
        html_raw(r, "<p class=\"muted\">还没有资格确认名册。</p>");
    if (n > ROLL_LIST_MAX)
        html_printf(r, "<p class=\"muted\">只列出最近 %d 本名册（共 %lld 本）。</p>", ROLL_LIST_MAX, (long long)n);
}

void page_rolls(struct req *r)
{
    int64_t all = 0;
    if (list_export_if_asked(r, more_rolls_sheet, &all, "rolls.csv"))
        return;
    html_begin(r, "资格确认名册");
    html_raw(r, "<h1>资格确认名册</h1>");
    rolls_table(r, 0);
    report_format_links(r, "/rolls", NULL);
    html_end(r);
}

/* One <option> per township or village in scope for a roll. */
static void unit_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    if (!strcmp(u->kind, "district"))
        return;
    html_printf(r, "<option value=\"%lld\"%s>%s", (long long)u->id,
                atoll(form_echo(r, "/rolls", "unit_id", "")) == u->id ? " selected" : "",
                strcmp(u->kind, "village") ? "" : "　");
    html_text(r, u->name);
    html_raw(r, "</option>");
}

/* One programme: rules, amounts, its rolls and the form computing a roll; e after a refusal. */
static void programme_page(struct req *r, const struct programme *p, const struct err *e)
{
    char title[PROGRAMME_NAME_SIZE + 16];
    snprintf(title, sizeof title, "扶助项目 · %s", p->name);
    html_begin(r, title);
    html_raw(r, "<h1>");
    html_text(r, p->name);
    html_raw(r, "</h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_printf(r, "<dl class=\"facts\"><dt>发放对象</dt><dd>%s</dd><dt>发放周期</dt><dd>%s</dd><dt>支付资金</dt><dd>",
                programme_beneficiary_name(p->beneficiary), programme_period_name(p->period));
    html_text(r, p->fund_name);
    html_raw(r, "</dd><dt>条件</dt><dd>");
    rules_text(r, p);
    html_raw(r, "</dd><dt>标准</dt><dd>");
    json_t *j = programme_json(r->db, p), *a;
    size_t i;
    json_array_foreach(json_object_get(j, "amounts"), i, a)
    {
        char amount[MONEY_TEXT_SIZE], words[MONEY_CAPITAL_SIZE];
        int64_t fen = json_integer_value(json_object_get(a, "amount_fen"));
        html_printf(r, "%s 起 %s 元", json_string_value(json_object_get(a, "effective_from")),
                    money_format(fen, amount, sizeof amount));
        if (money_capital(fen, words, sizeof words) == 0)
            html_printf(r, "（%s）", words);
        html_raw(r, "<br>");
    }
    json_decref(j);
    html_raw(r, "</dd></dl><h2>资格确认名册</h2>");
    rolls_table(r, p->id);
    char action[64];
    snprintf(action, sizeof action, "/programmes/%lld/rolls", (long long)p->id);
    if (route_allowed("POST", action, r->user.role)) {
        html_printf(r, "<form method=\"post\" action=\"%s\" class=\"grid\"><h3>建立名册</h3>", action);
        html_csrf(r);
        html_printf(r, "<label>年度<input name=\"year\" required inputmode=\"numeric\" maxlength=\"4\" value=\"%s\">",
                    form_echo(r, "/rolls", "year", ""));
        form_field_error(r, "year");
        html_raw(r, "</label><label>单位<select name=\"unit_id\" required><option value=\"\">请选择镇或村</option>");
        unit_list(r->db, r->user.unit_path, NULL, unit_option, r);
        html_raw(r, "</select>");
        form_field_error(r, "unit_id");
        html_raw(r, "</label><p><button class=\"primary\">按登记信息计算名册</button></p></form>");
    }
    html_end(r);
}

void page_programme_show(struct req *r)
{
    struct programme p;
    struct err e = {0};
    if (programme_get(r->db, &r->user, r->id[0], &p, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    programme_page(r, &p, NULL);
}

void page_rolls_create(struct req *r)
{
    struct err e = {0};
    const char *year = req_form(r, "year"), *unit = req_form(r, "unit_id");
    int64_t id = roll_create(r->db, &r->user, r->id[0], year ? atoi(year) : 0, unit ? atoll(unit) : 0, r->today, &e);
    if (id < 0) {
        struct programme p;
        struct err pe = {0};
        if (programme_get(r->db, &r->user, r->id[0], &p, &pe) != 0) {
            reply_error(r, &pe);
            return;
        }
        programme_page(r, &p, &e);
        r->status = e.status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/rolls/%lld?ok=created", (long long)id);
    reply_redirect(r, loc);
}
