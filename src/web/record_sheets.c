/* record_sheets.c: record lists as sheets for CSV, Excel and PDF (see record_sheets.h). */
#include "record_sheets.h"
#include "organisation.h"

#include <stdio.h>

#include "audit.h"
#include "audit_words.h"
#include "loan_book.h"
#include "clock.h"
#include "announcement.h"
#include "masking.h"
#include "notice.h"
#include "money.h"
#include "relief_batch.h"
#include "relief_fund.h"
#include "relief_rules.h"

/* The notices a list shows (the page's and the API's). */

/* The subtitle every record list carries: whose records, as of which day. */
void scope_subtitle(struct req *r, struct sheet *s)
{
    char t[11];
    sheet_scope_subtitle(s, r, "导出日期 %s", date_format(r->today, t));
}

/* Appends the total row of a record list: the count under the first column, the sum of the amounts
   in column money_col. */
static void total_row(struct sheet *s, int64_t count, int money_col, int64_t fen)
{
    char n[32], sum[MONEY_TEXT_SIZE];
    const char *cells[TABLE_MAX_COLS] = {"合计"};
    snprintf(n, sizeof n, "%lld 条", (long long)count);
    cells[1] = n;
    for (int c = 2; c < s->ncols; c++)
        cells[c] = c == money_col ? sheet_fen(fen, sum) : "";
    sheet_row(s, cells);
    s->total_rows = 1;
}

/* A loan application sheet being filled (the request for each disbursed loan's figures). */
struct loans_build {
    struct req *r;
    struct sheet *s;
};

/* One loan application, with the days overdue and penalty of its loan once disbursed. */
static void loan_sheet_row(const struct loan_row *l, void *ctx)
{
    struct loans_build *b = ctx;
    char id[SHEET_NUM_SIZE], term[SHEET_NUM_SIZE], dpd[SHEET_NUM_SIZE], amount[MONEY_TEXT_SIZE], pen[MONEY_TEXT_SIZE];
    struct loan_figures fig;
    struct err e = {0};
    int has = l->loan_id && loan_figures_get(b->r->db, &b->r->user, l->loan_id, b->r->today, &fig, &e) == 0;
    const char *cells[] = {sheet_num(l->id, id), l->applicant, l->village, project_type_name(l->project_type),
                           l->project_name, sheet_fen(l->amount_fen, amount), sheet_num(l->term_months, term),
                           loan_state_name(l->state), l->submitted_on, l->review_due_on, l->handler,
                           has ? sheet_num(fig.dpd, dpd) : "", has ? sheet_fen(fig.penalty_fen, pen) : ""};
    sheet_row(b->s, cells);
}

int record_loans_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct loan_filter *f = arg;
    static const char *const heads[] = {"编号", "申请人", "村", "项目类型", "项目", "金额（元）", "期限（月）", "状态",
                                        "提交日期", "评审期限", "经办人（A角）", "逾期天数", "罚息复利（元）", NULL};
    sheet_init(s, "贷款申请", heads);
    sheet_int_column(s, 0);
    sheet_money_column(s, 5);
    sheet_int_column(s, 6);
    sheet_date_column(s, 8);
    sheet_date_column(s, 9);
    sheet_money_column(s, 12);
    s->landscape = 1;
    scope_subtitle(r, s);
    struct loan_filter all = *f;
    all.limit = list_export_limit(r), all.offset = 0;
    struct err e = {0};
    struct loans_build b = {r, s};
    int64_t count = 0, amount = 0;
    if (loan_list(r->db, &r->user, &all, r->today, loan_sheet_row, &b, &e) < 0 ||
        loan_list_totals(r->db, &r->user, &all, r->today, &count, &amount, &e) != 0)
        return -1;
    total_row(s, count, 5, amount);
    return 0;
}

/* One relief application, the resident ID masked. */
static void relief_sheet_row(const struct relief_app *a, void *ctx)
{
    char id[24], masked[24], amount[MONEY_TEXT_SIZE];
    const char *cells[] = {sheet_num(a->id, id), a->head_name, mask_id(a->head_id_number, masked, sizeof masked),
                           a->village, a->category, sheet_fen(a->amount_fen, amount), relief_state_name(a->state),
                           a->applied_on};
    sheet_row(ctx, cells);
}

int record_relief_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct relief_filter *f = arg;
    static const char *const heads[] = {"编号", "户主", "身份证号", "村", "类别", "金额（元）", "状态", "申请日期", NULL};
    sheet_init(s, "救助申请", heads);
    sheet_int_column(s, 0);
    sheet_money_column(s, 5);
    sheet_date_column(s, 7);
    scope_subtitle(r, s);
    struct relief_filter all = *f;
    all.limit = list_export_limit(r), all.offset = 0;
    int64_t count = 0, amount = 0;
    if (relief_list(r->db, &r->user, &all, relief_sheet_row, s) < 0 ||
        relief_list_totals(r->db, &r->user, &all, &count, &amount) != 0)
        return -1;
    total_row(s, count, 5, amount);
    return 0;
}

/* One relief batch. */
static void batch_sheet_row(const struct relief_batch *b, void *ctx)
{
    char id[24], total[24], paid[24], amount[MONEY_TEXT_SIZE], paid_fen[MONEY_TEXT_SIZE];
    const char *cells[] = {sheet_num(b->id, id), b->title, b->category, b->unit_name, sheet_fen(b->amount_fen, amount),
                           sheet_num(b->total, total), sheet_num(b->count[RS_PAID], paid), sheet_fen(b->paid_fen, paid_fen)};
    sheet_row(ctx, cells);
}

int record_batches_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"批次", "名称", "类别", "单位", "每户（元）", "户数", "已发放", "已发金额（元）",
                                        NULL};
    sheet_init(s, "救助批次", heads);
    sheet_int_column(s, 0);
    sheet_money_column(s, 4);
    sheet_int_column(s, 5);
    sheet_int_column(s, 6);
    sheet_money_column(s, 7);
    scope_subtitle(r, s);
    struct batch_filter all = arg ? *(const struct batch_filter *)arg : (struct batch_filter){0};
    all.limit = list_export_limit(r);
    if (relief_batch_list(r->db, &r->user, &all, batch_sheet_row, s) < 0)
        return -1;
    char n[32], households[SHEET_NUM_SIZE], paid[MONEY_TEXT_SIZE];
    snprintf(n, sizeof n, "%lld 个批次", (long long)all.count);
    const char *cells[] = {"合计", n, "", "", "", sheet_num(all.households, households), "", sheet_fen(all.paid_fen, paid)};
    sheet_row(s, cells);
    s->total_rows = 1;
    return 0;
}

/* Room for a household's category names joined by 、 */
#define CATEGORY_NAMES_SIZE (HC__MAX * 40)

/* One household, the head's resident ID masked. */
static void household_sheet_row(const struct household_row *h, void *ctx)
{
    char masked[24], members[24], cats[CATEGORY_NAMES_SIZE] = "";
    size_t o = 0;
    for (int c = 0; c < HC__MAX; c++)
        if (h->categories & (1u << c)) {
            int n = snprintf(cats + o, sizeof cats - o, "%s%s", o ? "、" : "", hh_category_name(c));
            if (n < 0 || (size_t)n >= sizeof cats - o)
                break;
            o += (size_t)n;
        }
    const char *cells[] = {h->head_name, mask_id(h->head_id_number, masked, sizeof masked), h->village_name, cats,
                           h->policy_compliant ? "是" : "否", sheet_num(h->nmembers, members)};
    sheet_row(ctx, cells);
}

int record_households_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct household_filter *f = arg;
    static const char *const heads[] = {"户主", "身份证号", "村", "家庭类别", "符合政策", "人数", NULL};
    sheet_init(s, "家庭档案", heads);
    sheet_int_column(s, 5);
    s->widths[1] = 1.6f, s->widths[3] = 2.4f;
    scope_subtitle(r, s);
    struct household_filter all = *f;
    all.limit = list_export_limit(r), all.offset = 0;
    struct err e = {0};
    return household_search(r->db, &r->user, &all, household_sheet_row, s, &e) < 0 ? -1 : 0;
}

/* One notice. */
static void notice_sheet_row(const struct notice *n, void *ctx)
{
    char id[24], items[24], objections[24], total[MONEY_TEXT_SIZE];
    const char *cells[] = {sheet_num(n->id, id), n->title, n->replaced_by ? "已更正" : "", n->unit_name, n->starts_on,
                           n->ends_on, sheet_num(n->items, items), sheet_fen(n->total_fen, total),
                           sheet_num(n->open_objections, objections)};
    sheet_row(ctx, cells);
}

int record_notices_sheet(struct req *r, const void *arg, struct sheet *s)
{
    int64_t unit_id = arg ? *(const int64_t *)arg : 0;
    static const char *const heads[] = {"编号", "标题", "更正", "单位", "公示自", "公示至", "项数", "金额（元）",
                                        "未处理异议", NULL};
    sheet_init(s, "公示", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 4);
    sheet_date_column(s, 5);
    sheet_int_column(s, 6);
    sheet_money_column(s, 7);
    sheet_int_column(s, 8);
    s->widths[1] = 3;
    s->landscape = 1;
    scope_subtitle(r, s);
    int n = notice_list(r->db, &r->user, unit_id, r->today, notice_sheet_row, s);
    if (n > NOTICE_LIST_MAX)
        snprintf(s->after[0], sizeof s->after[0], "只列出最新的 %d 份公示（共 %d 份）。", NOTICE_LIST_MAX, n);
    return n < 0 ? -1 : 0;
}

/* One announcement. */
static void announcement_sheet_row(const struct ann_row *x, void *ctx)
{
    char id[24], version[24];
    const char *cells[] = {sheet_num(x->id, id), x->title, ann_state_name(x->state), x->unit_name, x->publish_from,
                           *x->publish_until ? x->publish_until : "撤回为止", sheet_num(x->version, version), x->saved_at};
    sheet_row(ctx, cells);
}

int record_announcements_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const char *state = arg;
    static const char *const heads[] = {"编号", "标题", "状态", "范围", "发布自", "发布至", "版本", "最后保存", NULL};
    sheet_init(s, "公告", heads);
    sheet_int_column(s, 0);
    sheet_date_column(s, 4);
    sheet_date_column(s, 5);
    sheet_int_column(s, 6);
    s->widths[1] = 3;
    scope_subtitle(r, s);
    return ann_list(r->db, &r->user, state, list_export_limit(r), 0, announcement_sheet_row, s) < 0 ? -1 : 0;
}

/* One audit entry, before and after as their JSON text. */
static void audit_sheet_row(const struct audit_entry *a, void *ctx)
{
    char id[24], at[CLOCK_STAMP_SIZE];
    const char *action = audit_action_name(a->action), *entity = audit_entity_name(a->entity);
    const char *cells[] = {clock_china_stamp(a->at, at), a->username, action ? action : a->action,
                           entity ? entity : a->entity, sheet_num(a->entity_id, id),
                           a->before_json ? a->before_json : "", a->after_json ? a->after_json : ""};
    sheet_row(ctx, cells);
}

int record_audit_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct audit_query *q = arg;
    static const char *const heads[] = {"时间（北京时间）", "用户", "操作", "对象", "对象编号", "修改前（数据）", "修改后（数据）", NULL};
    sheet_init(s, "审计日志", heads);
    sheet_int_column(s, 4);
    s->widths[5] = s->widths[6] = 3;
    s->landscape = 1;
    scope_subtitle(r, s);
    return audit_list(r->db, r->user.unit_path, q->entity ? q->entity : "", q->entity_id, q->action ? q->action : "",
               list_export_limit(r), 0, audit_sheet_row, s) < 0 ? -1 : 0;
}

/* One relief fund: its income per source, what it paid and its balance. */
static void fund_sheet_row(const struct relief_fund *f, void *ctx)
{
    char id[24], money[SRC__MAX + 2][MONEY_TEXT_SIZE];
    const char *cells[SRC__MAX + 5] = {sheet_num(f->id, id), f->name, f->active ? "在用" : "停用"};
    for (int k = 0; k < SRC__MAX; k++)
        cells[3 + k] = sheet_fen(f->income_fen[k], money[k]);
    cells[3 + SRC__MAX] = sheet_fen(f->paid_fen, money[SRC__MAX]);
    cells[4 + SRC__MAX] = sheet_fen(f->balance_fen, money[SRC__MAX + 1]);
    sheet_row(ctx, cells);
}

int record_funds_sheet(struct req *r, const void *arg, struct sheet *s)
{
    (void)arg;
    const char *heads[SRC__MAX + 6] = {"编号", "资金名称", "状态"};
    for (int k = 0; k < SRC__MAX; k++)
        heads[3 + k] = relief_source_name(k);
    heads[3 + SRC__MAX] = "已发放", heads[4 + SRC__MAX] = "余额";
    sheet_init(s, "救助资金", heads);
    sheet_int_column(s, 0);
    for (int c = 3; c < s->ncols; c++)
        sheet_money_column(s, c);
    s->widths[1] = 2.0f;
    s->landscape = 1;
    scope_subtitle(r, s);
    return relief_fund_list(r->db, &r->user, fund_sheet_row, s) < 0 ? -1 : 0;
}

/* One organisation. */
static void organisation_sheet_row(const struct organisation *o, void *ctx)
{
    char members[SHEET_NUM_SIZE], jobs[SHEET_NUM_SIZE];
    const char *cells[] = {o->name, org_kind_name(o->kind), o->credit_code, o->village, o->legal_rep,
                           sheet_num(o->nmembers, members), sheet_num(o->jobs_created, jobs)};
    sheet_row(ctx, cells);
}

int record_organisations_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const int64_t *village = arg;
    static const char *const heads[] = {"名称", "类别", "统一社会信用代码", "村", "法定代表人", "成员家庭", "带动就业", NULL};
    struct err e = {0};
    sheet_init(s, "合作社与示范基地", heads);
    sheet_int_column(s, 5);
    sheet_int_column(s, 6);
    s->widths[0] = 2.4f, s->widths[2] = 1.8f;
    scope_subtitle(r, s);
    return organisation_list(r->db, &r->user, village ? *village : 0, LIST_EXPORT_MAX, 0, organisation_sheet_row, s, &e) < 0 ? -1 : 0;
}
