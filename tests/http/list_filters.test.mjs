// Issue 17 item 8: the list exports. A list longer than one export may hold (the parameter
// export_max_rows) is refused with a Chinese message, never cut short; narrowed by a filter it exports
// whole. The subtitle of every export names the scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, sqlRows, unitIds, makeId, addDays } from './lib.mjs';

let srv, t;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['xj_jiuzhu', 'xj_xiehui']) t[u] = await token(srv.base, u);
});
after(() => srv.stop());

// Fetches an API export; resolves to { status, text }.
async function exportOf(path, tok) {
  const res = await fetch(`${srv.base}/api/v1${path}`, { headers: { Authorization: `Bearer ${tok}` } });
  return { status: res.status, text: await res.text() };
}

test('an export longer than the limit is refused with a Chinese message, never cut; a narrower one is whole', async () => {
  const all = (await api(srv.base, 'GET', '/relief-applications?limit=1', undefined, t.xj_jiuzhu)).body.total;
  assert.ok(all > 3, `the demo has relief applications (${all})`);
  const csv = await exportOf('/relief-applications?format=csv', t.xj_jiuzhu);
  assert.equal(csv.status, 200);
  assert.equal(csv.text.trim().split('\n').length, all + 2, 'under the limit: the head row, every application, the total row');
  sqlRows(srv.db, "UPDATE parameters SET value = '3' WHERE key = 'export_max_rows'");
  try {
    for (const format of ['csv', 'xlsx', 'pdf']) {
      const refused = await exportOf(`/relief-applications?format=${format}`, t.xj_jiuzhu);
      assert.equal(refused.status, 422, format);
      const body = JSON.parse(refused.text);
      assert.equal(body.error.code, 'export_too_large');
      assert.match(body.error.message, /超过 3 条.*缩小范围/);
    }
    const b = new Browser(srv.base);
    await b.login('xj_jiuzhu');
    const page = await b.get('/relief?format=csv');
    assert.equal(page.status, 422, 'the page export is refused the same way');
    assert.match(page.text, /超出一次导出的上限/);
    // One application's household: a list of at most 3 exports whole.
    const one = (await api(srv.base, 'GET', '/relief-applications?limit=1', undefined, t.xj_jiuzhu)).body.items[0];
    const few = (await api(srv.base, 'GET', `/relief-applications?household_id=${one.household_id}&limit=50`, undefined, t.xj_jiuzhu)).body;
    assert.ok(few.total <= 3);
    const narrow = await exportOf(`/relief-applications?household_id=${one.household_id}&format=csv`, t.xj_jiuzhu);
    assert.equal(narrow.status, 200);
    assert.equal(narrow.text.trim().split('\n').length, few.total + 2);
  } finally {
    sqlRows(srv.db, "UPDATE parameters SET value = '100000' WHERE key = 'export_max_rows'");
  }
  assert.equal((await exportOf('/relief-applications?format=csv', t.xj_jiuzhu)).status, 200);
});

test('relief applications: village and date filters, totals over every page, the same in the page, the API and the export', async () => {
  const units = await unitIds(srv.base, t.xj_jiuzhu);
  const every = (await api(srv.base, 'GET', '/relief-applications?limit=500', undefined, t.xj_jiuzhu)).body.items;
  const days = every.map((a) => a.applied_on).sort();
  const from = days[Math.floor(days.length / 3)], to = days[Math.floor((2 * days.length) / 3)];
  const village = every[0].village;
  const want = every.filter((a) => a.village === village && a.applied_on >= from && a.applied_on <= to);
  assert.ok(want.length >= 1 || every.length > 0);
  const q = `village_id=${units[village]}&from=${from}&to=${to}`;
  const res = (await api(srv.base, 'GET', `/relief-applications?${q}&limit=1`, undefined, t.xj_jiuzhu)).body;
  assert.equal(res.total, want.length, 'the count over every page');
  assert.equal(res.amount_fen_total, want.reduce((s, a) => s + a.amount_fen, 0), 'the sum to the fen over every page');
  assert.ok(res.items.length <= 1);
  // The page shows the same totals with the filter kept in its form and its export links.
  const b = new Browser(srv.base);
  await b.login('xj_jiuzhu');
  const page = await b.get(`/relief?${q}`);
  assert.match(page.text, new RegExp(`共 ${want.length} 条`));
  assert.match(page.text, new RegExp(`value="${from}"`));
  assert.match(page.text, new RegExp(`href="/relief\\?[^"]*from=${from}[^"]*format=csv`));
  // The export: the same rows and a total row.
  const csv = await exportOf(`/relief-applications?${q}&format=csv`, t.xj_jiuzhu);
  const lines = csv.text.trim().split('\n');
  assert.equal(lines.length, want.length + 2, 'head, rows, total');
  assert.match(lines.at(-1), new RegExp(`^合计,${want.length} 条,`));
  assert.ok(lines.at(-1).includes((res.amount_fen_total / 100).toFixed(2)));
  // Bad dates are refused in Chinese.
  const bad = await api(srv.base, 'GET', '/relief-applications?from=2026-13-01', undefined, t.xj_jiuzhu);
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.code, 'invalid_date');
  assert.equal((await api(srv.base, 'GET', `/relief-applications?from=${to}&to=${from}`, undefined, t.xj_jiuzhu)).body.error?.code,
    from === to ? undefined : 'invalid_period');
});

test('relief batches: village and date filters with totals over every match, the same in the API, the page and the export', async () => {
  const units = await unitIds(srv.base, t.xj_jiuzhu);
  const cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items
    .map((c) => [c.name, c.id]));
  for (const [i, village] of ['南集村', '北庄村'].entries()) {
    const hh = await api(srv.base, 'POST', '/households', { village_id: units[village], policy_compliant: true,
      categories: ['hardship'], head: { name: `批次户${'甲乙'[i]}`, id_number: makeId('19660708', 61 + i, 'M'), phone: '13905326666' } },
      await token(srv.base, 'xj_xiehui'));
    assert.equal(hh.status, 201, JSON.stringify(hh.body));
    const made = await api(srv.base, 'POST', '/relief-batches', { category_id: cats['春节走访慰问'], amount_fen: 50000,
      village_id: units[village] }, t.xj_jiuzhu);
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
  const all = (await api(srv.base, 'GET', '/relief-batches?limit=500', undefined, t.xj_jiuzhu)).body;
  assert.ok(all.items.length >= 2);
  assert.equal(all.total, all.items.length);
  assert.equal(all.paid_fen_total, all.items.reduce((s, b) => s + b.paid_fen, 0));
  assert.equal(all.households_total, all.items.reduce((s, b) => s + b.applications_total, 0));
  const one = (await api(srv.base, 'GET', '/relief-batches?limit=1', undefined, t.xj_jiuzhu)).body;
  assert.equal(one.items.length, 1);
  assert.equal(one.paid_fen_total, all.paid_fen_total, 'the totals are of every batch, not the page');
  const unit = all.items[0].unit_id;
  const mine = all.items.filter((b) => b.unit_id === unit);
  const v = (await api(srv.base, 'GET', `/relief-batches?village_id=${unit}&limit=500`, undefined, t.xj_jiuzhu)).body;
  assert.deepEqual(v.items.map((b) => b.id), mine.map((b) => b.id));
  assert.equal(v.paid_fen_total, mine.reduce((s, b) => s + b.paid_fen, 0));
  const future = (await api(srv.base, 'GET', '/relief-batches?from=2099-01-01', undefined, t.xj_jiuzhu)).body;
  assert.deepEqual([future.total, future.paid_fen_total], [0, 0]);
  const csv = (await exportOf(`/relief-batches?village_id=${unit}&format=csv`, t.xj_jiuzhu)).text.trim().split('\n');
  assert.equal(csv.length, mine.length + 2);
  assert.match(csv.at(-1), new RegExp(`^合计,${mine.length} 个批次,`));
  assert.ok(csv.at(-1).endsWith((v.paid_fen_total / 100).toFixed(2)));
  const b = new Browser(srv.base);
  await b.login('xj_jiuzhu');
  const page = await b.get(`/relief/batches?village_id=${unit}`);
  assert.match(page.text, new RegExp(`共 ${mine.length} 个批次`));
  assert.match(page.text, new RegExp(`href="/relief/batches\\?village_id=${unit}[^"]*format=xlsx`));
});

test('loan applications: village and submission-date filters, totals over every page, days overdue and penalty as the loan book has them', async () => {
  const tok = t.xj_xiehui;
  const units = await unitIds(srv.base, tok);
  const every = (await api(srv.base, 'GET', '/loan-applications?limit=500', undefined, tok)).body;
  assert.equal(every.amount_fen_total, every.items.reduce((s, a) => s + a.amount_fen, 0));
  const page1 = (await api(srv.base, 'GET', '/loan-applications?limit=2', undefined, tok)).body;
  assert.equal(page1.items.length, 2);
  assert.equal(page1.amount_fen_total, every.amount_fen_total, 'the totals are of every page');
  // Days overdue and penalty: those of the loan book for every disbursed application, null before.
  const book = (await api(srv.base, 'GET', '/loans?limit=500', undefined, tok)).body.items;
  const overdue = book.filter((l) => l.dpd > 0);
  assert.ok(overdue.length > 0, 'the demo has overdue loans');
  for (const l of book) {
    const a = every.items.find((x) => x.applicant === l.applicant && x.village === l.village && x.dpd !== null);
    assert.ok(a, `the application of ${l.applicant}`);
    assert.equal(a.dpd, l.dpd, `${l.applicant} days overdue`);
    assert.equal(a.penalty_fen, l.penalty_fen, `${l.applicant} penalty`);
  }
  assert.ok(every.items.some((x) => x.dpd === null), 'applications not disbursed have none');
  // A village and a period.
  const withDay = every.items.filter((a) => a.submitted_on);
  const days = withDay.map((a) => a.submitted_on).sort();
  const from = days[Math.floor(days.length / 4)], to = days[Math.floor((3 * days.length) / 4)];
  const village = overdue[0].village;
  const want = withDay.filter((a) => a.village === village && a.submitted_on >= from && a.submitted_on <= to);
  const q = `village_id=${units[village]}&from=${from}&to=${to}`;
  const got = (await api(srv.base, 'GET', `/loan-applications?${q}&limit=500`, undefined, tok)).body;
  assert.deepEqual(got.items.map((a) => a.id).sort(), want.map((a) => a.id).sort());
  assert.equal(got.amount_fen_total, want.reduce((s, a) => s + a.amount_fen, 0));
  const csv = (await exportOf(`/loan-applications?${q}&format=csv`, tok)).text.trim().split('\n');
  assert.equal(csv.length, want.length + 2);
  assert.match(csv[0], /逾期天数,罚息复利（元）/);
  assert.match(csv.at(-1), new RegExp(`^合计,${want.length} 条,`));
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = await b.get(`/loans?${q}`);
  assert.match(page.text, new RegExp(`共 ${want.length} 条`));
  assert.match(page.text, /<th class="num">逾期天数<\/th><th class="num">罚息复利（元）<\/th>/);
});

test('due and overdue lists: village and due-date filters with totals over every match, the same in the API, the page and every export', async () => {
  const tok = t.xj_xiehui;
  const units = await unitIds(srv.base, tok);
  // The due list: the instalments falling due in [from, to].
  const year = (await api(srv.base, 'GET', '/reports/due?days=366&limit=500', undefined, tok)).body;
  assert.ok(year.items.length >= 3, `the demo has instalments due within a year (${year.items.length})`);
  assert.equal(year.due_fen_total, year.items.reduce((s, d) => s + d.due_fen, 0));
  const days = year.items.map((d) => d.due_on).sort();
  const from = days[Math.floor(days.length / 4)], to = days[Math.floor((3 * days.length) / 4)];
  const village = year.items.find((d) => d.due_on >= from && d.due_on <= to).village;
  const want = year.items.filter((d) => d.village === village && d.due_on >= from && d.due_on <= to);
  const q = `village_id=${units[village]}&from=${from}&to=${to}`;
  const got = (await api(srv.base, 'GET', `/reports/due?${q}&limit=1`, undefined, tok)).body;
  assert.equal(got.total, want.length, 'the count over every page');
  assert.equal(got.due_fen_total, want.reduce((s, d) => s + d.due_fen, 0), 'the sum to the fen over every page');
  assert.ok(got.items.length <= 1);
  // from alone: that day and the window of days after it.
  const next = (await api(srv.base, 'GET', `/reports/due?from=${from}&days=7&limit=500`, undefined, tok)).body;
  assert.deepEqual(next.items.map((d) => d.due_on).sort(), year.items.map((d) => d.due_on)
    .filter((d) => d >= from && d <= addDays(from, 7)).sort());
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const apiCsv = (await exportOf(`/reports/due?${q}&format=csv`, tok)).text;
  const pageCsv = (await b.get(`/due.csv?unit_id=${units[village]}&from=${from}&to=${to}`)).text;
  for (const text of [apiCsv, pageCsv]) {
    const lines = text.trim().split('\n');
    assert.equal(lines.length, want.length + 2, 'head, rows, total');
    assert.match(lines.at(-1), new RegExp(`^合计,${want.length} 期,`));
    assert.ok(lines.at(-1).includes((got.due_fen_total / 100).toFixed(2)));
  }
  const page = await b.get(`/due?unit_id=${units[village]}&from=${from}&to=${to}`);
  assert.match(page.text, new RegExp(`<td>合计</td><td>${want.length} 期</td>`));
  assert.match(page.text, new RegExp(`name="from" value="${from}"`));
  assert.match(page.text, new RegExp(`href="/due\\.xlsx\\?[^"]*from=${from}`));
  // A bad date: 422 in the API and for a file; the page keeps what was typed with the error at its field.
  const bad = await api(srv.base, 'GET', '/reports/due?from=2026-02-30', undefined, tok);
  assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.field], [422, 'invalid_date', 'from']);
  assert.equal((await api(srv.base, 'GET', `/reports/due?from=${to}&to=${from}`, undefined, tok)).body.error?.code,
    from === to ? undefined : 'invalid_period');
  assert.equal((await b.get('/due.pdf?to=31-12-2026')).status, 422);
  const kept = await b.get('/due?to=31-12-2026');
  assert.equal(kept.status, 200);
  assert.match(kept.text, /type="text" name="to" value="31-12-2026"><small class="field-error" role="alert">截止日期应为日期/);

  // The overdue list: the instalments overdue that fell due in [from, to]; the API's loans are theirs.
  const all = (await api(srv.base, 'GET', '/reports/overdue/loans?limit=500', undefined, tok)).body;
  assert.ok(all.total >= 1, 'the demo has an overdue loan');
  assert.equal(all.overdue_fen_total, all.items.reduce((s, l) => s + l.overdue_fen, 0));
  assert.equal(all.penalty_fen_total, all.items.reduce((s, l) => s + l.penalty_fen, 0));
  const one = (await api(srv.base, 'GET', '/reports/overdue/loans?limit=1', undefined, tok)).body;
  assert.deepEqual([one.total, one.outstanding_principal_fen_total, one.overdue_fen_total, one.penalty_fen_total],
    [all.total, all.outstanding_principal_fen_total, all.overdue_fen_total, all.penalty_fen_total],
    'a page of one carries the totals of every page (they were summed over the page only)');
  const rowsOf = (text) => text.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
  const csvOf = async (path) => rowsOf(path.startsWith('/api/') ? (await exportOf(path.slice(7), tok)).text : (await b.get(path)).text);
  const every = (await csvOf('/overdue.csv')).slice(1, -1);
  const dues = every.map((c) => c[5]).sort();
  const ofrom = dues[Math.floor(dues.length / 3)], oto = dues[Math.floor((2 * dues.length) / 3)];
  const rows = every.filter((c) => c[5] >= ofrom && c[5] <= oto);
  const narrow = await csvOf(`/overdue.csv?from=${ofrom}&to=${oto}`);
  assert.equal(narrow.length, rows.length + 2, 'the page export: head, the instalments due in the period, total');
  assert.deepEqual(narrow.at(-1).slice(0, 2), ['合计', `${rows.length} 期`]);
  const loans = (await api(srv.base, 'GET', `/reports/overdue/loans?from=${ofrom}&to=${oto}&limit=500`, undefined, tok)).body;
  assert.deepEqual(loans.items.map((l) => l.contract_no).sort(), [...new Set(rows.map((c) => c[3]))].sort(),
    'the API lists the loans of those instalments');
  assert.ok(rows.length < every.length || ofrom === dues[0], 'the period narrows the list');
  assert.ok(loans.total >= 1);
  assert.equal(loans.overdue_fen_total, loans.items.reduce((s, l) => s + l.overdue_fen, 0));
  const lcsv = await csvOf(`/api/v1/reports/overdue/loans?from=${ofrom}&to=${oto}&format=csv`);
  assert.equal(lcsv.length, loans.total + 2);
  assert.deepEqual(lcsv.at(-1).slice(0, 2), ['合计', `${loans.total} 笔`]);
  assert.equal(lcsv.at(-1)[9], (loans.overdue_fen_total / 100).toFixed(2));
  const opage = await b.get(`/overdue?from=${ofrom}&to=${oto}`);
  assert.match(opage.text, new RegExp(`<td>合计</td><td>${rows.length} 期</td>`));
  assert.match(opage.text, new RegExp(`name="to" value="${oto}"`));
  assert.equal((await api(srv.base, 'GET', '/reports/overdue/loans?to=2026-1-1', undefined, tok)).body.error.code, 'invalid_date');
  assert.match((await b.get('/overdue?from=yesterday')).text, /value="yesterday"><small class="field-error"/);
});
