/* check.c: `bangfu check` — SQLite's integrity check and every ledger invariant the
   capabilities define, each a query that lists the rows that break it. */
#include "check.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "embedded.h"
#include "idcard.h"

/* One invariant: a name for people and a query returning one line per violation, in Chinese,
   naming the record by its number (never a person's name or resident ID). */
static const struct {
    const char *name;
    const char *sql;
} invariants[] = {
    {"数据库完整性 (PRAGMA integrity_check)",
     "SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check <> 'ok'"},
    {"外键 (PRAGMA foreign_key_check)",
     "SELECT '表 ' || \"table\" || ' 第 ' || rowid || ' 行引用的 ' || parent || ' 不存在' FROM pragma_foreign_key_check"},
    {"只增不改的记录仍受保护（审计日志、账目、凭证、公示的触发器都在）",
     "SELECT '缺少触发器 ' || name FROM temp.schema_triggers WHERE name NOT IN (SELECT name FROM sqlite_master "
     "WHERE type = 'trigger')"},
    {"家庭成员和反担保人的身份证号有效（校验位）",
     "SELECT '家庭 ' || household_id || ' 的成员 ' || id || ' 身份证号无效' FROM members WHERE NOT id_number_ok(id_number) "
     "UNION ALL SELECT '担保 ' || guarantee_id || ' 的反担保人 ' || id || ' 身份证号无效' FROM counter_guarantors "
     "WHERE NOT id_number_ok(id_number)"},
    {"每个家庭恰有一名户主",
     "SELECT '家庭 ' || h.id || '：户主 ' || (SELECT count(*) FROM members m WHERE m.household_id = h.id AND "
     "m.is_head = 1) || ' 名' FROM households h WHERE (SELECT count(*) FROM members m WHERE m.household_id = h.id "
     "AND m.is_head = 1) <> 1"},
    {"评审结论与最后一轮各部门意见一致",
     "SELECT '申请 ' || a.id || '（' || a.state || '，第 ' || a.round || ' 轮）' FROM loan_applications a WHERE "
     "CASE WHEN a.state = 'rejected' THEN NOT EXISTS (SELECT 1 FROM loan_reviews r WHERE r.application_id = a.id "
     "AND r.round = a.round AND r.decision = 'reject') "
     "WHEN a.state = 'more_info' THEN NOT EXISTS (SELECT 1 FROM loan_reviews r WHERE r.application_id = a.id "
     "AND r.round = a.round AND r.decision = 'more_info') "
     "WHEN a.state IN ('approved', 'guaranteed', 'disbursed') THEN NOT EXISTS (SELECT 1 FROM loan_reviews r "
     "WHERE r.application_id = a.id AND r.round = a.round) OR EXISTS (SELECT 1 FROM loan_reviews r WHERE "
     "r.application_id = a.id AND r.round = a.round AND r.decision <> 'approve') "
     "WHEN a.state = 'in_review' THEN EXISTS (SELECT 1 FROM loan_reviews r WHERE r.application_id = a.id AND "
     "r.round = a.round AND r.decision <> 'approve') ELSE 0 END"},
    {"已担保或已放款的申请都有担保记录",
     "SELECT '申请 ' || a.id || '（' || a.state || '）没有担保' FROM loan_applications a WHERE a.state IN "
     "('guaranteed', 'disbursed') AND NOT EXISTS (SELECT 1 FROM guarantees g WHERE g.application_id = a.id)"},
    {"担保时未超过担保能力",
     "SELECT '担保函 ' || letter_no || '：担保 ' || guaranteed_fen || ' 超过能力' FROM guarantees WHERE "
     "outstanding_at_time_fen + guaranteed_fen > balance_at_time_fen * leverage"},
    {"已放款的申请恰有一笔贷款，贷款都来自已放款的申请",
     "SELECT '申请 ' || a.id || '（' || a.state || '）：贷款 ' || (SELECT count(*) FROM loans l WHERE "
     "l.application_id = a.id) || ' 笔' FROM loan_applications a WHERE (a.state = 'disbursed') <> EXISTS "
     "(SELECT 1 FROM loans l WHERE l.application_id = a.id)"},
    {"贷款状态与结清日期、剩余本金一致",
     "SELECT '贷款 ' || id || '（' || state || '）：结清日期 ' || coalesce(settled_on, '无') || '，剩余本金 ' || "
     "outstanding_principal_fen FROM loans WHERE (state = 'active') <> (settled_on IS NULL) OR (state = 'settled' "
     "AND outstanding_principal_fen <> 0)"},
    {"担保在贷款结清或代偿后失效，此前有效",
     "SELECT '担保函 ' || g.letter_no || '（' || CASE g.active WHEN 1 THEN '有效' ELSE '已失效' END || '）：贷款' || "
     "coalesce(' ' || l.id || ' ' || l.state, '未放款') FROM guarantees g LEFT JOIN loans l ON l.application_id = "
     "g.application_id WHERE g.active <> (l.id IS NULL OR l.state = 'active')"},
    {"每笔贷款的计划本金之和等于放款本金",
     "SELECT '贷款 ' || l.id || '：计划本金 ' || coalesce(sum(s.principal_fen), 0) || ' ≠ 放款本金 ' || "
     "l.principal_fen FROM loans l LEFT JOIN loan_schedule s ON s.loan_id = l.id GROUP BY l.id "
     "HAVING coalesce(sum(s.principal_fen), 0) <> l.principal_fen"},
    {"计划中已还的本金、利息、罚息、复利分别等于还款记录的分配（冲正记录为负数，相互抵消）",
     "SELECT '贷款 ' || l.id || '：计划已还 ' || s.p || '/' || s.i || '/' || s.n || '/' || s.c || ' ≠ 还款分配 ' || "
     "coalesce(r.p, 0) || '/' || coalesce(r.i, 0) || '/' || coalesce(r.n, 0) || '/' || coalesce(r.c, 0) || "
     "'（本金/利息/罚息/复利）' FROM loans l "
     "JOIN (SELECT loan_id, sum(paid_principal_fen) AS p, sum(paid_interest_fen) AS i, sum(paid_penalty_fen) AS n, "
     "sum(paid_compound_fen) AS c FROM loan_schedule GROUP BY loan_id) s ON s.loan_id = l.id LEFT JOIN (SELECT loan_id, "
     "sum(principal_fen) AS p, sum(interest_fen) AS i, sum(penalty_fen) AS n, sum(compound_fen) AS c FROM repayments "
     "GROUP BY loan_id) r ON r.loan_id = l.id "
     "WHERE s.p <> coalesce(r.p, 0) OR s.i <> coalesce(r.i, 0) OR s.n <> coalesce(r.n, 0) OR s.c <> coalesce(r.c, 0)"},
    {"没有负的已还金额或超额还款",
     "SELECT '贷款 ' || loan_id || ' 第 ' || n || ' 期' FROM loan_schedule WHERE paid_principal_fen < 0 OR "
     "paid_interest_fen < 0 OR paid_penalty_fen < 0 OR paid_compound_fen < 0 OR paid_principal_fen > principal_fen OR "
     "paid_interest_fen > interest_fen OR paid_penalty_fen > penalty_fen OR paid_compound_fen > compound_fen"},
    {"贷款的剩余本金和最早未还日期与还款计划一致",
     "SELECT '贷款 ' || l.id || '：剩余本金 ' || l.outstanding_principal_fen || '，最早未还 ' || "
     "coalesce(l.oldest_unpaid_due, '无') FROM loans l WHERE l.outstanding_principal_fen <> (SELECT "
     "coalesce(sum(principal_fen - paid_principal_fen), 0) FROM loan_schedule WHERE loan_id = l.id) OR "
     "coalesce(l.oldest_unpaid_due, '') <> coalesce((SELECT min(due_on) FROM loan_schedule WHERE loan_id = l.id AND "
     "(paid_principal_fen < principal_fen OR paid_interest_fen < interest_fen)), '')"},
    {"贷款所在村与申请家庭一致",
     "SELECT '贷款 ' || l.id FROM loans l JOIN loan_applications a ON a.id = l.application_id JOIN households h ON "
     "h.id = a.household_id WHERE l.village_id IS NOT h.village_id"},
    {"担保基金分录的金额方向与类别一致（收入、追偿为正，代偿为负）",
     "SELECT '担保基金分录 ' || id || '（' || kind || '）：金额 ' || amount_fen FROM guarantee_fund_entries WHERE "
     "amount_fen = 0 OR (kind IN ('income', 'recovery') AND amount_fen < 0) OR (kind = 'payout' AND amount_fen > 0) "
     "OR ((kind IN ('payout', 'recovery')) <> (loan_id IS NOT NULL))"},
    {"担保基金余额在任何时刻都不为负",
     "SELECT '担保基金分录 ' || id || ' 之后余额 ' || balance FROM (SELECT id, sum(amount_fen) OVER (ORDER BY id) AS "
     "balance FROM guarantee_fund_entries) WHERE balance < 0"},
    {"每笔代偿贷款恰有一笔代偿支出，追偿不超过代偿",
     "SELECT '贷款 ' || l.id || '（' || l.state || '）' FROM loans l WHERE (l.state = 'compensated') <> ((SELECT "
     "count(*) FROM guarantee_fund_entries WHERE loan_id = l.id AND kind = 'payout') = 1) OR (SELECT "
     "coalesce(sum(amount_fen), 0) FROM guarantee_fund_entries WHERE loan_id = l.id AND kind IN ('payout', "
     "'recovery')) > 0"},
    {"领款凭证号按镇、按年连续无缺号",
     "SELECT '镇 ' || township_id || ' ' || year || ' 年：' || count(*) || ' 张凭证，编号 ' || min(seq) || '..' || "
     "max(seq) FROM relief_payments GROUP BY township_id, year HAVING max(seq) <> count(*) OR min(seq) <> 1"},
    {"文书编号计数器不小于已用的最大编号（领款凭证、担保推荐函）",
     "SELECT '单位 ' || u.unit_id || ' ' || u.year || ' 年 ' || u.kind || '：已用到 ' || u.used || '，计数器 ' || "
     "coalesce(c.last, 0) FROM (SELECT township_id AS unit_id, 'relief_receipt' AS kind, year, max(seq) AS used "
     "FROM relief_payments GROUP BY 1, 3 UNION ALL SELECT v.parent_id, 'guarantee_letter', "
     "CAST(substr(g.letter_no, instr(g.letter_no, '〔') + 1, 4) AS INTEGER), "
     "max(CAST(substr(g.letter_no, instr(g.letter_no, '〕') + 1) AS INTEGER)) FROM guarantees g "
     "JOIN loan_applications a ON a.id = g.application_id JOIN households h ON h.id = a.household_id "
     "JOIN units v ON v.id = h.village_id GROUP BY 1, 3) u LEFT JOIN docno_counters c ON c.unit_id = u.unit_id "
     "AND c.kind = u.kind AND c.year = u.year WHERE coalesce(c.last, 0) < u.used"},
    {"每笔救助发放恰有一笔资金支出，金额一致",
     "SELECT '凭证 ' || p.receipt_no FROM relief_payments p WHERE (SELECT count(*) FROM relief_fund_entries e "
     "WHERE e.payment_id = p.id AND e.kind = 'disbursement' AND e.amount_fen = -p.amount_fen AND "
     "e.fund_id = p.fund_id) <> 1"},
    {"作废的凭证恰有一笔冲回，未作废的没有",
     "SELECT '凭证 ' || p.receipt_no FROM relief_payments p WHERE (SELECT count(*) FROM relief_fund_entries r "
     "JOIN relief_fund_entries d ON d.id = r.reverses_id WHERE d.payment_id = p.id) <> "
     "EXISTS (SELECT 1 FROM receipt_events v WHERE v.payment_id = p.id AND v.kind = 'void')"},
    {"救助资金余额在任何时刻都不为负，且与逐笔累计一致",
     "SELECT '资金 ' || fund_id || ' 分录 ' || id || '：累计 ' || running || '，记载余额 ' || balance_after_fen FROM "
     "(SELECT id, fund_id, balance_after_fen, sum(amount_fen) OVER (PARTITION BY fund_id ORDER BY id) AS running "
     "FROM relief_fund_entries) WHERE running < 0 OR running <> balance_after_fen"},
    {"已发放的申请恰有一张有效凭证",
     "SELECT '救助申请 ' || a.id || '（' || a.state || '）' FROM relief_applications a WHERE (a.state = 'paid') <> "
     "((SELECT count(*) FROM relief_payments p WHERE p.application_id = a.id AND NOT EXISTS (SELECT 1 FROM "
     "receipt_events v WHERE v.payment_id = p.id AND v.kind = 'void')) = 1)"},
    {"按村按日的救助发放数与逐笔重算一致（relief_day_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.paid_on, c.paid_on) || '：记 ' || "
     "coalesce(f.payments, 0) || ' 笔 ' || coalesce(f.amount_fen, 0) || ' 分，重算 ' || coalesce(c.payments, 0) || "
     "' 笔 ' || coalesce(c.amount_fen, 0) || ' 分' FROM relief_day_figures f FULL JOIN relief_day_recount c USING "
     "(village_id, paid_on, category_id, fund_id, batch_id) WHERE coalesce(f.payments, 0) <> coalesce(c.payments, 0) "
     "OR coalesce(f.amount_fen, 0) <> coalesce(c.amount_fen, 0)"},
    {"按户按日的救助发放（户次）与逐笔重算一致（relief_household_units、relief_unit_figures）",
     "SELECT '家庭 ' || coalesce(f.household_id, c.household_id) || ' ' || coalesce(f.dim, c.dim) || ' ' || "
     "coalesce(f.paid_on, c.paid_on) || '：记 ' || coalesce(f.payments, 0) || ' 笔（上次 ' || coalesce(f.prev_on, '无') "
     "|| '），重算 ' || coalesce(c.payments, 0) || ' 笔（上次 ' || coalesce(c.prev_on, '无') || '）' FROM "
     "relief_household_units f FULL JOIN relief_household_unit_recount c USING (dim, g, household_id, paid_on) "
     "WHERE f.payments <= 0 OR coalesce(f.payments, 0) <> coalesce(c.payments, 0) OR f.prev_on IS NOT c.prev_on "
     "OR f.village_id IS NOT c.village_id "
     "UNION ALL SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.dim, c.dim) || ' ' || "
     "coalesce(f.paid_on, c.paid_on) || '：记 ' || coalesce(f.units, 0) || ' 户，重算 ' || coalesce(c.units, 0) || ' 户' "
     "FROM relief_unit_figures f FULL JOIN relief_unit_recount c USING (dim, village_id, paid_on, g) "
     "WHERE coalesce(f.units, 0) <> coalesce(c.units, 0)"},
    {"按村按月的还款、代偿、追偿数与逐笔重算一致（loan_month_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.month, c.month) || '：记还款 ' || "
     "coalesce(f.repaid_fen, 0) || ' 分，重算 ' || coalesce(c.repaid_fen, 0) || ' 分' FROM loan_month_figures f "
     "FULL JOIN loan_month_recount c USING (village_id, month) WHERE coalesce(f.repaid_fen, 0) <> coalesce(c.repaid_fen, 0) "
     "OR coalesce(f.repaid_principal_fen, 0) <> coalesce(c.repaid_principal_fen, 0) OR coalesce(f.payouts_fen, 0) <> "
     "coalesce(c.payouts_fen, 0) OR coalesce(f.recoveries_fen, 0) <> coalesce(c.recoveries_fen, 0)"},
    {"按村按最早未还日的在贷笔数、本金、余额与逐笔重算一致（active_loan_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' 最早未还 ' || coalesce(f.oldest, c.oldest) || '：记 ' || "
     "coalesce(f.loans, 0) || ' 笔 ' || coalesce(f.outstanding_fen, 0) || ' 分，重算 ' || coalesce(c.loans, 0) || ' 笔 ' || "
     "coalesce(c.outstanding_fen, 0) || ' 分' FROM active_loan_figures f FULL JOIN active_loan_recount c USING "
     "(village_id, oldest) WHERE coalesce(f.loans, 0) <> coalesce(c.loans, 0) OR coalesce(f.principal_fen, 0) <> "
     "coalesce(c.principal_fen, 0) OR coalesce(f.outstanding_fen, 0) <> coalesce(c.outstanding_fen, 0)"},
    {"按村按逾期天数档的在贷笔数、本金、余额与逐笔重算一致（active_loan_bands）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' 第 ' || coalesce(f.band, c.band) || ' 档（' || "
     "(SELECT day FROM active_loan_band_day) || '）：记 ' || coalesce(f.loans, 0) || ' 笔 ' || coalesce(f.outstanding_fen, 0) || "
     "' 分，重算 ' || coalesce(c.loans, 0) || ' 笔 ' || coalesce(c.outstanding_fen, 0) || ' 分' FROM active_loan_bands f "
     "FULL JOIN active_loan_band_recount c USING (village_id, band) WHERE (SELECT day FROM active_loan_band_day) <> '' "
     "AND (coalesce(f.loans, 0) <> coalesce(c.loans, 0) OR coalesce(f.principal_fen, 0) <> coalesce(c.principal_fen, 0) "
     "OR coalesce(f.outstanding_fen, 0) <> coalesce(c.outstanding_fen, 0))"},
    {"按村的逾期未还各期与按日数合计一致（overdue_due_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || '（' || (SELECT day FROM active_loan_band_day) || ' 之前）：记 ' || "
     "coalesce(f.rows, 0) || ' 期 ' || coalesce(f.fen, 0) || ' 分，按日合计 ' || coalesce(c.rows, 0) || ' 期 ' || "
     "coalesce(c.fen, 0) || ' 分' FROM overdue_due_figures f FULL JOIN overdue_due_recount c USING (village_id) "
     "WHERE (SELECT day FROM active_loan_band_day) <> '' AND (coalesce(f.rows, 0) <> coalesce(c.rows, 0) "
     "OR coalesce(f.fen, 0) <> coalesce(c.fen, 0))"},
    {"按村按日的贷款申请、决定、放款数与逐笔重算一致（loan_day_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.day, c.day) || '：记申请 ' || "
     "coalesce(f.created, 0) || ' 放款 ' || coalesce(f.disbursed_fen, 0) || ' 分，重算申请 ' || coalesce(c.created, 0) || "
     "' 放款 ' || coalesce(c.disbursed_fen, 0) || ' 分' FROM loan_day_figures f FULL JOIN loan_day_recount c USING "
     "(village_id, day) WHERE coalesce(f.created, 0) <> coalesce(c.created, 0) OR coalesce(f.approved, 0) <> "
     "coalesce(c.approved, 0) OR coalesce(f.rejected, 0) <> coalesce(c.rejected, 0) OR coalesce(f.decided_on_time, 0) <> "
     "coalesce(c.decided_on_time, 0) OR coalesce(f.disbursed_loans, 0) <> coalesce(c.disbursed_loans, 0) OR "
     "coalesce(f.disbursed_fen, 0) <> coalesce(c.disbursed_fen, 0)"},
    {"按村按月的贷款申请、决定、放款数与按日数合计一致（loan_flow_month_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.month, c.month) || '：记申请 ' || "
     "coalesce(f.created, 0) || ' 放款 ' || coalesce(f.disbursed_fen, 0) || ' 分，按日合计申请 ' || coalesce(c.created, 0) || "
     "' 放款 ' || coalesce(c.disbursed_fen, 0) || ' 分' FROM loan_flow_month_figures f FULL JOIN loan_flow_month_recount c "
     "USING (village_id, month) WHERE coalesce(f.created, 0) <> coalesce(c.created, 0) OR coalesce(f.approved, 0) <> "
     "coalesce(c.approved, 0) OR coalesce(f.rejected, 0) <> coalesce(c.rejected, 0) OR coalesce(f.decided_on_time, 0) <> "
     "coalesce(c.decided_on_time, 0) OR coalesce(f.disbursed_loans, 0) <> coalesce(c.disbursed_loans, 0) OR "
     "coalesce(f.disbursed_fen, 0) <> coalesce(c.disbursed_fen, 0)"},
    {"按村按日的未还各期与逐笔重算一致（due_day_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.due_on, c.due_on) || '：记 ' || "
     "coalesce(f.rows, 0) || ' 期 ' || coalesce(f.fen, 0) || ' 分，重算 ' || coalesce(c.rows, 0) || ' 期 ' || "
     "coalesce(c.fen, 0) || ' 分' FROM due_day_figures f FULL JOIN due_day_recount c USING (village_id, due_on) "
     "WHERE coalesce(f.rows, 0) <> coalesce(c.rows, 0) OR coalesce(f.fen, 0) <> coalesce(c.fen, 0)"},
    {"到期清单按村按日的未还各期与逐期重算一致（due_instalments）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.due_on, c.due_on) || ' 贷款 ' || "
     "coalesce(f.loan_id, c.loan_id) || ' 第 ' || coalesce(f.n, c.n) || ' 期：' || CASE WHEN f.n IS NULL THEN '未记' "
     "ELSE '多记' END FROM due_instalments f FULL JOIN due_instalment_recount c USING (village_id, due_on, loan_id, n) "
     "WHERE f.n IS NULL OR c.n IS NULL"},
    {"按村、状态、类别、批次、申请日的救助申请数与金额与逐笔重算一致（relief_application_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.state, c.state) || ' ' || "
     "coalesce(f.applied_on, c.applied_on) || '：记 ' || coalesce(f.applications, 0) || ' 件 ' || coalesce(f.amount_fen, 0) || "
     "' 分，重算 ' || coalesce(c.applications, 0) || ' 件 ' || coalesce(c.amount_fen, 0) || ' 分' FROM "
     "relief_application_figures f FULL JOIN relief_application_recount c USING (village_id, state, category_id, batch_id, "
     "applied_on) WHERE coalesce(f.applications, 0) <> coalesce(c.applications, 0) OR coalesce(f.amount_fen, 0) <> "
     "coalesce(c.amount_fen, 0)"},
    {"按村、状态、提交日的贷款申请数与金额与逐笔重算一致（loan_application_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.state, c.state) || '：记 ' || "
     "coalesce(f.applications, 0) || ' 件，重算 ' || coalesce(c.applications, 0) || ' 件' FROM loan_application_figures f "
     "FULL JOIN loan_application_recount c USING (village_id, state, submitted_on) WHERE coalesce(f.applications, 0) <> "
     "coalesce(c.applications, 0) OR coalesce(f.amount_fen, 0) <> coalesce(c.amount_fen, 0)"},
    {"按村、状态的贷款笔数与逐笔重算一致（loan_state_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' ' || coalesce(f.state, c.state) || '：记 ' || "
     "coalesce(f.loans, 0) || ' 笔，重算 ' || coalesce(c.loans, 0) || ' 笔' FROM loan_state_figures f "
     "FULL JOIN loan_state_recount c USING (village_id, state) WHERE coalesce(f.loans, 0) <> coalesce(c.loans, 0)"},
    {"按村的家庭数、成员数和按类别组合的家庭数与逐户重算一致（household_figures）",
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || '：记 ' || coalesce(f.households, 0) || ' 户 ' || "
     "coalesce(f.members, 0) || ' 人，重算 ' || coalesce(c.households, 0) || ' 户 ' || coalesce(c.members, 0) || ' 人' "
     "FROM household_figures f FULL JOIN household_recount c USING (village_id) WHERE coalesce(f.households, 0) <> "
     "coalesce(c.households, 0) OR coalesce(f.members, 0) <> coalesce(c.members, 0) UNION ALL "
     "SELECT '村 ' || coalesce(f.village_id, c.village_id) || ' 类别组合 ' || coalesce(f.mask, c.mask) || '：记 ' || "
     "coalesce(f.households, 0) || ' 户，重算 ' || coalesce(c.households, 0) || ' 户' FROM household_category_figures f "
     "FULL JOIN household_category_recount c USING (village_id, mask) WHERE coalesce(f.households, 0) <> "
     "coalesce(c.households, 0)"},
    {"担保基金余额与在保余额与逐笔重算一致（guarantee_fund_figures）",
     "SELECT '记余额 ' || coalesce(f.balance_fen, 0) || ' 分、在保 ' || coalesce(f.guaranteed_outstanding_fen, 0) || "
     "' 分，重算 ' || c.balance_fen || ' 分、' || c.guaranteed_outstanding_fen || ' 分' FROM guarantee_fund_recount c "
     "LEFT JOIN guarantee_fund_figures f USING (id) WHERE f.id IS NULL OR f.balance_fen <> c.balance_fen OR "
     "f.guaranteed_outstanding_fen <> c.guaranteed_outstanding_fen"},
    {"各帮扶活动按户、按村的已帮扶户数、达标户数、金额与逐笔重算一致（campaign_households, campaign_village_figures）",
     "SELECT '活动 ' || coalesce(f.campaign_id, c.campaign_id) || ' 家庭 ' || coalesce(f.household_id, c.household_id) || "
     "'：记 ' || coalesce(f.payments, 0) || ' 笔 ' || coalesce(f.total_fen, 0) || ' 分，重算 ' || coalesce(c.payments, 0) || "
     "' 笔 ' || coalesce(c.total_fen, 0) || ' 分' FROM campaign_households f FULL JOIN campaign_household_recount c USING "
     "(campaign_id, household_id) WHERE coalesce(f.payments, 0) <> coalesce(c.payments, 0) OR coalesce(f.total_fen, 0) <> "
     "coalesce(c.total_fen, 0) UNION ALL "
     "SELECT '活动 ' || coalesce(f.campaign_id, c.campaign_id) || ' 村 ' || coalesce(f.village_id, c.village_id) || '：记 ' || "
     "coalesce(f.households_paid, 0) || ' 户（达标 ' || coalesce(f.households_reached, 0) || '）' || "
     "coalesce(f.amount_fen, 0) || ' 分，重算 ' || coalesce(c.households_paid, 0) || ' 户（达标 ' || "
     "coalesce(c.households_reached, 0) || '）' || coalesce(c.amount_fen, 0) || ' 分' FROM campaign_village_figures f "
     "FULL JOIN campaign_village_recount c USING (campaign_id, village_id) WHERE coalesce(f.households_paid, 0) <> "
     "coalesce(c.households_paid, 0) OR coalesce(f.households_reached, 0) <> coalesce(c.households_reached, 0) OR "
     "coalesce(f.amount_fen, 0) <> coalesce(c.amount_fen, 0)"},
    {"批准的救助都在公示期满后",
     "SELECT '救助申请 ' || a.id || '：批准于 ' || a.approved_on FROM relief_applications a LEFT JOIN notices n ON "
     "n.id = a.notice_id WHERE a.approved_on IS NOT NULL AND (n.id IS NULL OR a.approved_on <= n.ends_on)"},
    {"信息服务的逐户接收对象记在其所在的村，整村接收对象是村",
     "SELECT '信息 ' || r.item_id || ' 的接收对象（村 ' || r.village_id || '，家庭 ' || r.household_id || '）不符' FROM "
     "information_recipients r LEFT JOIN households h ON h.id = r.household_id LEFT JOIN units v ON v.id = r.village_id "
     "WHERE CASE WHEN r.household_id = 0 THEN coalesce(v.kind, '') <> 'village' ELSE h.village_id IS NOT r.village_id END"},
};

/* SQL function id_number_ok(text): 1 when the text is a valid resident ID (idcard_check). */
static void id_number_ok(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *id = sqlite3_value_text(argv[0]);
    sqlite3_result_int(ctx, id && idcard_check((const char *)id, NULL) == IDCARD_OK);
}

/* Fills temp.schema_triggers with the name of every trigger the embedded migrations create and no
   later one drops (in the order they run), so a dropped append-only trigger is noticed. Returns 0 or -1. */
static int list_schema_triggers(struct db *db)
{
    if (db_exec(db, "CREATE TEMP TABLE schema_triggers (name TEXT PRIMARY KEY) WITHOUT ROWID") != SQLITE_OK)
        return -1;
    static const char create[] = "CREATE TRIGGER ", drop[] = "DROP TRIGGER ";
    for (int i = 0; i < embedded_schema_count; i++) {
        const char *p = embedded_schema[i].data;
        for (;;) {
            const char *c = strstr(p, create), *d = strstr(p, drop);
            if (!c && !d)
                break;
            int dropping = d && (!c || d < c);
            p = dropping ? d + sizeof drop - 1 : c + sizeof create - 1;
            size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p);
            if (db_run(db, dropping ? "DELETE FROM temp.schema_triggers WHERE name = ?"
                                    : "INSERT OR IGNORE INTO temp.schema_triggers VALUES (?)",
                       "t", name) != SQLITE_DONE)
                return -1;
        }
    }
    return 0;
}

int check_database(const char *path)
{
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    if (!db) {
        fprintf(stderr, "错误: %s\n", e.message);
        return 2;
    }
    if (sqlite3_create_function(db->h, "id_number_ok", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, id_number_ok,
                                NULL, NULL) != SQLITE_OK ||
        list_schema_triggers(db) != 0) {
        fprintf(stderr, "错误: 无法准备检查：%s\n", db_errmsg(db));
        db_close(db);
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
        if (db_end(st, 0, NULL) != 0) /* no statement, or a read that failed: the check did not run */
            n = n ? n : 1;
        printf("%s %s%s\n", n ? "FAIL" : "ok  ", invariants[i].name, n > 20 ? "（仅列出前20条）" : "");
        broken += n > 0;
    }
    db_close(db);
    printf("%s\n", broken ? "检查发现问题，请联系管理员（见 docs/operations.md）" : "全部检查通过");
    return broken ? 1 : 0;
}
