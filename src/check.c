/* check.c: `bangfu check` — SQLite's integrity check and every ledger invariant the
   capabilities define, each a query that lists the rows that break it. */
#include "check.h"

#include <stdio.h>

#include "db.h"

/* One invariant: a name for people and a query returning one text line per violation. */
static const struct {
    const char *name;
    const char *sql;
} invariants[] = {
    {"数据库完整性 (PRAGMA integrity_check)",
     "SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check <> 'ok'"},
    {"外键 (PRAGMA foreign_key_check)",
     "SELECT \"table\" || ' rowid ' || rowid || ' -> ' || parent FROM pragma_foreign_key_check"},
    {"每笔贷款的计划本金之和等于放款本金",
     "SELECT 'loan ' || l.id || ': schedule ' || coalesce(sum(s.principal_fen), 0) || ' <> principal ' || "
     "l.principal_fen FROM loans l LEFT JOIN loan_schedule s ON s.loan_id = l.id GROUP BY l.id "
     "HAVING coalesce(sum(s.principal_fen), 0) <> l.principal_fen"},
    {"计划中已还金额等于收到的还款",
     "SELECT 'loan ' || l.id || ': allocated ' || "
     "(SELECT coalesce(sum(paid_principal_fen + paid_interest_fen + paid_penalty_fen), 0) FROM loan_schedule "
     "WHERE loan_id = l.id) || ' <> received ' || (SELECT coalesce(sum(amount_fen), 0) FROM repayments "
     "WHERE loan_id = l.id) FROM loans l WHERE (SELECT coalesce(sum(paid_principal_fen + paid_interest_fen + "
     "paid_penalty_fen), 0) FROM loan_schedule WHERE loan_id = l.id) <> (SELECT coalesce(sum(amount_fen), 0) "
     "FROM repayments WHERE loan_id = l.id)"},
    {"没有负的已还金额或超额还款",
     "SELECT 'loan ' || loan_id || ' row ' || n FROM loan_schedule WHERE paid_principal_fen < 0 OR "
     "paid_interest_fen < 0 OR paid_penalty_fen < 0 OR paid_principal_fen > principal_fen OR "
     "paid_interest_fen > interest_fen OR paid_penalty_fen > penalty_fen"},
    {"担保基金余额在任何时刻都不为负",
     "SELECT 'entry ' || id || ': balance ' || balance FROM (SELECT id, sum(amount_fen) OVER (ORDER BY id) AS balance "
     "FROM guarantee_fund_entries) WHERE balance < 0"},
    {"担保时未超过担保能力",
     "SELECT 'guarantee ' || letter_no FROM guarantees WHERE outstanding_at_time_fen + guaranteed_fen > "
     "balance_at_time_fen * leverage"},
    {"已担保或已放款的申请都有担保记录",
     "SELECT 'application ' || a.id FROM loan_applications a WHERE a.state IN ('guaranteed', 'disbursed') "
     "AND NOT EXISTS (SELECT 1 FROM guarantees g WHERE g.application_id = a.id)"},
    {"每笔代偿贷款恰有一笔代偿支出，追偿不超过代偿",
     "SELECT 'loan ' || l.id FROM loans l WHERE (l.state = 'compensated') <> ((SELECT count(*) FROM "
     "guarantee_fund_entries WHERE loan_id = l.id AND kind = 'payout') = 1) OR (SELECT coalesce(sum(amount_fen), 0) "
     "FROM guarantee_fund_entries WHERE loan_id = l.id AND kind IN ('payout', 'recovery')) > 0"},
    {"贷款的剩余本金和最早未还日期与还款计划一致",
     "SELECT 'loan ' || l.id FROM loans l WHERE l.outstanding_principal_fen <> (SELECT coalesce(sum(principal_fen - "
     "paid_principal_fen), 0) FROM loan_schedule WHERE loan_id = l.id) OR coalesce(l.oldest_unpaid_due, '') <> "
     "coalesce((SELECT min(due_on) FROM loan_schedule WHERE loan_id = l.id AND (paid_principal_fen < principal_fen "
     "OR paid_interest_fen < interest_fen)), '')"},
    {"贷款所在村与申请家庭一致",
     "SELECT 'loan ' || l.id FROM loans l JOIN loan_applications a ON a.id = l.application_id JOIN households h ON "
     "h.id = a.household_id WHERE l.village_id IS NOT h.village_id"},
    {"领款凭证号按镇、按年连续无缺号",
     "SELECT 'township ' || township_id || ' year ' || year || ': ' || count(*) || ' receipts, numbers 1..' || max(seq) "
     "FROM relief_payments GROUP BY township_id, year HAVING max(seq) <> count(*) OR min(seq) <> 1"},
    {"每笔救助发放恰有一笔资金支出，金额一致",
     "SELECT 'receipt ' || p.receipt_no FROM relief_payments p WHERE (SELECT count(*) FROM relief_fund_entries e "
     "WHERE e.payment_id = p.id AND e.kind = 'disbursement' AND e.amount_fen = -p.amount_fen AND "
     "e.fund_id = p.fund_id) <> 1"},
    {"作废的凭证恰有一笔冲回，未作废的没有",
     "SELECT 'receipt ' || p.receipt_no FROM relief_payments p WHERE (SELECT count(*) FROM relief_fund_entries r "
     "JOIN relief_fund_entries d ON d.id = r.reverses_id WHERE d.payment_id = p.id) <> "
     "EXISTS (SELECT 1 FROM receipt_events v WHERE v.payment_id = p.id AND v.kind = 'void')"},
    {"救助资金余额在任何时刻都不为负，且与逐笔累计一致",
     "SELECT 'fund ' || fund_id || ' entry ' || id || ': balance ' || running FROM (SELECT id, fund_id, "
     "balance_after_fen, sum(amount_fen) OVER (PARTITION BY fund_id ORDER BY id) AS running FROM relief_fund_entries) "
     "WHERE running < 0 OR running <> balance_after_fen"},
    {"已发放的申请恰有一张有效凭证",
     "SELECT 'relief application ' || a.id FROM relief_applications a WHERE (a.state = 'paid') <> ((SELECT count(*) "
     "FROM relief_payments p WHERE p.application_id = a.id AND NOT EXISTS (SELECT 1 FROM receipt_events v WHERE "
     "v.payment_id = p.id AND v.kind = 'void')) = 1)"},
    {"批准的救助都在公示期满后",
     "SELECT 'relief application ' || a.id FROM relief_applications a LEFT JOIN notices n ON n.id = a.notice_id "
     "WHERE a.approved_on IS NOT NULL AND (n.id IS NULL OR a.approved_on <= n.ends_on)"},
    {"每个家庭恰有一名户主",
     "SELECT 'household ' || h.id FROM households h WHERE (SELECT count(*) FROM members m WHERE "
     "m.household_id = h.id AND m.is_head = 1) <> 1"},
};

int check_database(const char *path)
{
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    if (!db) {
        fprintf(stderr, "错误: %s\n", e.message);
        return 2;
    }
    int broken = 0;
    for (size_t i = 0; i < sizeof invariants / sizeof *invariants; i++) {
        sqlite3_stmt *st = db_prep(db, invariants[i].sql);
        int n = 0;
        while (st && sqlite3_step(st) == SQLITE_ROW) {
            if (n++ < 20)
                printf("  ✗ %s: %s\n", invariants[i].name, db_text(st, 0));
        }
        db_done(st);
        if (!st)
            n = 1;
        printf("%s %s%s\n", n ? "FAIL" : "ok  ", invariants[i].name, n > 20 ? "（仅列出前20条）" : "");
        broken += n > 0;
    }
    db_close(db);
    printf("%s\n", broken ? "检查发现问题，请联系管理员（见 docs/operations.md）" : "全部检查通过");
    return broken ? 1 : 0;
}
