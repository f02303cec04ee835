/* subsidy_doc.c: 贴息申报表 (see subsidy_doc.h). */
#include "subsidy_doc.h"

#include <stdio.h>

#include "money.h"
#include "pdf.h"

#define MARGIN 50.0f

/* The column headers of the claim. */
static float header(struct pdf *p, float y, const float *x)
{
    static const char *const heads[] = {"序号", "借款人", "村", "合同号", "年利率", "当季实付利息", "应贴息"};
    pdf_line(p, MARGIN, y - 4, pdf_width(p) - MARGIN, y - 4, 0.8f);
    for (int c = 0; c < 7; c++)
        (c < 4 ? pdf_text : pdf_text_right)(p, c < 4 ? x[c] : x[c + 1] - 6, y, 10, heads[c]);
    pdf_line(p, MARGIN, y + 16, pdf_width(p) - MARGIN, y + 16, 0.5f);
    return y + 22;
}

int report_subsidy(const struct subsidy_doc *d, struct date today, char **out, size_t *len, const char **err)
{
    struct pdf *p = pdf_new("贴息申报表", err);
    if (!p)
        return -1;
    const float x[8] = {MARGIN, MARGIN + 34, MARGIN + 110, MARGIN + 180, MARGIN + 300, MARGIN + 350, MARGIN + 430,
                        MARGIN + 495};
    char line[256], a[40], b[40];
    float y = 0;
    for (int i = 0; i <= d->nrows; i++) {
        if (i == 0 || y > pdf_height(p) - 100) {
            pdf_page_a4(p);
            snprintf(line, sizeof line, "计生信贷助富贷款贴息申报表（%s）", d->quarter);
            pdf_text_center(p, pdf_width(p) / 2, 40, 16, line);
            snprintf(line, sizeof line, "申报单位：%s计划生育协会", d->unit);
            pdf_text(p, MARGIN, 74, 11, line);
            y = header(p, 100, x);
        }
        if (i == d->nrows)
            break;
        const struct subsidy_row *r = &d->rows[i];
        char cells[7][64];
        snprintf(cells[0], sizeof cells[0], "%d", i + 1);
        snprintf(cells[1], sizeof cells[1], "%s", r->applicant);
        snprintf(cells[2], sizeof cells[2], "%s", r->village);
        snprintf(cells[3], sizeof cells[3], "%s", r->contract_no);
        snprintf(cells[4], sizeof cells[4], "%s%%", rate_format(r->rate_micro, a, sizeof a));
        money_format(r->interest_paid_fen, cells[5], sizeof cells[5]);
        money_format(r->subsidy_fen, cells[6], sizeof cells[6]);
        for (int c = 0; c < 7; c++)
            (c < 4 ? pdf_text : pdf_text_right)(p, c < 4 ? x[c] : x[c + 1] - 6, y, 10, cells[c]);
        y += 17;
    }
    pdf_line(p, MARGIN, y, pdf_width(p) - MARGIN, y, 0.8f);
    snprintf(line, sizeof line, "合计：%d 笔，实付利息 %s 元，申请贴息 %s 元", d->nrows,
             money_format(d->interest_fen, a, sizeof a), money_format(d->subsidy_fen, b, sizeof b));
    pdf_text(p, MARGIN, y + 8, 11, line);
    money_capital(d->subsidy_fen, b, sizeof b);
    snprintf(line, sizeof line, "申请贴息金额（大写）：%s", b);
    pdf_text(p, MARGIN, y + 30, 11, line);
    snprintf(line, sizeof line, "填报日期：%d年%d月%d日      经办人：            负责人：            （盖章）", today.y,
             today.m, today.d);
    pdf_text(p, MARGIN, y + 62, 11, line);
    int rc = pdf_save(p, out, len);
    pdf_free(p);
    if (rc != 0)
        *err = "PDF 生成失败";
    return rc;
}
