/* assessment_sheet.c: the assessment for page, API and files (see assessment_sheet.h). */
#include "assessment_sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_scope.h"

int assessment_period_read(struct req *r, int public, struct assess_period *p)
{
    struct err e = {0};
    const char *quarter = req_query(r, "quarter"), *month = req_query(r, "month");
    char last[8];
    if (public) {
        struct date before = date_add_days((struct date){r->today.y, (r->today.m - 1) / 3 * 3 + 1, 1}, -1);
        snprintf(last, sizeof last, "%04dQ%d", before.y, (before.m - 1) / 3 + 1);
        month = NULL;
        quarter = quarter && *quarter ? quarter : last;
    }
    if (assess_period_parse(quarter, month, r->today, p, &e) == 0 && public && date_cmp(p->to, r->today) >= 0)
        err_set(&e, 422, "period_not_ended", "quarter", "公示栏只公布已经结束的季度");
    if (e.status) {
        reply_error(r, &e);
        return -1;
    }
    return 0;
}

int assessment_compute(struct db *db, const char *scope, int officers, struct assessment *a, struct err *e)
{
    struct assess_handlers handlers = {0};
    assess_weights_get(db, &a->weights);
    int rc = assess_run(db, scope, &a->period, &a->weights, officers ? &handlers : NULL, &a->rows, &a->n, e);
    if (rc == 0 && officers)
        rc = assess_officers(db, scope, &a->period, &a->weights, a->rows, a->n, &handlers, &a->officers,
                             &a->n_officers, e);
    free(handlers.h);
    if (rc != 0)
        assessment_free(a);
    return rc;
}

int assessment_load(struct req *r, struct assessment *a)
{
    struct err e = {0};
    memset(a, 0, sizeof *a);
    if (report_narrow_scope(r) != 0 || assessment_period_read(r, 0, &a->period) != 0)
        return -1;
    if (assessment_compute(r->db, r->user.unit_path, 1, a, &e) != 0) {
        reply_error(r, &e);
        return -1;
    }
    return 0;
}

void assessment_free(struct assessment *a)
{
    free(a->rows);
    free(a->officers);
    a->rows = a->officers = NULL;
    a->n = a->n_officers = 0;
}

int assessment_open(struct req *r, struct assessment *a, struct sheet *s)
{
    if (assessment_load(r, a) != 0)
        return 1;
    assessment_sheet(r, a, s);
    if (!sheet_reply_by_format(r, s, "assessment.csv"))
        return 0;
    assessment_close(a, s);
    return 1;
}

void assessment_close(struct assessment *a, struct sheet *s)
{
    sheet_free(s);
    assessment_free(a);
}

const char *assessment_period_cn(const struct assess_period *p, char *out)
{
    if (strchr(p->code, 'Q'))
        return date_quarter_cn(p->from.y, (p->from.m - 1) / 3 + 1, out);
    snprintf(out, DATE_CN_SIZE * 2, "%d年%d月", p->from.y, p->from.m);
    return out;
}

#define UNIT_CELL_SIZE (2 * NAME_SIZE + 32)
/* A row's name as a sheet shows it: villages indented under their township, and their officers
   under them ("专干 张三"). */
static void unit_cell(const struct assess_figures *f, char out[UNIT_CELL_SIZE])
{
    if (f->user_id)
        snprintf(out, UNIT_CELL_SIZE, "　　专干 %s", f->officer);
    else
        snprintf(out, UNIT_CELL_SIZE, "%s%s", strcmp(f->kind, "village") ? "" : "　", f->name);
}

/* The weights in words after a sheet: "权重：结对覆盖率 15、…；得分 = Σ 权重 × 比率". */
static void weights_line(const struct assessment *a, struct sheet *s)
{
    size_t used = 0;
    char *out = s->after[0];
    used += (size_t)snprintf(out, SHEET_LINE_SIZE, "权重：");
    for (int i = 0; i < AS__ITEMS && used < SHEET_LINE_SIZE; i++)
        used += (size_t)snprintf(out + used, SHEET_LINE_SIZE - used, "%s%s %d", i ? "、" : "", assess_item_name(i),
                                 a->weights.w[i]);
    if (used < SHEET_LINE_SIZE)
        snprintf(out + used, SHEET_LINE_SIZE - used, "；得分 = 各项权重 × 比率之和（满分 100）");
}

void assessment_sheet(struct req *r, const struct assessment *a, struct sheet *s)
{
    static const char *const heads[] = {"单位",     "户数",     "结对户",   "走访次数", "结对户走访", "培训期数",
                                        "参训人次", "结对户参训", "信息条数", "信息到村",   "贷款办结", "救助办结",
                                        "按时办结/应办", "投诉意见", "满意/基本满意/不满意", "逾期/在贷",
                                        "得分",     NULL};
    char period[DATE_CN_SIZE * 2], title[160];
    snprintf(title, sizeof title, "帮富工作考核表（%s）", assessment_period_cn(&a->period, period));
    sheet_init(s, title, heads);
    for (int c = 1; c <= 11; c++)
        sheet_int_column(s, c);
    sheet_int_column(s, 13);
    s->widths[0] = 1.6f;
    s->landscape = 1;
    char from[11], to[11], asof[11];
    sheet_scope_subtitle(s, r, "%s 至 %s，考核日 %s", date_format(a->period.from, from), date_format(a->period.to, to),
                         date_format(a->period.asof, asof));
    for (int i = 0, j = 0; i < a->n || j < a->n_officers;) {
        /* a village's officers right after it */
        int officer = j < a->n_officers && (i == a->n || (i > 0 && a->rows[i - 1].unit_id == a->officers[j].unit_id));
        const struct assess_figures *f = officer ? &a->officers[j++] : &a->rows[i++];
        char name[UNIT_CELL_SIZE], n[12][SHEET_NUM_SIZE], timely[48], sat[72], overdue[48], score[16];
        int64_t v[] = {f->households, f->paired,     f->visits,        f->visited,       f->trainings,     f->attendances,
                       f->trained,    f->info_items, f->info_villages, f->loans_handled, f->relief_handled, f->complaints};
        for (int k = 0; k < 12; k++)
            sheet_num(v[k], n[k]);
        unit_cell(f, name);
        snprintf(timely, sizeof timely, "%lld/%lld", (long long)f->on_time, (long long)(f->handled + f->open_late));
        snprintf(sat, sizeof sat, "%lld/%lld/%lld", (long long)f->satisfied, (long long)f->basic,
                 (long long)f->unsatisfied);
        snprintf(overdue, sizeof overdue, "%lld/%lld", (long long)f->loans_overdue, (long long)f->loans_active);
        const char *cells[] = {name, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10], timely, n[11],
                               sat,  overdue, assess_score_text(f->score_milli, score)};
        sheet_row(s, cells);
    }
    weights_line(a, s);
    if (a->n_officers)
        snprintf(s->after[1], SHEET_LINE_SIZE, "专干：村计生专干对本村负责，其行为本村的数字，但走访次数为本人记录的走访，"
                                               "按时办结/应办为本人作为A角经办的事项");
}

/* A rate as a per cent with one decimal ("87.5%"), or "—" without a base. */
static const char *rate_cell(int64_t num, int64_t den, char out[16])
{
    if (den <= 0)
        return "—";
    int64_t tenths = (num * 2000 + den) / (2 * den);
    snprintf(out, 16, "%lld.%lld%%", (long long)(tenths / 10), (long long)(tenths % 10));
    return out;
}

void assessment_public_sheet(const struct assessment *a, struct sheet *s)
{
    const char *heads[AS__ITEMS + 3] = {"单位"};
    for (int i = 0; i < AS__ITEMS; i++)
        heads[i + 1] = assess_item_name(i);
    heads[AS__ITEMS + 1] = "得分";
    char period[DATE_CN_SIZE * 2], title[160];
    snprintf(title, sizeof title, "帮富工作考核公示（%s）", assessment_period_cn(&a->period, period));
    sheet_init(s, title, heads);
    snprintf(s->subtitle, sizeof s->subtitle, "各镇、村的考核比率和得分；不含任何个人信息。");
    for (int i = 0; i < a->n; i++) {
        const struct assess_figures *f = &a->rows[i];
        char name[UNIT_CELL_SIZE], rates[AS__ITEMS][16], score[16];
        const char *cells[AS__ITEMS + 2];
        unit_cell(f, name);
        cells[0] = name;
        for (int k = 0; k < AS__ITEMS; k++)
            cells[k + 1] = rate_cell(f->num[k], f->den[k], rates[k]);
        cells[AS__ITEMS + 1] = assess_score_text(f->score_milli, score);
        sheet_row(s, cells);
    }
    weights_line(a, s);
}
