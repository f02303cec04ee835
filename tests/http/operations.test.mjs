// Operations: `bangfu backup` (also while the server writes), the daily backup of `serve
// --backup-dir`, upgrading an older database (backup first, all migrations in one transaction),
// refusing a newer one, and `bangfu check` finding each kind of damage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, TODAY, startServer, serveDb, api, token, sqlRows, check, until } from './lib.mjs';

const run = (...args) => spawnSync(BIN, args, { encoding: 'utf8', timeout: 60000 });
const runAsync = promisify(execFile);
const SCHEMA = new URL('../../schema/', import.meta.url).pathname;

// A fresh temporary directory, removed after fn.
async function inTempDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-ops-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Creates the database as an older Bangfu left it: the migrations up to `version` applied by the
// sqlite3 shell, then `extra` SQL.
function oldDatabase(db, version, extra = '') {
  const files = readdirSync(SCHEMA).filter((f) => /^\d+_.*\.sql$/.test(f) && parseInt(f, 10) <= version).sort();
  const sql = files.map((f) => readFileSync(join(SCHEMA, f), 'utf8')).join('\n') + `\nPRAGMA user_version=${version};\n${extra}`;
  const r = spawnSync('sqlite3', [db], { input: sql, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

const version = (db) => sqlRows(db, 'PRAGMA user_version')[0].user_version;

test('backup: to a directory or a file, checked, one self-contained file; refuses bad targets', async () => {
  const srv = await startServer();
  await srv.stopServing();
  try {
    const dir = join(srv.dir, 'usb');
    mkdirSync(dir);
    const r = run('backup', '--db', srv.db, '--to', dir);
    assert.equal(r.status, 0, r.stderr);
    const m = r.stdout.match(/已备份到 (\S+bangfu-\d{8}-\d{6}\.db)（(\d+) 字节，完整性检查通过）/);
    assert.ok(m, r.stdout);
    assert.deepEqual(readdirSync(dir), [m[1].split('/').pop()], 'one file: no -wal, no leftovers');
    assert.equal(sqlRows(m[1], 'PRAGMA journal_mode')[0].journal_mode, 'delete');
    assert.equal(check(m[1]).status, 0);
    const file = join(srv.dir, 'copy.db');
    assert.equal(run('backup', '--db', srv.db, '--to', file).status, 0);
    assert.equal(sqlRows(file, 'SELECT count(*) AS n FROM households')[0].n, sqlRows(srv.db, 'SELECT count(*) AS n FROM households')[0].n);
    for (const [args, why] of [[['--to', srv.db], /数据库本身/], [[], /缺少 --to/], [['--to', join(srv.dir, 'no', 'such', 'x.db')], /备份失败/]]) {
      const bad = run('backup', '--db', srv.db, ...args);
      assert.notEqual(bad.status, 0, args.join(' '));
      assert.match(bad.stderr, why);
    }
    assert.equal(run('backup', '--db', join(srv.dir, 'missing.db'), '--to', dir).status, 2);
  } finally {
    await srv.stop();
  }
});

test('backup while the server books repayments: every copy is whole and passes bangfu check', async () => {
  const srv = await startServer();
  try {
    const finance = await token(srv.base, 'xj_caiwu');
    const loan = sqlRows(srv.db, "SELECT min(id) AS id FROM loans WHERE state = 'active'")[0].id;
    let stop = false;
    let booked = 0;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const r = await api(srv.base, 'POST', `/loans/${loan}/repayments`, { paid_on: TODAY, amount_fen: 700, receipt_no: `BK-${i}` }, finance);
        assert.equal(r.status, 201, JSON.stringify(r.body));
        booked++;
      }
    })();
    const copies = [];
    for (let k = 0; k < 3; k++) {
      const out = join(srv.dir, `online-${k}.db`);
      await runAsync(BIN, ['backup', '--db', srv.db, '--to', out]);
      copies.push(out);
    }
    stop = true;
    await writer;
    assert.ok(booked > 0);
    let last = -1;
    for (const c of copies) {
      const r = check(c);
      assert.equal(r.status, 0, r.stdout);
      const n = sqlRows(c, "SELECT count(*) AS n FROM repayments WHERE receipt_no LIKE 'BK-%'")[0].n;
      assert.ok(n >= last && n <= booked, `${n} repayments in the copy`);
      last = n;
    }
  } finally {
    await srv.stop();
  }
});

test('serve --backup-dir: a backup at start-up, one a day, only the newest N of its own files kept', async () => {
  const srv = await startServer();
  await srv.stopServing();
  try {
    const dir = join(srv.dir, 'backups');
    mkdirSync(dir);
    for (const f of ['bangfu-20200101-000000.db', 'bangfu-20200102-000000.db', 'bangfu-20200103-000000.db', 'notes.txt', 'bangfu-manual.db']) {
      writeFileSync(join(dir, f), 'x');
    }
    assert.equal(run('serve', '--db', srv.db, '--backup-dir', join(srv.dir, 'none')).status, 2);
    assert.equal(run('serve', '--db', srv.db, '--backup-dir', dir, '--backup-keep', '0').status, 2);
    const s = await serveDb(srv.db, TODAY, ['--backup-dir', dir, '--backup-keep', '2'], { ...process.env, BANGFU_BACKUP_INTERVAL: '1' });
    try {
      const day = TODAY.replaceAll('-', ''); // backups are named by the server's clock, which --today pins
      const todays = () => readdirSync(dir).filter((f) => f.startsWith(`bangfu-${day}-`) && f.endsWith('.db'));
      await until(() => todays().length === 1 && readdirSync(dir).length === 4, 20000, "today's backup");
      assert.deepEqual(readdirSync(dir).sort(), ['bangfu-20200103-000000.db', todays()[0], 'bangfu-manual.db', 'notes.txt'].sort());
      assert.equal(check(join(dir, todays()[0])).status, 0);
      // Checked again every BANGFU_BACKUP_INTERVAL seconds: today's copy gone, a new one is taken.
      const first = todays()[0];
      unlinkSync(join(dir, first));
      await until(() => todays().length === 1, 20000, 'a new backup');
      assert.match(s.log(), /note backup: \S+bangfu-\d{8}-\d{6}\.db \d+ bytes, integrity ok/);
      assert.match(s.log(), /note backup: deleted old copy \S+bangfu-20200101-000000\.db/);
    } finally {
      await s.stopServing();
    }
  } finally {
    await srv.stop();
  }
});

test('an older database is backed up, then upgraded in one go; bangfu check is clean after', async () => {
  await inTempDir(async (dir) => {
    const db = join(dir, 'old.db');
    oldDatabase(db, 7);
    const fresh = join(dir, 'fresh.db');
    assert.equal(run('init', '--db', fresh).status, 0);
    const latest = version(fresh);
    const s = await serveDb(db);
    await s.stopServing();
    assert.match(s.log(), new RegExp(`数据库已从版本 7 升级到 ${latest}（\\d+ 个迁移），升级前的备份：\\S+old\\.db\\.pre-v${latest}-\\d{8}-\\d{6}\\.bak`));
    assert.equal(version(db), latest);
    const bak = readdirSync(dir).filter((f) => f.startsWith(`old.db.pre-v${latest}-`));
    assert.equal(bak.length, 1);
    assert.equal(version(join(dir, bak[0])), 7, 'the backup is the database as it was');
    assert.equal(check(db).status, 0);
    // With --backup-dir the copy goes there.
    const db2 = join(dir, 'old2.db');
    const keep = join(dir, 'keep');
    mkdirSync(keep);
    oldDatabase(db2, 7);
    const s2 = await serveDb(db2, TODAY, ['--backup-dir', keep]);
    await s2.stopServing();
    assert.ok(readdirSync(keep).some((f) => f.startsWith(`old2.db.pre-v${latest}-`)), readdirSync(keep).join(' '));
  });
});

test('a failing upgrade leaves the database exactly as it was; a newer database is refused', async () => {
  await inTempDir(async (dir) => {
    const db = join(dir, 'old.db');
    // 006 would apply, then 009 fails: the table it creates is already there.
    oldDatabase(db, 5, 'CREATE TABLE month_figures (x);');
    const r = run('serve', '--db', db, '--listen', '127.0.0.1:0');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /数据库升级失败（009_reports\.sql）.*数据库保持升级前的样子/);
    assert.match(r.stderr, /升级前的备份：\S+old\.db\.pre-v\d+-/);
    assert.equal(version(db), 5);
    assert.deepEqual(sqlRows(db, "SELECT name FROM pragma_table_info('loans') WHERE name = 'village_id'"), [], '006 undone too');
    assert.deepEqual(sqlRows(db, "SELECT name FROM sqlite_master WHERE name = 'loan_followups'"), []);
    // Newer than this program: refused by every command that opens it, and left alone.
    const newer = join(dir, 'newer.db');
    assert.equal(run('init', '--db', newer).status, 0);
    spawnSync('sqlite3', [newer, 'PRAGMA user_version = 999']);
    for (const cmd of ['serve', 'check']) {
      const x = run(cmd, '--db', newer, ...(cmd === 'serve' ? ['--listen', '127.0.0.1:0'] : []));
      assert.notEqual(x.status, 0, cmd);
      assert.match(x.stderr, /数据库版本（999）比本程序（\d+）新/, cmd);
    }
    assert.equal(check(newer).status, 2);
    assert.equal(version(newer), 999);
    assert.ok(!readdirSync(dir).some((f) => f.startsWith('newer.db.pre')), 'no backup of a refused database');
  });
});

test('bangfu check finds each kind of damage, names the record and exits 1', async () => {
  await inTempDir(async (dir) => {
    const db = join(dir, 'demo.db');
    assert.equal(run('demo', '--db', db, '--today', TODAY).status, 0);
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
        /✗ 计划中已还的本金、利息、罚息、复利分别等于还款记录的分配（冲正记录为负数，相互抵消）: 贷款 \d+：计划已还 \d+\/\d+\/0\/0 ≠ 还款分配/],
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
