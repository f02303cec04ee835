// The rest of a loan's life through the API (issue 19): extension (展期) with a second person's
// approval, its new schedule worked by hand to the fen, the superseded schedule kept, the subsidy
// lost from the extension's quarter, reversal; write-off (核销) after a payout with maker-checker and
// its effect on the fund, the portfolio report and the quarterly figures; credit ratings and loan
// cycles. Amounts are worked by hand for literal 2026 dates: the server's today is pinned.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, api, token, makeId, unitIds, ALL_DOCS, REVIEWERS, Browser } from './lib.mjs';

let srv, t, units;
const DAY = '2026-11-23';

// A household of 王楼村 through review and guarantee to a disbursed loan; resolves to { household, loan }.
async function disbursedLoan({ name, order, amount_fen, contract_no, disbursed_on, method, term_months, household, product_id }) {
  let hh = household;
  if (!hh) {
    const h = await api(srv.base, 'POST', '/households', { village_id: units['王楼村'], policy_compliant: true,
      head: { name, id_number: makeId('19780505', order, 'M'), phone: '13905321111' } }, t.xj_xiehui);
    assert.equal(h.status, 201, JSON.stringify(h.body));
    hh = h.body.id;
  }
  const a = await api(srv.base, 'POST', '/loan-applications', { household_id: hh, product_id, amount_fen, term_months,
    project_type: 'herbs', project_name: '中药材种植', expected_jobs: 1, expected_income_fen: 1000000 }, t.xj_xiehui);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  await api(srv.base, 'PUT', `/loan-applications/${a.body.id}/documents`, ALL_DOCS, t.xj_xiehui);
  await api(srv.base, 'POST', `/loan-applications/${a.body.id}/submit`, {}, t.xj_xiehui);
  for (const who of REVIEWERS) {
    await api(srv.base, 'POST', `/loan-applications/${a.body.id}/reviews`, { decision: 'approve', comment: '' }, t[who]);
  }
  const g = await api(srv.base, 'POST', `/loan-applications/${a.body.id}/guarantee`, { pledged_asset: '农机一台' }, t.xj_xiehui);
  assert.equal(g.status, 201, JSON.stringify(g.body));
  const l = await api(srv.base, 'POST', '/loans', { application_id: a.body.id, contract_no, disbursed_on,
    principal_fen: amount_fen, annual_rate: '4.35', method, term_months }, t.xj_xinyong);
  assert.equal(l.status, 201, JSON.stringify(l.body));
  return { household: hh, application: a.body.id, loan: l.body.id };
}

async function repay(id, paid_on, amount_fen, receipt_no) {
  const r = await api(srv.base, 'POST', `/loans/${id}/repayments`, { paid_on, amount_fen, receipt_no }, t.xj_xinyong);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

before(async () => {
  srv = await startServer({ today: DAY });
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_xiehui2', 'xj_xinyong', 'xj_caiwu', 'qu_caiwu', 'fm_xiehui',
    'xj_cun_xiji', ...REVIEWERS]) {
    t[u] = await token(srv.base, u);
  }
  units = await unitIds(srv.base, t.admin);
  const f = await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 100000000,
    on: '2026-01-05', document_no: '山财〔2026〕88号' }, t.qu_caiwu);
  assert.equal(f.status, 201);
});
after(async () => { await srv.stop(); });

let ext; // the extended loan: { household, loan }

test('extension: asked for, refused to the wrong people, approved by a second person; the new schedule to the fen', async () => {
  ext = await disbursedLoan({ name: '王展期', order: 41, amount_fen: 12000000, contract_no: 'XJ-EXT-001',
    disbursed_on: '2026-01-15', method: 'equal-principal', term_months: 12 });
  const id = ext.loan;
  // rows 1-4 paid on their due dates: 10,000.00 principal + 435.00, 398.75, 362.50, 326.25 interest
  await repay(id, '2026-02-15', 1043500, 'EXT-R1');
  await repay(id, '2026-03-15', 1039875, 'EXT-R2');
  await repay(id, '2026-04-15', 1036250, 'EXT-R3');
  await repay(id, '2026-05-15', 1032625, 'EXT-R4');
  const was = (await api(srv.base, 'GET', `/loans/${id}`, undefined, t.xj_xinyong)).body;
  const body = { on: '2026-05-15', months: 12, reason: '冰雹灾害，药材减产，申请展期一年' };
  // refusals change nothing
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/extension`, body, t.xj_cun_xiji)).status, 403);
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/extension`, body, t.fm_xiehui)).status, 403);
  for (const [bad, field] of [[{ reason: '' }, 'reason'], [{ months: 0 }, 'months'], [{ on: '2026-11-24' }, 'on'],
    [{ on: '2026-05-14' }, 'on'], [{ annual_rate: '30' }, 'annual_rate']]) {
    const r = await api(srv.base, 'POST', `/loans/${id}/extension`, { ...body, ...bad }, t.xj_xinyong);
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.equal(r.body.error.field, field);
  }
  const overdue = await api(srv.base, 'POST', `/loans/${id}/extension`, { ...body, on: '2026-06-20' }, t.xj_xinyong);
  assert.equal(overdue.status, 409, 'the instalment of 06-15 is unpaid on 06-20');
  assert.equal(overdue.body.error.code, 'overdue_first');
  assert.deepEqual((await api(srv.base, 'GET', `/loans/${id}`, undefined, t.xj_xinyong)).body.schedule, was.schedule);
  // asked for by the liaison: pending, and the proposed schedule answered
  const asked = await api(srv.base, 'POST', `/loans/${id}/extension`, body, t.xj_xinyong);
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.equal(asked.body.state, 'pending');
  // 80,000.00 over 12 months 等额本金 at 4.35 %: 6,666.67 a month, the last 6,666.63; interest 290.00,
  // 73,333.33 × 0.3625 % = 265.83, …, the last 6,666.63 × 0.3625 % = 24.17
  const s = asked.body.schedule;
  assert.equal(s.length, 12);
  assert.deepEqual(s[0], { n: 5, due_on: '2026-06-15', principal_fen: 666667, interest_fen: 29000, total_fen: 695667 });
  assert.equal(s[1].interest_fen, 26583);
  assert.deepEqual(s[11], { n: 16, due_on: '2027-05-15', principal_fen: 666663, interest_fen: 2417, total_fen: 669080 });
  assert.equal(s.reduce((x, r) => x + r.principal_fen, 0), 8000000);
  // pending: the loan is unchanged; a second request is refused
  assert.deepEqual((await api(srv.base, 'GET', `/loans/${id}`, undefined, t.xj_xinyong)).body.schedule, was.schedule);
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/extension`, body, t.xj_caiwu)).body.error.code, 'extension_pending');
  // approval: not by the liaison's role, not by whoever asked (the association asks on the next loan)
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/extension/approve`, { decision: 'approve' }, t.xj_xinyong)).status, 403);
  const ok = await api(srv.base, 'POST', `/loans/${id}/extension/approve`, { decision: 'approve' }, t.xj_xiehui);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const loan = ok.body.loan;
  assert.equal(loan.schedule.length, 16);
  assert.deepEqual(loan.schedule.slice(0, 4), was.schedule.slice(0, 4), 'the paid rows are kept');
  assert.equal(loan.schedule[4].principal_fen, 666667);
  assert.equal(loan.schedule[4].interest_fen, 29000);
  assert.equal(loan.outstanding_principal_fen, 8000000);
  const [e] = ok.body.extensions;
  assert.equal(e.state, 'approved');
  assert.equal(e.requested_by, '陈立新');
  assert.equal(e.decided_by, '孙丽华');
  // the superseded rows 5-12: 10,000.00 each, interest 290.00, 253.75, …
  assert.deepEqual(e.superseded.map((r) => r.n), [5, 6, 7, 8, 9, 10, 11, 12]);
  assert.ok(e.superseded.every((r) => r.principal_fen === 1000000));
  assert.equal(e.superseded[0].interest_fen, 29000);
  assert.equal(e.superseded[1].interest_fen, 25375);
  // a repayment before the extension cannot be reversed while it stands
  const r4 = was.repayments.find((r) => r.receipt_no === 'EXT-R4');
  const rev = await api(srv.base, 'POST', `/loans/${id}/repayments/${r4.id}/reverse`, { reason: '录错' }, t.xj_xinyong);
  assert.equal(rev.status, 409);
  assert.equal(rev.body.error.code, 'extended_since');
});

test('extension under joint review (product extension_review joint): the departments decide in a round like a new loan', async () => {
  const prod = await api(srv.base, 'POST', '/loan-products', { name: '展期联审贷款', min_fen: 2000000, max_fen: 20000000,
    min_months: 6, max_months: 36, methods: ['bullet'], min_rate: '0', max_rate: '24', borrower_kinds: ['household'],
    extension_review: 'joint' }, t.admin);
  assert.equal(prod.status, 201, JSON.stringify(prod.body));
  assert.equal(prod.body.extension_review, 'joint');
  assert.equal((await api(srv.base, 'PUT', `/loan-products/${prod.body.id}`, { extension_review: 'both' }, t.admin)).body.error.code,
    'invalid_extension_review');
  const a = await disbursedLoan({ name: '赵联审', order: 47, amount_fen: 10000000, contract_no: 'XJ-JR-001',
    disbursed_on: '2026-01-15', method: 'bullet', term_months: 12, product_id: prod.body.id });
  const was = (await api(srv.base, 'GET', `/loans/${a.loan}`, undefined, t.xj_xinyong)).body;
  const asked = await api(srv.base, 'POST', `/loans/${a.loan}/extension`, { on: '2026-03-15', months: 12,
    reason: '市场价格下跌，货款未回笼' }, t.xj_xinyong);
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.equal(asked.body.state, 'pending');
  // 利随本清 按日计息 100,000.00 at 4.35 %: 1,208.333 fen a day; earned by 03-15: 59 days (16 + 28 + 15) = 71,291.67
  // → 71,292; the new year 03-15 → 2027-03-15 365 days = 441,041.67 → 441,042; the row: 512,334
  assert.deepEqual(asked.body.schedule, [{ n: 1, due_on: '2027-03-15', principal_fen: 10000000, interest_fen: 512334,
    total_fen: 10512334 }]);
  const one = await api(srv.base, 'POST', `/loans/${a.loan}/extension/approve`, { decision: 'approve' }, t.xj_xiehui);
  assert.deepEqual([one.status, one.body.error.code], [409, 'joint_review'], 'no single association approval');
  const review = (who, body) => api(srv.base, 'POST', `/loans/${a.loan}/extension/reviews`, body, t[who]);
  assert.equal((await review('xj_xiehui', { decision: 'approve' })).status, 403, 'the association does not review');
  assert.equal((await review(REVIEWERS[0], { decision: 'more_info', comment: '补材料' })).body.error.code, 'invalid_decision');
  assert.equal((await review(REVIEWERS[0], { decision: 'reject', comment: '' })).body.error.code, 'invalid_comment');
  const first = await review(REVIEWERS[0], { decision: 'approve', comment: '受灾属实' });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.extensions[0].state, 'pending');
  assert.deepEqual(first.body.loan.schedule, was.schedule, 'nothing changes while departments are still to speak');
  assert.equal((await review(REVIEWERS[0], { decision: 'approve' })).body.error.code, 'already_reviewed');
  await review(REVIEWERS[1], { decision: 'approve' });
  const last = await review(REVIEWERS[2], { decision: 'approve' });
  assert.equal(last.status, 201, JSON.stringify(last.body));
  const [x] = last.body.extensions;
  assert.deepEqual([x.state, x.review], ['approved', 'joint']);
  assert.deepEqual(x.reviews.map((o) => o.decision), ['approve', 'approve', 'approve']);
  assert.deepEqual(last.body.loan.schedule.map((r) => [r.due_on, r.principal_fen, r.interest_fen]),
    [['2027-03-15', 10000000, 512334]]);
  assert.equal(last.body.loan.schedule.length, 1);
  const app = (await api(srv.base, 'GET', `/loan-applications/${a.application}`, undefined, t.xj_xiehui)).body;
  assert.equal(app.state, 'disbursed', 'the application stays disbursed; the round is the extension\'s');
  // a second loan of the product: one department says no, the extension is refused and the schedule stays
  const b = await disbursedLoan({ name: '钱联审', order: 48, amount_fen: 5000000, contract_no: 'XJ-JR-002',
    disbursed_on: '2026-02-10', method: 'bullet', term_months: 12, product_id: prod.body.id });
  const before = (await api(srv.base, 'GET', `/loans/${b.loan}`, undefined, t.xj_xinyong)).body.schedule;
  await api(srv.base, 'POST', `/loans/${b.loan}/extension`, { on: '2026-04-10', months: 6, reason: '资金周转困难' }, t.xj_xinyong);
  const no = await api(srv.base, 'POST', `/loans/${b.loan}/extension/reviews`, { decision: 'reject', comment: '经营无改善' },
    t[REVIEWERS[1]]);
  assert.equal(no.status, 201, JSON.stringify(no.body));
  assert.deepEqual([no.body.extensions[0].state, no.body.extensions[0].decision_note], ['refused', '经营无改善']);
  assert.deepEqual(no.body.loan.schedule, before);
  assert.equal((await api(srv.base, 'POST', `/loans/${b.loan}/extension/reviews`, { decision: 'approve' }, t[REVIEWERS[0]]))
    .body.error.code, 'no_extension');
});

test('an extended loan loses the interest subsidy from the quarter of the extension', async () => {
  const q1 = (await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q1', undefined, t.xj_xiehui)).body;
  const mine1 = q1.items.find((x) => x.loan_id === ext.loan);
  // 435.00 + 398.75 = 833.75 paid on time; 833.75 × (4.35 − 2.15) / 4.35 = 421.666… → 421.67
  assert.equal(mine1.eligible_interest_fen, 83375);
  assert.equal(mine1.subsidy_fen, 42167);
  const q2 = (await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q2', undefined, t.xj_xiehui)).body;
  const mine2 = q2.items.find((x) => x.loan_id === ext.loan);
  assert.equal(mine2.interest_paid_fen, 36250 + 32625);
  assert.equal(mine2.eligible_interest_fen, 0);
  assert.equal(mine2.subsidy_fen, 0);
  assert.deepEqual(mine2.excluded, ['extended']);
});

test('extension reversal: with a reason, the old schedule back exactly; refused once the new schedule is repaid', async () => {
  const id = ext.loan;
  const before = (await api(srv.base, 'GET', `/loans/${id}/lifecycle`, undefined, t.xj_xinyong)).body;
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/extension/reverse`, { reason: '' }, t.xj_xiehui)).status, 422);
  const back = await api(srv.base, 'POST', `/loans/${id}/extension/reverse`, { reason: '展期合同未签订' }, t.xj_xiehui);
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.loan.schedule.length, 12);
  assert.deepEqual(back.body.loan.schedule.slice(4).map((r) => [r.n, r.due_on, r.principal_fen, r.interest_fen]),
    before.extensions[0].superseded.map((r) => [r.n, r.due_on, r.principal_fen, r.interest_fen]));
  assert.equal(back.body.extensions[0].state, 'reversed');
  assert.equal(back.body.extensions[0].reverse_reason, '展期合同未签订');
  const q2 = (await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q2', undefined, t.xj_xiehui)).body;
  // reversed: Q2's 362.50 + 326.25 = 688.75 on time is subsidised again: 688.75 × 2.2 / 4.35 = 348.33
  assert.equal(q2.items.find((x) => x.loan_id === id).subsidy_fen, 34833);
  // asked again by the association: the same person may not approve it
  const again = await api(srv.base, 'POST', `/loans/${id}/extension`, { on: '2026-05-15', months: 12,
    reason: '展期合同已签订' }, t.xj_xiehui);
  assert.equal(again.status, 201);
  const self = await api(srv.base, 'POST', `/loans/${id}/extension/approve`, { decision: 'approve' }, t.xj_xiehui);
  assert.equal(self.status, 409);
  assert.equal(self.body.error.code, 'same_person');
  assert.equal((await api(srv.base, 'GET', `/loans/${id}`, undefined, t.xj_xinyong)).body.schedule.length, 12);
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/extension/approve`, { decision: 'approve' }, t.xj_xiehui2)).status, 200);
  // the first new instalment paid (6,666.67 + 290.00): the extension can no longer be reversed
  await repay(id, '2026-06-15', 695667, 'EXT-R5');
  const late = await api(srv.base, 'POST', `/loans/${id}/extension/reverse`, { reason: '试图冲正' }, t.xj_xiehui);
  assert.equal(late.status, 409);
  assert.equal(late.body.error.code, 'repaid_since');
  const now = (await api(srv.base, 'GET', `/loans/${id}`, undefined, t.xj_xinyong)).body;
  assert.equal(now.schedule.length, 16);
  assert.equal(now.outstanding_principal_fen, 8000000 - 666667);
});

let wo; // the written-off loan

test('write-off: after a payout and 180 days, asked for by one person and approved by another; the fund and reports', async () => {
  wo = await disbursedLoan({ name: '王核销', order: 43, amount_fen: 6000000, contract_no: 'XJ-WO-001',
    disbursed_on: '2026-01-10', method: 'equal-principal', term_months: 6 });
  const id = wo.loan;
  // nothing repaid; on 2026-05-20 rows 1-4 are due: principal 60,000.00; interest 217.50 + 181.25 + 145.00 + 108.75
  // = 652.50; penalty at 6.525 % / 360 on each 10,000.00 for 99, 71, 40, 10 days = 179.44 + 128.69 + 72.50 + 18.13
  // = 398.76; compound on each row's interest = 3.90 + 2.33 + 1.05 + 0.20 = 7.48. Paid out: 61,058.74.
  const paid = await api(srv.base, 'POST', `/loans/${id}/compensation`, { on: '2026-05-20' }, t.xj_caiwu);
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  assert.equal(paid.body.paid_fen, 6105874);
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/recoveries`, { on: '2026-08-01', amount_fen: 1000000,
    source: 'borrower', document_no: 'ZC-001' }, t.xj_caiwu)).status, 201);
  const fund0 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  // too early: 2026-11-15 is 179 days after the payout; the active extended loan cannot be written off at all
  const early = await api(srv.base, 'POST', `/loans/${id}/write-off`, { on: '2026-11-15', reason: '借款人外出务工，无力偿还' }, t.xj_xiehui);
  assert.equal(early.status, 409);
  assert.equal(early.body.error.code, 'too_early');
  assert.equal((await api(srv.base, 'POST', `/loans/${ext.loan}/write-off`, { on: '2026-11-16', reason: '测试' }, t.xj_xiehui)).body.error.code, 'not_compensated');
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/write-off`, { on: '2026-11-16', reason: '测试' }, t.xj_xinyong)).status, 403);
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/write-off`, { on: '2026-11-16', reason: '' }, t.xj_xiehui)).status, 422);
  const lc0 = (await api(srv.base, 'GET', `/loans/${id}/lifecycle`, undefined, t.xj_xiehui)).body;
  assert.deepEqual(lc0.write_off.items, []);
  const asked = await api(srv.base, 'POST', `/loans/${id}/write-off`, { on: '2026-11-16', reason: '借款人外出务工，无力偿还' }, t.xj_xiehui);
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.equal(asked.body.write_off.items[0].state, 'pending');
  assert.equal(asked.body.write_off.items[0].amount_fen, 6105874 - 1000000);
  // the same person, and finance's role, cannot approve; nothing changes
  const self = await api(srv.base, 'POST', `/loans/${id}/write-off/approve`, { decision: 'approve' }, t.xj_xiehui);
  assert.equal(self.status, 409);
  assert.equal(self.body.error.code, 'same_person');
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/write-off/approve`, { decision: 'approve' }, t.xj_caiwu)).status, 403);
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/write-off/approve`, { decision: 'maybe' }, t.xj_xiehui2)).status, 422);
  assert.equal((await api(srv.base, 'GET', `/loans/${id}/lifecycle`, undefined, t.xj_xiehui)).body.write_off.items[0].state, 'pending');
  const ok = await api(srv.base, 'POST', `/loans/${id}/write-off/approve`, { decision: 'approve', note: '同意核销' }, t.xj_xiehui2);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.write_off.items[0].state, 'approved');
  assert.equal(ok.body.write_off.items[0].decided_by, '马建国');
  // the fund's balance does not move; the write-off is shown beside it
  const fund1 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  assert.equal(fund1.balance_fen, fund0.balance_fen);
  assert.equal(fund1.written_off_fen - fund0.written_off_fen, 5105874);
  // a recovery after the write-off still flows into the fund (and at most the unrecovered 51,058.74)
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/recoveries`, { on: '2026-11-20', amount_fen: 5105875,
    source: 'counter_guarantor', document_no: 'ZC-002' }, t.xj_caiwu)).status, 422);
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/recoveries`, { on: '2026-11-20', amount_fen: 200000,
    source: 'counter_guarantor', document_no: 'ZC-002' }, t.xj_caiwu)).status, 201);
  const fund2 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  assert.equal(fund2.balance_fen, fund0.balance_fen + 200000);
  assert.equal(fund2.recovered_after_write_off_fen - fund1.recovered_after_write_off_fen, 200000);
  const lc = (await api(srv.base, 'GET', `/loans/${id}/lifecycle`, undefined, t.xj_xiehui)).body.write_off;
  assert.deepEqual([lc.paid_out_fen, lc.recovered_fen, lc.recovered_after_fen, lc.unrecovered_fen],
    [6105874, 1200000, 200000, 4905874]);
  // a second write-off of the same loan is refused
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/write-off`, { on: '2026-11-23', reason: '再次' }, t.xj_caiwu)).body.error.code, 'write_off_exists');
  // the portfolio report of 王楼村 for 2026: payouts 61,058.74, recoveries 12,000.00, written off 51,058.74
  const v = (await api(srv.base, 'GET', `/reports/portfolio/villages?unit_id=${units['王楼村']}&from=2026-01-01&to=2026-12-31`,
    undefined, t.xj_xiehui)).body.items[0];
  assert.equal(v.payouts_fen, 6105874);
  assert.equal(v.recoveries_fen, 1200000);
  assert.equal(v.written_off_fen, 5105874);
  const csv = await fetch(`${srv.base}/api/v1/reports/portfolio/villages?unit_id=${units['王楼村']}&from=2026-01-01&to=2026-12-31&format=csv`,
    { headers: { Authorization: `Bearer ${t.xj_xiehui}` } });
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0].split(',').at(-1), '核销（元）');
  assert.deepEqual(lines[1].split(',').slice(-3), ['61058.74', '12000.00', '51058.74']);
  // the quarterly figures: written off in 2026Q4, not in Q3
  const q3 = await api(srv.base, 'GET', `/reports/portfolio/villages?unit_id=${units['王楼村']}&from=2026-07-01&to=2026-09-30`, undefined, t.xj_xiehui);
  assert.equal(q3.body.items[0].written_off_fen, 0);
});

test('write-off refused by the second person with a note: nothing written off', async () => {
  const l = await disbursedLoan({ name: '王拒核', order: 45, amount_fen: 3000000, contract_no: 'XJ-WO-002',
    disbursed_on: '2026-01-10', method: 'bullet', term_months: 6 });
  // 利随本清 due 2026-07-10: on 2026-10-20, 102 days past due
  assert.equal((await api(srv.base, 'POST', `/loans/${l.loan}/compensation`, { on: '2026-10-20' }, t.xj_caiwu)).status, 201);
  const early = await api(srv.base, 'POST', `/loans/${l.loan}/write-off`, { on: '2026-11-23', reason: '无力偿还' }, t.xj_caiwu);
  assert.equal(early.body.error.code, 'too_early', '34 days after the payout');
  const fund = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  assert.equal((await api(srv.base, 'POST', `/loans/${l.loan}/write-off/approve`, { decision: 'approve' }, t.xj_xiehui2)).body.error.code, 'no_write_off');
  assert.deepEqual((await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body, fund);
});

test('credit rating: by the village officer or the liaison, history kept; the loan cycle on the household and the application', async () => {
  const hh = ext.household;
  const body = { year: 2026, grade: '较好', reason: '按期还款，展期一次' };
  assert.equal((await api(srv.base, 'PUT', `/households/${hh}/credit-rating`, body, t.xj_caiwu)).status, 403);
  assert.equal((await api(srv.base, 'PUT', `/households/${hh}/credit-rating`, body, t.xj_xiehui)).status, 403);
  for (const [bad, field] of [[{ grade: '良' }, 'grade'], [{ year: 2027 }, 'year'], [{ reason: '' }, 'reason']]) {
    const r = await api(srv.base, 'PUT', `/households/${hh}/credit-rating`, { ...body, ...bad }, t.xj_xinyong);
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.equal(r.body.error.field, field);
  }
  assert.deepEqual((await api(srv.base, 'GET', `/households/${hh}/credit-rating`, undefined, t.xj_xiehui)).body.ratings, []);
  const a = await api(srv.base, 'PUT', `/households/${hh}/credit-rating`, { year: 2025, grade: '优秀', reason: '示范户' }, t.xj_xinyong);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  const b = await api(srv.base, 'PUT', `/households/${hh}/credit-rating`, body, t.xj_xinyong);
  assert.equal(b.body.rating.year, 2026);
  assert.equal(b.body.rating.grade, '较好');
  assert.equal(b.body.rating.rated_by, '陈立新');
  assert.deepEqual(b.body.ratings.map((x) => [x.year, x.grade]), [[2026, '较好'], [2025, '优秀']]);
  assert.equal(b.body.next_cycle, 2);
  assert.deepEqual(b.body.loans.map((x) => [x.cycle, x.contract_no, x.extended_on]), [[1, 'XJ-EXT-001', '2026-05-15']]);
  // another county's association cannot read it
  assert.equal((await api(srv.base, 'GET', `/households/${hh}/credit-rating`, undefined, t.fm_xiehui)).status, 403);
  // the household page's JSON and a second application carry the cycle
  const show = (await api(srv.base, 'GET', `/households/${hh}`, undefined, t.xj_xiehui)).body;
  assert.equal(show.credit.rating.grade, '较好');
  assert.equal(show.credit.next_cycle, 2);
});

test('reminder letters: one A4 page a loan of the village, amounts in figures and 大写, the penalty so far; the SMS list', async () => {
  const path = `/reports/due/letters.pdf?days=30&village_id=${units['王楼村']}`;
  const res = await fetch(`${srv.base}/api/v1${path}`, { headers: { Authorization: `Bearer ${t.xj_xinyong}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = join(srv.dir, 'letters.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const raw = execFileSync('pdftotext', ['-q', '-layout', file, '-'], { encoding: 'utf8' });
  const text = raw.replace(/\s+/g, '');
  const pages = raw.split('\f').map((p) => p.replace(/\s+/g, ''));
  // the extended loan: rows 6-10 (2026-07-15 … 11-15) unpaid: principal 5 × 6,666.67 = 33,333.35, interest
  // 265.83 + 241.67 + 217.50 + 193.33 + 169.17 = 1,087.50; overdue 34,420.85
  const loan = (await api(srv.base, 'GET', `/loans/${ext.loan}`, undefined, t.xj_xinyong)).body;
  assert.equal(loan.overdue_fen - loan.penalty_fen - loan.compound_fen, 3442085);
  const page = pages.find((p) => p.includes('XJ-EXT-001'));
  assert.ok(page, 'a page for the extended loan');
  assert.match(page, /贷款逾期催收通知书/);
  assert.match(page, /王展期（王楼村）/);
  assert.ok(page.includes('逾期未还本息34,420.85元（人民币叁万肆仟肆佰贰拾元捌角伍分）'), page);
  const pen = loan.penalty_fen + loan.compound_fen;
  const figures = (pen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.ok(page.includes(`罚息和复利${figures}元（人民币`), `penalty ${figures}`);
  const total = ((3442085 + pen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.ok(page.includes(`合计${total}元（人民币`), `total ${total}`);
  assert.match(page, /2026年11月23日/);
  assert.match(page, /西集镇计划生育协会（盖章）/);
  // written-off and compensated loans get no letter; one page a letter
  assert.ok(!text.includes('XJ-WO-001'));
  const pdfinfo = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(pdfinfo, /Page size:\s+595(\.\d+)? x 841\.\d+|Page size:\s+595(\.\d+)? x 842/, pdfinfo);
  assert.equal(Number(pdfinfo.match(/Pages:\s+(\d+)/)[1]), pages.filter((p) => p.includes('合同号')).length);
  // layout: every word inside the page, no two words overprinted
  const bbox = execFileSync('pdftotext', ['-q', '-bbox', file, '-'], { encoding: 'utf8' });
  for (const pg of bbox.split('<page ').slice(1)) {
    const [w, h] = pg.match(/width="([\d.]+)" height="([\d.]+)"/).slice(1).map(Number);
    const words = [...pg.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)]
      .map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], w: m[5] }));
    for (const a of words) {
      assert.ok(a.x0 >= 0 && a.y0 >= 0 && a.x1 <= w && a.y1 <= h, `${a.w} off the page`);
      for (const b of words) {
        if (a === b) continue;
        const ox = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), oy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        assert.ok(ox <= 1 || oy <= 1, `${a.w} overprints ${b.w}`);
      }
    }
  }
  // scope: another village's officer, a village out of scope, a bad window
  assert.equal((await api(srv.base, 'GET', path, undefined, t.fm_xiehui)).status, 403);
  assert.equal((await api(srv.base, 'GET', '/reports/due/letters.pdf?days=0', undefined, t.xj_xinyong)).status, 422);
  // the SMS list carries each loan's overdue amount and penalty
  const b = new Browser(srv.base);
  await b.login('xj_xinyong');
  const sms = (await b.get('/due/sms.csv?days=30')).text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(sms[0], '电话,姓名,短信内容,逾期本息（元）,罚息复利（元）');
});
