/* loan_bands.c: recounting the active loans' bands for a new day (see loan_bands.h). */
#include "loan_bands.h"

int loan_bands_roll(struct db *db, struct date today)
{
    char day[11], d30[11], d90[11], d180[11], d360[11];
    date_format(today, day);
    date_format(date_add_days(today, -30), d30);
    date_format(date_add_days(today, -90), d90);
    date_format(date_add_days(today, -180), d180);
    date_format(date_add_days(today, -360), d360);
    if (db_begin(db) != SQLITE_OK)
        return -1;
    if (db_int(db, 0, "SELECT day = ? FROM active_loan_band_day", "t", day)) {
        db_rollback(db);
        return 0;
    }
    /* the band of each oldest unpaid due day as migration 121's triggers compute it */
    int ok =
        db_run(db, "UPDATE active_loan_band_day SET day = ?, d30 = ?, d90 = ?, d180 = ?, d360 = ?", "ttttt", day, d30,
               d90, d180, d360) == SQLITE_DONE &&
        db_run(db, "DELETE FROM active_loan_bands", "") == SQLITE_DONE &&
        db_run(
            db,
            "INSERT INTO active_loan_bands (village_id, band, loans, principal_fen, outstanding_fen) "
            "SELECT f.village_id, CASE WHEN f.oldest = '' OR f.oldest >= d.day THEN 0 WHEN f.oldest >= d.d30 THEN 1 "
            "WHEN f.oldest >= d.d90 THEN 2 WHEN f.oldest >= d.d180 THEN 3 WHEN f.oldest >= d.d360 THEN 4 ELSE 5 END, "
            "sum(f.loans), sum(f.principal_fen), sum(f.outstanding_fen) "
            "FROM active_loan_figures f, active_loan_band_day d GROUP BY 1, 2",
            "") == SQLITE_DONE &&
        db_run(db, "DELETE FROM overdue_due_figures", "") == SQLITE_DONE &&
        db_run(db, "INSERT INTO overdue_due_figures SELECT * FROM overdue_due_recount", "") == SQLITE_DONE;
    if (!ok || db_commit(db) != SQLITE_OK) {
        db_rollback(db);
        return -1;
    }
    return 1;
}
