/* extend.c: the new schedule of an extension (see extend.h). */
#include "extend.h"

#include <string.h>

/* 1 when anything of row r is unpaid (principal, interest, penalty or compound interest), with
   penalty and compound counted as if accrued to `on`. */
static int row_open(const struct repay_loan *loan, int i, struct date on)
{
    const struct repay_row *r = &loan->rows[i];
    struct repay_loan one = *loan;
    one.rows = (struct repay_row *)r; /* read-only: repay_penalty_unpaid does not change rows */
    one.nrows = 1;
    return r->paid_principal_fen < r->principal_fen || r->paid_interest_fen < r->interest_fen ||
           repay_penalty_unpaid(&one, on) > 0 || repay_compound_unpaid(&one, on) > 0;
}

/* The interest row i (the running row) has earned by `on`: settled + base × annual / 360 × days
   from the period's start (interest_from, or the previous due date, or the disbursement). */
static int64_t earned(const struct repay_loan *loan, int i, struct date on)
{
    const struct repay_row *r = &loan->rows[i];
    int64_t base = r->interest_base_fen, settled = r->interest_settled_fen;
    struct date start = r->interest_from;
    if (!r->interest_from.y) {
        base = 0;
        for (int k = i; k < loan->nrows; k++)
            base += loan->rows[k].principal_fen;
        settled = 0;
        start = i > 0 ? loan->rows[i - 1].due_on : loan->disbursed_on;
    }
    long days = date_diff(on, start);
    int64_t x = amort_daily_interest(base, loan->rate_micro, days < 0 ? 0 : days);
    return settled + (x > 0 ? x : 0);
}

enum extend_result extend_schedule(struct repay_loan *loan, struct date on, int months, int64_t rate_micro,
                                   enum amort_method method, int max_rows, struct extend_out *out)
{
    memset(out, 0, sizeof *out);
    if (date_cmp(on, loan->disbursed_on) <= 0 || (loan->last_paid_on.y && date_cmp(on, loan->last_paid_on) < 0))
        return EXTEND_BAD_DATE;
    int first = 0;
    while (first < loan->nrows && date_cmp(loan->rows[first].due_on, on) <= 0)
        if (row_open(loan, first++, on))
            return EXTEND_OVERDUE;
    int64_t outstanding = 0;
    for (int i = first; i < loan->nrows; i++) {
        if (loan->rows[i].paid_principal_fen || loan->rows[i].paid_interest_fen || loan->rows[i].paid_penalty_fen ||
            loan->rows[i].paid_compound_fen)
            return EXTEND_PAID_AHEAD;
        outstanding += loan->rows[i].principal_fen;
    }
    if (outstanding <= 0)
        return EXTEND_SETTLED;
    struct amort_input in = {.principal_fen = outstanding, .rate_micro = rate_micro, .term_months = months,
                             .method = method, .start = on, .day_count = loan->day_count,
                             .settlement = loan->settlement};
    int count = amort_validate(&in, NULL) ? -1 : amort_row_count(&in);
    if (count < 1 || first + count > max_rows)
        return EXTEND_BAD_TERMS;
    int64_t accrued = earned(loan, first, on);
    struct amort_row rows[AMORT_TERM_MAX_MONTHS];
    if (amort_schedule(&in, rows, AMORT_TERM_MAX_MONTHS) != count)
        return EXTEND_BAD_TERMS;
    for (int k = 0; k < count; k++) {
        struct repay_row *r = &loan->rows[first + k];
        memset(r, 0, sizeof *r);
        r->n = first + k + 1;
        r->due_on = rows[k].due_on;
        r->principal_fen = rows[k].principal_fen;
        r->interest_fen = rows[k].interest_fen + (k == 0 ? accrued : 0);
        if (k == 0) {
            r->interest_from = on;
            r->interest_settled_fen = accrued;
            r->interest_base_fen = outstanding;
        }
    }
    loan->nrows = first + count;
    loan->method = method;
    loan->rate_micro = rate_micro;
    out->first = first;
    out->outstanding_fen = outstanding;
    out->accrued_fen = accrued;
    return EXTEND_OK;
}
