// Loan servicing through the API: schedule preview, disbursement of a guaranteed application,
// repayments on time, late (penalty interest to the fen), duplicate receipt, overpayment, and the
// figures (DPD, grade) as of chosen dates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, makeId, unitIds } from './lib.mjs';

let srv, t, units, applicationId, loanId;
const ALL_DOCS = { id_card: true, hukou: true, marriage: true, family_planning: true, business_plan: true,
  implementation_plan: true, counter_guarantee: true };

before(async () => {
  // amounts are worked by hand for literal 2026 dates: the server's today is pinned
  srv = await startServer({ today: '2026-11-23' });
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_jingwei', 'xj_zhaoshang', 'xj_pingshen', 'xj_caiwu', 'qu_caiwu', 'xj_xinyong', 'fm_xiehui']) {
    t[u] = await token(srv.base, u);
  }
  units = await unitIds(srv.base, t.admin);
  const hh = await api(srv.base, 'POST', '/households', {
    village_id: units['王楼村'], policy_compliant: true,
    head: { name: '王德胜', id_number: makeId('19770808', 31, 'M'), phone: '13905327777' },
  }, t.xj_xiehui);
  const a = await api(srv.base, 'POST', '/loan-applications', {
    household_id: hh.body.id, amount_fen: 12000000, term_months: 12, project_type: 'herbs', project_name: '金银花种植',
    expected_jobs: 2, expected_income_fen: 5000000,
  }, t.xj_xiehui);
  applicationId = a.body.id;
  await api(srv.base, 'PUT', `/loan-applications/${applicationId}/documents`, ALL_DOCS, t.xj_xiehui);
  await api(srv.base, 'POST', `/loan-applications/${applicationId}/submit`, {}, t.xj_xiehui);
  for (const who of ['xj_jingwei', 'xj_zhaoshang', 'xj_pingshen']) {
    await api(srv.base, 'POST', `/loan-applications/${applicationId}/reviews`, { decision: 'approve', comment: '' }, t[who]);
  }
  await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 100000000, on: '2026-01-05', document_no: '山财〔2026〕12号' }, t.qu_caiwu);
  const g = await api(srv.base, 'POST', `/loan-applications/${applicationId}/guarantee`, { pledged_asset: '金银花烘干设备一套' }, t.xj_xiehui);
  assert.equal(g.status, 201, JSON.stringify(g.body));
});
after(async () => { await srv.stop(); });

test('schedule preview: the docs/domain.md example, and bad input names the field', async () => {
  const r = await api(srv.base, 'POST', '/schedule-preview', { principal_fen: 10000, annual_rate: '7', term_months: 6,
    method: 'equal-installment', start_date: '2024-01-01' }, t.xj_xinyong);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.rows.map((x) => x.total_fen), [1701, 1701, 1701, 1701, 1701, 1700]);
  assert.equal(r.body.total_interest_fen, 205);
  for (const [body, field] of [[{ annual_rate: '25' }, 'annual_rate'], [{ annual_rate: 4.35 }, 'annual_rate'],
    [{ term_months: 0 }, 'term_months'], [{ term_months: 361 }, 'term_months'], [{ method: 'weekly' }, 'method'],
    [{ start_date: '2024-02-30' }, 'start_date']]) {
    const bad = await api(srv.base, 'POST', '/schedule-preview', { principal_fen: 10000, annual_rate: '7', term_months: 6,
      method: 'bullet', start_date: '2024-01-01', ...body }, t.xj_xinyong);
    assert.equal(bad.status, 422, JSON.stringify(body));
    assert.equal(bad.body.error.field, field);
  }
});

test('disbursement: refusals change nothing; the liaison records the loan and its schedule', async () => {
  const base = { application_id: applicationId, contract_no: 'XJ-2026-0042', disbursed_on: '2026-01-15',
    principal_fen: 12000000, annual_rate: '4.35', method: 'equal-principal', term_months: 12 };
  assert.equal((await api(srv.base, 'POST', '/loans', base, t.xj_xiehui)).status, 403, 'only liaison and finance');
  const over = await api(srv.base, 'POST', '/loans', { ...base, principal_fen: 12000001 }, t.xj_xinyong);
  assert.equal(over.status, 422);
  assert.equal(over.body.error.field, 'principal_fen');
  const badRate = await api(srv.base, 'POST', '/loans', { ...base, annual_rate: '4,35' }, t.xj_xinyong);
  assert.equal(badRate.status, 422);
  assert.equal(badRate.body.error.field, 'annual_rate');
  const ok = await api(srv.base, 'POST', '/loans', base, t.xj_xinyong);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  loanId = ok.body.id;
  assert.equal(ok.body.annual_rate, '4.35');
  assert.equal(ok.body.schedule.length, 12);
  assert.equal(ok.body.schedule[0].due_on, '2026-02-15');
  assert.equal(ok.body.schedule[0].principal_fen, 1000000);
  assert.equal(ok.body.schedule[0].interest_fen, 43500);
  assert.equal(ok.body.schedule[1].interest_fen, 39875);
  assert.equal(ok.body.schedule.reduce((s, r) => s + r.principal_fen, 0), 12000000);
  const again = await api(srv.base, 'POST', '/loans', { ...base, contract_no: 'XJ-2026-0043' }, t.xj_xinyong);
  assert.equal(again.status, 409, 'the application is disbursed already');
  const app = await api(srv.base, 'GET', `/loan-applications/${applicationId}`, undefined, t.xj_xiehui);
  assert.equal(app.body.state, 'disbursed');
  assert.equal((await api(srv.base, 'GET', `/loans/${loanId}`, undefined, t.fm_xiehui)).status, 403);
});

test('repayments: on time, duplicate receipt, late with penalty to the fen, overpayment refused', async () => {
  const pay = (body, who = 'xj_xinyong') => api(srv.base, 'POST', `/loans/${loanId}/repayments`, body, t[who]);
  assert.equal((await pay({ paid_on: '2026-02-15', amount_fen: 1043500, receipt_no: 'R-0001' }, 'xj_xiehui')).status, 403);
  const first = await pay({ paid_on: '2026-02-15', amount_fen: 1043500, receipt_no: 'R-0001' });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.deepEqual(first.body.allocation, { penalty_fen: 0, compound_fen: 0, interest_fen: 43500, principal_fen: 1000000,
    prepaid_principal_fen: 0 });
  const dup = await pay({ paid_on: '2026-02-15', amount_fen: 1043500, receipt_no: 'R-0001' });
  assert.equal(dup.status, 200);
  assert.equal(dup.body.duplicate, true);
  assert.equal(dup.body.repayment_id, first.body.repayment_id);
  // row 2 due 2026-03-15, paid 10 days late: penalty on 10,000.00 at 4.35% × 1.5 / 360 × 10 days
  // = 1,000,000 × 0.0435 × 1.5 × 10 / 360 = 1,812.5 fen → 1,813 fen (half up); compound interest on
  // its overdue 398.75 interest at the same rate: 39,875 × 0.06525 / 360 × 10 = 72.27 → 72 fen
  const late = await pay({ paid_on: '2026-03-25', amount_fen: 1039875 + 1813 + 72, receipt_no: 'R-0002' });
  assert.equal(late.status, 201, JSON.stringify(late.body));
  assert.deepEqual(late.body.allocation, { penalty_fen: 1813, compound_fen: 72, interest_fen: 39875, principal_fen: 1000000,
    prepaid_principal_fen: 0 });
  const before = await api(srv.base, 'GET', `/loans/${loanId}?as_of=2026-03-25`, undefined, t.xj_xinyong);
  const over = await pay({ paid_on: '2026-03-25', amount_fen: before.body.owed_now_fen + 1, receipt_no: 'R-0003' });
  assert.equal(over.status, 422);
  assert.equal(over.body.error.code, 'overpayment');
  const afterOver = await api(srv.base, 'GET', `/loans/${loanId}?as_of=2026-03-25`, undefined, t.xj_xinyong);
  assert.deepEqual(afterOver.body, before.body, 'a refused repayment changes nothing');
  const early = await pay({ paid_on: '2026-03-01', amount_fen: 100, receipt_no: 'R-0004' });
  assert.equal(early.status, 422, 'dates go in order');
  const log = await api(srv.base, 'GET', `/audit?entity=loan&entity_id=${loanId}`, undefined, await token(srv.base, 'shenji'));
  assert.equal(log.body.items.filter((a) => a.action === 'repayment').length, 2);
});

test('the quarterly interest-subsidy claim: interest paid in the quarter, none for an instalment paid late nor for penalty', async () => {
  const q1 = await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q1', undefined, t.xj_caiwu);
  assert.equal(q1.status, 200);
  const item = q1.body.items.find((i) => i.loan_id === loanId);
  assert.equal(item.interest_paid_fen, 43500 + 39875);
  // Instalment 2 (interest 398.75) was paid on 03-25, ten days after its due date 03-15: not
  // subsidised, nor its penalty 18.13 and compound interest 0.72 (18.85 together).
  // Eligible 435.00 × (4.35 − 2.15) / 4.35 = 220.00.
  assert.equal(item.late_interest_fen, 39875);
  assert.equal(item.penalty_paid_fen, 1813 + 72);
  assert.equal(item.eligible_interest_fen, 43500);
  assert.equal(item.subsidy_fen, 22000);
  assert.deepEqual(item.excluded, ['late', 'penalty']);
  assert.equal(item.reason, '逾期归还的利息 398.75 元不贴息；罚息、复利 18.85 元不贴息');
  const q2 = await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q2', undefined, t.xj_caiwu);
  assert.ok(!q2.body.items.some((i) => i.loan_id === loanId));
  assert.equal((await api(srv.base, 'GET', '/reports/subsidy?quarter=2026-3', undefined, t.xj_caiwu)).status, 422);
  assert.equal((await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q1', undefined, t.xj_xinyong)).status, 403);
});

test('figures as of any date: outstanding, DPD and the five-class grade', async () => {
  const at = async (d) => (await api(srv.base, 'GET', `/loans/${loanId}?as_of=${d}`, undefined, t.xj_xinyong)).body;
  const onTime = await at('2026-04-15');
  assert.equal(onTime.outstanding_principal_fen, 10000000);
  assert.equal(onTime.dpd, 0);
  assert.equal(onTime.grade, 'normal');
  const fiveDays = await at('2026-04-20');
  assert.equal(fiveDays.dpd, 5);
  assert.equal(fiveDays.grade, 'special_mention');
  assert.equal(fiveDays.overdue_fen > 1036250, true, 'row 3 (10,000.00 + 362.50) and its penalty');
  const today = await at('2026-11-23');
  assert.equal(today.dpd, 222);
  assert.equal(today.grade, 'doubtful');
  assert.equal(today.bucket, 4);
  const bad = await api(srv.base, 'GET', `/loans/${loanId}?as_of=2026-13-01`, undefined, t.xj_xinyong);
  assert.equal(bad.status, 422);
});

test('guarantee payout past 90 days, recovery back into the fund, and the figures stay consistent', async () => {
  // a second loan, disbursed 2026-03-01, never repaid: 2026-11-23 is 235 days past its first due date
  const hh = await api(srv.base, 'POST', '/households', {
    village_id: units['李庄村'], policy_compliant: true,
    head: { name: '李德才', id_number: makeId('19720202', 32, 'M'), phone: '13905328888' },
  }, t.xj_xiehui);
  const a = await api(srv.base, 'POST', '/loan-applications', { household_id: hh.body.id, amount_fen: 5000000,
    term_months: 12, project_type: 'trade', project_name: '农资门市' }, t.xj_xiehui);
  await api(srv.base, 'PUT', `/loan-applications/${a.body.id}/documents`, ALL_DOCS, t.xj_xiehui);
  await api(srv.base, 'POST', `/loan-applications/${a.body.id}/submit`, {}, t.xj_xiehui);
  for (const who of ['xj_jingwei', 'xj_zhaoshang', 'xj_pingshen']) {
    await api(srv.base, 'POST', `/loan-applications/${a.body.id}/reviews`, { decision: 'approve', comment: '' }, t[who]);
  }
  assert.equal((await api(srv.base, 'POST', `/loan-applications/${a.body.id}/guarantee`, { pledged_asset: '门市房产' }, t.xj_xiehui)).status, 201);
  const loan = await api(srv.base, 'POST', '/loans', { application_id: a.body.id, contract_no: 'XJ-2026-0077',
    disbursed_on: '2026-03-01', principal_fen: 5000000, annual_rate: '4.35', method: 'monthly-interest', term_months: 12,
    day_count: 'month' }, t.xj_xinyong);
  assert.equal(loan.status, 201, JSON.stringify(loan.body));
  assert.equal(loan.body.day_count, 'month');
  const id = loan.body.id;
  const fund0 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  const early = await api(srv.base, 'POST', `/loans/${id}/compensation`, { on: '2026-05-01' }, t.xj_caiwu);
  assert.equal(early.status, 409, '61 days past due is not yet claimable');
  assert.equal(early.body.error.code, 'not_claimable');
  assert.equal((await api(srv.base, 'POST', `/loans/${id}/compensation`, { on: '2026-11-23' }, t.xj_xinyong)).status, 403);
  const before = (await api(srv.base, 'GET', `/loans/${id}?as_of=2026-11-23`, undefined, t.xj_xinyong)).body;
  assert.equal(before.grade, 'doubtful');
  // a fund that is short refuses the payout and changes nothing
  const drain = await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'adjustment', amount_fen: -fund0.balance_fen,
    on: '2026-11-23', document_no: '调-测试' }, t.qu_caiwu);
  assert.equal(drain.status, 201);
  const short = await api(srv.base, 'POST', `/loans/${id}/compensation`, { on: '2026-11-23' }, t.xj_caiwu);
  assert.equal(short.status, 409);
  assert.equal(short.body.error.code, 'insufficient_funds');
  assert.equal((await api(srv.base, 'GET', `/loans/${id}`, undefined, t.xj_xinyong)).body.state, 'active');
  assert.equal((await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: fund0.balance_fen,
    on: '2026-11-23', document_no: '调-恢复' }, t.qu_caiwu)).status, 201);
  const paid = await api(srv.base, 'POST', `/loans/${id}/compensation`, { on: '2026-11-23' }, t.xj_caiwu);
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  // unpaid interest of the 8 rows due by 2026-11-01 (181.25 each) + principal 50,000.00 + penalty (none: principal is
  // not yet due) + compound interest on the overdue interest
  assert.equal(before.penalty_fen, 0);
  assert.ok(before.compound_fen > 0);
  assert.equal(paid.body.paid_fen, 5000000 + 8 * 18125 + before.compound_fen);
  const fund1 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  assert.equal(fund1.balance_fen, fund0.balance_fen - paid.body.paid_fen);
  assert.equal(fund1.guaranteed_outstanding_fen, fund0.guaranteed_outstanding_fen - 5000000);
  const after = (await api(srv.base, 'GET', `/loans/${id}`, undefined, t.xj_xinyong)).body;
  assert.equal(after.state, 'compensated');
  const again = await api(srv.base, 'POST', `/loans/${id}/compensation`, { on: '2026-11-23' }, t.xj_caiwu);
  assert.equal(again.status, 409);
  const repay = await api(srv.base, 'POST', `/loans/${id}/repayments`, { paid_on: '2026-11-23', amount_fen: 100, receipt_no: 'R-X' }, t.xj_xinyong);
  assert.equal(repay.status, 409, 'a compensated loan takes recoveries, not repayments');
  const rec = await api(srv.base, 'POST', `/loans/${id}/recoveries`, { on: '2026-11-23', amount_fen: 2000000,
    source: 'counter_guarantor', document_no: '追-001' }, t.xj_caiwu);
  assert.equal(rec.status, 201);
  const tooMuch = await api(srv.base, 'POST', `/loans/${id}/recoveries`, { on: '2026-11-23', amount_fen: paid.body.paid_fen,
    source: 'borrower', document_no: '追-002' }, t.xj_caiwu);
  assert.equal(tooMuch.status, 422);
  const fund2 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  assert.equal(fund2.balance_fen, fund1.balance_fen + 2000000);
  const blocked = await api(srv.base, 'POST', '/loan-applications', { household_id: hh.body.id, amount_fen: 2000000,
    term_months: 12, project_type: 'trade', project_name: '再申请' }, t.xj_xiehui);
  assert.equal(blocked.status, 409);
  assert.equal(blocked.body.error.code, 'loan_overdue');
});

test('portfolio figures equal the sum over the loans; PAR30 and grades agree with each loan\'s DPD', async () => {
  const loans = [];
  for (let id = 1; ; id++) {
    const r = await api(srv.base, 'GET', `/loans/${id}`, undefined, t.xj_xinyong);
    if (r.status === 404) break;
    if (r.body.state === 'active') loans.push(r.body);
  }
  assert.ok(loans.length >= 3, 'demo loans and this file\'s loans');
  const p = (await api(srv.base, 'GET', '/reports/portfolio', undefined, t.xj_xinyong)).body;
  assert.equal(p.loans, loans.length);
  assert.equal(p.outstanding_fen, loans.reduce((s, l) => s + l.outstanding_principal_fen, 0));
  assert.equal(p.disbursed_fen, loans.reduce((s, l) => s + l.principal_fen, 0));
  assert.equal(p.par30_fen, loans.filter((l) => l.dpd > 30).reduce((s, l) => s + l.outstanding_principal_fen, 0));
  for (const g of ['normal', 'special_mention', 'substandard', 'doubtful', 'loss']) {
    assert.equal(p.grades[g].loans, loans.filter((l) => l.grade === g).length, g);
  }
  const overdue = (await api(srv.base, 'GET', '/reports/overdue', undefined, t.xj_xinyong)).body;
  assert.equal(overdue.items.reduce((s, v) => s + v.loans, 0), loans.filter((l) => l.dpd > 0).length);
  const fm = (await api(srv.base, 'GET', '/reports/portfolio', undefined, t.fm_xiehui)).body;
  assert.equal(fm.loans, 0, 'another township sees none of 西集镇\'s loans');
});

test('bangfu check is clean after all of this, and finds a tampered schedule', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN } = await import('./lib.mjs');
  const clean = spawnSync(BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /全部检查通过/);
  const tamper = spawnSync('sqlite3', [srv.db, `UPDATE loan_schedule SET principal_fen = principal_fen + 1 WHERE loan_id = ${loanId} AND n = 12`]);
  assert.equal(tamper.status, 0);
  const broken = spawnSync(BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /FAIL 每笔贷款的计划本金之和等于放款本金/);
  assert.match(broken.stdout, new RegExp(`贷款 ${loanId}：计划本金 12000001`));
});
