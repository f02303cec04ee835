/* loan_bands.c: recounting the active loans' bands for a new day (see loan_bands.h). */
#include "loan_bands.h"

#include "portfolio.h"

/* Runs a statement with the day and the bands' bounds bound to ?1..?5 (portfolio_bind_days). 1 when
   it ran, 0 on error. */
static int run_on_day(struct db *db, const char *sql, struct date day)
{
    sqlite3_stmt *st = db_prep(db, sql);
    int ok = st && portfolio_bind_days(st, day) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE;
    db_done(st);
    return ok;
}

/* The bands recounted from the loans' figures by oldest unpaid due day, on the day bound to ?1..?5. */
/* clang-format off */
#define COUNT_BANDS                                                                                                \
    "INSERT INTO active_loan_bands (village_id, band, loans, principal_fen, outstanding_fen) "                    \
    "SELECT village_id, " PORTFOLIO_BAND_OF("oldest") ", sum(loans), sum(principal_fen), sum(outstanding_fen) "   \
    "FROM active_loan_figures GROUP BY 1, 2"
/* clang-format on */

int loan_bands_roll(struct db *db, struct date today)
{
    char day[11];
    if (db_begin(db) != SQLITE_OK)
        return -1;
    if (db_int(db, 0, "SELECT day = ? FROM active_loan_band_day", "t", date_format(today, day))) {
        db_rollback(db);
        return 0;
    }
    /* each oldest unpaid due day's band as the reports compute it when the bands are not counted
       for the day (and as migration 121's triggers do from the bounds kept here) */
    int ok =
        run_on_day(db, "UPDATE active_loan_band_day SET day = ?1, d30 = ?2, d90 = ?3, d180 = ?4, d360 = ?5", today) &&
        db_run(db, "DELETE FROM active_loan_bands", "") == SQLITE_DONE && run_on_day(db, COUNT_BANDS, today) &&
        db_run(db, "DELETE FROM overdue_due_figures", "") == SQLITE_DONE &&
        db_run(db, "INSERT INTO overdue_due_figures SELECT * FROM overdue_due_recount", "") == SQLITE_DONE;
    if (!ok || db_commit(db) != SQLITE_OK) {
        db_rollback(db);
        return -1;
    }
    return 1;
}
