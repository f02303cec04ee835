/* subsidy.c: the quarterly interest-subsidy claim (see subsidy.h). */
#include "subsidy.h"

#include <stdio.h>
#include <string.h>

#include "money.h"

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

int subsidy_quarter(const char *s, struct date *from, struct date *to)
{
    int y, q;
    char tail;
    if (!s || sscanf(s, "%4dQ%1d%c", &y, &q, &tail) != 2 || y < 2000 || y > 2999 || q < 1 || q > 4)
        return -1;
    *from = (struct date){y, 3 * q - 2, 1};
    *to = (struct date){y, 3 * q, date_days_in_month(y, 3 * q)};
    return 0;
}

int subsidy_claim(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                  void (*fn)(const struct subsidy_row *, void *), void *ctx, int64_t *interest, int64_t *subsidy,
                  struct err *e)
{
    char mode[32], rate[32], f[11], t[11];
    int64_t borrower_rate = 0, percent = db_param_int(db, "subsidy_percent", 0);
    db_param_text(db, "subsidy_mode", mode, sizeof mode);
    rate_parse(db_param_text(db, "subsidy_borrower_rate", rate, sizeof rate), &borrower_rate);
    int borrower_mode = strcmp(mode, "percent") != 0;
    sqlite3_stmt *st = db_prep(db, "SELECT l.id, hm.name, v.name, l.contract_no, l.rate_micro, sum(r.interest_fen) "
                     "FROM repayments r JOIN loans l ON l.id = r.loan_id JOIN loan_applications a ON a.id = l.application_id "
                     "JOIN households h ON h.id = a.household_id JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
                     "JOIN units v ON v.id = h.village_id WHERE r.paid_on BETWEEN ?1 AND ?2 "
                     "AND in_scope(v.path, ?3) GROUP BY l.id HAVING sum(r.interest_fen) > 0 "
                     "ORDER BY v.name, l.id");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ttt", date_format(from, f), date_format(to, t), actor->unit_path);
    int n = 0;
    *interest = *subsidy = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct subsidy_row r = {0};
        r.loan_id = sqlite3_column_int64(st, 0);
        snprintf(r.applicant, sizeof r.applicant, "%s", db_text(st, 1));
        snprintf(r.village, sizeof r.village, "%s", db_text(st, 2));
        snprintf(r.contract_no, sizeof r.contract_no, "%s", db_text(st, 3));
        r.rate_micro = sqlite3_column_int64(st, 4);
        r.interest_paid_fen = sqlite3_column_int64(st, 5);
        r.subsidy_fen = subsidy_of(r.interest_paid_fen, r.rate_micro, borrower_mode, borrower_rate, percent);
        *interest += r.interest_paid_fen;
        *subsidy += r.subsidy_fen;
        fn(&r, ctx);
        n++;
    }
    db_done(st);
    return n;
}
