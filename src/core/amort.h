/*
 * amort.h: the repayment-schedule engine (还款计划) for the five repayment methods of docs/domain.md,
 * and the exact interest arithmetic other modules reuse (penalty interest, prepayment).
 *
 * Money is integer fen, rates are integer millionths of a percent per year (4.35% = 4350000),
 * every interest amount is computed exactly with integers and rounded half-up to the fen once.
 * Pure: no allocation, no I/O, no globals; the caller provides the rows.
 */
#ifndef BANGFU_AMORT_H
#define BANGFU_AMORT_H
#include <stdint.h>

#include "date.h"

#define AMORT_PRINCIPAL_MAX_FEN 99999999999LL /* 999,999,999.99 yuan */
#define AMORT_RATE_MAX_MICRO 24000000LL       /* 24% a year */
#define AMORT_TERM_MAX_MONTHS 360

enum amort_method {
    AMORT_EQUAL_INSTALLMENT,  /* 等额本息 */
    AMORT_EQUAL_PRINCIPAL,    /* 等额本金 */
    AMORT_MONTHLY_INTEREST,   /* 按月付息到期还本 */
    AMORT_QUARTERLY_INTEREST, /* 按季付息到期还本 */
    AMORT_BULLET,             /* 利随本清 */
    AMORT__MAX
};

/* The day count (计息方式) of a loan: how a period's interest is reckoned. */
enum amort_day_count {
    AMORT_DAYS_MONTH,     /* 按月计息: annual / 12 a month (× 3 a quarter) */
    AMORT_DAYS_ACTUAL360, /* 按日计息: annual / 360 × the days between due dates */
    AMORT_DAYS__MAX
};

/* The stable code of day count dc ("month", "actual360"), or NULL when out of range. */
const char *amort_day_count_code(int dc);
/* The Chinese name of day count dc (按月计息, 按日计息), or NULL when out of range. */
const char *amort_day_count_name(int dc);
/* The day count whose code is `code`, or -1. */
int amort_day_count_parse(const char *code);
/* The day count a loan gets when none is given: month for 等额本息 and 等额本金, actual360 for the
   interest-only methods and 利随本清 (how the credit union charges them). */
enum amort_day_count amort_default_day_count(enum amort_method m);

/* The stable code of method m ("equal-installment", ...), or NULL when m is out of range. */
const char *amort_method_code(int m);
/* The Chinese name of method m (等额本息, ...), or NULL when m is out of range. */
const char *amort_method_name(int m);
/* The method whose code is `code` (exact, case-sensitive), or -1. */
int amort_method_parse(const char *code);

/* When a loan's interest is settled (结息): on the schedule's due dates, or 按季结息 on the 20th of
   each quarter's last month (03-20, 06-20, 09-20, 12-20) as the credit unions settle. */
enum amort_settlement {
    AMORT_SETTLE_DUE_DATES,   /* interest with each row of the method */
    AMORT_SETTLE_QUARTER_20TH /* interest on the quarter 20ths strictly between start and maturity, and at maturity */
};

struct amort_row {
    int n;              /* 1-based period number */
    struct date due_on; /* start + n months (quarterly: + 3n, the last + term) */
    int64_t principal_fen, interest_fen, total_fen;
    int64_t balance_fen; /* outstanding principal after this row */
};

struct amort_input {
    int64_t principal_fen; /* 1 .. AMORT_PRINCIPAL_MAX_FEN */
    int64_t rate_micro;    /* millionths of a percent per year: 4.35% = 4350000; 0 .. 24% */
    int term_months;       /* 1 .. 360 */
    enum amort_method method;
    struct date start; /* disbursement date; date_valid() */
    enum amort_day_count day_count; /* 0 = AMORT_DAYS_MONTH */
    enum amort_settlement settlement; /* 0 = AMORT_SETTLE_DUE_DATES */
};

/* Checks the input. Returns NULL when valid, else a Chinese message for people and sets *field
   (when field is not NULL) to "principal", "rate", "term", "method", "start", "day_count" or "settlement".
   按季结息 takes a method that repays all principal at maturity (按月付息到期还本, 按季付息到期还本,
   利随本清) and 按日计息 (its periods are not whole months). The programme's
   own limits (20,000-200,000 yuan, 6-36 months) are the caller's business. */
const char *amort_validate(const struct amort_input *in, const char **field);
/* Rows the schedule has: term_months; quarterly: ceil(term / 3); bullet: 1; 按季结息: the quarter
   20ths strictly between the start and the maturity, plus 1. -1 when the term or the method is
   invalid. */
int amort_row_count(const struct amort_input *in);
/*
 * Computes the schedule into rows[0 .. count-1]. Returns the number of rows, or -1 when the
 * input is invalid (amort_validate) or max_rows < amort_row_count(in) (rows untouched then).
 *
 * Always: principal parts >= 0 and summing exactly to P, balances never increasing and 0 after
 * the last row, total = principal + interest, interest = amort_period_interest(balance before,
 * the previous due date (or the start), the row's due date): months of the row × annual / 12
 * (按月计息) or days of the row × annual / 360 (按日计息). A row never repays more than the balance: when rounding A (or P/n for
 * 等额本金) up would over-pay a tiny loan before its last row, that row repays the balance and
 * the rows after it are 0.
 *
 * 等额本息, the last row: with r the monthly rate, A* the exact instalment, A = round(A*) =
 * A* + δ, and e_k the rounding of row k's interest (|δ|, |e_k| <= 1/2), the balances differ from
 * the exact ones by D_k = D_{k-1}(1+r) + e_k - δ, so, as long as no row was capped,
 *     last total - A = Σ_{j=1..n} (e_j - δ)(1+r)^(n-j),   |last total - A| < ((1+r)^n - 1) / r
 * fen (<= n/2 fen when r = 0, where every e_j = 0). The bound exceeds n for every r > 0: at
 * 4.35% over 36 months it is 38 fen, at 24% over 36 months 51 fen, at 24% over 360 months
 * about 62,000 fen. The same bound on D_k shows no row is ever capped when
 * A* / (1+r) > ((1+r)^(n-1) - 1) / r, which holds for every loan of 20,000 yuan or more with a
 * term of up to 36 months.
 *
 * 按季结息 (settlement AMORT_SETTLE_QUARTER_20TH): one row on each quarter 20th strictly after the
 * start and before the maturity (start + term months), with interest P × annual / 360 × the days
 * since the previous row (or the start) and no principal, and the last row at maturity with all
 * the principal and the interest of the days since the last settlement. Whatever the method says
 * about interest dates, the settlement rule places the interest; the method (one that repays all
 * principal at maturity, see amort_validate) places the principal.
 */
int amort_schedule(const struct amort_input *in, struct amort_row *rows, int max_rows);

/* The 等额本息 instalment A = P·r·(1+r)^n / ((1+r)^n − 1), r = annual rate / 12, evaluated in long
   double and rounded half-up to the fen; with rate 0, P / n rounded half-up exactly. -1 when
   principal < 0, rate < 0 or months < 1. */
int64_t amort_installment(int64_t principal_fen, int64_t rate_micro, int months);
/* Interest on balance for `months` months at the annual rate: balance × rate × months / 12,
   exact, rounded half-up to the fen. -1 when an argument is negative or the result does not fit. */
int64_t amort_interest(int64_t balance_fen, int64_t rate_micro, int months);
/* Interest on amount for `days` days at the annual rate, daily rate = annual / 360:
   amount × rate × days / 360, exact, rounded half-up to the fen. Pass the rate actually charged.
   -1 when an argument is negative or the result does not fit. */
int64_t amort_daily_interest(int64_t amount_fen, int64_t annual_rate_micro, long days);
/* Interest on balance for the period (from, to] with day count dc: 按月计息 the whole calendar
   months from `from` to `to` (due dates share a day of month) × annual / 12, at least one month;
   按日计息 the days × annual / 360. Rounded half-up once. -1 on a negative argument. */
int64_t amort_period_interest(int64_t balance_fen, int64_t rate_micro, enum amort_day_count dc, struct date from,
                              struct date to);
/* Penalty (罚息) or compound (复利) interest on an overdue amount: `days` days at the penalty rate
   = contract rate × penalty_pct / 100 (150 = × 1.5), daily rate = annual / 360, i.e.
   amount × rate × penalty_pct × days / (100 × 360), exact with one rounding (half-up), so no
   precision is lost when the penalty rate is not a whole number of millionths.
   -1 when an argument is negative or the result does not fit. */
int64_t amort_penalty_interest(int64_t overdue_fen, int64_t contract_rate_micro, int64_t penalty_pct, long days);

#endif
