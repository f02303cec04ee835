/* loan_account_docs.c: 还款计划表 and 结清证明 (see loan_account_docs.h). */
#include "loan_account_docs.h"

#include <stdio.h>
#include <string.h>

#include "masking.h"
#include "money.h"
#include "product_rules.h"
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

/* The loan's heading lines under the title, each wrapped within the margins (a long name or
   method never runs past the page edge); returns the next y. */
static float loan_heading(struct pdf *p, const struct serviced_loan *l, float y)
{
    char line[512], amount[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE], rate[RATE_TEXT_SIZE], lent[DATE_CN_SIZE];
    float w = pdf_width(p) - 2 * MARGIN;
    pdf_format(p, line, sizeof line, "借款人：%s（%s）    合同号：%s", l->applicant, l->village, l->contract_no);
    y = pdf_wrap(p, MARGIN, y, w, 11, 17, line, 1);
    pdf_format(p, line, sizeof line, "放款日：%s    本金：%s 元（%s）", date_chinese_text(l->disbursed_on, lent),
               money_format(l->principal_fen, amount, sizeof amount), pdf_capital(p, l->principal_fen, capital, sizeof capital));
    y = pdf_wrap(p, MARGIN, y, w, 11, 17, line, 1);
    pdf_format(p, line, sizeof line, "年利率：%s%%    期限：%d 个月    还款方式：%s    计息方式：%s，%s",
               rate_format(l->terms.rate_micro, rate, sizeof rate), l->terms.term_months,
               amort_method_name(l->terms.method), amort_day_count_name(l->terms.day_count),
               product_settlement_name(l->terms.settlement));
    return pdf_wrap(p, MARGIN, y, w, 11, 17, line, 1) + 10;
}

#define COLS 6
#define CELL 10.0f /* table text size */
#define ROW 17.0f
#define FOOT 220.0f /* room below the last row: total, 大写, note, signatures */

/* Left edges of the columns and the right edge of the last: 期数, 还款日, then four money columns
   of equal width (a 7-character heading at 10 points leaves 20 points between headings). */
static const float col_x[COLS + 1] = {MARGIN,          MARGIN + 40,     MARGIN + 120,   MARGIN + 210.75f,
                                      MARGIN + 301.5f, MARGIN + 392.25f, MARGIN + 483};

/* One table row: the first two cells left-aligned, the money cells right-aligned in theirs. */
static void table_row(struct pdf *p, float y, const char *const cells[COLS])
{
    for (int c = 0; c < COLS; c++)
        if (c < 2)
            pdf_text(p, col_x[c] + 2, y, CELL, cells[c]);
        else
            pdf_text_right(p, col_x[c + 1] - 4, y, CELL, cells[c]);
}

/* The table header of the schedule; returns the y of the first row. */
static float schedule_header(struct pdf *p, float y)
{
    static const char *const heads[COLS] = {"期数", "还款日", "本金（元）", "利息（元）", "本息合计（元）", "剩余本金（元）"};
    pdf_line(p, MARGIN, y - 4, pdf_width(p) - MARGIN, y - 4, 0.8f);
    table_row(p, y, heads);
    pdf_line(p, MARGIN, y + 16, pdf_width(p) - MARGIN, y + 16, 0.5f);
    return y + 22;
}

/* A new page with the title, the loan's heading and the table header; returns the first row's y. */
static float schedule_page(struct pdf *p, const struct serviced_loan *l)
{
    pdf_page_a4(p);
    pdf_text_center(p, pdf_width(p) / 2, 40, 18, "计生信贷助富贷款还款计划表");
    return schedule_header(p, loan_heading(p, l, 76));
}

/* The 合计 row (principal, interest and their total to the fen, the sums of the rows above) and
   the total in 大写; returns the next y. */
static float schedule_total(struct pdf *p, float y, int64_t principal, int64_t interest)
{
    char c2[MONEY_TEXT_SIZE], c3[MONEY_TEXT_SIZE], c4[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE], line[256];
    const char *cells[COLS] = {"合计", "", money_format(principal, c2, sizeof c2), money_format(interest, c3, sizeof c3),
                               money_format(principal + interest, c4, sizeof c4), ""};
    pdf_line(p, MARGIN, y - 3, pdf_width(p) - MARGIN, y - 3, 0.5f);
    table_row(p, y, cells);
    pdf_line(p, MARGIN, y + 15, pdf_width(p) - MARGIN, y + 15, 0.8f);
    pdf_format(p, line, sizeof line, "本息合计（大写）：%s", pdf_capital(p, principal + interest, capital, sizeof capital));
    return pdf_wrap(p, MARGIN, y + 24, pdf_width(p) - 2 * MARGIN, 11, 17, line, 1);
}

/* The closing note and the three signature lines (借款人, 经办人, 信用社) with dates. */
static void schedule_signatures(struct pdf *p, float y, const struct unit *office, struct date today)
{
    char line[256], printed[DATE_CN_SIZE];
    pdf_format(p, line, sizeof line, "请按期还款；逾期本金按合同利率上浮50%%计收罚息。本表由%s计划生育协会于%s打印。",
               office->name, date_chinese(today, printed));
    y = pdf_wrap(p, MARGIN, y + 8, pdf_width(p) - 2 * MARGIN, 10, 15, line, 1) + 24;
    static const char *const who[] = {"借款人（签字）：", "经办人（签字）：", "信用社（盖章）："};
    for (int i = 0; i < 3; i++) {
        float x = MARGIN + i * 161;
        pdf_text(p, x, y, 11, who[i]);
        pdf_line(p, x, y + 40, x + 140, y + 40, 0.5f);
        pdf_text(p, x, y + 48, 10, "日期：    年    月    日");
    }
}

int report_schedule(const struct serviced_loan *l, const struct unit *office, struct date today, char **out,
                    size_t *len, const char **err)
{
    struct pdf *p = pdf_new("还款计划表", err);
    if (!p)
        return -1;
    int64_t balance = l->principal_fen, principal = 0, interest = 0;
    float y = 0;
    for (int i = 0; i < l->terms.nrows; i++) {
        /* the last two rows keep room for the total, the note and the signatures below them, so the
           合计 row never stands alone on a page */
        if (i == 0 || y > pdf_height(p) - (i >= l->terms.nrows - 2 ? FOOT : 80))
            y = schedule_page(p, l);
        const struct repay_row *r = &l->rows[i];
        char n[16], due[DATE_CN_SIZE], c2[MONEY_TEXT_SIZE], c3[MONEY_TEXT_SIZE], c4[MONEY_TEXT_SIZE], c5[MONEY_TEXT_SIZE];
        balance -= r->principal_fen;
        principal += r->principal_fen;
        interest += r->interest_fen;
        snprintf(n, sizeof n, "%d", r->n);
        const char *cells[COLS] = {n,
                                   date_chinese(r->due_on, due),
                                   money_format(r->principal_fen, c2, sizeof c2),
                                   money_format(r->interest_fen, c3, sizeof c3),
                                   money_format(r->principal_fen + r->interest_fen, c4, sizeof c4),
                                   money_format(balance, c5, sizeof c5)};
        table_row(p, y, cells);
        y += ROW;
    }
    y = schedule_total(p, y + 4, principal, interest);
    schedule_signatures(p, y, office, today);
    return finish(p, out, len, err);
}

int report_settlement(const struct serviced_loan *l, const struct unit *office, const char *number, struct date today,
                      char **out, size_t *len, const char **err)
{
    if (strcmp(l->state, "settled") != 0) {
        *err = "该贷款尚未结清";
        return -1;
    }
    struct pdf *p = pdf_new("结清证明", err);
    if (!p)
        return -1;
    pdf_page_a4(p);
    float w = pdf_width(p) - 2 * MARGIN;
    pdf_text_center(p, pdf_width(p) / 2, 80, 22, "贷款结清证明");
    pdf_text_right(p, pdf_width(p) - MARGIN, 116, 12, number);
    char line[2048], amount[MONEY_TEXT_SIZE], interest[MONEY_TEXT_SIZE], extra[MONEY_TEXT_SIZE];
    char amount_cap[MONEY_CAPITAL_SIZE], interest_cap[MONEY_CAPITAL_SIZE], extra_cap[MONEY_CAPITAL_SIZE];
    char overdue[512] = "", masked[32], lent[DATE_CN_SIZE], settled[DATE_CN_SIZE], printed[DATE_CN_SIZE];
    int64_t paid_interest = 0, paid_overdue = 0;
    for (int i = 0; i < l->terms.nrows; i++) {
        paid_interest += l->rows[i].paid_interest_fen;
        paid_overdue += l->rows[i].paid_penalty_fen + l->rows[i].paid_compound_fen;
    }
    if (paid_overdue)
        pdf_format(p, overdue, sizeof overdue, "，另付罚息和复利 %s 元（%s）", money_format(paid_overdue, extra, sizeof extra),
                   pdf_capital(p, paid_overdue, extra_cap, sizeof extra_cap));
    pdf_format(p, line, sizeof line,
               "兹证明 %s（%s，身份证号 %s）于%s在农村信用合作联社借款人民币 %s 元（%s，合同号 %s），用于%s，"
               "由%s计划生育协会提供担保。该笔贷款已于%s全部还清本金和利息（共还利息 %s 元，%s%s），"
               "借贷与担保关系终止。特此证明。",
               l->applicant, l->village, mask_id(l->applicant_id_number, masked, sizeof masked),
               date_chinese_text(l->disbursed_on, lent),
               money_format(l->principal_fen, amount, sizeof amount),
               pdf_capital(p, l->principal_fen, amount_cap, sizeof amount_cap), l->contract_no, l->project_name,
               office->name, date_chinese_text(l->settled_on, settled), money_format(paid_interest, interest, sizeof interest),
               pdf_capital(p, paid_interest, interest_cap, sizeof interest_cap), overdue);
    float y = pdf_wrap(p, MARGIN + 24, 150, w - 24, 13, 26, line, 1) + 40;
    pdf_text(p, MARGIN, y, 12, "经办人（签字）：");
    pdf_line(p, MARGIN + 100, y + 16, MARGIN + 220, y + 16, 0.5f);
    pdf_text(p, MARGIN, y + 40, 12, "负责人（签字）：");
    pdf_line(p, MARGIN + 100, y + 56, MARGIN + 220, y + 56, 0.5f);
    pdf_format(p, line, sizeof line, "%s计划生育协会（盖章）", office->name);
    pdf_wrap(p, MARGIN + w / 2, y + 100, w / 2, 12, 18, line, 1);
    pdf_text_right(p, pdf_width(p) - MARGIN, y + 150, 12, date_chinese(today, printed));
    return finish(p, out, len, err);
}
