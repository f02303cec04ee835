/* page_timeliness.c: the timeliness report (限时办结情况) by village, township or handler and by
   service, on screen, as CSV, XLSX and PDF, and as JSON (GET /api/v1/reports/timeliness). */
#include <stdio.h>
#include <string.h>

#include "api_util.h"
#include "handlers.h"
#include "html.h"
#include "report_scope.h"
#include "sheet.h"
#include "timeliness.h"

/* The report's question: grouping and period. */
struct ask {
    int by;
    struct date from, to;
};

/* Reads ?by= (village, township, handler; village when absent), ?from= (1 January of this year)
   and ?to= (today). 0, or -1 after replying 422 invalid_query. */
static int ask_read(struct req *r, struct ask *a)
{
    const char *by = req_query(r, "by"), *f = req_query(r, "from"), *t = req_query(r, "to");
    a->by = by && *by ? timeliness_by_parse(by) : TB_VILLAGE;
    a->from = (struct date){r->today.y, 1, 1};
    a->to = r->today;
    if (a->by < 0 || (f && *f && date_parse(f, &a->from) != 0) || (t && *t && date_parse(t, &a->to) != 0) ||
        date_cmp(a->from, a->to) > 0) {
        reply_fail(r, 422, "invalid_query", "分组应为 village、township 或 handler，日期应为 YYYY-MM-DD，起始日不晚于截止日");
        return -1;
    }
    return 0;
}

/* The sheet being filled and the totals. */
struct fill {
    struct sheet *s;
    int by;
    int64_t handled, on_time, late, open_late;
};

/* The share on time of the handled, "95.0%" (or "—" when none was handled), into out (16). */
static const char *rate_text(int64_t on_time, int64_t handled, char out[16])
{
    if (!handled)
        snprintf(out, 16, "—");
    else
        snprintf(out, 16, "%.1f%%", 100.0 * (double)on_time / (double)handled);
    return out;
}

/* Adds one group's row. */
static void fill_row(const struct timeliness_figures *x, void *ctx)
{
    struct fill *f = ctx;
    char h[SHEET_NUM_SIZE], o[SHEET_NUM_SIZE], l[SHEET_NUM_SIZE], ol[SHEET_NUM_SIZE], rate[16];
    const char *who = f->by == TB_HANDLER ? (x->handler_id ? x->handler : "未指定") : x->unit;
    const char *cells[] = {who, timelimit_service_name(x->service), sheet_num(x->handled, h), sheet_num(x->on_time, o),
                           sheet_num(x->late, l), rate_text(x->on_time, x->handled, rate), sheet_num(x->open_late, ol)};
    sheet_row(f->s, cells);
    f->handled += x->handled, f->on_time += x->on_time, f->late += x->late, f->open_late += x->open_late;
}

/* Builds the report's sheet. 0, or -1 when the figures could not be read (the sheet is then freed). */
static int timeliness_sheet(struct req *r, const struct ask *a, struct sheet *s)
{
    static const char *const heads[] = {"村", "服务", "办结件数", "按时办结", "超时办结", "按时办结率", "超期未办结", NULL};
    static const char *const first[TB__MAX] = {"村（单位）", "镇", "经办人"};
    sheet_init(s, "限时办结情况统计", heads);
    s->heads[0] = first[a->by];
    for (int c = 2; c <= 6; c++)
        if (c != 5)
            sheet_int_column(s, c);
    s->widths[0] = 2.5f;
    s->widths[1] = 2.5f;
    char f[11], t[11];
    if (sheet_scope_subtitle(s, r, "办结日期 %s 至 %s · %s · 超期未办结按 %s 计", date_format(a->from, f),
                             date_format(a->to, t), timeliness_by_name(a->by),
                             date_cmp(a->to, r->today) < 0 ? "截止日" : "今天") != 0) {
        sheet_free(s);
        return -1;
    }
    s->total_rows = 1;
    struct fill fl = {s, a->by, 0, 0, 0, 0};
    if (timeliness_report(r->db, &r->user, TB_BIT(a->by), a->from, a->to, r->today, fill_row, &fl) < 0) {
        sheet_free(s);
        return -1;
    }
    char h[SHEET_NUM_SIZE], o[SHEET_NUM_SIZE], l[SHEET_NUM_SIZE], ol[SHEET_NUM_SIZE], rate[16];
    const char *total[] = {"合计", "", sheet_num(fl.handled, h), sheet_num(fl.on_time, o), sheet_num(fl.late, l),
                           rate_text(fl.on_time, fl.handled, rate), sheet_num(fl.open_late, ol)};
    sheet_row(s, total);
    return 0;
}

void page_timeliness_report(struct req *r)
{
    struct ask a;
    struct sheet s;
    if (report_narrow_scope(r) != 0 || ask_read(r, &a) != 0)
        return;
    if (timeliness_sheet(r, &a, &s) != 0) {
        reply_fail(r, 500, "internal", "统计失败，请稍后再试");
        return;
    }
    if (sheet_reply_by_format(r, &s, "timeliness.csv")) {
        sheet_free(&s);
        return;
    }
    char f[11], t[11];
    html_begin(r, "限时办结情况");
    html_raw(r, "<div class=\"titlebar\"><h1>限时办结情况统计</h1><span><a href=\"/time-limits\">办理时限</a></span></div>"
                "<p class=\"muted\">办结件数按办结日期落在期间内计；按时办结指在办理期限（含当日）内办结；超期未办结指到截止日"
                "（截止日晚于今天时按今天）仍未办结且已过办理期限的事项。</p>"
                "<form class=\"search\" method=\"get\" action=\"/reports/timeliness\"><label>分组<select name=\"by\">");
    for (int b = 0; b < TB__MAX; b++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", timeliness_by_code(b), b == a.by ? " selected" : "",
                    timeliness_by_name(b));
    html_printf(r, "</select></label><label>自<input type=\"date\" name=\"from\" value=\"%s\"></label>"
                   "<label>至<input type=\"date\" name=\"to\" value=\"%s\"></label>",
                date_format(a.from, f), date_format(a.to, t));
    report_page_tail(r, &s, "/reports/timeliness");
    html_end(r);
    sheet_free(&s);
}

/* The JSON being built: the items and the grouping. */
struct items {
    json_t *a;
    int by;
};

/* Appends a group's figures as JSON. */
static void item_json(const struct timeliness_figures *x, void *ctx)
{
    struct items *it = ctx;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "unit_id", (json_int_t)x->unit_id, "unit", x->unit,
                          "service", timelimit_service_code(x->service), "service_name", timelimit_service_name(x->service),
                          "handled", (json_int_t)x->handled, "on_time", (json_int_t)x->on_time, "late",
                          (json_int_t)x->late, "open_late", (json_int_t)x->open_late);
    if (o && it->by == TB_HANDLER) {
        json_object_set_new(o, "handler_id", json_integer(x->handler_id));
        json_object_set_new(o, "handler", json_string(x->handler));
    }
    json_array_append_new(it->a, o);
}

void api_timeliness_report(struct req *r)
{
    struct ask a;
    if (report_narrow_scope(r) != 0 || ask_read(r, &a) != 0)
        return;
    if (sheet_asks_for(r, "csv") || sheet_asks_for(r, "xlsx") || sheet_asks_for(r, "pdf")) {
        struct sheet s;
        if (timeliness_sheet(r, &a, &s) != 0)
            reply_fail(r, 500, "internal", "统计失败，请稍后再试");
        else {
            sheet_reply_by_format(r, &s, "timeliness.csv");
            sheet_free(&s);
        }
        return;
    }
    struct items it = {json_array(), a.by};
    char f[11], t[11];
    int n = timeliness_report(r->db, &r->user, TB_BIT(a.by), a.from, a.to, r->today, item_json, &it);
    if (n < 0) {
        json_decref(it.a);
        reply_fail(r, 500, "internal", "统计失败，请稍后再试");
        return;
    }
    reply_json(r, 200, json_pack("{s:s, s:s, s:s, s:o, s:i}", "by", timeliness_by_code(a.by), "from",
                                 date_format(a.from, f), "to", date_format(a.to, t), "items", it.a, "total", n));
}
