// Issue 18: the lists a page shows are in the API with the page's filters, paging and scope (the
// loan book, due and overdue lists with each loan's days past due, overdue amount and penalty,
// claims, relief batches), and the reports come as CSV, Excel (read back with a small reader)
// and PDF to a bearer token; the list pages link 导出Excel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, TODAY, addDays } from './lib.mjs';
import { readXlsx } from './xlsx.mjs';

let srv, t;

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['xj_xiehui', 'xj_caiwu', 'fm_xiehui', 'xj_pingshen', 'xj_cun_xiji']) t[u] = await token(srv.base, u);
});
after(async () => { await srv.stop(); });

// GET with the bearer token, as bytes.
async function download(path, tok) {
  const res = await fetch(srv.base + '/api/v1' + path, { headers: { Authorization: `Bearer ${tok}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()) };
}

test('the loan book: every loan in scope with the figures of its own page, filtered and paged with a total', async () => {
  const all = await api(srv.base, 'GET', '/loans?limit=500', undefined, t.xj_xiehui);
  assert.equal(all.status, 200);
  assert.ok(all.body.total >= 3, 'the demo has loans on time, late and settled');
  assert.equal(all.body.items.length, all.body.total);
  for (const item of all.body.items) {
    const one = await api(srv.base, 'GET', `/loans/${item.id}`, undefined, t.xj_xiehui);
    assert.equal(one.status, 200);
    assert.equal(item.outstanding_principal_fen, one.body.outstanding_principal_fen, `loan ${item.id} outstanding`);
    assert.equal(item.dpd, one.body.dpd, `loan ${item.id} days past due`);
    assert.equal(item.overdue_fen, one.body.overdue_fen, `loan ${item.id} overdue`);
    assert.equal(item.penalty_fen, one.body.penalty_fen + one.body.compound_fen, `loan ${item.id} penalty and compound`);
    assert.equal(item.state, one.body.state);
  }
  const page = await api(srv.base, 'GET', '/loans?limit=1&offset=1', undefined, t.xj_xiehui);
  assert.deepEqual(page.body.items.map((l) => l.id), [all.body.items[1].id], 'the second loan alone');
  assert.equal(page.body.total, all.body.total, 'the total counts every page');
  for (const state of ['active', 'settled']) {
    const some = await api(srv.base, 'GET', `/loans?state=${state}`, undefined, t.xj_xiehui);
    assert.equal(some.body.total, all.body.items.filter((l) => l.state === state).length, state);
    assert.ok(some.body.items.every((l) => l.state === state));
  }
  const village = all.body.items[0].village_id;
  const inVillage = await api(srv.base, 'GET', `/loans?village_id=${village}`, undefined, t.xj_xiehui);
  assert.equal(inVillage.body.total, all.body.items.filter((l) => l.village_id === village).length);
  const bad = await api(srv.base, 'GET', '/loans?state=lost', undefined, t.xj_xiehui);
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.code, 'invalid_state');
  assert.equal(bad.body.error.field, 'state');

  const overdue = await api(srv.base, 'GET', '/reports/overdue/loans', undefined, t.xj_xiehui);
  const expected = all.body.items.filter((l) => l.state === 'active' && l.overdue_fen > 0).map((l) => l.id).sort();
  assert.ok(expected.length >= 1, 'the demo has a late loan');
  assert.deepEqual(overdue.body.items.map((l) => l.id).sort(), expected, 'the overdue list: active loans with an amount fallen due');
  assert.ok(overdue.body.items.every((l) => l.dpd > 0 && l.penalty_fen > 0));
  assert.equal((await api(srv.base, 'GET', '/loans?overdue=1', undefined, t.xj_xiehui)).body.total, expected.length);
});

test('scope: the other township sees none of 西集\'s loans, instalments, claims or batches', async () => {
  for (const path of ['/loans', '/reports/overdue/loans', '/reports/due?days=366', '/claims', '/relief-batches']) {
    const own = await api(srv.base, 'GET', path, undefined, t.xj_xiehui);
    const other = await api(srv.base, 'GET', path, undefined, t.fm_xiehui);
    assert.equal(other.status, 200, path);
    const ownIds = new Set(own.body.items.map((x) => x.id ?? x.loan_id));
    assert.ok(!other.body.items.some((x) => ownIds.has(x.id ?? x.loan_id)), `${path}: nothing of 西集`);
  }
  assert.equal((await api(srv.base, 'GET', '/loans', undefined, t.fm_xiehui)).body.total, 0, '冯卯 has no loans');
  const mine = await api(srv.base, 'GET', '/loans?limit=500', undefined, t.xj_cun_xiji);
  const all = await api(srv.base, 'GET', '/loans?limit=500', undefined, t.xj_xiehui);
  assert.ok(mine.body.items.every((l) => l.village === '西集村'), 'a village officer: the village\'s loans only');
  assert.ok(mine.body.total < all.body.total);
  const csv = await download('/loans?format=csv', t.fm_xiehui);
  assert.equal(csv.bytes.toString('utf8').trim().split('\r\n').length, 1, 'the other township\'s export: the header alone');
});

test('the due list: unpaid instalments in the next days, each with its loan\'s figures; the claims list', async () => {
  const due = await api(srv.base, 'GET', '/reports/due?days=366', undefined, t.xj_xiehui);
  assert.equal(due.status, 200);
  assert.ok(due.body.total >= 1);
  const last = addDays(TODAY, 366);
  for (const d of due.body.items) {
    assert.ok(d.due_on >= TODAY && d.due_on <= last, d.due_on);
    const loan = await api(srv.base, 'GET', `/loans/${d.loan_id}`, undefined, t.xj_xiehui);
    const row = loan.body.schedule.find((s) => s.n === d.n);
    assert.equal(d.due_fen, row.total_fen - row.paid_principal_fen - row.paid_interest_fen, 'unpaid principal and interest');
    assert.equal(d.dpd, loan.body.dpd);
    assert.equal(d.overdue_fen, loan.body.overdue_fen);
  }
  const one = await api(srv.base, 'GET', '/reports/due?days=366&limit=1&offset=1', undefined, t.xj_xiehui);
  assert.equal(one.body.total, due.body.total);
  if (due.body.total > 1) assert.deepEqual(one.body.items, [due.body.items[1]]);
  assert.equal((await api(srv.base, 'GET', '/reports/due?days=0', undefined, t.xj_xiehui)).status, 422);
  const claims = await api(srv.base, 'GET', '/claims', undefined, t.xj_caiwu);
  assert.equal(claims.status, 200);
  assert.ok(claims.body.items.every((c) => c.dpd > 90));
  const batches = await api(srv.base, 'GET', '/relief-batches', undefined, t.xj_xiehui);
  assert.ok(batches.body.total >= 1 && batches.body.items[0].title);
});

test('the overdue list as CSV, Excel and PDF: one value per cell, amounts as numbers in 元, dates as dates', async () => {
  const json = await api(srv.base, 'GET', '/reports/overdue/loans', undefined, t.xj_xiehui);
  const csv = await download('/reports/overdue/loans?format=csv', t.xj_xiehui);
  assert.equal(csv.status, 200);
  assert.match(csv.type, /text\/csv/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const lines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(lines[0], '贷款号,村,借款人,合同号,放款日,贷款金额（元）,状态,剩余本金（元）,逾期天数,逾期金额（元）,罚息复利（元）');
  assert.equal(lines.length, json.body.total + 2, 'head, loans, the total row');
  assert.match(lines.at(-1), new RegExp(`^合计,${json.body.total} 笔,`));

  const x = await download('/reports/overdue/loans?format=xlsx', t.xj_xiehui);
  assert.equal(x.status, 200);
  assert.equal(x.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(x.disposition, /overdue-loans\.xlsx/);
  const book = readXlsx(x.bytes);
  assert.equal(book.name, '逾期贷款清单', 'the sheet is named in Chinese');
  assert.ok(book.frozen, 'the header row is frozen');
  assert.equal(book.rows[0][0].value, '贷款号');
  assert.equal(book.rows.length, json.body.total + 2);
  const loan = json.body.items[0], row = book.rows.find((r) => r && r[0].value === loan.id);
  assert.ok(row, 'the loan number is a number');
  assert.deepEqual(row[4], { type: 'date', value: loan.disbursed_on, format: 'yyyy-mm-dd' });
  assert.deepEqual(row[5], { type: 'number', value: loan.principal_fen / 100, format: '#,##0.00' });
  assert.equal(row[6].value, '还款中');
  assert.deepEqual(row[8], { type: 'number', value: loan.dpd, format: '0' });
  assert.equal(row[9].value, loan.overdue_fen / 100);
  assert.equal(row[10].value, loan.penalty_fen / 100);
  assert.ok(book.widths[3] > book.widths[0], 'the contract number column is wider than the loan number');

  const pdf = await download('/reports/overdue/loans?format=pdf', t.xj_xiehui);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  const bad = await download('/reports/overdue/loans?format=doc', t.xj_xiehui);
  assert.equal(bad.status, 422);
  assert.match(bad.bytes.toString(), /invalid_format/);
});

test('reports to a bearer token: the portfolio and relief reports as CSV, Excel and PDF; a formula stays text', async () => {
  const csv = await download('/reports/portfolio?format=csv', t.xj_xiehui);
  assert.equal(csv.status, 200);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(csv.bytes.toString('utf8'), /^\uFEFF单位,/);
  const book = readXlsx((await download('/reports/portfolio?format=xlsx', t.xj_xiehui)).bytes);
  assert.equal(book.name, '计生信贷助富贷款情况表');
  const total = book.rows.find((r) => r && r[0].value === '合计');
  assert.equal(total[1].type, 'number', 'the number of applications, one value a cell');
  assert.equal(total[10].type, 'number', 'the normal grade, one value a cell');
  assert.equal(total[5].type, 'number', 'the number of loans');
  assert.equal(total[6].format, '#,##0.00');
  assert.equal((await download('/reports/portfolio?format=pdf', t.xj_xiehui)).bytes.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await download('/reports/portfolio?format=csv', t.xj_pingshen)).status, 403, 'reviewers read no report');
  const relief = readXlsx((await download('/reports/relief?format=xlsx&group=village', t.xj_xiehui)).bytes);
  assert.equal(relief.rows[0][0].value, '村');
  assert.equal(relief.rows.at(-1)[1].type, 'number');

  const funds = await api(srv.base, 'GET', '/funds', undefined, t.xj_caiwu);
  const fund = funds.body.items[0].id;
  const inc = await api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'donation', amount_fen: 12345, on: TODAY,
    document_no: 'XLSX-1', note: '=HYPERLINK("http://x","点")' }, t.xj_caiwu);
  assert.equal(inc.status, 201, JSON.stringify(inc.body));
  const ledger = readXlsx((await download(`/reports/fund-ledger?fund_id=${fund}&format=xlsx`, t.xj_caiwu)).bytes);
  const entry = ledger.rows.find((r) => r && r[4]?.value === 'XLSX-1');
  assert.deepEqual(entry[5], { type: 'string', value: '=HYPERLINK("http://x","点")', format: 'General' }, 'text, not a formula');
  assert.deepEqual(entry[6], { type: 'number', value: 123.45, format: '#,##0.00' });
  assert.equal(entry[1].type, 'date');
  assert.ok(!ledger.rows.some((r) => r && r.some((c) => c?.type === 'formula')));
  const ledgerCsv = (await download(`/reports/fund-ledger?fund_id=${fund}&format=csv`, t.xj_caiwu)).bytes.toString('utf8');
  assert.match(ledgerCsv, /"'=HYPERLINK\(""http:\/\/x"",""点""\)"/, 'CSV neutralises the formula');
});

test('list and report pages link 导出Excel, and the pages export with the session', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_caiwu');
  for (const [page, link] of [['/due?days=30', '/due.xlsx?days=30'], ['/due/reminders?days=30', '/due/reminders.xlsx?days=30'], ['/overdue', '/overdue.xlsx'],
    ['/claims', '/claims?format=xlsx'], ['/reports/portfolio', '/reports/portfolio.xlsx']]) {
    const p = await b.get(page);
    assert.equal(p.status, 200, page);
    assert.ok(p.text.includes(`href="${link}`), `${page} links ${link}`);
    assert.match(p.text, /导出Excel/);
  }
  for (const path of ['/due?days=366&format=xlsx', '/due.xlsx?days=30', '/due/reminders.xlsx?days=30', '/overdue.xlsx', '/overdue?format=xlsx', '/claims?format=xlsx', '/reports/portfolio.xlsx',
    '/reports/outcomes.xlsx']) {
    const res = await fetch(srv.base + path, { headers: { Cookie: b.cookie } });
    assert.equal(res.status, 200, path);
    const book = readXlsx(Buffer.from(await res.arrayBuffer()));
    assert.ok(book.frozen && book.rows.length >= 1, path);
  }
});

test('record lists as files: applications, relief (IDs masked), batches and the audit log, with the page\'s filters', async () => {
  const apps = await api(srv.base, 'GET', '/loan-applications?state=in_review&limit=500', undefined, t.xj_xiehui);
  const book = readXlsx((await download('/loan-applications?state=in_review&format=xlsx', t.xj_xiehui)).bytes);
  assert.equal(book.name, '贷款申请');
  assert.equal(book.rows.length, apps.body.total + 2, 'every application of the filter, not one page, and the total row');
  assert.equal(book.rows.at(-1)[0].value, '合计');
  assert.equal(Math.round(book.rows.at(-1)[5].value * 100), apps.body.amount_fen_total);
  for (const a of apps.body.items) {
    const row = book.rows.find((r) => r && r[0].value === a.id);
    assert.ok(row, `application ${a.id}`);
    assert.deepEqual(row[5], { type: 'number', value: a.amount_fen / 100, format: '#,##0.00' });
    assert.equal(row[7].value, '联合评审中');
  }
  const relief = await api(srv.base, 'GET', '/relief-applications?state=paid&limit=1', undefined, t.xj_xiehui);
  const csv = (await download('/relief-applications?state=paid&format=csv', t.xj_xiehui)).bytes.toString('utf8');
  const lines = csv.slice(1).trim().split('\r\n');
  assert.equal(lines.length, relief.body.total + 2, 'the head, every application, the total row');
  assert.match(lines[1], /,\d{6}\*{8}\d{3}[\dX],/, 'the resident ID masked as on the page');
  assert.ok(!/\d{17}[\dX]/.test(csv), 'no full resident ID');
  const batches = readXlsx((await download('/relief-batches?format=xlsx', t.xj_xiehui)).bytes);
  assert.equal(batches.rows[1][1].value, (await api(srv.base, 'GET', '/relief-batches', undefined, t.xj_xiehui)).body.items[0].title);
  assert.equal(batches.rows[1][7].format, '#,##0.00');
  const admin = await token(srv.base, 'admin');
  const audit = await api(srv.base, 'GET', '/audit?entity=household&limit=1', undefined, admin);
  const log = readXlsx((await download('/audit?entity=household&format=xlsx', admin)).bytes);
  assert.equal(log.name, '审计日志');
  assert.equal(log.rows.length, audit.body.total + 1);
  assert.deepEqual([...new Set(log.rows.slice(1).map((r) => r[3].value))], ['家庭档案'], 'the record kind in Chinese');
  assert.equal((await download('/audit?format=xlsx', t.xj_xiehui)).status, 403, 'the association reads no audit log');
  const other = (await download('/relief-applications?format=csv', t.fm_xiehui)).bytes.toString('utf8');
  assert.ok(!other.includes('西集'), 'the other township exports none of 西集\'s relief');

  const b = new Browser(srv.base);
  await b.login('admin');
  for (const [page, link] of [['/loans?state=in_review', '/loans?state=in_review&amp;format=xlsx'],
    ['/relief', '/relief?format=xlsx'], ['/relief/batches', '/relief/batches?format=xlsx'],
    ['/audit?entity=household&offset=20', '/audit?entity=household&amp;format=xlsx']]) {
    const p = await b.get(page);
    assert.ok(p.text.includes(`href="${link}"`), `${page} links ${link}`);
    const res = await fetch(srv.base + link.replace('&amp;', '&'), { headers: { Cookie: b.cookie } });
    assert.equal(res.status, 200, link);
    assert.ok(readXlsx(Buffer.from(await res.arrayBuffer())).frozen);
  }
});

test('the subsidy claim as CSV, Excel and the printed 申报表, to a bearer token and from the page', async () => {
  const json = await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q3', undefined, t.xj_caiwu);
  assert.equal(json.status, 200);
  const book = readXlsx((await download('/reports/subsidy?quarter=2026Q3&format=xlsx', t.xj_caiwu)).bytes);
  assert.equal(book.name, '贴息申报');
  assert.equal(book.rows.length, json.body.items.length + 2, 'a row per loan and the totals');
  const total = book.rows.at(-1);
  assert.equal(total[0].value, '合计');
  assert.deepEqual(total[5], { type: 'number', value: json.body.subsidy_fen / 100, format: '#,##0.00' });
  const pdf = await download('/reports/subsidy?quarter=2026Q3&format=pdf', t.xj_caiwu);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await download('/reports/subsidy?quarter=2026Q9&format=csv', t.xj_caiwu)).status, 422);
  assert.equal((await download('/reports/subsidy?quarter=2026Q3&format=csv', t.xj_xiehui)).status, 200);
  assert.equal((await download('/reports/subsidy?quarter=2026Q3&format=csv', t.xj_cun_xiji)).status, 403);
  const b = new Browser(srv.base);
  await b.login('xj_caiwu');
  assert.ok((await b.get('/subsidy?quarter=2026Q3')).text.includes('href="/subsidy?quarter=2026Q3&amp;format=xlsx"'));
});

test('households, notices and announcements as files: the page\'s rows, IDs masked, scope kept', async () => {
  const hh = await api(srv.base, 'GET', '/households?village_id=&q=&limit=500', undefined, t.xj_cun_xiji);
  const csv = (await download('/households?format=csv', t.xj_cun_xiji)).bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(csv[0], '户主,身份证号,村,家庭类别,符合政策,人数');
  assert.ok(csv.length - 1 >= Math.min(hh.body.total, 200), 'every household of the village');
  assert.ok(csv.slice(1).every((l) => l.split(',')[2] === '西集村'), 'a village officer: the village only');
  assert.ok(csv.slice(1).every((l) => /^\d{6}\*{8}\d{3}[\dX]$/.test(l.split(',')[1])), 'resident IDs masked');
  const book = readXlsx((await download('/households?format=xlsx', t.xj_cun_xiji)).bytes);
  assert.equal(book.name, '家庭档案');
  assert.equal(book.rows[1][5].type, 'number', 'members as a number');

  const notices = await api(srv.base, 'GET', '/notices', undefined, t.xj_xiehui);
  const nbook = readXlsx((await download('/notices?format=xlsx', t.xj_xiehui)).bytes);
  assert.equal(nbook.rows.length, notices.body.total + 1);
  assert.equal(nbook.rows[1][0].value, notices.body.items[0].id);
  assert.equal(nbook.rows[1][4].type, 'date');
  const anns = await api(srv.base, 'GET', '/announcements?limit=500', undefined, t.xj_xiehui);
  const abook = readXlsx((await download('/announcements?format=xlsx', t.xj_xiehui)).bytes);
  assert.equal(abook.name, '公告');
  assert.equal(abook.rows.length, anns.body.total + 1);
  const fm = readXlsx((await download('/notices?format=xlsx', t.fm_xiehui)).bytes);
  const ours = new Set(notices.body.items.map((n) => n.id));
  assert.ok(!fm.rows.slice(1).some((r) => ours.has(r[0].value)), 'the other township exports none of 西集\'s notices');

  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  for (const [page, link] of [['/households?q=&village_id=', '/households?q=&amp;village_id=&amp;format=xlsx'],
    ['/notices', '/notices?format=xlsx'], ['/announcements?state=published', '/announcements?state=published&amp;format=xlsx']]) {
    const p = await b.get(page);
    assert.ok(p.text.includes(`href="${link}"`), `${page} links ${link}`);
    const res = await fetch(srv.base + link.replaceAll('&amp;', '&'), { headers: { Cookie: b.cookie } });
    assert.equal(res.status, 200, link);
    assert.ok(readXlsx(Buffer.from(await res.arrayBuffer())).frozen);
  }
});

test('the overdue report by village as a file, as it stood on a past day, from the API and the page', async () => {
  const day = addDays(TODAY, -20);
  const json = await api(srv.base, 'GET', `/reports/overdue?as_of=${day}`, undefined, t.xj_xiehui);
  assert.ok(json.body.total >= 1, 'the demo\'s late loan was overdue then');
  const book = readXlsx((await download(`/reports/overdue?as_of=${day}&format=xlsx`, t.xj_xiehui)).bytes);
  assert.equal(book.name, '各村逾期情况');
  assert.deepEqual(book.rows.slice(1).map((r) => [r[1].value, r[2].value, r[3].value, r[4].value]),
    json.body.items.map((v) => [v.village, v.loans, v.outstanding_fen / 100, v.max_dpd]));
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = await b.get(`/overdue?as_of=${day}`);
  const link = `/overdue?as_of=${day}&amp;table=villages&amp;format=xlsx`;
  assert.ok(page.text.includes(`href="${link}"`), link);
  const res = await fetch(srv.base + link.replaceAll('&amp;', '&'), { headers: { Cookie: b.cookie } });
  assert.deepEqual(readXlsx(Buffer.from(await res.arrayBuffer())).rows, book.rows, 'the page\'s file is the API\'s');
});

test('one due sheet: the API export and the pages\' exports are the same table, per-instalment overdue figures and a 合计 row', async () => {
  const cents = (x) => Math.round(Number(x) * 100);
  const api30 = (await download('/reports/due?days=30&format=csv', t.xj_xiehui)).bytes.toString('utf8').slice(1).trim().split('\r\n');
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = async (path) => (await (await fetch(srv.base + path, { headers: { Cookie: b.cookie } })).text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  const due30 = await page('/due.csv?days=30');
  assert.deepEqual(due30, api30, 'the /due export and the API export are one sheet');
  const heads = '村,借款人,电话,合同号,期数,应还日,应还本息（元）,逾期天数,逾期金额（元）,罚息复利（元）';
  for (const lines of [due30, await page('/overdue.csv'), await page('/overdue?format=csv')]) {
    assert.equal(lines[0], heads);
    const rows = lines.slice(1, -1).map((l) => l.split(',')), total = lines.at(-1).split(',');
    assert.equal(total[0], '合计');
    assert.equal(total[1], `${rows.length} 期`);
    for (const [col, what] of [[6, '应还本息'], [8, '逾期金额'], [9, '罚息复利']])
      assert.equal(cents(total[col]), rows.reduce((s, r) => s + cents(r[col]), 0), `the total of ${what}`);
    for (const r of rows) // an instalment is overdue by its own due day: its unpaid amount once that day has passed
      assert.equal(cents(r[8]), r[5] < TODAY ? cents(r[6]) : 0, r.join(','));
  }
  const overdue = await page('/overdue.csv');
  assert.ok(overdue.length > 2, 'the demo has overdue instalments');
  assert.ok(overdue.slice(1, -1).every((l) => Number(l.split(',')[7]) > 0), 'every overdue instalment has its days overdue');
  // Each instalment's penalty (computed from its loan's terms and that instalment alone) adds up, per loan, to the
  // penalty and compound interest the loan book gives for the whole loan.
  const book = (await api(srv.base, 'GET', '/loans?state=active&limit=500', undefined, t.xj_xiehui)).body.items;
  const perLoan = new Map();
  for (const r of overdue.slice(1, -1).map((l) => l.split(','))) perLoan.set(r[3], (perLoan.get(r[3]) || 0) + cents(r[9]));
  assert.ok([...perLoan.values()].some((fen) => fen > 0), 'some overdue instalment carries a penalty');
  for (const [contract, fen] of perLoan)
    assert.equal(fen, book.find((l) => l.contract_no === contract).penalty_fen, `loan ${contract}`);
});
