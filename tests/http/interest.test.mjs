// Interest as the credit union charges it: the day count of a loan (按月计息 / 按日计息), payoff and
// prepayment by the days run, compound interest (复利) on overdue interest beside penalty interest,
// repayment reversal (冲正), and a loan with more repayments than any fixed buffer. The server runs
// with a fixed today (2026-11-23) so every amount below is worked by hand to the fen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, api, token, makeId, unitIds, guaranteedApplication, Browser, check, BIN } from './lib.mjs';

const TODAY = '2026-11-23';
let srv, t, units, seq = 0;

before(async () => {
  srv = await startServer({ today: TODAY });
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_caiwu', 'xj_xinyong', 'shenji']) t[u] = await token(srv.base, u);
  units = await unitIds(srv.base, t.admin);
});
after(async () => { await srv.stop(); });

// A guaranteed application in 王楼村 disbursed with the given terms; resolves to the loan JSON.
async function loan(terms) {
  seq++;
  const names = ['王计息', '李结清', '张复利', '赵冲正', '孙还清', '周多笔', '吴提前', '郑逾期'];
  const { application } = await guaranteedApplication(srv.base, { village_id: units['王楼村'], name: names[seq % names.length],
    id_number: makeId('19800101', 10 + seq, 'M'), amount_fen: terms.principal_fen, term_months: terms.term_months });
  const r = await api(srv.base, 'POST', '/loans', { application_id: application, contract_no: `XJ-LX-${seq}`,
    annual_rate: '4.35', ...terms }, t.xj_xinyong);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
const get = async (id, asOf) => (await api(srv.base, 'GET', `/loans/${id}${asOf ? `?as_of=${asOf}` : ''}`, undefined, t.xj_xinyong)).body;
const pay = (id, paid_on, amount_fen, receipt_no, who = 'xj_xinyong') =>
  api(srv.base, 'POST', `/loans/${id}/repayments`, { paid_on, amount_fen, receipt_no }, t[who]);
const reverse = (id, rid, body, who = 'xj_caiwu') =>
  api(srv.base, 'POST', `/loans/${id}/repayments/${rid}/reverse`, body, t[who]);

test('day count: defaults by method, the choice in the preview, the loan and the CLI', async () => {
  const base = { principal_fen: 2000000, annual_rate: '4.35', term_months: 3, method: 'monthly-interest', start_date: '2024-01-10' };
  // 按日计息 (the default for 按月付息): 2,000,000 × 4.35% / 360 = 241.667 fen a day; 31, 29, 31 days
  const days = await api(srv.base, 'POST', '/schedule-preview', base, t.xj_xinyong);
  assert.equal(days.status, 200);
  assert.equal(days.body.day_count, 'actual360');
  assert.deepEqual(days.body.rows.map((r) => r.interest_fen), [7492, 7008, 7492]);
  // 按月计息: 2,000,000 × 4.35% / 12 = 7,250 every month
  const months = await api(srv.base, 'POST', '/schedule-preview', { ...base, day_count: 'month' }, t.xj_xinyong);
  assert.deepEqual(months.body.rows.map((r) => r.interest_fen), [7250, 7250, 7250]);
  const ei = await api(srv.base, 'POST', '/schedule-preview', { ...base, method: 'equal-installment' }, t.xj_xinyong);
  assert.equal(ei.body.day_count, 'month', '等额本息 defaults to whole months');
  const bad = await api(srv.base, 'POST', '/schedule-preview', { ...base, day_count: 'actual365' }, t.xj_xinyong);
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.field, 'day_count');
  const cli = spawnSync(BIN, ['schedule', '--principal', '20000.00', '--rate', '4.35', '--months', '3', '--method',
    'monthly-interest', '--start', '2024-01-10', '--day-count', 'actual360', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const j = JSON.parse(cli.stdout);
  assert.equal(j.day_count, 'actual360');
  assert.deepEqual(j.rows.map((r) => r.interest_fen), [7492, 7008, 7492]);
  const cliBad = spawnSync(BIN, ['schedule', '--principal', '20000.00', '--rate', '4.35', '--months', '3', '--method',
    'bullet', '--start', '2024-01-10', '--day-count', 'days'], { encoding: 'utf8' });
  assert.equal(cliBad.status, 2);
  assert.match(cliBad.stderr, /--day-count/);
  // a loan refuses an unknown day count and stores nothing
  const { application } = await guaranteedApplication(srv.base, { village_id: units['王楼村'], name: '计息方式',
    id_number: makeId('19800101', 99, 'M'), amount_fen: 2000000 });
  const refused = await api(srv.base, 'POST', '/loans', { application_id: application, contract_no: 'XJ-LX-DC',
    disbursed_on: '2026-09-10', principal_fen: 2000000, annual_rate: '4.35', method: 'bullet', term_months: 12,
    day_count: 'weekly' }, t.xj_xinyong);
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error.field, 'day_count');
  const app = await api(srv.base, 'GET', `/loan-applications/${application}`, undefined, t.xj_xiehui);
  assert.equal(app.body.state, 'guaranteed', 'the refusal changed nothing');
});

test('payoff by days run: on the disbursement day the principal alone, 15 days later 15 days of interest', async () => {
  // 50,000.00 等额本息 at 4.35% disbursed today: before, 今日结清需还 carried a whole month's interest
  const l = await loan({ disbursed_on: TODAY, principal_fen: 5000000, method: 'equal-installment', term_months: 12 });
  assert.equal(l.day_count, 'month');
  assert.equal(l.payoff_fen, 5000000);
  // 5,000,000 × 4.35% / 360 × 15 = 9,062.5 → 9,063
  assert.equal((await get(l.id, '2026-12-08')).payoff_fen, 5000000 + 9063);
  const b = new Browser(srv.base);
  await b.login('xj_xinyong');
  const page = await b.get(`/accounts/${l.id}`);
  assert.match(page.text, /计息方式<\/dt><dd>按月计息/);
  assert.match(page.text, /今日结清需还<\/dt><dd id="payoff">50,000\.00/);
  const p = await pay(l.id, TODAY, 5000000, 'LX-PAYOFF-1');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.allocation.interest_fen, 0);
  assert.equal(p.body.allocation.principal_fen, 5000000);
  assert.equal((await get(l.id)).state, 'settled');
});

test('a prepayment between due dates pays the days run, not the whole next period', async () => {
  // 20,000.00 按月付息 at 4.35%, 按日计息 by default, from 2026-09-10: row 1 30 days 7,250, row 2 31 days 7,491.67 → 7,492
  const l = await loan({ disbursed_on: '2026-09-10', principal_fen: 2000000, method: 'monthly-interest', term_months: 12 });
  assert.equal(l.day_count, 'actual360');
  assert.deepEqual(l.schedule.slice(0, 3).map((r) => r.interest_fen), [7250, 7492, 7250]);
  assert.equal((await pay(l.id, '2026-10-10', 7250, 'LX-PRE-1')).status, 201);
  assert.equal((await pay(l.id, '2026-11-10', 7492, 'LX-PRE-2')).status, 201);
  // 2026-11-23 is 13 days into row 3: 2,000,000 × 4.35% / 360 × 13 = 3,141.67 → 3,142 (not row 3's 7,250)
  const before = await get(l.id);
  assert.equal(before.payoff_fen, 2000000 + 3142);
  const r = await pay(l.id, TODAY, 1000000, 'LX-PRE-3');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.allocation, { penalty_fen: 0, compound_fen: 0, interest_fen: 3142, principal_fen: 996858,
    prepaid_principal_fen: 996858 });
  const after = await get(l.id);
  assert.equal(after.outstanding_principal_fen, 1003142);
  assert.equal(after.payoff_fen, 1003142, 'no interest has run since the prepayment');
  // row 4 (due 2027-01-10) runs on the 1,003,142 left from 11-23: 48 days × 4.35% / 360 = 5,818.22 → 5,818
  assert.equal(after.schedule[3].interest_fen, 5818);
  assert.equal(after.schedule[2].interest_fen, 3142);
});

test('compound interest on overdue interest beside penalty on overdue principal, allocated first', async () => {
  // 24,000.00 等额本金 at 6% (按月计息) from 2026-06-01: rows of 2,000.00 principal, interest 120.00, 110.00, …
  // On 2026-08-11 row 1 (due 07-01) is 41 days late and row 2 (due 08-01) 10 days; the penalty rate is
  // 6% × 1.5 = 9% a year, 0.025% a day:
  //   penalty  row 1 200,000 × 0.00025 × 41 = 2,050;   row 2 200,000 × 0.00025 × 10 = 500     → 2,550
  //   compound row 1  12,000 × 0.00025 × 41 = 123;     row 2 11,000 × 0.00025 × 10 = 27.5 → 28 → 151
  //   row 3 has run 10 days on 2,000,000: 2,000,000 × 6% / 360 × 10 = 3,333.33 → 3,333
  const l = await loan({ disbursed_on: '2026-06-01', principal_fen: 2400000, method: 'equal-principal', term_months: 12,
    annual_rate: '6' });
  const at = await get(l.id, '2026-08-11');
  assert.equal(at.penalty_fen, 2550);
  assert.equal(at.compound_fen, 151);
  assert.equal(at.overdue_fen, 200000 + 12000 + 2050 + 123 + 200000 + 11000 + 500 + 28);
  assert.equal(at.payoff_fen, 2400000 + 12000 + 11000 + 2550 + 151 + 3333);
  const r = await pay(l.id, '2026-08-11', at.overdue_fen, 'LX-CMP-1');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.allocation, { penalty_fen: 2550, compound_fen: 151, interest_fen: 23000, principal_fen: 400000,
    prepaid_principal_fen: 0 });
  const after = await get(l.id, '2026-08-11');
  assert.equal(after.dpd, 0);
  assert.equal(after.penalty_fen + after.compound_fen, 0);
  assert.equal(after.schedule[0].paid_compound_fen, 123);
  assert.equal(after.schedule[1].paid_compound_fen, 28);
});

test('reversal (冲正): refusals change nothing; the schedule, figures and claim return exactly; the receipt books again', async () => {
  const l = await loan({ disbursed_on: '2026-06-01', principal_fen: 2400000, method: 'equal-principal', term_months: 12,
    annual_rate: '6' });
  assert.equal((await pay(l.id, '2026-07-01', 212000, 'LX-REV-1')).status, 201);
  const s0 = await get(l.id);
  const claim0 = (await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q3', undefined, t.xj_caiwu)).body;
  const fund0 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  const portfolio = async () => (await api(srv.base, 'GET', '/reports/portfolio?as_of=2026-08-31', undefined, t.xj_caiwu)).body;
  const port0 = await portfolio();
  const second = await pay(l.id, '2026-08-01', 211000, 'LX-REV-2');
  assert.equal(second.status, 201);
  const rid = second.body.repayment_id;
  const s1 = await get(l.id);
  const first = s1.repayments.find((p) => p.receipt_no === 'LX-REV-1');

  const refusals = [
    [await reverse(l.id, first.id, { reason: '录入错误' }), 409, 'not_latest'],
    [await reverse(l.id, rid, { reason: '' }), 422, 'invalid_reason'],
    [await reverse(l.id, rid, {}), 422, 'invalid_reason'],
    [await reverse(l.id, rid, { reason: '录入错误' }, 'xj_xiehui'), 403, 'forbidden'],
    [await reverse(l.id, 999999, { reason: '录入错误' }), 404, 'not_found'],
  ];
  for (const [res, status, code] of refusals) {
    assert.equal(res.status, status, JSON.stringify(res.body));
    if (status !== 403) assert.equal(res.body.error.code, code);
  }
  assert.deepEqual(await get(l.id), s1, 'a refused reversal changes nothing');

  const ok = await reverse(l.id, rid, { reason: '信用社退回：凭证号录错' }, 'xj_xinyong');
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  const s2 = await get(l.id);
  for (const k of Object.keys(s0)) if (k !== 'repayments') assert.deepEqual(s2[k], s0[k], k);
  const reversed = s2.repayments.find((p) => p.id === rid);
  assert.equal(reversed.reversed, true);
  assert.equal(reversed.reason, '信用社退回：凭证号录错');
  const record = s2.repayments.find((p) => p.reverses_id === rid);
  assert.equal(record.amount_fen, -211000);
  assert.equal(record.paid_on, '2026-08-01');
  assert.deepEqual((await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q3', undefined, t.xj_caiwu)).body, claim0);
  assert.deepEqual(await portfolio(), port0);
  const again = await reverse(l.id, rid, { reason: '再次冲正' });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'already_reversed');
  const log = await api(srv.base, 'GET', `/audit?entity=loan&entity_id=${l.id}`, undefined, t.shenji);
  assert.equal(log.body.items.filter((a) => a.action === 'reverse_repayment').length, 1);

  // the reversed receipt books again, as new, and the loan is where it was after the first booking
  const rebook = await pay(l.id, '2026-08-01', 211000, 'LX-REV-2');
  assert.equal(rebook.status, 201, JSON.stringify(rebook.body));
  assert.equal(rebook.body.duplicate, false);
  const s3 = await get(l.id);
  for (const k of Object.keys(s1)) if (k !== 'repayments') assert.deepEqual(s3[k], s1[k], k);

  // the account page: the row marked 已冲正 with its reason; a reversal through the form needs the confirmation
  const b = new Browser(srv.base);
  await b.login('xj_caiwu');
  const page = await b.get(`/accounts/${l.id}`);
  assert.match(page.text, /已冲正：信用社退回：凭证号录错/);
  assert.match(page.text, new RegExp(`/accounts/${l.id}/repayments/${rebook.body.repayment_id}/reverse`));
  const noConfirm = await b.post(`/accounts/${l.id}/repayments/${rebook.body.repayment_id}/reverse`, { reason: '测试' });
  assert.equal(noConfirm.status, 200, 'the reversal is asked to be confirmed first');
  assert.match(noConfirm.text, /确认冲正 .+ 在 \d{4}-\d\d-\d\d 的还款 [\d,]+\.\d\d 元（[壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整零]+）/);
  assert.match(noConfirm.text, /name="reason" value="测试"/);
  assert.deepEqual(await get(l.id), s3, 'refused on the page: nothing changed');
  const noCsrf = await b.post(`/accounts/${l.id}/repayments/${rebook.body.repayment_id}/reverse`,
    { reason: '测试', confirm: '1' }, { csrf: false });
  assert.equal(noCsrf.status, 403);
  const viaPage = await b.post(`/accounts/${l.id}/repayments/${rebook.body.repayment_id}/reverse`, { reason: '测试', confirm: '1' });
  assert.equal(viaPage.status, 303);
  assert.match(viaPage.location, /ok=reversed/);
  const s4 = await get(l.id);
  for (const k of Object.keys(s0)) if (k !== 'repayments') assert.deepEqual(s4[k], s0[k], k);
  assert.deepEqual((await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body, fund0);
  const c = check(srv.db);
  assert.equal(c.status, 0, c.stdout + c.stderr);
  assert.match(c.stdout, /ok {3}计划中已还的本金、利息、罚息、复利分别等于还款记录的分配/);
});

test('reversing the payoff of a settled loan makes it active again with its guarantee', async () => {
  const l = await loan({ disbursed_on: '2026-11-01', principal_fen: 2000000, method: 'bullet', term_months: 12 });
  const fund0 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  const s0 = await get(l.id);
  // 22 days of 按日计息: 2,000,000 × 4.35% / 360 × 22 = 5,316.67 → 5,317
  assert.equal(s0.payoff_fen, 2005317);
  const p = await pay(l.id, TODAY, 2005317, 'LX-SET-1');
  assert.equal(p.status, 201);
  assert.equal((await get(l.id)).state, 'settled');
  assert.equal((await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body.guaranteed_outstanding_fen,
    fund0.guaranteed_outstanding_fen - 2000000);
  const r = await reverse(l.id, p.body.repayment_id, { reason: '银行冲账' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const s1 = await get(l.id);
  for (const k of Object.keys(s0)) if (k !== 'repayments') assert.deepEqual(s1[k], s0[k], k);
  assert.deepEqual((await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body, fund0);
});

test('a loan keeps every one of its repayments, far beyond 512', async () => {
  const l = await loan({ disbursed_on: '2026-06-01', principal_fen: 2000000, method: 'equal-principal', term_months: 12 });
  const n = 530;
  for (let i = 0; i < n; i++) {
    const r = await pay(l.id, '2026-06-02', 100, `LX-MANY-${i}`);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const j = await get(l.id);
  assert.equal(j.repayments.length, n);
  assert.equal(j.repayments.reduce((s, p) => s + p.amount_fen, 0), n * 100);
  // the latest is the 530th and can be reversed: the cap no longer hides it
  const last = j.repayments[n - 1];
  assert.equal(last.receipt_no, `LX-MANY-${n - 1}`);
  assert.equal((await reverse(l.id, last.id, { reason: '测试' })).status, 201);
  const b = new Browser(srv.base);
  await b.login('xj_xinyong');
  const page = await b.get(`/accounts/${l.id}`);
  assert.match(page.text, new RegExp(`LX-MANY-${n - 1}`));
});
