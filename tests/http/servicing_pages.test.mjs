// The liaison's pages: disbursement from the application page, the loan account with its
// schedule PDF, repayments through the form (duplicate receipt), the settlement certificate, and
// the due and overdue lists per village with phone numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, token, Browser, makeId, unitIds, guaranteedApplication, SCENARIO_DAY } from './lib.mjs';

let srv, units;

before(async () => {
  srv = await startServer({ today: SCENARIO_DAY }); // amounts below are worked by hand for these dates
  units = await unitIds(srv.base, await token(srv.base, 'admin'));
});
after(async () => { await srv.stop(); });

async function pdfText(b, path) {
  const res = await fetch(srv.base + path, { headers: { Cookie: b.cookie } });
  assert.equal(res.status, 200, path);
  const file = join(srv.dir, 'x.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-q', '-layout', file, '-'], { encoding: 'utf8' });
}

test('disburse, print the schedule, repay in full through the form, print the settlement certificate', async () => {
  const { application } = await guaranteedApplication(srv.base, { village_id: units['龙山村'], name: '颜廷军',
    id_number: makeId('19810808', 41, 'M'), amount_fen: 2000000, term_months: 12, project_name: '大蒜种植（10亩）' });
  const liaison = new Browser(srv.base);
  await liaison.login('xj_xinyong');
  const app = await liaison.get(`/loans/${application}`);
  assert.match(app.text, /登记放款/);
  const d = await liaison.post(`/loans/${application}/disburse`, { contract_no: 'XJ-2026-0100', disbursed_on: '2026-06-10',
    principal: '20,000.00', annual_rate: '4.35', term_months: '12', method: 'bullet', confirm: '1' });
  assert.equal(d.status, 303, d.text.slice(0, 400));
  const account = d.location.replace(/\?.*/, '');
  const schedule = await pdfText(liaison, `${account}/schedule.pdf`);
  assert.match(schedule, /还款计划表/);
  assert.match(schedule, /颜廷军/);
  assert.match(schedule, /2027年6月10日/);
  // 利随本清 is reckoned by days (按日计息): 2,000,000 × 4.35% / 360 × 365 days = 88,208.33 → 882.08
  assert.match(schedule, /882\.08/, 'bullet: 20,000.00 × 4.35% for 365 days');
  assert.match(schedule, /20,882\.08/);
  assert.match(schedule, /计息方式：按日计息/);

  const due = await liaison.get('/due?days=366');
  assert.match(due.text, /龙山村/);
  assert.match(due.text, /13905320000/, 'phone numbers for the visits');
  await liaison.get(account);
  // settled on 2026-11-23, 166 days after 06-10: interest for the days run only,
  // 2,000,000 × 4.35% / 360 × 166 = 40,116.67 → 401.17
  const pay = await liaison.post(`${account}/repayments`, { paid_on: '2026-11-23', amount: '20,401.17', receipt_no: 'XJ-R-9001', confirm: '1' });
  assert.equal(pay.status, 303, pay.text.slice(0, 600));
  const again = await liaison.post(`${account}/repayments`, { paid_on: '2026-11-23', amount: '20,401.17', receipt_no: 'XJ-R-9001', confirm: '1' });
  assert.match(again.location, /refused=duplicate/);
  const dup = await liaison.get(again.location);
  assert.match(dup.text, /<p class="error" role="alert">该凭证号此前已登记，本次未入账/, 'a refused duplicate is shown as an error');
  assert.doesNotMatch(dup.text, /class="flash"/);
  const page = await liaison.get(account);
  assert.match(page.text, /已结清/);
  const cert = await pdfText(liaison, `${account}/settlement.pdf`);
  assert.match(cert, /贷款结清证明/);
  assert.match(cert, /颜廷军/);
  assert.match(cert, /XJ-2026-0100/);
  assert.match(cert, /401\.17/);

  const finance = new Browser(srv.base);
  await finance.login('xj_caiwu');
  const claim = await finance.get('/subsidy?quarter=2026Q4');
  assert.match(claim.text, /颜廷军/);
  assert.match(claim.text, /401\.17<\/td><td class="num">202\.89/, '401.17 × (4.35 − 2.15) / 4.35 = 202.89');
  const pdf = await pdfText(finance, '/subsidy/2026Q4.pdf');
  assert.match(pdf, /贴息申报表（2026年第四季度）/);
  assert.match(pdf, /颜廷军/);
  assert.match(pdf, /202\.89/);
  assert.match(pdf, /人民币/);
  assert.equal((await liaison.get('/subsidy')).status, 403);
});

test('the overdue list shows an unpaid loan by village; the form refuses an overpayment and keeps the loan', async () => {
  const { application } = await guaranteedApplication(srv.base, { village_id: units['张洼村'], name: '张庆华',
    id_number: makeId('19700707', 42, 'M'), amount_fen: 3000000 });
  const liaison = new Browser(srv.base);
  await liaison.login('xj_xinyong');
  await liaison.get(`/loans/${application}`);
  const d = await liaison.post(`/loans/${application}/disburse`, { contract_no: 'XJ-2026-0101', disbursed_on: '2026-02-01',
    principal: '30000', annual_rate: '4.35', term_months: '12', method: 'equal-installment', confirm: '1' });
  assert.equal(d.status, 303);
  const overdue = await liaison.get('/overdue');
  assert.match(overdue.text, /张洼村/);
  assert.match(overdue.text, /张庆华/);
  const account = d.location.replace(/\?.*/, '');
  await liaison.get(account);
  const over = await liaison.post(`${account}/repayments`, { paid_on: '2026-11-23', amount: '99999', receipt_no: 'XJ-R-9002', confirm: '1' });
  assert.equal(over.status, 422);
  assert.match(over.text, /多付部分不能入账/);
  const association = new Browser(srv.base);
  await association.login('xj_xiehui');
  await association.get(account);
  assert.equal((await association.post(`${account}/repayments`, { paid_on: '2026-11-23', amount: '1', receipt_no: 'x' })).status, 403);
  const finance = new Browser(srv.base);
  await finance.login('xj_caiwu');
  const claims = await finance.get('/claims');
  assert.match(claims.text, /张庆华/);
  assert.match(claims.text, /<td class="num">267<\/td>/, 'first due 2026-03-01, 267 days before 2026-11-23');
  assert.equal((await association.post(`${account}/compensation`, {})).status, 403, 'only finance pays out');
  const asked = await finance.post(`${account}/compensation`, {});
  assert.equal(asked.status, 200, 'the payout asks first');
  assert.match(asked.text, /确认由担保基金代偿 张\*华（[^）]+，合同号 [^）]+）的剩余本金 [\d,]+\.\d\d 元（[^）]+）？/);
  assert.match((await finance.get('/claims')).text, /张庆华/, 'asking paid nothing');
  const paid = await finance.post(`${account}/compensation`, { confirm: '1' });
  assert.equal(paid.status, 303);
  assert.match((await finance.get(account)).text, /已代偿/);
  const tooMuch = await finance.post(`${account}/recoveries`, { on: '2026-11-23', amount: '999999', source: 'borrower', document_no: '追-9', confirm: '1' });
  assert.equal(tooMuch.status, 422);
  assert.match(tooMuch.text, /追偿金额超过尚未收回的代偿款/);
  const recovery = { on: '2026-11-23', amount: '5,000.00', source: 'counter_guarantor', document_no: '追-1' };
  const askRec = await finance.post(`${account}/recoveries`, recovery);
  assert.equal(askRec.status, 200);
  assert.match(askRec.text, /确认登记 张\*华（合同号 [^）]+）的追偿款 5,000\.00 元（伍仟元整），来自反担保人？日期 2026-11-23，收款凭证号 追-1。/);
  const back = await finance.post(`${account}/recoveries`, { ...recovery, confirm: 'edit' });
  assert.match(back.text, /name="document_no"[^>]*value="追-1"/, '返回修改 keeps what was typed');
  const rec = await finance.post(`${account}/recoveries`, { ...recovery, confirm: '1' });
  assert.equal(rec.status, 303);
  assert.match(rec.location, /ok=recovered/);
  assert.doesNotMatch((await finance.get('/claims')).text, /张庆华/);
});

test('a repayment statement: preview sorts matched, suspicious, unmatched and duplicate rows; confirm books them once', async () => {
  const { application } = await guaranteedApplication(srv.base, { village_id: units['后林村'], name: '郝建国',
    id_number: makeId('19760606', 43, 'M'), amount_fen: 12000000, project_name: '生猪养殖' });
  const liaison = new Browser(srv.base);
  await liaison.login('xj_xinyong');
  await liaison.get(`/loans/${application}`);
  const d = await liaison.post(`/loans/${application}/disburse`, { contract_no: 'XJ-2026-0200', disbursed_on: '2026-01-15',
    principal: '120000', annual_rate: '4.35', term_months: '12', method: 'equal-principal', confirm: '1' });
  assert.equal(d.status, 303);
  const csv = '合同号,还款日期,金额,凭证号\r\n' +
    'XJ-2026-0200,2026-02-15,"10,435.00",S-1\r\n' +
    'XJ-2026-0200,2026-03-15,9000.00,S-2\r\n' +
    'XJ-2026-9999,2026-03-15,100.00,S-3\r\n' +
    'XJ-2026-0200,2026-03-20,100.00,S-1\r\n' +
    'XJ-2026-0200,2026-13-01,100.00,S-4\r\n';
  await liaison.get('/statements');
  const preview = await liaison.upload('/statements', 'file', 'statement.csv', Buffer.from(csv));
  assert.equal(preview.status, 200, preview.text.slice(0, 500));
  assert.match(preview.text, /已匹配 1 行，金额不符 1 行，未匹配 1 行，重复凭证 1 行，格式错误 1 行/);
  assert.match(preview.text, /当日应还 10,398.75 元/);
  assert.match(preview.text, /没有这个合同号/);
  const action = preview.text.match(/action="(\/statements\/\d+)"/)[1];
  const booked = await liaison.post(action, {});
  assert.equal(booked.status, 200);
  assert.match(booked.text, /已入账 2 笔/);
  const again = await liaison.post(action, {});
  assert.equal(again.status, 404, 'a confirmed statement cannot be booked again');
  const replay = await liaison.upload('/statements', 'file', 'statement.csv', Buffer.from(csv));
  assert.match(replay.text, /重复凭证 3 行/, 'receipts already booked are recognised');
  const account = d.location.replace(/\?.*/, '');
  const page = await liaison.get(account);
  assert.match(page.text, /S-1/);
  assert.match(page.text, /S-2/);
  assert.doesNotMatch(page.text, /S-3/);
});
