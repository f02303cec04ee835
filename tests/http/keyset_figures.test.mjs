// Issue 22: the growing staff lists (loan book, due list, claims, relief applications) page by keyset (?after= the previous answer's `next`, opaque;
// the pages together are the whole list, each row once, in the list's order; the page links 上一页 /
// 下一页), and the figures kept per village and month (relief_day_figures of migration 105, loan_month_figures)
// equal a fresh recomputation from the rows to the fen after the demo, after a repayment and its
// reversal and after a voided receipt (and `bangfu check` says so).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, TODAY, sqlRows, check, submittedApplication, makeId } from './lib.mjs';

let srv, t;

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['xj_xiehui', 'xj_caiwu', 'xj_xinyong', 'xj_jiuzhu']) t[u] = await token(srv.base, u);
  // Claims from the first day overdue, so the demo's late loan is on the claims list.
  sqlRows(srv.db, "INSERT OR REPLACE INTO parameters (key, value) VALUES ('claim_dpd', '0')");
});
after(async () => { await srv.stop(); });

// Follows `next` from the first page of `path` (limit rows a page); returns the pages' bodies.
async function walk(path, limit, tok) {
  const pages = [];
  let next = '';
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api(srv.base, 'GET', `${path}${sep}limit=${limit}${next ? '&after=' + encodeURIComponent(next) : ''}`,
      undefined, tok);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.items.length <= limit);
    assert.equal(r.body.limit, limit);
    pages.push(r.body);
    next = r.body.next;
    assert.ok(pages.length < 200, 'the walk ends');
  } while (next);
  return pages;
}

test('the loan book, the due list and the claims page by keyset: the pages are the whole list, in order, each row once', async () => {
  for (const [path, key, tok, limit] of [['/loans', (l) => l.id, t.xj_xiehui, 3],
    ['/reports/due?days=366', (d) => `${d.loan_id}/${d.n}`, t.xj_xiehui, 3],
    ['/claims', (c) => c.loan_id, t.xj_caiwu, 1], ['/relief-applications', (a) => a.id, t.xj_xiehui, 13],
    ['/relief-applications?state=paid', (a) => a.id, t.xj_xiehui, 13]]) {
    const all = await api(srv.base, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=500`, undefined, tok);
    assert.ok(all.body.items.length >= 1, `${path} has rows in the demo`);
    assert.equal(all.body.next, null, `${path}: one page holds them all`);
    assert.equal(all.body.total, all.body.items.length, `${path}: the total counts every row`);
    const pages = await walk(path, limit, tok);
    assert.deepEqual(pages.flatMap((p) => p.items).map(key), all.body.items.map(key), `${path}: pages = the list`);
    assert.equal(pages.length, Math.max(1, Math.ceil(all.body.items.length / limit)));
    assert.ok(pages.every((p) => p.total === all.body.total), `${path}: every page carries the whole total`);
  }
  const due = await api(srv.base, 'GET', '/reports/due?days=366&limit=500', undefined, t.xj_xiehui);
  assert.equal(due.body.due_fen_total, due.body.items.reduce((s, d) => s + d.due_fen, 0), 'the amount over all pages');
  const bad = await api(srv.base, 'GET', '/loans?after=zz.1', undefined, t.xj_xiehui);
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.code, 'invalid_cursor');
  assert.equal(bad.body.error.field, 'after');
});

test('the due page links 下一页 and 上一页 by cursor; the previous page is the one before, and the total row is over all pages', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const all = await api(srv.base, 'GET', '/reports/due?days=366&limit=500', undefined, t.xj_xiehui);
  assert.ok(all.body.items.length > 4, 'the demo has more than two pages of instalments in a year');
  const href = (text, rel) => {
    const m = text.match(new RegExp(`<a rel="${rel}" href="([^"]*)"`));
    return m && m[1].replace(/&amp;/g, '&');
  };
  const first = await b.get('/due?days=366&limit=2');
  assert.equal(first.status, 200);
  assert.equal(href(first.text, 'prev'), null, 'no previous page before the first');
  assert.match(first.text, new RegExp(`合计</td><td>${all.body.total} 期`), 'the total row counts every page');
  const second = await b.get(href(first.text, 'next'));
  const third = await b.get(href(second.text, 'next'));
  assert.equal(third.status, 200);
  assert.match(href(third.text, 'prev'), /after=[0-9a-f]+\.[0-9a-f]*\.\d+/);
  const back = await b.get(href(third.text, 'prev'));
  assert.equal(back.text, second.text, '上一页 from the third page is the second page');
  const backAgain = await b.get(href(second.text, 'prev'));
  assert.equal(backAgain.text, first.text, 'and from the second the first');
  const claims = await new Browser(srv.base);
  await claims.login('xj_caiwu');
  const c = await claims.get('/claims?limit=1');
  const total = (await api(srv.base, 'GET', '/claims', undefined, t.xj_caiwu)).body.total;
  assert.ok(total >= 1);
  assert.match(c.text, new RegExp(`本页 1 条，共 ${total} 条`));
  assert.equal(href(c.text, 'next') !== null, total > 1);
});

// The kept figures that differ from a recomputation (both ways), [] when equal to the fen: the month
// figures of migrations 070 and 105 and the active loans, loan days, due days, relief applications and households of
// migrations 095–099
// (a kept row whose figures are all 0 stands for no row).
const KEPT = [
  ['relief_day_figures', 'relief_day_recount', 'payments <> 0 OR amount_fen <> 0'],
  ['relief_household_units', 'relief_household_unit_recount', 'true'],
  ['relief_unit_figures', 'relief_unit_recount', 'units <> 0'],
  ['loan_month_figures', 'loan_month_recount', 'repaid_fen <> 0 OR repaid_principal_fen <> 0 OR payouts_fen <> 0 OR recoveries_fen <> 0'],
  ['active_loan_figures', 'active_loan_recount', 'loans <> 0 OR principal_fen <> 0 OR outstanding_fen <> 0'],
  ['loan_day_figures', 'loan_day_recount', 'created <> 0 OR approved <> 0 OR rejected <> 0 OR decided_on_time <> 0 OR disbursed_loans <> 0 OR disbursed_fen <> 0'],
  ['due_day_figures', 'due_day_recount', 'rows <> 0 OR fen <> 0'],
  ['relief_application_figures', 'relief_application_recount', 'applications <> 0 OR amount_fen <> 0'],
  ['loan_application_figures', 'loan_application_recount', 'applications <> 0 OR amount_fen <> 0'],
  ['household_figures', 'household_recount', 'households <> 0 OR members <> 0'],
  ['household_category_figures', 'household_category_recount', 'households <> 0'],
];
function drift() {
  return KEPT.flatMap(([kept, recount, nonzero]) => sqlRows(srv.db, `SELECT '${kept}' AS t, * FROM (SELECT * FROM ${kept}
      WHERE ${nonzero} EXCEPT SELECT * FROM ${recount}) UNION ALL SELECT '${recount}', * FROM (SELECT * FROM ${recount}
      EXCEPT SELECT * FROM ${kept})`));
}

test('the figures kept per village and month equal a fresh recomputation after the demo, a repayment, its reversal and a void', async () => {
  assert.ok(sqlRows(srv.db, 'SELECT count(*) AS n FROM relief_day_figures')[0].n > 0, 'the demo pays relief');
  assert.deepEqual(drift(), [], 'after the demo');
  const loan = (await api(srv.base, 'GET', '/loans?state=active&limit=1', undefined, t.xj_xiehui)).body.items[0];
  const month = TODAY.slice(0, 7);
  const cell = () => sqlRows(srv.db, `SELECT coalesce(sum(repaid_fen), 0) AS fen FROM loan_month_figures WHERE village_id = ${loan.village_id} AND month = '${month}'`)[0].fen;
  const before = cell();
  const paid = await api(srv.base, 'POST', `/loans/${loan.id}/repayments`, { paid_on: TODAY, amount_fen: 12345, receipt_no: 'KS-1' }, t.xj_xinyong);
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  assert.equal(cell(), before + 12345, 'the repayment is in its village and month at once');
  assert.deepEqual(drift(), []);
  const rev = await api(srv.base, 'POST', `/loans/${loan.id}/repayments/${paid.body.repayment_id}/reverse`, { reason: '信用社退回' }, t.xj_xinyong);
  assert.equal(rev.status, 201, JSON.stringify(rev.body));
  assert.equal(cell(), before, 'the reversal takes it out again, to the fen');
  assert.deepEqual(drift(), [], 'after the reversal');

  const [p] = sqlRows(srv.db, `SELECT p.receipt_no, p.amount_fen, h.village_id, p.paid_on, a.category_id, coalesce(a.batch_id, 0) AS batch_id, p.fund_id
    FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id JOIN households h ON h.id = a.household_id
    JOIN units v ON v.id = h.village_id JOIN units tw ON tw.id = v.parent_id WHERE tw.name LIKE '西集%'
    AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void') LIMIT 1`);
  assert.ok(p, 'the demo paid relief in 西集');
  const reliefCell = () => sqlRows(srv.db, `SELECT payments, amount_fen FROM relief_day_figures WHERE village_id = ${p.village_id}
    AND paid_on = '${p.paid_on}' AND category_id = ${p.category_id} AND fund_id = ${p.fund_id} AND batch_id = ${p.batch_id}`)[0];
  const was = reliefCell();
  const v = await api(srv.base, 'POST', `/receipts/${encodeURIComponent(p.receipt_no)}/void`, { reason: '领款人姓名写错' }, t.xj_jiuzhu);
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.deepEqual(reliefCell(), { payments: was.payments - 1, amount_fen: was.amount_fen - p.amount_fen }, 'the void takes the payment out');
  assert.deepEqual(drift(), [], 'after the void');

  // A new application, submitted (created and its state changed), and a household with an active loan and
  // relief moved to another village (as a correction of the registry would): the figures follow.
  await submittedApplication(srv.base, { village_id: loan.village_id, name: '图表新户', id_number: makeId('19800101', 31, 'M'), amount_fen: 3000000 });
  assert.deepEqual(drift(), [], 'after an application');
  const [m] = sqlRows(srv.db, `SELECT l.id AS loan, a.household_id AS hh, (SELECT min(id) FROM units WHERE kind = 'village'
    AND id <> l.village_id) AS other FROM loans l JOIN loan_applications a ON a.id = l.application_id WHERE l.state = 'active'
    AND EXISTS (SELECT 1 FROM loan_schedule s WHERE s.loan_id = l.id AND s.settled = 0) LIMIT 1`);
  sqlRows(srv.db, `UPDATE households SET village_id = ${m.other} WHERE id = ${m.hh}; UPDATE loans SET village_id = ${m.other} WHERE id = ${m.loan}`);
  assert.ok(sqlRows(srv.db, `SELECT 1 AS x FROM due_day_figures WHERE village_id = ${m.other} AND rows > 0`).length, 'its instalments moved');
  assert.deepEqual(drift(), [], 'after a move');
  // Its categories changed as household_update does (all links taken away, then the new ones added).
  sqlRows(srv.db, `DELETE FROM household_category_links WHERE household_id = ${m.hh};
    INSERT INTO household_category_links (household_id, category) VALUES (${m.hh}, 'only_daughter'), (${m.hh}, 'hardship');
    DELETE FROM household_category_links WHERE household_id = ${m.hh} AND category = 'hardship'`);
  assert.deepEqual(drift(), [], 'after its categories changed');
  const c = check(srv.db);
  assert.match(c.stdout, /ok {3}按村按日的救助发放数与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按户按日的救助发放（户次）与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村按月的还款、代偿、追偿数与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村按最早未还日的在贷笔数、本金、余额与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村按日的贷款申请、决定、放款数与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村按日的未还各期与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村、状态、类别、批次、申请日的救助申请数与金额与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村、状态、提交日的贷款申请数与金额与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村的家庭数、成员数和按类别组合的家庭数与逐户重算一致/);
});
