// Concurrency: the whole office at once against a server with 16 threads (16 database
// connections). 16 clients book repayments on the same two loans (with resent receipts), two
// clerks pay more relief applications than the fund can cover, and every reviewer approves four
// applications twice over (a double click), all at the same moment. No answer is a 500 (no
// SQLITE_BUSY reaches anyone), no update is lost, no receipt number is doubled or skipped, no
// balance goes below zero, and the sums agree to the fen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serveDb, api, token, makeId, unitIds, submittedApplication, approvedReliefBatch, sqlRows, check, REVIEWERS, addDays, TODAY } from './lib.mjs';

const LATER = addDays(TODAY, 1);
const CLIENTS = 16;
const REPAYMENTS = 8; // per client
const PAYMENT = 100000; // each relief payment, fen

test('16 clients at once: repayments, relief from a small fund and reviews; no 500, nothing lost', async (tc) => {
  const srv = await startServer();
  let s;
  try {
    const units = await unitIds(srv.base, await token(srv.base, 'admin'));
    const apps = [];
    for (let k = 0; k < 4; k++) {
      apps.push((await submittedApplication(srv.base, { village_id: units['东集村'], name: `孙志${'强刚勇军'[k]}`,
        id_number: makeId('19830412', 71 + k, 'M'), amount_fen: 3000000 })).application);
    }
    const relief = await approvedReliefBatch(srv, { amount_fen: PAYMENT, village: '西集村', later: LATER, anyHousehold: true });
    assert.ok(relief.length >= 12, `${relief.length} approved relief applications`);
    await srv.stopServing();
    s = await serveDb(srv.db, LATER, ['--threads', '16']);
    const t = {};
    for (const u of ['xj_caiwu', 'xj_xinyong', 'xj_jiuzhu', ...REVIEWERS]) t[u] = await token(s.base, u);
    const affordable = Math.floor(relief.length / 2);
    const fund = await api(s.base, 'POST', '/funds', { name: '并发测试资金' }, t.xj_caiwu);
    await api(s.base, 'POST', `/funds/${fund.body.id}/income`, { source: 'donation', amount_fen: affordable * PAYMENT,
      on: LATER, document_no: 'CC-1' }, t.xj_caiwu);
    const loans = sqlRows(srv.db, "SELECT id FROM loans WHERE state = 'active' ORDER BY id").map((x) => x.id).slice(0, 2);
    const before = {};
    for (const id of loans) before[id] = (await api(s.base, 'GET', `/loans/${id}`, undefined, t.xj_caiwu)).body;

    // Everything at once.
    const amount = (c, i) => 1000 + c * 10 + i;
    const repay = (c, i, who) => api(s.base, 'POST', `/loans/${loans[c % 2]}/repayments`,
      { paid_on: LATER, amount_fen: amount(c, i), receipt_no: `CC-${c}-${i}` }, t[who]).then((r) => ({ c, i, ...r }));
    const repayments = [];
    for (let c = 0; c < CLIENTS; c++) {
      const who = c % 2 ? 'xj_xinyong' : 'xj_caiwu';
      repayments.push((async () => {
        const out = [];
        for (let i = 0; i < REPAYMENTS; i++) out.push(await repay(c, i, who));
        out.push(await repay((c + 2) % CLIENTS, 0, who)); // another clerk's receipt again: same loan, same amount
        return out;
      })());
    }
    const payments = relief.map((id, k) => api(s.base, 'POST', `/relief-applications/${id}/disburse`,
      { fund_id: fund.body.id, paid_on: LATER, method: 'cash' }, k % 2 ? t.xj_caiwu : t.xj_jiuzhu));
    const reviews = apps.flatMap((id) => REVIEWERS.flatMap((who) => [0, 1].map(() =>
      api(s.base, 'POST', `/loan-applications/${id}/reviews`, { decision: 'approve', comment: '同意' }, t[who])
        .then((r) => ({ id, who, ...r })))));
    const [rep, pay, rev] = await Promise.all([Promise.all(repayments).then((x) => x.flat()), Promise.all(payments),
      Promise.all(reviews)]);
    const all = [...rep, ...pay, ...rev];
    assert.deepEqual(all.filter((r) => r.status >= 500).map((r) => r.body), [], 'no 500');

    // Repayments: each receipt booked once; resent ones answered as duplicates; nothing lost.
    const byReceipt = new Map();
    for (const r of rep) {
      const no = `CC-${r.c}-${r.i}`;
      byReceipt.set(no, [...(byReceipt.get(no) || []), r]);
    }
    for (const [no, answers] of byReceipt) {
      assert.equal(answers.filter((r) => r.status === 201).length, 1, `${no}: booked once`);
      assert.ok(answers.every((r) => r.status === 201 || (r.status === 200 && r.body.duplicate === true)), no);
    }
    const booked = rep.filter((r) => r.status === 201);
    assert.equal(booked.length, CLIENTS * REPAYMENTS);
    const rows = sqlRows(srv.db, "SELECT receipt_no, loan_id, amount_fen FROM repayments WHERE receipt_no LIKE 'CC-%'");
    assert.equal(rows.length, CLIENTS * REPAYMENTS, 'one row per receipt, no duplicate');
    for (const [k, id] of loans.entries()) {
      const mine = booked.filter((r) => r.c % 2 === k);
      const after = (await api(s.base, 'GET', `/loans/${id}`, undefined, t.xj_caiwu)).body;
      assert.equal(after.repayments.length, before[id].repayments.length + mine.length, `loan ${id}: repayments`);
      const principal = mine.reduce((a, r) => a + r.body.allocation.principal_fen, 0);
      assert.equal(after.outstanding_principal_fen, before[id].outstanding_principal_fen - principal,
        `loan ${id}: outstanding principal, to the fen`);
      assert.equal(rows.filter((x) => x.loan_id === id).reduce((a, x) => a + x.amount_fen, 0),
        mine.reduce((a, r) => a + amount(r.c, r.i), 0), `loan ${id}: amounts`);
      for (const r of mine) {
        const al = r.body.allocation;
        assert.equal(al.penalty_fen + al.compound_fen + al.interest_fen + al.principal_fen, amount(r.c, r.i),
          'allocation sums');
      }
    }

    // Relief: exactly what the fund can pay; the rest refused; numbers consecutive; never below zero.
    const paid = pay.filter((r) => r.status === 201);
    assert.equal(paid.length, affordable, 'exactly what the fund can pay');
    assert.ok(pay.every((r) => r.status === 201 || (r.status === 409 && r.body.error.code === 'insufficient_funds')),
      JSON.stringify(pay.filter((r) => r.status !== 201).map((r) => r.body)));
    const nums = paid.map((r) => Number(r.body.receipt_no.slice(-6))).sort((a, b) => a - b);
    for (let i = 1; i < nums.length; i++) assert.equal(nums[i], nums[i - 1] + 1, 'no gap, no duplicate');
    const ledger = (await api(s.base, 'GET', `/funds/${fund.body.id}/ledger`, undefined, t.xj_caiwu)).body;
    assert.equal(ledger.balance_fen, 0);
    assert.equal(ledger.entries.filter((e) => e.kind === 'disbursement').reduce((a, e) => a - e.amount_fen, 0),
      affordable * PAYMENT);
    assert.ok(ledger.entries.every((e) => e.balance_after_fen >= 0));

    // Reviews: one opinion per department; the double click is refused; all four approved.
    for (const id of apps) {
      for (const who of REVIEWERS) {
        const mine = rev.filter((r) => r.id === id && r.who === who);
        assert.equal(mine.filter((r) => r.status < 300).length, 1, `${id} ${who}: one opinion`);
        // The second click finds the opinion given, or the round already decided by the others.
        assert.equal(mine.filter((r) => r.status === 409 && ['already_reviewed', 'invalid_state'].includes(r.body.error.code))
          .length, 1, `${id} ${who}: ${JSON.stringify(mine.map((r) => r.body))}`);
      }
      const a = (await api(s.base, 'GET', `/loan-applications/${id}`, undefined, t.xj_caiwu)).body;
      assert.equal(a.state, 'approved');
      assert.equal(a.reviews.length, 3);
    }

    assert.doesNotMatch(s.log(), / error /, 'nothing went wrong in the server log');
    const ms = [...s.log().matchAll(/ (\d+\.\d)ms$/gm)].map((m) => Number(m[1]));
    tc.diagnostic(`${all.length} requests at once; slowest answered in ${Math.max(...ms)} ms`);
    await s.stopServing();
    const c = check(srv.db);
    assert.equal(c.status, 0, c.stdout + c.stderr);
  } finally {
    if (s) await s.stopServing();
    await srv.stop();
  }
});
