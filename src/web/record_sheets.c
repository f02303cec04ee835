/* record_sheets.c: record lists as sheets for CSV, Excel and PDF (see record_sheets.h). */
#include "record_sheets.h"

#include <stdio.h>

#include "audit.h"
#include "list_sheets.h"
#include "masking.h"
#include "money.h"
#include "relief_batch.h"
#include "relief_rules.h"

/* Number text for a sheet cell. */
static const char *num_text(long long v, char out[24])
{
    snprintf(out, 24, "%lld", v);
    return out;
}

/* The subtitle every record list carries: whose records, as of which day. */
static void scope_subtitle(struct req *r, struct sheet *s)
{
    char t[11];
    snprintf(s->subtitle, sizeof s->subtitle, "范围：%s · 导出日期 %s", r->user.unit_name, date_format(r->today, t));
}

/* One loan application. */
static void loan_sheet_row(const struct loan_row *l, void *ctx)
{
    char id[24], term[24], amount[MONEY_TEXT_SIZE];
    const char *cells[] = {num_text(l->id, id), l->applicant, l->village, project_type_name(l->project_type),
                           l->project_name, sheet_fen(l->amount_fen, amount), num_text(l->term_months, term),
                           loan_state_name(l->state), l->submitted_on, l->review_due_on, l->handler};
    sheet_row(ctx, cells);
}

void record_loans_sheet(struct req *r, const struct loan_filter *f, struct sheet *s)
{
    static const char *const heads[] = {"编号", "申请人", "村", "项目类型", "项目", "金额（元）", "期限（月）", "状态",
                                        "提交日期", "评审期限", "经办人（A角）", NULL};
    sheet_init(s, "贷款申请", heads);
    sheet_int_column(s, 0);
    sheet_money_column(s, 5);
    sheet_int_column(s, 6);
    sheet_date_column(s, 8);
    sheet_date_column(s, 9);
    s->landscape = 1;
    scope_subtitle(r, s);
    struct loan_filter all = *f;
    all.limit = LIST_EXPORT_MAX, all.offset = 0;
    struct err e = {0};
    loan_list(r->db, &r->user, &all, r->today, loan_sheet_row, s, &e);
}

/* One relief application, the resident ID masked. */
static void relief_sheet_row(const struct relief_app *a, void *ctx)
{
    char id[24], masked[24], amount[MONEY_TEXT_SIZE];
    const char *cells[] = {num_text(a->id, id), a->head_name, mask_id(a->head_id_number, masked, sizeof masked),
                           a->village, a->category, sheet_fen(a->amount_fen, amount), relief_state_name(a->state),
                           a->applied_on};
    sheet_row(ctx, cells);
}

void record_relief_sheet(struct req *r, const struct relief_filter *f, struct sheet *s)
{
    static const char *const heads[] = {"编号", "户主", "身份证号", "村", "类别", "金额（元）", "状态", "申请日期", NULL};
    sheet_init(s, "救助申请", heads);
    sheet_int_column(s, 0);
    sheet_money_column(s, 5);
    sheet_date_column(s, 7);
    scope_subtitle(r, s);
    struct relief_filter all = *f;
    all.limit = LIST_EXPORT_MAX, all.offset = 0;
    relief_list(r->db, &r->user, &all, relief_sheet_row, s);
}

/* One relief batch. */
static void batch_sheet_row(const struct relief_batch *b, void *ctx)
{
    char id[24], total[24], paid[24], amount[MONEY_TEXT_SIZE], paid_fen[MONEY_TEXT_SIZE];
    const char *cells[] = {num_text(b->id, id), b->title, b->category, b->unit_name, sheet_fen(b->amount_fen, amount),
                           num_text(b->total, total), num_text(b->count[RS_PAID], paid), sheet_fen(b->paid_fen, paid_fen)};
    sheet_row(ctx, cells);
}

void record_batches_sheet(struct req *r, struct sheet *s)
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
    relief_batch_list(r->db, &r->user, LIST_EXPORT_MAX, batch_sheet_row, s);
}

/* One audit entry, before and after as their JSON text. */
static void audit_sheet_row(const struct audit_entry *a, void *ctx)
{
    char id[24];
    const char *cells[] = {a->at, a->username, a->action, a->entity, num_text(a->entity_id, id),
                           a->before_json ? a->before_json : "", a->after_json ? a->after_json : ""};
    sheet_row(ctx, cells);
}

void record_audit_sheet(struct req *r, const char *entity, int64_t entity_id, const char *action, struct sheet *s)
{
    static const char *const heads[] = {"时间（UTC）", "用户", "操作", "对象", "对象编号", "修改前", "修改后", NULL};
    sheet_init(s, "审计日志", heads);
    sheet_int_column(s, 4);
    s->widths[5] = s->widths[6] = 3;
    s->landscape = 1;
    scope_subtitle(r, s);
    audit_list(r->db, r->user.unit_path, entity ? entity : "", entity_id, action ? action : "", LIST_EXPORT_MAX, 0,
               audit_sheet_row, s);
}
