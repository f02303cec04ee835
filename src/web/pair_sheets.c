/* pair_sheets.c: the pair list's filter and export sheet (see pair_sheets.h). */
#include "pair_sheets.h"

#include <stdio.h>
#include <string.h>

#include "api_util.h"
#include "list_sheets.h"

int pair_filter_read(struct req *r, struct pair_filter *f, struct err *e)
{
    memset(f, 0, sizeof *f);
    f->unit_id = req_query_int(r, "unit_id", 0);
    f->helper_unit_id = req_query_int(r, "helper_unit_id", 0);
    f->household_id = req_query_int(r, "household_id", 0);
    f->helper_household_id = req_query_int(r, "helper_household_id", 0);
    const char *kind = req_query(r, "kind"), *state = req_query(r, "state");
    f->kind = kind && *kind ? helper_kind_parse(kind) : -1;
    if (kind && *kind && f->kind < 0)
        return err_set(e, 422, "invalid_kind", "kind", "帮扶人类别应为 cadre、unit 或 household");
    f->state = !state || !*state ? 0 : !strcmp(state, "active") ? 1 : !strcmp(state, "ended") ? 2 : -1;
    if (f->state < 0)
        return err_set(e, 422, "invalid_state", "state", "状态应为 active（进行中）或 ended（已结束）");
    api_paging(r, &f->limit, &f->offset);
    return 0;
}

/* One pair as a sheet row. */
static void pair_sheet_row(const struct pair_row *p, void *ctx)
{
    char id[24], goals[PAIR_GOALS_TEXT_SIZE];
    snprintf(id, sizeof id, "%lld", (long long)p->id);
    const char *cells[] = {id, p->village, p->head, helper_kind_name(p->kind), p->helper_name, p->unit_name,
                           p->phone, p->from, pair_goals_text((unsigned)p->goals, goals), pair_state_name(p),
                           p->ended_on, p->end_reason};
    sheet_row(ctx, cells);
}

int pair_list_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"编号", "村", "被帮扶户主", "帮扶人类别", "帮扶人", "帮扶单位", "电话",
                                        "结对日期", "帮扶目标", "状态", "结束日期", "结束原因", NULL};
    sheet_init(s, "结对帮扶", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 7);
    sheet_date_column(s, 10);
    s->widths[8] = 1.6f, s->widths[11] = 2;
    s->landscape = 1;
    char t[11];
    snprintf(s->subtitle, sizeof s->subtitle, "范围：%s · 导出日期 %s", r->user.unit_name, date_format(r->today, t));
    struct pair_filter all = *(const struct pair_filter *)arg;
    all.limit = LIST_EXPORT_MAX, all.offset = 0;
    struct err e = {0};
    int64_t n = pair_list(r->db, &r->user, &all, pair_sheet_row, s, &e);
    if (n > LIST_EXPORT_MAX)
        snprintf(s->after[0], sizeof s->after[0], "共 %lld 条，本表只列出前 %d 条", (long long)n, LIST_EXPORT_MAX);
    return n < 0 ? -1 : 0;
}
