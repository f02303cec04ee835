/* reminder_letter.c: 催收通知书 and 还款提醒函 (see reminder_letter.h). */
#include "reminder_letter.h"

#include <stdio.h>
#include <string.h>

#include "money.h"

#define MARGIN 64.0f
#define BODY 13.0f
#define LEADING 26.0f

struct pdf *reminder_letters_new(const char **err)
{
    return pdf_new("贷款催收通知书", err);
}

/* An amount as the letter states it, "1,234.50 元（壹仟贰佰叁拾肆元伍角）", into out (n bytes). */
static const char *amount_text(struct pdf *p, int64_t fen, char *out, size_t n)
{
    char figures[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE];
    return pdf_format(p, out, n, "%s 元（%s）", money_format(fen, figures, sizeof figures),
                      pdf_capital(p, fen, capital, sizeof capital));
}

void reminder_letter_page(struct pdf *p, const struct reminder *m, struct date today)
{
    const struct serviced_loan *l = m->loan;
    const int overdue = m->fig.overdue_fen > 0;
    pdf_page_a4(p);
    float w = pdf_width(p) - 2 * MARGIN;
    pdf_text_center(p, pdf_width(p) / 2, 90, 22, overdue ? "贷款逾期催收通知书" : "贷款到期还款提醒函");
    char line[2048], who[256], lent[DATE_CN_SIZE], due[DATE_CN_SIZE], on[DATE_CN_SIZE];
    char a[MONEY_TEXT_SIZE + MONEY_CAPITAL_SIZE + 16], b[sizeof a], c[sizeof a], d[sizeof a], next[1024] = "";
    pdf_format(p, who, sizeof who, "%s（%s）：", l->applicant, l->village);
    float y = pdf_wrap(p, MARGIN, 150, w, BODY, LEADING, who, 1);
    if (m->next_n)
        pdf_format(p, next, sizeof next, "第 %d 期将于%s到期，应还本息 %s。", m->next_n,
                   date_chinese_text(m->next_due_on, due), amount_text(p, m->next_due_fen, a, sizeof a));
    if (overdue)
        pdf_format(p, line, sizeof line,
                   "您于%s借款的计生信贷助富贷款（合同号 %s，由%s计划生育协会担保）已逾期 %ld 天。截至%s，"
                   "逾期未还本息 %s，罚息和复利 %s，合计 %s。%s逾期期间罚息和复利按日计收，逾期将影响您家庭的"
                   "信用评定和再次贷款。请接到本通知后尽快到信用社归还。",
                   date_chinese_text(l->disbursed_on, lent), l->contract_no, m->office, m->fig.dpd,
                   date_chinese(today, on), amount_text(p, m->fig.overdue_fen - m->fig.penalty_fen, b, sizeof b),
                   amount_text(p, m->fig.penalty_fen, c, sizeof c), amount_text(p, m->fig.overdue_fen, d, sizeof d),
                   next);
    else
        pdf_format(p, line, sizeof line,
                   "您于%s借款的计生信贷助富贷款（合同号 %s，由%s计划生育协会担保）%s截至%s，罚息和复利 %s。"
                   "请按时到信用社还款，按时还款的利息可享受财政贴息。如已还款，请忽略本函。",
                   date_chinese_text(l->disbursed_on, lent), l->contract_no, m->office, next, date_chinese(today, on),
                   amount_text(p, m->fig.penalty_fen, c, sizeof c));
    y = pdf_wrap(p, MARGIN + 26, y + 8, w - 26, BODY, LEADING, line, 1);
    pdf_format(p, line, sizeof line, "贷款余额（未还本金）：%s", amount_text(p, m->fig.outstanding_fen, a, sizeof a));
    y = pdf_wrap(p, MARGIN + 26, y + 8, w - 26, BODY, LEADING, line, 1) + 36;
    pdf_format(p, line, sizeof line, "%s计划生育协会（盖章）", m->office);
    float right = MARGIN + w / 2;
    pdf_rect(p, right + 40, y, 110, 110, 0.3f); /* the seal's place */
    y = pdf_wrap(p, right, y + 124, w / 2, 12, 18, line, 1);
    pdf_text(p, right, y + 8, 12, "经办人（签字）：");
    pdf_line(p, right + 100, y + 24, MARGIN + w, y + 24, 0.5f);
    pdf_text_right(p, MARGIN + w, y + 48, 12, date_chinese(today, on));
    pdf_line_dashed(p, MARGIN, pdf_height(p) - 130, MARGIN + w, pdf_height(p) - 130, 0.5f, 4);
    pdf_format(p, line, sizeof line, "回执：%s 已收到合同号 %s 的%s。", l->applicant, l->contract_no,
               overdue ? "催收通知书" : "还款提醒函");
    pdf_wrap(p, MARGIN, pdf_height(p) - 112, w, 11, 18, line, 1);
    pdf_text(p, MARGIN, pdf_height(p) - 70, 11, "借款人签收：");
    pdf_line(p, MARGIN + 70, pdf_height(p) - 56, MARGIN + 220, pdf_height(p) - 56, 0.5f);
    pdf_text(p, MARGIN + w / 2, pdf_height(p) - 70, 11, "签收日期：");
    pdf_line(p, MARGIN + w / 2 + 60, pdf_height(p) - 56, MARGIN + w, pdf_height(p) - 56, 0.5f);
}

void reminder_letters_none(struct pdf *p, int days, struct date today)
{
    char line[256], on[DATE_CN_SIZE];
    pdf_page_a4(p);
    pdf_text_center(p, pdf_width(p) / 2, 90, 22, "贷款催收通知书");
    pdf_format(p, line, sizeof line, "截至%s，没有逾期或今后 %d 天内到期的贷款，无需发送催收通知书。",
               date_chinese(today, on), days);
    pdf_wrap(p, MARGIN, 150, pdf_width(p) - 2 * MARGIN, BODY, LEADING, line, 1);
}

int reminder_letters_finish(struct pdf *p, char **out, size_t *len, const char **err)
{
    int rc = pdf_save(p, out, len);
    pdf_free(p);
    if (rc != 0)
        *err = "PDF 生成失败";
    return rc;
}
