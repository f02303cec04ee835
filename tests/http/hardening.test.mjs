// Regression tests of issue 14 (an attacker's pass over a fresh demo): each finding fails on the
// code before the fix. One request must not stop the server; masked IDs stay masked; funds and
// audit entries belong to a unit; CSV cells are not formulas; sessions end with the password;
// dated money is not in the future; receipts are compared as people type them; weak passwords are
// refused; the log and the objections' numbers are masked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { startServer, api, token, Browser, unitIds, sqlRows, TODAY, addDays, PASSWORD, approvedReliefBatch } from './lib.mjs';

let srv, t, units;
const USERS = ['admin', 'xj_xiehui', 'xj_caiwu', 'xj_jiuzhu', 'xj_cun_xiji', 'shenji', 'fm_caiwu', 'fm_cun_fengmao', 'qu_caiwu'];
const sql = (q) => spawnSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).stdout.trim();

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of USERS) t[u] = await token(srv.base, u);
  units = await unitIds(srv.base, t.admin);
});
after(async () => { await srv.stop(); });

// Sends raw bytes as one HTTP request; resolves to the status (0 when the connection broke).
function raw(path, body, contentType) {
  return new Promise((resolve) => {
    const u = new URL(srv.base);
    const req = request({ host: u.hostname, port: u.port, path, method: 'POST',
      headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

test('1. a multipart part without a name is 400 malformed_form, without login, on any path; the server stays up', async () => {
  const body = '--BB\r\nnonsense\r\n\r\nv\r\n--BB--';
  for (const path of ['/healthz', '/login', '/api/v1/login', '/households', '/no/such/path']) {
    assert.equal(await raw(path, body, 'multipart/form-data; boundary=BB'), 400, path);
  }
  // a part whose Content-Disposition has no name, and one without any headers
  assert.equal(await raw('/login', '--BB\r\nContent-Disposition: form-data\r\n\r\nv\r\n--BB--\r\n',
    'multipart/form-data; boundary=BB'), 400);
  assert.equal((await fetch(srv.base + '/healthz')).status, 200, 'still serving');
  assert.equal((await api(srv.base, 'POST', '/login', { username: 'admin', password: PASSWORD })).status, 200);
});

test('2. masked IDs come with the birth year, never the birth date, for heads and members (JSON and page)', async () => {
  const [{ id, id_number: full }] = sqlRows(srv.db, `SELECT h.id, m.id_number FROM households h JOIN members m ON m.household_id = h.id
    JOIN units v ON v.id = h.village_id WHERE v.name = '西集村' AND m.is_head = 1 ORDER BY h.id LIMIT 1`);
  const date = `${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`;
  const masked = (await api(srv.base, 'GET', `/households/${id}`, undefined, t.xj_cun_xiji)).body;
  assert.equal(masked.head.id_number, `${full.slice(0, 6)}********${full.slice(14)}`);
  assert.equal(masked.head.birth_date, undefined, 'the date would complete the masked ID');
  assert.equal(masked.head.birth_year, Number(full.slice(6, 10)));
  assert.ok(!JSON.stringify(masked).includes(date));
  for (const m of masked.members) assert.equal(m.birth_date, undefined);
  const b = new Browser(srv.base);
  await b.login('xj_cun_xiji');
  const page = (await b.get(`/households/${id}`)).text;
  assert.ok(!page.includes(date), 'the page shows no birth date beside a masked ID');
  assert.match(page, new RegExp(`${full.slice(6, 10)}年`));
  // those who see the full ID see the date too
  const full_ = (await api(srv.base, 'GET', `/households/${id}`, undefined, t.xj_xiehui)).body;
  assert.equal(full_.head.birth_date, date);
});

test('3. funds belong to a unit: the other township neither reads nor writes 西集\'s; the guarantee fund is the district\'s', async () => {
  const fund = sql("SELECT f.id FROM relief_funds f JOIN units u ON u.id = f.unit_id WHERE u.name = '西集镇' ORDER BY f.id LIMIT 1");
  assert.ok(fund, 'the demo fund belongs to 西集镇');
  const income = sql(`SELECT id FROM relief_fund_entries WHERE fund_id = ${fund} AND kind = 'income' ORDER BY id LIMIT 1`);
  const entries = () => sql(`SELECT count(*) || '/' || sum(amount_fen) FROM relief_fund_entries WHERE fund_id = ${fund}`);
  const before = entries();
  const rev = await api(srv.base, 'POST', `/fund-entries/${income}/reverse`, { on: TODAY, reason: '邻镇冲正' }, t.fm_caiwu);
  assert.equal(rev.status, 403);
  const inc = await api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'other', amount_fen: 100, on: TODAY, document_no: 'FM-1' }, t.fm_caiwu);
  assert.equal(inc.status, 403);
  assert.equal(entries(), before, 'nothing was written');
  for (const u of ['fm_caiwu', 'fm_cun_fengmao', 'xj_cun_xiji']) {
    assert.equal((await api(srv.base, 'GET', `/funds/${fund}/ledger`, undefined, t[u])).status, 403, `${u} reads the ledger`);
    const list = await api(srv.base, 'GET', '/funds', undefined, t[u]);
    if (u === 'fm_caiwu') assert.ok(!list.body.items.some((f) => String(f.id) === fund), `${u} lists it`);
    else assert.equal(list.status, 403, 'village officers read no fund');
    assert.equal((await api(srv.base, 'GET', `/reports/fund-ledger?fund_id=${fund}&format=csv`, undefined, t[u])).status, 403);
  }
  // a fund created by 冯卯's finance is 冯卯's: 西集's finance does not see it
  const fm = await api(srv.base, 'POST', '/funds', { name: '冯卯镇救助金' }, t.fm_caiwu);
  assert.equal(fm.status, 201);
  assert.equal((await api(srv.base, 'GET', `/funds/${fm.body.id}/ledger`, undefined, t.xj_caiwu)).status, 403);
  // the guarantee fund: a township's finance may not write it, the district's may
  const g0 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  const adj = await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'adjustment', amount_fen: 100, on: TODAY, document_no: 'FM-2' }, t.fm_caiwu);
  assert.equal(adj.status, 403);
  assert.equal(adj.body.error.code, 'district_only');
  assert.deepEqual((await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body, g0);
});

test('3b. a ledger read outside the relief roles names sensitive categories by their public names', async () => {
  const fund = sql("SELECT f.id FROM relief_funds f JOIN units u ON u.id = f.unit_id WHERE u.name = '西集镇' ORDER BY f.id LIMIT 1");
  const cats = sqlRows(srv.db, "SELECT name, public_name FROM relief_categories WHERE sensitive = 1 AND public_name <> ''");
  assert.ok(cats.length >= 1);
  const real = (await api(srv.base, 'GET', `/funds/${fund}/ledger?limit=500`, undefined, t.xj_caiwu)).body.entries;
  const pub = (await api(srv.base, 'GET', `/funds/${fund}/ledger?limit=500`, undefined, t.shenji)).body.entries;
  assert.equal(pub.length, real.length);
  let sensitive = 0;
  real.forEach((e, i) => {
    for (const c of cats) {
      if (!e.note.includes(c.name)) continue;
      sensitive++;
      assert.ok(!pub[i].note.includes(c.name), `the auditor reads ${c.name}`);
      assert.ok(pub[i].note.includes(c.public_name));
    }
  });
  assert.ok(sensitive >= 1, 'the demo pays a sensitive category from the fund: the test would prove nothing');
  const csv = await fetch(`${srv.base}/api/v1/reports/fund-ledger?fund_id=${fund}&format=csv`, { headers: { Authorization: `Bearer ${t.shenji}` } });
  const text = await csv.text();
  for (const c of cats) assert.ok(!text.includes(c.name), `the auditor's CSV names ${c.name}`);
});

// A repayment of the demo in 西集, dated by today, with its receipt.
function demoRepayment() {
  return sqlRows(srv.db, `SELECT r.loan_id, r.receipt_no, r.paid_on, r.amount_fen, r.id FROM repayments r JOIN loans l ON l.id = r.loan_id
    WHERE l.state = 'active' AND r.paid_on <= '${TODAY}' ORDER BY r.id DESC LIMIT 1`)[0];
}

test('4. scope before the receipt replay: the other township\'s finance gets 403, not the first booking', async () => {
  const r = demoRepayment();
  assert.ok(r, 'the demo has a repayment');
  const res = await api(srv.base, 'POST', `/loans/${r.loan_id}/repayments`,
    { paid_on: r.paid_on, amount_fen: r.amount_fen, receipt_no: r.receipt_no }, t.fm_caiwu);
  assert.equal(res.status, 403);
  assert.equal(res.body.principal_fen, undefined);
  assert.ok(!JSON.stringify(res.body).includes('allocation'));
});

test('5. the audit log is scoped: a township auditor reads only entries of its township\'s users', async () => {
  const u = await api(srv.base, 'POST', '/users', { username: 'xj_shenji', password: 'Xiji-audit-26', name: '审计员',
    role: 'auditor', unit_id: units['西集镇'] }, t.admin);
  assert.equal(u.status, 201, JSON.stringify(u.body));
  const mine = await token(srv.base, 'xj_shenji', 'Xiji-audit-26');
  const district = (await api(srv.base, 'GET', '/audit?limit=500', undefined, t.shenji)).body;
  const township = (await api(srv.base, 'GET', '/audit?limit=500', undefined, mine)).body;
  assert.ok(township.total > 0 && township.total < district.total, `${township.total} of ${district.total}`);
  const xiji = new Set(sqlRows(srv.db, `SELECT u.username FROM users u JOIN units n ON n.id = u.unit_id
    WHERE n.path LIKE (SELECT path FROM units WHERE name = '西集镇') || '%'`).map((x) => x.username));
  for (const e of township.items) assert.ok(xiji.has(e.username), `${e.username} is not of 西集镇`);
  assert.ok(district.items.some((e) => e.username === 'admin' || e.username === 'qu_caiwu'));
});

test('6. CSV exports defuse formulas: = + - @ start a text cell; amounts stay numbers', async () => {
  const fund = (await api(srv.base, 'POST', '/funds', { name: '公式测试资金' }, t.xj_caiwu)).body.id;
  const payloads = ['=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '-2+3+cmd|x'];
  for (const [i, note] of payloads.entries()) {
    const r = await api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'donation', amount_fen: 100 + i, on: TODAY,
      document_no: note.slice(0, 40), note }, t.xj_caiwu);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await api(srv.base, 'POST', `/fund-entries/${sql(`SELECT max(id) FROM relief_fund_entries WHERE fund_id = ${fund}`)}/reverse`,
    { on: TODAY, reason: '测试冲正' }, t.xj_caiwu);
  const csv = await (await fetch(`${srv.base}/api/v1/reports/fund-ledger?fund_id=${fund}&format=csv`,
    { headers: { Authorization: `Bearer ${t.xj_caiwu}` } })).text();
  const cells = csv.split(/\r\n/).flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) || []);
  for (const c of cells) {
    const v = c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c;
    if (/^[=+@\t\r]/.test(v) || (/^-/.test(v) && !/^-[0-9,.]+$/.test(v))) assert.fail(`a formula cell: ${JSON.stringify(v)}`);
  }
  assert.ok(csv.includes('"\'=HYPERLINK('), 'the payload is there, as text');
  assert.match(csv, /,测试冲正,,1\.03,3\.03\r\n/, 'amounts stay plain numbers');
});

test('7. a password reset and a deactivation end every session; users change their own password', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const tok = await token(srv.base, 'xj_xiehui');
  const id = sql("SELECT id FROM users WHERE username = 'xj_xiehui'");
  const admin = new Browser(srv.base);
  await admin.login('admin');
  assert.equal((await admin.post(`/admin/users/${id}`, { active: '1', password: 'Reset-by-admin-1' })).status, 303);
  assert.equal((await api(srv.base, 'GET', '/me', undefined, tok)).status, 401, 'the token died with the reset');
  assert.equal((await b.get('/home')).status, 303, 'the cookie died with the reset');
  // the user changes it back: the old one is needed, weak ones are refused, other sessions end
  const t1 = await token(srv.base, 'xj_xiehui', 'Reset-by-admin-1');
  const t2 = await token(srv.base, 'xj_xiehui', 'Reset-by-admin-1');
  const wrong = await api(srv.base, 'POST', '/account/password', { old_password: 'nope', new_password: 'Another-pass-2' }, t1);
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error.code, 'bad_old_password');
  const weak = await api(srv.base, 'POST', '/account/password', { old_password: 'Reset-by-admin-1', new_password: '12345678' }, t1);
  assert.equal(weak.body.error.code, 'weak_password');
  const ok = await api(srv.base, 'POST', '/account/password', { old_password: 'Reset-by-admin-1', new_password: 'Another-pass-2' }, t1);
  assert.equal(ok.status, 200);
  assert.equal((await api(srv.base, 'GET', '/me', undefined, t1)).status, 200, 'the session in use goes on');
  assert.equal((await api(srv.base, 'GET', '/me', undefined, t2)).status, 401, 'the other session ended');
  assert.equal((await api(srv.base, 'POST', '/login', { username: 'xj_xiehui', password: 'Reset-by-admin-1' })).status, 401);
  // the page does the same
  const p = new Browser(srv.base);
  await p.login('xj_xiehui', 'Another-pass-2');
  assert.match((await p.get('/account/password')).text, /修改密码/);
  assert.equal((await p.post('/account/password', { old_password: 'Another-pass-2', new_password: PASSWORD + '-back' })).status, 303);
  // deactivation ends the sessions too
  const t3 = await token(srv.base, 'xj_xiehui', PASSWORD + '-back');
  assert.equal((await admin.post(`/admin/users/${id}`, { active: '0' })).status, 303);
  assert.equal((await api(srv.base, 'GET', '/me', undefined, t3)).status, 401);
  assert.equal((await admin.post(`/admin/users/${id}`, { active: '1', password: 'Xiehui-restored-1' })).status, 303);
});

test('7b. the admin can require a new password at the next login: until then only that page answers', async () => {
  const id = sql("SELECT id FROM users WHERE username = 'xj_jiuzhu'");
  const admin = new Browser(srv.base);
  await admin.login('admin');
  assert.equal((await admin.post(`/admin/users/${id}`, { active: '1', password: 'Temp-pass-2026', must_change: '1' })).status, 303);
  const tok = await token(srv.base, 'xj_jiuzhu', 'Temp-pass-2026');
  const blocked = await api(srv.base, 'GET', '/households', undefined, tok);
  assert.equal(blocked.status, 403);
  assert.equal(blocked.body.error.code, 'password_change_required');
  const b = new Browser(srv.base);
  await b.login('xj_jiuzhu', 'Temp-pass-2026');
  const home = await b.get('/home');
  assert.equal(home.status, 303);
  assert.equal(home.location, '/account/password');
  assert.equal((await api(srv.base, 'POST', '/account/password', { old_password: 'Temp-pass-2026', new_password: 'Jiuzhu-own-2026' }, tok)).status, 200);
  assert.equal((await api(srv.base, 'GET', '/households', undefined, tok)).status, 200);
  t.xj_jiuzhu = tok;
});

test('8. dated money: fund income, reversals and guarantee-fund entries not after today nor before what they follow', async () => {
  const fund = sql("SELECT f.id FROM relief_funds f JOIN units u ON u.id = f.unit_id WHERE u.name = '西集镇' ORDER BY f.id LIMIT 1");
  const counts = () => sql('SELECT (SELECT count(*) FROM relief_fund_entries) || \',\' || (SELECT count(*) FROM relief_payments) || \',\' || (SELECT count(*) FROM guarantee_fund_entries)');
  const c0 = counts();
  for (const on of [addDays(TODAY, 1), '2099-01-01', '1900-01-01']) {
    const r = await api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'other', amount_fen: 100, on, document_no: 'D-1' }, t.xj_caiwu);
    assert.equal(r.status, 422, on);
    assert.equal(r.body.error.code, 'invalid_date');
    const g = await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 100, on, document_no: 'D-1' }, t.qu_caiwu);
    assert.equal(g.body.error.code, 'invalid_date', on);
  }
  const [income] = sqlRows(srv.db, `SELECT id, on_date FROM relief_fund_entries WHERE fund_id = ${fund} AND kind = 'income'
    AND NOT EXISTS (SELECT 1 FROM relief_fund_entries r WHERE r.reverses_id = relief_fund_entries.id) ORDER BY id LIMIT 1`);
  const early = await api(srv.base, 'POST', `/fund-entries/${income.id}/reverse`, { on: addDays(income.on_date, -1), reason: '日期测试' }, t.xj_caiwu);
  assert.equal(early.body.error.code, 'invalid_date');
  const late = await api(srv.base, 'POST', `/fund-entries/${income.id}/reverse`, { on: addDays(TODAY, 1), reason: '日期测试' }, t.xj_caiwu);
  assert.equal(late.body.error.code, 'invalid_date');
  assert.equal(counts(), c0, 'nothing was booked');
});

test('8b. a relief payment is not dated after today nor before the approval', async () => {
  const s2 = await startServer();
  try {
    const later = addDays(TODAY, 3);
    const [app] = await approvedReliefBatch(s2, { amount_fen: 100000, village: '西集村', later });
    assert.ok(app, 'an approved application');
    const clerk = await token(s2.base, 'xj_jiuzhu');
    const fund = (await api(s2.base, 'GET', '/funds', undefined, clerk)).body.items[0].id;
    const paid = () => spawnSync('sqlite3', [s2.db, 'SELECT count(*) FROM relief_payments'], { encoding: 'utf8' }).stdout.trim();
    const p0 = paid();
    for (const paid_on of ['2099-01-01', addDays(later, 1), addDays(later, -1)]) {
      const p = await api(s2.base, 'POST', `/relief-applications/${app}/disburse`, { fund_id: fund, paid_on, method: 'cash' }, clerk);
      assert.equal(p.status, 422, paid_on);
      assert.equal(p.body.error.code, 'invalid_date', paid_on);
    }
    assert.equal(paid(), p0, 'no receipt was issued (西集-2099-… would open a future year)');
    const ok = await api(s2.base, 'POST', `/relief-applications/${app}/disburse`, { fund_id: fund, paid_on: later, method: 'cash' }, clerk);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  } finally {
    await s2.stop();
  }
});

test('9. receipt numbers are trimmed and compared without case; blank refused; a different amount or date is 409 receipt_conflict', async () => {
  const r = demoRepayment();
  const n0 = sql('SELECT count(*) FROM repayments');
  const pay = (receipt_no, extra = {}) => api(srv.base, 'POST', `/loans/${r.loan_id}/repayments`,
    { paid_on: r.paid_on, amount_fen: r.amount_fen, receipt_no, ...extra }, t.xj_caiwu);
  for (const variant of [`${r.receipt_no} `, ` ${r.receipt_no}`, r.receipt_no.toLowerCase(), r.receipt_no.toUpperCase()]) {
    const d = await pay(variant);
    assert.equal(d.status, 200, `${JSON.stringify(variant)}: ${JSON.stringify(d.body)}`);
    assert.equal(d.body.duplicate, true);
  }
  for (const blank of [' ', '   ', '\t']) {
    const b = await pay(blank);
    assert.equal(b.status, 422);
    assert.equal(b.body.error.code, 'invalid_receipt_no');
  }
  const amount = await pay(r.receipt_no, { amount_fen: r.amount_fen + 1 });
  assert.equal(amount.status, 409);
  assert.equal(amount.body.error.code, 'receipt_conflict');
  const date = await pay(r.receipt_no.toLowerCase(), { paid_on: addDays(r.paid_on, -1) });
  assert.equal(date.status, 409);
  assert.equal(date.body.error.code, 'receipt_conflict');
  assert.equal(sql('SELECT count(*) FROM repayments'), n0, 'nothing new was booked');
  // The case-blind lookup every booking makes is answered by an index (migration 117), not by reading
  // every repayment inside the one writer.
  assert.match(sql("EXPLAIN QUERY PLAN SELECT id FROM repayments r WHERE r.receipt_no = 'x' COLLATE NOCASE"),
    /SEARCH r USING (COVERING )?INDEX repayments_receipt_nocase \(receipt_no=\?\)/);
});

test('10. passwords: at least 10 characters, two kinds, not the username, not a common one', async () => {
  const n0 = sql('SELECT count(*) FROM users');
  const make = (username, password) => api(srv.base, 'POST', '/users', { username, password, name: '测试', role: 'auditor',
    unit_id: units['西集镇'] }, t.admin);
  for (const [username, password] of [['pw_a', '12345678'], ['pw_b', 'aaaaaaaaaa'], ['pw_c', ' '.repeat(10)], ['pw_d', '1234567890'],
    ['pw_username1', 'pw_username1'], ['pw_e', 'Password123'], ['pw_f', 'woaini1314'], ['pw_g', 'ABCDEFGHIJ'], ['pw_h', 'abc-12']]) {
    const r = await make(username, password);
    assert.equal(r.status, 422, `${JSON.stringify(password)}: ${r.status}`);
    assert.equal(r.body.error.code, 'weak_password');
  }
  assert.equal(sql('SELECT count(*) FROM users'), n0, 'no account was created');
  assert.equal((await make('pw_ok', 'Xiji-2026-ok')).status, 201);
  // the admin's reset follows the same rule
  const admin = new Browser(srv.base);
  await admin.login('admin');
  const id = sql("SELECT id FROM users WHERE username = 'pw_ok'");
  assert.equal((await admin.post(`/admin/users/${id}`, { active: '1', password: 'pw_ok' })).status, 422);
});

test('11. village officers see objectors\' IDs and phones masked on the manage page and in the API', async () => {
  const list = (await api(srv.base, 'GET', '/notices', undefined, t.xj_cun_xiji)).body.items;
  const current = list.find((n) => n.unit === '西集镇' && n.starts_on <= TODAY && n.ends_on >= TODAY);
  assert.ok(current, 'a notice of the township running today');
  const text = '户主身份证37040619850312409X，电话13812345678';
  const filed = await api(srv.base, 'POST', `/notices/${current.id}/objections`, { text, contact: '13900001111' });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const b = new Browser(srv.base);
  await b.login('xj_cun_xiji');
  const page = (await b.get(`/notices/${current.id}/manage`)).text;
  for (const secret of ['37040619850312409X', '13812345678', '13900001111']) assert.ok(!page.includes(secret), `the page shows ${secret}`);
  assert.match(page, /139\*{4}1111/);
  const json = (await api(srv.base, 'GET', `/notices/${current.id}`, undefined, t.xj_cun_xiji)).body.objections.at(-1);
  assert.equal(json.contact, '139****1111');
  assert.ok(!json.text.includes('13812345678'));
  const staff = (await api(srv.base, 'GET', `/notices/${current.id}`, undefined, t.xj_jiuzhu)).body.objections.at(-1);
  assert.equal(staff.contact, '13900001111', 'the relief clerk sees it in full');
});

test('13. fund income above the maximum says the maximum', async () => {
  const fund = sql("SELECT f.id FROM relief_funds f JOIN units u ON u.id = f.unit_id WHERE u.name = '西集镇' ORDER BY f.id LIMIT 1");
  const r = await api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'other', amount_fen: 100000000001, on: TODAY, document_no: 'M-1' }, t.xj_caiwu);
  assert.equal(r.status, 422);
  assert.match(r.body.error.message, /不能超过 1,000,000,000\.00 元/);
});
