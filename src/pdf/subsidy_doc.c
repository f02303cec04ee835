/* subsidy_doc.c: 贴息申报表 (see subsidy_doc.h), printed through the ruled table of table_doc. */
#include "subsidy_doc.h"

#include <stdio.h>
#include <stdlib.h>

#include "money.h"
#include "table_doc.h"

#define COLS 9

/* The texts of one row's computed cells. */
struct cells {
    char no[16], rate[RATE_TEXT_SIZE + 1], paid[MONEY_TEXT_SIZE], eligible[MONEY_TEXT_SIZE], subsidy[MONEY_TEXT_SIZE];
    char reason[SUBSIDY_REASON_SIZE];
};

/* Fills row i's cells and its COLS pointers. 0, or -1 when the reason does not fit. */
static int row_cells(const struct subsidy_row *r, int i, struct cells *c, const char **out)
{
    char rate[RATE_TEXT_SIZE];
    snprintf(c->no, sizeof c->no, "%d", i + 1);
    snprintf(c->rate, sizeof c->rate, "%s%%", rate_format(r->rate_micro, rate, sizeof rate));
    money_format(r->interest_paid_fen, c->paid, sizeof c->paid);
    money_format(r->eligible_interest_fen, c->eligible, sizeof c->eligible);
    money_format(r->subsidy_fen, c->subsidy, sizeof c->subsidy);
    const char *texts[COLS] = {c->no, r->applicant, r->village, r->contract_no, c->rate, c->paid, c->eligible, c->subsidy,
                               c->reason};
    for (int k = 0; k < COLS; k++)
        out[k] = texts[k];
    return subsidy_reason(r, c->reason, sizeof c->reason);
}

/* The lines under the table: totals and the subsidy in 大写 (table_doc adds the signatures). 0 or -1. */
static int closing_lines(const struct subsidy_doc *d, char lines[2][MONEY_CAPITAL_SIZE + 256])
{
    char a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE], c[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE];
    const size_t n = MONEY_CAPITAL_SIZE + 256;
    if (money_capital(d->totals.subsidy_fen, capital, sizeof capital) != 0)
        return -1;
    int w[2] = {snprintf(lines[0], n, "合计：%d 笔，实付利息 %s 元，可贴息利息 %s 元，申请贴息 %s 元", d->nrows,
                         money_format(d->totals.interest_paid_fen, a, sizeof a),
                         money_format(d->totals.eligible_interest_fen, b, sizeof b),
                         money_format(d->totals.subsidy_fen, c, sizeof c)),
                snprintf(lines[1], n, "申请贴息金额（大写）：%s", capital)};
    for (int k = 0; k < 2; k++)
        if (w[k] < 0 || (size_t)w[k] >= n)
            return -1;
    return 0;
}

int report_subsidy(const struct subsidy_doc *d, struct date today, char **out, size_t *len, const char **err)
{
    char title[96], unit[NAME_SIZE + 64], lines[2][MONEY_CAPITAL_SIZE + 256];
    size_t nrows = d->nrows > 0 ? (size_t)d->nrows : 0;
    struct cells *cells = calloc(nrows ? nrows : 1, sizeof *cells);
    const char **texts = calloc(nrows ? nrows * COLS : 1, sizeof *texts);
    int rc = cells && texts ? 0 : -1;
    *err = rc ? "内存不足" : "贴息申报表的文字超长";
    for (size_t i = 0; rc == 0 && i < nrows; i++)
        rc = row_cells(&d->rows[i], (int)i, &cells[i], &texts[i * COLS]);
    if (rc == 0)
        rc = snprintf(title, sizeof title, "计生信贷助富贷款贴息申报表（%s）", d->quarter) >= (int)sizeof title ||
                     snprintf(unit, sizeof unit, "申报单位：%s计划生育协会", d->unit) >= (int)sizeof unit ||
                     closing_lines(d, lines) != 0
                 ? -1
                 : 0;
    if (rc == 0) {
        struct table_doc t = {
            .title = title,
            .before = {unit, "逾期归还的利息、罚息和复利不予贴息；担保代偿或展期的贷款自当季起不予贴息。"},
            .after = {lines[0], lines[1]},
            .seal = 1,
            .maker = d->maker,
            .draft = d->draft,
            .made = today,
            .ncols = COLS,
            .heads = {"序号", "借款人", "村", "合同号", "年利率", "当季实付利息", "可贴息利息", "应贴息", "不予贴息原因"},
            .widths = {3, 7, 7, 10, 5, 8, 8, 7, 18},
            .right = {0, 0, 0, 0, 1, 1, 1, 1, 0},
            .nrows = d->nrows,
            .cells = texts,
            .landscape = 1,
        };
        rc = report_table(&t, out, len, err);
    }
    free(cells);
    free(texts);
    return rc;
}
