// Issue 22: the growing staff lists (loan book, loan applications, due list, claims, relief applications) page by keyset (?after= the previous answer's `next`, opaque;
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
// figures of migrations 070 and 105, the active loans, loan days, due days, relief applications and households
// of migrations 095–099, the due instalments of 100, the campaigns' of 111, the guarantee fund's of 112 and the
// loans by village and state of 116, the loan flows by month of 119, the active loans' bands of 121, the overdue instalments of 122
// (a kept row whose figures are all 0 stands for no row).
const KEPT = [
  ['relief_day_figures', 'relief_day_recount', 'payments <> 0 OR amount_fen <> 0'],
  ['relief_household_units', 'relief_household_unit_recount', 'true'],
  ['relief_unit_figures', 'relief_unit_recount', 'units <> 0'],
  ['loan_month_figures', 'loan_month_recount', 'repaid_fen <> 0 OR repaid_principal_fen <> 0 OR payouts_fen <> 0 OR recoveries_fen <> 0'],
  ['active_loan_figures', 'active_loan_recount', 'loans <> 0 OR principal_fen <> 0 OR outstanding_fen <> 0'],
  ['active_loan_bands', 'active_loan_band_recount', 'loans <> 0 OR principal_fen <> 0 OR outstanding_fen <> 0'],
  ['overdue_due_figures', 'overdue_due_recount', 'rows <> 0 OR fen <> 0'],
  ['loan_day_figures', 'loan_day_recount', 'created <> 0 OR approved <> 0 OR rejected <> 0 OR decided_on_time <> 0 OR disbursed_loans <> 0 OR disbursed_fen <> 0'],
  ['loan_flow_month_figures', 'loan_flow_month_recount', 'created <> 0 OR approved <> 0 OR rejected <> 0 OR decided_on_time <> 0 OR disbursed_loans <> 0 OR disbursed_fen <> 0'],
  ['due_day_figures', 'due_day_recount', 'rows <> 0 OR fen <> 0'],
  ['relief_application_figures', 'relief_application_recount', 'applications <> 0 OR amount_fen <> 0'],
  ['loan_application_figures', 'loan_application_recount', 'applications <> 0 OR amount_fen <> 0'],
  ['household_figures', 'household_recount', 'households <> 0 OR members <> 0'],
  ['household_category_figures', 'household_category_recount', 'households <> 0'],
  ['due_instalments', 'due_instalment_recount', '1 = 1'],
  ['campaign_households', 'campaign_household_recount', 'payments <> 0'],
  ['campaign_village_figures', 'campaign_village_recount', 'households_paid <> 0'],
  ['guarantee_fund_figures', 'guarantee_fund_recount', '1'],
  ['loan_state_figures', 'loan_state_recount', 'loans <> 0'],
];
function drift() {
  return KEPT.flatMap(([kept, recount, nonzero]) => sqlRows(srv.db, `SELECT '${kept}' AS t, * FROM (SELECT * FROM ${kept}
      WHERE ${nonzero} EXCEPT SELECT * FROM ${recount}) UNION ALL SELECT '${recount}', * FROM (SELECT * FROM ${recount}
      EXCEPT SELECT * FROM ${kept})`));
}

test('the figures kept per village and month equal a fresh recomputation after the demo, a repayment, its reversal and a void', async () => {
  assert.ok(sqlRows(srv.db, 'SELECT count(*) AS n FROM relief_day_figures')[0].n > 0, 'the demo pays relief');
  assert.deepEqual(drift(), [], 'after the demo');
  assert.equal(sqlRows(srv.db, 'SELECT day FROM active_loan_band_day')[0].day, TODAY, 'the bands are counted for today');
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
  assert.match(c.stdout, /ok {3}按村按逾期天数档的在贷笔数、本金、余额与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村的逾期未还各期与按日数合计一致/);
  assert.match(c.stdout, /ok {3}按村按日的贷款申请、决定、放款数与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村按日的未还各期与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村、状态、类别、批次、申请日的救助申请数与金额与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村、状态、提交日的贷款申请数与金额与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村的家庭数、成员数和按类别组合的家庭数与逐户重算一致/);
  assert.match(c.stdout, /ok {3}到期清单按村按日的未还各期与逐期重算一致/);
  assert.match(c.stdout, /ok {3}各帮扶活动按户、按村的已帮扶户数、达标户数、金额与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}担保基金余额与在保余额与逐笔重算一致/);
  assert.match(c.stdout, /ok {3}按村、状态的贷款笔数与逐笔重算一致/);
});

// The ids of the loan applications whose household lives in township `town` (every township: null).
function applicationIds(town) {
  return sqlRows(srv.db, `SELECT a.id FROM loan_applications a JOIN households h ON h.id = a.household_id
    JOIN units v ON v.id = h.village_id JOIN units tw ON tw.id = v.parent_id WHERE ${town ? `tw.name = '${town}'` : '1'}
    ORDER BY a.id DESC`).map((r) => r.id);
}

test('the loan applications and the loan book page by keyset for the district and each township: each row once, in order, a township only its own', async () => {
  for (const u of ['shenji', 'fm_xiehui', 'xj_jingwei']) t[u] = await token(srv.base, u);
  // Applications in both townships, half of them late in review with deadlines that tie (the late list
  // orders by deadline, then newest first), and one loan with its household moved to 冯卯镇.
  const hh = (town) => sqlRows(srv.db, `SELECT h.id FROM households h JOIN units v ON v.id = h.village_id
    JOIN units tw ON tw.id = v.parent_id WHERE tw.name = '${town}' ORDER BY h.id LIMIT 1`)[0].id;
  const fmHh = hh('冯卯镇'), xjHh = hh('西集镇');
  sqlRows(srv.db, `WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 12)
    INSERT INTO loan_applications (household_id, state, amount_fen, term_months, project_type, project_name, handler_id,
      product_id, round, submitted_on, review_due_on)
    SELECT CASE WHEN n % 3 = 0 THEN ${xjHh} ELSE ${fmHh} END, CASE WHEN n % 2 = 0 THEN 'in_review' ELSE 'draft' END,
      100000 * n, 12, (SELECT project_type FROM loan_applications LIMIT 1), '分页项目' || n,
      (SELECT id FROM users WHERE username = 'fm_xiehui'), 1, n % 2, CASE WHEN n % 2 = 0 THEN '2026-01-01' END,
      CASE WHEN n % 2 = 0 THEN '2026-01-0' || (n % 3 + 1) END FROM x`);
  const [moved] = sqlRows(srv.db, `SELECT l.id AS loan, a.household_id AS hh FROM loans l JOIN loan_applications a
    ON a.id = l.application_id ORDER BY l.id DESC LIMIT 1`);
  const fmVillage = sqlRows(srv.db, `SELECT village_id FROM households WHERE id = ${fmHh}`)[0].village_id;
  sqlRows(srv.db, `UPDATE households SET village_id = ${fmVillage} WHERE id = ${moved.hh};
    UPDATE loans SET village_id = ${fmVillage} WHERE id = ${moved.loan}`);
  const ids = { shenji: applicationIds(null), xj_xiehui: applicationIds('西集镇'), fm_xiehui: applicationIds('冯卯镇') };
  assert.ok(ids.fm_xiehui.length >= 8 && ids.xj_xiehui.length >= 8, 'both townships have applications');
  for (const who of ['shenji', 'xj_xiehui', 'fm_xiehui']) {
    for (const path of ['/loan-applications', '/loan-applications?late=1', '/loan-applications?state=draft', '/loans']) {
      const all = await api(srv.base, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=500`, undefined, t[who]);
      assert.equal(all.status, 200, JSON.stringify(all.body));
      assert.equal(all.body.next, null, `${who} ${path}: one page holds them all`);
      assert.equal(all.body.total, all.body.items.length, `${who} ${path}: the total counts every row`);
      const pages = await walk(path, 2, t[who]);
      assert.deepEqual(pages.flatMap((p) => p.items).map((a) => a.id), all.body.items.map((a) => a.id),
        `${who} ${path}: the pages are the list, each row once`);
      assert.ok(pages.every((p) => p.total === all.body.total));
      if (path === '/loan-applications') {
        assert.deepEqual(all.body.items.map((a) => a.id), ids[who], `${who}: exactly the scope's applications, newest first`);
        const skipped = await api(srv.base, 'GET', `${path}?limit=3&offset=2`, undefined, t[who]);
        assert.deepEqual(skipped.body.items.map((a) => a.id), ids[who].slice(2, 5), `${who}: ?offset= still pages`);
      }
      if (path === '/loan-applications?late=1') {
        const late = all.body.items;
        assert.ok(late.length >= 3, `${who}: late applications`);
        assert.ok(late.every((a, i) => i === 0 || late[i - 1].review_due_on < a.review_due_on ||
          (late[i - 1].review_due_on === a.review_due_on && late[i - 1].id > a.id)), 'oldest deadline first, then newest');
      }
      if (path === '/loans') {
        const book = all.body.items.map((l) => l.id);
        assert.equal(book.includes(moved.loan), who !== 'xj_xiehui', `${who}: the moved loan is 冯卯镇's`);
        if (who === 'fm_xiehui') assert.deepEqual(book, [moved.loan], 'the township sees only its own loan');
      }
    }
  }
  // A reviewer's queue (oldest deadline first) pages too.
  const queue = await api(srv.base, 'GET', '/loan-applications?queue=mine&limit=500', undefined, t.xj_jingwei);
  assert.equal(queue.status, 200);
  const qpages = await walk('/loan-applications?queue=mine', 1, t.xj_jingwei);
  assert.deepEqual(qpages.flatMap((p) => p.items).map((a) => a.id), queue.body.items.map((a) => a.id));
  // The page links 下一页 and 上一页 by cursor.
  const b = new Browser(srv.base);
  await b.login('shenji');
  const href = (text, rel) => {
    const m = text.match(new RegExp(`<a rel="${rel}" href="([^"]*)"`));
    return m && m[1].replace(/&amp;/g, '&');
  };
  const first = await b.get('/loans?limit=3');
  assert.equal(first.status, 200);
  assert.equal(href(first.text, 'prev'), null);
  assert.match(first.text, new RegExp(`本页 3 条，共 ${ids.shenji.length} 条`));
  const second = await b.get(href(first.text, 'next'));
  const third = await b.get(href(second.text, 'next'));
  const shown = (text) => [...text.matchAll(/<a href="\/loans\/(\d+)">/g)].map((m) => Number(m[1]));
  assert.deepEqual([...shown(first.text), ...shown(second.text), ...shown(third.text)], ids.shenji.slice(0, 9));
  assert.equal((await b.get(href(third.text, 'prev'))).text, second.text, '上一页 from the third page is the second');
  assert.equal((await b.get(href(second.text, 'prev'))).text, first.text, 'and from the second the first');
  const bad = await b.get('/loans?after=zz.1');
  assert.equal(bad.status, 200);
  assert.match(bad.text, /after 应为上一页给出的游标/);
  assert.deepEqual(drift(), [], 'the fixtures kept the figures');
});

// The rows of a page's second table (the overdue instalments), each a list of cell texts.
function tableRows(html, index) {
  const table = html.split('<table class="list">')[index + 1].split('</table>')[0];
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]))
    .filter((cells) => cells.length); // not the head
}

test('the due list walks villages of the same name one after the other, and the overdue page pages its instalments with the totals of every page', async () => {
  // Two villages of one name (in two townships): a loan's instalments are moved into the second one.
  const [m] = sqlRows(srv.db, `SELECT l.id AS loan, a.household_id AS hh, l.village_id AS v, (SELECT min(w.id) FROM units w
    WHERE w.kind = 'village' AND w.parent_id <> (SELECT parent_id FROM units WHERE id = l.village_id)) AS other
    FROM loans l JOIN loan_applications a ON a.id = l.application_id WHERE l.state = 'active'
    AND (SELECT count(*) FROM loan_schedule s WHERE s.loan_id = l.id AND s.settled = 0) >= 3 ORDER BY l.id LIMIT 1`);
  assert.ok(m && m.other, 'the demo has an active loan with instalments to come and a village in another township');
  const [keep] = sqlRows(srv.db, `SELECT l.id AS loan FROM loans l WHERE l.state = 'active' AND l.id <> ${m.loan} AND l.village_id = ${m.v}
    AND EXISTS (SELECT 1 FROM loan_schedule s WHERE s.loan_id = l.id AND s.settled = 0) LIMIT 1`);
  sqlRows(srv.db, `UPDATE units SET name = (SELECT name FROM units WHERE id = ${m.v}) WHERE id = ${m.other};
    UPDATE households SET village_id = ${m.other} WHERE id = ${m.hh}; UPDATE loans SET village_id = ${m.other} WHERE id = ${m.loan}`);
  const district = await token(srv.base, 'shenji');
  const all = await api(srv.base, 'GET', '/reports/due?days=366&from=2000-01-01&to=2100-12-31&limit=500', undefined, district);
  assert.equal(all.status, 200, JSON.stringify(all.body));
  const villageOf = new Map(sqlRows(srv.db, 'SELECT id, village_id FROM loans').map((l) => [l.id, l.village_id]));
  const order = all.body.items.map((d) => [d.village, villageOf.get(d.loan_id), d.due_on, d.loan_id, d.n]);
  const sorted = [...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || a[1] - b[1] ||
    (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || a[3] - b[3] || a[4] - b[4]);
  assert.deepEqual(order, sorted, 'by village name, then village, due day, loan and instalment');
  const ids = order.filter((o) => o[1] === m.v || o[1] === m.other).map((o) => o[1]);
  assert.ok(ids.includes(m.other) && (keep ? ids.includes(m.v) : true), 'both villages of the name are on the list');
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'the one village, then the other, not interleaved');
  const pages = await walk('/reports/due?days=366&from=2000-01-01&to=2100-12-31', 2, district);
  assert.deepEqual(pages.flatMap((p) => p.items).map((d) => `${d.loan_id}/${d.n}`), all.body.items.map((d) => `${d.loan_id}/${d.n}`),
    'the pages are the whole list across the two villages');
  assert.deepEqual(drift(), [], 'after the rename and the move');

  // The overdue page: two instalments a page; the pages together are the export's rows; every page's
  // total row is the export's (count, due and overdue amounts), its penalty cell left to the files.
  const b = new Browser(srv.base);
  await b.login('shenji');
  const csv = (await b.get('/overdue.csv')).text.replace(/^\uFEFF/, '').split('\r\n\r\n')[0].split('\r\n').slice(1)
    .filter((l) => l).map((l) => l.split(','));
  const fileTotal = csv.pop();
  assert.equal(fileTotal[0], '合计');
  assert.ok(csv.length > 2, `the demo has more than one page of overdue instalments (${csv.length})`);
  const seen = [];
  let url = '/overdue?limit=2';
  for (let i = 0; url; i++) {
    assert.ok(i < 100, 'the walk ends');
    const page = await b.get(url);
    assert.equal(page.status, 200);
    const rows = tableRows(page.text, 1);
    const total = rows.pop();
    assert.equal(total[0], '合计');
    assert.equal(total[1], fileTotal[1], 'every page counts every overdue instalment');
    assert.equal(total[6].replace(/,/g, ''), fileTotal[6].replace(/,/g, ''), 'and sums what they owe');
    assert.equal(total[8].replace(/,/g, ''), fileTotal[8].replace(/,/g, ''), 'and their overdue amount');
    assert.equal(total[9], '', 'the penalty total is left to the files');
    assert.match(page.text, /合计见下面导出的 CSV、Excel 或 PDF/);
    assert.ok(rows.length <= 2);
    seen.push(...rows.map((r) => `${r[3]}/${r[4]}`));
    const next = page.text.match(/<a rel="next" href="([^"]*)"/);
    url = next && next[1].replace(/&amp;/g, '&');
    if (!url) assert.doesNotMatch(page.text, /导出 CSV<\/a>[^]*after=/, 'the export links leave the cursor out');
  }
  assert.deepEqual(seen, csv.map((r) => `${r[3]}/${r[4]}`), 'the pages are the rows of the export, in order, each once');
  assert.ok(Number(fileTotal[9].replace(/,/g, '')) > 0, 'the export totals the penalty');
});
