// Operations: `bangfu check` finding each kind of damage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, check } from './lib.mjs';

const run = (...args) => spawnSync(BIN, args, { encoding: 'utf8', timeout: 60000 });

// A fresh temporary directory, removed after fn.
async function inTempDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-ops-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('bangfu check finds each kind of damage, names the record and exits 1', async () => {
  await inTempDir(async (dir) => {
    const db = join(dir, 'demo.db');
    assert.equal(run('demo', '--db', db).status, 0);
    assert.equal(check(db).status, 0);
    const damage = [
      ['DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);',
        /✗ 只增不改的记录仍受保护[^\n]*: 缺少触发器 audit_log_no_delete/],
      ["UPDATE members SET id_number = substr(id_number, 1, 17) || CASE substr(id_number, 18) WHEN '0' THEN '1' ELSE '0' END WHERE id = 1;",
        /✗ 家庭成员和反担保人的身份证号有效（校验位）: 家庭 \d+ 的成员 1 身份证号无效/],
      ["UPDATE loan_applications SET state = 'approved' WHERE id = (SELECT application_id FROM loans WHERE state = 'active' LIMIT 1);",
        /✗ 已放款的申请恰有一笔贷款，贷款都来自已放款的申请: 申请 \d+（approved）：贷款 1 笔/],
      ["UPDATE loan_reviews SET decision = 'reject' WHERE id = (SELECT r.id FROM loan_reviews r JOIN loans l ON l.application_id = r.application_id LIMIT 1);",
        /✗ 评审结论与最后一轮各部门意见一致: 申请 \d+（disbursed，第 1 轮）/],
      ["UPDATE loans SET settled_on = '2026-01-01' WHERE id = (SELECT min(id) FROM loans WHERE state = 'active');",
        /✗ 贷款状态与结清日期、剩余本金一致: 贷款 \d+（active）：结清日期 2026-01-01/],
      ["UPDATE guarantees SET active = 1 WHERE application_id IN (SELECT application_id FROM loans WHERE state = 'settled');",
        /✗ 担保在贷款结清或代偿后失效，此前有效: 担保函 \S+（有效）：贷款 \d+ settled/],
      ['DROP TRIGGER repayments_no_update; UPDATE repayments SET interest_fen = interest_fen + 1, principal_fen = principal_fen - 1 WHERE id = (SELECT min(id) FROM repayments);',
        /✗ 计划中已还的本金、利息、罚息分别等于还款记录的分配: 贷款 \d+：计划已还 \d+\/\d+\/0 ≠ 还款分配/],
      ["DROP TRIGGER guarantee_fund_no_update; UPDATE guarantee_fund_entries SET amount_fen = -amount_fen WHERE kind = 'recovery';",
        /✗ 担保基金分录的金额方向与类别一致（收入、追偿为正，代偿为负）: 担保基金分录 \d+（recovery）：金额 -\d+/],
    ];
    for (const [sql, expect] of damage) {
      const copy = join(dir, 'damaged.db');
      copyFileSync(db, copy);
      const r = spawnSync('sqlite3', [copy, sql], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const c = check(copy);
      assert.equal(c.status, 1, sql);
      assert.match(c.stdout, expect, `${sql}\n${c.stdout}`);
      assert.match(c.stdout, /检查发现问题/);
    }
  });
});
