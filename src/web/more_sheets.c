/* more_sheets.c: the complaints, trainings, information items, category changes, programmes and rolls lists as sheets (see more_sheets.h). */
#include "more_sheets.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"

#include "complaint.h"
#include "household_change.h"
#include "information.h"
#include "member_status.h"
#include "money.h"
#include "record_sheets.h"
#include "roll.h"
#include "training.h"

/* How one of these lists is laid out as a sheet: its title and heads, each column's kind as one
   letter (i whole number, d date, m money, - text), the widths that differ from 1 (0: 1), and
   whether it prints landscape. */
struct more_layout {
    const char *title;
    const char *const *heads;
    const char *kinds;
    float widths[TABLE_MAX_COLS];
    int landscape;
};

/* The one builder of these sheets' frame: starts s as l lays it out, with the scope subtitle. */
static void more_sheet_begin(struct req *r, struct sheet *s, const struct more_layout *l)
{
    sheet_init(s, l->title, l->heads);
    for (int c = 0; c < s->ncols && l->kinds[c]; c++) {
        if (l->kinds[c] == 'i')
            sheet_int_column(s, c);
        else if (l->kinds[c] == 'd')
            sheet_date_column(s, c);
        else if (l->kinds[c] == 'm')
            sheet_money_column(s, c);
    }
    for (int c = 0; c < s->ncols; c++)
        if (l->widths[c] > 0)
            s->widths[c] = l->widths[c];
    s->landscape = l->landscape;
    scope_subtitle(r, s);
}

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
    static const struct more_layout layout = {"投诉和意见", heads, "i---dd-----d", {[3] = 3}, 1};
    more_sheet_begin(r, s, &layout);
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
    static const struct more_layout layout = {"技术培训", heads, "id----ii", {[2] = 2.4f}, 1};
    more_sheet_begin(r, s, &layout);
    struct training_filter all = *(const struct training_filter *)arg;
    all.limit = list_export_limit(r), all.offset = 0;
    struct err e = {0};
    return training_list(r->db, &r->user, &all, training_sheet_row, s, &e) < 0 ? -1 : 0;
}

/* One information item. */
static void info_sheet_row(const struct info_row *t, void *ctx)
{
    char id[24], villages[24], households[24];
    const char *cells[] = {sheet_num(t->id, id), t->on, info_kind_name(info_kind_parse(t->kind)), t->title, t->unit,
                           t->text, sheet_num(t->villages, villages), sheet_num(t->households, households)};
    sheet_row(ctx, cells);
}

int more_information_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"编号", "日期", "类别", "标题", "发送单位", "内容", "接收村数", "接收户数", NULL};
    sheet_init(s, "信息服务", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 1);
    sheet_int_column(s, 6);
    sheet_int_column(s, 7);
    s->widths[5] = 3;
    s->landscape = 1;
    scope_subtitle(r, s);
    struct info_filter all = *(const struct info_filter *)arg;
    all.limit = list_export_limit(r), all.offset = 0;
    struct err e = {0};
    return info_list(r->db, &r->user, &all, info_sheet_row, s, &e) < 0 ? -1 : 0;
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
    if (c->doc_size > 0)
        snprintf(size, sizeof size, "%lld KB", (long long)((c->doc_size + 1023) / 1024));
    else
        size[0] = '\0';
    const char *cells[] = {sheet_num(c->id, id), c->head_name, c->village_name, cats,
                           c->doc_size > 0 ? c->doc_name : "尚未上传", size, c->maker,
                           clock_china_stamp(c->made_at, made), hh_change_state_name(c->state), c->decider,
                           *c->decided_at ? clock_china_stamp(c->decided_at, decided) : "", c->reason};
    sheet_row(cs->s, cells);
}

int more_changes_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct more_change_query *q = arg;
    static const char *const heads[] = {"编号", "户主", "村", "新增类别", "证明材料", "大小", "提交人", "提交时间",
                                        "状态", "审批人", "审批时间", "驳回理由", NULL};
    static const struct more_layout layout = {"家庭类别审批", heads, "i", {[4] = 1.6f, [11] = 2}, 1};
    more_sheet_begin(r, s, &layout);
    struct err e = {0};
    struct change_sheet cs = {s, 0};
    int n = household_change_list(r->db, &r->user, q->which, q->household_id, change_sheet_row, &cs, &e);
    return n < 0 || cs.failed ? -1 : 0;
}

/* Appends to out (of MORE_RULES_TEXT_SIZE, used bytes so far in *used); 0, or -1 when it does not fit. */
static int __attribute__((format(printf, 3, 4))) rules_put(char *out, size_t *used, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out + *used, MORE_RULES_TEXT_SIZE - *used, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= MORE_RULES_TEXT_SIZE - *used)
        return -1;
    *used += (size_t)n;
    return 0;
}

const char *more_programme_rules(const struct programme *p, char out[MORE_RULES_TEXT_SIZE])
{
    size_t used = 0;
    int bad = 0, any = 1;
    out[0] = 0;
    if (p->categories) {
        bad |= rules_put(out, &used, "家庭类别：");
        for (int c = 0, first = 1; c < HC__MAX; c++)
            if (p->categories & (1u << c)) {
                bad |= rules_put(out, &used, "%s%s", first ? "" : "或", hh_category_name(c));
                first = 0;
            }
        bad |= rules_put(out, &used, "（含其包含的类别）；");
        any = 0;
    }
    if (p->min_age >= 0)
        bad |= rules_put(out, &used, "当年 %s 满 %d 周岁；", p->age_on, p->min_age);
    if (p->max_age >= 0)
        bad |= rules_put(out, &used, "当年 %s 不超过 %d 周岁；", p->age_on, p->max_age);
    if (p->sex[0])
        bad |= rules_put(out, &used, "%s性；", p->sex[0] == 'M' ? "男" : "女");
    if (p->hukou != HUKOU_NONE)
        bad |= rules_put(out, &used, "%s户籍；", hukou_name(p->hukou));
    any = any && p->min_age < 0 && p->max_age < 0 && !p->sex[0] && p->hukou == HUKOU_NONE;
    if (p->relations) {
        bad |= rules_put(out, &used, "与户主关系：");
        for (int k = 0; k < PROGRAMME_RELATIONS_MAX; k++)
            if (p->relations & (1u << k))
                bad |= rules_put(out, &used, "%s ", programme_relation_names[k]);
        bad |= rules_put(out, &used, "；");
        any = 0;
    }
    if (p->alive_resident)
        bad |= rules_put(out, &used, "参照日健在且未迁出");
    else if (any)
        bad |= rules_put(out, &used, "不限");
    return bad ? NULL : out;
}

/* The programmes' sheet while it is filled; failed: a programme's rules did not fit. */
struct programme_sheet {
    struct req *r;
    struct sheet *s;
    int failed;
};

/* One programme with its amount on the day the sheet is made. */
static void programme_sheet_row(const struct programme *p, void *ctx)
{
    struct programme_sheet *ps = ctx;
    char id[24], on[11], amount[MONEY_TEXT_SIZE], rules[MORE_RULES_TEXT_SIZE];
    int64_t fen = programme_amount_on(ps->r->db, p->id, date_format(ps->r->today, on));
    if (!more_programme_rules(p, rules)) {
        ps->failed = 1;
        return;
    }
    const char *cells[] = {sheet_num(p->id, id), p->name, p->active ? "在用" : "停用",
                           programme_beneficiary_name(p->beneficiary), programme_period_name(p->period),
                           fen ? sheet_fen(fen, amount) : "", p->fund_name, rules};
    sheet_row(ps->s, cells);
}

int more_programmes_sheet(struct req *r, const void *arg, struct sheet *s)
{
    (void)arg;
    static const char *const heads[] = {"编号", "项目", "状态", "对象", "周期", "现行标准（元）", "资金", "条件", NULL};
    static const struct more_layout layout = {"扶助项目", heads, "i----m", {[1] = 2.4f, [6] = 2, [7] = 3}, 1};
    more_sheet_begin(r, s, &layout);
    struct programme_sheet ps = {r, s, 0};
    int n = programme_list(r->db, &r->user, programme_sheet_row, &ps);
    if (n > PROGRAMME_LIST_MAX)
        snprintf(s->after[0], sizeof s->after[0], "共 %d 个项目，本表只列出前 %d 个", n, PROGRAMME_LIST_MAX);
    return n < 0 || ps.failed ? -1 : 0;
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
    static const struct more_layout layout = {"资格确认名册", heads, "ii---imm", {[3] = 2.4f}, 0};
    more_sheet_begin(r, s, &layout);
    int64_t n = roll_list(r->db, &r->user, arg ? *(const int64_t *)arg : 0, roll_sheet_row, s);
    if (n > ROLL_LIST_MAX)
        snprintf(s->after[0], sizeof s->after[0], "共 %lld 本名册，本表只列出最近 %d 本", (long long)n, ROLL_LIST_MAX);
    return n < 0 ? -1 : 0;
}
