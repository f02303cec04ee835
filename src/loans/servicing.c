/* servicing.c: disbursement, stored schedules and repayments (see servicing.h). */
#include "servicing.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "portfolio_months.h"
#include "money.h"
#include "product.h"
#include "rating.h"
#include "text.h"

/* A schedule row (repay.h declares the struct: it holds no SQL). */
#define SCHEDULE_ROW(X, _)                                                                                              \
    X("n", INT, n) _ X("due_on", DAY, due_on) _ X("principal_fen", MONEY, principal_fen) _                            \
        X("interest_fen", MONEY, interest_fen) _ X("paid_principal_fen", MONEY, paid_principal_fen) _                 \
        X("paid_interest_fen", MONEY, paid_interest_fen) _ X("penalty_fen", MONEY, penalty_fen) _                     \
        X("paid_penalty_fen", MONEY, paid_penalty_fen) _ X("penalty_through", DAY, penalty_through) _                 \
        X("compound_fen", MONEY, compound_fen) _ X("paid_compound_fen", MONEY, paid_compound_fen) _                   \
        X("interest_from", DAY, interest_from) _ X("interest_settled_fen", MONEY, interest_settled_fen) _             \
        X("interest_base_fen", MONEY, interest_base_fen)
static DB_ROW_READER(schedule_row_read, SCHEDULE_ROW, struct repay_row)

/* A loan's row with its terms (repay.h's struct repay_loan inside it). */
#define SERVICED_TERMS_ROW(X, _)                                                                                        \
    X("l.method", ENUM(enum amort_method, amort_method_parse), terms.method) _                                         \
        X("l.rate_micro", INT64, terms.rate_micro) _ X("l.term_months", INT, terms.term_months) _                      \
        X("l.disbursed_on", DAY, terms.disbursed_on) _                                                                 \
        X("l.day_count", ENUM(enum amort_day_count, amort_day_count_parse), terms.day_count) _                       \
        X("l.settlement", ENUM(enum amort_settlement, product_settlement_parse), terms.settlement)
#define SERVICED_LOAN_TERMS_ROW(X, _) SERVICED_LOAN_ROW(X, _) _ SERVICED_TERMS_ROW(X, _)
static DB_ROW_READER(serviced_loan_read, SERVICED_LOAN_TERMS_ROW, struct serviced_loan)

/* What a booked repayment paid of each part (repay.h's struct repay_alloc). */
#define REPAY_ALLOC_ROW(X, _)                                                                                           \
    X("penalty_fen", MONEY, penalty_fen) _ X("interest_fen", MONEY, interest_fen) _                                    \
        X("principal_fen", MONEY, principal_fen) _ X("prepaid_principal_fen", MONEY, prepaid_principal_fen) _          \
        X("compound_fen", MONEY, compound_fen)
static DB_ROW_READER(repay_alloc_read, REPAY_ALLOC_ROW, struct repay_alloc)

static DB_ROW_READER(repayment_row_read, REPAYMENT_ROW, struct repayment_row)
static DB_ROW_READER(due_row_read, DUE_ROW, struct due_row)
static DB_ROW_READER(claim_row_read, CLAIM_ROW, struct claim_row)

/* The application being disbursed: its state, approved amount and whether it is in the scope ?2. */
#define DISBURSE_APP_ROW(X, _)                                                                                       \
    X("a.state", TEXT(16), state) _ X("a.amount_fen", MONEY, approved) _ X("in_scope(v.path, ?2)", INT, in_scope) _ \
        X("a.product_id", INT64, product_id) _ X("a.household_id", INT64, household_id) _                            \
        X("a.organisation_id IS NOT NULL", INT, for_organisation)
struct disburse_app {
    DB_ROW_FIELDS(DISBURSE_APP_ROW)
};
/* Reads a DISBURSE_APP_ROW. */
static DB_ROW_READER(disburse_app_read, DISBURSE_APP_ROW, struct disburse_app)

int64_t servicing_disburse(struct db *db, const struct user_ctx *actor, const struct disburse_input *in,
                           struct date today, struct err *e)
{
    struct amort_input ai = {.principal_fen = in->principal_fen, .term_months = (int)in->term_months};
    int method = amort_method_parse(in->method);
    if (text_check(in->contract_no, 1, CONTRACT_NO_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_contract_no", "contract_no", "请填写信用社借款合同号（50字以内）");
    if (!in->disbursed_on || date_parse(in->disbursed_on, &ai.start) != 0)
        return err_set(e, 422, "invalid_date", "disbursed_on", "放款日期格式应为 YYYY-MM-DD");
    if (date_cmp(ai.start, today) > 0)
        return err_set(e, 422, "invalid_date", "disbursed_on", "放款日期不能晚于今天");
    if (!in->annual_rate || rate_parse(in->annual_rate, &ai.rate_micro) != 0)
        return err_set(e, 422, "invalid_rate", "annual_rate", "年利率应为 0 到 24 之间的百分数，如 \"4.35\"");
    if (method < 0)
        return err_set(e, 422, "invalid_method", "method",
                       "还款方式应为 equal-installment、equal-principal、monthly-interest、quarterly-interest 或 bullet");
    ai.method = (enum amort_method)method;
    int dc = in->day_count ? amort_day_count_parse(in->day_count) : (int)amort_default_day_count(ai.method);
    if (dc < 0)
        return err_set(e, 422, "invalid_day_count", "day_count", "计息方式应为 month（按月计息）或 actual360（按日计息）");
    ai.day_count = (enum amort_day_count)dc;
    if (in->term_months < 1 || in->term_months > 360)
        return err_set(e, 422, "invalid_term", "term_months", "期限应为 1 到 360 个月");
    const char *field = NULL, *why = amort_validate(&ai, &field);
    if (why)
        return err_set(e, 422, "invalid_schedule", field, "%s", why);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(DISBURSE_APP_ROW) " "
                                   "FROM loan_applications a JOIN households h ON h.id = a.household_id "
                                   "JOIN units v ON v.id = h.village_id WHERE a.id = ?1");
    int found = 0, bad = 0;
    struct disburse_app app = {0};
    if (st) {
        db_bind(st, "it", in->application_id, actor->unit_path);
        found = sqlite3_step(st) == SQLITE_ROW;
        bad = found && disburse_app_read(st, &app) != 0;
        db_done(st);
    }
    int rc = bad          ? db_row_fail(e)
             : !found     ? err_set(e, 404, "not_found", "application_id", "贷款申请不存在")
             : !app.in_scope ? err_set(e, 403, "out_of_scope", "application_id", "该申请不在您的管辖范围内")
             : strcmp(app.state, "guaranteed")
                 ? err_set(e, 409, "invalid_state", "application_id", "只有已担保的申请可以登记放款")
             : in->principal_fen > app.approved
                 ? err_set(e, 422, "principal_exceeds_approved", "principal_fen", "放款金额不能超过批准金额")
             : in->principal_fen <= 0 ? err_set(e, 422, "invalid_principal", "principal_fen", "放款金额应大于零")
             : db_int(db, 0, "SELECT 1 FROM loans WHERE contract_no = ?", "t", in->contract_no) == 1
                 ? err_set(e, 409, "duplicate_contract_no", "contract_no", "合同号 %s 已登记", in->contract_no)
                 : 0;
    struct product product;
    struct borrower_record b = {0};
    if (rc == 0 && (product_get(db, app.product_id, &product, e) != 0 ||
                    (!app.for_organisation && rating_borrower_record(db, app.household_id, today, &b, e) != 0) ||
                    product_check_disbursement(&product.terms, product.row.name, b.second_cycle, method, ai.rate_micro,
                                               dc, e) != 0))
        rc = -1;
    ai.settlement = rc == 0 ? (enum amort_settlement)product.terms.settlement : AMORT_SETTLE_DUE_DATES;
    if (rc == 0 && (why = amort_validate(&ai, &field)) != NULL)
        rc = err_set(e, 422, "invalid_schedule", field, "%s", why);
    struct amort_row *rows = rc == 0 ? calloc(LOAN_MAX_ROWS, sizeof *rows) : NULL;
    int n = rows ? amort_schedule(&ai, rows, LOAN_MAX_ROWS) : -1;
    if (rc != 0 || n < 1) {
        free(rows);
        db_rollback(db);
        return rc != 0 ? -1 : err_set(e, 422, "invalid_schedule", NULL, "无法生成还款计划");
    }
    char rate[RATE_TEXT_SIZE];
    rate_format(ai.rate_micro, rate, sizeof rate);
    int ok = db_run(db,
                    "INSERT INTO loans (application_id, contract_no, disbursed_on, principal_fen, rate_micro, method, "
                    "term_months, day_count, settlement, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "ittiititti", in->application_id, in->contract_no, in->disbursed_on, in->principal_fen,
                    ai.rate_micro, amort_method_code(method), in->term_months, amort_day_count_code(dc),
                    product_settlement_code(ai.settlement), actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    for (int i = 0; ok && i < n; i++) {
        char due[11];
        date_format(rows[i].due_on, due);
        ok = db_run(db, "INSERT INTO loan_schedule (loan_id, n, due_on, principal_fen, interest_fen) VALUES (?, ?, ?, ?, ?)",
                    "iitii", id, (int64_t)rows[i].n, due, rows[i].principal_fen, rows[i].interest_fen) == SQLITE_DONE;
    }
    char first_due[11];
    date_format(rows[0].due_on, first_due);
    free(rows);
    ok = ok && db_run(db,
                      "UPDATE loans SET outstanding_principal_fen = principal_fen, oldest_unpaid_due = ?, village_id = "
                      "(SELECT h.village_id FROM loan_applications a JOIN households h ON h.id = a.household_id "
                      "WHERE a.id = loans.application_id) WHERE id = ?",
                      "ti", first_due, id) == SQLITE_DONE;
    ok = ok && db_run(db, "UPDATE loan_applications SET state = 'disbursed', updated_at = clock_now() WHERE id = ?",
                      "i", in->application_id) == SQLITE_DONE;
    json_t *after = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:I, s:s}", "application_id",
                              (json_int_t)in->application_id, "contract_no", in->contract_no, "disbursed_on",
                              in->disbursed_on, "principal_fen", (json_int_t)in->principal_fen, "annual_rate", rate,
                              "method", amort_method_code(method), "term_months", (json_int_t)in->term_months,
                              "day_count", amort_day_count_code(dc));
    json_object_set_new(after, "settlement", json_string(product_settlement_code(ai.settlement)));
    return audit_commit(db, ok, actor, "disburse", "loan", id, NULL, after, e) == 0 ? id : -1;
}

/* Loads the schedule rows of a loan into l: all of them, or with only_n > 0 that instalment
   alone. Returns 0, or -1 on a database error or more rows than a term can have (never cut
   silently). */
static int load_rows(struct db *db, int64_t id, int only_n, struct serviced_loan *l)
{
    sqlite3_stmt *st = only_n > 0 ? db_prep(db, "SELECT " DB_ROW_COLUMNS(SCHEDULE_ROW) " FROM loan_schedule "
                                                "WHERE loan_id = ? AND n = ?")
                                  : db_prep(db, "SELECT " DB_ROW_COLUMNS(SCHEDULE_ROW) " FROM loan_schedule "
                                                "WHERE loan_id = ? ORDER BY n");
    if (!st)
        return -1;
    db_bind(st, only_n > 0 ? "ii" : "i", id, (int64_t)only_n);
    l->terms.nrows = 0;
    l->terms.rows = l->rows;
    int rc;
    int bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW && l->terms.nrows < LOAN_MAX_ROWS)
        bad = schedule_row_read(st, &l->rows[l->terms.nrows++]) != 0;
    db_done(st);
    return rc == SQLITE_DONE && !bad ? 0 : -1;
}

struct serviced_loan *servicing_alloc(void)
{
    return calloc(1, sizeof(struct serviced_loan));
}

void servicing_free(struct serviced_loan *l)
{
    if (l)
        free(l->repayments);
    free(l);
}

struct serviced_loan *servicing_open(struct db *db, const struct user_ctx *actor, int64_t id, struct err *e)
{
    struct serviced_loan *l = servicing_alloc();
    if (!l) {
        err_set(e, 500, "out_of_memory", NULL, "内存不足");
        return NULL;
    }
    if (db_begin(db) != SQLITE_OK) {
        db_fail(db, e);
    } else if (servicing_get(db, actor, id, l, e) != 0) {
        db_rollback(db);
    } else {
        return l;
    }
    servicing_free(l);
    return NULL;
}

/* Appends a zeroed repayment to l, growing the array. NULL when out of memory. */
static struct repayment_row *add_repayment(struct serviced_loan *l, int *cap)
{
    if (l->nrepayments == *cap) {
        int grown = *cap ? 2 * *cap : 16;
        struct repayment_row *p = realloc(l->repayments, sizeof *p * (size_t)grown);
        if (!p)
            return NULL;
        l->repayments = p;
        *cap = grown;
    }
    struct repayment_row *p = &l->repayments[l->nrepayments++];
    memset(p, 0, sizeof *p);
    return p;
}

/* Loads the repayments of loan `id` in date order, and marks the reversed ones: every repayment
   and reversal with `all`, else only the latest standing one (what a new booking checks its date
   against: reading every earlier one made each booking dearer than the last). Returns 0 or -1. */
static int load_repayments(struct db *db, int64_t id, struct serviced_loan *l, int all)
{
    sqlite3_stmt *st =
        all ? db_prep(db, "SELECT " DB_ROW_COLUMNS(REPAYMENT_ROW) " FROM repayments r JOIN users u ON u.id = r.created_by "
                          "LEFT JOIN repayments x ON x.reverses_id = r.id WHERE r.loan_id = ? ORDER BY r.paid_on, r.id")
            : db_prep(db, "SELECT " DB_ROW_COLUMNS(REPAYMENT_ROW) " FROM repayments r JOIN users u ON u.id = r.created_by "
                          "LEFT JOIN repayments x ON x.reverses_id = r.id WHERE r.loan_id = ? AND r.reverses_id IS NULL "
                          "AND x.id IS NULL ORDER BY r.paid_on DESC, r.id DESC LIMIT 1");
    if (!st)
        return -1;
    db_bind(st, "i", id);
    int rc, cap = 0, bad = 0;
    struct repayment_row *p = NULL;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW && (p = add_repayment(l, &cap)) != NULL)
        bad = repayment_row_read(st, p) != 0;
    db_done(st);
    return rc == SQLITE_DONE && !bad ? 0 : -1;
}

/* The loan's latest repayment that stands (neither reversed nor a reversal), or NULL. */
static const struct repayment_row *latest_live(const struct serviced_loan *l)
{
    for (int i = l->nrepayments - 1; i >= 0; i--)
        if (!l->repayments[i].reverses_id && !l->repayments[i].reversed_by)
            return &l->repayments[i];
    return NULL;
}

/* servicing_get, with every repayment (`all`) or only the latest standing one (load_repayments),
   and every schedule row; or with only_n > 0 that instalment alone (load_rows) and no repayment. */
static int servicing_load(struct db *db, const struct user_ctx *actor, int64_t id, struct serviced_loan *l, int all,
                          int only_n, struct err *e)
{
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(SERVICED_LOAN_TERMS_ROW) ", in_scope(v.path, ?2) FROM loans l "
            "JOIN loan_applications a ON a.id = l.application_id JOIN households h ON h.id = a.household_id "
            "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 JOIN units v ON v.id = h.village_id " BORROWER_JOIN
            "WHERE l.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    free(l->repayments);
    memset(l, 0, sizeof *l);
    int found = sqlite3_step(st) == SQLITE_ROW,
        in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(SERVICED_LOAN_TERMS_ROW));
    int bad = found && in_scope && serviced_loan_read(st, l) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "贷款不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", NULL, "该贷款不在您的管辖范围内");
    /* the product's penalty factor, else the parameter's */
    l->terms.penalty_pct = db_int(db, 0, "SELECT coalesce(p.penalty_pct, 0) FROM loan_products p WHERE p.id = ?", "i",
                                  l->product_id);
    if (l->terms.penalty_pct <= 0)
        l->terms.penalty_pct = db_param_int(db, "penalty_rate_pct", REPAY_PENALTY_PCT_DEFAULT);
    /* one instalment's penalty needs no repayment: only booking or extending a loan reads the
       terms' last payment day, and they load the whole schedule */
    if (load_rows(db, id, only_n, l) != 0 || (only_n == 0 && load_repayments(db, id, l, all) != 0))
        return db_fail(db, e);
    const struct repayment_row *last = latest_live(l);
    if (last)
        date_parse(last->paid_on, &l->terms.last_paid_on);
    return 0;
}

int servicing_get(struct db *db, const struct user_ctx *actor, int64_t id, struct serviced_loan *l, struct err *e)
{
    return servicing_load(db, actor, id, l, 1, 0, e);
}

int servicing_get_figures(struct db *db, const struct user_ctx *actor, int64_t id, struct serviced_loan *l,
                          struct err *e)
{
    return servicing_load(db, actor, id, l, 0, 0, e);
}

/* One schedule row as JSON. */
static json_t *row_json(const struct repay_row *r)
{
    char due[11];
    return json_pack("{s:i, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "n", r->n, "due_on",
                     date_format(r->due_on, due), "principal_fen", (json_int_t)r->principal_fen, "interest_fen",
                     (json_int_t)r->interest_fen, "total_fen", (json_int_t)(r->principal_fen + r->interest_fen),
                     "paid_principal_fen", (json_int_t)r->paid_principal_fen, "paid_interest_fen",
                     (json_int_t)r->paid_interest_fen, "penalty_fen", (json_int_t)r->penalty_fen, "paid_penalty_fen",
                     (json_int_t)r->paid_penalty_fen, "compound_fen", (json_int_t)r->compound_fen,
                     "paid_compound_fen", (json_int_t)r->paid_compound_fen);
}

/* One repayment (or reversal) as JSON: its allocation, and reversal marks when it has them. */
static json_t *repayment_json(const struct repayment_row *p)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:{s:I, s:I, s:I, s:I}, s:I, s:b}", "id", (json_int_t)p->id,
                          "paid_on", p->paid_on, "receipt_no", p->receipt_no, "amount_fen", (json_int_t)p->amount_fen,
                          "allocation", "penalty_fen", (json_int_t)p->penalty_fen, "compound_fen",
                          (json_int_t)p->compound_fen, "interest_fen", (json_int_t)p->interest_fen, "principal_fen",
                          (json_int_t)p->principal_fen, "prepaid_principal_fen", (json_int_t)p->prepaid_principal_fen,
                          "reversed", p->reversed_by != 0);
    if (p->reversed_by)
        json_object_set_new(o, "reversed_by", json_integer(p->reversed_by));
    if (p->reverses_id)
        json_object_set_new(o, "reverses_id", json_integer(p->reverses_id));
    if (p->reversed_by || p->reverses_id)
        json_object_set_new(o, "reason", json_string(p->reason));
    return o;
}

json_t *servicing_json(const struct serviced_loan *l, struct date as_of)
{
    struct repay_row rows[LOAN_MAX_ROWS];
    struct repay_loan t = l->terms;
    memcpy(rows, l->rows, sizeof(struct repay_row) * (size_t)t.nrows);
    t.rows = rows;
    int active = !strcmp(l->state, "active");
    if (active)
        repay_accrue(&t, as_of);
    long dpd = active ? repay_dpd(&t, as_of) : 0;
    json_t *schedule = json_array(), *reps = json_array();
    for (int i = 0; i < t.nrows; i++)
        json_array_append_new(schedule, row_json(&rows[i]));
    for (int i = 0; i < l->nrepayments; i++)
        json_array_append_new(reps, repayment_json(&l->repayments[i]));
    char rate[RATE_TEXT_SIZE], on[11];
    enum loan_grade g = repay_grade(dpd);
    int64_t payoff = active ? repay_owed_now(&t, as_of) : 0;
    json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
                     "s:i, s:s, s:s, s:s, s:o, s:o}",
                     "id", (json_int_t)l->id, "application_id", (json_int_t)l->application_id, "household_id",
                     (json_int_t)l->household_id, "applicant", l->applicant, "village", l->village, "contract_no",
                     l->contract_no, "disbursed_on", l->disbursed_on, "principal_fen", (json_int_t)l->principal_fen,
                     "annual_rate", rate_format(t.rate_micro, rate, sizeof rate), "method",
                     amort_method_code(t.method), "day_count", amort_day_count_code(t.day_count), "term_months",
                     t.term_months, "outstanding_principal_fen", (json_int_t)repay_outstanding_principal(&t),
                     "overdue_fen", (json_int_t)(active ? repay_overdue(&t, as_of) : 0), "penalty_fen",
                     (json_int_t)(active ? repay_penalty_unpaid(&t, as_of) : 0), "compound_fen",
                     (json_int_t)(active ? repay_compound_unpaid(&t, as_of) : 0), "payoff_fen", (json_int_t)payoff,
                     "owed_now_fen", (json_int_t)payoff, "dpd", (json_int_t)dpd, "bucket", repay_bucket(dpd),
                     "grade", repay_grade_code(g), "state", l->state, "as_of", date_format(as_of, on), "schedule",
                     schedule, "repayments", reps);
    json_object_set_new(o, "product_id", json_integer(l->product_id));
    json_object_set_new(o, "settlement", json_string(product_settlement_code(t.settlement)));
    json_object_set_new(o, "organisation_id", l->organisation_id ? json_integer(l->organisation_id) : json_null());
    return o;
}

/* The SQL condition on repayments r: the standing booking of receipt ?1 (not a reversal, not reversed),
   compared as people read receipt numbers: without regard to ASCII case (the caller trims). */
#define STANDING_RECEIPT                                                                                        \
    "r.receipt_no = ?1 COLLATE NOCASE AND r.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM repayments x "     \
    "WHERE x.reverses_id = r.id)"

int servicing_receipt_live(struct db *db, const char *receipt_no)
{
    return db_int(db, 0, "SELECT 1 FROM repayments r WHERE " STANDING_RECEIPT " LIMIT 1", "t", receipt_no) == 1;
}

/* Answers a receipt number booked before and standing: fills out from the stored booking. Returns
   the repayment id, 0 when the receipt is unknown, -1 when it belongs to another loan, -2 when it
   was booked with another date or amount. */
static int64_t booked_before(struct db *db, int64_t loan_id, const char *receipt_no, const char *paid_on,
                             int64_t amount_fen, struct repay_alloc *out)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(REPAY_ALLOC_ROW) ", id, loan_id, "
                                   "paid_on = ?2 AND amount_fen = ?3 FROM repayments r WHERE " STANDING_RECEIPT);
    if (!st)
        return 0;
    db_bind(st, "tti", receipt_no, paid_on, amount_fen);
    int64_t id = 0;
    const int k = DB_ROW_NCOLS(REPAY_ALLOC_ROW);
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, k + 1) != loan_id ? -1
             : !sqlite3_column_int(st, k + 2)           ? -2
                                                        : sqlite3_column_int64(st, k);
        repay_alloc_read(st, out);
        out->rescheduled = 0;
    }
    db_done(st);
    return id;
}

/* Keeps the loan's outstanding principal and oldest unpaid due date in step with its rows. The
   row is written only when one of them moved (a repayment of interest or penalty alone moves
   neither): an unchanged write would still rewrite the loan's index entries and kept figures.
   Returns 1 on success. */
static int store_figures(struct db *db, int64_t loan_id, const struct repay_loan *t)
{
    char oldest[11] = "";
    for (int i = 0; i < t->nrows && !oldest[0]; i++)
        if (t->rows[i].paid_principal_fen < t->rows[i].principal_fen ||
            t->rows[i].paid_interest_fen < t->rows[i].interest_fen)
            date_format(t->rows[i].due_on, oldest);
    return db_run(db,
                  "UPDATE loans SET outstanding_principal_fen = ?1, oldest_unpaid_due = nullif(?2, '') WHERE id = ?3 "
                  "AND (outstanding_principal_fen IS NOT ?1 OR oldest_unpaid_due IS NOT nullif(?2, ''))",
                  "iti", repay_outstanding_principal(t), oldest, loan_id) == SQLITE_DONE;
}

/* 1 when a row is paid in full (principal, interest, penalty and compound interest). */
static int row_settled(const struct repay_row *r)
{
    return r->paid_principal_fen >= r->principal_fen && r->paid_interest_fen >= r->interest_fen &&
           r->paid_penalty_fen >= r->penalty_fen && r->paid_compound_fen >= r->compound_fen;
}

/* Writes one row (into loan_schedule, or into the rows kept before a repayment) with `sql`, whose
   placeholders are the row's columns ?1..?13 then the key (loan or repayment id) and n. Returns 1
   on success. */
static int put_row(struct db *db, const char *sql, int64_t key, const struct repay_row *r)
{
    char through[11] = "", from[11] = "";
    if (r->penalty_through.y)
        date_format(r->penalty_through, through);
    if (r->interest_from.y)
        date_format(r->interest_from, from);
    return db_run(db, sql, "iiiiiiiittiiiii", r->principal_fen, r->interest_fen, r->paid_principal_fen,
                  r->paid_interest_fen, r->penalty_fen, r->paid_penalty_fen, r->compound_fen, r->paid_compound_fen,
                  through, from, r->interest_settled_fen, r->interest_base_fen, (int64_t)row_settled(r), key,
                  (int64_t)r->n) == SQLITE_DONE;
}

/* Writes each row of t that a repayment changed (differs from `before`) with `sql` (see put_row),
   the row as it is now, or with `old` as it was before. Returns 1 on success. */
static int put_changed_rows(struct db *db, const char *sql, int64_t key, const struct repay_loan *t,
                            const struct repay_row *before, int old)
{
    int ok = 1;
    for (int i = 0; ok && i < t->nrows; i++)
        if (memcmp(&t->rows[i], &before[i], sizeof before[i]) != 0)
            ok = put_row(db, sql, key, old ? &before[i] : &t->rows[i]);
    return ok;
}

/* Writes the changed rows back to the schedule after a repayment. Returns 1 on success. */
static int store_rows(struct db *db, int64_t loan_id, const struct repay_loan *t, const struct repay_row *before)
{
    return put_changed_rows(db,
                            "UPDATE loan_schedule SET principal_fen = ?1, interest_fen = ?2, paid_principal_fen = ?3, "
                            "paid_interest_fen = ?4, penalty_fen = ?5, paid_penalty_fen = ?6, compound_fen = ?7, "
                            "paid_compound_fen = ?8, penalty_through = nullif(?9, ''), interest_from = nullif(?10, ''), "
                            "interest_settled_fen = ?11, interest_base_fen = ?12, settled = ?13 "
                            "WHERE loan_id = ?14 AND n = ?15",
                            loan_id, t, before, 0);
}

/* Keeps the rows a repayment changes, as they were before it, for a reversal. Returns 1 on success. */
static int keep_rows_before(struct db *db, int64_t repayment_id, const struct repay_loan *t,
                            const struct repay_row *before)
{
    return put_changed_rows(db,
                            "INSERT INTO repayment_rows_before (" SCHEDULE_STATE_COLUMNS ", repayment_id, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, ''), nullif(?10, ''), "
                            "?11, ?12, ?13, ?14, ?15)",
                            repayment_id, t, before, 1);
}

int64_t servicing_repay(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *paid_on,
                        int64_t amount_fen, const char *receipt_no, struct date today, struct repay_alloc *out,
                        int *duplicate, struct err *e)
{
    struct date on;
    char receipt[SERVICING_RECEIPT_MAX];
    *duplicate = 0;
    memset(out, 0, sizeof *out);
    if (strlen(text_trim(receipt_no, receipt, sizeof receipt)) + 1 >= sizeof receipt ||
        text_check(receipt, 1, LOAN_RECEIPT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_receipt_no", "receipt_no", "请填写信用社收款凭证号（%d字以内）",
                       LOAN_RECEIPT_MAX_CHARS);
    if (!paid_on || date_parse(paid_on, &on) != 0)
        return err_set(e, 422, "invalid_date", "paid_on", "还款日期格式应为 YYYY-MM-DD");
    if (date_cmp(on, today) > 0)
        return err_set(e, 422, "invalid_date", "paid_on", "还款日期不能晚于今天");
    if (amount_fen <= 0)
        return err_set(e, 422, "invalid_amount", "amount_fen", "还款金额应大于零");
    struct serviced_loan *l = servicing_alloc();
    struct repay_row *rows_before = malloc(sizeof *rows_before * LOAN_MAX_ROWS);
    if (!l || !rows_before) {
        servicing_free(l);
        free(rows_before);
        return err_set(e, 500, "out_of_memory", NULL, "内存不足");
    }
    int64_t id = -1;
    if (db_begin(db) != SQLITE_OK) {
        servicing_free(l);
        free(rows_before);
        return db_fail(db, e);
    }
    if (servicing_load(db, actor, loan_id, l, 0, 0, e) != 0) /* scope first: no replay of another unit's receipt */
        goto refuse;
    int64_t before = booked_before(db, loan_id, receipt, paid_on, amount_fen, out);
    if (before != 0) {
        db_rollback(db);
        servicing_free(l);
        free(rows_before);
        if (before == -1)
            return err_set(e, 409, "receipt_on_other_loan", "receipt_no", "凭证号 %s 已登记在另一笔贷款上", receipt);
        if (before == -2)
            return err_set(e, 409, "receipt_conflict", "receipt_no",
                           "凭证号 %s 已登记过一笔日期或金额不同的还款，请核对凭证", receipt);
        *duplicate = 1;
        return before;
    }
    if (strcmp(l->state, "active") != 0) {
        err_set(e, 409, "loan_not_active", NULL, "该贷款已%s，不能再登记还款", !strcmp(l->state, "settled") ? "结清" : "代偿");
        goto refuse;
    }
    const struct repayment_row *last = latest_live(l);
    if (last && strcmp(paid_on, last->paid_on) < 0) {
        err_set(e, 422, "out_of_order", "paid_on", "还款日期早于上一笔还款（%s），请按日期顺序登记", last->paid_on);
        goto refuse;
    }
    memcpy(rows_before, l->rows, sizeof *rows_before * (size_t)l->terms.nrows);
    enum repay_result rr = repay_apply(&l->terms, on, amount_fen, out);
    if (rr != REPAY_OK) {
        char owed[MONEY_TEXT_SIZE];
        money_format(repay_owed_now(&l->terms, on), owed, sizeof owed);
        if (rr == REPAY_OVERPAYMENT)
            err_set(e, 422, "overpayment", "amount_fen", "还款金额超过截至 %s 应还的全部金额（%s 元），多付部分不能入账",
                    paid_on, owed);
        else
            err_set(e, rr == REPAY_SETTLED ? 409 : 422, rr == REPAY_SETTLED ? "loan_settled" : "invalid_repayment",
                    "amount_fen", "%s", rr == REPAY_SETTLED ? "该贷款已无欠款" : "还款无效");
        goto refuse;
    }
    int ok = store_rows(db, loan_id, &l->terms, rows_before) && store_figures(db, loan_id, &l->terms) &&
             db_run(db,
                    "INSERT INTO repayments (loan_id, paid_on, amount_fen, receipt_no, penalty_fen, compound_fen, "
                    "interest_fen, principal_fen, prepaid_principal_fen, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "ititiiiiii", loan_id, paid_on, amount_fen, receipt, out->penalty_fen, out->compound_fen,
                    out->interest_fen, out->principal_fen, out->prepaid_principal_fen, actor->id) == SQLITE_DONE;
    id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    ok = ok && keep_rows_before(db, id, &l->terms, rows_before);
    if (ok && repay_outstanding_principal(&l->terms) == 0 && repay_owed_now(&l->terms, on) == 0)
        ok = db_run(db, "UPDATE loans SET state = 'settled', settled_on = ? WHERE id = ?", "ti", paid_on, loan_id) ==
                 SQLITE_DONE &&
             db_run(db, "UPDATE guarantees SET active = 0 WHERE application_id = ?", "i", l->application_id) ==
                 SQLITE_DONE;
    json_t *after = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "paid_on", paid_on, "receipt_no",
                              receipt, "amount_fen", (json_int_t)amount_fen, "penalty_fen",
                              (json_int_t)out->penalty_fen, "compound_fen", (json_int_t)out->compound_fen,
                              "interest_fen", (json_int_t)out->interest_fen, "principal_fen",
                              (json_int_t)out->principal_fen, "prepaid_principal_fen",
                              (json_int_t)out->prepaid_principal_fen);
    ok = ok && audit_write(db, actor, "repayment", "loan", loan_id, NULL, after) == 0 && db_commit(db) == SQLITE_OK;
    json_decref(after);
    servicing_free(l);
    free(rows_before);
    if (!ok) {
        db_fail(db, e);
        db_rollback(db);
        return -1;
    }
    return id;
refuse:
    db_rollback(db);
    servicing_free(l);
    free(rows_before);
    return -1;
}

/* Why repayment rid of loan l cannot be reversed (filling e), or 0 when it can. */
static int reversal_refused(struct db *db, const struct serviced_loan *l, int64_t rid, struct err *e)
{
    const struct repayment_row *p = NULL, *last = latest_live(l);
    for (int i = 0; i < l->nrepayments && !p; i++)
        if (l->repayments[i].id == rid && !l->repayments[i].reverses_id)
            p = &l->repayments[i];
    if (!p)
        return err_set(e, 404, "not_found", NULL, "该贷款没有这笔还款");
    if (p->reversed_by)
        return err_set(e, 409, "already_reversed", NULL, "这笔还款已冲正");
    if (!strcmp(l->state, "compensated"))
        return err_set(e, 409, "loan_compensated", NULL, "该贷款已代偿，不能冲正还款");
    if (p != last)
        return err_set(e, 409, "not_latest", NULL, "只能冲正最近一笔还款：请先冲正 %s 凭证号 %s 的还款", last->paid_on,
                       last->receipt_no);
    if (db_int(db, 0, "SELECT count(*) FROM repayment_rows_before WHERE repayment_id = ?", "i", rid) < 1)
        return err_set(e, 409, "no_snapshot", NULL, "这笔还款登记于冲正功能启用之前，无法自动冲正，请联系系统管理员");
    /* an extension in force rests on everything paid by its date (extension.c) */
    if (db_int(db, 0, "SELECT 1 FROM loan_extensions WHERE loan_id = ? AND state = 'approved' AND on_date >= ?", "it",
               l->id, p->paid_on) == 1)
        return err_set(e, 409, "extended_since", NULL, "这笔还款之后贷款已展期：请先冲正展期");
    return 0;
}

int64_t servicing_reverse(struct db *db, const struct user_ctx *actor, int64_t loan_id, int64_t repayment_id,
                          const char *reason, struct err *e)
{
    if (text_check(reason, 1, LOAN_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写冲正原因（%d字以内）", LOAN_REASON_MAX_CHARS);
    struct serviced_loan *l = servicing_open(db, actor, loan_id, e);
    if (!l)
        return -1;
    if (reversal_refused(db, l, repayment_id, e) != 0) {
        db_rollback(db);
        servicing_free(l);
        return -1;
    }
    const struct repayment_row *p = latest_live(l);
    int was_settled = !strcmp(l->state, "settled");
    int ok = db_run(db,
                    "UPDATE loan_schedule SET (" SCHEDULE_STATE_COLUMNS ") = (SELECT " SCHEDULE_STATE_COLUMNS " "
                    "FROM repayment_rows_before b WHERE b.repayment_id = ?1 AND b.n = loan_schedule.n) "
                    "WHERE loan_id = ?2 AND n IN (SELECT n FROM repayment_rows_before WHERE repayment_id = ?1)",
                    "ii", repayment_id, loan_id) == SQLITE_DONE &&
             load_rows(db, loan_id, 0, l) == 0 && store_figures(db, loan_id, &l->terms) &&
             db_run(db,
                    "INSERT INTO repayments (loan_id, paid_on, amount_fen, receipt_no, penalty_fen, compound_fen, "
                    "interest_fen, principal_fen, prepaid_principal_fen, reverses_id, reason, created_by) "
                    "SELECT loan_id, paid_on, -amount_fen, receipt_no, -penalty_fen, -compound_fen, -interest_fen, "
                    "-principal_fen, -prepaid_principal_fen, id, ?, ? FROM repayments WHERE id = ?",
                    "tii", reason, actor->id, repayment_id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    /* the closed month-end figures that counted the repayment are reopened: the month closer (or a document
       that needs them first) computes them again */
    ok = ok && portfolio_months_reopen(db, p->paid_on) == 0;
    if (ok && was_settled)
        ok = db_run(db, "UPDATE loans SET state = 'active', settled_on = NULL WHERE id = ?", "i", loan_id) ==
                 SQLITE_DONE &&
             db_run(db, "UPDATE guarantees SET active = 1 WHERE application_id = ?", "i", l->application_id) ==
                 SQLITE_DONE;
    json_t *before = json_pack("{s:I, s:s, s:s, s:I, s:s}", "repayment_id", (json_int_t)repayment_id, "paid_on",
                               p->paid_on, "receipt_no", p->receipt_no, "amount_fen", (json_int_t)p->amount_fen,
                               "state", l->state);
    json_t *after = json_pack("{s:I, s:s, s:s}", "reversal_id", (json_int_t)id, "reason", reason, "state", "active");
    servicing_free(l);
    return audit_commit(db, ok, actor, "reverse_repayment", "loan", loan_id, before, after, e) == 0 ? id : -1;
}

int servicing_household_blocked(struct db *db, int64_t household_id, struct date today)
{
    char t[11];
    date_format(today, t);
    return db_int(db, 0,
                  "SELECT 1 FROM loans l JOIN loan_applications a ON a.id = l.application_id WHERE a.household_id = ?1 "
                  "AND (l.state = 'compensated' OR (l.state = 'active' AND EXISTS (SELECT 1 FROM loan_schedule s "
                  "WHERE s.loan_id = l.id AND s.settled = 0 AND s.due_on < ?2))) LIMIT 1",
                  "it", household_id, t) == 1;
}

/* A due row's penalty and compound interest unpaid as of as_of: the row alone accrued on its
   loan's terms. The loan is loaded into l with that instalment only and no repayment (the
   penalty reads neither): the list is in due-day order, so the next row is another loan's, and
   reading each loan's whole schedule and every repayment was most of the overdue page's time.
   0 or -1. */
static int due_row_penalty(struct db *db, const struct user_ctx *actor, struct serviced_loan *l,
                           struct due_row *d, struct date as_of)
{
    struct err e = {0};
    if (servicing_load(db, actor, d->loan_id, l, 0, d->n, &e) != 0)
        return -1;
    if (l->terms.nrows == 1)
        d->penalty_fen = repay_penalty_unpaid(&l->terms, as_of) + repay_compound_unpaid(&l->terms, as_of);
    return 0;
}

/* The due list's rows, walking the scope's villages by name (then id) and in each the kept key of
   its unsettled instalments (due_instalments, migration 100) from the cursor on: ?1 from, ?2 to,
   ?3 scope, ?4 1 to start after the cursor (?5 village name, ?10 village id, ?6 due date, ?7 loan
   id, ?11 instalment), ?8 rows (-1 all), ?9 rows skipped. CMP and ORDER give the direction,
   WINDOW the due days read in each village: in the cursor's village the index starts at the
   cursor's day (DUE_FORWARD, DUE_BACKWARD), not at the window's end. */
#define DUE_FORWARD "d.due_on >= CASE WHEN ?4 = 1 AND v.id = ?10 AND ?6 > ?1 THEN ?6 ELSE ?1 END AND d.due_on <= ?2"
#define DUE_BACKWARD "d.due_on >= ?1 AND d.due_on <= CASE WHEN ?4 = 1 AND v.id = ?10 AND ?6 < ?2 THEN ?6 ELSE ?2 END"
#define DUE_SQL(CMP, ORDER, WINDOW)                                                                                     \
    "FROM units v CROSS JOIN due_instalments d ON d.village_id = v.id AND " WINDOW " "                                 \
    "JOIN loan_schedule s ON s.loan_id = d.loan_id AND s.n = d.n JOIN loans l ON l.id = d.loan_id "                     \
    "JOIN loan_applications a ON a.id = l.application_id JOIN households h ON h.id = a.household_id "                   \
    "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 " BORROWER_JOIN                                      \
    "WHERE v.kind = 'village' AND in_scope(v.path, ?3) AND (?4 = 0 OR (v.name, v.id, d.due_on, d.loan_id, d.n) " CMP  \
    " (?5, ?10, ?6, ?7, ?11)) ORDER BY v.name " ORDER ", v.id " ORDER ", d.due_on " ORDER ", d.loan_id " ORDER          \
    ", d.n " ORDER " LIMIT ?8 OFFSET ?9"

/* A due row's cursor keys: the village name, and its id, due day and instalment number in one text. */
#define DUE_KEY_FORMAT "%10s %" SCNd64 " %d"

/* Binds the due list's parameters for a page (NULL: every row) reading rows rows from skip. A
   cursor whose second key is not one of DUE_KEY_FORMAT starts from its village name. */
static void due_bind(sqlite3_stmt *st, const char *f, const char *t, const char *scope, const struct keyset *page, int rows,
                     int skip)
{
    char due[11] = "";
    int64_t village = 0;
    int n = 0;
    if (page && page->after && sscanf(page->k2, DUE_KEY_FORMAT, due, &village, &n) != 3)
        due[0] = 0, village = 0, n = 0;
    db_bind(st, "tttdttIddId", f, t, scope, page && page->after, page ? page->k1 : "", due, page ? page->id : 0, rows,
            skip, village, n);
}

/* Gives the keyset a due row's cursor (keyset_row, or keyset_prev when prev). */
static int due_key(struct keyset *page, int prev, const char *village, int64_t village_id, const char *due_on, int64_t loan_id,
                   int n)
{
    char k2[KEYSET_KEY_SIZE];
    snprintf(k2, sizeof k2, "%s %" PRId64 " %d", due_on, village_id, n);
    return prev ? keyset_prev(page, 1, village, k2, loan_id) : keyset_row(page, village, k2, loan_id);
}

/* Finds where the page before a due page starts (keyset.h). 0, or -1. */
static int due_prev(struct db *db, const char *f, const char *t, const char *scope, struct keyset *page)
{
    if (!page->after)
        return keyset_prev(page, 0, "", "", 0);
    sqlite3_stmt *st = db_prep(db, "SELECT v.name, v.id, s.due_on, l.id, d.n " DUE_SQL("<=", "DESC", DUE_BACKWARD));
    if (!st)
        return -1;
    due_bind(st, f, t, scope, page, 1, page->limit);
    int rc = sqlite3_step(st);
    int out = rc == SQLITE_ROW ? due_key(page, 1, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
                                         (const char *)sqlite3_column_text(st, 2), sqlite3_column_int64(st, 3),
                                         sqlite3_column_int(st, 4))
              : rc == SQLITE_DONE ? keyset_prev(page, 0, "", "", 0) : -1;
    db_done(st);
    return out;
}

int servicing_due_list(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                       struct date as_of, struct keyset *page, void (*fn)(const struct due_row *, void *), void *ctx)
{
    char f[11] = "0000-00-00", t[11];
    if (from.y)
        date_format(from, f);
    date_format(to, t);
    struct serviced_loan *l = servicing_alloc();
    sqlite3_stmt *st = l ? db_prep(db, "SELECT " DB_ROW_COLUMNS(DUE_ROW) " " DUE_SQL(">", "ASC", DUE_FORWARD)) : NULL;
    if (!st) {
        servicing_free(l);
        return -1;
    }
    due_bind(st, f, t, actor->unit_path, page, page ? page->limit + 1 : -1, page ? page->offset : 0);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct due_row r = {0};
        int on_page = 1;
        if (due_row_read(st, &r) != 0 || (page && (on_page = due_key(page, 0, r.village, r.village_id, r.due_on, r.loan_id, r.n)) < 0))
            break;
        if (!on_page)
            continue;
        struct date due;
        if (date_parse(r.due_on, &due) == 0 && date_cmp(due, as_of) < 0) {
            r.days_overdue = date_diff(as_of, due);
            if (due_row_penalty(db, actor, l, &r, as_of) != 0)
                break;
        }
        fn(&r, ctx);
        n++;
    }
    db_done(st);
    servicing_free(l);
    if (rc != SQLITE_DONE || (page && due_prev(db, f, t, actor->unit_path, page) != 0))
        return -1;
    return n;
}

int64_t servicing_loan_of(struct db *db, int64_t application_id)
{
    return db_int(db, 0, "SELECT id FROM loans WHERE application_id = ?", "i", application_id);
}

/* Validates a money date: a real date, not after today. 0 or -1 with e filled. */
static int money_date(const char *on, struct date today, struct date *d, struct err *e)
{
    if (!on || date_parse(on, d) != 0)
        return err_set(e, 422, "invalid_date", "on", "日期格式应为 YYYY-MM-DD");
    if (date_cmp(*d, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "日期不能晚于今天");
    return 0;
}

int64_t servicing_compensate(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *on,
                             struct date today, int64_t *paid_fen, struct err *e)
{
    struct date d;
    if (money_date(on, today, &d, e) != 0)
        return -1;
    struct serviced_loan *l = servicing_alloc();
    if (!l)
        return err_set(e, 500, "out_of_memory", NULL, "内存不足");
    if (db_begin(db) != SQLITE_OK) {
        servicing_free(l);
        return db_fail(db, e);
    }
    int64_t id = -1, claim_dpd = db_param_int(db, "claim_dpd", 90);
    if (servicing_get(db, actor, loan_id, l, e) != 0)
        goto done;
    if (strcmp(l->state, "active") != 0) {
        err_set(e, 409, "loan_not_active", NULL, "该贷款已结清或已代偿");
        goto done;
    }
    repay_accrue(&l->terms, d);
    long dpd = repay_dpd(&l->terms, d);
    if (dpd <= claim_dpd) {
        err_set(e, 409, "not_claimable", "on", "逾期 %ld 天，超过 %lld 天才能申请代偿", dpd, (long long)claim_dpd);
        goto done;
    }
    int64_t coverage = db_int(db, 100, "SELECT coverage_pct FROM guarantees WHERE application_id = ?", "i",
                              l->application_id);
    int64_t owed = 0;
    for (int i = 0; i < l->terms.nrows; i++) {
        const struct repay_row *r = &l->rows[i];
        owed += r->principal_fen - r->paid_principal_fen + r->penalty_fen - r->paid_penalty_fen + r->compound_fen -
                r->paid_compound_fen + (date_cmp(r->due_on, d) <= 0 ? r->interest_fen - r->paid_interest_fen : 0);
    }
    *paid_fen = (owed * coverage + 50) / 100;
    int64_t balance = db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM guarantee_fund_entries", "");
    if (balance < *paid_fen) {
        char need[MONEY_TEXT_SIZE], have[MONEY_TEXT_SIZE];
        err_set(e, 409, "insufficient_funds", NULL, "担保基金余额 %s 元，不足以代偿 %s 元",
                money_format(balance, have, sizeof have), money_format(*paid_fen, need, sizeof need));
        goto done;
    }
    char note[128];
    snprintf(note, sizeof note, "代偿：合同 %s，逾期 %ld 天", l->contract_no, dpd);
    int ok = db_run(db, "INSERT INTO guarantee_fund_entries (kind, amount_fen, on_date, document_no, note, loan_id, "
                        "created_by) VALUES ('payout', ?, ?, ?, ?, ?, ?)",
                    "itttii", -*paid_fen, on, l->contract_no, note, loan_id, actor->id) == SQLITE_DONE;
    id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    ok = ok && db_run(db, "UPDATE loans SET state = 'compensated', settled_on = ? WHERE id = ?", "ti", on, loan_id) ==
                   SQLITE_DONE &&
         db_run(db, "UPDATE guarantees SET active = 0 WHERE application_id = ?", "i", l->application_id) == SQLITE_DONE;
    servicing_free(l);
    l = NULL;
    return audit_commit(db, ok, actor, "compensate", "loan", loan_id, NULL,
                        json_pack("{s:s, s:I, s:i}", "on", on, "paid_fen", (json_int_t)*paid_fen, "dpd", (int)dpd),
                        e) == 0
               ? id
               : -1;
done:
    db_rollback(db);
    servicing_free(l);
    return -1;
}

int64_t servicing_recover(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *on,
                          int64_t amount_fen, const char *source, const char *document_no, struct date today,
                          struct err *e)
{
    struct date d;
    if (money_date(on, today, &d, e) != 0)
        return -1;
    if (!source || (strcmp(source, "borrower") && strcmp(source, "counter_guarantor")))
        return err_set(e, 422, "invalid_source", "source", "追偿来源应为 borrower（借款人）或 counter_guarantor（反担保人）");
    if (amount_fen <= 0)
        return err_set(e, 422, "invalid_amount", "amount_fen", "追偿金额应大于零");
    if (text_check(document_no, 1, DOC_NO_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_document_no", "document_no", "请填写收款凭证号（50字以内）");
    struct serviced_loan *l = servicing_alloc();
    if (!l)
        return err_set(e, 500, "out_of_memory", NULL, "内存不足");
    if (db_begin(db) != SQLITE_OK) {
        servicing_free(l);
        return db_fail(db, e);
    }
    int rc = servicing_get(db, actor, loan_id, l, e);
    int64_t open = -db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM guarantee_fund_entries WHERE loan_id = ? "
                                  "AND kind IN ('payout', 'recovery')", "i", loan_id);
    if (rc == 0 && strcmp(l->state, "compensated") != 0)
        rc = err_set(e, 409, "not_compensated", NULL, "该贷款没有代偿，无需追偿");
    else if (rc == 0 && amount_fen > open)
        rc = err_set(e, 422, "over_recovery", "amount_fen", "追偿金额超过尚未收回的代偿款（%lld.%02lld 元）",
                     (long long)(open / 100), (long long)(open % 100));
    servicing_free(l);
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    char note[64];
    snprintf(note, sizeof note, "追偿：%s", strcmp(source, "borrower") ? "反担保人" : "借款人");
    int ok = db_run(db, "INSERT INTO guarantee_fund_entries (kind, amount_fen, on_date, document_no, note, loan_id, "
                        "created_by) VALUES ('recovery', ?, ?, ?, ?, ?, ?)",
                    "itttii", amount_fen, on, document_no, note, loan_id, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    return audit_commit(db, ok, actor, "recover", "loan", loan_id, NULL,
                        json_pack("{s:s, s:I, s:s, s:s}", "on", on, "amount_fen", (json_int_t)amount_fen, "source",
                                  source, "document_no", document_no),
                        e) == 0
               ? id
               : -1;
}

/* The claims list's rows from the carried figures (loans.oldest_unpaid_due, outstanding_principal_fen,
   village_id: no schedule row is read): ?1 the threshold date, ?2 the scope, ?3 1 to start after
   (?4 oldest due, ?5 loan id), ?6 the rows to read (-1 all). CMP and ORDER give the direction. */
#define CLAIMS_SQL(CMP, ORDER)                                                                                           \
    "FROM loans l JOIN units v ON v.id = l.village_id JOIN loan_applications a ON a.id = l.application_id "            \
    "JOIN households h ON h.id = a.household_id JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "          \
    BORROWER_JOIN "WHERE l.state = 'active' AND l.oldest_unpaid_due < ?1 AND in_scope(v.path, ?2) AND (?3 = 0 OR "     \
    "(l.oldest_unpaid_due, l.id) " CMP " (?4, ?5)) ORDER BY l.oldest_unpaid_due " ORDER ", l.id " ORDER " LIMIT ?6"

/* Finds the start of the page before a claims page (keyset.h). 0, or -1. */
static int claims_prev(struct db *db, const char *limit, const char *scope, struct keyset *page)
{
    if (!page->after)
        return keyset_prev(page, 0, "", "", 0);
    sqlite3_stmt *st = db_prep(db, "SELECT l.oldest_unpaid_due, l.id " CLAIMS_SQL("<=", "DESC") " OFFSET ?7");
    if (!st)
        return -1;
    db_bind(st, "ttdtIdd", limit, scope, 1, page->k1, page->id, 1, page->limit);
    int rc = sqlite3_step(st);
    int out = rc == SQLITE_ROW ? keyset_prev(page, 1, (const char *)sqlite3_column_text(st, 0), "", sqlite3_column_int64(st, 1))
              : rc == SQLITE_DONE ? keyset_prev(page, 0, "", "", 0) : -1;
    db_done(st);
    return out;
}

int servicing_claims(struct db *db, const struct user_ctx *actor, struct date as_of, struct keyset *page,
                     void (*fn)(const struct claim_row *, void *), void *ctx)
{
    int64_t claim_dpd = db_param_int(db, "claim_dpd", 90);
    char limit[11];
    date_format(date_add_days(as_of, -claim_dpd), limit);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(CLAIM_ROW) " " CLAIMS_SQL(">", "ASC"));
    if (!st)
        return -1;
    db_bind(st, "ttdtId", limit, actor->unit_path, page && page->after, page ? page->k1 : "", page ? page->id : 0,
            page ? page->limit + 1 : -1);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct claim_row c = {0};
        int on_page = 1;
        if (claim_row_read(st, &c) != 0 || (page && (on_page = keyset_row(page, c.oldest_due, "", c.loan_id)) < 0))
            break;
        if (!on_page)
            continue;
        struct date due;
        c.dpd = date_parse(c.oldest_due, &due) == 0 ? date_diff(as_of, due) : 0;
        fn(&c, ctx);
        n++;
    }
    db_done(st);
    if (rc != SQLITE_DONE || (page && claims_prev(db, limit, actor->unit_path, page) != 0))
        return -1;
    return n;
}
