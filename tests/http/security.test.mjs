// The security pass, driven by the route table (`bangfu routes`), so routes added later are
// covered without editing this file: CSRF on every state-changing browser route, every role ×
// every route against the route's role mask, anonymous access, session fixation, cookie flags,
// logout, SQL-injection and XSS payloads through the main forms, and path traversal on /static/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { BIN, startServer, api, token, Browser, makeId, unitIds, guaranteedApplication, ALL_DOCS } from './lib.mjs';

const ROUTES = JSON.parse(spawnSync(BIN, ['routes'], { encoding: 'utf8' }).stdout);
// One demo login per role.
const USERS = { admin: 'admin', association: 'xj_xiehui', reviewer: 'xj_pingshen', liaison: 'xj_xinyong',
  relief: 'xj_jiuzhu', finance: 'xj_caiwu', village: 'xj_cun_xiji', auditor: 'shenji' };
const ROLE_REFUSED = '您的角色无权进行此操作';
const CSRF_REFUSED = '页面已过期或来源不明';
const PAYLOADS = ["'; DROP TABLE households;--", '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
// The payloads that would run if echoed unescaped (the SQL one is harmless text in HTML).
const ACTIVE = PAYLOADS.slice(1);

let srv, units, ids, browsers = {}, tokens = {};

// Runs one SQL query on the test database with the sqlite3 shell; returns the first column.
function sql(query) {
  const r = spawnSync('sqlite3', [srv.db, query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

before(async () => {
  srv = await startServer();
  for (const [role, user] of Object.entries(USERS)) {
    tokens[role] = await token(srv.base, user);
    browsers[role] = new Browser(srv.base);
    await browsers[role].login(user);
  }
  units = await unitIds(srv.base, tokens.admin);
  // A disbursed loan in 西集村, so that every role's scope holds a real loan.
  const g = await guaranteedApplication(srv.base, { village_id: units['西集村'], name: '钱守业',
    id_number: makeId('19750505', 51, 'M'), amount_fen: 5000000 });
  const loan = await api(srv.base, 'POST', '/loans', { application_id: g.application, contract_no: 'SEC-2026-0001',
    disbursed_on: '2026-06-15', principal_fen: 5000000, annual_rate: '4.35', method: 'equal-installment',
    term_months: 12 }, tokens.liaison);
  if (loan.status !== 201) throw new Error('disbursement: ' + JSON.stringify(loan.body));
  // Real ids inside every role's scope (西集村 is the village officer's village).
  ids = {
    household: sql(`SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.name = '西集村' ORDER BY h.id LIMIT 1`),
    application: sql(`SELECT a.id FROM loan_applications a JOIN households h ON h.id = a.household_id
                      JOIN units u ON u.id = h.village_id WHERE u.name = '西集村' ORDER BY a.id LIMIT 1`)
      || sql('SELECT min(id) FROM loan_applications'),
    loan: String(loan.body.id),
    user: sql("SELECT id FROM users WHERE username = 'fm_xiehui'"),
    department: sql('SELECT max(id) FROM departments'),
    // relief records in 西集村 / 西集镇 (the demo has them in every state)
    relief: sql(`SELECT a.id FROM relief_applications a JOIN households h ON h.id = a.household_id
                 JOIN units u ON u.id = h.village_id WHERE u.name = '西集村' ORDER BY a.id LIMIT 1`),
    batch: sql(`SELECT b.id FROM relief_batches b JOIN units u ON u.id = b.unit_id WHERE u.name = '西集镇' ORDER BY b.id LIMIT 1`),
    notice: sql(`SELECT n.id FROM notices n JOIN units u ON u.id = n.unit_id WHERE u.name = '西集镇' ORDER BY n.id LIMIT 1`),
    fund: sql('SELECT min(id) FROM relief_funds'),
    receipt: sql(`SELECT p.receipt_no FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
                  JOIN households h ON h.id = a.household_id JOIN units u ON u.id = h.village_id
                  WHERE u.name = '西集村' ORDER BY p.id LIMIT 1`),
  };
  // an announcement for 西集村: in every role's scope, the village officer's included
  const ann = await api(srv.base, 'POST', '/announcements', { title: '西集村通知', body_md: '本周五开会。',
    unit_id: units['西集村'] }, tokens.association);
  if (ann.status !== 201) throw new Error('announcement: ' + JSON.stringify(ann.body));
  ids.announcement = String(ann.body.id);
  // a cooperative of 西集村 (its legal representative heads a household there), in every role's scope
  const rep = sql(`SELECT m.id FROM members m WHERE m.household_id = ${ids.household} AND m.is_head = 1`);
  const org = await api(srv.base, 'POST', '/organisations', { name: '西集村安全测试合作社', kind: 'cooperative',
    credit_code: '91350100M000100Y43', legal_rep_member_id: Number(rep), village_id: units['西集村'] }, tokens.association);
  if (org.status !== 201) throw new Error('organisation: ' + JSON.stringify(org.body));
  ids.organisation = String(org.body.id);
});
after(async () => { await srv.stop(); });

// The concrete path of a pattern: {id} becomes a real id of the right kind (or a missing one,
// which must still pass the role check), {str} a real value.
function concrete(pattern) {
  const p = pattern.replace(/^\/api\/v1/, '');
  let id = '1';
  if (/^\/households\/import\//.test(p) || /^\/statements\//.test(p)) id = '999999';
  else if (/^\/households\//.test(p)) id = ids.household;
  else if (/^\/loan(s|-applications)\//.test(p)) id = pattern.startsWith('/api/v1/loans/') ? ids.loan : ids.application;
  else if (/^\/accounts\//.test(p)) id = ids.loan;
  else if (/^\/admin\/users\//.test(p)) id = ids.user;
  else if (/^\/admin\/departments\//.test(p)) id = ids.department;
  else if (/^\/relief(-applications)?\/\{/.test(p)) id = ids.relief;
  else if (/^\/relief(\/|-)batches\//.test(p)) id = ids.batch;
  else if (/^\/notices\//.test(p)) id = ids.notice;
  else if (/^\/funds\//.test(p)) id = ids.fund;
  else if (/^\/announcements\//.test(p)) id = ids.announcement;
  else if (/^\/organisations\//.test(p)) id = ids.organisation;
  const str = pattern.startsWith('/static/') ? 'app.css' : pattern.startsWith('/subsidy/') ? '2026Q3'
    : /^\/receipts\//.test(p) ? ids.receipt : 'x';
  return pattern.replace('{id}', id).replace(/\{id\}/g, '1').replace('{str}', str);
}

// Calls a route as a role (browser session or bearer token), with an empty body for writes;
// resolves to { status, text, location }.
async function callAs(route, role, path = concrete(route.pattern), { csrf = true, fresh = false } = {}) {
  const writes = route.method !== 'GET';
  if (route.api) {
    const tok = fresh ? await token(srv.base, USERS[role]) : role ? tokens[role] : undefined;
    const r = await api(srv.base, route.method, path.replace(/^\/api\/v1/, ''), writes ? {} : undefined, tok);
    return { status: r.status, text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body), body: r.body };
  }
  let b = role ? browsers[role] : new Browser(srv.base);
  if (fresh) { b = new Browser(srv.base); await b.login(USERS[role]); }
  return writes ? b.post(path, {}, { csrf }) : b.get(path);
}

// Runs fn over items with a few requests in flight at once.
async function pool(items, fn, n = 4) {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    while (queue.length) await fn(queue.shift());
  }));
}

const auditCount = async () => (await api(srv.base, 'GET', '/audit?limit=1', undefined, tokens.auditor)).body.total;

test('the route table is readable and complete enough to walk', () => {
  assert.ok(ROUTES.length >= 80, `${ROUTES.length} routes`);
  for (const r of ROUTES) {
    assert.match(r.method, /^(GET|POST|PUT|DELETE|PATCH)$/);
    assert.ok(r.public || r.roles.length > 0, `${r.method} ${r.pattern} is open to nobody`);
    for (const role of r.roles) assert.ok(USERS[role], `no demo login for role ${role}`);
  }
  assert.ok(ROUTES.some((r) => r.pattern === '/households' && r.method === 'POST' && !r.api));
});

// Valid bodies for the main forms, so that a missing CSRF check would show as a write.
const VALID_FORMS = {
  '/households': () => ({ village_id: String(units['西集村']), head_name: '赵国庆', head_id_number: makeId('19790101', 61, 'M'),
    head_phone: '13812340061', address: '西集村1组', policy_compliant: '1' }),
  '/guarantee-fund': () => ({ kind: 'income', amount: '100.00', on: '2026-11-20', document_no: 'CSRF-1', note: '' }),
  '/admin/departments': () => ({ name: '农业农村办' }),
  '/admin/units': () => ({ name: '新建村', kind: 'village', parent_id: String(units['西集镇']) }),
  '/admin/users': () => ({ username: 'csrf_user', name: '张三', password: 'long-enough-1', role: 'auditor',
    unit_id: String(units['山亭区']) }),
  '/logout': () => ({}),
};

test('CSRF: every state-changing browser route refuses a missing or wrong token with 403; nothing changes', async () => {
  const writes = ROUTES.filter((r) => !r.api && !r.public && r.method !== 'GET');
  assert.ok(writes.length >= 20);
  const a0 = await auditCount();
  const h0 = sql('SELECT count(*) FROM households');
  for (const route of writes) {
    const role = route.roles.includes('admin') ? 'admin' : route.roles[0];
    const b = browsers[role];
    const path = concrete(route.pattern);
    const form = (VALID_FORMS[route.pattern] || (() => ({})))();
    for (const [label, body] of [['missing', form], ['wrong', { ...form, csrf: '0'.repeat(64) }],
      ['another session\'s', { ...form, csrf: browsers[role === 'admin' ? 'auditor' : 'admin'].csrf }]]) {
      const r = await b.post(path, body, { csrf: false });
      assert.equal(r.status, 403, `${route.method} ${route.pattern} as ${role} with a ${label} token`);
      assert.match(r.text, new RegExp(CSRF_REFUSED), `${route.pattern}: the CSRF message`);
    }
  }
  assert.equal(await auditCount(), a0, 'no audit record: nothing was written');
  assert.equal(sql('SELECT count(*) FROM households'), h0);
  assert.equal(sql("SELECT count(*) FROM users WHERE username = 'csrf_user'"), '0');
  assert.equal(sql("SELECT count(*) FROM guarantee_fund_entries WHERE document_no = 'CSRF-1'"), '0');
  assert.equal((await browsers.admin.get('/home')).status, 200, 'the session survived a logout without a token');
});

test('anonymous: API routes 401, page reads redirect to /login, page writes 401, public routes open', async () => {
  await pool(ROUTES, async (route) => {
    const r = await callAs(route, null);
    const what = `${route.method} ${route.pattern}`;
    if (route.public) {
      assert.ok(r.status !== 401 && r.status !== 403 && !(r.location || '').startsWith('/login?'), `${what}: ${r.status}`);
    } else if (route.api) {
      assert.equal(r.status, 401, what);
      assert.equal(r.body.error.code, 'unauthorized', what);
    } else if (route.method === 'GET') {
      assert.equal(r.status, 303, what);
      assert.ok(r.location.startsWith('/login?next=%2F'), `${what} → ${r.location}`);
    } else {
      assert.equal(r.status, 401, what);
      assert.match(r.text, /请先登录/, what);
    }
  });
});

test('authorization: each role × each route gives 403 exactly when the role mask lacks the role', async () => {
  const cases = [];
  for (const route of ROUTES.filter((r) => !r.public)) {
    for (const role of Object.keys(USERS)) cases.push([route, role]);
  }
  // Writes last, reads first: an allowed write with an empty body may still change a record.
  cases.sort((x, y) => (x[0].method === 'GET' ? 0 : 1) - (y[0].method === 'GET' ? 0 : 1));
  const wrong = [];
  await pool(cases, async ([route, role]) => {
    const allowed = route.roles.includes(role);
    const r = await callAs(route, role, undefined, { fresh: /\/logout$/.test(route.pattern) });
    const refused = r.status === 403 && (route.api ? r.body.error.code === 'forbidden' : r.text.includes(ROLE_REFUSED));
    // a role that may use the route can still be refused for its unit: only district staff write the
    // district's books (guarantee fund, subsidy receipts): 403 district_only, never the role's 403
    const unitRefused = route.api && r.status === 403 && r.body.error.code === 'district_only';
    if (allowed ? (r.status === 403 && !unitRefused) || r.status >= 500 : !refused) {
      wrong.push(`${role} ${route.method} ${route.pattern} → ${r.status} ${r.text.slice(0, 120)}`);
    }
  });
  assert.deepEqual(wrong, [], wrong.join('\n'));
  assert.equal(sql('SELECT count(*) FROM households') > 0, true, 'the database still answers');
});

test('session fixation: a planted cookie is never the session after login, and grants nothing', async () => {
  const planted = 'a'.repeat(64);
  const b = new Browser(srv.base);
  b.cookie = `bangfu_session=${planted}`;
  assert.equal((await b.get('/home')).status, 303, 'the planted id is not a session');
  const r = await b.post('/login', { username: 'xj_xiehui', password: 'demo1234' }, { csrf: false });
  assert.equal(r.status, 303);
  assert.notEqual(b.cookie, `bangfu_session=${planted}`);
  assert.match(b.cookie, /^bangfu_session=[0-9a-f]{64}$/);
  const attacker = new Browser(srv.base);
  attacker.cookie = `bangfu_session=${planted}`;
  assert.equal((await attacker.get('/home')).status, 303, 'the planted id still grants nothing');
  // logging in again from a logged-in browser needs the CSRF token (no login CSRF) and issues another id
  const before = b.cookie;
  assert.equal((await b.post('/login', { username: 'xj_caiwu', password: 'demo1234' }, { csrf: false })).status, 403);
  assert.equal(b.cookie, before);
  assert.equal((await b.post('/login', { username: 'xj_caiwu', password: 'demo1234' })).status, 303);
  assert.notEqual(b.cookie, before);
});

test('cookie flags: HttpOnly, SameSite=Lax, Path=/, a lifetime; no Secure on plain http', async () => {
  const res = await fetch(srv.base + '/login', { method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'username=shenji&password=demo1234' });
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^bangfu_session=[0-9a-f]{64};/);
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Lax/);
  assert.match(cookie, /; Path=\//);
  assert.match(cookie, /; Max-Age=28800/);
  assert.doesNotMatch(cookie, /Secure/, 'plain http on the LAN: a Secure cookie would never come back');
});

test('logout ends the session on the server: the old cookie no longer works', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xinyong');
  const old = b.cookie;
  const out = await b.post('/logout', {});
  assert.equal(out.status, 303);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  const replay = new Browser(srv.base);
  replay.cookie = old;
  const r = await replay.get('/home');
  assert.equal(r.status, 303);
  assert.ok(r.location.startsWith('/login'));
});

test('login redirects only to our own paths (no open redirect through next=)', async () => {
  for (const next of ['//evil.example/', '/\\evil.example', 'https://evil.example/', '/\t/evil.example',
    '/\n/evil.example', '/\t\\evil.example', ' //evil.example']) {
    const b = new Browser(srv.base);
    const r = await b.post('/login', { username: 'shenji', password: 'demo1234', next }, { csrf: false });
    assert.equal(r.status, 303);
    assert.equal(r.location, '/home', JSON.stringify(next));
  }
  const ok = await new Browser(srv.base).post('/login', { username: 'shenji', password: 'demo1234', next: '/due' }, { csrf: false });
  assert.equal(ok.location, '/due');
});

// Asserts that no active payload appears unescaped in an HTML page.
function assertEscaped(html, where) {
  for (const p of ACTIVE) assert.ok(!html.includes(p), `${where} shows ${p} unescaped`);
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc="\/static\/[a-z]+\.js")[\s>]/i, `${where} has a script element not ours`);
}

// The value of the first option of a <select name=...> on a page.
function firstOption(html, name) {
  const m = html.match(new RegExp(`<select name="${name}"[^>]*>\\s*<option value="([^"]*)"`));
  return m ? m[1] : '';
}

test('SQL injection and XSS payloads through the main forms are stored verbatim, shown escaped, or refused', async () => {
  const assoc = browsers.association;
  const admin = browsers.admin;
  const finance = new Browser(srv.base); // the guarantee fund is the district's: its finance writes it
  await finance.login('qu_caiwu');
  const seen = [];
  const check = async (b, path) => { const r = await b.get(path); seen.push(path); assertEscaped(r.text, path); return r; };
  let order = 70;
  const stored = { households: 0, units: 0, departments: 0, users: 0, fund: 0 };
  for (const p of PAYLOADS) {
    const tag = `${PAYLOADS.indexOf(p)}`;
    // every field of the household form at once: refused, and the echoed form escapes them all
    const bad = await assoc.post('/households', { village_id: p, head_name: p, head_id_number: p, head_phone: p,
      address: p, category: p, member_name: p, member_id_number: p, member_relation: p, member_phone: p });
    assert.ok(bad.status === 422 || bad.status === 400, `all-payload household → ${bad.status}`);
    assertEscaped(bad.text, 'the refused household form');
    // a valid household carrying the payload in its free-text fields
    order++;
    const hh = await assoc.post('/households', { village_id: String(units['西集村']), head_name: p.slice(0, 30),
      head_id_number: makeId('19800101', order, 'M'), head_phone: `138000000${order}`, address: p,
      policy_compliant: '1', member_name: p.slice(0, 30), member_id_number: makeId('19820202', order, 'F'),
      member_relation: '配偶', member_phone: '' });
    assertEscaped(hh.text, 'the household create answer');
    if (hh.status === 303) {
      stored.households++;
      const hid = hh.location.match(/\/households\/(\d+)/)[1];
      await check(assoc, `/households/${hid}`);
      const back = await api(srv.base, 'GET', `/households/${hid}`, undefined, tokens.association);
      assert.equal(back.body.address, p, 'stored verbatim, not mangled');
      // update, add a member, apply for a loan with the payload in its texts
      assertEscaped((await assoc.post(`/households/${hid}`, { head_phone: '13800000000', address: p + tag,
        policy_compliant: '1' })).text, 'update');
      assertEscaped((await assoc.post(`/households/${hid}/members`, { member_name: p.slice(0, 30),
        member_id_number: p, member_relation: p })).text, 'add member (refused)');
      const form = await assoc.get(`/loans/new?household_id=${hid}`);
      const loan = await assoc.post('/loans', { household_id: hid, amount: '50000', term_months: '12',
        project_type: firstOption(form.text, 'project_type'), project_name: p.slice(0, 50), expected_jobs: '1',
        expected_income: '', business_plan_md: `# ${p}\n\n${p} [x](javascript:alert(1))` });
      assertEscaped(loan.text, 'the loan create answer');
      assert.equal(loan.status, 303, loan.text.slice(0, 300));
      await check(assoc, loan.location);
      assert.doesNotMatch((await assoc.get(loan.location)).text, /href="javascript:/);
      await check(assoc, `/loans/new?household_id=${hid}&amount=${encodeURIComponent(p)}`);
    } else {
      assert.equal(hh.status, 422, `household with ${p}: ${hh.status}`);
    }
    // searches echo the query
    for (const path of ['/households?q=', '/admin/users?q=', '/loans?q=', '/audit?entity=', '/audit?action=',
      '/households?category=', '/households?village_id=', '/due?as_of=', '/subsidy?quarter=']) {
      await check(path.startsWith('/admin') || path.startsWith('/audit') ? admin : assoc, path + encodeURIComponent(p));
    }
    // admin forms
    const unit = await admin.post('/admin/units', { name: p.slice(0, 30), kind: 'village', parent_id: String(units['西集镇']) });
    assertEscaped(unit.text, 'units create');
    const dept = await admin.post('/admin/departments', { name: (p + tag).slice(0, 30) });
    assertEscaped(dept.text, 'departments create');
    const user = await admin.post('/admin/users', { username: `xss_${tag}`, name: p.slice(0, 30), password: 'long-enough-1',
      phone: p, role: 'village', unit_id: String(units['西集村']), department_id: '' });
    assertEscaped(user.text, 'users create (bad phone)');
    const user2 = await admin.post('/admin/users', { username: `xss_${tag}`, name: p.slice(0, 30), password: 'long-enough-1',
      phone: '', role: 'village', unit_id: String(units['西集村']), department_id: '' });
    assertEscaped(user2.text, 'users create');
    const badUser = await admin.post('/admin/users', { username: p, name: p, password: p, phone: p, role: p, unit_id: p,
      department_id: p });
    assertEscaped(badUser.text, 'users create (all payload)');
    const fund = await finance.post('/guarantee-fund', { kind: 'income', amount: '1.00', on: '2026-11-20',
      document_no: p.slice(0, 50), note: p, confirm: '1' });
    assertEscaped(fund.text, 'fund entry');
    for (const [k, r] of [['units', unit], ['departments', dept], ['users', user2], ['fund', fund]]) {
      if (r.status === 303) stored[k]++;
      else assert.ok(r.status >= 400 && r.status < 500, `${k} with ${p}: ${r.status}`);
    }
    assertEscaped((await finance.post('/guarantee-fund', { kind: p, amount: p, on: p, document_no: p, note: p })).text,
      'fund entry (all payload)');
    assertEscaped((await admin.post('/admin/holidays', { day: '2026-12-30', kind: 'holiday', name: p.slice(0, 30) })).text,
      'holiday');
    assertEscaped((await admin.post('/admin/holidays', { day: p, kind: p, name: p })).text, 'holiday (all payload)');
  }
  // every page any of these roles can open, after all the writes
  const pages = ROUTES.filter((r) => !r.api && r.method === 'GET' && !/\.pdf$|\.csv$|\{str\}/.test(r.pattern));
  for (const role of ['admin', 'association', 'finance', 'village', 'reviewer']) {
    for (const route of pages.filter((r) => r.public || r.roles.includes(role))) {
      await check(browsers[role], concrete(route.pattern));
    }
  }
  assert.ok(seen.length > 60);
  for (const [k, n] of Object.entries(stored)) assert.ok(n >= 1, `no ${k} stored with a payload: the test would prove little`);
  // the database still answers, every table intact, and the payloads went in as data
  assert.ok(Number(sql('SELECT count(*) FROM households')) > 500);
  assert.equal(sql('PRAGMA integrity_check'), 'ok');
  assert.ok(Number(sql(`SELECT count(*) FROM households WHERE address LIKE '${PAYLOADS[0].replace(/'/g, "''")}%'`)) >= 1);
  assert.ok(Number(sql(`SELECT count(*) FROM users WHERE username LIKE 'xss\\_%' ESCAPE '\\'`)) >= 1);
  const check2 = spawnSync(BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(check2.status, 0, check2.stdout + check2.stderr);
});

// A raw GET with the path exactly as given (fetch would normalise the dots away).
function rawGet(path) {
  return new Promise((resolve) => {
    const u = new URL(srv.base);
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end();
  });
}

test('path traversal on /static/ is 404 and never a file outside the embedded assets', async () => {
  const { status, text: css } = await rawGet('/static/app.css');
  assert.equal(status, 200);
  for (const p of ['/static/../../etc/passwd', '/static/..%2f..%2fetc%2fpasswd', '/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/static/%2e%2e/%2e%2e/etc/passwd', '/static/%252e%252e%252fetc%252fpasswd', '/static/..%5c..%5cetc%5cpasswd',
    '/static/....//....//etc/passwd', '/static/%c0%ae%c0%ae/etc/passwd', '/static/app.css%00.png',
    '/static/../src/server.c', '/static/..', '/static/.', '/static/%2e%2e', '/static//etc/passwd',
    '/static/app.css/../../../etc/passwd', '/static/' + '../'.repeat(30) + 'etc/passwd']) {
    const r = await rawGet(p);
    // %00 ends the decoded path, so "app.css%00.png" is app.css itself: still only an embedded asset
    assert.ok(r.status === 404 || r.status === 400 || (r.status === 200 && r.text === css), `${p} → ${r.status}`);
    assert.doesNotMatch(r.text, /root:x:0:0|#include/, p);
  }
});

// Users outside the records' units: the other township's staff and another village's officer.
const OUTSIDERS = { fm_xiehui: 'association', fm_caiwu: 'finance', fm_cun_fengmao: 'village', xj_cun_dongji: 'village' };
// Records held by a village (西集村): another village's officer may not touch them either. The
// township's own records (notices, batches, funds) are only for the other township's users.
const VILLAGE_RECORD = /^\/(api\/v1\/)?(households|loan-applications|loans|accounts|relief|relief-applications|receipts|announcements|organisations)\/\{/;
// One body for every write with an id that passes each handler's checks of its input, so that
// what refuses it is the scope (an empty body would be refused by validation first). Page forms
// get the same fields as text.
const WRITE_BODY = () => ({ on: '2026-11-20', paid_on: '2026-11-20', visited_on: '2026-11-20', disbursed_on: '2026-11-20',
  reason: '范围测试原因', resolution: '范围测试处理意见', note: '范围测试', comment: '同意', decision: 'approve', upheld: 0,
  receipt_no: 'SCOPE-0001', amount_fen: 100, amount: '1.00', source: 'donation', document_no: 'SCOPE-1', method: 'cash',
  fund_id: Number(ids.fund), coverage_pct: 100, pledged_asset: '房产', contract_no: 'SCOPE-2026-0001', principal_fen: 100,
  annual_rate: '4.35', term_months: 12, title: '范围测试', body_md: '范围测试', unit_id: units['冯卯镇'],
  publish_from: '2026-11-20', kind: 'relief', days: 7, name: '范围测试', address: '范围测试', phone: '13800000000',
  relation: '子女', id_number: makeId('20000101', 77, 'M'), sex: 'M', policy_compliant: true, found: 'ok', status: 'normal',
  summary: '范围测试', text: '范围测试', contact: '', jobs_created: 1, income_fen: 100, income: '1500', confirm: '1' });
// The routes whose fields clash with the others'.
const WRITE_OVERRIDES = [[/\/documents$/, () => ({ ...ALL_DOCS })], [/\/recoveries$/, (b) => ({ ...b, source: 'borrower' })],
  [/\/objections\/\{id\}\/resolve$/, (b) => ({ ...b, upheld: false })],
  [/^\/loans\/\{id\}\/disburse$/, (b) => ({ ...b, method: 'equal-installment', principal: '1.00' })]];
const writeBody = (pattern) => WRITE_OVERRIDES.reduce((b, [re, f]) => (re.test(pattern) ? f(b) : b), WRITE_BODY());
const formOf = (body) => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]));

test('scope: every route with a record id, as the other township\'s staff and another village\'s officer, reads and writes nothing', async () => {
  // the role walk above posted an empty form to /admin/users/{id} for fm_xiehui: active again
  assert.equal((await browsers.admin.post(`/admin/users/${ids.user}`, { active: '1' })).status, 303);
  const outsiders = {};
  for (const [user, role] of Object.entries(OUTSIDERS)) {
    const b = new Browser(srv.base);
    await b.login(user);
    outsiders[user] = { role, token: await token(srv.base, user), browser: b };
  }
  const routes = ROUTES.filter((r) => !r.public && /\{(id|str)\}/.test(r.pattern) && !/^\/(api\/v1\/)?(admin|users|departments|loan-products|static|subsidy|statements|households\/import)\b/.test(r.pattern)
    && !/\{str\}/.test(r.pattern.replace('/receipts/{str}', '')));
  assert.ok(routes.length >= 60, `${routes.length} routes with an id`);
  const a0 = await auditCount();
  const counts = () => sql(`SELECT (SELECT count(*) FROM repayments) || ',' || (SELECT count(*) FROM relief_fund_entries) || ','
    || (SELECT count(*) FROM relief_payments) || ',' || (SELECT count(*) FROM households) || ',' || (SELECT count(*) FROM members) || ','
    || (SELECT count(*) FROM objections WHERE state <> 'open') || ',' || (SELECT count(*) FROM guarantees)`);
  const c0 = counts();
  const leaks = [];
  let tried = 0;
  // reads first, then writes (a write that got through must not hide a read leak)
  const cases = [];
  for (const route of routes) {
    for (const [user, o] of Object.entries(outsiders)) {
      if (!route.roles.includes(o.role)) continue; // the role check refuses first (tested above)
      if (user === 'xj_cun_dongji' && !VILLAGE_RECORD.test(route.pattern)) continue;
      cases.push([route, user, o]);
    }
  }
  cases.sort((x, y) => (x[0].method === 'GET' ? 0 : 1) - (y[0].method === 'GET' ? 0 : 1));
  await pool(cases, async ([route, user, o]) => {
    const path = concrete(route.pattern);
    let status, text;
    if (route.api) {
      const r = await api(srv.base, route.method, path.replace(/^\/api\/v1/, ''), route.method === 'GET' ? undefined : writeBody(route.pattern), o.token);
      status = r.status; text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    } else {
      const r = route.method === 'GET' ? await o.browser.get(path) : await o.browser.post(path, formOf(writeBody(route.pattern)));
      status = r.status; text = r.text;
    }
    tried++;
    if (status !== 403 && status !== 404) {
      leaks.push(`${user} ${route.method} ${path} → ${status} ${(text.match(/class="error"[^>]*>([^<]*)/) || [, text.slice(0, 100)])[1]}`);
    }
  });
  assert.deepEqual(leaks, [], leaks.join('\n'));
  assert.ok(tried >= 100, `${tried} requests`);
  assert.equal(counts(), c0, 'nothing was written');
  assert.equal(await auditCount(), a0, 'no audit record: nothing was written');
});
