/*
 * fuzz_statement.c: libFuzzer target for the repayment-statement import's check step
 * (statement_import.c) against the demo database, as the credit-union liaison: any bytes must
 * give either a refusal with a message or rows whose counts add up, each row with a status and
 * its fields within their buffers. Checking writes nothing, so the database stays the demo's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_db.h"
#include "statement_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct db *db;
    static struct user_ctx liaison;
    static int64_t repayments;
    if (!db) {
        db = fuzz_demo_db("xj_xinyong", &liaison);
        repayments = db_int(db, -1, "SELECT count(*) FROM repayments", "");
    }
    struct stmt_result res;
    struct err e = {0};
    struct date today = {2026, 11, 23};
    if (statement_check(db, &liaison, (const char *)data, size, today, &res, &e) != 0) {
        if (e.status != 422 || !e.message[0])
            abort();
    } else {
        int total = 0;
        for (int s = 0; s < ST__MAX; s++)
            total += res.counts[s];
        if (total != res.nrows || res.nrows > 5000)
            abort();
        for (int i = 0; i < res.nrows; i++) {
            const struct stmt_row *row = &res.rows[i];
            if ((unsigned)row->status >= ST__MAX || row->line < 2 || !stmt_status_name(row->status))
                abort();
            if (strlen(row->contract_no) >= sizeof row->contract_no || strlen(row->note) >= sizeof row->note)
                abort();
            if (row->status == ST_MATCHED && (row->loan_id <= 0 || row->amount_fen != row->expected_fen))
                abort();
        }
    }
    statement_free(&res);
    if (db_int(db, -1, "SELECT count(*) FROM repayments", "") != repayments)
        abort(); /* the check step booked something */
    return 0;
}
