/* page_household.c: the household pages: search list, registration form, detail with members,
   edit, add member. Thin over household.c; resident IDs masked unless the role may see them
   and the user asks (each such view is audited). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "household.h"
#include "household_change.h"
#include "html.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "page_relief.h"
#include "masking.h"
#include "part_sheets.h"
#include "loan.h"
#include "money.h"
#include "unit.h"

/* Context for the village <select>: the current choice. */
struct village_select {
    struct req *r;
    int64_t selected;
};

/* One <option> per village. */
static void village_option(const struct unit *u, void *ctx)
{
    struct village_select *vs = ctx;
    html_printf(vs->r, "<option value=\"%lld\"%s>", (long long)u->id, u->id == vs->selected ? " selected" : "");
    html_text(vs->r, u->parent_name);
    html_raw(vs->r, " · ");
    html_text(vs->r, u->name);
    html_raw(vs->r, "</option>");
}

/* A <select name=village_id> of the villages in the user's scope; first 全部村 (allow_any) or a
   请选择村 that must be changed (no village is chosen for the user). */
static void village_select(struct req *r, int64_t selected, int allow_any)
{
    struct village_select vs = {r, selected};
    html_raw(r, allow_any ? "<select name=\"village_id\"><option value=\"\">全部村</option>"
                          : "<select name=\"village_id\" required><option value=\"\">请选择村</option>");
    unit_list(r->db, r->user.unit_path, "village", village_option, &vs);
    html_raw(r, "</select>");
}

/* Category names separated by 、 */
static void category_names(struct req *r, unsigned cats)
{
    int first = 1;
    for (int c = 0; c < HC__MAX; c++)
        if (cats & (1u << c)) {
            html_raw(r, first ? "" : "、");
            html_text(r, hh_category_name(c));
            first = 0;
        }
}

/* One search result row. */
static void household_row(const struct household_row *h, void *ctx)
{
    struct req *r = ctx;
    char masked[32];
    html_printf(r, "<tr><td><a href=\"/households/%lld\">", (long long)h->id);
    html_text(r, h->head_name);
    html_raw(r, "</a></td><td class=\"mono\">");
    html_text(r, mask_id(h->head_id_number, masked, sizeof masked));
    html_raw(r, "</td><td>");
    html_text(r, h->village_name);
    html_raw(r, "</td><td>");
    category_names(r, h->categories);
    html_printf(r, "</td><td>%s</td><td class=\"num\">%d</td></tr>", h->policy_compliant ? "是" : "否", h->nmembers);
}

void page_household_list(struct req *r)
{
    struct household_filter f = {.q = req_query(r, "q"), .village_id = req_query_int(r, "village_id", 0),
                                 .category = hh_category_parse(req_query(r, "category"))};
    html_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, record_households_sheet, &f, "households.csv"))
        return;
    html_begin(r, "家庭档案");
    html_raw(r, "<div class=\"titlebar\"><h1>家庭档案</h1>");
    if (r->user.role == ROLE_ADMIN || r->user.role == ROLE_ASSOCIATION || r->user.role == ROLE_VILLAGE)
        html_raw(r, "<a class=\"button primary\" href=\"/households/new\">登记家庭</a>");
    if (html_may_open(r, "/households/category-changes"))
        html_raw(r, " <a class=\"button\" href=\"/households/category-changes\">类别审批（失独、伤残）</a>");
    html_raw(r, "</div>");
    html_flash(r);
    html_raw(r, "<form class=\"search\" method=\"get\" action=\"/households\">"
                "<label>姓名或身份证号<input name=\"q\" type=\"search\" value=\"");
    html_text(r, f.q);
    html_raw(r, "\"></label><label>村");
    village_select(r, f.village_id, 1);
    html_raw(r, "</label><label>家庭类别<select name=\"category\"><option value=\"\">全部</option>");
    for (int c = 0; c < HC__MAX; c++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", hh_category_code(c), c == f.category ? " selected" : "",
                    hh_category_name(c));
    html_raw(r, "</select></label><button>搜索</button></form>");
    html_raw(r, "<table class=\"list\"><thead><tr><th>户主</th><th>身份证号</th><th>村</th><th>家庭类别</th>"
                "<th>符合政策</th><th class=\"num\">人数</th></tr></thead><tbody>");
    struct err e = {0};
    int64_t total = household_search(r->db, &r->user, &f, household_row, r, &e);
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &e);
    else
        html_pager(r, total, f.limit, f.offset, f.q && *f.q ? HOUSEHOLD_COUNT_CAP : 0);
    report_format_links(r, "/households", NULL);
    html_end(r);
}

/* Reads the registration form into in (values point into the request). */
static void household_form_read(struct req *r, struct household_input *in)
{
    memset(in, 0, sizeof *in);
    const char *v = req_form(r, "village_id");
    in->village_id = v ? strtoll(v, NULL, 10) : 0;
    in->head.name = req_form(r, "head_name");
    in->head.id_number = req_form(r, "head_id_number");
    in->head.phone = req_form(r, "head_phone");
    in->head.sex = req_form(r, "head_sex");
    in->head.status = (struct member_status_input){.hukou = req_form(r, "head_hukou"),
                                                   .bank_name = req_form(r, "head_bank_name"),
                                                   .bank_account = req_form(r, "head_bank_account")};
    in->address = req_form(r, "address");
    in->policy_compliant = req_form(r, "policy_compliant") != NULL;
    for (int i = 0; (v = req_form_nth(r, "category", i)); i++) {
        int c = hh_category_parse(v);
        if (c >= 0)
            in->categories |= 1u << c;
    }
    for (int i = 0; i < HH_MAX_MEMBERS - 1; i++) {
        const char *name = req_form_nth(r, "member_name", i);
        if (!name)
            break;
        if (!*name && !*(req_form_nth(r, "member_id_number", i) ? req_form_nth(r, "member_id_number", i) : ""))
            continue; /* a blank row of the form */
        struct member_input *m = &in->members[in->nmembers++];
        m->name = name;
        m->id_number = req_form_nth(r, "member_id_number", i);
        m->relation = req_form_nth(r, "member_relation", i);
        m->phone = req_form_nth(r, "member_phone", i);
    }
}

/* A text input with a label and a value that survives a refused submission, and below it the
   refusal when it is about field (the domain's name for it). */
static void input(struct req *r, const char *label, const char *name, const char *field, const char *value,
                  const char *extra)
{
    html_raw(r, "<label>");
    html_raw(r, label);
    html_raw_printf(r, "<input name=\"%s\" %s value=\"", name, extra);
    html_text(r, value);
    html_raw(r, "\">");
    form_field_error(r, field);
    html_raw(r, "</label>");
}

/* The refusal, when it is about field part of member row i ("members[2].id_number"). */
static void member_error(struct req *r, int i, const char *part)
{
    char field[48];
    snprintf(field, sizeof field, "members[%d].%s", i, part);
    form_field_error(r, field);
}

/* The <select> of relations to the head. */
static void relation_select(struct req *r, const char *value)
{
    html_raw(r, "<select name=\"member_relation\">");
    for (int k = 0; k < hh_relations_count; k++)
        html_printf(r, "<option%s>%s</option>", value && !strcmp(value, hh_relations[k]) ? " selected" : "",
                    hh_relations[k]);
    html_raw(r, "</select>");
}

/* A <select> of hukou (未登记, 农业, 非农业) with value chosen, labelled, and the refusal about field. */
static void hukou_select(struct req *r, const char *name, const char *field, const char *value)
{
    const char *hk = value ? value : "";
    html_raw_printf(r, "<label>户籍<select name=\"%s\">", name);
    html_printf(r, "<option value=\"\">未登记</option><option value=\"rural\"%s>农业</option>"
                   "<option value=\"urban\"%s>非农业</option></select>",
                hukou_parse(hk) == HUKOU_RURAL ? " selected" : "", hukou_parse(hk) == HUKOU_URBAN ? " selected" : "");
    form_field_error(r, field);
    html_raw(r, "</label>");
}

/* The registration form, filled with in's values (after a refusal) and showing e. */
static void household_form(struct req *r, const struct household_input *in, const struct err *e)
{
    html_begin(r, "登记家庭");
    html_raw(r, "<h1>登记计生家庭</h1>");
    if (e)
        html_form_error(r, e);
    html_raw(r, "<form method=\"post\" action=\"/households\" class=\"grid\">");
    html_csrf(r);
    html_raw(r, "<fieldset><legend>户主</legend>");
    input(r, "姓名", "head_name", "head.name", in->head.name, "required maxlength=\"30\"");
    input(r, "身份证号", "head_id_number", "head.id_number", in->head.id_number,
          "required maxlength=\"18\" class=\"mono\" autocomplete=\"off\"");
    input(r, "手机号", "head_phone", "head.phone", in->head.phone, "required maxlength=\"11\" inputmode=\"numeric\"");
    hukou_select(r, "head_hukou", "head.hukou", in->head.status.hukou);
    input(r, "开户银行（可不填）", "head_bank_name", "head.bank.name", in->head.status.bank_name, "maxlength=\"30\"");
    input(r, "银行账号（可不填）", "head_bank_account", "head.bank.account", in->head.status.bank_account,
          "maxlength=\"40\" inputmode=\"numeric\" class=\"mono\" autocomplete=\"off\"");
    html_raw(r, "<label>所属村");
    village_select(r, in->village_id, 0);
    form_field_error(r, "village_id");
    html_raw(r, "</label>");
    input(r, "住址", "address", "address", in->address, "maxlength=\"100\"");
    html_raw(r, "</fieldset><fieldset><legend>家庭类别（可多选）</legend><div class=\"checks\">");
    for (int c = 0; c < HC__MAX; c++)
        html_printf(r, "<label><input type=\"checkbox\" name=\"category\" value=\"%s\"%s>%s</label>",
                    hh_category_code(c), in->categories & (1u << c) ? " checked" : "", hh_category_name(c));
    html_printf(r, "</div><label><input type=\"checkbox\" name=\"policy_compliant\" value=\"1\"%s>符合生育政策</label>",
                in->policy_compliant ? " checked" : "");
    html_raw(r, "</fieldset><fieldset><legend>家庭成员（户主以外）</legend><table class=\"form-table\"><thead><tr>"
                "<th>姓名</th><th>身份证号</th><th>与户主关系</th><th>手机号（可不填）</th></tr></thead><tbody>");
    int rows = in->nmembers + 3 > HH_MAX_MEMBERS - 1 ? HH_MAX_MEMBERS - 1 : in->nmembers + 3;
    for (int i = 0; i < rows; i++) {
        const struct member_input *m = i < in->nmembers ? &in->members[i] : NULL;
        html_raw(r, "<tr><td><input name=\"member_name\" maxlength=\"30\" value=\"");
        html_text(r, m ? m->name : "");
        html_raw(r, "\">");
        member_error(r, i, "name");
        html_raw(r, "</td><td><input name=\"member_id_number\" maxlength=\"18\" class=\"mono\" value=\"");
        html_text(r, m ? m->id_number : "");
        html_raw(r, "\">");
        member_error(r, i, "id_number");
        html_raw(r, "</td><td>");
        relation_select(r, m ? m->relation : NULL);
        member_error(r, i, "relation");
        html_raw(r, "</td><td><input name=\"member_phone\" maxlength=\"11\" value=\"");
        html_text(r, m ? m->phone : "");
        html_raw(r, "\">");
        member_error(r, i, "phone");
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></fieldset><p><button class=\"primary\">保存</button> "
                "<a href=\"/households\">取消</a></p></form>");
    html_end(r);
}

void page_household_new(struct req *r)
{
    struct household_input in = {0}; /* nothing chosen or ticked for the clerk */
    household_form(r, &in, NULL);
}

void page_household_create(struct req *r)
{
    struct household_input in;
    household_form_read(r, &in);
    struct err e = {0};
    int64_t id = household_create(r->db, &r->user, &in, r->today, &e);
    if (id < 0) {
        household_form(r, &in, &e);
        r->status = e.status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/households/%lld?ok=%s", (long long)id,
             in.categories & HC_SENSITIVE ? "category_registered" : "created");
    reply_redirect(r, loc);
}

/* A member's state for the programmes: 在册, or died / moved out on a day. */
static void member_state(struct req *r, const struct member *m)
{
    if (*m->died_on)
        html_printf(r, "%s 死亡", m->died_on);
    else if (*m->moved_out_on)
        html_printf(r, "%s 迁出", m->moved_out_on);
    else
        html_raw(r, "在册");
}

/* The members table of the detail page; full has HH_FULL_IDS and HH_FULL_ACCOUNTS bits. */
static void members_table(struct req *r, const struct household *h, int full_bits)
{
    int full = (full_bits & HH_FULL_IDS) != 0;
    html_printf(r, "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>姓名</th><th>与户主关系</th><th>身份证号</th>"
                   "<th>性别</th><th>%s</th><th>手机号</th><th>户籍</th><th>状态</th><th>银行账户</th></tr></thead><tbody>",
                full ? "出生日期" : "出生年份");
    for (int i = 0; i < h->nmembers; i++) {
        const struct member *m = &h->members[i];
        char masked[32];
        html_raw(r, "<tr><td>");
        html_text(r, m->name);
        html_raw(r, "</td><td>");
        html_text(r, m->relation);
        html_raw(r, "</td><td class=\"mono\">");
        html_text(r, full ? m->id_number : mask_id(m->id_number, masked, sizeof masked));
        html_printf(r, "</td><td>%s</td><td>", m->sex == 'M' ? "男" : "女");
        if (full)
            html_text(r, m->birth_date);
        else /* the date would complete the masked ID: the year only */
            html_printf(r, "%d年", atoi(m->birth_date));
        html_raw(r, "</td><td>");
        html_text(r, m->phone);
        html_printf(r, "</td><td>%s</td><td>", hukou_name(m->hukou));
        member_state(r, m);
        html_raw(r, "</td><td class=\"mono\">");
        char account[BANK_ACCOUNT_SIZE];
        html_text(r, m->bank_name);
        html_raw(r, " ");
        html_text(r, full_bits & HH_FULL_ACCOUNTS ? m->bank_account : mask_account(m->bank_account, account, sizeof account));
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div>");
}

/* One member's status form: hukou, bank account, death and moving out (posted to the member's path). */
static void member_status_form(struct req *r, const struct household *h, const struct member *m)
{
    char f[64], account[BANK_ACCOUNT_SIZE];
    snprintf(f, sizeof f, "/households/%lld/members/%lld", (long long)h->id, (long long)m->id);
    html_printf(r, "<details%s><summary>", form_posted(r, f) ? " open" : "");
    html_text(r, m->name);
    html_printf(r, "：户籍、银行账户、死亡或迁出</summary><form method=\"post\" action=\"%s\" class=\"grid\">", f);
    html_csrf(r);
    hukou_select(r, "hukou", "member.hukou", form_echo(r, f, "hukou", hukou_code(m->hukou) ? hukou_code(m->hukou) : ""));
    input(r, "开户银行", "bank_name", "member.bank.name", form_echo(r, f, "bank_name", m->bank_name), "maxlength=\"30\"");
    /* the stored account is shown (and kept) masked for roles that may not see it whole */
    input(r, "银行账号", "bank_account", "member.bank.account",
          form_echo(r, f, "bank_account", role_sees_full_account(r->user.role) ? m->bank_account : ""),
          "maxlength=\"40\" inputmode=\"numeric\" class=\"mono\" autocomplete=\"off\"");
    if (*m->bank_account && !role_sees_full_account(r->user.role))
        html_printf(r, "<small class=\"muted\">已登记 %s；留空则不变</small>",
                    mask_account(m->bank_account, account, sizeof account));
    input(r, "死亡日期", "died_on", "member.died_on", form_echo(r, f, "died_on", m->died_on), "type=\"date\"");
    input(r, "迁出日期", "moved_out_on", "member.moved_out_on", form_echo(r, f, "moved_out_on", m->moved_out_on),
          "type=\"date\"");
    html_raw(r, "<p><button class=\"primary\">保存</button></p></form></details>");
}

/* One of the household's loan applications. */
static void household_loan_row(const struct loan_row *l, void *ctx)
{
    struct req *r = ctx;
    char amount[MONEY_TEXT_SIZE];
    html_printf(r, "<li><a href=\"/loans/%lld\">第 %lld 号</a> ", (long long)l->id, (long long)l->id);
    html_text(r, l->project_name);
    html_printf(r, " · %s 元 · %s</li>", money_format(l->amount_fen, amount, sizeof amount), loan_state_name(l->state));
}

/* The household's loan applications and, for intake staff, the link to apply. */
static void household_loans(struct req *r, const struct household *h)
{
    struct loan_filter f = {.state = -1, .household_id = h->id, .limit = 50};
    struct err e = {0};
    html_raw(r, "<ul class=\"plain\">");
    if (loan_list(r->db, &r->user, &f, r->today, household_loan_row, r, &e) == 0)
        html_raw(r, "<li class=\"muted\">暂无贷款申请</li>");
    html_raw(r, "</ul>");
    if (r->user.role == ROLE_ADMIN || r->user.role == ROLE_ASSOCIATION || r->user.role == ROLE_VILLAGE)
        html_printf(r, "<p><a class=\"button\" href=\"/loans/new?household_id=%lld\">申请贷款</a></p>", (long long)h->id);
}

/* The household's relief applications and, for relief staff and the village officer, the link to apply. */
static void household_relief(struct req *r, const struct household *h)
{
    enum role ro = r->user.role;
    if (ro == ROLE_REVIEWER || ro == ROLE_LIAISON)
        return;
    struct relief_filter f = {.state = -1, .household_id = h->id, .limit = 20};
    html_raw(r, "<h2>救助</h2>");
    relief_table(r, &f, -1);
    if (ro == ROLE_ADMIN || ro == ROLE_RELIEF || ro == ROLE_VILLAGE)
        html_printf(r, "<p><a class=\"button\" href=\"/relief/new?household_id=%lld\">申请救助</a></p>", (long long)h->id);
}

/* Whether the user's role may change households (the auditor and others only read). */
static int may_edit(const struct req *r)
{
    return r->user.role == ROLE_ADMIN || r->user.role == ROLE_ASSOCIATION || r->user.role == ROLE_VILLAGE;
}

/* The detail page, with the edit and add-member forms (after a refusal, e is shown). */
static void household_detail(struct req *r, const struct household *h, const struct err *e)
{
    const char *reveal = req_query(r, "reveal") ? req_query(r, "reveal") : "";
    int full = role_sees_full_id(r->user.role) && !strcmp(reveal, "1");
    if (full)
        household_audit_id_view(r->db, &r->user, h->id);
    int full_accounts = role_sees_full_account(r->user.role) && !strcmp(reveal, "bank");
    if (full_accounts)
        household_audit_account_view(r->db, &r->user, h->id);
    char title[160];
    snprintf(title, sizeof title, "家庭档案 · %s", h->members[0].name);
    html_begin(r, title);
    html_raw(r, "<div class=\"titlebar\"><h1>");
    html_text(r, h->members[0].name);
    html_printf(r, " 家</h1><span class=\"muted\">第 %lld 号家庭</span></div>", (long long)h->id);
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<dl class=\"facts\"><dt>所属村</dt><dd>");
    html_text(r, h->township_name);
    html_raw(r, " · ");
    html_text(r, h->village_name);
    html_raw(r, "</dd><dt>住址</dt><dd>");
    html_text(r, h->address);
    html_raw(r, "</dd><dt>家庭类别</dt><dd>");
    category_names(r, h->categories);
    html_printf(r, "</dd><dt>符合生育政策</dt><dd>%s</dd><dt>登记时间</dt><dd>", h->policy_compliant ? "是" : "否");
    html_text(r, h->created_at);
    html_raw(r, "</dd></dl>");
    household_pending_changes(r, h->id);
    html_raw(r, "<h2>家庭成员</h2>");
    members_table(r, h, (full ? HH_FULL_IDS : 0) | (full_accounts ? HH_FULL_ACCOUNTS : 0));
    html_printf(r, "<p class=\"muted\">导出成员：<a href=\"/households/%lld?format=csv%s\">CSV</a> · "
                   "<a href=\"/households/%lld?format=xlsx%s\">导出Excel</a> · <a href=\"/households/%lld?format=pdf%s\">PDF</a></p>",
                (long long)h->id, full ? "&amp;reveal=1" : "", (long long)h->id, full ? "&amp;reveal=1" : "",
                (long long)h->id, full ? "&amp;reveal=1" : "");
    if (role_sees_full_id(r->user.role) && !full)
        html_printf(r, "<p><a href=\"/households/%lld?reveal=1\">显示完整身份证号</a> "
                       "<small class=\"muted\">（查看将记入审计日志）</small></p>",
                    (long long)h->id);
    if (role_sees_full_account(r->user.role) && !full_accounts)
        html_printf(r, "<p><a href=\"/households/%lld?reveal=bank\">显示完整银行账号</a> "
                       "<small class=\"muted\">（查看将记入审计日志）</small></p>",
                    (long long)h->id);
    html_raw(r, "<h2>贷款申请</h2>");
    household_loans(r, h);
    credit_section(r, h->id);
    household_relief(r, h);
    pairs_section(r, h->id);
    visits_section(r, h->id);
    if (may_edit(r)) {
        char f[40]; /* the edit form posts to the household's own path; open when it was refused */
        snprintf(f, sizeof f, "/households/%lld", (long long)h->id);
        html_printf(r, "<details%s><summary>修改家庭信息</summary><form method=\"post\" action=\"/households/%lld\" "
                       "class=\"grid\" enctype=\"multipart/form-data\">",
                    form_posted(r, f) ? " open" : "", (long long)h->id);
        html_csrf(r);
        input(r, "户主手机号", "head_phone", "head.phone", form_echo(r, f, "head_phone", h->members[0].phone),
              "required maxlength=\"11\"");
        input(r, "住址", "address", "address", form_echo(r, f, "address", h->address), "maxlength=\"100\"");
        html_raw(r, "<div class=\"checks\">");
        for (int c = 0; c < HC__MAX; c++)
            html_printf(r, "<label><input type=\"checkbox\" name=\"category\" value=\"%s\"%s>%s</label>",
                        hh_category_code(c),
                        form_echo_checked(r, f, "category", hh_category_code(c), (h->categories & (1u << c)) != 0) ? " checked" : "",
                        hh_category_name(c));
        html_raw(r, "</div>");
        form_field_error(r, "categories");
        html_printf(r, "<label>证明材料（新增失独、伤残类别时必传：PDF、JPG 或 PNG，不超过 %d MB；经另一人审批后生效）"
                       "<input type=\"file\" name=\"document\" accept=\".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,"
                       "image/png\">",
                    DOC_FILE_MAX_BYTES / (1024 * 1024));
        form_field_error(r, "document");
        html_raw(r, "</label>");
        html_printf(r, "<label><input type=\"checkbox\" name=\"policy_compliant\" value=\"1\"%s>符合生育政策"
                       "</label><p><button class=\"primary\">保存修改</button></p></form></details>",
                    form_echo_checked(r, f, "policy_compliant", "1", h->policy_compliant) ? " checked" : "");
        html_printf(r, "<details%s><summary>添加家庭成员</summary><form method=\"post\" "
                       "action=\"/households/%lld/members\" class=\"grid\">",
                    form_posted(r, "/members") ? " open" : "", (long long)h->id);
        html_csrf(r);
        const char *m = "/members";
        input(r, "姓名", "member_name", "member.name", form_echo(r, m, "member_name", ""), "required maxlength=\"30\"");
        input(r, "身份证号", "member_id_number", "member.id_number", form_echo(r, m, "member_id_number", ""),
              "required maxlength=\"18\" class=\"mono\"");
        html_raw(r, "<label>与户主关系");
        relation_select(r, form_echo(r, m, "member_relation", NULL));
        form_field_error(r, "member.relation");
        html_raw(r, "</label>");
        input(r, "手机号（可不填）", "member_phone", "member.phone", form_echo(r, m, "member_phone", ""), "maxlength=\"11\"");
        hukou_select(r, "member_hukou", "member.hukou", form_echo(r, m, "member_hukou", ""));
        input(r, "开户银行（可不填）", "member_bank_name", "member.bank.name", form_echo(r, m, "member_bank_name", ""),
              "maxlength=\"30\"");
        input(r, "银行账号（可不填）", "member_bank_account", "member.bank.account",
              form_echo(r, m, "member_bank_account", ""), "maxlength=\"40\" inputmode=\"numeric\" class=\"mono\"");
        html_raw(r, "<p><button class=\"primary\">添加</button></p></form></details>");
        for (int i = 0; i < h->nmembers; i++)
            member_status_form(r, h, &h->members[i]);
    }
    html_end(r);
}

void page_household_show(struct req *r)
{
    struct household h;
    struct err e = {0};
    if (household_get(r->db, &r->user, r->id[0], &h, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    if (part_members_export(r, &h))
        return;
    household_detail(r, &h, NULL);
}

/* (handlers.h) */
void household_page_refused(struct req *r, int64_t household_id, const struct err *e)
{
    struct household h;
    struct err e2 = {0};
    int whole = (e->status == 404 || e->status == 403) && !e->field[0]; /* the record itself, not a field */
    if (whole || household_get(r->db, &r->user, household_id, &h, &e2) != 0) {
        reply_error(r, whole ? e : &e2);
        return;
    }
    household_detail(r, &h, e);
    r->status = e->status;
}

/* (handlers.h) */
void household_page_done(struct req *r, int64_t household_id, int failed, const struct err *e, const char *ok)
{
    if (failed) {
        household_page_refused(r, household_id, e);
        return;
    }
    char loc[80];
    snprintf(loc, sizeof loc, "/households/%lld?ok=%s", (long long)household_id, ok);
    reply_redirect(r, loc);
}

/* After a refused change: the detail page again with the message and the refusal's status. */
static void detail_with_error(struct req *r, const struct err *e)
{
    household_page_refused(r, r->id[0], e);
}

/* After a change of household id[0]: rc 0 goes back to its page with the flash ok; a refusal
   answers 403/404 as errors and anything else on the page with the message and what was typed. */
static void changed(struct req *r, int rc, const struct err *e, const char *ok)
{
    if (rc != 0) {
        if (e->status == 404 || e->status == 403)
            reply_error(r, e);
        else
            detail_with_error(r, e);
        return;
    }
    char loc[80];
    snprintf(loc, sizeof loc, "/households/%lld?ok=%s", (long long)r->id[0], ok);
    reply_redirect(r, loc);
}

void page_household_update(struct req *r)
{
    struct household_changes c = {.address = req_form(r, "address"), .head_phone = req_form(r, "head_phone"),
                                  .policy_compliant = req_form(r, "policy_compliant") != NULL};
    const char *v;
    for (int i = 0; (v = req_form_nth(r, "category", i)); i++)
        if (hh_category_parse(v) >= 0)
            c.categories |= 1u << hh_category_parse(v);
    struct err e = {0};
    const struct kv *f = req_form_kv(r, "document");
    struct hh_upload doc = {f && f->filename && *f->filename ? f->filename : NULL,
                            f ? (const unsigned char *)f->val : NULL, f ? f->len : 0};
    int64_t waiting = household_change_update(r->db, &r->user, r->id[0], &c, &doc, &e);
    changed(r, waiting < 0 ? -1 : 0, &e, waiting > 0 ? "category_pending" : "updated");
}

void page_household_add_member(struct req *r)
{
    struct member_input m = {.name = req_form(r, "member_name"), .id_number = req_form(r, "member_id_number"),
                             .relation = req_form(r, "member_relation"), .phone = req_form(r, "member_phone"),
                             .status = {.hukou = req_form(r, "member_hukou"), .bank_name = req_form(r, "member_bank_name"),
                                        .bank_account = req_form(r, "member_bank_account")}};
    struct err e = {0};
    changed(r, household_add_member(r->db, &r->user, r->id[0], &m, r->today, &e) < 0 ? -1 : 0, &e, "member");
}

void page_household_member_update(struct req *r)
{
    struct member_status_input s = {.hukou = req_form(r, "hukou"), .bank_name = req_form(r, "bank_name"),
                                    .bank_account = req_form(r, "bank_account"), .died_on = req_form(r, "died_on"),
                                    .moved_out_on = req_form(r, "moved_out_on")};
    struct household h;
    struct err e = {0};
    if (household_get(r->db, &r->user, r->id[0], &h, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    /* an account left empty by a role that sees it masked keeps the stored one */
    for (int i = 0; i < h.nmembers; i++)
        if (h.members[i].id == r->id[1] && (!s.bank_account || !*s.bank_account) &&
            !role_sees_full_account(r->user.role) && s.bank_name && *s.bank_name)
            s.bank_account = h.members[i].bank_account;
    changed(r, household_update_member(r->db, &r->user, r->id[0], r->id[1], &s, r->today, &e), &e, "updated");
}
