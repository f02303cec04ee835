/* quarterly_doc.c: 季度工作报表 (see quarterly_doc.h). */
#include "quarterly_doc.h"

#include <stdio.h>
#include <string.h>

#include "money.h"
#include "pdf.h"
#include "pdf_chart.h"

#define MARGIN 50.0f

/* One "label ... value" line of a figures block; returns the next y. */
static float figure_line(struct pdf *p, float y, const char *label, const char *value)
{
    pdf_text(p, MARGIN + 10, y, 11, label);
    pdf_text_right(p, pdf_width(p) - MARGIN - 10, y, 11, value);
    pdf_line(p, MARGIN + 10, y + 16, pdf_width(p) - MARGIN - 10, y + 16, 0.2f);
    return y + 20;
}

/* A money figure line. */
static float money_line(struct pdf *p, float y, const char *label, int64_t fen)
{
    char v[MONEY_TEXT_SIZE + 8];
    money_format(fen, v, MONEY_TEXT_SIZE);
    snprintf(v + strlen(v), 8, " 元");
    return figure_line(p, y, label, v);
}

/* A count figure line. */
static float count_line(struct pdf *p, float y, const char *label, int64_t n, const char *unit)
{
    char v[48];
    snprintf(v, sizeof v, "%lld %s", (long long)n, unit);
    return figure_line(p, y, label, v);
}

/* Page footer with the page number. */
static void footer(struct pdf *p, int page, int pages)
{
    char f[48];
    snprintf(f, sizeof f, "第 %d 页 共 %d 页", page, pages);
    pdf_text_center(p, pdf_width(p) / 2, pdf_height(p) - 36, 9, f);
}

/* Page 1: the loan programme's figures and charts. */
static void loans_page(struct pdf *p, const struct quarterly_doc *d)
{
    char line[256], v[64], from[DATE_CN_SIZE], to[DATE_CN_SIZE];
    pdf_page_a4(p);
    pdf_format(p, line, sizeof line, "%s计划生育协会季度工作报表（%s）", d->unit, d->quarter);
    pdf_text_center(p, pdf_width(p) / 2, 40, 17, line);
    snprintf(line, sizeof line, "报告期：%s 至 %s", date_chinese_text(d->from, from), date_chinese_text(d->to, to));
    pdf_text_center(p, pdf_width(p) / 2, 66, 11, line);
    pdf_text(p, MARGIN, 94, 13, "一、计生信贷助富");
    float y = 116;
    snprintf(v, sizeof v, "%lld / %lld / %lld 件", (long long)d->flows.applications, (long long)d->flows.approved,
             (long long)d->flows.rejected);
    y = figure_line(p, y, "本季受理 / 批准 / 未通过", v);
    if (d->flows.decided)
        snprintf(v, sizeof v, "%.1f%%", 100.0 * (double)d->flows.decided_on_time / (double)d->flows.decided);
    else
        snprintf(v, sizeof v, "—");
    y = figure_line(p, y, "评审按时办结率", v);
    y = count_line(p, y, "本季放款笔数", d->flows.disbursed_loans, "笔");
    y = money_line(p, y, "本季放款金额", d->flows.disbursed_fen);
    y = count_line(p, y, "季末在贷笔数", d->p.loans, "笔");
    y = money_line(p, y, "季末贷款余额", d->p.outstanding_fen);
    snprintf(v, sizeof v, "%.2f%%", d->p.outstanding_fen ? 100.0 * (double)d->p.par30_fen / (double)d->p.outstanding_fen : 0.0);
    y = figure_line(p, y, "PAR30（逾期30天以上余额占比）", v);
    snprintf(v, sizeof v, "%lld / %lld / %lld / %lld / %lld 笔", (long long)d->p.grade_loans[0], (long long)d->p.grade_loans[1],
             (long long)d->p.grade_loans[2], (long long)d->p.grade_loans[3], (long long)d->p.grade_loans[4]);
    y = figure_line(p, y, "季末五级分类（正常/关注/次级/可疑/损失）", v);
    y = money_line(p, y, "本季担保代偿", d->flows.payouts_fen);
    y = money_line(p, y, "本季追偿收回", d->flows.recoveries_fen);
    y = money_line(p, y, "本季核销（代偿未收回部分）", d->flows.written_off_fen);
    const char *months[QUARTERLY_MONTHS];
    int64_t disbursed[QUARTERLY_MONTHS], outstanding[QUARTERLY_MONTHS], par[QUARTERLY_MONTHS];
    for (int i = 0; i < QUARTERLY_MONTHS; i++) {
        months[i] = d->months[i].month;
        disbursed[i] = d->months[i].disbursed_fen;
        outstanding[i] = d->months[i].outstanding_fen;
        par[i] = d->months[i].outstanding_fen ? d->months[i].par30_fen * 10000 / d->months[i].outstanding_fen : 0;
    }
    float w = pdf_width(p) - 2 * MARGIN;
    pdf_chart_months(p, MARGIN, y + 14, w, 200, "近12个月放款与月末贷款余额", months, disbursed, "当月放款", outstanding,
                     "月末贷款余额", QUARTERLY_MONTHS);
    pdf_chart_percent(p, MARGIN, y + 232, w, 170, "近12个月 PAR30", months, par, QUARTERLY_MONTHS);
}

/* Page 2: relief, outcomes and the subsidy claim. */
static void relief_page(struct pdf *p, const struct quarterly_doc *d, struct date today)
{
    char line[256], v[MONEY_CAPITAL_SIZE];
    pdf_page_a4(p);
    pdf_text(p, MARGIN, 40, 13, "二、困难家庭救助");
    float y = 62;
    y = count_line(p, y, "本季发放笔数（不含作废凭证）", d->relief_payments, "笔");
    y = money_line(p, y, "本季发放金额", d->relief_total_fen);
    y = count_line(p, y, "本季实物慰问（不计入现金）", d->in_kind_count, "户次");
    y = money_line(p, y, "本季实物慰问价值", d->in_kind_fen);
    y = pdf_chart_hbars(p, MARGIN, y + 8, pdf_width(p) - 2 * MARGIN, "本季救助发放：按类别（元）", d->relief_labels,
                        d->relief_fen, d->nrelief);
    for (int i = 0; i < d->ncampaigns; i++) {
        const struct quarterly_campaign *c = &d->campaigns[i];
        char label[CAMPAIGN_NAME_SIZE + NAME_SIZE + 48], amount[MONEY_TEXT_SIZE];
        pdf_format(p, label, sizeof label, "帮扶活动：%s（%s）达标 / 目标", c->name, c->unit);
        pdf_format(p, line, sizeof line, "%lld / %lld 户 · %s 元", (long long)c->reached, (long long)c->target,
                   money_format(c->amount_fen, amount, sizeof amount));
        y = figure_line(p, y + (i ? 0 : 6), label, line);
    }
    if (d->campaigns_total > d->ncampaigns) {
        pdf_format(p, line, sizeof line, "另有 %d 个帮扶活动，见“帮扶活动”页面及其导出。", d->campaigns_total - d->ncampaigns);
        pdf_text(p, MARGIN + 10, y, 9, line);
        y += 16;
    }
    pdf_text(p, MARGIN, y + 10, 13, "三、帮扶成效（本季回访）");
    y += 32;
    y = count_line(p, y, "回访贷款", d->visited, "笔");
    y = count_line(p, y, "带动就业", d->jobs, "人");
    y = money_line(p, y, "项目年收入", d->income_fen);
    pdf_text(p, MARGIN, y + 10, 13, "四、贴息申报");
    y += 32;
    y = count_line(p, y, "本季付息贷款", d->nclaims, "笔");
    y = money_line(p, y, "本季实付利息", d->claim.interest_paid_fen);
    y = money_line(p, y, "可贴息利息（不含逾期归还的利息和罚息）", d->claim.eligible_interest_fen);
    y = money_line(p, y, "申请贴息", d->claim.subsidy_fen);
    pdf_format(p, line, sizeof line, "申请贴息金额（大写）：%s", pdf_capital(p, d->claim.subsidy_fen, v, sizeof v));
    pdf_text(p, MARGIN + 10, y + 4, 11, line);
    char made[DATE_CN_SIZE];
    pdf_format(p, line, sizeof line, "制表人：%s    审核人：__________    负责人：__________    制表日期：%s", d->maker,
               date_chinese(today, made));
    pdf_wrap(p, MARGIN, y + 40, pdf_width(p) - 2 * MARGIN, 11, 16, line, 1);
    pdf_text(p, pdf_width(p) - MARGIN - 60, y + 96, 11, "（盖章）");
    pdf_text(p, MARGIN, y + 74, 9, "贴息明细见《贴息申报表》；逐村贷款情况见《计生信贷助富贷款情况表》。");
}

int report_quarterly(const struct quarterly_doc *d, struct date today, char **out, size_t *len, const char **err)
{
    char title[96];
    snprintf(title, sizeof title, "季度工作报表（%s）", d->quarter);
    struct pdf *p = pdf_new(title, err);
    if (!p)
        return -1;
    if (d->draft)
        pdf_draft(p);
    loans_page(p, d);
    footer(p, 1, 2);
    relief_page(p, d, today);
    footer(p, 2, 2);
    int rc = pdf_save(p, out, len);
    if (rc != 0)
        *err = pdf_error(p) ? pdf_error(p) : "PDF 生成失败";
    pdf_free(p);
    return rc;
}
