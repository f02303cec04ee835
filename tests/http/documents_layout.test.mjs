// Every kind of PDF the product prints, read as poppler reads it: no word leaves its page and no two
// words overlap (the diagonal 草稿 watermark and the rubber stamps excepted: their words are listed
// in STAMP_WORDS), dates are written 2026年12月5日, committed amounts carry their 大写, and the fund
// ledger is a ledger (期初余额, rows in date order with the running balance, period totals, 期末余额,
// 本页小计 and 承前页/过次页 on every page), balanced to the fen by hand.
//
// The list of documents comes from the route table (`bangfu routes`, src/web/routes.c): every GET
// route ending in .pdf must have an entry in DOCUMENTS, so a new document cannot be forgotten. The routes of the
// JSON API that give the same documents (/api/v1/...) are printed through their staff twins.
//
// Served with a fixed today (SCENARIO_DAY, 2026-11-23), so the demo's dates and the hand-worked
// amounts hold in the later run (make test-later) too. First the demo as it is, then a fixture at
// the limits: every household's name 30 characters long, a fund with a 40-character name and 203
// ledger rows (incomes of 200,000.00 and one of 99,999,999.99, notes of 200 characters).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, api, token, Browser, sqlRows, SCENARIO_DAY, BIN } from './lib.mjs';

// Words that may lie over others: the draft watermark (PDF_DRAFT_MARK in src/pdf/pdf.h) and the
// stamps of src/pdf/relief_receipt.c (作废, and the 补打 line of a reprint).
// poppler reads turned text a character at a time.
const STAMP_WORDS = [/^草稿$/, /^草$/, /^稿$/, /^作$/, /^废$/, /^作废$/, /^补打/];

// Documents that still fail a check, with the reason (none now). An entry whose document passes makes
// the test fail, so the list cannot go stale.
const EXPECTED_FAILURES = {};

// The GET routes of the route table that end in .pdf.
const ROUTES = JSON.parse(spawnSync(BIN, ['routes'], { encoding: 'utf8' }).stdout)
  .filter((r) => r.method === 'GET' && r.pattern.endsWith('.pdf')).map((r) => r.pattern);

let srv, b, ids;

// Each route: the concrete paths to print (with the user who prints them). Ids are the demo's.
const DOCUMENTS = {
  '/a/{id}.pdf': () => [`/a/${ids.published}.pdf`],
  '/loans/{id}/notice.pdf': () => ids.applications.map((a) => `/loans/${a}/notice.pdf`),
  '/loans/{id}/review-form.pdf': () => ids.reviewed.map((a) => `/loans/${a}/review-form.pdf`),
  '/loans/{id}/guarantee-letter.pdf': () => ids.guaranteed.map((a) => `/loans/${a}/guarantee-letter.pdf`),
  '/accounts/{id}/schedule.pdf': () => ids.loans.map((l) => `/accounts/${l}/schedule.pdf`),
  '/accounts/{id}/settlement.pdf': () => ids.settled.map((l) => `/accounts/${l}/settlement.pdf`),
  '/subsidy/{str}.pdf': () => ['/subsidy/2026Q3.pdf', '/subsidy/2026Q4.pdf'],
  '/due.pdf': () => ['/due.pdf'],
  '/due/reminders.pdf': () => ['/due/reminders.pdf'],
  '/due/letters.pdf': () => ['/due/letters.pdf', '/due/letters.pdf?days=7'],
  '/overdue.pdf': () => ['/overdue.pdf', '/overdue.pdf?table=villages'],
  '/relief/batches/{id}/receipts.pdf': () => ids.batches.flatMap((x) => [`/relief/batches/${x}/receipts.pdf`,
    `/relief/batches/${x}/receipts.pdf?layout=a4`]),
  '/relief/batches/{id}/signlist.pdf': () => ids.batches.map((x) => `/relief/batches/${x}/signlist.pdf`),
  '/receipts/{str}.pdf': () => ids.receipts.map((r) => `/receipts/${encodeURIComponent(r)}.pdf`),
  '/reports/portfolio.pdf': () => ['/reports/portfolio.pdf', '/reports/portfolio.pdf?from=2026-01-01&to=2026-06-30'],
  '/reports/quarterly.pdf': () => ['/reports/quarterly.pdf?quarter=2026Q1', '/reports/quarterly.pdf?quarter=2026Q3',
    '/reports/quarterly.pdf'],
  '/reports/outcomes.pdf': () => ['/reports/outcomes.pdf'],
  '/reports/assessment.pdf': () => ['/reports/assessment.pdf', `/reports/assessment.pdf?month=${SCENARIO_DAY.slice(0, 7)}`],
  '/reports/timeliness.pdf': () => ['/reports/timeliness.pdf', '/reports/timeliness.pdf?by=handler', '/reports/timeliness.pdf?by=township'],
  '/reports/relief.pdf': () => ['/reports/relief.pdf', '/reports/relief.pdf?group=village', '/reports/relief.pdf?group=batch'],
  '/reports/fund-ledger.pdf': () => ids.funds.map((f) => `/reports/fund-ledger.pdf?fund_id=${f}`),
  '/reports/vouchers.pdf': () => ['/reports/vouchers.pdf', '/reports/vouchers.pdf?from=2026-01-01&to=2026-11-23'],
  '/reports/trial-balance.pdf': () => ['/reports/trial-balance.pdf', '/reports/trial-balance.pdf?from=2026-10-01&as_of=2026-10-31'],
  '/notices/{id}.pdf': () => ids.notices.map((n) => `/notices/${n}.pdf`),
  '/announcements/{id}.pdf': () => ids.announcements.map((a) => `/announcements/${a}.pdf`),
  '/api/v1/receipts/{str}.pdf': () => [], // the same document as /receipts/{str}.pdf
  '/api/v1/reports/quarterly.pdf': () => [], // the same document as /reports/quarterly.pdf
  '/api/v1/reports/due/letters.pdf': () => [], // the same document as /due/letters.pdf
};

// The lists of the staff pages printed to PDF (?format=pdf, src/web/sheet.c): the same checks.
const LIST_PDFS = ['/loans', '/due', '/overdue', '/claims', '/relief', '/relief/batches', '/guarantee-fund',
  '/households', '/audit', '/notices', '/announcements', '/admin/users', '/admin/units', '/admin/departments', '/admin/holidays',
  '/admin/relief-categories'].map((p) => `${p}${p.includes('?') ? '&' : '?'}format=pdf`);

// With BANGFU_GUIDE_PICTURES=dir (make guide-pictures): page 1 of the first path of each route is
// also saved as a small PNG named after the route, for the user guide's table of documents.
const PICTURES = process.env.BANGFU_GUIDE_PICTURES;

// The PNG's name for a route: "/loans/{id}/notice.pdf" → "loans-notice.png".
const pictureName = (route) => `${route.replace(/\{[a-z]+\}|\.pdf$|^\/|\?.*$/g, '').split('/').filter(Boolean).join('-')}.png`;

// Saves page 1 of a PDF at 20 dpi as dir/name.
function savePicture(file, name) {
  mkdirSync(PICTURES, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '20', '-f', '1', '-l', '1', '-singlefile', file, join(PICTURES, name.replace(/\.png$/, ''))]);
}

// Fetches a PDF as the logged-in admin; returns its file path.
let files = 0;
async function fetchPdf(path) {
  const res = await fetch(srv.base + path, { headers: { Cookie: b.cookie } });
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(res.status, 200, `${path}: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
  assert.equal(res.headers.get('content-type'), 'application/pdf', path);
  const file = join(srv.dir, `d${files++}.pdf`);
  writeFileSync(file, body);
  return file;
}

// The words of a PDF with their boxes, page by page: [{ width, height, words: [{ t, x0, y0, x1, y1 }] }].
function words(file) {
  const html = execFileSync('pdftotext', ['-q', '-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return html.split('<page ').slice(1).map((p) => {
    const [, width, height] = p.match(/width="([\d.]+)" height="([\d.]+)"/);
    const ws = [...p.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], t: m[5] }));
    return { width: +width, height: +height, words: ws };
  });
}

// The layout faults of a PDF: words off the page and pairs of overlapping words (stamps aside).
function layoutFaults(file) {
  const faults = [];
  const TOL = 0.5; // points two boxes may share (rounding of the glyph boxes)
  for (const [n, page] of words(file).entries()) {
    const ws = page.words.filter((w) => !STAMP_WORDS.some((re) => re.test(w.t)));
    for (const w of page.words) {
      if (w.x0 < 0 || w.y0 < 0 || w.x1 > page.width || w.y1 > page.height) faults.push(`page ${n + 1}: "${w.t}" leaves the page`);
    }
    for (let i = 0; i < ws.length; i++) {
      for (let j = i + 1; j < ws.length; j++) {
        const a = ws[i], c = ws[j];
        const dx = Math.min(a.x1, c.x1) - Math.max(a.x0, c.x0), dy = Math.min(a.y1, c.y1) - Math.max(a.y0, c.y0);
        if (dx > TOL && dy > TOL) faults.push(`page ${n + 1}: "${a.t}" overlaps "${c.t}"`);
      }
    }
  }
  return faults;
}

// 1 when the PDF carries the draft watermark: 草 and 稿 each larger than any text (the watermark's size).
const isDraft = (file) => words(file).some((p) => ['草', '稿'].every((c) => p.words.some((w) => w.t === c && w.y1 - w.y0 > 100)));

// The lines of the PDF's text as pdftotext -layout sets them.
const layoutLines = (file) => execFileSync('pdftotext', ['-q', '-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n');

// The PDF's text without white space.
const flat = (file) => execFileSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/\s+/g, '');

// Checks every document of the route table: layout, and dates written 年月日. Returns the texts by path.
async function checkAll(stage) {
  const texts = {};
  const failing = {};
  for (const route of [...ROUTES, ...LIST_PDFS]) {
    for (const [k, path] of (DOCUMENTS[route] ? DOCUMENTS[route]() : [route]).entries()) {
      const file = await fetchPdf(path);
      if (PICTURES && stage === 'demo' && k === 0 && DOCUMENTS[route]) savePicture(file, pictureName(route));
      const text = flat(file);
      texts[path] = text;
      const faults = layoutFaults(file);
      const iso = text.match(/(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d])/);
      if (iso) faults.push(`an ISO date ${iso[0]} (documents write 2026年12月5日)`);
      if (faults.length) (failing[route] ||= []).push(`${path}: ${faults.slice(0, 5).join('; ')}${faults.length > 5 ? ` … (${faults.length})` : ''}`);
    }
  }
  const unexpected = Object.keys(failing).filter((route) => !EXPECTED_FAILURES[route]);
  if (unexpected.length) assert.fail(`${stage}:\n${unexpected.map((route) => failing[route].join('\n')).join('\n')}`);
  for (const route of Object.keys(EXPECTED_FAILURES)) {
    assert.ok(failing[route] || stage !== 'demo', `${route} passes now: remove it from EXPECTED_FAILURES`);
  }
  return texts;
}

before(async () => {
  srv = await startServer({ today: SCENARIO_DAY });
  b = new Browser(srv.base);
  await b.login('admin');
  const q = (sql) => sqlRows(srv.db, sql);
  const col = (sql) => q(sql).map((r) => Object.values(r)[0]);
  ids = {
    published: col("SELECT id FROM announcements WHERE state = 'published' LIMIT 1")[0],
    announcements: col('SELECT id FROM announcements'),
    applications: col('SELECT id FROM loan_applications'),
    reviewed: col("SELECT id FROM loan_applications WHERE state NOT IN ('draft')"),
    guaranteed: col('SELECT application_id FROM guarantees'),
    loans: col('SELECT id FROM loans'),
    settled: col("SELECT id FROM loans WHERE state = 'settled'"),
    batches: col('SELECT id FROM relief_batches'),
    receipts: col('SELECT receipt_no FROM relief_payments ORDER BY id DESC LIMIT 3'),
    funds: col('SELECT id FROM relief_funds'),
    notices: col('SELECT id FROM notices'),
  };
});

after(async () => srv && srv.stop());

test('every GET route that prints a PDF is in the list of documents', () => {
  assert.ok(ROUTES.length >= 19, ROUTES.join(' '));
  for (const route of ROUTES) assert.ok(DOCUMENTS[route], `${route} is a PDF route without a layout check: add it to DOCUMENTS`);
  for (const route of Object.keys(DOCUMENTS)) assert.ok(ROUTES.includes(route), `${route} is no route any more`);
});

test('the demo: every document fits its pages, no two words overlap, dates 年月日, amounts in 大写', async () => {
  const texts = await checkAll('demo');
  // Committed amounts carry their 大写 (the reports' closing lines and the receipts).
  for (const path of Object.keys(texts)) {
    if (/^\/(receipts|subsidy)\/|quarterly|fund-ledger/.test(path)) assert.match(texts[path], /人民币|大写/, `${path} has no 大写`);
  }
  // Reports: a real period, the signature lines, no 最早/今天.
  for (const path of Object.keys(texts).filter((p) => p.startsWith('/reports/'))) {
    const t = texts[path];
    assert.ok(!/最早|至今天/.test(t), `${path}: ${t.slice(0, 200)}`);
    assert.match(t, /制表人：系统管理员|制表人：[^审]+审核人：/, path);
    assert.match(t, /负责人：/, path);
    assert.match(t, /制表日期：2026年11月23日/, path);
  }
  assert.match(texts['/reports/relief.pdf'], /发放日期2026年1月28日至2026年11月23日/, 'the period starts with the first payment');
});

test('the quarterly report: 2026年第三季度, a past quarter as it stood, malformed and future quarters refused', async () => {
  const q3 = flat(await fetchPdf('/reports/quarterly.pdf?quarter=2026Q3'));
  assert.ok(q3.includes('季度工作报表（2026年第三季度）'), q3.slice(0, 200));
  assert.ok(q3.includes('报告期：2026年7月1日至2026年9月30日'));
  assert.ok(!q3.includes('2026Q3'));
  // Hand: the demo paid one relief payment in the quarter, 5,000.00 on 2026-09-09.
  assert.ok(q3.includes('本季发放笔数（不含作废凭证）1笔') && q3.includes('本季发放金额5,000.00元'), q3);
  // Q1: 54 payments of 500.00 on 2026-01-28: 27,000.00.
  const q1 = flat(await fetchPdf('/reports/quarterly.pdf?quarter=2026Q1'));
  assert.ok(q1.includes('本季发放笔数（不含作废凭证）54笔') && q1.includes('本季发放金额27,000.00元'));
  // The current quarter is not over: a draft, up to today.
  const nowFile = await fetchPdf('/reports/quarterly.pdf');
  const now = flat(nowFile);
  assert.ok(now.includes('2026年第四季度') && now.includes('报告期：2026年10月1日至2026年11月23日'), now.slice(0, 200));
  assert.ok(isDraft(nowFile), 'the current quarter is a draft');
  assert.ok(!isDraft(await fetchPdf('/reports/quarterly.pdf?quarter=2026Q3')), 'a past quarter is final');
  const subFile = await fetchPdf('/subsidy/2026Q3.pdf');
  assert.ok(flat(subFile).includes('贴息申报表（2026年第三季度）') && !isDraft(subFile));
  assert.ok(isDraft(await fetchPdf('/subsidy/2026Q4.pdf')));
  // Refused: malformed (in the path 404, in a query 422) and not begun yet (422); nothing printed.
  for (const [path, status] of [['/subsidy/2026Q5.pdf', 404], ['/subsidy/2026Q0.pdf', 404], ['/subsidy/abc.pdf', 404],
    ['/subsidy/2026Q3x.pdf', 404], ['/subsidy/2027Q1.pdf', 422], ['/reports/quarterly.pdf?quarter=2026Q5', 422],
    ['/reports/quarterly.pdf?quarter=garbage', 422], ['/reports/quarterly.pdf?quarter=2027Q1', 422],
    ['/subsidy?quarter=2026Q5', 422]]) {
    const res = await fetch(srv.base + path, { headers: { Cookie: b.cookie } });
    assert.equal(res.status, status, path);
    assert.notEqual(res.headers.get('content-type'), 'application/pdf', path);
  }
  const tok = await token(srv.base, 'qu_caiwu');
  const api5 = await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q5', undefined, tok);
  assert.equal(api5.status, 422);
  assert.equal((await api(srv.base, 'GET', '/reports/subsidy?quarter=2027Q1', undefined, tok)).body.error.code, 'quarter_not_begun');
});

// The rows of the ledger's CSV as objects keyed by head.
async function ledgerCsv(fund, query = '') {
  const res = await fetch(`${srv.base}/reports/fund-ledger.csv?fund_id=${fund}${query}`, { headers: { Cookie: b.cookie } });
  assert.equal(res.status, 200);
  const [table, under = ''] = (await res.text()).slice(1).split('\r\n\r\n'); // the table, then the lines under it
  assert.match(under, /期末余额：[\d,.]+ 元（大写：人民币.+）/, 'the closing balance in 大写 under the table');
  const lines = table.trim().split('\r\n').map((l) => l.split(','));
  return lines.slice(1).map((cells) => Object.fromEntries(lines[0].map((h, i) => [h, cells[i]])));
}

test('the demo fund ledger: date order, running balance, period totals (by hand)', async () => {
  const fund = ids.funds[0];
  const rows = await ledgerCsv(fund);
  // Hand: 01-10 +200,000.00; 01-15 +80,000.00; 01-28 54 × -500.00; 03-08 +36,000.00 (booked before the
  // payments of 01-28, printed after them); 06-10 -2,000.00; 06-30 +5,000.00; 09-09 -5,000.00; 10-14 +36,000.00
  // booked twice and reversed on 10-16 -36,000.00 (demo_books.c).
  assert.equal(rows[0]['摘要'], '期初余额');
  assert.equal(rows[0]['余额（元）'], '0.00');
  const entries = rows.slice(1, -3);
  assert.equal(entries.length, 2 + 54 + 4 + 2);
  // aid in kind on a line of its own, outside the cash columns and the balance
  assert.match(rows.at(-3)['摘要'], /^实物慰问品发放价值 [\d,]+\.\d\d 元（不计入收支和余额）$/);
  assert.deepEqual([rows.at(-3)['收入（元）'], rows.at(-3)['支出（元）'], rows.at(-3)['余额（元）']], ['', '', '']);
  assert.deepEqual(entries.map((r) => r['日期']), [...entries.map((r) => r['日期'])].sort((a, b) => {
    const n = (s) => s.match(/\d+/g).map(Number).reduce((x, v) => x * 100 + v, 0);
    return n(a) - n(b);
  }), 'in date order');
  assert.equal(entries[1]['余额（元）'], '280000.00');
  assert.equal(entries[55]['余额（元）'], '253000.00', 'after the 54 payments of 01-28: 280,000.00 - 27,000.00');
  assert.equal(entries[56]['日期'], '2026年3月8日');
  assert.equal(entries[56]['余额（元）'], '289000.00');
  assert.equal(rows.at(-2)['收入（元）'], '357000.00'); // 200,000 + 80,000 + 36,000 + 5,000 + 36,000
  assert.equal(rows.at(-2)['支出（元）'], '70000.00'); // 27,000 + 2,000 + 5,000 + 36,000 (the reversal)
  assert.equal(rows.at(-1)['摘要'], '期末余额');
  assert.equal(rows.at(-1)['余额（元）'], '287000.00');
  // A period: from 2026-03-01 the opening balance is what stood on 02-28.
  const march = await ledgerCsv(fund, '&from=2026-03-01&to=2026-06-30');
  assert.equal(march[0]['余额（元）'], '253000.00');
  assert.equal(march.at(-1)['余额（元）'], '292000.00'); // 253,000 + 36,000 - 2,000 + 5,000
  assert.equal((await fetch(`${srv.base}/reports/fund-ledger.pdf?fund_id=${fund}&from=2026-07-01&to=2026-03-01`,
    { headers: { Cookie: b.cookie } })).status, 422);
  // The PDF: its pages carry 本页小计 and 承前页/过次页 with the running figures.
  const file = await fetchPdf(`/reports/fund-ledger.pdf?fund_id=${fund}`);
  const text = flat(file);
  assert.ok(text.includes('期间：2026年1月1日至2026年11月23日'), text.slice(0, 300));
  const carried = layoutLines(file).filter((l) => /过次页|承前页|本页小计/.test(l)).map((l) => l.trim().split(/\s+/).join(' '));
  // Page 1: the opening row, 2 incomes and 18 payments of 500.00; page 2 the next 20 payments.
  assert.deepEqual(carried.slice(0, 5), ['本页小计 280,000.00 9,000.00', '过次页 280,000.00 9,000.00 271,000.00',
    '承前页 280,000.00 9,000.00 271,000.00', '本页小计 0.00 10,500.00', '过次页 280,000.00 19,500.00 260,500.00']);
  assert.ok(layoutLines(file).some((l) => /期末余额\s+287,000\.00$/.test(l.trim())));
  assert.ok(text.includes('期末余额：287,000.00元（大写：人民币贰拾捌万柒仟元整）'), text.slice(-400));
});

test('at the limits: 30-character names, a 40-character fund of 99,999,999.99 with 203 rows: still no overlap', async () => {
  const fin = await token(srv.base, 'qu_caiwu');
  const name = '人口和计划生育公益金'.repeat(4); // 40 characters
  const f = await api(srv.base, 'POST', '/funds', { name }, fin);
  assert.equal(f.status, 201, JSON.stringify(f.body));
  const fund = f.body.id;
  const note = '救助资金'.repeat(50); // 200 characters
  // Hand: 2026-01-01 +99,999,999.99, then 200 incomes of 200,000.00 booked newest date first (11-22
  // back to 05-07), then 2026-01-02 +0.01 and its reversal on 11-23.
  const income = (amount_fen, on) => api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'district', amount_fen, on,
    document_no: '财'.repeat(50), note }, fin);
  assert.equal((await income(9999999999, '2026-01-01')).status, 201);
  for (let i = 0; i < 200; i++) {
    const on = new Date(Date.UTC(2026, 10, 22 - i)).toISOString().slice(0, 10);
    assert.equal((await income(20000000, on)).status, 201);
  }
  const small = await income(1, '2026-01-02');
  assert.equal((await api(srv.base, 'POST', `/fund-entries/${small.body.id}/reverse`, { on: '2026-11-23', reason: '冲正测试' }, fin)).status, 201);
  ids.funds.push(fund);
  const rows = await ledgerCsv(fund);
  assert.equal(rows.length, 1 + 203 + 1 + 2); // 期初余额, the entries, aid in kind, the totals
  assert.equal(rows[2]['余额（元）'], '100000000.00', '99,999,999.99 + 0.01 on 01-02, before the 200 incomes');
  assert.equal(rows[3]['日期'], '2026年5月7日');
  assert.equal(rows.at(-2)['收入（元）'], '140000000.00'); // 99,999,999.99 + 0.01 + 200 × 200,000.00
  assert.equal(rows.at(-2)['支出（元）'], '0.01');
  assert.equal(rows.at(-1)['余额（元）'], '139999999.99');
  // Every household's name at its limit.
  spawnSync('sqlite3', [srv.db, "UPDATE households SET name = '欧阳慕容司马上官诸葛东方皇甫尉迟公孙长孙宇文令狐端木百里呼延'"]);
  const texts = await checkAll('limits');
  const ledger = texts[`/reports/fund-ledger.pdf?fund_id=${fund}`];
  assert.ok(ledger.includes(name), 'the fund name whole');
  assert.ok(ledger.includes('期末余额：139,999,999.99元（大写：人民币壹亿叁仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分）'));
  const pages = (ledger.match(/过次页/g) || []).length;
  assert.ok(pages >= 9, `203 rows over ${pages + 1} pages`);
  assert.equal((ledger.match(/承前页/g) || []).length, pages);
  assert.equal((ledger.match(/本页小计/g) || []).length, pages + 1);
});
