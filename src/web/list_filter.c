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

int list_where_page(struct req *r, struct list_where *w, struct err *e)
{
    if (list_where_read(r, w, e) == 0)
        return 0;
    memset(w, 0, sizeof *w);
    if (!req_query(r, "format"))
        return 0;
    reply_error(r, e);
    return -1;
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

void list_where_fields(struct req *r, const struct list_where *w, const char *label, const struct err *e)
{
    struct village_options o = {r, w->village_id};
    html_raw(r, "<label>村<select name=\"village_id\"><option value=\"0\">全部</option>");
    unit_list(r->db, r->user.unit_path, "village", village_option, &o);
    html_raw(r, "</select></label>");
    list_period_fields(r, w, label, e);
}

/* One date field: the date in force, or after a refusal what was typed (the field at fault as a text
   field, so that a browser shows it as typed); the refusal's message after it when it is about this field. */
static void date_field(struct req *r, const char *name, struct date d, const struct err *e)
{
    char on[11] = "";
    int at_fault = e && e->status && !strcmp(e->field, name);
    html_printf(r, "<input type=\"%s\" name=\"%s\" value=\"", at_fault ? "text" : "date", name);
    if (e && e->status)
        html_text(r, req_query(r, name) ? req_query(r, name) : "");
    else if (d.y)
        html_text(r, date_format(d, on));
    html_raw(r, "\">");
    if (e && e->status) {
        r->shown_error = e; /* form_field_error repeats a refusal at its field */
        form_field_error(r, name);
    }
}

void list_period_fields(struct req *r, const struct list_where *w, const char *label, const struct err *e)
{
    html_printf(r, "<label>%s自", label);
    date_field(r, "from", w->from, e);
    html_raw(r, "</label><label>至");
    date_field(r, "to", w->to, e);
    html_raw(r, "</label>");
}

void list_totals_line(struct req *r, int64_t count, const char *what, int64_t fen)
{
    char money[FORM_MONEY_SIZE];
    html_printf(r, "<p class=\"totals\">共 %lld 条（按筛选条件，全部页）· %s合计 %s</p>", (long long)count, what,
                form_money(fen, money, sizeof money));
}
