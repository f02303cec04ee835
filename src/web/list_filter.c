/* list_filter.c: the village and period filters and totals of the staff lists (see list_filter.h). */
#include "list_filter.h"

#include <string.h>

#include "form.h"
#include "html.h"
#include "unit.h"

/* Reads one date of the query into d ({0} when absent or empty). 0, or -1 with e. */
static int query_date(struct req *r, const char *name, const char *label, struct date *d, struct err *e)
{
    const char *s = req_query(r, name);
    memset(d, 0, sizeof *d);
    if (!s || !*s)
        return 0;
    if (date_parse(s, d) != 0)
        return err_set(e, 422, "invalid_date", name, "%s应为日期，例如 2026-01-31", label);
    return 0;
}

int list_where_read(struct req *r, struct list_where *w, struct err *e)
{
    w->village_id = req_query_int(r, "village_id", 0);
    if (query_date(r, "from", "起始日期", &w->from, e) != 0 || query_date(r, "to", "截止日期", &w->to, e) != 0)
        return -1;
    if (w->from.y && w->to.y && date_cmp(w->from, w->to) > 0)
        return err_set(e, 422, "invalid_period", "from", "起始日期不能晚于截止日期");
    return 0;
}

struct village_options {
    struct req *r;
    int64_t selected;
};

/* One village option. */
static void village_option(const struct unit *u, void *ctx)
{
    struct village_options *o = ctx;
    html_printf(o->r, "<option value=\"%lld\"%s>", (long long)u->id, u->id == o->selected ? " selected" : "");
    html_text(o->r, u->name);
    html_raw(o->r, "</option>");
}

void list_where_fields(struct req *r, const struct list_where *w, const char *label)
{
    struct village_options o = {r, w->village_id};
    html_raw(r, "<label>村<select name=\"village_id\"><option value=\"0\">全部</option>");
    unit_list(r->db, r->user.unit_path, "village", village_option, &o);
    char from[11] = "", to[11] = "";
    if (w->from.y)
        date_format(w->from, from);
    if (w->to.y)
        date_format(w->to, to);
    html_printf(r, "</select></label><label>%s自<input type=\"date\" name=\"from\" value=\"%s\"></label>"
                   "<label>至<input type=\"date\" name=\"to\" value=\"%s\"></label>",
                label, from, to);
}

void list_totals_line(struct req *r, int64_t count, const char *what, int64_t fen)
{
    char money[FORM_MONEY_SIZE];
    html_printf(r, "<p class=\"totals\">共 %lld 条（按筛选条件，全部页）· %s合计 %s</p>", (long long)count, what,
                form_money(fen, money, sizeof money));
}
