/* page_notice.c: public notices (公示) on the web: the staff list with the publish form, the
   staff view of a notice (items, objections with contact and resolution), and the public page
   (masked items, the objection form). Thin over notice.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "mask_config.h"
#include "masking.h"
#include "money.h"
#include "notice.h"
#include "part_sheets.h"
#include "unit.h"

/* One row of the staff list. */
static void notice_row(const struct notice *n, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td class=\"num\"><a href=\"/notices/%lld/manage\">%lld</a></td><td>", (long long)n->id,
                (long long)n->id);
    html_text(r, n->title);
    html_raw(r, n->replaced_by ? "（已更正）" : "");
    html_raw(r, "</td><td>");
    html_text(r, n->starts_on);
    html_raw(r, " 至 ");
    html_text(r, n->ends_on);
    html_printf(r, "</td><td class=\"num\">%d</td><td class=\"num\">", n->items);
    html_money(r, n->total_fen);
    html_printf(r, "</td><td class=\"num\">%s%d</td></tr>", n->open_objections ? "⚠ " : "", n->open_objections);
}

/* Writes one unit option (townships and villages), the one chosen before a refusal selected. */
static void unit_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    if (strcmp(u->kind, "district") == 0)
        return;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    html_printf(r, "<option value=\"%s\"%s>%s", id, form_echo_checked(r, "/notices", "unit_id", id, 0) ? " selected" : "",
                strcmp(u->kind, "village") ? "" : "　");
    html_text(r, u->name);
    html_raw(r, "</option>");
}

/* The form publishing one kind of notice (relief or loan); only the loan notice asks for the
   period of approvals. */
static void publish_form(struct req *r, const char *kind)
{
    int loan = strcmp(kind, "loan") == 0;
    const char *posted = req_form(r, "kind");
    /* after a refusal, the form of the kind that was posted comes back as typed */
    const char *f = posted && !strcmp(posted, kind) ? "/notices" : "\x01";
    html_raw(r, "<form method=\"post\" action=\"/notices\" class=\"grid\">");
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><label>单位<select name=\"unit_id\">", kind);
    unit_list(r->db, r->user.unit_path, NULL, unit_option, r);
    html_printf(r, "</select></label><label>公示天数<input name=\"days\" type=\"number\" min=\"1\" max=\"30\" value=\"%s\">"
                   "</label>", form_echo(r, f, "days", "7"));
    if (loan)
        html_printf(r, "<label>贷款批准自<input name=\"from\" type=\"date\" value=\"%s\"></label>"
                       "<label>至<input name=\"to\" type=\"date\" value=\"%s\"></label>",
                    form_echo(r, f, "from", ""), form_echo(r, f, "to", ""));
    html_printf(r, "<label>更正第几号公示（可空）<input name=\"replaces_id\" type=\"number\" min=\"1\" value=\"%s\"></label>"
                   "<p><button class=\"primary\">发布%s公示</button></p></form>", form_echo(r, f, "replaces_id", ""),
                loan ? "贷款" : "救助");
}

/* The staff list and publish form, with e after a refusal. */
static void notices_page(struct req *r, const struct err *e)
{
    html_begin(r, "公示");
    html_raw(r, "<h1>公示</h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<table class=\"list\"><thead><tr><th class=\"num\">编号</th><th>标题</th><th>公示期</th>"
                "<th class=\"num\">项数</th><th class=\"num\">金额（元）</th><th class=\"num\">未处理异议</th></tr></thead><tbody>");
    int notices = notice_list(r->db, &r->user, 0, r->today, notice_row, r);
    if (notices == 0)
        html_raw(r, "<tr><td colspan=\"6\">还没有公示</td></tr>");
    html_raw(r, "</tbody></table>");
    if (notices > NOTICE_LIST_MAX)
        html_printf(r, "<p class=\"muted\">共 %d 份公示，这里列出最新的 %d 份；可按单位在导出中查看。</p>", notices,
                    NOTICE_LIST_MAX);
    report_format_links(r, "/notices", NULL);
    enum role ro = r->user.role;
    if (ro == ROLE_ADMIN || ro == ROLE_RELIEF || ro == ROLE_ASSOCIATION) {
        html_raw(r, "<h2>发布救助公示</h2><p class=\"muted\">本单位所有已通过镇审核的申请进入公示，"
                    "公示期满且无未处理异议方可批准。</p>");
        publish_form(r, "relief");
        html_raw(r, "<h2>发布贷款公示</h2><p class=\"muted\">列出期间内批准的贷款，供群众监督。</p>");
        publish_form(r, "loan");
    }
    html_end(r);
}

void page_notices(struct req *r)
{
    if (list_export_if_asked(r, record_notices_sheet, NULL, "notices.csv"))
        return;
    notices_page(r, NULL);
}

/* The header of a notice: title, unit, period, office and phone. */
static void notice_header(struct req *r, const struct notice *n)
{
    html_raw(r, "<h1>");
    html_text(r, n->title);
    html_raw(r, "</h1><p>公示期：");
    html_text(r, n->starts_on);
    html_raw(r, " 至 ");
    html_text(r, n->ends_on);
    if (n->period_from[0]) {
        html_raw(r, " · 贷款批准期间：");
        html_text(r, n->period_from);
        html_raw(r, " 至 ");
        html_text(r, n->period_to);
    }
    html_raw(r, "</p><p>如有异议，请于公示期内向");
    html_text(r, n->office);
    html_raw(r, "反映");
    if (n->phone[0]) {
        html_raw(r, "，电话 ");
        html_text(r, n->phone);
    }
    html_raw(r, "。</p>");
    if (n->replaced_by)
        html_printf(r, "<p class=\"warn\">本公示已被<a href=\"/notices/%lld\">第 %lld 号公示</a>更正。</p>",
                    (long long)n->replaced_by, (long long)n->replaced_by);
    if (n->replaces_id)
        html_printf(r, "<p class=\"muted\">本公示更正第 %lld 号公示。</p>", (long long)n->replaces_id);
}

struct items_ctx {
    struct req *r;
    int staff;
    int loan;
};

/* One item row: masked name, village, category or project, amount (and for staff, the state). */
static void item_row(const struct notice_item *x, void *ctx)
{
    struct items_ctx *c = ctx;
    struct req *r = c->r;
    html_printf(r, "<tr><td class=\"num\">%d</td><td>", x->n);
    html_text(r, x->masked_name);
    html_raw(r, "</td><td>");
    html_text(r, x->village);
    html_raw(r, "</td><td>");
    html_text(r, x->label);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, x->amount_fen);
    html_raw(r, "</td>");
    if (c->loan)
        html_printf(r, "<td class=\"num\">%d</td>", x->term_months);
    if (c->staff) {
        html_raw(r, "<td>");
        if (x->relief_id)
            html_printf(r, "<a href=\"/relief/%lld\">", (long long)x->relief_id);
        html_text(r, x->state);
        html_raw(r, x->relief_id ? "</a>" : "");
        html_raw(r, x->open_objections ? " <strong class=\"warn\">有异议</strong>" : "");
        html_raw(r, "</td>");
    }
    html_raw(r, "</tr>");
}

/* The items table. */
static void items_table(struct req *r, const struct notice *n, int staff)
{
    int loan = strcmp(n->kind, "loan") == 0;
    html_raw_printf(r, "<table class=\"list\"><thead><tr><th class=\"num\">序号</th><th>姓名</th><th>村</th><th>%s</th>"
                   "<th class=\"num\">金额（元）</th>%s%s</tr></thead><tbody>",
                loan ? "项目" : "类别", loan ? "<th class=\"num\">期限（月）</th>" : "", staff ? "<th>状态</th>" : "");
    struct items_ctx c = {r, staff, loan};
    notice_items(r->db, n->id, item_row, &c);
    html_raw(r, "</tbody></table>");
}

/* A publication being confirmed: its input and the number of items it will freeze. */
struct preview {
    struct req *r;
    const struct notice_input *in;
    int n;
};

/* Counts an item of the preview. */
static void count_item(const struct notice_item *x, void *ctx)
{
    (void)x;
    ++*(int *)ctx;
}

/* Under the confirmation's question: the rows exactly as they will be frozen and published (names
   masked by the rules in force), from a dry run of the publication. */
static void preview_table(struct req *r, void *ctx)
{
    struct preview *p = ctx;
    struct err e = {0};
    int loan = p->in->kind && !strcmp(p->in->kind, "loan");
    html_raw_printf(r, "<h2>将要公示的内容（与公开页面一致）</h2><div class=\"scroll\"><table class=\"list preview\">"
                       "<thead><tr><th class=\"num\">序号</th><th>姓名</th><th>村</th><th>%s</th>"
                       "<th class=\"num\">金额（元）</th>%s</tr></thead><tbody>",
                    loan ? "项目" : "类别", loan ? "<th class=\"num\">期限（月）</th>" : "");
    struct items_ctx c = {r, 0, loan};
    if (notice_preview(r->db, &r->user, p->in, r->today, item_row, &c, &e) < 0)
        html_form_error(r, &e);
    html_raw(r, "</tbody></table></div>");
}

void page_notices_create(struct req *r)
{
    struct err e = {0};
    const char *unit = req_form(r, "unit_id"), *days = req_form(r, "days"), *rep = req_form(r, "replaces_id");
    const char *from = req_form(r, "from"), *to = req_form(r, "to");
    struct notice_input in = {req_form(r, "kind"), unit ? strtoll(unit, NULL, 10) : 0, from && *from ? from : NULL,
                              to && *to ? to : NULL, days && *days ? atoi(days) : 0, rep && *rep ? strtoll(rep, NULL, 10) : 0, 0};
    struct unit u = {0};
    if (unit_get(r->db, in.unit_id, &u) != 0 || !req_in_scope(r, u.id)) {
        err_set(&e, 422, "invalid_unit", "unit_id", "请选择本单位范围内的乡镇或村");
        notices_page(r, &e);
        r->status = e.status;
        return;
    }
    struct preview p = {r, &in, 0};
    if (form_step(r) == FORM_ASKED && notice_preview(r->db, &r->user, &in, r->today, count_item, &p.n, &e) < 0) {
        notices_page(r, &e); /* nothing to publish, or a refusal: no question to ask */
        r->status = e.status;
        return;
    }
    enum form_confirm_step step = form_ask_showing(r, "/notices", preview_table, &p,
                                                   "确认发布%s：%s，公示 %d 天%s%s%s，共 %d 项？发布后公示内容即固定并公开，"
                                                   "只能以新公示更正。",
                                                   in.kind && !strcmp(in.kind, "loan") ? "贷款公示" : "救助公示", u.name,
                                                   in.days, in.replaces_id ? "，更正第 " : "", in.replaces_id ? rep : "",
                                                   in.replaces_id ? " 号公示" : "", p.n);
    if (step == FORM_EDIT)
        notices_page(r, NULL);
    if (step != FORM_CONFIRMED)
        return;
    int64_t id = notice_create(r->db, &r->user, &in, r->today, &e);
    if (id > 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/notices/%lld/manage?ok=notice", (long long)id);
        reply_redirect(r, loc);
        return;
    }
    notices_page(r, &e);
    r->status = e.status;
}

/* One objection for staff, with the resolve form while open. */
static void objection_row(const struct objection *o, void *ctx)
{
    struct req *r = ctx;
    /* those who see masked IDs elsewhere (village officers) see the objector's numbers masked */
    int full = role_sees_full_id(r->user.role);
    char text[sizeof o->text], contact[sizeof o->contact];
    struct mask_rules rules;
    mask_rules_load(r->db, &rules);
    html_raw(r, "<li><p>");
    html_raw(r, o->item_n ? "" : "（针对整个公示）");
    if (o->item_n)
        html_printf(r, "（第 %d 项）", o->item_n);
    html_text(r, full ? o->text : mask_text_by(&rules, o->text, text, sizeof text));
    html_raw(r, "</p><p class=\"muted\">联系方式：");
    html_text(r, !o->contact[0] ? "未留" : full ? o->contact : mask_text_by(&rules, o->contact, contact, sizeof contact));
    html_raw(r, " · 提交于 ");
    html_text(r, o->filed_at);
    html_raw(r, "</p>");
    if (strcmp(o->state, "open") == 0) {
        html_printf(r, "<form method=\"post\" action=\"/objections/%lld/resolve\" class=\"grid\">", (long long)o->id);
        html_csrf(r);
        html_raw(r, "<label>处理意见<input name=\"resolution\" required maxlength=\"200\"></label><label>结论<select "
                    "name=\"upheld\"><option value=\"0\">异议不成立，继续办理</option><option value=\"1\">异议成立，不予救助"
                    "</option></select></label><p><button class=\"primary\">处理</button></p></form>");
    } else {
        html_printf(r, "<p><strong>%s</strong>：", strcmp(o->state, "upheld") ? "不成立" : "成立");
        html_text(r, o->resolution);
        html_raw(r, "（");
        html_text(r, o->resolved_by);
        html_raw(r, "，");
        html_text(r, o->resolved_at);
        html_raw(r, "）</p>");
    }
    html_raw(r, "</li>");
}

/* The staff view of a notice, with e after a refused resolution. */
static void manage_page(struct req *r, int64_t id, const struct err *shown)
{
    struct notice n;
    struct err e = {0};
    if (notice_get(r->db, id, &n, &e) != 0 ||
        (!notice_in_scope(r->db, &r->user, &n) && err_set(&e, 403, "out_of_scope", NULL, "该公示不在您的管辖范围内"))) {
        html_error_page(r, &e);
        return;
    }
    if (!shown && list_export_if_asked(r, part_objections_sheet, &n, "objections.csv"))
        return;
    html_begin(r, "公示");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    notice_header(r, &n);
    html_printf(r, "<p><a href=\"/notices/%lld\">群众看到的页面</a> · <a href=\"/notices/%lld.pdf\">打印张贴（PDF）</a></p>",
                (long long)n.id, (long long)n.id);
    items_table(r, &n, 1);
    html_raw(r, "<h2>异议</h2><ul class=\"objections\">");
    if (notice_objections(r->db, n.id, objection_row, r) == 0)
        html_raw(r, "<li>没有异议</li>");
    html_printf(r, "</ul><p class=\"muted\">导出异议：<a href=\"/notices/%lld/manage?format=csv\">CSV</a> · "
                   "<a href=\"/notices/%lld/manage?format=xlsx\">导出Excel</a> · <a href=\"/notices/%lld/manage?format=pdf\">PDF</a></p>",
                (long long)n.id, (long long)n.id, (long long)n.id);
    html_end(r);
}

void page_notice_manage(struct req *r)
{
    manage_page(r, r->id[0], NULL);
}

void page_objection_resolve(struct req *r)
{
    struct err e = {0};
    const char *upheld = req_form(r, "upheld");
    int64_t notice = notice_of_objection(r->db, r->id[0]);
    if (notice_resolve(r->db, &r->user, r->id[0], upheld && strcmp(upheld, "1") == 0, req_form(r, "resolution"), r->today,
                       &e) == 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/notices/%lld/manage?ok=resolved", (long long)notice);
        reply_redirect(r, loc);
        return;
    }
    if (!notice) {
        html_error_page(r, &e);
        return;
    }
    manage_page(r, notice, &e);
    r->status = e.status;
}

/* The public page of a notice, with e after a refused objection. */
static void public_page(struct req *r, const struct err *shown)
{
    struct notice n;
    struct err e = {0};
    if (notice_get(r->db, r->id[0], &n, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    char on[11];
    date_format(r->today, on);
    html_begin(r, "公示");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    notice_header(r, &n);
    items_table(r, &n, 0);
    html_printf(r, "<p><a href=\"/notices/%lld.pdf\">打印版（PDF）</a></p>", (long long)n.id);
    if (strcmp(on, n.starts_on) >= 0 && strcmp(on, n.ends_on) <= 0) {
        const char *o = "/objections";
        html_printf(r, "<h2>提出异议</h2><form method=\"post\" action=\"/notices/%lld/objections\" class=\"grid\">"
                       "<label>针对第几项（不填为整个公示）<input name=\"item\" type=\"number\" min=\"1\" value=\"%s\"></label>"
                       "<label class=\"wide\">异议内容<textarea name=\"text\" required minlength=\"5\" maxlength=\"500\" "
                       "rows=\"4\">%s</textarea></label><label>联系方式（可不填）<input name=\"contact\" maxlength=\"50\" "
                       "value=\"%s\"></label><p><button class=\"primary\">提交</button></p></form>",
                    (long long)n.id, form_echo(r, o, "item", ""), form_echo(r, o, "text", ""), form_echo(r, o, "contact", ""));
    } else {
        html_raw(r, "<p class=\"muted\">公示期外不在网上受理异议，如有问题请电话联系。</p>");
    }
    html_end(r);
}

void page_notice_public(struct req *r)
{
    public_page(r, NULL);
}

void page_notice_object(struct req *r)
{
    struct err e = {0};
    char client[64];
    const char *item = req_form(r, "item");
    int64_t id = notice_object(r->db, r->id[0], item && *item ? atoi(item) : 0, req_form(r, "text"), req_form(r, "contact"),
                               req_client(r, client, sizeof client), r->today, &e);
    if (id > 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/notices/%lld?ok=objection", (long long)r->id[0]);
        reply_redirect(r, loc);
        return;
    }
    public_page(r, &e);
    r->status = e.status;
}
