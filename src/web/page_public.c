/* page_public.c: the public pages, no login: the home page `/` with the announcements and notices
   published now for the township or village chosen (a plain GET form, no JavaScript), and one
   announcement's page. Phone-sized and printable through app.css and print.css. Thin over
   announcement.c, notice.c and unit.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "announcement.h"
#include "handlers.h"
#include "html.h"
#include "notice.h"
#include "unit.h"

/* The units for the choice, in a growing array. */
struct units {
    struct unit *v;
    int n, cap;
};

/* Appends a unit to the array. */
static void collect_unit(const struct unit *u, void *ctx)
{
    struct units *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        struct unit *grown = realloc(c->v, (size_t)c->cap * sizeof *c->v);
        if (!grown)
            abort();
        c->v = grown;
    }
    c->v[c->n++] = *u;
}

/* The select of townships (each with its villages) for the choice; chosen is selected. */
static void unit_select(struct req *r, const struct units *u, int64_t chosen)
{
    html_raw(r, "<select name=\"unit\" id=\"unit\"><option value=\"\">全部镇、村</option>");
    for (int t = 0; t < u->n; t++) {
        if (strcmp(u->v[t].kind, "township") != 0)
            continue;
        html_raw(r, "<optgroup label=\"");
        html_text(r, u->v[t].name);
        html_printf(r, "\"><option value=\"%lld\"%s>", (long long)u->v[t].id, u->v[t].id == chosen ? " selected" : "");
        html_text(r, u->v[t].name);
        html_raw(r, "（全镇）</option>");
        for (int v = 0; v < u->n; v++) {
            if (u->v[v].parent_id != u->v[t].id || strcmp(u->v[v].kind, "village") != 0)
                continue;
            html_printf(r, "<option value=\"%lld\"%s>", (long long)u->v[v].id, u->v[v].id == chosen ? " selected" : "");
            html_text(r, u->v[v].name);
            html_raw(r, "</option>");
        }
        html_raw(r, "</optgroup>");
    }
    html_raw(r, "</select>");
}

/* Opens an item of a home-page list: the link to path/id with the title, then the grey line. */
static void item_start(struct req *r, const char *path, int64_t id, const char *title)
{
    html_printf(r, "<li><a href=\"%s/%lld\">", path, (long long)id);
    html_text(r, title);
    html_raw(r, "</a><span class=\"meta\">");
}

/* One announcement of the home page. */
static void announcement_item(const struct ann_row *x, void *ctx)
{
    struct req *r = ctx;
    item_start(r, "/a", x->id, x->title);
    html_text(r, x->unit_name);
    html_raw(r, " · ");
    html_text(r, x->publish_from);
    html_raw(r, "</span></li>");
}

/* One notice of the home page. */
static void notice_item(const struct notice *n, void *ctx)
{
    struct req *r = ctx;
    item_start(r, "/notices", n->id, n->title);
    html_raw(r, "公示期 ");
    html_text(r, n->starts_on);
    html_raw(r, " 至 ");
    html_text(r, n->ends_on);
    html_raw(r, "</span></li>");
}

void page_public_home(struct req *r)
{
    struct units u = {0};
    unit_list(r->db, "/", NULL, collect_unit, &u);
    int64_t chosen = req_query_int(r, "unit", 0);
    const char *chosen_name = NULL;
    for (int i = 0; i < u.n; i++)
        if (u.v[i].id == chosen && strcmp(u.v[i].kind, "district") != 0)
            chosen_name = u.v[i].name;
    if (!chosen_name)
        chosen = 0;
    html_begin(r, "公示公告");
    html_raw(
        r,
        "<section class=\"public\"><h1>公示公告</h1><p class=\"muted\">计划生育协会“计生信贷助富”项目与困难家庭救助的"
        "公告和公示。</p><form method=\"get\" action=\"/\" class=\"unit-choice\"><label for=\"unit\">选择您所在的镇、村"
        "</label>");
    unit_select(r, &u, chosen);
    html_raw(r, "<button>查看</button></form>");
    if (chosen_name) {
        html_raw(r, "<p class=\"chosen\">正在查看：");
        html_text(r, chosen_name);
        html_raw(r, "（含全区和上级单位的公告）</p>");
    }
    html_raw(r, "<h2>公告</h2><ul class=\"public-list\">");
    if (ann_list_public(r->db, chosen, r->today, 100, announcement_item, r) == 0)
        html_raw(r, "<li class=\"muted\">目前没有正在发布的公告。</li>");
    html_raw(r, "</ul><h2>公示</h2><ul class=\"public-list\">");
    int notices = notice_list(r->db, NULL, chosen, r->today, notice_item, r);
    if (notices == 0)
        html_raw(r, "<li class=\"muted\">目前没有正在公示的名单。</li>");
    else if (notices > NOTICE_LIST_MAX)
        html_printf(r, "<li class=\"muted\">正在公示的共 %d 份，这里列出最新的 %d 份。</li>", notices, NOTICE_LIST_MAX);
    html_raw(
        r,
        "</ul><p class=\"muted\">对公示名单有异议的，请在公示期内打开该公示提交，或按公示上的电话反映。</p>"
        "<p><a href=\"/complaint\">投诉和意见（全年受理）</a> · <a href=\"/public/assessment\">工作考核公示</a></p></section>");
    free(u.v);
    html_end(r);
}

void page_public_announcement(struct req *r)
{
    struct announcement a;
    struct err e = {0};
    if (ann_get_public(r->db, r->id[0], r->today, &a, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    html_begin(r, a.head.title);
    html_raw(r, "<article class=\"public announcement\"><p class=\"crumbs\"><a href=\"/\">← 公示公告</a></p><h1>");
    html_text(r, a.head.title);
    html_raw(r, "</h1><p class=\"meta\">");
    html_text(r, a.head.unit_name);
    html_raw(r, " · 发布日期 ");
    html_text(r, a.head.publish_from);
    if (*a.head.publish_until) {
        html_raw(r, " · 有效期至 ");
        html_text(r, a.head.publish_until);
    }
    if (a.head.version > 1) {
        char day[11];
        snprintf(day, sizeof day, "%s", a.head.saved_at);
        html_raw(r, " · 更新于 ");
        html_text(r, day);
    }
    html_raw(r, "</p><div class=\"markdown announcement-body\">");
    html_markdown(r, a.body_md);
    html_printf(r, "</div><p class=\"pdf-link\"><a href=\"/a/%lld.pdf\">打印版（PDF，适合张贴）</a></p></article>",
                (long long)a.head.id);
    ann_free(&a);
    html_end(r);
}
