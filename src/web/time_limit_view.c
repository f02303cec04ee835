/* time_limit_view.c: a case's time-limited steps on its page and in its JSON (see time_limit_view.h). */
#include "time_limit_view.h"

#include <stdio.h>

#include "calendar.h"
#include "html.h"

const char *time_limit_case_href(const struct timeliness_case *c, char out[TIME_LIMIT_HREF_SIZE])
{
    const char *base = c->service == TL_COMPLAINT                                      ? "/complaints"
                       : c->service >= TL_RELIEF_VERIFY && c->service <= TL_RELIEF_PAY ? "/relief"
                                                                                       : "/loans";
    snprintf(out, TIME_LIMIT_HREF_SIZE, "%s/%lld", base, (long long)c->case_id);
    return out;
}

const char *time_limit_state_name(const struct timeliness_case *c)
{
    if (c->finished_on.y)
        return c->late ? "超时办结" : "按时办结";
    return c->late ? "已超期" : "办理中";
}

/* Writes one step's row; ctx is the request. */
static void step_row(const struct timeliness_case *c, void *ctx)
{
    struct req *r = ctx;
    char s[11], d[11], f[11];
    html_raw(r, "<tr><td>");
    html_text(r, timelimit_service_name(c->service));
    html_printf(r, "</td><td>%s</td><td>%s</td><td>%s</td>", date_format(c->started_on, s), date_format(c->due_on, d),
                c->finished_on.y ? date_format(c->finished_on, f) : "—");
    html_raw(r, c->late ? "<td class=\"alert\">" : "<td>");
    html_printf(r, "%s</td><td>", time_limit_state_name(c));
    html_text(r, c->handler_id ? c->handler : "未指定");
    html_raw(r, "</td><td>");
    html_text(r, c->backup_id ? c->backup : "未指定");
    html_raw(r, "</td></tr>");
}

/* The section being written: the page and the steps written so far. */
struct section {
    struct req *r;
    int n;
};

/* Writes a step, opening the section's table before the first. */
static void section_row(const struct timeliness_case *c, void *ctx)
{
    struct section *s = ctx;
    if (!s->n++)
        html_raw(s->r, "<h2>办理时限</h2><table class=\"list time-limits\"><thead><tr><th>环节</th>"
                       "<th>开始</th><th>办理期限</th><th>办结</th><th>状态</th><th>经办人（A角）</th><th>B角</th></tr>"
                       "</thead><tbody>");
    step_row(c, s->r);
}

void time_limit_section(struct req *r, enum timeliness_kind kind, int64_t id)
{
    struct section s = {r, 0};
    timeliness_steps(r->db, &r->user, kind, id, r->today, section_row, &s);
    if (s.n)
        html_printf(r, "</tbody></table><p class=\"muted small\">办理期限按工作日计算（节假日顺延，调休上班日计入），"
                       "时限由管理员在<a href=\"/time-limits\">办理时限</a>中设置。</p>");
}

/* Appends a step's JSON to the array ctx. */
static void step_json(const struct timeliness_case *c, void *ctx)
{
    json_array_append_new(ctx, timeliness_case_json(c));
}

json_t *time_limit_steps_json(struct req *r, enum timeliness_kind kind, int64_t id)
{
    json_t *a = json_array();
    if (a)
        timeliness_steps(r->db, &r->user, kind, id, r->today, step_json, a);
    return a;
}

unsigned time_limit_openable(struct req *r)
{
    unsigned m = 0;
    for (int s = 0; s < TL__MAX; s++) {
        char href[TIME_LIMIT_HREF_SIZE];
        struct timeliness_case c = {.service = (enum timelimit_service)s, .case_id = 1};
        if (html_may_open(r, time_limit_case_href(&c, href)))
            m |= 1u << s;
    }
    return m;
}

struct timeliness_open_query time_limit_query(struct req *r, int late, int limit, int offset)
{
    struct timeliness_open_query q = {.services = time_limit_openable(r), .limit = limit, .offset = offset};
    if (late)
        q.due_to = date_add_days(r->today, -1);
    else {
        q.due_from = r->today;
        q.due_to = calendar_add_working_days(r->db, r->today, timelimit_due_soon_days(r->db));
    }
    return q;
}
