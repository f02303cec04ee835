/* loan_account_docs.c: 还款计划表 and 结清证明 (see loan_account_docs.h). */
#include "loan_account_docs.h"

#include <stdio.h>
#include <string.h>

#include "money.h"
#include "pdf.h"

#define MARGIN 56.0f

/* Saves and frees the document. */
static int finish(struct pdf *p, char **out, size_t *len, const char **err)
{
    int rc = pdf_save(p, out, len);
    pdf_free(p);
    if (rc != 0)
        *err = "PDF 生成失败";
    return rc;
}

/* The loan's heading lines under the title; returns the next y. */
static float loan_heading(struct pdf *p, const struct serviced_loan *l, float y)
{
    char line[512], amount[MONEY_TEXT_SIZE], rate[RATE_TEXT_SIZE];
    snprintf(line, sizeof line, "借款人：%s（%s）    合同号：%s", l->applicant, l->village, l->contract_no);
    pdf_text(p, MARGIN, y, 11, line);
    snprintf(line, sizeof line, "放款日：%s    本金：%s 元    年利率：%s%%    期限：%d 个月    还款方式：%s", l->disbursed_on,
             money_format(l->principal_fen, amount, sizeof amount), rate_format(l->terms.rate_micro, rate, sizeof rate),
             l->terms.term_months, amort_method_name(l->terms.method));
    pdf_text(p, MARGIN, y + 18, 11, line);
    snprintf(line, sizeof line, "计息方式：%s", amort_day_count_name(l->terms.day_count));
    pdf_text(p, MARGIN, y + 36, 11, line);
    return y + 62;
}

/* The table header of the schedule. */
static float schedule_header(struct pdf *p, float y, const float *x)
{
    static const char *const heads[] = {"期数", "还款日", "本金（元）", "利息（元）", "本息合计（元）", "剩余本金（元）"};
    pdf_line(p, MARGIN, y - 4, pdf_width(p) - MARGIN, y - 4, 0.8f);
    for (int c = 0; c < 6; c++)
        (c < 2 ? pdf_text : pdf_text_right)(p, c < 2 ? x[c] : x[c + 1] - 6, y, 10.5f, heads[c]);
    pdf_line(p, MARGIN, y + 16, pdf_width(p) - MARGIN, y + 16, 0.5f);
    return y + 22;
}

int report_schedule(const struct serviced_loan *l, const struct unit *office, struct date today, char **out,
                    size_t *len, const char **err)
{
    struct pdf *p = pdf_new("还款计划表", err);
    if (!p)
        return -1;
    const float x[7] = {MARGIN, MARGIN + 50, MARGIN + 150, MARGIN + 240, MARGIN + 320, MARGIN + 410, MARGIN + 483};
    int64_t balance = l->principal_fen;
    float y = 0;
    for (int i = 0; i < l->terms.nrows; i++) {
        if (i == 0 || y > pdf_height(p) - 80) {
            pdf_page_a4(p);
            pdf_text_center(p, pdf_width(p) / 2, 40, 18, "计生信贷助富贷款还款计划表");
            y = schedule_header(p, loan_heading(p, l, 76), x);
        }
        const struct repay_row *r = &l->rows[i];
        char cells[6][40];
        balance -= r->principal_fen;
        snprintf(cells[0], sizeof cells[0], "%d", r->n);
        date_format(r->due_on, cells[1]);
        money_format(r->principal_fen, cells[2], sizeof cells[2]);
        money_format(r->interest_fen, cells[3], sizeof cells[3]);
        money_format(r->principal_fen + r->interest_fen, cells[4], sizeof cells[4]);
        money_format(balance, cells[5], sizeof cells[5]);
        for (int c = 0; c < 6; c++)
            (c < 2 ? pdf_text : pdf_text_right)(p, c < 2 ? x[c] : x[c + 1] - 6, y, 10.5f, cells[c]);
        y += 17;
    }
    char line[256], when[32];
    snprintf(when, sizeof when, "%d年%d月%d日", today.y, today.m, today.d);
    snprintf(line, sizeof line, "请按期还款；逾期本金按合同利率上浮50%%计收罚息。%s计划生育协会  %s", office->name, when);
    pdf_text(p, MARGIN, y + 14, 10, line);
    return finish(p, out, len, err);
}

int report_settlement(const struct serviced_loan *l, const struct unit *office, struct date today, char **out,
                      size_t *len, const char **err)
{
    if (strcmp(l->state, "settled") != 0) {
        *err = "该贷款尚未结清";
        return -1;
    }
    struct pdf *p = pdf_new("结清证明", err);
    if (!p)
        return -1;
    pdf_page_a4(p);
    pdf_text_center(p, pdf_width(p) / 2, 80, 22, "贷款结清证明");
    char line[1024], amount[MONEY_TEXT_SIZE], interest[MONEY_TEXT_SIZE], extra[MONEY_TEXT_SIZE], overdue[96] = "", when[32];
    int64_t paid_interest = 0, paid_overdue = 0;
    for (int i = 0; i < l->terms.nrows; i++) {
        paid_interest += l->rows[i].paid_interest_fen;
        paid_overdue += l->rows[i].paid_penalty_fen + l->rows[i].paid_compound_fen;
    }
    if (paid_overdue)
        snprintf(overdue, sizeof overdue, "，另付罚息和复利 %s 元", money_format(paid_overdue, extra, sizeof extra));
    snprintf(line, sizeof line,
             "兹证明 %s（%s）于 %s 在农村信用合作联社借款人民币 %s 元（合同号 %s），用于%s，由%s计划生育协会提供担保。"
             "该笔贷款已于 %s 全部还清本金和利息（共还利息 %s 元%s），借贷与担保关系终止。特此证明。",
             l->applicant, l->village, l->disbursed_on, money_format(l->principal_fen, amount, sizeof amount),
             l->contract_no, l->project_name, office->name, l->settled_on,
             money_format(paid_interest, interest, sizeof interest), overdue);
    float y = pdf_wrap(p, MARGIN + 24, 140, pdf_width(p) - 2 * MARGIN - 24, 13, 26, line, 1);
    snprintf(line, sizeof line, "%s计划生育协会（盖章）", office->name);
    pdf_text_right(p, pdf_width(p) - MARGIN, y + 60, 12, line);
    snprintf(when, sizeof when, "%d年%d月%d日", today.y, today.m, today.d);
    pdf_text_right(p, pdf_width(p) - MARGIN, y + 84, 12, when);
    return finish(p, out, len, err);
}
