// One loan worked by hand, served with a fixed today (2026-11-23): two instalments paid late, the
// guarantee paying it out later. The quarterly subsidy claim leaves out the late interest, the
// penalty and everything from the quarter of the payout on; the portfolio and the overdue list
// as of past dates show the loan as it stood then, although it is compensated now.
//
// The loan: 120,000.00 at 4.35 % a year, 等额本金 over 12 months (按月计息), disbursed 2026-01-15,
// in 东集村 (no other loan there, so the village cadre's scope holds only it). Instalment k falls
// due on the 15th of month k + 1; principal 10,000.00 each; interest = balance × 4.35 % / 12:
//   1 (02-15) 120,000.00 × 0.3625 % = 435.00     4 (05-15)  90,000.00 → 326.25
//   2 (03-15) 110,000.00            → 398.75     5 (06-15)  80,000.00 → 290.00
//   3 (04-15) 100,000.00            → 362.50     6 (07-15)  70,000.00 → 253.75
// Repayments: 1, 2 and 3 on their due dates; 4 and 5 together on 06-19 (4 is 35 days late, 5 is
// 4 days late), with their penalty; instalment 6 booked on 07-15 and reversed; on 10-10 a part payment of 200.00 (penalty first, then some
// interest of instalment 6, all late); paid out by the guarantee on 2026-10-20 (6 is 97 days late).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, makeId, unitIds, guaranteedApplication, pdfText, Browser } from './lib.mjs';

const TODAY = '2026-11-23';
let srv, t, units, loanId, penaltyQ2;

before(async () => {
  srv = await startServer({ today: TODAY });
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_caiwu', 'xj_xinyong', 'xj_cun_dongji']) t[u] = await token(srv.base, u);
  units = await unitIds(srv.base, t.admin);
  const { application } = await guaranteedApplication(srv.base, { village_id: units['东集村'], name: '孙有福',
    id_number: makeId('19750315', 61, 'M'), amount_fen: 12000000 });
  const loan = await api(srv.base, 'POST', '/loans', { application_id: application, contract_no: 'DJ-2026-0101',
    disbursed_on: '2026-01-15', principal_fen: 12000000, annual_rate: '4.35', method: 'equal-principal', term_months: 12 }, t.xj_xinyong);
  assert.equal(loan.status, 201, JSON.stringify(loan.body));
  loanId = loan.body.id;
  assert.deepEqual(loan.body.schedule.slice(0, 6).map((r) => r.interest_fen), [43500, 39875, 36250, 32625, 29000, 25375]);
  const pay = async (paid_on, amount_fen, receipt_no) => {
    const r = await api(srv.base, 'POST', `/loans/${loanId}/repayments`, { paid_on, amount_fen, receipt_no }, t.xj_xinyong);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.allocation;
  };
  await pay('2026-02-15', 1043500, 'DJ-R1');
  await pay('2026-03-15', 1039875, 'DJ-R2');
  await pay('2026-04-15', 1036250, 'DJ-R3');
  // Everything overdue on 06-19: instalments 4 and 5 with the penalty run on them.
  const due = (await api(srv.base, 'GET', `/loans/${loanId}?as_of=2026-06-19`, undefined, t.xj_xinyong)).body.overdue_fen;
  const late = await pay('2026-06-19', due, 'DJ-R4');
  assert.equal(late.interest_fen, 32625 + 29000);
  assert.equal(late.principal_fen, 2000000);
  penaltyQ2 = late.penalty_fen + (late.compound_fen ?? 0); // penalty and compound interest
  assert.ok(penaltyQ2 > 0);
  // Instalment 6 booked on its due date by mistake (the money never came) and reversed (冲正): it
  // must count nowhere, neither in the subsidy of 2026Q3 nor in the figures as they stood.
  const wrong = await api(srv.base, 'POST', `/loans/${loanId}/repayments`, { paid_on: '2026-07-15', amount_fen: 1025375,
    receipt_no: 'DJ-R6' }, t.xj_xinyong);
  assert.equal(wrong.status, 201, JSON.stringify(wrong.body));
  const rev = await api(srv.base, 'POST', `/loans/${loanId}/repayments/${wrong.body.repayment_id}/reverse`,
    { reason: '信用社退回，未实际到账' }, t.xj_xinyong);
  assert.equal(rev.status, 201, JSON.stringify(rev.body));
  const part = await pay('2026-10-10', 20000, 'DJ-R5');
  assert.equal(part.principal_fen, 0);
  const paid = await api(srv.base, 'POST', `/loans/${loanId}/compensation`, { on: '2026-10-20' }, t.xj_caiwu);
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
});
after(async () => { await srv.stop(); });

const claim = async (quarter) => {
  const r = await api(srv.base, 'GET', `/reports/subsidy?quarter=${quarter}`, undefined, t.xj_caiwu);
  assert.equal(r.status, 200);
  return r.body.items.find((i) => i.loan_id === loanId);
};

test('subsidy: interest of instalments paid on time only; none for late interest, penalty, or from the payout quarter on', async () => {
  // Q1: instalments 1 and 2 on time: 435.00 + 398.75 = 833.75, subsidy 833.75 × (4.35 − 2.15) / 4.35
  // = 421.6667 → 421.67.
  const q1 = await claim('2026Q1');
  assert.deepEqual([q1.interest_paid_fen, q1.late_interest_fen, q1.eligible_interest_fen, q1.subsidy_fen], [83375, 0, 83375, 42167]);
  assert.deepEqual(q1.excluded, []);
  assert.equal(q1.reason, '');
  // Q2: 362.50 on time (instalment 3) + 326.25 + 290.00 = 616.25 paid late (instalments 4 and 5):
  // eligible 362.50, subsidy 362.50 × 2.2 / 4.35 = 183.3333 → 183.33; the penalty is not subsidised.
  const q2 = await claim('2026Q2');
  assert.deepEqual([q2.interest_paid_fen, q2.late_interest_fen, q2.penalty_paid_fen, q2.eligible_interest_fen, q2.subsidy_fen],
    [36250 + 61625, 61625, penaltyQ2, 36250, 18333]);
  assert.deepEqual(q2.excluded, ['late', 'penalty']);
  assert.match(q2.reason, /^逾期归还的利息 616\.25 元不贴息；罚息、复利 [\d.,]+ 元不贴息$/);
  // Q3: nothing paid. Q4: 200.00 paid on 10-10 (penalty, then late interest), and the guarantee
  // paid the loan out on 10-20: nothing eligible in the quarter.
  assert.equal(await claim('2026Q3'), undefined);
  const q4 = await claim('2026Q4');
  assert.equal(q4.interest_paid_fen + q4.penalty_paid_fen, 20000);
  assert.equal(q4.late_interest_fen, q4.interest_paid_fen);
  assert.deepEqual([q4.eligible_interest_fen, q4.subsidy_fen], [0, 0]);
  assert.ok(q4.excluded.includes('compensated') && q4.excluded.includes('penalty'));
  assert.match(q4.reason, /2026-10-20 担保代偿，本季起不贴息/);
  // The totals add the rows; the 贴息申报表 prints the eligible interest and the reason.
  const all = (await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q2', undefined, t.xj_caiwu)).body;
  assert.equal(all.eligible_interest_fen, all.items.reduce((s, i) => s + i.eligible_interest_fen, 0));
  assert.equal(all.subsidy_fen, all.items.reduce((s, i) => s + i.subsidy_fen, 0));
});

test('the 贴息申报表 shows the eligible interest and why the rest is not subsidised', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_caiwu');
  const text = (await pdfText(srv, '/subsidy/2026Q2.pdf', b)).replace(/\s+/g, '');
  assert.ok(text.includes('可贴息利息'), text);
  assert.ok(text.includes('不予贴息原因'));
  assert.ok(text.includes('616.25'), 'the late interest in the reason');
  assert.ok(text.includes('183.33'));
  assert.ok(text.includes('（大写）：人民币'));
});

const village = async (path, as_of) => {
  const r = await api(srv.base, 'GET', `${path}?as_of=${as_of}`, undefined, t.xj_cun_dongji);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};

test('portfolio and overdue list as of past dates: the loan as it stood then, though compensated now', async () => {
  // Today: paid out, so nothing in the village.
  const now = await village('/reports/portfolio', TODAY);
  assert.deepEqual([now.loans, now.outstanding_fen, now.par30_fen], [0, 0, 0]);
  assert.equal((await village('/reports/overdue', TODAY)).total, 0);
  // 2026-05-31: instalments 1-3 repaid: 90,000.00 outstanding; instalment 4 (05-15) 16 days late: 关注, not PAR30.
  const may = await village('/reports/portfolio', '2026-05-31');
  assert.deepEqual([may.loans, may.outstanding_fen, may.par30_fen, may.par30], [1, 9000000, 0, '0.0000']);
  assert.deepEqual([may.grades.special_mention.loans, may.grades.normal.loans], [1, 0]);
  const mayOverdue = await village('/reports/overdue', '2026-05-31');
  assert.deepEqual(mayOverdue.items.map((v) => [v.village, v.loans, v.outstanding_fen, v.max_dpd]), [['东集村', 1, 9000000, 16]]);
  // 2026-06-30: instalments 4 and 5 repaid on 06-19: 70,000.00, nothing due unpaid: 正常.
  const june = await village('/reports/portfolio', '2026-06-30');
  assert.deepEqual([june.loans, june.outstanding_fen, june.grades.normal.loans, june.par30_fen], [1, 7000000, 1, 0]);
  assert.equal((await village('/reports/overdue', '2026-06-30')).total, 0);
  // 2026-09-30: instalment 6 (07-15) unpaid for 77 days: 关注, and the whole 70,000.00 is PAR30.
  const sep = await village('/reports/portfolio', '2026-09-30');
  assert.deepEqual([sep.loans, sep.outstanding_fen, sep.par30_fen, sep.par30], [1, 7000000, 7000000, '1.0000']);
  assert.equal(sep.grades.special_mention.outstanding_fen, 7000000);
  assert.equal((await village('/reports/overdue', '2026-09-30')).items[0].max_dpd, 77);
  // 2026-10-19, the day before the payout: 96 days: 次级. On the payout day it has left the portfolio.
  assert.equal((await village('/reports/portfolio', '2026-10-19')).grades.substandard.loans, 1);
  assert.equal((await village('/reports/portfolio', '2026-10-20')).loans, 0);
  // The loan itself, as it stood (beside its figures of today).
  const loan = async (as_of) => (await api(srv.base, 'GET', `/loans/${loanId}?as_of=${as_of}`, undefined, t.xj_xinyong)).body;
  assert.deepEqual((await loan('2026-09-30')).stood, { in_portfolio: true, outstanding_principal_fen: 7000000, dpd: 77, grade: 'special_mention' });
  assert.deepEqual((await loan('2026-05-31')).stood, { in_portfolio: true, outstanding_principal_fen: 9000000, dpd: 16, grade: 'special_mention' });
  assert.equal((await loan('2026-10-20')).stood.in_portfolio, false);
  assert.equal((await loan('2026-01-14')).stood.in_portfolio, false, 'not yet disbursed');
  assert.equal((await loan(TODAY)).stood, undefined, 'today: the loan\'s own figures');
  // By village, the same stocks.
  const rows = (await village('/reports/portfolio/villages', '2026-09-30')).items;
  const dj = rows.find((v) => v.village === '东集村');
  assert.deepEqual([dj.active_loans, dj.outstanding_fen, dj.par30_fen], [1, 7000000, 7000000]);
  assert.equal(dj.grades.special_mention, 1);
});

test('the quarterly report of a past quarter gives the stocks at its end', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const api930 = (await api(srv.base, 'GET', '/reports/portfolio?as_of=2026-09-30', undefined, t.xj_xiehui)).body;
  const apiNow = (await api(srv.base, 'GET', '/reports/portfolio', undefined, t.xj_xiehui)).body;
  assert.ok(api930.loans > apiNow.loans, 'loans compensated or settled since were in the portfolio on 09-30');
  const text = (await pdfText(srv, '/reports/quarterly.pdf?quarter=2026Q3', b)).replace(/\s+/g, '');
  assert.ok(text.includes(`季末在贷笔数${api930.loans}笔`), text);
  assert.ok(text.includes(`${(Number(api930.par30) * 100).toFixed(2)}%`));
});

test('the staff overdue page as of a past date shows the village as it stood then', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_cun_dongji');
  const page = async (q) => {
    const r = await b.get(`/overdue${q}`);
    assert.equal(r.status, 200, r.text);
    return r.text.replace(/\s+/g, '');
  };
  // The filter form carries the date.
  const sep = await page('?as_of=2026-09-30');
  assert.ok(sep.includes('name="as_of"value="2026-09-30"'), sep);
  // 2026-09-30: 东集村, 1 loan, 70,000.00 outstanding, 77 days (as the API's /reports/overdue).
  assert.match(sep, /<td>东集村<\/td><tdclass="num">1<\/td><tdclass="num">70,000\.00<\/td><tdclass="num">77<\/td>/);
  const may = await page('?as_of=2026-05-31');
  assert.match(may, /<td>东集村<\/td><tdclass="num">1<\/td><tdclass="num">90,000\.00<\/td><tdclass="num">16<\/td>/);
  // Today (paid out) and 2026-06-30 (all paid): nothing overdue.
  for (const q of ['', '?as_of=2026-06-30']) {
    const p = await page(q);
    assert.ok(p.includes('没有逾期') && !p.includes('<td>东集村</td>'), p);
  }
  const bad = await b.get('/overdue?as_of=2026-02-30');
  assert.equal(bad.status, 422);
});
