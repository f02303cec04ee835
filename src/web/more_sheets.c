/* more_sheets.c: the complaints, trainings, category changes, programmes and rolls lists as sheets (see more_sheets.h). */
#include "more_sheets.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"

#include "complaint.h"
#include "household_change.h"
#include "money.h"
#include "record_sheets.h"
#include "roll.h"
#include "training.h"

/* One complaint. */
static void complaint_sheet_row(const struct complaint_row *c, void *ctx)
{
    char id[24];
    const char *cells[] = {sheet_num(c->id, id), complaint_category_name(c->category), c->unit, c->text, c->filed_on,
                           c->due_on, c->handler[0] ? c->handler : "未指定", c->backup,
                           strcmp(c->state, "open") ? "已办结" : "办理中", c->late ? "超时" : "", c->satisfaction,
                           c->resolved_on};
    sheet_row(ctx, cells);
}

int more_complaints_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"编号", "类别", "单位", "内容", "登记日期", "办理期限", "经办人", "B角",
                                        "状态", "超时", "满意度", "办结日期", NULL};
    sheet_init(s, "投诉和意见", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 4);
    sheet_date_column(s, 5);
    sheet_date_column(s, 11);
    s->widths[3] = 3;
    s->landscape = 1;
    scope_subtitle(r, s);
    struct complaint_filter all = *(const struct complaint_filter *)arg;
    all.limit = list_export_limit(r), all.offset = 0;
    struct err e = {0};
    return complaint_list(r->db, &r->user, &all, r->today, complaint_sheet_row, s, &e) < 0 ? -1 : 0;
}

/* One training course. */
static void training_sheet_row(const struct training_row *t, void *ctx)
{
    char id[24], attendances[24], households[24];
    const char *cells[] = {sheet_num(t->id, id), t->on, t->title, t->unit, t->place, t->trainer,
                           sheet_num(t->attendances, attendances), sheet_num(t->households, households)};
    sheet_row(ctx, cells);
}

int more_trainings_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"编号", "日期", "培训名称", "举办单位", "地点", "授课人", "参训人次", "参训户数", NULL};
    sheet_init(s, "技术培训", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 1);
    sheet_int_column(s, 6);
    sheet_int_column(s, 7);
    s->widths[2] = 2.4f;
    s->landscape = 1;
    scope_subtitle(r, s);
    struct training_filter all = *(const struct training_filter *)arg;
    all.limit = list_export_limit(r), all.offset = 0;
    struct err e = {0};
    return training_list(r->db, &r->user, &all, training_sheet_row, s, &e) < 0 ? -1 : 0;
}

/* The category changes' sheet while it is filled; failed: a row's categories did not fit. */
struct change_sheet {
    struct sheet *s;
    int failed;
};

/* One category change, its categories joined by 、 (a text too long fails the export, never cut). */
static void change_sheet_row(const struct hh_change *c, void *ctx)
{
    struct change_sheet *cs = ctx;
    char id[24], cats[256] = "", made[CLOCK_STAMP_SIZE], decided[CLOCK_STAMP_SIZE], size[24];
    size_t used = 0;
    for (int k = 0; k < HC__MAX; k++)
        if (c->categories & (1u << k)) {
            int n = snprintf(cats + used, sizeof cats - used, "%s%s", used ? "、" : "", hh_category_name(k));
            if (n < 0 || (size_t)n >= sizeof cats - used) {
                cs->failed = 1;
                return;
            }
            used += (size_t)n;
        }
    snprintf(size, sizeof size, "%lld KB", (long long)((c->doc_size + 1023) / 1024));
    const char *cells[] = {sheet_num(c->id, id), c->head_name, c->village_name, cats, c->doc_name, size, c->maker,
                           clock_china_stamp(c->made_at, made), hh_change_state_name(c->state), c->decider,
                           *c->decided_at ? clock_china_stamp(c->decided_at, decided) : "", c->reason};
    sheet_row(cs->s, cells);
}

int more_changes_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct more_change_query *q = arg;
    static const char *const heads[] = {"编号", "户主", "村", "新增类别", "证明材料", "大小", "提交人", "提交时间",
                                        "状态", "审批人", "审批时间", "驳回理由", NULL};
    sheet_init(s, "家庭类别审批", heads);
    sheet_int_column(s, 0);
    s->widths[4] = 1.6f, s->widths[11] = 2;
    s->landscape = 1;
    scope_subtitle(r, s);
    struct err e = {0};
    struct change_sheet cs = {s, 0};
    int n = household_change_list(r->db, &r->user, q->which, q->household_id, change_sheet_row, &cs, &e);
    return n < 0 || cs.failed ? -1 : 0;
}

/* One programme with its amount on the day the sheet is made. */
static void programme_sheet_row(const struct programme *p, void *ctx)
{
    struct req *r = ((void **)ctx)[0];
    char id[24], on[11], amount[MONEY_TEXT_SIZE];
    int64_t fen = programme_amount_on(r->db, p->id, date_format(r->today, on));
    const char *cells[] = {sheet_num(p->id, id), p->name, p->active ? "在用" : "停用",
                           programme_beneficiary_name(p->beneficiary), programme_period_name(p->period),
                           fen ? sheet_fen(fen, amount) : "", p->fund_name};
    sheet_row(((void **)ctx)[1], cells);
}

int more_programmes_sheet(struct req *r, const void *arg, struct sheet *s)
{
    (void)arg;
    static const char *const heads[] = {"编号", "项目", "状态", "对象", "周期", "现行标准（元）", "资金", NULL};
    sheet_init(s, "扶助项目", heads);
    sheet_int_column(s, 0);
    sheet_money_column(s, 5);
    s->widths[1] = 2.4f, s->widths[6] = 2;
    scope_subtitle(r, s);
    void *ctx[2] = {r, s};
    int n = programme_list(r->db, &r->user, programme_sheet_row, ctx);
    if (n > PROGRAMME_LIST_MAX)
        snprintf(s->after[0], sizeof s->after[0], "共 %d 个项目，本表只列出前 %d 个", n, PROGRAMME_LIST_MAX);
    return n < 0 ? -1 : 0;
}

/* One roll with its counts and amounts. */
static void roll_sheet_row(const struct roll *x, void *ctx)
{
    char id[24], year[24], rows[24], total[MONEY_TEXT_SIZE], paid[MONEY_TEXT_SIZE];
    const char *cells[] = {sheet_num(x->id, id), sheet_num(x->year, year), x->unit_name, x->programme,
                           roll_state_name(x->state), sheet_num(x->n_new + x->n_continued + x->n_added, rows),
                           sheet_fen(x->total_fen, total), sheet_fen(x->paid_fen, paid)};
    sheet_row(ctx, cells);
}

int more_rolls_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"编号", "年度", "单位", "项目", "状态", "人数", "金额（元）", "已发放（元）", NULL};
    sheet_init(s, "资格确认名册", heads);
    sheet_int_column(s, 0);
    sheet_int_column(s, 1);
    sheet_int_column(s, 5);
    sheet_money_column(s, 6);
    sheet_money_column(s, 7);
    s->widths[3] = 2.4f;
    scope_subtitle(r, s);
    int64_t n = roll_list(r->db, &r->user, arg ? *(const int64_t *)arg : 0, roll_sheet_row, s);
    if (n > ROLL_LIST_MAX)
        snprintf(s->after[0], sizeof s->after[0], "共 %lld 本名册，本表只列出最近 %d 本", (long long)n, ROLL_LIST_MAX);
    return n < 0 ? -1 : 0;
}
