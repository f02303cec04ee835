/*
 * test_vouchers.c: the accounting vouchers derived from the fund ledgers (voucher.c), their
 * numbers, the event → accounts mapping (chart.c) and the trial balance (trial_balance.c), on a
 * fresh database whose ledgers hold a small scenario worked by hand:
 *
 *   guarantee fund (the district's book 担):
 *     id 1  2026-03-05  income       80,000.00   Dr 1002 银行存款    Cr 4401 政府补助收入   担-202603-001
 *     id 2  2026-03-20  payout      -12,345.67   Dr 1122 其他应收款  Cr 1002 银行存款       担-202603-002
 *     id 3  2026-04-02  recovery      2,000.00   Dr 1002 银行存款    Cr 1122 其他应收款     担-202604-001
 *     id 4  2026-03-31  adjustment      -15.00   Dr 5401 其他费用    Cr 1002 银行存款       担-202603-003
 *           (booked after the April recovery for March: the next number of March; none changes)
 *   relief fund 2 (西集镇's book 救2):
 *     id 1  2026-03-10  income (donation) 5,000.00  Dr 1002  Cr 4101 捐赠收入             救2-202603-001
 *     id 2  2026-03-12  reversal of id 1  (red)    Dr 1002  Cr 4101  amount -5,000.00   救2-202603-002
 *
 *   Trial balance for April (from 2026-04-01 as of 2026-04-30), the March vouchers as openings:
 *     1002 opening 80,000.00 − 12,345.67 − 15.00 + 5,000.00 − 5,000.00 = 67,639.33 Dr;
 *          April Dr 2,000.00; closing 69,639.33 Dr
 *     1122 opening 12,345.67 Dr; April Cr 2,000.00; closing 10,345.67 Dr
 *     4401 opening 80,000.00 Cr; closing 80,000.00 Cr
 *     4101 opening 5,000.00 − 5,000.00 = 0
 *     5401 opening 15.00 Dr; closing 15.00 Dr
 *     closing debits 69,639.33 + 10,345.67 + 15.00 = 80,000.00 = closing credits 80,000.00
 *   The guarantee fund's balance 80,000.00 − 12,345.67 + 2,000.00 − 15.00 = 69,639.33 is what its
 *   vouchers moved through 1002; the relief fund's 0.00 likewise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "temp_db.h"
#include "trial_balance.h"
#include "user.h"
#include "voucher.h"

#define MAX_SEEN 16

struct fixture {
    char dir[64], path[96];
    struct db *db;
    struct user_ctx admin, finance;
};

/* The vouchers a listing gave, copied. */
struct seen {
    struct voucher v[MAX_SEEN];
    int n;
};

/* Keeps a voucher. */
static void keep(const struct voucher *v, void *ctx)
{
    struct seen *s = ctx;
    assert_true(s->n < MAX_SEEN);
    s->v[s->n++] = *v;
}

/* The vouchers of scope in [from, to]. */
static struct seen list(struct db *db, const char *scope, const char *from, const char *to)
{
    struct seen s = {0};
    struct err e = {0};
    int n = voucher_list(db, scope, from, to, keep, &s, &e);
    assert_int_equal(n, s.n);
    return s;
}

/* The voucher of a ledger entry in s, or NULL. */
static const struct voucher *of_entry(const struct seen *s, const char *ledger, int64_t id)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->v[i].ledger, ledger) == 0 && s->v[i].entry_id == id)
            return &s->v[i];
    return NULL;
}

/* Asserts a voucher's number, accounts and amount. */
static void assert_voucher(const struct voucher *v, const char *number, const char *debit, const char *credit,
                           int64_t fen)
{
    assert_non_null(v);
    assert_string_equal(v->number, number);
    assert_string_equal(v->debit_code, debit);
    assert_string_equal(v->credit_code, credit);
    assert_int_equal(v->amount_fen, fen);
}

/* Books a guarantee fund entry directly (the ledger as guarantee.c and servicing.c write it). */
static void guarantee_entry(struct db *db, const char *kind, int64_t fen, const char *on, const char *note)
{
    assert_int_equal(db_run(db,
                            "INSERT INTO guarantee_fund_entries (kind, amount_fen, on_date, document_no, note) "
                            "VALUES (?, ?, ?, 'D', ?)",
                            "titt", kind, fen, on, note),
                     SQLITE_DONE);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/bangfu-vouchers-XXXXXX");
    f->db = temp_db_open(f->dir, f->path, sizeof f->path);
    assert_non_null(f->db);
    struct db *db = f->db;
    assert_int_equal(db_run(db,
                            "INSERT INTO units (id, name, kind, path) VALUES (1, '山亭区', 'district', '/1/'), "
                            "(2, '西集镇', 'township', '/1/2/')",
                            ""),
                     SQLITE_DONE);
    assert_int_equal(db_run(db, "UPDATE units SET parent_id = 1 WHERE id = 2", ""), SQLITE_DONE);
    assert_int_equal(db_run(db,
                            "INSERT INTO users (id, username, password_hash, name, role, unit_id) VALUES "
                            "(1, 'admin', 'x', '管理员', 'admin', 1), (2, 'xj_caiwu', 'x', '财务', 'finance', 2)",
                            ""),
                     SQLITE_DONE);
    assert_int_equal(user_load(db, 1, &f->admin), 0);
    assert_int_equal(user_load(db, 2, &f->finance), 0);
    guarantee_entry(db, "income", 8000000, "2026-03-05", "区财政拨款");
    guarantee_entry(db, "payout", -1234567, "2026-03-20", "代偿");
    guarantee_entry(db, "recovery", 200000, "2026-04-02", "追偿");
    assert_int_equal(db_run(db, "INSERT INTO relief_funds (id, name, unit_id) VALUES (2, '西集镇救助金', 2)", ""),
                     SQLITE_DONE);
    assert_int_equal(
        db_run(db,
               "INSERT INTO relief_fund_entries (id, fund_id, kind, source, amount_fen, balance_after_fen, "
               "on_date, document_no, note) VALUES (1, 2, 'income', 'donation', 500000, 500000, "
               "'2026-03-10', 'J1', '爱心捐款')",
               ""),
        SQLITE_DONE);
    assert_int_equal(
        db_run(db,
               "INSERT INTO relief_fund_entries (id, fund_id, kind, amount_fen, balance_after_fen, on_date, "
               "note, reverses_id) VALUES (2, 2, 'reversal', -500000, 0, '2026-03-12', '重复登记', 1)",
               ""),
        SQLITE_DONE);
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

/* Each event's accounts, the red voucher of a reversal, and the numbers: per book and month in id
   order, unchanged when an entry is booked later for an earlier month. */
static void test_mapping_and_numbers(void **state)
{
    struct fixture *f = *state;
    struct seen before = list(f->db, "/1/", NULL, NULL);
    assert_int_equal(before.n, 5);
    assert_voucher(of_entry(&before, "guarantee_fund", 1), "担-202603-001", "1002", "4401", 8000000);
    assert_voucher(of_entry(&before, "guarantee_fund", 2), "担-202603-002", "1122", "1002", 1234567);
    assert_voucher(of_entry(&before, "guarantee_fund", 3), "担-202604-001", "1002", "1122", 200000);
    assert_voucher(of_entry(&before, "relief_fund", 1), "救2-202603-001", "1002", "4101", 500000);
    const struct voucher *red = of_entry(&before, "relief_fund", 2);
    assert_voucher(red, "救2-202603-002", "1002", "4101", -500000);
    assert_string_equal(red->reverses, "救2-202603-001");
    assert_string_equal(red->summary, "冲销救2-202603-001（收到救助捐赠）：重复登记");
    assert_string_equal(of_entry(&before, "guarantee_fund", 1)->summary, "收到担保基金：区财政拨款");
    assert_string_equal(of_entry(&before, "guarantee_fund", 1)->book, "担保基金");
    assert_string_equal(of_entry(&before, "relief_fund", 1)->unit_name, "西集镇");

    guarantee_entry(f->db, "adjustment", -1500, "2026-03-31", "银行手续费");
    struct seen after = list(f->db, "/1/", NULL, NULL);
    assert_int_equal(after.n, 6);
    for (int i = 0; i < before.n; i++) /* every number given before stays */
        assert_string_equal(of_entry(&after, before.v[i].ledger, before.v[i].entry_id)->number, before.v[i].number);
    assert_voucher(of_entry(&after, "guarantee_fund", 4), "担-202603-003", "5401", "1002", 1500);
    guarantee_entry(f->db, "adjustment", 3000, "2026-04-30", "存款利息");
    struct seen later = list(f->db, "/1/", "2026-04-01", "2026-04-30");
    assert_int_equal(later.n, 2); /* the April vouchers only */
    assert_voucher(of_entry(&later, "guarantee_fund", 5), "担-202604-002", "1002", "4901", 3000);
    /* the listing's order: the guarantee fund's book first, by number; then the relief funds' */
    assert_string_equal(after.v[0].number, "担-202603-001");
    assert_string_equal(after.v[2].number, "担-202603-003");
    assert_string_equal(after.v[3].number, "担-202604-001");
    assert_string_equal(after.v[4].number, "救2-202603-001");
}

/* A township sees its own fund's book only; the district sees every book. */
static void test_scope(void **state)
{
    struct fixture *f = *state;
    struct seen town = list(f->db, "/1/2/", NULL, NULL);
    assert_int_equal(town.n, 2);
    assert_string_equal(town.v[0].ledger, "relief_fund");
    assert_string_equal(town.v[1].ledger, "relief_fund");
    assert_int_equal(list(f->db, "/1/", NULL, NULL).n, 5);
}

/* The line of an account code in a trial balance. */
static const struct tb_line *line(const struct tb_line *lines, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (strcmp(lines[i].account.code, code) == 0)
            return &lines[i];
    fail_msg("no account %s", code);
    return NULL;
}

/* April's trial balance with March as the openings, worked in the header; the column totals equal. */
static void test_trial_balance(void **state)
{
    struct fixture *f = *state;
    guarantee_entry(f->db, "adjustment", -1500, "2026-03-31", "银行手续费");
    struct tb_line *lines;
    struct err e = {0};
    int n = trial_balance(f->db, "/1/", "2026-04-01", "2026-04-30", &lines, &e);
    assert_int_equal(n, 48); /* every account of the seeded chart */
    const struct tb_line *bank = line(lines, n, "1002"), *claim = line(lines, n, "1122");
    assert_int_equal(bank->opening_fen, 6763933);
    assert_int_equal(bank->debit_fen, 200000);
    assert_int_equal(bank->credit_fen, 0);
    assert_int_equal(bank->closing_fen, 6963933);
    assert_int_equal(claim->opening_fen, 1234567);
    assert_int_equal(claim->credit_fen, 200000);
    assert_int_equal(claim->closing_fen, 1034567);
    assert_int_equal(line(lines, n, "4401")->closing_fen, -8000000);
    assert_int_equal(line(lines, n, "4101")->opening_fen, 0);
    assert_int_equal(line(lines, n, "5401")->closing_fen, 1500);
    int64_t sums[TB_COLS] = {0};
    for (int i = 0; i < n; i++) {
        int64_t v[TB_COLS];
        tb_columns(&lines[i], v);
        for (int k = 0; k < TB_COLS; k++)
            sums[k] += v[k];
    }
    assert_int_equal(sums[0], 8000000); /* opening debits: 67,639.33 + 12,345.67 + 15.00 */
    assert_int_equal(sums[1], 8000000);
    assert_int_equal(sums[2], 200000);
    assert_int_equal(sums[3], 200000);
    assert_int_equal(sums[4], 8000000);
    assert_int_equal(sums[5], 8000000);
    /* the guarantee fund's balance is what its vouchers moved through 1002 */
    assert_int_equal(db_int(f->db, 0, "SELECT sum(amount_fen) FROM guarantee_fund_entries", ""), 6963933);
    free(lines);
}

/* The administrator edits codes, names and the mapping; the vouchers follow; others are refused and
   nothing changes. */
static void test_chart_edits(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    int64_t bank = db_int(f->db, 0, "SELECT id FROM accounts WHERE code = '1002'", "");
    assert_int_equal(account_update(f->db, &f->finance, bank, "100201", "银行存款—基本户", &e), -1);
    assert_int_equal(e.status, 403);
    assert_int_equal(account_update(f->db, &f->admin, bank, "10a2", "银行存款", &e), -1);
    assert_string_equal(e.code, "invalid_code");
    assert_int_equal(account_update(f->db, &f->admin, bank, "1001", "银行存款", &e), -1);
    assert_string_equal(e.code, "duplicate_code");
    assert_int_equal(account_update(f->db, &f->admin, bank, "100201", "银行存款—基本户", &e), 0);
    struct seen s = list(f->db, "/1/", NULL, NULL);
    assert_string_equal(of_entry(&s, "guarantee_fund", 1)->debit_code, "100201");
    assert_string_equal(of_entry(&s, "guarantee_fund", 1)->debit_name, "银行存款—基本户");

    assert_int_equal(voucher_rule_set(f->db, &f->finance, "guarantee_payout", "5101", "100201", &e), -1);
    assert_int_equal(e.status, 403);
    assert_int_equal(voucher_rule_set(f->db, &f->admin, "guarantee_payout", "5101", "5101", &e), -1);
    assert_string_equal(e.code, "same_account");
    assert_int_equal(voucher_rule_set(f->db, &f->admin, "guarantee_payout", "9999", "100201", &e), -1);
    assert_string_equal(e.code, "unknown_account");
    assert_int_equal(voucher_rule_set(f->db, &f->admin, "write_off", "5401", "1122", &e), -1);
    assert_int_equal(e.status, 404);
    s = list(f->db, "/1/", NULL, NULL);
    assert_string_equal(of_entry(&s, "guarantee_fund", 2)->debit_code, "1122"); /* refusals changed nothing */
    assert_int_equal(voucher_rule_set(f->db, &f->admin, "guarantee_payout", "5101", "100201", &e), 0);
    s = list(f->db, "/1/", NULL, NULL);
    assert_string_equal(of_entry(&s, "guarantee_fund", 2)->debit_code, "5101");

    assert_true(account_create(f->db, &f->admin, "410101", "捐赠收入—限定性", "income", &e) > 0);
    assert_int_equal(account_create(f->db, &f->admin, "410102", "捐赠收入—限定性", "income", &e), -1);
    assert_string_equal(e.code, "duplicate_name");
    assert_int_equal(account_create(f->db, &f->admin, "410102", "捐赠收入—非限定性", "revenue", &e), -1);
    assert_string_equal(e.code, "invalid_category");
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM audit_log WHERE entity IN ('account', 'voucher_rule')", ""),
                     3);
}

/* An entry whose event has no mapping is refused by name, never left out of the vouchers. */
static void test_unmapped_event(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    assert_int_equal(db_run(f->db, "DELETE FROM voucher_rules WHERE event = 'guarantee_recovery'", ""), SQLITE_DONE);
    assert_int_equal(voucher_list(f->db, "/1/2/", NULL, NULL, keep, &(struct seen){0}, &e), 2); /* not in this book */
    assert_int_equal(voucher_list(f->db, "/1/", NULL, NULL, keep, &(struct seen){0}, &e), -1);
    assert_string_equal(e.code, "no_voucher_rule");
    assert_non_null(strstr(e.message, "guarantee_recovery"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mapping_and_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trial_balance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chart_edits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unmapped_event, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
