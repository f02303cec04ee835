/* page_accounts.c: the administrator's chart of accounts (/admin/accounts): every account with its
   code and name editable, a form to add one, and the mapping of each money event to its debit and
   credit account, also editable. */
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "form.h"
#include "handlers.h"
#include "html.h"

/* The page being drawn, and the account or event whose form was refused (0 / NULL: none). */
struct chart_page {
    struct req *r;
    int64_t refused_id;
    const char *refused_event;
};

/* One account's row: its category, and its code and name in a form of their own. */
static void account_row(const struct account *a, void *ctx)
{
    struct chart_page *p = ctx;
    struct req *r = p->r;
    char suffix[48];
    snprintf(suffix, sizeof suffix, "/admin/accounts/%lld", (long long)a->id);
    html_printf(r, "<tr><td>%s</td><td><form method=\"post\" action=\"%s\" class=\"inline\">",
                account_category_name(a->category), suffix);
    html_csrf(r);
    html_printf(r,
                "<input name=\"code\" required maxlength=\"12\" inputmode=\"numeric\" size=\"8\" "
                "aria-label=\"科目编号\" value=\"%s\">",
                form_echo(r, suffix, "code", a->code));
    if (p->refused_id == a->id)
        form_field_error(r, "code");
    html_printf(r, "<input name=\"name\" required maxlength=\"40\" aria-label=\"科目名称\" value=\"%s\">",
                form_echo(r, suffix, "name", a->name));
    if (p->refused_id == a->id)
        form_field_error(r, "name");
    html_raw(r, "<button class=\"link\">保存</button></form></td></tr>");
}

/* A <select> of every account, the one with code `chosen` selected. */
struct account_select {
    struct req *r;
    const char *chosen;
};

/* One <option> of the account select. */
static void account_option(const struct account *a, void *ctx)
{
    struct account_select *s = ctx;
    html_printf(s->r, "<option value=\"%s\"%s>%s %s</option>", a->code, strcmp(a->code, s->chosen) ? "" : " selected",
                a->code, a->name);
}

/* One event's mapping: its name and words, and a form choosing its debit and credit account. */
static void rule_row(const struct voucher_rule *x, void *ctx)
{
    struct chart_page *p = ctx;
    struct req *r = p->r;
    char suffix[64];
    snprintf(suffix, sizeof suffix, "/admin/voucher-rules/%s", x->event);
    html_printf(r,
                "<tr><td>%s<br><span class=\"muted\">摘要：%s</span></td><td><form method=\"post\" action=\"%s\" "
                "class=\"inline\">",
                voucher_event_name(x->event), x->summary, suffix);
    html_csrf(r);
    struct account_select s = {r, form_echo(r, suffix, "debit_code", x->debit_code)};
    html_raw(r, "<label>借<select name=\"debit_code\">");
    account_list(r->db, account_option, &s);
    html_raw(r, "</select></label>");
    s.chosen = form_echo(r, suffix, "credit_code", x->credit_code);
    html_raw(r, "<label>贷<select name=\"credit_code\">");
    account_list(r->db, account_option, &s);
    html_raw(r, "</select></label>");
    if (p->refused_event && strcmp(p->refused_event, x->event) == 0)
        form_field_error(r, "credit_code");
    html_raw(r, "<button class=\"link\">保存</button></form></td></tr>");
}

/* The chart page, with e after a refused form. */
static void chart_page(struct req *r, const struct err *e, int64_t refused_id, const char *refused_event)
{
    struct chart_page p = {r, refused_id, refused_event};
    html_begin(r, "会计科目");
    html_raw(r, "<h1>会计科目</h1><p class=\"muted\">按《民间非营利组织会计制度》设置的一级科目，可修改编号和名称，"
                "也可增设明细科目（如 100201 银行存款—担保基金户）。记账凭证和试算平衡表按这里的科目生成。</p>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(
        r,
        "<h2>资金事项的记账规则</h2><p class=\"muted\">每笔资金收支生成一张记账凭证：借记左边的科目，贷记右边的科目；"
        "冲正生成红字凭证。凭证由资金账即时生成，修改规则后，以前月份的凭证也按新规则显示，请在导出入账前确定。</p>"
        "<table class=\"list\"><thead><tr><th>资金事项</th><th>借方 / 贷方科目</th></tr></thead><tbody>");
    voucher_rule_list(r->db, rule_row, &p);
    html_raw(r, "</tbody></table><h2>科目表</h2><table class=\"list\"><thead><tr><th>类别</th><th>编号和名称</th></tr>"
                "</thead><tbody>");
    account_list(r->db, account_row, &p);
    html_raw(r, "</tbody></table><h2>增设科目</h2><form method=\"post\" action=\"/admin/accounts\" class=\"grid\">");
    html_csrf(r);
    html_printf(r,
                "<label>科目编号<input name=\"code\" required maxlength=\"12\" inputmode=\"numeric\" "
                "placeholder=\"100201\" value=\"%s\">",
                form_echo(r, "/admin/accounts", "code", ""));
    if (!refused_id && !refused_event)
        form_field_error(r, "code");
    html_printf(
        r,
        "</label><label>科目名称<input name=\"name\" required maxlength=\"40\" placeholder=\"银行存款—担保基金户\" "
        "value=\"%s\">",
        form_echo(r, "/admin/accounts", "name", ""));
    if (!refused_id && !refused_event)
        form_field_error(r, "name");
    html_raw(r, "</label><label>类别<select name=\"category\" required><option value=\"\">请选择</option>");
    static const char *const cats[] = {"asset", "liability", "net_assets", "income", "expense"};
    const char *chosen = form_echo(r, "/admin/accounts", "category", "");
    for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", cats[i], strcmp(cats[i], chosen) ? "" : " selected",
                    account_category_name(cats[i]));
    html_raw(r, "</select>");
    if (!refused_id && !refused_event)
        form_field_error(r, "category");
    html_raw(r, "</label><p><button class=\"primary\">增设</button></p></form>");
    html_end(r);
}

void page_accounts(struct req *r)
{
    chart_page(r, NULL, 0, NULL);
}

void page_accounts_create(struct req *r)
{
    struct err e = {0};
    if (account_create(r->db, &r->user, req_form(r, "code"), req_form(r, "name"), req_form(r, "category"), &e) < 0) {
        chart_page(r, &e, 0, NULL);
        r->status = e.status;
        return;
    }
    reply_redirect(r, "/admin/accounts?ok=created");
}

void page_accounts_update(struct req *r)
{
    struct err e = {0};
    if (account_update(r->db, &r->user, r->id[0], req_form(r, "code"), req_form(r, "name"), &e) != 0) {
        if (e.status == 404) {
            reply_error(r, &e);
            return;
        }
        chart_page(r, &e, r->id[0], NULL);
        r->status = e.status;
        return;
    }
    reply_redirect(r, "/admin/accounts?ok=updated");
}

void page_voucher_rule_update(struct req *r)
{
    struct err e = {0};
    if (voucher_rule_set(r->db, &r->user, r->str, req_form(r, "debit_code"), req_form(r, "credit_code"), &e) != 0) {
        if (e.status == 404) {
            reply_error(r, &e);
            return;
        }
        chart_page(r, &e, 0, r->str);
        r->status = e.status;
        return;
    }
    reply_redirect(r, "/admin/accounts?ok=updated");
}
