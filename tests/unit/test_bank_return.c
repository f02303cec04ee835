/*
 * Unit tests for the bank's return file reader (bank_return.c) with a payer of three lines, each
 * 1,000.00 元 (100000 fen) to its own account:
 *   line 1 paid before, line 2 pending, line 3 pending.
 * A file 1 成功 / 2 成功 / 3 失败 books line 2 only: paid 1, paid_fen 100000 (1 × 1,000.00 元),
 * already_paid 1, one failure (3) with the bank's reason. A file with one wrong amount (999.99 元)
 * or an unknown 序号 books nothing and names the line; GB18030 files read like UTF-8 ones.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_return.h"
#include "csv.h"
#include "temp_db.h"

struct fixture {
    char dir[64], path[96];
    struct db *db;
    int paid[4];           /* 1: paid (line 1 before the file) */
    int pay_calls, fail_calls, twice_calls;
    int cash;              /* line 1 was paid in cash, not by the bank (test_paid_twice) */
    char reason[4][BANK_REASON_SIZE];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/bangfu-bankret-XXXXXX");
    f->db = temp_db_open(f->dir, f->path, sizeof f->path);
    assert_non_null(f->db);
    f->paid[1] = 1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    temp_db_remove(f->db, f->dir, f->path);
    free(f);
    return 0;
}

/* Lines 1..3: 100000 fen each, account 62179955000000000N. */
static int find_line(struct db *db, void *ctx, int64_t row, struct bank_payee *out)
{
    struct fixture *f = ctx;
    (void)db;
    if (row < 1 || row > 3)
        return 0;
    out->amount_fen = 100000;
    snprintf(out->account, sizeof out->account, "62179955000000000%lld", (long long)row);
    out->paid = f->paid[row];
    if (row == 1 && f->cash)
        snprintf(out->paid_otherwise, sizeof out->paid_otherwise, "已于 2026-11-20 以现金发放（收据 西集-2026-000007）");
    return 1;
}

static int pay_line(struct db *db, void *ctx, int64_t row, int64_t fen, struct err *e)
{
    struct fixture *f = ctx;
    (void)db, (void)e;
    assert_int_equal(fen, 100000);
    f->paid[row] = 1;
    f->pay_calls++;
    return 0;
}

static int fail_line(struct db *db, void *ctx, int64_t row, const char *reason, struct err *e)
{
    struct fixture *f = ctx;
    (void)db, (void)e;
    snprintf(f->reason[row], sizeof f->reason[row], "%s", reason);
    f->fail_calls++;
    return 0;
}

static const char FILE_OK[] = "\xEF\xBB\xBF序号,账号,金额,结果,原因\r\n"
                              "1,621799550000000001,1000.00,成功,\r\n"
                              "2,6217 9955 0000 0000 02,1000.00,成功,\r\n"
                              "3,621799550000000003,1000.00,失败,户名与账号不符\r\n";

static void test_pays_pending_only(void **state)
{
    struct fixture *f = *state;
    struct bank_payer p = {find_line, pay_line, fail_line, NULL, f, 0};
    struct bank_return_result *res = calloc(1, sizeof *res);
    struct err e = {0};
    assert_int_equal(bank_return_read(f->db, FILE_OK, strlen(FILE_OK), &p, res, &e), 0);
    db_rollback(f->db); /* the reader leaves the transaction to the caller */
    assert_int_equal(res->rows, 3);
    assert_int_equal(res->paid, 1);
    assert_int_equal(res->paid_fen, 100000); /* 1 × 1,000.00 元 */
    assert_int_equal(res->already_paid, 1);
    assert_int_equal(res->nfailed, 1);
    assert_int_equal(res->failed[0].row, 3);
    assert_string_equal(res->failed[0].reason, "户名与账号不符");
    assert_string_equal(res->encoding, "UTF-8-BOM");
    assert_int_equal(f->pay_calls, 1);
    assert_int_equal(f->fail_calls, 1);
    /* the same file again: line 2 is now paid too */
    assert_int_equal(bank_return_read(f->db, FILE_OK, strlen(FILE_OK), &p, res, &e), 0);
    db_rollback(f->db);
    assert_int_equal(res->paid, 0);
    assert_int_equal(res->already_paid, 2);
    assert_int_equal(f->pay_calls, 1);
    free(res);
}

static int twice_line(struct db *db, void *ctx, int64_t row, const char *reason, struct err *e)
{
    struct fixture *f = ctx;
    (void)db, (void)e, (void)reason;
    assert_int_equal(row, 1);
    f->twice_calls++;
    return 0;
}

/* Line 1 paid in cash, then reported 成功: paid twice (reported, the payer told), not already paid;
   line 2 paid as usual (1 × 1,000.00 元). */
static void test_paid_twice(void **state)
{
    struct fixture *f = *state;
    f->cash = 1;
    struct bank_payer p = {find_line, pay_line, fail_line, twice_line, f, 0};
    struct bank_return_result *res = calloc(1, sizeof *res);
    struct err e = {0};
    assert_int_equal(bank_return_read(f->db, FILE_OK, strlen(FILE_OK), &p, res, &e), 0);
    db_rollback(f->db);
    assert_int_equal(res->npaid_twice, 1);
    assert_int_equal(res->paid_twice[0].row, 1);
    assert_string_equal(res->paid_twice[0].reason, "已于 2026-11-20 以现金发放（收据 西集-2026-000007）");
    assert_int_equal(res->already_paid, 0);
    assert_int_equal(res->paid, 1);
    assert_int_equal(res->paid_fen, 100000);
    assert_int_equal(f->twice_calls, 1);
    free(res);
}

/* The default format's headers renamed in a format of its own (流水号, 卡号, 金额（元）), reordered. */
static void test_format_headers(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    assert_int_equal(db_run(f->db, "INSERT INTO bank_formats (name, encoding, is_default, columns) VALUES ('改名', 'utf8', 0, "
                                   "'[{\"key\":\"amount\",\"head\":\"金额（元）\"},{\"key\":\"row\",\"head\":\"流水号\"},"
                                   "{\"key\":\"name\",\"head\":\"户名\"},{\"key\":\"account\",\"head\":\"卡号\"}]')", ""),
                     SQLITE_DONE);
    struct bank_payer p = {find_line, pay_line, fail_line, NULL, f, sqlite3_last_insert_rowid(f->db->h)};
    struct bank_return_result *res = calloc(1, sizeof *res);
    static const char renamed[] = "结果,卡号,流水号,金额（元）\r\n成功,621799550000000002,2,1000.00\r\n";
    assert_int_equal(bank_return_read(f->db, renamed, strlen(renamed), &p, res, &e), 0);
    db_rollback(f->db);
    assert_int_equal(res->paid, 1);
    p.format_id = 0; /* under the default format the file lacks 序号 */
    assert_int_equal(bank_return_read(f->db, renamed, strlen(renamed), &p, res, &e), -1);
    assert_string_equal(e.code, "missing_column");
    free(res);
}

static void test_mismatch_books_nothing(void **state)
{
    struct fixture *f = *state;
    struct bank_payer p = {find_line, pay_line, fail_line, NULL, f, 0};
    struct bank_return_result *res = calloc(1, sizeof *res);
    struct err e = {0};
    static const char wrong[] = "序号,账号,金额,结果\n2,621799550000000002,999.99,成功\n9,621799550000000009,1000.00,成功\n";
    assert_int_equal(bank_return_read(f->db, wrong, strlen(wrong), &p, res, &e), -1);
    assert_int_equal(e.status, 422);
    assert_string_equal(e.code, "bad_return_file");
    assert_int_equal(res->nproblems, 2);
    assert_string_equal(res->problems[0], "第 2 行：金额与代发名单不符");
    assert_string_equal(res->problems[1], "第 3 行：代发名单中没有这个序号");
    static const char nohead[] = "序号,账号,结果\n2,621799550000000002,成功\n";
    struct err e2 = {0};
    assert_int_equal(bank_return_read(f->db, nohead, strlen(nohead), &p, res, &e2), -1);
    assert_string_equal(e2.code, "missing_column");
    free(res);
}

static void test_gb18030(void **state)
{
    struct fixture *f = *state;
    struct bank_payer p = {find_line, pay_line, fail_line, NULL, f, 0};
    struct bank_return_result *res = calloc(1, sizeof *res);
    struct err e = {0};
    size_t n = 0;
    char *gb = csv_to_gb18030(FILE_OK + 3, strlen(FILE_OK) - 3, &n);
    assert_non_null(gb);
    assert_int_equal(bank_return_read(f->db, gb, n, &p, res, &e), 0);
    db_rollback(f->db);
    assert_string_equal(res->encoding, "GB18030");
    assert_int_equal(res->paid, 1);
    assert_string_equal(f->reason[3], "户名与账号不符");
    free(gb);
    free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pays_pending_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mismatch_books_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gb18030, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paid_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_headers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
