/* quarterly_report.c: the quarterly report's figures for the page, the API, the sheet and the PDF
   (see quarterly_report.h). */
#include "quarterly_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid.h"
#include "followup.h"
#include "money.h"
#include "relief_report.h"
#include "report_scope.h"

/* Sums the villages' flows. */
static void add_flows(const struct village_portfolio *v, void *ctx)
{
    portfolio_add(ctx, v);
}

/* Collects a relief category; the groups beyond the room are summed in the last as 其他类别 (said
   so in its label, never dropped). */
static void add_relief(const struct relief_report_row *x, void *ctx)
{
    struct quarterly_report *q = ctx;
    q->d.relief_payments += x->payments;
    q->d.relief_total_fen += x->amount_fen;
    int i = q->d.nrelief < QUARTERLY_GROUPS ? q->d.nrelief++ : QUARTERLY_GROUPS - 1;
    if (q->d.relief_labels[i]) {
        snprintf(q->labels[i], sizeof q->labels[i], "其他类别");
    } else {
        snprintf(q->labels[i], sizeof q->labels[i], "%s", x->key);
        q->d.relief_labels[i] = q->labels[i];
    }
    q->d.relief_fen[i] += x->amount_fen;
    q->relief_count[i] += x->payments;
}

/* Keeps a campaign running in the quarter (the first QUARTERLY_CAMPAIGNS; all are counted). */
static void add_campaign(const struct campaign *c, void *ctx)
{
    struct quarterly_doc *d = ctx;
    if (d->ncampaigns >= QUARTERLY_CAMPAIGNS)
        return;
    struct quarterly_campaign *x = &d->campaigns[d->ncampaigns++];
    x->id = c->id;
    snprintf(x->name, sizeof x->name, "%s", c->name);
    snprintf(x->unit, sizeof x->unit, "%s", c->unit_name);
    x->target = c->target_households, x->reached = c->households_reached, x->paid = c->households_paid;
    x->amount_fen = c->amount_fen;
}

/* Counts nothing per row: aid_list fills the totals. */
static void skip_aid(const struct aid_row *x, void *ctx)
{
    (void)x, (void)ctx;
}

/* The aid in kind given in the quarter in the user's scope: distributions and value, reversed ones left out. */
static int add_in_kind(struct req *r, struct quarterly_doc *d, struct date from, struct date to)
{
    struct aid_filter f = {.from = from, .to = to, .limit = 0};
    if (aid_list(r->db, &r->user, &f, skip_aid, NULL) < 0)
        return -1;
    d->in_kind_fen = f.value_fen;
    d->in_kind_count = f.standing;
    return 0;
}

/* Sums the outcomes. */
static void add_outcome(const struct outcome_row *x, void *ctx)
{
    struct quarterly_doc *d = ctx;
    d->visited += x->visited, d->jobs += x->jobs, d->income_fen += x->income_fen;
}

struct quarterly_report *quarterly_report_load(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return NULL;
    struct quarterly_report *q = calloc(1, sizeof *q);
    if (!q)
        abort();
    struct date from, to;
    char current[16];
    snprintf(current, sizeof current, "%04dQ%d", r->today.y, (r->today.m - 1) / 3 + 1);
    if (report_quarter(r, req_query(r, "quarter"), 0, current, &from, &to) != 0) {
        free(q);
        return NULL;
    }
    snprintf(q->code, sizeof q->code, "%04dQ%d", from.y, (from.m + 2) / 3);
    date_quarter_cn(from.y, (from.m + 2) / 3, q->d.quarter);
    /* A past quarter's stocks (loans, balances, grades, PAR30) are those at its end, as they stood
       then (portfolio_summary rebuilds them for a date before today). */
    struct date as_of = date_cmp(to, r->today) < 0 ? to : r->today;
    struct err e = {0};
    date_format(from, q->d.from);
    date_format(as_of, q->d.to);
    snprintf(q->d.unit, sizeof q->d.unit, "%s", r->user.unit_name);
    snprintf(q->d.maker, sizeof q->d.maker, "%s", r->user.name);
    q->d.draft = date_cmp(to, r->today) >= 0;
    int ok = portfolio_summary(r->db, &r->user, as_of, r->today, &q->d.p) == 0 &&
             portfolio_by_village(r->db, &r->user, as_of, r->today, q->d.from, q->d.to, add_flows, &q->d.flows) >= 0 &&
             portfolio_months(r->db, &r->user, as_of, r->today, QUARTERLY_MONTHS, 1, q->d.months) == QUARTERLY_MONTHS &&
             relief_report(r->db, &r->user, RG_CATEGORY, q->d.from, q->d.to, add_relief, q) >= 0 &&
             followup_outcomes(r->db, &r->user, q->d.from, q->d.to, add_outcome, &q->d) >= 0 &&
             add_in_kind(r, &q->d, from, as_of) == 0 &&
             (q->d.campaigns_total = campaign_list(r->db, &r->user, q->d.from, q->d.to, q->d.to, add_campaign, &q->d)) >= 0 &&
             (q->d.nclaims = subsidy_claim_all(r->db, &r->user, from, to, &q->claims, &q->d.claim, &e)) >= 0;
    q->d.claims = q->claims;
    if (!ok) {
        reply_fail(r, 500, "report_failed", "数据库错误，报表没有生成，请稍后再试");
        quarterly_report_free(q);
        return NULL;
    }
    return q;
}

void quarterly_report_free(struct quarterly_report *q)
{
    if (!q)
        return;
    free(q->claims);
    free(q);
}

/* The share of part in whole as the report prints it ("12.34%" with the decimals given), or "—" when whole is 0. */
static const char *rate_text(int64_t part, int64_t whole, int decimals, char out[16])
{
    if (!whole)
        snprintf(out, 16, "—");
    else
        snprintf(out, 16, "%.*f%%", decimals, 100.0 * (double)part / (double)whole);
    return out;
}

/* Appends one figure row: count (< 0: none), fen (NULL: none) and rate ("" none). */
static void figure_row(struct sheet *s, const char *part, const char *item, int64_t count, const int64_t *fen,
                       const char *rate)
{
    char n[24] = "", money[MONEY_TEXT_SIZE] = "";
    if (count >= 0)
        snprintf(n, sizeof n, "%lld", (long long)count);
    if (fen)
        sheet_fen(*fen, money);
    const char *cells[] = {part, item, n, money, rate};
    sheet_row(s, cells);
}

/* The loan programme's rows: the quarter's flows, the stocks at its end, the grades. */
static void loan_rows(struct sheet *s, const struct quarterly_doc *d)
{
    const char *part = "计生信贷助富";
    char rate[16], item[64];
    figure_row(s, part, "本季受理申请（件）", d->flows.applications, NULL, "");
    figure_row(s, part, "本季批准（件）", d->flows.approved, NULL, "");
    figure_row(s, part, "本季未通过（件）", d->flows.rejected, NULL, "");
    figure_row(s, part, "本季评审办结（件）及按时办结率", d->flows.decided, NULL,
               rate_text(d->flows.decided_on_time, d->flows.decided, 1, rate));
    figure_row(s, part, "本季放款（笔、元）", d->flows.disbursed_loans, &d->flows.disbursed_fen, "");
    figure_row(s, part, "季末在贷（笔）及贷款余额（元）", d->p.loans, &d->p.outstanding_fen, "");
    figure_row(s, part, "PAR30（逾期30天以上余额及占比）", -1, &d->p.par30_fen,
               rate_text(d->p.par30_fen, d->p.outstanding_fen, 2, rate));
    for (int g = 0; g < GRADE__MAX; g++) {
        snprintf(item, sizeof item, "季末五级分类：%s（笔、元）", repay_grade_name((enum loan_grade)g));
        figure_row(s, part, item, d->p.grade_loans[g], &d->p.grade_outstanding_fen[g], "");
    }
    figure_row(s, part, "本季担保代偿（元）", -1, &d->flows.payouts_fen, "");
    figure_row(s, part, "本季追偿收回（元）", -1, &d->flows.recoveries_fen, "");
    for (int i = 0; i < QUARTERLY_MONTHS; i++)
        figure_row(s, "近12个月：当月放款", d->months[i].month, -1, &d->months[i].disbursed_fen, "");
    for (int i = 0; i < QUARTERLY_MONTHS; i++)
        figure_row(s, "近12个月：月末贷款余额及PAR30", d->months[i].month, -1, &d->months[i].outstanding_fen,
                   rate_text(d->months[i].par30_fen, d->months[i].outstanding_fen, 2, rate));
}

void quarterly_report_sheet(const struct quarterly_report *q, struct sheet *s)
{
    static const char *const heads[] = {"部分", "项目", "数量", "金额（元）", "比率", NULL};
    const struct quarterly_doc *d = &q->d;
    char title[160], item[QUARTERLY_LABEL_SIZE + 32], capital[MONEY_CAPITAL_SIZE];
    snprintf(title, sizeof title, "季度工作报表（%s）", d->quarter);
    sheet_init(s, title, heads);
    sheet_int_column(s, 2);
    sheet_money_column(s, 3);
    s->widths[0] = 1.6f, s->widths[1] = 2.6f;
    snprintf(s->subtitle, sizeof s->subtitle, "统计范围：%s · 报告期 %s 至 %s%s", d->unit, d->from, d->to,
             d->draft ? " · 草稿：本季尚未结束，数字还会变化" : "");
    loan_rows(s, d);
    figure_row(s, "困难家庭救助", "本季发放（笔、元，不含作废凭证）", d->relief_payments, &d->relief_total_fen, "");
    figure_row(s, "困难家庭救助", "本季实物慰问（户次、价值元，不计入现金）", d->in_kind_count, &d->in_kind_fen, "");
    for (int i = 0; i < d->nrelief; i++) {
        snprintf(item, sizeof item, "按类别：%s（笔、元）", d->relief_labels[i]);
        figure_row(s, "困难家庭救助", item, q->relief_count[i], &d->relief_fen[i], "");
    }
    for (int i = 0; i < d->ncampaigns; i++) {
        char rate[16], citem[CAMPAIGN_NAME_SIZE + NAME_SIZE + 96];
        snprintf(citem, sizeof citem, "%s（%s）：达标户数（目标 %lld 户）、帮扶金额（元）", d->campaigns[i].name,
                 d->campaigns[i].unit, (long long)d->campaigns[i].target);
        figure_row(s, "帮扶活动", citem, d->campaigns[i].reached, &d->campaigns[i].amount_fen,
                   rate_text(d->campaigns[i].reached, d->campaigns[i].target, 2, rate));
    }
    if (d->campaigns_total > d->ncampaigns) {
        snprintf(item, sizeof item, "另有 %d 个帮扶活动，见“帮扶活动”页面", d->campaigns_total - d->ncampaigns);
        figure_row(s, "帮扶活动", item, -1, NULL, "");
    }
    figure_row(s, "帮扶成效（本季回访）", "回访贷款（笔）", d->visited, NULL, "");
    figure_row(s, "帮扶成效（本季回访）", "带动就业（人）", d->jobs, NULL, "");
    figure_row(s, "帮扶成效（本季回访）", "项目年收入（元）", -1, &d->income_fen, "");
    figure_row(s, "贴息申报", "本季付息贷款（笔）", d->nclaims, NULL, "");
    figure_row(s, "贴息申报", "本季实付利息（元）", -1, &d->claim.interest_paid_fen, "");
    figure_row(s, "贴息申报", "可贴息利息（元，不含逾期归还的利息和罚息）", -1, &d->claim.eligible_interest_fen, "");
    figure_row(s, "贴息申报", "申请贴息（元）", -1, &d->claim.subsidy_fen, "");
    if (money_capital(d->claim.subsidy_fen, capital, sizeof capital) == 0)
        snprintf(s->after[0], sizeof s->after[0], "申请贴息金额（大写）：%s", capital);
}

/* The loan programme's figures as JSON: the flows, the stocks at the quarter's end and the grades. */
static json_t *loans_json(const struct quarterly_doc *d)
{
    char on_time[16], par[16];
    json_t *grades = json_object();
    for (int g = 0; g < GRADE__MAX; g++)
        json_object_set_new(grades, repay_grade_code((enum loan_grade)g), json_pack("{s:I, s:I}", "loans", (json_int_t)d->p.grade_loans[g],
                                                        "outstanding_fen", (json_int_t)d->p.grade_outstanding_fen[g]));
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:s, s:o, s:I, s:I}", "applications",
                     (json_int_t)d->flows.applications, "approved", (json_int_t)d->flows.approved, "rejected",
                     (json_int_t)d->flows.rejected, "decided", (json_int_t)d->flows.decided, "decided_on_time",
                     (json_int_t)d->flows.decided_on_time, "on_time_rate",
                     rate_text(d->flows.decided_on_time, d->flows.decided, 1, on_time), "disbursed_loans",
                     (json_int_t)d->flows.disbursed_loans, "disbursed_fen", (json_int_t)d->flows.disbursed_fen,
                     "active_loans", (json_int_t)d->p.loans, "outstanding_fen", (json_int_t)d->p.outstanding_fen,
                     "par30_fen", (json_int_t)d->p.par30_fen, "par30_rate",
                     rate_text(d->p.par30_fen, d->p.outstanding_fen, 2, par), "grades", grades, "payouts_fen",
                     (json_int_t)d->flows.payouts_fen, "recoveries_fen", (json_int_t)d->flows.recoveries_fen);
}

json_t *quarterly_report_json(const struct quarterly_report *q)
{
    const struct quarterly_doc *d = &q->d;
    char rate[16], capital[MONEY_CAPITAL_SIZE] = "";
    json_t *months = json_array(), *categories = json_array();
    for (int i = 0; i < QUARTERLY_MONTHS; i++)
        json_array_append_new(months, json_pack("{s:s, s:I, s:I, s:I, s:s}", "month", d->months[i].month, "disbursed_fen",
                                                (json_int_t)d->months[i].disbursed_fen, "outstanding_fen",
                                                (json_int_t)d->months[i].outstanding_fen, "par30_fen",
                                                (json_int_t)d->months[i].par30_fen, "par30_rate",
                                                rate_text(d->months[i].par30_fen, d->months[i].outstanding_fen, 2, rate)));
    for (int i = 0; i < d->nrelief; i++)
        json_array_append_new(categories, json_pack("{s:s, s:I, s:I}", "category", d->relief_labels[i], "payments",
                                                    (json_int_t)q->relief_count[i], "amount_fen",
                                                    (json_int_t)d->relief_fen[i]));
    money_capital(d->claim.subsidy_fen, capital, sizeof capital);
    json_t *campaigns = json_array();
    for (int i = 0; i < d->ncampaigns; i++)
        json_array_append_new(campaigns, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I}", "id", (json_int_t)d->campaigns[i].id,
                                                   "name", d->campaigns[i].name, "unit", d->campaigns[i].unit,
                                                   "target_households", (json_int_t)d->campaigns[i].target,
                                                   "households_reached", (json_int_t)d->campaigns[i].reached,
                                                   "households_paid", (json_int_t)d->campaigns[i].paid, "amount_fen",
                                                   (json_int_t)d->campaigns[i].amount_fen));
    json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:{s:I, s:I, s:o}, s:{s:I, s:I, s:I}, "
                     "s:{s:i, s:I, s:I, s:I, s:s}}",
                     "quarter", q->code, "name", d->quarter, "unit", d->unit, "from", d->from, "to", d->to, "draft",
                     d->draft, "loans", loans_json(d), "months", months, "relief", "payments",
                     (json_int_t)d->relief_payments, "amount_fen", (json_int_t)d->relief_total_fen, "categories",
                     categories, "outcomes", "visited", (json_int_t)d->visited, "jobs", (json_int_t)d->jobs,
                     "income_fen", (json_int_t)d->income_fen, "subsidy", "loans", d->nclaims, "interest_paid_fen",
                     (json_int_t)d->claim.interest_paid_fen, "eligible_interest_fen",
                     (json_int_t)d->claim.eligible_interest_fen, "subsidy_fen", (json_int_t)d->claim.subsidy_fen,
                     "subsidy_capital", capital);
    json_object_set_new(out, "campaigns", campaigns);
    json_object_set_new(out, "in_kind", json_pack("{s:I, s:I}", "distributions", (json_int_t)d->in_kind_count, "value_fen",
                                                  (json_int_t)d->in_kind_fen));
    json_object_set_new(out, "campaigns_total", json_integer(d->campaigns_total));
    return out;
}

void quarterly_report_pdf(struct req *r, const struct quarterly_report *q)
{
    char *pdf = NULL;
    size_t len = 0;
    const char *why = "PDF 生成失败";
    if (report_quarterly(&q->d, r->today, &pdf, &len, &why) == 0)
        reply_bytes(r, "application/pdf", pdf, len);
    else
        reply_fail(r, 500, "report_failed", why);
}

int quarterly_reply_file(struct req *r, const struct quarterly_report *q)
{
    if (sheet_asks_for(r, "pdf")) {
        quarterly_report_pdf(r, q);
        return 1;
    }
    if (!sheet_asks_for(r, "csv") && !sheet_asks_for(r, "xlsx"))
        return 0;
    struct sheet s;
    char name[32];
    snprintf(name, sizeof name, "quarterly-%s.csv", q->code);
    quarterly_report_sheet(q, &s);
    sheet_reply_by_format(r, &s, name);
    sheet_free(&s);
    return 1;
}
