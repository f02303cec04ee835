// Accounting vouchers (记账凭证) and the trial balance (试算平衡表) over HTTP: after the whole demo
// and a voided receipt the books balance to the fen and each fund's balance is what its vouchers
// moved through the bank; a hand-worked month of a new 冯卯镇 fund gives exactly these vouchers,
// numbers and balances, read back as JSON, CSV, Excel and PDF; scope; the chart and the mapping
// edited by the administrator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, token, api, Browser, TODAY, addDays, sqlRows } from './lib.mjs';
import { readXlsx } from './xlsx.mjs';

let srv, t = {};
before(async () => {
  srv = await startServer();
  for (const u of ['qu_caiwu', 'xj_caiwu', 'fm_caiwu', 'xj_jiuzhu', 'admin', 'shenji', 'xj_xiehui', 'xj_cun_xiji']) {
    t[u] = await token(srv.base, u);
  }
});
after(async () => { await srv.stop(); });

// A download with a bearer token: { status, type, bytes }.
async function download(path, tok) {
  const res = await fetch(srv.base + '/api/v1' + path, { headers: { Authorization: `Bearer ${tok}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

// The text of a PDF as pdftotext reads it.
let pdfs = 0;
function pdfText(bytes) {
  const file = join(srv.dir, `v${pdfs++}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8' });
}

// What a list of vouchers moved through the money accounts (1001 现金, 1002 银行存款), per book.
function bankByBook(items) {
  const net = {};
  for (const v of items) {
    net[v.book] ??= 0;
    if (['1001', '1002'].includes(v.debit.code)) net[v.book] += v.amount_fen;
    if (['1001', '1002'].includes(v.credit.code)) net[v.book] -= v.amount_fen;
  }
  return net;
}

const EVER = '2000-01-01';

test('after the whole demo and a voided receipt: every kind of event, the trial balance balances, each fund is its bank movements', async () => {
  const all0 = await api(srv.base, 'GET', `/reports/vouchers?from=${EVER}&to=${TODAY}`, undefined, t.qu_caiwu);
  assert.equal(all0.status, 200, JSON.stringify(all0.body));
  const paid = all0.body.items.find((v) => v.event === 'relief_payment_cash');
  const voided = await api(srv.base, 'POST', `/receipts/${encodeURIComponent(paid.document_no)}/void`, { reason: '金额填错，作废重开' }, t.xj_jiuzhu);
  assert.equal(voided.status, 200, JSON.stringify(voided.body));

  const all = await api(srv.base, 'GET', `/reports/vouchers?from=${EVER}&to=${TODAY}`, undefined, t.qu_caiwu);
  assert.equal(all.body.total, all0.body.total + 1);
  const events = new Set(all.body.items.map((v) => v.event));
  for (const e of ['guarantee_income', 'guarantee_adjustment_in', 'guarantee_adjustment_out', 'guarantee_payout',
    'guarantee_recovery', 'relief_income_district', 'relief_income_township', 'relief_income_donation',
    'relief_income_other', 'relief_payment_cash', 'relief_payment_bank', 'loan_write_off']) assert.ok(events.has(e), `the demo has ${e}`);
  const red = all.body.items.filter((v) => v.red);
  assert.equal(red.length, 2, 'the demo income booked twice and the voided receipt');
  const voidRed = red.find((v) => v.reverses === paid.number);
  assert.ok(voidRed, 'the void is a red voucher pointing at the payment');
  assert.equal(voidRed.amount_fen, -paid.amount_fen);
  assert.deepEqual([voidRed.debit.code, voidRed.credit.code], ['5101', '1002']);
  assert.match(voidRed.summary, new RegExp(`^冲销${paid.number}（支付救助款（现金））：作废凭证 `));
  assert.equal(all.body.debit_total_fen, all.body.items.reduce((s, v) => s + v.amount_fen, 0));
  assert.equal(all.body.debit_total_fen, all.body.credit_total_fen);
  // the numbers: within a book and month 001, 002, ... without a gap
  const seq = {};
  for (const v of all.body.items) {
    const [word, month, n] = v.number.split('-');
    assert.equal(month, v.date.slice(0, 4) + v.date.slice(5, 7));
    seq[word + month] = (seq[word + month] || 0) + 1;
    assert.equal(Number(n), seq[word + month], v.number);
  }

  const g = await api(srv.base, 'GET', '/guarantee-fund', undefined, t.qu_caiwu);
  const funds = await api(srv.base, 'GET', '/funds', undefined, t.qu_caiwu);
  const net = bankByBook(all.body.items);
  assert.equal(net['担保基金'], g.body.balance_fen, 'the guarantee fund is what its vouchers moved through the bank');
  for (const f of funds.body.items) assert.equal(net[f.name] || 0, f.balance_fen, `fund ${f.name}`);

  const tb = await api(srv.base, 'GET', `/reports/trial-balance?from=${EVER}&as_of=${TODAY}`, undefined, t.qu_caiwu);
  assert.equal(tb.status, 200);
  assert.equal(tb.body.balanced, true);
  const s = tb.body.totals;
  assert.equal(s.debit_fen, s.credit_fen);
  assert.equal(s.closing_debit_fen, s.closing_credit_fen);
  assert.equal(s.debit_fen, all.body.debit_total_fen);
  const bank = tb.body.accounts.find((a) => a.code === '1002');
  assert.equal(bank.closing_debit_fen, g.body.balance_fen + funds.body.items.reduce((n, f) => n + f.balance_fen, 0),
    'the bank account holds every fund');
  // the year's view: the vouchers before 1 January are the openings, and they balance too
  const year = await api(srv.base, 'GET', `/reports/trial-balance?as_of=${TODAY}`, undefined, t.qu_caiwu);
  assert.equal(year.body.from, TODAY.slice(0, 4) + '-01-01');
  assert.equal(year.body.totals.opening_debit_fen, year.body.totals.opening_credit_fen);
  assert.equal(year.body.accounts.find((a) => a.code === '1002').closing_debit_fen, bank.closing_debit_fen);
});

// The hand-worked month: a new fund of 冯卯镇 (no other book in that scope), dated about five months ago.
const month = addDays(TODAY, -152).slice(0, 7), ym = month.replace('-', '');
const days = [`${month}-01`, `${month}-02`, `${month}-03`]; // the income, the donation, its reversal
let fund;

test('a hand-worked month: 80,000.00 received, 2,000.00 donated and reversed give these vouchers and this trial balance', async () => {
  const f = await api(srv.base, 'POST', '/funds', { name: '冯卯镇验算救助金' }, t.fm_caiwu);
  assert.equal(f.status, 201, JSON.stringify(f.body));
  fund = f.body.id;
  const a = await api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'township', amount_fen: 8000000, on: days[0], document_no: '冯财〔验〕1号', note: '镇财政拨款' }, t.fm_caiwu);
  const b = await api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'donation', amount_fen: 200000, on: days[1], document_no: '捐-验-2', note: '个人捐款' }, t.fm_caiwu);
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  const r = await api(srv.base, 'POST', `/fund-entries/${b.body.id}/reverse`, { on: days[2], reason: '捐款人要求退回' }, t.fm_caiwu);
  assert.equal(r.status, 201, JSON.stringify(r.body));

  const v = await api(srv.base, 'GET', `/reports/vouchers?from=${month}-01&to=${TODAY}`, undefined, t.fm_caiwu);
  assert.equal(v.status, 200);
  const word = `救${fund}`;
  assert.deepEqual(v.body.items.map((x) => [x.number, x.date, x.summary, x.debit.code, x.credit.code, x.amount_fen, x.red, x.reverses]), [
    [`${word}-${ym}-001`, days[0], '收到镇财政救助拨款：镇财政拨款', '1002', '4401', 8000000, false, ''],
    [`${word}-${ym}-002`, days[1], '收到救助捐赠：个人捐款', '1002', '4101', 200000, false, ''],
    [`${word}-${ym}-003`, days[2], `冲销${word}-${ym}-002（收到救助捐赠）：捐款人要求退回`, '1002', '4101', -200000, true, `${word}-${ym}-002`],
  ]);
  assert.equal(v.body.debit_total_fen, 8000000); // 80,000.00 + 2,000.00 − 2,000.00
  assert.equal(v.body.items[0].debit.name, '银行存款');
  assert.equal(v.body.items[0].credit.name, '政府补助收入');
  assert.equal(v.body.items[0].book, '冯卯镇验算救助金');

  const tb = await api(srv.base, 'GET', `/reports/trial-balance?from=${month}-01&as_of=${TODAY}`, undefined, t.fm_caiwu);
  assert.deepEqual(tb.body.accounts.map((x) => [x.code, x.opening_debit_fen, x.opening_credit_fen, x.debit_fen, x.credit_fen, x.closing_debit_fen, x.closing_credit_fen]), [
    ['1002', 0, 0, 8000000, 0, 8000000, 0], // 80,000.00 + 2,000.00 − 2,000.00 (red)
    ['4401', 0, 0, 0, 8000000, 0, 8000000], // 4101: 2,000.00 − 2,000.00 = 0, not listed
  ]);
  assert.deepEqual(tb.body.totals, { opening_debit_fen: 0, opening_credit_fen: 0, debit_fen: 8000000, credit_fen: 8000000,
    closing_debit_fen: 8000000, closing_credit_fen: 8000000 });
  // as of the day before the month: nothing yet; from the next month on: the month's figures are the openings
  const later = await api(srv.base, 'GET', `/reports/trial-balance?from=${addDays(days[2], 1)}&as_of=${TODAY}`, undefined, t.fm_caiwu);
  assert.deepEqual(later.body.accounts.find((x) => x.code === '1002'), { code: '1002', name: '银行存款', category: 'asset',
    opening_debit_fen: 8000000, opening_credit_fen: 0, debit_fen: 0, credit_fen: 0, closing_debit_fen: 8000000, closing_credit_fen: 0 });
});

test('the month as CSV (BOM, one value a cell), Excel (amounts as numbers) and PDF (with 大写 totals)', async () => {
  const word = `救${fund}`, q = `from=${month}-01&to=${TODAY}`;
  const csv = await download(`/reports/vouchers?${q}&format=csv`, t.fm_caiwu);
  assert.equal(csv.status, 200);
  assert.match(csv.type, /text\/csv/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const lines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(lines[0], '凭证号,日期,摘要,借方科目编号,借方科目,贷方科目编号,贷方科目,金额（元）,账簿,原始单据号');
  assert.equal(lines[1], `${word}-${ym}-001,${days[0]},收到镇财政救助拨款：镇财政拨款,1002,银行存款,4401,政府补助收入,80000.00,冯卯镇验算救助金,冯财〔验〕1号`);
  assert.match(lines[3], new RegExp(`^${word}-${ym}-003,.*,1002,银行存款,4101,捐赠收入,-2000.00,冯卯镇验算救助金,`));
  assert.equal(lines[4], '合计,,借方合计 = 贷方合计,,,,,80000.00,,');

  const x = await download(`/reports/vouchers?${q}&format=xlsx`, t.fm_caiwu);
  assert.equal(x.status, 200);
  const book = readXlsx(x.bytes);
  assert.equal(book.name, '记账凭证');
  assert.equal(book.rows[0][0].value, '凭证号');
  assert.deepEqual(book.rows[1][7], { type: 'number', value: 80000, format: '#,##0.00' });
  assert.deepEqual(book.rows[3][7], { type: 'number', value: -2000, format: '#,##0.00' });
  assert.equal(book.rows[1][1].type, 'date');
  assert.deepEqual(book.rows[1][3], { type: 'string', value: '1002', format: 'General' }, 'an account code stays text');

  const pdf = await download(`/reports/vouchers?${q}&format=pdf`, t.fm_caiwu);
  assert.equal(pdf.status, 200);
  const text = pdfText(pdf.bytes);
  assert.match(text, /记账凭证/);
  assert.match(text, new RegExp(`${word}-${ym}-001`));
  assert.match(text, /80,000\.00/);
  assert.match(text, /-2,000\.00/);
  assert.match(text, /借方合计：80,000\.00 元（大写：人民币捌万元整）/);
  assert.match(text, /贷方合计：80,000\.00 元（大写：人民币捌万元整）/);

  const tcsv = (await download(`/reports/trial-balance?from=${month}-01&as_of=${TODAY}&format=csv`, t.fm_caiwu)).bytes.toString('utf8');
  assert.deepEqual(tcsv.slice(1).trim().split('\r\n'), [
    '科目编号,科目名称,期初借方（元）,期初贷方（元）,本期借方（元）,本期贷方（元）,期末借方（元）,期末贷方（元）',
    '1002,银行存款,0.00,0.00,80000.00,0.00,80000.00,0.00',
    '4401,政府补助收入,0.00,0.00,0.00,80000.00,0.00,80000.00',
    '合计,,0.00,0.00,80000.00,80000.00,80000.00,80000.00',
    '', // the lines under the PDF's table come after a blank line, in words and 大写
    '"本期借方发生额合计：80,000.00 元（大写：人民币捌万元整）"',
    '"本期贷方发生额合计：80,000.00 元（大写：人民币捌万元整）"',
    '试算结果：期初、本期发生额和期末余额的借贷方合计均相等，试算平衡。',
  ]);
  const tx = readXlsx((await download(`/reports/trial-balance?from=${month}-01&as_of=${TODAY}&format=xlsx`, t.fm_caiwu)).bytes);
  assert.deepEqual(tx.rows[3][6], { type: 'number', value: 80000, format: '#,##0.00' });
  const tpdf = pdfText((await download(`/reports/trial-balance?from=${month}-01&as_of=${TODAY}&format=pdf`, t.fm_caiwu)).bytes);
  assert.match(tpdf, /试算平衡表/);
  assert.match(tpdf, /本期借方发生额合计：80,000\.00 元（大写：人民币捌万元整）/);
  assert.match(tpdf, /试算平衡。/);
});

test('scope: a township reads its own books, the district all, others no books at all', async () => {
  const q = `from=${EVER}&to=${TODAY}`;
  const fm = await api(srv.base, 'GET', `/reports/vouchers?${q}`, undefined, t.fm_caiwu);
  assert.ok(fm.body.items.every((v) => v.book === '冯卯镇验算救助金'));
  const xj = await api(srv.base, 'GET', `/reports/vouchers?${q}`, undefined, t.xj_caiwu);
  assert.ok(xj.body.total > 0);
  assert.deepEqual([...new Set(xj.body.items.map((v) => v.book))].sort(), ['人口和计划生育公益金', '计划生育奖励扶助资金'].sort(),
    '西集镇\'s two funds (relief and the entitlements): no guarantee fund, no 冯卯镇 book');
  const qu = await api(srv.base, 'GET', `/reports/vouchers?${q}`, undefined, t.qu_caiwu);
  assert.equal(qu.body.total, fm.body.total + xj.body.total + qu.body.items.filter((v) => v.book === '担保基金').length);
  const audit = await api(srv.base, 'GET', `/reports/vouchers?${q}`, undefined, t.shenji);
  assert.equal(audit.body.total, qu.body.total, 'the district auditor reads every book');
  const units = await api(srv.base, 'GET', '/units', undefined, t.qu_caiwu);
  const xiji = units.body.items.find((u) => u.name === '西集镇').id;
  assert.equal((await api(srv.base, 'GET', `/reports/vouchers?${q}&unit_id=${xiji}`, undefined, t.fm_caiwu)).status, 403);
  assert.equal((await api(srv.base, 'GET', `/reports/vouchers?${q}&unit_id=${xiji}`, undefined, t.qu_caiwu)).body.total, xj.body.total);
  for (const who of ['xj_xiehui', 'xj_cun_xiji']) {
    assert.equal((await api(srv.base, 'GET', `/reports/vouchers?${q}`, undefined, t[who])).status, 403, who);
    assert.equal((await api(srv.base, 'GET', `/reports/trial-balance`, undefined, t[who])).status, 403, who);
  }
  assert.equal((await api(srv.base, 'GET', `/reports/vouchers?from=${TODAY}&to=${EVER}`, undefined, t.qu_caiwu)).status, 422);
  assert.equal((await api(srv.base, 'GET', `/reports/trial-balance?as_of=2026-13-01`, undefined, t.qu_caiwu)).body.error.code, 'invalid_period');
});

test('the administrator edits the chart and the mapping; the vouchers follow; others are refused and nothing changes', async () => {
  const q = `/reports/vouchers?from=${month}-01&to=${TODAY}`;
  const accounts = await api(srv.base, 'GET', '/accounts', undefined, t.fm_caiwu);
  assert.equal(accounts.body.total, 48, 'the level-1 accounts of 民间非营利组织会计制度');
  assert.deepEqual(accounts.body.items.slice(0, 2).map((a) => [a.code, a.name]), [['1001', '现金'], ['1002', '银行存款']]);
  const bank = accounts.body.items.find((a) => a.code === '1002');
  assert.equal((await api(srv.base, 'PUT', `/accounts/${bank.id}`, { code: '100201', name: '银行存款—基本户' }, t.fm_caiwu)).status, 403);
  const dup = await api(srv.base, 'PUT', `/accounts/${bank.id}`, { code: '1001', name: '银行存款' }, t.admin);
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.code, 'duplicate_code');
  assert.equal((await api(srv.base, 'GET', q, undefined, t.fm_caiwu)).body.items[0].debit.code, '1002', 'refusals changed nothing');
  const ok = await api(srv.base, 'PUT', `/accounts/${bank.id}`, { code: '100201', name: '银行存款—基本户' }, t.admin);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual((await api(srv.base, 'GET', q, undefined, t.fm_caiwu)).body.items[0].debit, { code: '100201', name: '银行存款—基本户' });
  const created = await api(srv.base, 'POST', '/accounts', { code: '440101', name: '政府补助收入—限定性', category: 'income' }, t.admin);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal((await api(srv.base, 'POST', '/accounts', { code: '44x', name: '错', category: 'income' }, t.admin)).body.error.code, 'invalid_code');

  const rules = await api(srv.base, 'GET', '/voucher-rules', undefined, t.fm_caiwu);
  assert.equal(rules.body.total, 15, 'one rule per money event: guarantee 5, relief 6, programme payments 1, write-off 1, recovery after it 1, subsidy received 1');
  assert.deepEqual(rules.body.items.find((r) => r.event === 'guarantee_payout'), { event: 'guarantee_payout', name: '担保代偿',
    summary: '担保代偿', debit_code: '1122', debit_name: '其他应收款', credit_code: '100201', credit_name: '银行存款—基本户' });
  assert.equal((await api(srv.base, 'PUT', '/voucher-rules/relief_income_township', { debit_code: '100201', credit_code: '440101' }, t.fm_caiwu)).status, 403);
  assert.equal((await api(srv.base, 'PUT', '/voucher-rules/write_off', { debit_code: '5401', credit_code: '1122' }, t.admin)).status, 404);
  const same = await api(srv.base, 'PUT', '/voucher-rules/relief_income_township', { debit_code: '100201', credit_code: '100201' }, t.admin);
  assert.equal(same.body.error.code, 'same_account');
  const set = await api(srv.base, 'PUT', '/voucher-rules/relief_income_township', { debit_code: '100201', credit_code: '440101' }, t.admin);
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.credit_name, '政府补助收入—限定性');
  const after = await api(srv.base, 'GET', q, undefined, t.fm_caiwu);
  assert.equal(after.body.items[0].credit.code, '440101');
  assert.equal(after.body.items[0].number, `救${fund}-${ym}-001`, 'the number stays');
  const audit = await api(srv.base, 'GET', '/audit?entity=voucher_rule', undefined, t.admin);
  assert.equal(audit.status, 200);
});

test('pages: the reports list, the voucher and trial balance pages, the chart page keeps a refused edit', async () => {
  const fin = new Browser(srv.base);
  await fin.login('fm_caiwu');
  const reports = await fin.get('/reports');
  assert.match(reports.text, /href="\/reports\/vouchers">记账凭证/);
  assert.match(reports.text, /href="\/reports\/trial-balance">试算平衡表/);
  const page = await fin.get(`/reports/vouchers?from=${month}-01&to=${TODAY}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`救${fund}-${ym}-003`));
  assert.match(page.text, /href="\/reports\/vouchers\.xlsx\?/);
  const tb = await fin.get(`/reports/trial-balance?from=${month}-01&as_of=${TODAY}`);
  assert.match(tb.text, /试算平衡表/);
  assert.match(tb.text, /80,000\.00/);
  assert.equal((await fin.get('/admin/accounts')).status, 403);

  const admin = new Browser(srv.base);
  await admin.login('admin');
  const chart = await admin.get('/admin/accounts');
  assert.match(chart.text, /value="100201"/);
  assert.match(chart.text, /担保代偿/);
  const id = (await api(srv.base, 'GET', '/accounts', undefined, t.admin)).body.items.find((a) => a.code === '5401').id;
  const bad = await admin.post(`/admin/accounts/${id}`, { code: '54O1', name: '其他费用—手续费' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /value="54O1"/, 'what was typed is kept');
  assert.match(bad.text, /value="其他费用—手续费"/);
  assert.match(bad.text, /科目编号应为4到12位数字/);
  const good = await admin.post(`/admin/accounts/${id}`, { code: '5401', name: '其他费用—手续费' });
  assert.equal(good.status, 303);
  assert.equal((await api(srv.base, 'GET', '/accounts', undefined, t.admin)).body.items.find((a) => a.id === id).name, '其他费用—手续费');
});

test('a write-off, a recovery after it and the interest subsidy received are vouchers; the books still balance', async () => {
  const q = `/reports/vouchers?from=${EVER}&to=${TODAY}`;
  // the bank account as the administrator has coded it by now (an earlier test renamed 1002)
  const bank = (await api(srv.base, 'GET', '/accounts', undefined, t.admin)).body.items.find((a) => a.name.startsWith('银行存款')).code;
  // the demo's write-off: Dr 5401 其他费用, Cr 1122 其他应收款, its approved amount, 字 核
  const [wo] = sqlRows(srv.db, "SELECT w.loan_id, w.amount_fen, w.on_date, l.contract_no FROM loan_write_offs w JOIN loans l ON l.id = w.loan_id WHERE w.state = 'approved'");
  const before = await api(srv.base, 'GET', q, undefined, t.qu_caiwu);
  const woV = before.body.items.find((v) => v.event === 'loan_write_off');
  assert.deepEqual([woV.number, woV.date, woV.debit.code, woV.credit.code, woV.amount_fen, woV.book],
    [`核-${wo.on_date.slice(0, 4)}${wo.on_date.slice(5, 7)}-001`, wo.on_date, '5401', '1122', wo.amount_fen, '担保基金']);
  assert.match(woV.summary, new RegExp(`^核销担保代偿款：${wo.contract_no} `));
  // a recovery after the write-off, 1,000.00: Dr 1002, Cr 4901 其他收入 (the claim left 1122 with the write-off)
  const rec = await api(srv.base, 'POST', `/loans/${wo.loan_id}/recoveries`, { on: TODAY, amount_fen: 100000, source: 'borrower',
    document_no: 'WO-REC-1' }, t.xj_caiwu);
  assert.equal(rec.status, 201, JSON.stringify(rec.body));
  // the subsidy received: 12,345.67 recorded, reversed (typed wrong), 12,345.00 recorded
  const quarter = `${TODAY.slice(0, 4)}Q${Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + 1}`;
  const body = { quarter, on: TODAY, amount_fen: 1234567, document_no: '山财贴〔验〕1号' };
  assert.equal((await api(srv.base, 'POST', '/subsidy-receipts', body, t.xj_caiwu)).body.error.code, 'district_only');
  assert.equal((await api(srv.base, 'POST', '/subsidy-receipts', body, t.xj_xiehui)).status, 403);
  for (const [bad, code] of [[{ quarter: '2026Q5' }, 'invalid_quarter'], [{ quarter: `${Number(TODAY.slice(0, 4)) + 1}Q1` }, 'invalid_quarter'],
    [{ on: addDays(TODAY, 1) }, 'invalid_date'], [{ amount_fen: 0 }, 'invalid_amount'], [{ document_no: '' }, 'invalid_document_no']]) {
    const r = await api(srv.base, 'POST', '/subsidy-receipts', { ...body, ...bad }, t.qu_caiwu);
    assert.deepEqual([r.status, r.body.error.code], [422, code]);
  }
  assert.equal((await api(srv.base, 'GET', '/subsidy-receipts', undefined, t.qu_caiwu)).body.total, 0, 'refusals wrote nothing');
  const one = await api(srv.base, 'POST', '/subsidy-receipts', body, t.qu_caiwu);
  assert.equal(one.status, 201, JSON.stringify(one.body));
  const id = one.body.items[0].id;
  assert.equal((await api(srv.base, 'POST', `/subsidy-receipts/${id}/reverse`, { reason: '' }, t.qu_caiwu)).body.error.code, 'invalid_reason');
  const rev = await api(srv.base, 'POST', `/subsidy-receipts/${id}/reverse`, { reason: '金额录错' }, t.qu_caiwu);
  assert.equal(rev.status, 201, JSON.stringify(rev.body));
  assert.equal((await api(srv.base, 'POST', `/subsidy-receipts/${id}/reverse`, { reason: '再冲' }, t.qu_caiwu)).body.error.code, 'already_reversed');
  const two = await api(srv.base, 'POST', '/subsidy-receipts', { ...body, amount_fen: 1234500 }, t.qu_caiwu);
  assert.deepEqual([two.body.total, two.body.net_fen], [3, 1234500], '12,345.67 − 12,345.67 + 12,345.00');
  const ym = TODAY.slice(0, 4) + TODAY.slice(5, 7);
  const after = await api(srv.base, 'GET', q, undefined, t.qu_caiwu);
  assert.equal(after.body.total, before.body.total + 4);
  assert.deepEqual(after.body.items.filter((v) => v.book === '财政贴息').map((v) => [v.number, v.debit.code, v.credit.code, v.amount_fen, v.summary]), [
    [`贴-${ym}-001`, bank, '2601', 1234567, `收到财政贴息资金：${quarter.slice(0, 4)}年第${quarter.slice(5)}季度`],
    [`贴-${ym}-002`, bank, '2601', -1234567, `冲销贴-${ym}-001（收到财政贴息资金）：金额录错`],
    [`贴-${ym}-003`, bank, '2601', 1234500, `收到财政贴息资金：${quarter.slice(0, 4)}年第${quarter.slice(5)}季度`],
  ]);
  const recV = after.body.items.find((v) => v.document_no === 'WO-REC-1');
  assert.deepEqual([recV.event, recV.debit.code, recV.credit.code, recV.amount_fen], ['guarantee_recovery_written_off', bank, '4901', 100000]);
  // the trial balance: equal sides; 2601 holds the 12,345.00 for the borrowers; the bank holds every fund and it;
  // 1122 is the payouts less the recoveries before the write-off less the write-off
  const tb = await api(srv.base, 'GET', `/reports/trial-balance?from=${EVER}&as_of=${TODAY}`, undefined, t.qu_caiwu);
  assert.equal(tb.body.balanced, true);
  assert.equal(tb.body.totals.closing_debit_fen, tb.body.totals.closing_credit_fen);
  const acct = (code) => tb.body.accounts.find((a) => a.code === code) || {};
  assert.deepEqual([acct('2601').closing_debit_fen, acct('2601').closing_credit_fen], [0, 1234500]);
  const g = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.qu_caiwu)).body;
  const funds = (await api(srv.base, 'GET', '/funds', undefined, t.qu_caiwu)).body.items;
  assert.equal(acct(bank).closing_debit_fen, g.balance_fen + funds.reduce((n, f) => n + f.balance_fen, 0) + 1234500);
  const [led] = sqlRows(srv.db, `SELECT
      (SELECT -sum(amount_fen) FROM guarantee_fund_entries WHERE kind = 'payout') AS paid,
      (SELECT sum(g.amount_fen) FROM guarantee_fund_entries g WHERE g.kind = 'recovery' AND NOT EXISTS (SELECT 1 FROM loan_write_offs w
         WHERE w.loan_id = g.loan_id AND w.state = 'approved' AND w.on_date <= g.on_date)) AS recovered`);
  assert.equal(acct('1122').closing_debit_fen, led.paid - led.recovered - wo.amount_fen);
  assert.equal(acct('5401').debit_fen >= wo.amount_fen, true);
  // the subsidy page lists them; the rule of the new events is the administrator's to change
  const fin = new Browser(srv.base);
  await fin.login('qu_caiwu');
  const page = await fin.get('/subsidy');
  assert.match(page.text, /收到的财政贴息资金/);
  assert.match(page.text, /山财贴〔验〕1号/);
  assert.match(page.text, /12,345\.00/);
  const set = await api(srv.base, 'PUT', '/voucher-rules/subsidy_received', { debit_code: bank, credit_code: '2209' }, t.admin);
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const moved = await api(srv.base, 'GET', q, undefined, t.qu_caiwu);
  assert.ok(moved.body.items.filter((v) => v.book === '财政贴息').every((v) => v.credit.code === '2209'));
});
