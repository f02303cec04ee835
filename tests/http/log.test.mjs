// The log: one line per request (time, user, method, path without its query string, status,
// duration) with names and resident IDs masked, database errors with the route, the user and the
// code, and a new file after logrotate's SIGHUP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { TODAY, startServer, serveDb, api, token, Browser, sqlRows, until } from './lib.mjs';

test('the log: one line per request without query strings, names or IDs; errors with context; SIGHUP reopens', async () => {
  const srv = await startServer();
  await srv.stopServing();
  const logFile = join(srv.dir, 'bangfu.log');
  const s = await serveDb(srv.db, TODAY, ['--log', logFile]);
  try {
    const { name, id_number: id } = sqlRows(srv.db, 'SELECT name, id_number FROM members WHERE is_head = 1 LIMIT 1')[0];
    const admin = await token(s.base, 'admin');
    for (const q of [name, id, id.slice(0, 10)]) {
      const r = await api(s.base, 'GET', `/households?q=${encodeURIComponent(q)}`, undefined, admin);
      assert.equal(r.status, 200);
      assert.ok(r.body.total >= 1, q);
    }
    const b = new Browser(s.base);
    await b.login('admin');
    assert.equal((await b.get(`/households?q=${encodeURIComponent(name)}`)).status, 200);
    assert.equal((await api(s.base, 'GET', `/households/${encodeURIComponent(name)}`, undefined, admin)).status, 404);
    assert.equal((await api(s.base, 'GET', `/households/${id}`, undefined, admin)).status, 404);
    // A database error: logged with the route, the user and the code.
    const finance = await token(s.base, 'qu_caiwu');
    spawnSync('sqlite3', [srv.db, 'ALTER TABLE guarantee_fund_entries RENAME TO gone']);
    const broken = await api(s.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 100, on: TODAY, document_no: 'L-1' }, finance);
    assert.equal(broken.status, 500);
    spawnSync('sqlite3', [srv.db, 'ALTER TABLE gone RENAME TO guarantee_fund_entries']);
    const log = readFileSync(logFile, 'utf8');
    assert.match(log, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} access admin GET \/api\/v1\/households 200 \d+\.\dms$/m);
    assert.match(log, / access admin GET \/households 200 /m);
    assert.match(log, / access - POST \/api\/v1\/login 200 /);
    assert.match(log, / access - GET \/api\/v1\/households\/\* 404 /);
    assert.match(log, / access - GET \/api\/v1\/households\/# 404 /);
    assert.match(log, / error \[POST \/api\/v1\/guarantee-fund\/entries qu_caiwu\] 500 database_error$/m);
    assert.match(log, / error \[POST \/api\/v1\/guarantee-fund\/entries qu_caiwu\] database error: .*guarantee_fund_entries/);
    for (const secret of [name, id, id.slice(0, 10), encodeURIComponent(name), 'demo1234', '?q=']) {
      assert.ok(!log.includes(secret), `the log holds ${secret}`);
    }
    // logrotate moves the file away and sends SIGHUP: a new file is started.
    renameSync(logFile, logFile + '.1');
    s.proc.kill('SIGHUP');
    await until(() => existsSync(logFile), 5000, 'the reopened log');
    // Requests until one is logged in the new file (the file exists a moment before it replaces stderr).
    const logged = () => / access - GET \/healthz 200 /.test(readFileSync(logFile, 'utf8'));
    for (const end = Date.now() + 5000; !logged() && Date.now() < end;) await fetch(s.base + '/healthz');
    assert.ok(logged(), 'a line in the new log');
    assert.match(readFileSync(logFile + '.1', 'utf8'), / 500 database_error$/m, 'the old file keeps what it had');
  } finally {
    await s.stopServing();
    await srv.stop();
  }
});
