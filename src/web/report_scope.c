/* report_scope.c: narrowing a report to a unit (see report_scope.h). */
#include "report_scope.h"

#include <stdio.h>
#include <string.h>

#include "html.h"
#include "sheet.h"
#include "unit.h"
#include "user.h"

int report_narrow_scope(struct req *r)
{
    return report_narrow_to(r, req_query_int(r, "unit_id", 0));
}

int report_narrow_to(struct req *r, int64_t id)
{
    struct unit u;
    int inside = 0;
    if (!id)
        return 0;
    if (unit_get_in_scope(r->db, id, r->user.unit_path, &u, &inside) != 0) {
        reply_fail(r, 404, "unit_not_found", "单位不存在");
        return -1;
    }
    if (!inside) {
        reply_fail(r, 403, "out_of_scope", "该单位不在您的管辖范围内");
        return -1;
    }
    r->user.unit_id = u.id;
    snprintf(r->user.unit_name, sizeof r->user.unit_name, "%s", u.name);
    snprintf(r->user.unit_kind, sizeof r->user.unit_kind, "%s", u.kind);
    snprintf(r->user.unit_path, sizeof r->user.unit_path, "%s", u.path);
    return 0;
}

/* Writes one unit's option. */
static void unit_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<option value=\"%lld\"%s>%s", (long long)u->id, u->id == r->user.unit_id ? " selected" : "",
                strcmp(u->kind, "village") ? "" : "　");
    html_text(r, u->name);
    html_raw(r, "</option>");
}

void report_unit_select(struct req *r)
{
    struct user_ctx own;
    /* Offer the units under the user's account, not only under the unit chosen now. */
    if (user_load(r->db, r->user.id, &own) != 0)
        return;
    html_raw(r, "<label>单位<select name=\"unit_id\">");
    unit_list(r->db, own.unit_path, NULL, unit_option, r);
    html_raw(r, "</select></label>");
}

/* Writes base + suffix + "?" + the current query without the page's cursor (after), re-encoded, as an href value. */
static void same_query(struct req *r, const char *base, const char *suffix)
{
    html_text(r, base);
    html_raw(r, suffix);
    int first = 1;
    for (int i = 0; i < r->nquery; i++) {
        if (!strcmp(r->query[i].key, "after"))
            continue; /* a page's cursor: the file holds the whole list */
        html_raw(r, first ? "?" : "&amp;");
        first = 0;
        buf_urlenc(&r->out, r->query[i].key);
        html_raw(r, "=");
        buf_urlenc(&r->out, r->query[i].val ? r->query[i].val : "");
    }
}

void report_export_links(struct req *r, const char *base)
{
    html_raw(r, "<p><a href=\"");
    same_query(r, base, ".csv");
    html_raw(r, "\">导出 CSV</a> · <a href=\"");
    same_query(r, base, ".xlsx");
    html_raw(r, "\">导出Excel</a> · <a href=\"");
    same_query(r, base, ".pdf");
    html_raw(r, "\">打印 PDF</a></p>");
}

/* Writes base?FILTERS&extra&format=fmt as an href value: the current query without format, limit,
   offset, the page's cursor and extra's key (a file holds the whole list). */
static void format_href(struct req *r, const char *base, const char *extra, const char *fmt)
{
    size_t extra_key = extra ? strcspn(extra, "=") : 0;
    html_text(r, base);
    html_raw(r, "?");
    for (int i = 0; i < r->nquery; i++) {
        const char *k = r->query[i].key;
        if (!strcmp(k, "format") || !strcmp(k, "limit") || !strcmp(k, "offset") || !strcmp(k, "page") || !strcmp(k, "after") ||
            (extra && strlen(k) == extra_key && !strncmp(k, extra, extra_key)))
            continue;
        buf_urlenc(&r->out, k);
        html_raw(r, "=");
        buf_urlenc(&r->out, r->query[i].val ? r->query[i].val : "");
        html_raw(r, "&amp;");
    }
    if (extra) {
        html_text(r, extra);
        html_raw(r, "&amp;");
    }
    html_raw(r, "format=");
    html_raw(r, fmt);
}

void report_format_links(struct req *r, const char *base, const char *extra)
{
    html_raw(r, "<p class=\"exports\"><a href=\"");
    format_href(r, base, extra, "csv");
    html_raw(r, "\">导出 CSV</a> · <a href=\"");
    format_href(r, base, extra, "xlsx");
    html_raw(r, "\">导出Excel</a> · <a href=\"");
    format_href(r, base, extra, "pdf");
    html_raw(r, "\">打印 PDF</a></p>");
}

void report_page_tail(struct req *r, const struct sheet *s, const char *base)
{
    report_unit_select(r);
    html_raw(r, "<button>统计</button></form><p class=\"muted\">");
    html_text(r, s->subtitle);
    html_raw(r, "</p>");
    sheet_html(r, s);
    report_export_links(r, base);
}

int report_quarter(struct req *r, const char *s, int in_path, const char *fallback, struct date *from, struct date *to)
{
    if (date_quarter_parse(s && *s ? s : fallback, from, to) != 0) {
        if (in_path)
            reply_fail(r, 404, "not_found", "没有这个季度：季度应写作 2026Q3（第1至第4季度）");
        else
            reply_fail(r, 422, "invalid_quarter", "季度格式应为 2026Q3（第1至第4季度）");
        return -1;
    }
    if (date_cmp(*from, r->today) > 0) {
        reply_fail(r, 422, "quarter_not_begun", "该季度尚未开始，不能生成报表");
        return -1;
    }
    return 0;
}

const char *report_period(struct req *r, const char *from, const char *to, const struct date *first, char *out)
{
    struct date a = first ? *first : r->today, b = r->today;
    char fa[DATE_CN_SIZE], fb[DATE_CN_SIZE];
    if (from && *from && date_parse(from, &a) != 0)
        a = r->today;
    if (to && *to && date_parse(to, &b) != 0)
        b = r->today;
    snprintf(out, REPORT_PERIOD_SIZE, "%s 至 %s", date_chinese(a, fa), date_chinese(b, fb));
    return out;
}

void report_quarter_links(struct req *r, const char *base, const char *chosen, int skip)
{
    html_raw(r, "<p class=\"periods\">");
    for (int k = skip; k < skip + 4; k++) {
        int y = r->today.y, q = (r->today.m - 1) / 3 + 1 - k;
        while (q < 1)
            q += 4, y--;
        char name[DATE_CN_SIZE], code[8];
        snprintf(code, sizeof code, "%04dQ%d", y, q);
        html_raw(r, k > skip ? " · " : "");
        if (!strcmp(code, chosen))
            html_printf(r, "<strong>%s</strong>", date_quarter_cn(y, q, name));
        else
            html_printf(r, "<a href=\"%s?quarter=%s\">%s</a>", base, code, date_quarter_cn(y, q, name));
    }
    html_raw(r, "</p>");
}
