// The command line: exit status 2 and a message for unknown options, bad values and a missing
// database; init refuses to overwrite; serve refuses a database newer than itself; schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer, Browser } from './lib.mjs';

const run = (...args) => spawnSync(BIN, args, { encoding: 'utf8', timeout: 20000 });

test('bad command lines exit 2 with a message on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-cli-'));
  try {
    for (const args of [[], ['frobnicate'], ['serve'], ['serve', '--db', join(dir, 'missing.db')],
      ['serve', '--db', 'x.db', '--bogus'], ['serve', '--db', 'x.db', '--threads', 'many'],
      ['serve', '--db', 'x.db', '--today', '2026-02-30'], ['init'], ['gen', '--db', 'x.db', '--households', '-5'],
      ['schedule', '--principal', 'abc', '--rate', '4.35', '--months', '12', '--method', 'bullet', '--start', '2026-01-01'],
      ['schedule', '--principal', '1000', '--rate', '30', '--months', '12', '--method', 'bullet', '--start', '2026-01-01'],
      ['schedule', '--principal', '1000', '--rate', '4', '--months', '12', '--method', 'weekly', '--start', '2026-01-01']]) {
      const r = run(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /错误|用法/, args.join(' '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init creates a database with a generated admin password, and refuses to overwrite it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-cli-'));
  try {
    const db = join(dir, 'a.db');
    const pw = join(dir, 'pw');
    writeFileSync(pw, 'short\n');
    assert.equal(run('init', '--db', db, '--admin-password-file', pw).status, 2, 'a short password is refused');
    const r = run('init', '--db', db, '--district', '薛城区');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /初始密码 [0-9a-f]{16}/);
    assert.match(r.stdout, /薛城区/);
    const again = run('init', '--db', db);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /已存在/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve refuses a database newer than itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-cli-'));
  try {
    const db = join(dir, 'n.db');
    assert.equal(run('init', '--db', db).status, 0);
    const bump = spawnSync('sqlite3', [db, 'PRAGMA user_version = 999'], { encoding: 'utf8' });
    assert.equal(bump.status, 0, bump.stderr);
    const r = run('serve', '--db', db, '--listen', '127.0.0.1:0');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /数据库版本（999）比本程序/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('schedule prints the docs/domain.md 等额本息 example to the fen', () => {
  const r = run('schedule', '--principal', '100.00', '--rate', '7', '--months', '6', '--method', 'equal-installment',
    '--start', '2024-01-01', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(s.rows.map((x) => x.total_fen), [1701, 1701, 1701, 1701, 1701, 1700]);
  assert.deepEqual(s.rows.map((x) => x.interest_fen), [58, 49, 39, 29, 20, 10]);
  assert.deepEqual(s.rows.map((x) => x.due_on), ['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01']);
  assert.equal(s.rows.reduce((a, x) => a + x.principal_fen, 0), 10000);
});

test('the admin configures the reviewing departments; at least one stays active', async () => {
  const srv = await startServer();
  try {
    const b = new Browser(srv.base);
    await b.login('admin');
    await b.get('/admin/departments');
    assert.equal((await b.post('/admin/departments', { name: '农业农村办' })).status, 303);
    const page = await b.get('/admin/departments');
    assert.match(page.text, /农业农村办/);
    const ids = [...page.text.matchAll(/action="\/admin\/departments\/(\d+)"/g)].map((m) => m[1]);
    assert.equal(ids.length, 4);
    for (const id of ids.slice(0, 3)) assert.equal((await b.post(`/admin/departments/${id}`, { active: '0' })).status, 303);
    const last = await b.post(`/admin/departments/${ids[3]}`, { active: '0' });
    assert.equal(last.status, 409);
    const officer = new Browser(srv.base);
    await officer.login('xj_xiehui');
    assert.equal((await officer.get('/admin/departments')).status, 403);
  } finally {
    await srv.stop();
  }
});
