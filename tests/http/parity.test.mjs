// Issue 18 (parity): every staff page that shows a list, a report or a record has its JSON API twin,
// and both are open to the same roles (the route table is the one place that says who may read
// what). The table below is the checked walk of the GET page routes (docs/api.md shows it); a new
// page route fails the first test until it is entered here. Each twin's exports are fetched with a
// bearer token: CSV with BOM, XLSX read back, PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, startServer, token, api, TODAY, addDays } from './lib.mjs';
import { readXlsx } from './xlsx.mjs';

// page → API twin, the formats the twin gives besides JSON, and (only where the API deliberately
// serves more roles than the page) why. `q`: the query the format check adds.
const TWINS = [
  { page: '/households', api: '/api/v1/households', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/households/{id}', api: '/api/v1/households/{id}', formats: [] },
  { page: '/pairs', api: '/api/v1/pairs', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/complaints', api: '/api/v1/complaints', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/trainings', api: '/api/v1/trainings', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/information', api: '/api/v1/information-items', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/reports/assessment', api: '/api/v1/reports/assessment', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/admin/assessment-weights', api: '/api/v1/assessment/weights', formats: [],
    wider: 'those who read the assessment see the weights it was scored with' },
  { page: '/complaints/{id}', api: '/api/v1/complaints/{id}', formats: [] },
  { page: '/admin/users', api: '/api/v1/users', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/admin/units', api: '/api/v1/units', formats: ['csv', 'xlsx', 'pdf'], wider: 'the unit tree is reference data every client needs to fill unit_id' },
  { page: '/admin/departments', api: '/api/v1/departments', formats: ['csv', 'xlsx', 'pdf'], wider: 'reference data for applications and users' },
  { page: '/admin/holidays', api: '/api/v1/holidays', formats: ['csv', 'xlsx', 'pdf'], wider: 'every client computes due days with the calendar' },
  { page: '/admin/relief-categories', api: '/api/v1/relief-categories', formats: ['csv', 'xlsx', 'pdf'], wider: 'reference data for relief applications' },
  { page: '/audit', api: '/api/v1/audit', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/loans', api: '/api/v1/loan-applications', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/loans/{id}', api: '/api/v1/loan-applications/{id}', formats: [] },
  { page: '/reviews', api: '/api/v1/loan-applications', formats: ['csv', 'xlsx', 'pdf'], q: 'queue=mine',
    wider: 'the reviewer\'s queue is the application list with ?queue=mine (the department\'s open reviews)' },
  { page: '/accounts/{id}', api: '/api/v1/loans/{id}', formats: [] },
  { page: '/accounts/{id}', api: '/api/v1/loans/{id}/followups', formats: [] },
  { page: '/claims', api: '/api/v1/claims', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/subsidy', api: '/api/v1/reports/subsidy', formats: ['csv', 'xlsx', 'pdf'], q: 'quarter=' + quarter(TODAY) },
  { page: '/due', api: '/api/v1/reports/due', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/overdue', api: '/api/v1/reports/overdue/loans', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/guarantee-fund', api: '/api/v1/guarantee-fund', formats: [] },
  { page: '/guarantee-fund', api: '/api/v1/guarantee-fund/entries', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/due/reminders', api: '/api/v1/reports/due-reminders', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/relief', api: '/api/v1/relief-applications', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/relief/{id}', api: '/api/v1/relief-applications/{id}', formats: [] },
  { page: '/relief/{id}/documents/{id}', api: '/api/v1/relief-applications/{id}/documents/{id}', formats: [] },
  { page: '/relief/batches', api: '/api/v1/relief-batches', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/households/category-changes', api: '/api/v1/category-changes', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/households/category-changes/{id}/document', api: '/api/v1/category-changes/{id}/document', formats: [] },
  { page: '/relief/batches/{id}', api: '/api/v1/relief-batches/{id}', formats: [] },
  { page: '/funds', api: '/api/v1/funds', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/funds/{id}', api: '/api/v1/reports/fund-ledger', formats: ['csv', 'xlsx', 'pdf'], q: 'fund_id=FUND' },
  { page: '/reports/portfolio', api: '/api/v1/reports/portfolio', formats: ['csv', 'xlsx', 'pdf'],
    wider: 'the key figures (在贷笔数, 余额, PAR30) are on every role\'s dashboard, reviewers\' too; the report page is not theirs' },
  { page: '/reports/quarterly', api: '/api/v1/reports/quarterly', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/reports/outcomes', api: '/api/v1/reports/outcomes', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/reports/relief', api: '/api/v1/reports/relief', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/reports/timeliness', api: '/api/v1/reports/timeliness', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/deadlines', api: '/api/v1/time-limits/open', formats: ['csv', 'xlsx', 'pdf'], q: 'late=1' },
  { page: '/time-limits', api: '/api/v1/time-limits', formats: [] },
  { page: '/reports/vouchers', api: '/api/v1/reports/vouchers', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/reports/trial-balance', api: '/api/v1/reports/trial-balance', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/admin/accounts', api: '/api/v1/accounts', formats: [], wider: 'finance and auditors read the chart their vouchers use' },
  { page: '/admin/accounts', api: '/api/v1/voucher-rules', formats: [], wider: 'finance and auditors read how each event is booked' },
  { page: '/notices', api: '/api/v1/notices', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/programmes', api: '/api/v1/programmes', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/programmes/{id}', api: '/api/v1/programmes/{id}', formats: [] },
  { page: '/rolls', api: '/api/v1/rolls', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/rolls/{id}', api: '/api/v1/rolls/{id}', formats: [] },
  { page: '/aid', api: '/api/v1/aid-distributions', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/aid/sign-sheet', api: '/api/v1/aid-distributions/sign-sheet', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/campaigns', api: '/api/v1/campaigns', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/campaigns/{id}', api: '/api/v1/campaigns/{id}', formats: [] },
  { page: '/announcements', api: '/api/v1/announcements', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/announcements/{id}', api: '/api/v1/announcements/{id}', formats: [] },
  { page: '/announcements/{id}/versions/{id}', api: '/api/v1/announcements/{id}/versions/{id}', formats: [] },
  { page: '/admin/loan-products', api: '/api/v1/loan-products', formats: [], wider: 'reference data: every client fills product_id' },
  { page: '/admin/loan-products/{id}', api: '/api/v1/loan-products/{id}', formats: [], wider: 'reference data: every client fills product_id' },
  { page: '/admin/bank-formats', api: '/api/v1/bank-formats', formats: [], wider: 'relief clerks and finance choose a format when they download a payment file' },
  { page: '/organisations', api: '/api/v1/organisations', formats: ['csv', 'xlsx', 'pdf'] },
  { page: '/organisations/{id}', api: '/api/v1/organisations/{id}', formats: [] },
];

// GET page routes that show no list of their own, and why.
const NOT_LISTS = {
  '/home': 'the start page: counts linking to the lists above',
  '/reports': 'the index of the reports above',
  '/search': 'one box searching households and applications (the lists take their filters)',
  '/account/password': 'form', '/households/new': 'form', '/households/import': 'form (upload)',
  '/admin/users/{id}': 'form (PUT /api/v1/users/{id})', '/admin/masking': 'settings form', '/loans/new': 'form',
  '/loans/{id}/edit': 'form (PUT /api/v1/loan-applications/{id})', '/statements': 'form (bank statement check)',
  '/relief/new': 'form', '/relief/batches/new': 'form (GET /api/v1/relief-batches/preview)', '/announcements/new': 'form',
  '/notices/{id}/manage': 'one notice and its objections (GET /api/v1/notices/{id})',
  '/rolls/{id}/bank-file': 'the payment file itself (GET /api/v1/rolls/{id}/bank-file)',
  '/relief/batches/{id}/bank-file': 'the payment file itself (GET /api/v1/relief-batches/{id}/bank-file)',
};

// Page lists that still have no API twin (open gaps, shown in docs/api.md): none.
const GAPS = {};

// The demo users the checks sign in as (西集镇), by role.
const USER = { admin: 'admin', association: 'xj_xiehui', reviewer: 'xj_pingshen', liaison: 'xj_xinyong', relief: 'xj_jiuzhu',
  finance: 'xj_caiwu' };

// The quarter of a day: "2026Q4".
function quarter(day) {
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

const routes = JSON.parse(spawnSync(BIN, ['routes'], { encoding: 'utf8' }).stdout);
const get = (pattern) => routes.find((r) => r.method === 'GET' && r.pattern === pattern);
let srv, t = {};

before(async () => {
  srv = await startServer();
  for (const [role, u] of Object.entries(USER)) t[role] = await token(srv.base, u);
  t.fm_caiwu = await token(srv.base, 'fm_caiwu');
});
after(async () => { await srv.stop(); });

// GET with a bearer token, as bytes.
async function download(path, tok) {
  const res = await fetch(srv.base + path, { headers: { Authorization: `Bearer ${tok}` } });
  return { status: res.status, type: res.headers.get('content-type') || '', bytes: Buffer.from(await res.arrayBuffer()) };
}

test('every GET staff page is walked: an API twin, not a list, or a named gap', () => {
  const pages = routes.filter((r) => r.method === 'GET' && !r.api && !r.public && !/\.(csv|pdf|xlsx)$/.test(r.pattern));
  const walked = new Set([...TWINS.map((x) => x.page), ...Object.keys(NOT_LISTS), ...Object.keys(GAPS)]);
  assert.deepEqual(pages.map((r) => r.pattern).filter((p) => !walked.has(p)), [], 'pages not in the parity table');
  for (const x of TWINS) {
    assert.ok(get(x.page), `${x.page} is a GET page route`);
    assert.ok(get(x.api)?.api, `${x.api} is a GET API route`);
  }
});

test('a page and its API twin are open to the same roles', () => {
  for (const x of TWINS) {
    const page = get(x.page).roles, apiRoles = get(x.api).roles;
    if (x.wider) assert.deepEqual(page.filter((r) => !apiRoles.includes(r)), [], `${x.api} serves every role of ${x.page}`);
    else assert.deepEqual(apiRoles, page, `${x.page} and ${x.api}: the same roles`);
  }
});

// A report page: one under /reports/, or one with a spreadsheet of its own (/due.csv); a page with
// only a printed document (/announcements/{id}.pdf) is a record, not a report.
test('every report page has its API twin in JSON, CSV, XLSX and PDF, open to the same roles', () => {
  const files = new Set(routes.filter((r) => r.method === 'GET' && !r.api).map((r) => r.pattern));
  const reports = routes.filter((r) => r.method === 'GET' && !r.api && !r.public && !/\.(csv|pdf|xlsx)$/.test(r.pattern) &&
    (/^\/reports\/./.test(r.pattern) || ['csv', 'xlsx'].some((f) => files.has(`${r.pattern}.${f}`))));
  assert.ok(reports.length >= 7, `the report pages are found (${reports.map((r) => r.pattern)})`);
  for (const page of reports) {
    for (const f of ['csv', 'xlsx', 'pdf'])
      assert.ok(files.has(`${page.pattern}.${f}`), `${page.pattern}.${f}: the page's ${f}`);
    const twin = TWINS.find((x) => x.page === page.pattern && ['csv', 'xlsx', 'pdf'].every((f) => x.formats.includes(f)));
    assert.ok(twin, `${page.pattern}: an API twin with every format`);
    const apiRoles = get(twin.api).roles;
    if (twin.wider) assert.deepEqual(page.roles.filter((r) => !apiRoles.includes(r)), [], `${twin.api} serves every role of ${page.pattern}`);
    else assert.deepEqual(apiRoles, page.roles, `${page.pattern} and ${twin.api}: the same roles`);
  }
});

test('the roles are enforced: no notices for reviewers and the liaison; the portfolio figures as the dashboard shows them', async () => {
  for (const role of ['reviewer', 'liaison']) {
    const r = await api(srv.base, 'GET', '/notices', undefined, t[role]);
    assert.equal(r.status, 403, `${role}: /api/v1/notices`);
    assert.equal(r.body.error.code, 'forbidden');
  }
  assert.equal((await api(srv.base, 'GET', '/reports/portfolio', undefined, t.reviewer)).status, 200);
  assert.equal((await api(srv.base, 'GET', '/reports/portfolio/villages', undefined, t.reviewer)).status, 403);
  assert.equal((await api(srv.base, 'GET', '/notices', undefined, t.relief)).status, 200);
  assert.equal((await api(srv.base, 'GET', '/reports/portfolio', undefined, t.liaison)).status, 200);
});

test('every twin\'s exports: CSV with BOM, XLSX read back, PDF', async () => {
  const fund = (await api(srv.base, 'GET', '/funds', undefined, t.finance)).body.items[0].id;
  for (const x of TWINS.filter((y) => y.formats.length)) {
    const role = get(x.api).roles.includes('association') ? 'association' : get(x.api).roles[0];
    const q = (x.q || '').replace('FUND', fund);
    for (const f of x.formats) {
      const d = await download(`${x.api}?${q ? q + '&' : ''}format=${f}`, t[role]);
      const what = `${x.api} ${f} (${role})`;
      assert.equal(d.status, 200, what);
      if (f === 'csv') assert.deepEqual([...d.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${what}: BOM`);
      if (f === 'pdf') assert.equal(d.bytes.subarray(0, 5).toString(), '%PDF-', what);
      if (f === 'xlsx') assert.ok(readXlsx(d.bytes).rows.length >= 1, `${what}: a sheet with rows`);
    }
  }
});

test('the funds list in Excel: the page\'s figures per fund, numbers as 元, and only the township\'s funds', async () => {
  const funds = (await api(srv.base, 'GET', '/funds', undefined, t.finance)).body.items;
  assert.ok(funds.length >= 1, 'the demo has a relief fund in 西集镇');
  const book = readXlsx((await download('/api/v1/funds?format=xlsx', t.finance)).bytes);
  const head = book.rows.findIndex((r) => r?.[0]?.value === '编号');
  assert.deepEqual(book.rows[head].map((c) => c.value),
    ['编号', '资金名称', '状态', '区财政拨款', '镇财政拨款', '社会捐助', '其他', '已发放', '余额']);
  const rows = book.rows.slice(head + 1).filter((r) => r?.[0]?.type === 'number');
  assert.deepEqual(rows.map((r) => r[0].value), funds.map((f) => f.id));
  for (const [i, f] of funds.entries()) {
    const r = rows[i];
    assert.equal(r[1].value, f.name);
    assert.equal(r[2].value, f.active ? '在用' : '停用');
    assert.deepEqual(r.slice(3, 7).map((c) => Math.round(c.value * 100)),
      ['district', 'township', 'donation', 'other'].map((s) => f.income_by_source_fen[s]), `fund ${f.id} income`);
    assert.equal(Math.round(r[7].value * 100), f.paid_fen, `fund ${f.id} paid`);
    assert.equal(Math.round(r[8].value * 100), f.balance_fen, `fund ${f.id} balance`);
    assert.match(r[8].format, /0\.00/, 'amounts carry a 元 number format');
  }
  const csv = (await download('/api/v1/funds?format=csv', t.fm_caiwu)).bytes.toString('utf8');
  for (const f of funds) assert.ok(!csv.includes(f.name), `冯卯镇 does not export 西集镇's fund ${f.name}`);
  const theirs = (await api(srv.base, 'GET', '/funds', undefined, t.fm_caiwu)).body.items;
  assert.ok(!theirs.some((f) => funds.some((g) => g.id === f.id)), 'nor lists it');
  assert.equal((await download('/api/v1/funds?format=doc', t.finance)).status, 422, 'unknown format refused');
});

test('a loan\'s follow-up visits, as the account page lists them, newest first, only in scope', async () => {
  const loan = (await api(srv.base, 'GET', '/loans?state=active&limit=1', undefined, t.association)).body.items[0];
  const before = await api(srv.base, 'GET', `/loans/${loan.id}/followups`, undefined, t.liaison);
  assert.equal(before.status, 200);
  const days = [addDays(TODAY, -20), addDays(TODAY, -3)];
  const ids = [];
  for (const [i, on] of days.entries()) {
    const c = await api(srv.base, 'POST', `/loans/${loan.id}/followups`,
      { visited_on: on, jobs_created: 2 + i, income_fen: 1234500 + i, note: `第${i + 1}次回访` }, t.liaison);
    assert.equal(c.status, 201);
    ids.push(c.body.id);
  }
  const after = await api(srv.base, 'GET', `/loans/${loan.id}/followups`, undefined, t.reviewer);
  assert.equal(after.body.total, before.body.total + 2);
  const mine = after.body.items.filter((v) => ids.includes(v.id));
  assert.deepEqual(mine.map((v) => [v.visited_on, v.jobs_created, v.income_fen, v.note]),
    [[days[1], 3, 1234501, '第2次回访'], [days[0], 2, 1234500, '第1次回访']], 'newest first, as recorded');
  assert.ok(mine.every((v) => v.by), 'the visitor is named');
  const other = await api(srv.base, 'GET', `/loans/${loan.id}/followups`, undefined, t.fm_caiwu);
  assert.ok([403, 404].includes(other.status), `another township reads none of it (${other.status})`);
  assert.equal(other.body.items, undefined);
  assert.equal((await api(srv.base, 'GET', '/loans/999999/followups', undefined, t.association)).status, 404);
});
