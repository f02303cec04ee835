/* subsidy.c: the quarterly interest-subsidy claim (see subsidy.h). */
#include "subsidy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "borrower.h"
#include "db_row.h"
#include "money.h"
#include "portfolio.h"

int64_t subsidy_of(int64_t interest_fen, int64_t contract_rate_micro, int borrower_mode, int64_t borrower_rate_micro,
                   int64_t percent)
{
    if (interest_fen <= 0)
        return 0;
    if (!borrower_mode)
        return (interest_fen * percent * 2 / 100 + 1) / 2;
    if (contract_rate_micro <= borrower_rate_micro || contract_rate_micro <= 0)
        return 0;
    __int128 num = (__int128)interest_fen * (contract_rate_micro - borrower_rate_micro) * 2;
    return (int64_t)((num / contract_rate_micro + 1) / 2);
}

int64_t subsidy_late_interest(const struct subsidy_due *rows, int nrows, const struct subsidy_paid *pays, int npays,
                              struct date from, struct date to)
{
    int64_t late = 0, room = nrows > 0 ? rows[0].interest_fen : 0; /* interest still unpaid on rows[i] */
    int i = 0;
    for (int k = 0; k < npays && nrows > 0; k++) {
        const struct subsidy_paid *p = &pays[k];
        int counted = date_cmp(p->paid_on, from) >= 0 && date_cmp(p->paid_on, to) <= 0;
        for (int64_t left = p->interest_fen; left > 0;) {
            while (room <= 0 && i < nrows - 1)
                room = rows[++i].interest_fen;
            int64_t part = i == nrows - 1 || left < room ? left : room; /* the last row takes any excess */
            if (counted && date_cmp(p->paid_on, rows[i].due_on) > 0)
                late += part;
            left -= part;
            room -= part;
        }
    }
    return late;
}

void subsidy_assess(struct subsidy_row *row, const struct subsidy_rule *rule, struct date quarter_end)
{
    struct date d;
    row->excluded = 0;
    if (row->late_interest_fen > 0)
        row->excluded |= SUBSIDY_LATE;
    if (row->penalty_paid_fen > 0)
        row->excluded |= SUBSIDY_PENALTY;
    if (date_parse(row->compensated_on, &d) == 0 && date_cmp(d, quarter_end) <= 0)
        row->excluded |= SUBSIDY_COMPENSATED;
    if (date_parse(row->extended_on, &d) == 0 && date_cmp(d, quarter_end) <= 0)
        row->excluded |= SUBSIDY_EXTENDED;
    row->eligible_interest_fen = row->excluded & (SUBSIDY_COMPENSATED | SUBSIDY_EXTENDED)
                                     ? 0
                                     : row->interest_paid_fen - row->late_interest_fen;
    if (row->eligible_interest_fen < 0)
        row->eligible_interest_fen = 0;
    row->subsidy_fen = subsidy_of(row->eligible_interest_fen, row->rate_micro, rule->borrower_mode,
                                  rule->borrower_rate_micro, rule->percent);
}

int subsidy_reason(const struct subsidy_row *row, char *out, size_t n)
{
    char part[SUBSIDY_REASON_SIZE], a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE];
    size_t used = 0;
    int rc = text_copy(out, n, "");
    for (unsigned bit = SUBSIDY_LATE; rc == 0 && bit <= SUBSIDY_EXTENDED; bit <<= 1) {
        if (!(row->excluded & bit))
            continue;
        if (bit == SUBSIDY_LATE)
            snprintf(part, sizeof part, "逾期归还的利息 %s 元不贴息", money_format(row->late_interest_fen, a, sizeof a));
        else if (bit == SUBSIDY_PENALTY)
            snprintf(part, sizeof part, "罚息、复利 %s 元不贴息", money_format(row->penalty_paid_fen, b, sizeof b));
        else
            snprintf(part, sizeof part, "%s %s，本季起不贴息",
                     bit == SUBSIDY_COMPENSATED ? row->compensated_on : row->extended_on,
                     bit == SUBSIDY_COMPENSATED ? "担保代偿" : "展期");
        rc = text_append(out, n, &used, used ? "；" : "") || text_append(out, n, &used, part) ? -1 : 0;
    }
    return rc;
}

/* The rule in force, from the parameters: 0, or -1 with e filled when they are not valid (a
   claim is never computed on a rate silently taken as 0). */
static int rule_of(struct db *db, struct subsidy_rule *rule, struct err *e)
{
    char mode[32], rate[RATE_TEXT_SIZE];
    rule->borrower_rate_micro = 0;
    rule->percent = db_param_int(db, "subsidy_percent", -1);
    db_param_text(db, "subsidy_mode", mode, sizeof mode);
    rule->borrower_mode = strcmp(mode, "percent") != 0;
    if (rule->borrower_mode
            ? rate_parse(db_param_text(db, "subsidy_borrower_rate", rate, sizeof rate), &rule->borrower_rate_micro)
            : rule->percent < 0 || rule->percent > 100)
        return err_set(e, 500, "invalid_parameter", NULL, "贴息参数无效，请管理员检查贴息方式、借款人承担利率和贴息比例");
    return 0;
}

/* A growable array of n items of `size` bytes: makes room for one more, or aborts (as buf.c). */
static void *grow(void *items, int n, int *cap, size_t size)
{
    if (n < *cap)
        return items;
    *cap = *cap ? *cap * 2 : 32;
    void *more = realloc(items, (size_t)*cap * size);
    if (!more)
        abort();
    return more;
}

/* A schedule instalment's and a repayment's columns for the late interest. */
#define SUBSIDY_DUE_ROW(X, _) X("due_on", DAY, due_on) _ X("interest_fen", MONEY, interest_fen)
#define SUBSIDY_PAID_ROW(X, _) X("paid_on", DAY, paid_on) _ X("interest_fen", MONEY, interest_fen)
/* Read them. */
static DB_ROW_READER(subsidy_due_read, SUBSIDY_DUE_ROW, struct subsidy_due)
static DB_ROW_READER(subsidy_paid_read, SUBSIDY_PAID_ROW, struct subsidy_paid)

/* A loan's claim columns: the loan, its applicant and village, what it paid in [?1, ?2]. */
#define SUBSIDY_ROW(X, _)                                                                                             \
    X("l.id", INT64, loan_id) _ X(BORROWER_NAME, TEXT(NAME_SIZE), applicant) _ X("v.name", TEXT(NAME_SIZE), village) _ \
        X("l.contract_no", TEXT(CONTRACT_NO_SIZE), contract_no) _ X("l.rate_micro", INT64, rate_micro) _           \
        X("sum(r.interest_fen)", MONEY, interest_paid_fen) _                                                       \
        X("sum(r.penalty_fen + r.compound_fen)", MONEY, penalty_paid_fen) _                                        \
        X("CASE WHEN l.state = 'compensated' THEN l.settled_on END", DATE, compensated_on) _                       \
        X("l.extended_on", DATE, extended_on)
/* Reads a SUBSIDY_ROW. */
static DB_ROW_READER(subsidy_row_read, SUBSIDY_ROW, struct subsidy_row)

/* The late interest of one loan in [from, to], from its schedule and its repayments up to `to`;
   -1 when either read fails. */
static int64_t loan_late_interest(sqlite3_stmt *rows_st, sqlite3_stmt *pays_st, int64_t loan_id, struct date from,
                                  struct date to, const char *t)
{
    struct subsidy_due *rows = NULL;
    struct subsidy_paid *pays = NULL;
    int nrows = 0, npays = 0, rcap = 0, pcap = 0;
    sqlite3_reset(rows_st);
    db_bind(rows_st, "i", loan_id);
    while (sqlite3_step(rows_st) == SQLITE_ROW) {
        rows = grow(rows, nrows, &rcap, sizeof *rows);
        subsidy_due_read(rows_st, &rows[nrows++]);
    }
    sqlite3_reset(pays_st);
    db_bind(pays_st, "it", loan_id, t);
    while (sqlite3_step(pays_st) == SQLITE_ROW) {
        pays = grow(pays, npays, &pcap, sizeof *pays);
        subsidy_paid_read(pays_st, &pays[npays++]);
    }
    int read_failed = db_end(rows_st, 0, NULL) != 0 || db_end(pays_st, 0, NULL) != 0;
    int64_t late = read_failed ? -1 : subsidy_late_interest(rows, nrows, pays, npays, from, to);
    free(rows);
    free(pays);
    return late;
}

int subsidy_claim(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                  void (*fn)(const struct subsidy_row *, void *), void *ctx, struct subsidy_totals *totals,
                  struct err *e)
{
    char f[11], t[11];
    struct subsidy_rule rule;
    memset(totals, 0, sizeof *totals);
    if (rule_of(db, &rule, e) != 0)
        return -1;
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(SUBSIDY_ROW) " FROM " COUNTED_REPAYMENTS " r JOIN loans l ON l.id = r.loan_id "
                     "JOIN loan_applications a ON a.id = l.application_id "
                     "JOIN households h ON h.id = a.household_id JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
                     "JOIN units v ON v.id = h.village_id " BORROWER_JOIN "WHERE r.paid_on BETWEEN ?1 AND ?2 "
                     "AND in_scope(v.path, ?3) "
                     "AND a.product_id IN (SELECT p.id FROM loan_products p WHERE p.subsidy_eligible = 1) GROUP BY l.id "
                     "HAVING sum(r.interest_fen) > 0 OR sum(r.penalty_fen + r.compound_fen) > 0 "
                     "ORDER BY v.name, l.id");
    sqlite3_stmt *rows_st = db_prep(db, "SELECT " DB_ROW_COLUMNS(SUBSIDY_DUE_ROW) " FROM loan_schedule WHERE loan_id = ? ORDER BY n");
    sqlite3_stmt *pays_st = db_prep(db, "SELECT " DB_ROW_COLUMNS(SUBSIDY_PAID_ROW) " FROM " COUNTED_REPAYMENTS
                                        " WHERE loan_id = ?1 AND paid_on <= ?2 ORDER BY paid_on, id");
    if (!st || !rows_st || !pays_st) {
        db_done(st);
        db_done(rows_st);
        db_done(pays_st);
        return db_fail(db, e);
    }
    db_bind(st, "ttt", date_format(from, f), date_format(to, t), actor->unit_path);
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        struct subsidy_row r = {0};
        if (subsidy_row_read(st, &r) != 0) {
            rc = err_set(e, 500, "text_too_long", NULL, "贷款 %lld 的姓名、村名或合同号超长", (long long)r.loan_id);
            break;
        }
        r.late_interest_fen = loan_late_interest(rows_st, pays_st, r.loan_id, from, to, t);
        if (r.late_interest_fen < 0) {
            rc = db_fail(db, e);
            break;
        }
        subsidy_assess(&r, &rule, to);
        totals->loans++;
        totals->interest_paid_fen += r.interest_paid_fen;
        totals->eligible_interest_fen += r.eligible_interest_fen;
        totals->subsidy_fen += r.subsidy_fen;
        fn(&r, ctx);
    }
    if (db_end(st, 0, rc == 0 ? e : NULL) != 0)
        rc = -1;
    db_done(rows_st);
    db_done(pays_st);
    return rc == 0 ? totals->loans : -1;
}

/* The rows collected so far. */
struct collected {
    struct subsidy_row *rows;
    int n, cap;
};

/* Appends one row of the claim. */
static void collect(const struct subsidy_row *row, void *ctx)
{
    struct collected *c = ctx;
    c->rows = grow(c->rows, c->n, &c->cap, sizeof *c->rows);
    c->rows[c->n++] = *row;
}

int subsidy_claim_all(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                      struct subsidy_row **rows, struct subsidy_totals *totals, struct err *e)
{
    struct collected c = {0};
    int n = subsidy_claim(db, actor, from, to, collect, &c, totals, e);
    if (n < 0) {
        free(c.rows);
        c.rows = NULL;
    }
    *rows = c.rows;
    return n;
}
