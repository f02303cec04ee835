/* page_announcement.c: the staff pages of announcements (公告): the list, the form to write one
   (title, scope, period, Markdown body) with a preview rendered by the server (the 预览 button
   works without JavaScript; web/announce.js refreshes it while typing), the announcement's page
   with its edit form, withdrawal and versions, and one old version. Thin over announcement.c;
   Markdown becomes HTML through markdown.c (the PDF is page_announcement_pdf.c's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "announcement.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "markdown.h"
#include "routes.h"
#include "unit.h"

/* What the form shows: an announcement's settings and text, or what was just submitted. */
struct form_values {
    int64_t id; /* 0: a new announcement */
    enum ann_state state;
    int version;
    int64_t unit_id;
    const char *title, *body, *from, *until;
};

/* Whether the user may write announcements (the roles of POST /announcements). */
static int may_write(const struct req *r)
{
    return route_allowed("POST", "/announcements", r->user.role);
}

/* Writes the publishing period ("2026-11-01 至 2026-11-30", or "至 撤回为止"). */
static void period(struct req *r, const struct ann_row *x)
{
    html_text(r, x->publish_from);
    html_raw(r, " 至 ");
    html_text(r, *x->publish_until ? x->publish_until : "撤回为止");
}

/* One row of the staff list. */
static void list_row(const struct ann_row *x, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td class=\"num\">%lld</td><td><a href=\"/announcements/%lld\">", (long long)x->id,
                (long long)x->id);
    html_text(r, x->title);
    html_printf(r, "</a></td><td><span class=\"state state-%s\">%s</span></td><td>", ann_state_code(x->state),
                ann_state_name(x->state));
    html_text(r, x->unit_name);
    html_raw(r, "</td><td>");
    period(r, x);
    html_printf(r, "</td><td class=\"num\">%d</td><td>", x->version);
    html_text(r, x->saved_at);
    html_raw(r, "</td></tr>");
}

void page_announcements(struct req *r)
{
    int limit, offset;
    html_paging(r, &limit, &offset);
    const char *state = req_query(r, "state");
    if (state && !*state)
        state = NULL;
    if (list_export_if_asked(r, record_announcements_sheet, state, "announcements.csv"))
        return;
    html_begin(r, "公告");
    html_raw(r, "<div class=\"titlebar\"><h1>公告</h1>");
    if (may_write(r))
        html_raw(r, "<a class=\"button primary\" href=\"/announcements/new\">写公告</a>");
    html_raw(r, "</div>");
    html_flash(r);
    html_raw(
        r, "<form method=\"get\" class=\"search\"><label>状态<select name=\"state\"><option value=\"\">全部</option>");
    for (int s = 0; s < ANN__MAX; s++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", ann_state_code(s),
                    state && strcmp(state, ann_state_code(s)) == 0 ? " selected" : "", ann_state_name(s));
    html_raw(r,
             "</select></label><button>筛选</button></form><table class=\"list\"><thead><tr><th class=\"num\">编号</th>"
             "<th>标题</th><th>状态</th><th>范围</th><th>发布期</th><th class=\"num\">版本</th><th>最后保存</th>"
             "</tr></thead><tbody>");
    int64_t total = ann_list(r->db, &r->user, state, limit, offset, list_row, r);
    if (total == 0)
        html_raw(r, "<tr><td colspan=\"7\">还没有公告</td></tr>");
    html_raw(r, "</tbody></table>");
    html_pager(r, total < 0 ? 0 : total, limit, offset, 0);
    report_format_links(r, "/announcements", NULL);
    html_end(r);
}

/* Writes one unit option of the form's scope select. */
struct unit_ctx {
    struct req *r;
    int64_t chosen;
};
static void unit_option(const struct unit *u, void *ctx)
{
    struct unit_ctx *c = ctx;
    const char *prefix = strcmp(u->kind, "district") == 0 ? "全区：" : strcmp(u->kind, "township") == 0 ? "" : "　";
    html_printf(c->r, "<option value=\"%lld\"%s>%s", (long long)u->id, u->id == c->chosen ? " selected" : "", prefix);
    html_text(c->r, u->name);
    html_raw(c->r, "</option>");
}

/* The form (new or edit) with v's values; the preview shows preview_md rendered (NULL: none). */
static void ann_form(struct req *r, const struct form_values *v, const char *preview_md)
{
    if (v->id)
        html_printf(r, "<form method=\"post\" action=\"/announcements/%lld\" class=\"grid announcement\">",
                    (long long)v->id);
    else
        html_raw(r, "<form method=\"post\" action=\"/announcements\" class=\"grid announcement\">");
    html_csrf(r);
    html_printf(r,
                "<input type=\"hidden\" name=\"id\" value=\"%lld\"><input type=\"hidden\" name=\"version\" "
                "value=\"%d\"><label class=\"wide\">标题<input name=\"title\" required maxlength=\"%d\" value=\"",
                (long long)v->id, v->version, ANN_TITLE_MAX);
    html_text(r, v->title);
    html_raw(r, "\">");
    form_field_error(r, "title");
    html_raw(r, "</label><label>范围（对谁公告）<select name=\"unit_id\">");
    struct unit_ctx uc = {r, v->unit_id ? v->unit_id : r->user.unit_id};
    unit_list(r->db, r->user.unit_path, NULL, unit_option, &uc);
    html_raw(r, "</select>");
    form_field_error(r, "unit_id");
    html_raw(r, "</label><label>发布日期<input name=\"publish_from\" type=\"date\" value=\"");
    html_text(r, v->from);
    html_raw(r, "\">");
    form_field_error(r, "publish_from");
    html_raw(r, "</label><label>截止日期（不填为撤回为止）<input name=\"publish_until\" type=\"date\" value=\"");
    html_text(r, v->until);
    html_raw(r, "\">");
    form_field_error(r, "publish_to");
    html_printf(r,
                "</label><label class=\"wide\">正文（可用格式标记，见下方格式说明；不超过 %d 字）<textarea name=\"body_md\" rows=\"18\" required>",
                ANN_BODY_MAX);
    html_text(r, v->body);
    html_raw(r, "</textarea>");
    form_field_error(r, "body_md");
    html_raw(r, "</label>");
    html_format_help(r);
    html_raw(r, "<p class=\"buttons\"><button formaction=\"/announcements/preview\">预览</button> ");
    if (v->state == ANN_PUBLISHED) {
        html_raw(r, "<button class=\"primary\" name=\"action\" value=\"save\">保存修改（立即生效）</button>");
    } else {
        html_raw(r, "<button name=\"action\" value=\"save\">保存草稿</button> "
                    "<button class=\"primary\" name=\"action\" value=\"publish\">发布</button>");
    }
    html_raw(r, "</p></form><h2>预览</h2><div id=\"preview\" class=\"markdown announcement-body\">");
    html_markdown(r, preview_md ? preview_md : "");
    html_raw(r, "</div><script src=\"/static/announce.js\" defer></script>");
}

/* The new-announcement page with v's values, e after a refusal, and the preview. */
static void new_page(struct req *r, const struct form_values *v, const struct err *e, const char *preview_md)
{
    html_begin(r, "写公告");
    html_raw(r, "<h1>写公告</h1>");
    if (e)
        html_form_error(r, e);
    html_raw(r, "<p class=\"muted\">公告在发布期内显示在公开页面上（所选单位及其下属的镇、村），可打印张贴。"
                "每次保存都留有版本。</p>");
    ann_form(r, v, preview_md);
    html_end(r);
}

void page_announcement_new(struct req *r)
{
    char today[11];
    date_format(r->today, today);
    struct form_values v = {.title = "", .body = "", .from = today, .until = ""};
    new_page(r, &v, NULL, NULL);
}

/* The form's values as submitted. */
static struct form_values submitted(struct req *r)
{
    const char *id = req_form(r, "id"), *version = req_form(r, "version"), *unit = req_form(r, "unit_id");
    struct form_values v = {id ? strtoll(id, NULL, 10) : 0, ANN_DRAFT,
                            version ? atoi(version) : 0,    unit ? strtoll(unit, NULL, 10) : 0,
                            req_form(r, "title"),           req_form(r, "body_md"),
                            req_form(r, "publish_from"),    req_form(r, "publish_until")};
    v.title = v.title ? v.title : "";
    v.body = v.body ? v.body : "";
    v.from = v.from ? v.from : "";
    v.until = v.until ? v.until : "";
    return v;
}

/* The input for the domain from the submitted form. */
static struct ann_input input_of(struct req *r, const struct form_values *v)
{
    const char *action = req_form(r, "action");
    return (struct ann_input){v->title, v->body,  v->unit_id,
                              v->from,  v->until, action && strcmp(action, "publish") == 0};
}

/* For a publishing request, asks to confirm: the title and the period. FORM_CONFIRMED for a save
   without publishing. */
static enum form_confirm_step publish_step(struct req *r, const struct ann_input *in)
{
    if (!in->publish)
        return FORM_CONFIRMED;
    return form_ask(r, NULL, "确认发布公告《%s》，发布期 %s 至 %s？发布后公众在公开页面即可看到。", in->title,
                    in->publish_from && *in->publish_from ? in->publish_from : "今天",
                    in->publish_until && *in->publish_until ? in->publish_until : "撤回为止");
}

void page_announcement_create(struct req *r)
{
    struct err e = {0};
    struct form_values v = submitted(r);
    struct ann_input in = input_of(r, &v);
    enum form_confirm_step step = publish_step(r, &in);
    if (step == FORM_EDIT)
        new_page(r, &v, NULL, v.body);
    if (step != FORM_CONFIRMED)
        return;
    int64_t id = ann_create(r->db, &r->user, &in, r->today, &e);
    if (id > 0) {
        char loc[80];
        snprintf(loc, sizeof loc, "/announcements/%lld?ok=%s", (long long)id, in.publish ? "published" : "created");
        reply_redirect(r, loc);
        return;
    }
    v.id = 0;
    new_page(r, &v, &e, v.body);
    r->status = e.status;
}

struct versions_ctx {
    struct req *r;
    int64_t id;
};

/* Writes one version's row. */
static void version_row(const struct ann_version *x, void *ctx)
{
    struct versions_ctx *c = ctx;
    struct req *r = c->r;
    html_printf(r, "<tr><td class=\"num\"><a href=\"/announcements/%lld/versions/%d\">第 %d 版</a></td><td>",
                (long long)c->id, x->n, x->n);
    html_text(r, x->title);
    html_printf(r, "</td><td class=\"num\">%lld</td><td>", (long long)x->body_chars);
    html_text(r, x->saved_by);
    html_raw(r, "</td><td>");
    html_text(r, x->saved_at);
    html_raw(r, "</td></tr>");
}

/* The facts of an announcement. */
static void facts(struct req *r, const struct announcement *a)
{
    html_printf(r,
                "<dl class=\"facts\"><dt>状态</dt><dd><span class=\"state state-%s\">%s</span></dd><dt>范围</dt><dd>",
                ann_state_code(a->head.state), ann_state_name(a->head.state));
    html_text(r, a->head.unit_name);
    html_raw(r, strcmp(a->unit_kind, "village") == 0 ? "" : "及下属各单位");
    html_raw(r, "</dd><dt>发布期</dt><dd>");
    period(r, &a->head);
    html_printf(r, "</dd><dt>当前版本</dt><dd>第 %d 版（", a->head.version);
    html_text(r, a->saved_by);
    html_raw(r, "，");
    html_text(r, a->head.saved_at);
    html_raw(r, "）</dd><dt>创建</dt><dd>");
    html_text(r, a->created_by);
    html_raw(r, "，");
    html_text(r, a->created_at);
    if (*a->published_at) {
        html_raw(r, "</dd><dt>发布</dt><dd>");
        html_text(r, a->published_by);
        html_raw(r, "，");
        html_text(r, a->published_at);
    }
    if (a->head.state == ANN_WITHDRAWN) {
        html_raw(r, "</dd><dt>撤回</dt><dd>");
        html_text(r, a->withdrawn_by);
        html_raw(r, "，");
        html_text(r, a->withdrawn_at);
        html_raw(r, "：");
        html_text(r, a->withdraw_reason);
    }
    html_raw(r, "</dd></dl>");
}

/* The announcement's page; shown (when not NULL) replaces its values in the form after a refused
   save or a preview, e is the refusal. */
static void show_page(struct req *r, int64_t id, const struct form_values *shown, const struct err *shown_e)
{
    struct announcement a;
    struct err e = {0};
    if (ann_get(r->db, &r->user, id, &a, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    char on[11];
    date_format(r->today, on);
    html_begin(r, "公告");
    html_flash(r);
    if (shown_e)
        html_form_error(r, shown_e);
    html_raw(r, "<h1>");
    html_text(r, a.head.title);
    html_raw(r, "</h1>");
    facts(r, &a);
    html_printf(r, "<p><a href=\"/announcements/%lld.pdf\">打印张贴（PDF）</a>", (long long)a.head.id);
    if (a.head.state == ANN_PUBLISHED && strcmp(a.head.publish_from, on) <= 0 &&
        (!*a.head.publish_until || strcmp(a.head.publish_until, on) >= 0))
        html_printf(r, " · <a href=\"/a/%lld\">群众看到的页面</a>", (long long)a.head.id);
    html_raw(r, "</p>");
    if (may_write(r) && a.head.state != ANN_WITHDRAWN) {
        html_raw(r, "<h2>修改</h2>");
        struct form_values v = {a.head.id,    a.head.state, a.head.version,      a.head.unit_id,
                                a.head.title, a.body_md,    a.head.publish_from, a.head.publish_until};
        if (shown) {
            v = *shown;
            v.id = a.head.id, v.state = a.head.state;
        }
        ann_form(r, &v, v.body);
        html_printf(r, "<h2>撤回</h2><form method=\"post\" action=\"/announcements/%lld/withdraw\" class=\"grid\">",
                    (long long)a.head.id);
        html_csrf(r);
        html_raw(r, "<label class=\"wide\">撤回原因<input name=\"reason\" required maxlength=\"200\"></label>"
                    "<p><button>撤回公告</button></p></form>");
    } else {
        html_raw(r, "<div class=\"markdown announcement-body\">");
        html_markdown(r, a.body_md);
        html_raw(r, "</div>");
    }
    html_raw(r, "<h2>版本</h2><table class=\"list\"><thead><tr><th class=\"num\">版本</th><th>标题</th>"
                "<th class=\"num\">正文字数</th><th>保存人</th><th>时间</th></tr></thead><tbody>");
    struct versions_ctx vc = {r, a.head.id};
    ann_versions(r->db, a.head.id, version_row, &vc);
    html_raw(r, "</tbody></table>");
    ann_free(&a);
    html_end(r);
}

void page_announcement_show(struct req *r)
{
    show_page(r, r->id[0], NULL, NULL);
}

void page_announcement_save(struct req *r)
{
    struct err e = {0};
    struct form_values v = submitted(r);
    struct ann_input in = input_of(r, &v);
    enum form_confirm_step step = publish_step(r, &in);
    if (step == FORM_EDIT)
        show_page(r, r->id[0], &v, NULL);
    if (step != FORM_CONFIRMED)
        return;
    if (ann_save(r->db, &r->user, r->id[0], v.version, &in, r->today, &e) == 0) {
        char loc[80];
        snprintf(loc, sizeof loc, "/announcements/%lld?ok=%s", (long long)r->id[0],
                 in.publish ? "published" : "updated");
        reply_redirect(r, loc);
        return;
    }
    show_page(r, r->id[0], &v, &e);
    r->status = e.status;
}

void page_announcement_withdraw(struct req *r)
{
    struct err e = {0};
    if (ann_withdraw(r->db, &r->user, r->id[0], req_form(r, "reason"), &e) == 0) {
        char loc[80];
        snprintf(loc, sizeof loc, "/announcements/%lld?ok=withdrawn", (long long)r->id[0]);
        reply_redirect(r, loc);
        return;
    }
    show_page(r, r->id[0], NULL, &e);
    r->status = e.status;
}

void page_announcement_preview(struct req *r)
{
    struct form_values v = submitted(r);
    if (req_form(r, "fragment")) { /* for announce.js: the rendered body only */
        char *html = markdown_to_html(v.body, strlen(v.body));
        buf_puts(&r->out, html ? html : "");
        free(html);
        r->content_type = "text/html; charset=utf-8";
        r->status = 200;
        return;
    }
    if (v.id > 0) {
        show_page(r, v.id, &v, NULL);
        return;
    }
    new_page(r, &v, NULL, v.body);
}

void page_announcement_version(struct req *r)
{
    struct announcement a, v;
    struct err e = {0};
    if (ann_get(r->db, &r->user, r->id[0], &a, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    if ((r->id[1] > 1000000 && err_set(&e, 404, "not_found", NULL, "该版本不存在")) ||
        ann_get_version(r->db, r->id[0], (int)r->id[1], &v, &e) != 0) {
        ann_free(&a); /* a missing version: the announcement was loaded (a leak fuzz_request found) */
        html_error_page(r, &e);
        return;
    }
    html_begin(r, "公告版本");
    html_printf(r, "<p><a href=\"/announcements/%lld\">← 返回公告</a></p><h1>", (long long)a.head.id);
    html_text(r, v.head.title);
    html_printf(r, "</h1><p class=\"muted\">第 %d 版（当前为第 %d 版），", v.head.version, a.head.version);
    html_text(r, v.saved_by);
    html_raw(r, " 保存于 ");
    html_text(r, v.head.saved_at);
    html_raw(r, "</p><div class=\"markdown announcement-body\">");
    html_markdown(r, v.body_md);
    html_raw(r, "</div><details><summary>原文（含格式标记）</summary><pre class=\"source\">");
    html_text(r, v.body_md);
    html_raw(r, "</pre></details>");
    ann_free(&v);
    ann_free(&a);
    html_end(r);
}
