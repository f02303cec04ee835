/* amort.c: the repayment-schedule engine (see amort.h and docs/domain.md, "Repayment methods"). */
#include "amort.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "money.h"

__extension__ typedef __int128 i128;

/* A rate in millionths of a percent per year becomes a fraction per month by dividing by
   100 (percent) x 1,000,000 (millionths) x 12 (months); per day by x 360 instead of x 12. */
#define MONTH_DEN 1200000000LL
#define DAY_DEN 36000000000LL

static const struct {
    const char *code, *name;
} methods[AMORT__MAX] = {
    [AMORT_EQUAL_INSTALLMENT] = {"equal-installment", "等额本息"},
    [AMORT_EQUAL_PRINCIPAL] = {"equal-principal", "等额本金"},
    [AMORT_MONTHLY_INTEREST] = {"monthly-interest", "按月付息到期还本"},
    [AMORT_QUARTERLY_INTEREST] = {"quarterly-interest", "按季付息到期还本"},
    [AMORT_BULLET] = {"bullet", "利随本清"},
};

static const struct {
    const char *code, *name;
} day_counts[AMORT_DAYS__MAX] = {
    [AMORT_DAYS_MONTH] = {"month", "按月计息"},
    [AMORT_DAYS_ACTUAL360] = {"actual360", "按日计息（实际天数/360）"},
};

const char *amort_day_count_code(int dc)
{
    return dc >= 0 && dc < AMORT_DAYS__MAX ? day_counts[dc].code : NULL;
}

const char *amort_day_count_name(int dc)
{
    return dc >= 0 && dc < AMORT_DAYS__MAX ? day_counts[dc].name : NULL;
}

int amort_day_count_parse(const char *code)
{
    for (int i = 0; code && i < AMORT_DAYS__MAX; i++)
        if (strcmp(code, day_counts[i].code) == 0)
            return i;
    return -1;
}

enum amort_day_count amort_default_day_count(enum amort_method m)
{
    return m == AMORT_EQUAL_INSTALLMENT || m == AMORT_EQUAL_PRINCIPAL ? AMORT_DAYS_MONTH : AMORT_DAYS_ACTUAL360;
}

const char *amort_method_code(int m)
{
    return m >= 0 && m < AMORT__MAX ? methods[m].code : NULL;
}

const char *amort_method_name(int m)
{
    return m >= 0 && m < AMORT__MAX ? methods[m].name : NULL;
}

int amort_method_parse(const char *code)
{
    for (int i = 0; code && i < AMORT__MAX; i++)
        if (strcmp(code, methods[i].code) == 0)
            return i;
    return -1;
}

/* a x b x c / den rounded half-up, for non-negative a, b, c and positive den; -1 when a product
   or the result does not fit (a product of three int64 values can exceed 128 bits). */
static int64_t muldiv_round(int64_t a, int64_t b, int64_t c, int64_t den)
{
    i128 ab, abc;
    if (a < 0 || b < 0 || c < 0)
        return -1;
    if (__builtin_mul_overflow((i128)a, (i128)b, &ab) || __builtin_mul_overflow(ab, (i128)c, &abc))
        return -1;
    i128 q = abc / den;
    if ((abc % den) * 2 >= den)
        q++;
    return q > INT64_MAX ? -1 : (int64_t)q;
}

int64_t amort_interest(int64_t balance_fen, int64_t rate_micro, int months)
{
    return muldiv_round(balance_fen, rate_micro, months, MONTH_DEN);
}

int64_t amort_daily_interest(int64_t amount_fen, int64_t annual_rate_micro, long days)
{
    return muldiv_round(amount_fen, annual_rate_micro, days, DAY_DEN);
}

int64_t amort_penalty_interest(int64_t overdue_fen, int64_t contract_rate_micro, int64_t penalty_pct, long days)
{
    /* rate x pct / 100 / 360: fold pct into days when that cannot overflow. */
    if (days < 0 || penalty_pct < 0 || (penalty_pct > 0 && days > INT64_MAX / penalty_pct))
        return -1;
    return muldiv_round(overdue_fen, contract_rate_micro, days * penalty_pct, 100 * DAY_DEN);
}

/* Whole calendar months from a to b (due dates on one day of month, or the month's last day),
   at least 1. */
static int calendar_months(struct date a, struct date b)
{
    int m = (b.y - a.y) * 12 + (b.m - a.m);
    return m < 1 ? 1 : m;
}

int64_t amort_period_interest(int64_t balance_fen, int64_t rate_micro, enum amort_day_count dc, struct date from,
                              struct date to)
{
    if (dc == AMORT_DAYS_ACTUAL360) {
        long days = date_diff(to, from);
        return amort_daily_interest(balance_fen, rate_micro, days < 0 ? 0 : days);
    }
    return amort_interest(balance_fen, rate_micro, calendar_months(from, to));
}

/* Interest for 1..3 months on a validated balance and rate: balance <= 99,999,999,999 and
   rate <= 24,000,000 keep balance x rate x 3 <= 7.2e18 < 2^63, so 64-bit arithmetic is exact
   and the division by a constant compiles to a multiplication (the schedule's inner loop). */
static inline int64_t short_interest(int64_t balance, int64_t rate, int months)
{
    uint64_t num = (uint64_t)balance * (uint64_t)rate * (uint64_t)months;
    return (int64_t)((num + MONTH_DEN / 2) / MONTH_DEN);
}

int64_t amort_installment(int64_t principal_fen, int64_t rate_micro, int months)
{
    if (principal_fen < 0 || rate_micro < 0 || months < 1)
        return -1;
    if (rate_micro == 0)
        return money_div_round(principal_fen, months);
    long double r = (long double)rate_micro / (long double)MONTH_DEN;
    /* g = (1+r)^n - 1 without cancellation for small r: one log1p and one expm1 per schedule. */
    long double g = expm1l((long double)months * log1pl(r));
    long double a = (long double)principal_fen * r * (g + 1.0L) / g;
    return (int64_t)floorl(a + 0.5L);
}

const char *amort_validate(const struct amort_input *in, const char **field)
{
    const char *f = NULL, *msg = NULL;
    if (!in) {
        msg = "缺少还款计划参数";
    } else if (in->principal_fen < 1 || in->principal_fen > AMORT_PRINCIPAL_MAX_FEN) {
        f = "principal";
        msg = "本金应在 0.01 元到 999,999,999.99 元之间";
    } else if (in->rate_micro < 0 || in->rate_micro > AMORT_RATE_MAX_MICRO) {
        f = "rate";
        msg = "年利率应在 0 到 24 之间";
    } else if (in->term_months < 1 || in->term_months > AMORT_TERM_MAX_MONTHS) {
        f = "term";
        msg = "期限应为 1 到 360 个月";
    } else if ((int)in->method < 0 || (int)in->method >= AMORT__MAX) {
        f = "method";
        msg = "还款方式应为 equal-installment（等额本息）、equal-principal（等额本金）、"
              "monthly-interest（按月付息到期还本）、quarterly-interest（按季付息到期还本）"
              "或 bullet（利随本清）";
    } else if (!date_valid(in->start)) {
        f = "start";
        msg = "起始日期应为 1900-01-01 到 2999-12-31 之间的有效日期";
    } else if ((int)in->day_count < 0 || (int)in->day_count >= AMORT_DAYS__MAX) {
        f = "day_count";
        msg = "计息方式应为 month（按月计息）或 actual360（按日计息）";
    } else if (in->settlement != AMORT_SETTLE_DUE_DATES && in->settlement != AMORT_SETTLE_QUARTER_20TH) {
        f = "settlement";
        msg = "结息方式应为 due_dates（按还款日结息）或 quarter_20th（按季结息）";
    } else if (in->settlement == AMORT_SETTLE_QUARTER_20TH &&
               (in->method == AMORT_EQUAL_INSTALLMENT || in->method == AMORT_EQUAL_PRINCIPAL)) {
        f = "method";
        msg = "按季结息的贷款，还款方式应为按月付息到期还本、按季付息到期还本或利随本清（到期一次还本）";
    } else if (in->settlement == AMORT_SETTLE_QUARTER_20TH && in->day_count != AMORT_DAYS_ACTUAL360) {
        f = "day_count";
        msg = "按季结息的贷款按日计息（actual360），利息按结息日之间的实际天数计算";
    }
    if (field)
        *field = f;
    return msg;
}

static int quarter_settled(const struct amort_input *in, struct amort_row *rows, int max_rows);

int amort_row_count(const struct amort_input *in)
{
    if (!in || in->term_months < 1 || in->term_months > AMORT_TERM_MAX_MONTHS)
        return -1;
    if (in->settlement == AMORT_SETTLE_QUARTER_20TH)
        return date_valid(in->start) ? quarter_settled(in, NULL, AMORT_TERM_MAX_MONTHS + 2) : -1;
    switch (in->method) {
    case AMORT_EQUAL_INSTALLMENT:
    case AMORT_EQUAL_PRINCIPAL:
    case AMORT_MONTHLY_INTEREST:
        return in->term_months;
    case AMORT_QUARTERLY_INTEREST:
        return (in->term_months + 2) / 3;
    case AMORT_BULLET:
        return 1;
    default:
        return -1;
    }
}

/* Due dates without a division per row: month by month from the start, each on the start's day
   of month or the month's last day (the same dates as date_add_months(start, k)). */
struct due_iter {
    int y, m, day;
};

/* Advances it by `months` (1..3) months and returns that due date. */
static inline struct date due_next(struct due_iter *it, int months)
{
    it->m += months;
    if (it->m > 12) {
        it->m -= 12;
        it->y++;
    }
    int last = date_days_in_month(it->y, it->m);
    return (struct date){it->y, it->m, it->day > last ? last : it->day};
}

/* A row's interest on balance for (from, to]: the 64-bit fast path for whole months, else by days. */
static inline int64_t row_interest(const struct amort_input *in, int64_t balance, int months, struct date from,
                                   struct date to)
{
    if (in->day_count == AMORT_DAYS_ACTUAL360)
        return amort_daily_interest(balance, in->rate_micro, date_diff(to, from));
    return short_interest(balance, in->rate_micro, months);
}

/* Fills one row and returns the balance after it. */
static inline int64_t put_row(struct amort_row *row, int n, struct date due, int64_t balance, int64_t principal,
                              int64_t interest)
{
    row->n = n;
    row->due_on = due;
    row->principal_fen = principal;
    row->interest_fen = interest;
    row->total_fen = principal + interest;
    row->balance_fen = balance - principal;
    return row->balance_fen;
}

/* The first quarter 20th (03-20, 06-20, 09-20, 12-20) strictly after d. */
static struct date next_settlement(struct date d)
{
    struct date s = {d.y, ((d.m - 1) / 3 + 1) * 3, 20};
    if (date_cmp(s, d) <= 0 && (s.m += 3) > 12)
        s.m -= 12, s.y++;
    return s;
}

/* 按季结息: the rows (see amort_schedule) into rows when it is not NULL, and their count, which is
   at most max_rows (else -1, rows then partly written). */
static int quarter_settled(const struct amort_input *in, struct amort_row *rows, int max_rows)
{
    const int64_t p = in->principal_fen;
    const struct date end = date_add_months(in->start, in->term_months);
    struct date prev = in->start;
    int k = 0;
    for (struct date s = next_settlement(in->start); date_cmp(s, end) < 0; prev = s, s = next_settlement(s)) {
        if (k >= max_rows - 1)
            return -1;
        if (rows)
            put_row(&rows[k], k + 1, s, p, 0, amort_daily_interest(p, in->rate_micro, date_diff(s, prev)));
        k++;
    }
    if (rows)
        put_row(&rows[k], k + 1, end, p, p, amort_daily_interest(p, in->rate_micro, date_diff(end, prev)));
    return k + 1;
}

/*
 * 等额本息 and 等额本金: every row but the last repays `part` of principal (等额本息: the instalment
 * less the row's interest), never more than the balance and never less than 0; the last row
 * repays the whole remaining balance. `installment` selects the method.
 */
static void monthly_amortising(const struct amort_input *in, struct amort_row *rows, int installment)
{
    const int n = in->term_months;
    const int64_t rate = in->rate_micro;
    const int64_t each = installment ? amort_installment(in->principal_fen, rate, n)
                                     : money_div_round(in->principal_fen, n);
    int64_t balance = in->principal_fen;
    struct due_iter due = {in->start.y, in->start.m, in->start.d};
    struct date prev = in->start;
    for (int k = 1; k < n; k++) {
        struct date on = due_next(&due, 1);
        int64_t interest = row_interest(in, balance, 1, prev, on);
        int64_t part = installment ? each - interest : each;
        if (part < 0)
            part = 0; /* 按月计息 cannot: A > P·r >= every row's interest; a long 按日计息 month can */
        if (part > balance)
            part = balance; /* tiny loans only: rounding A or P/n up would over-pay */
        balance = put_row(&rows[k - 1], k, on, balance, part, interest);
        prev = on;
    }
    struct date last = due_next(&due, 1);
    put_row(&rows[n - 1], n, last, balance, balance, row_interest(in, balance, 1, prev, last));
}

int amort_schedule(const struct amort_input *in, struct amort_row *rows, int max_rows)
{
    if (amort_validate(in, NULL))
        return -1;
    const int count = amort_row_count(in);
    if (!rows || max_rows < count)
        return -1;
    if (in->settlement == AMORT_SETTLE_QUARTER_20TH)
        return quarter_settled(in, rows, max_rows);
    const int n = in->term_months;
    const int64_t p = in->principal_fen, rate = in->rate_micro;
    switch (in->method) {
    case AMORT_EQUAL_INSTALLMENT:
        monthly_amortising(in, rows, 1);
        break;
    case AMORT_EQUAL_PRINCIPAL:
        monthly_amortising(in, rows, 0);
        break;
    case AMORT_MONTHLY_INTEREST:
    case AMORT_QUARTERLY_INTEREST: {
        const int step = in->method == AMORT_QUARTERLY_INTEREST ? 3 : 1;
        struct due_iter due = {in->start.y, in->start.m, in->start.d};
        struct date prev = in->start;
        for (int k = 1; k <= count; k++) {
            const int months = k < count ? step : n - step * (count - 1); /* the last: 1..step */
            struct date on = due_next(&due, months);
            put_row(&rows[k - 1], k, on, p, k == count ? p : 0, row_interest(in, p, months, prev, on));
            prev = on;
        }
        break;
    }
    case AMORT_BULLET: {
        struct date on = date_add_months(in->start, n);
        put_row(&rows[0], 1, on, p, p,
                in->day_count == AMORT_DAYS_ACTUAL360 ? amort_daily_interest(p, rate, date_diff(on, in->start))
                                                      : amort_interest(p, rate, n));
        break;
    }
    default:
        return -1;
    }
    return count;
}
