// Issue 18: the quarterly report (季度工作报表) in the JSON API with the figures its page shows, and
// as CSV and Excel read back figure by figure to the fen; the guarantee fund's ledger as a paged,
// filtered, scoped list with the balance after each entry, and as files; the village officers'
// due reminders and the bulk-SMS file for API clients.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, TODAY, addDays } from './lib.mjs';
import { readXlsx } from './xlsx.mjs';

let srv, t;

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['admin', 'qu_caiwu', 'xj_xiehui', 'xj_caiwu', 'fm_xiehui', 'xj_pingshen', 'xj_cun_xiji', 'shenji'])
    t[u] = await token(srv.base, u);
});
after(async () => { await srv.stop(); });

// GET under /api/v1 with the bearer token, as bytes.
async function download(path, tok) {
  const res = await fetch(srv.base + '/api/v1' + path, { headers: { Authorization: `Bearer ${tok}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()) };
}

// A CSV file's rows (BOM checked and removed; quoted fields with doubled quotes).
function csvRows(bytes) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const text = bytes.subarray(3).toString('utf8').split('\r\n\r\n')[0].replace(/(\r\n)+$/, '') + '\r\n', rows = []; // the table, not the lines under it
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') cell += '"', i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), cell = '';
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = [], cell = ''; i++; }
    else cell += ch;
  }
  return rows;
}

// Fen of a money cell written in 元 with two decimals ("" → null).
const fenOf = (s) => (s === '' ? null : Math.round(Number(s) * 100));

// The figures the quarterly report's JSON says, as the rows its sheet must hold:
// [部分, 项目, count or null, fen or null, rate or ''].
function expectedFigures(q) {
  const L = q.loans, part = '计生信贷助富', grades = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'];
  const names = { normal: '正常', special_mention: '关注', substandard: '次级', doubtful: '可疑', loss: '损失' };
  return [
    [part, '本季受理申请（件）', L.applications, null, ''],
    [part, '本季批准（件）', L.approved, null, ''],
    [part, '本季未通过（件）', L.rejected, null, ''],
    [part, '本季评审办结（件）及按时办结率', L.decided, null, L.on_time_rate],
    [part, '本季放款（笔、元）', L.disbursed_loans, L.disbursed_fen, ''],
    [part, '季末在贷（笔）及贷款余额（元）', L.active_loans, L.outstanding_fen, ''],
    [part, 'PAR30（逾期30天以上余额及占比）', null, L.par30_fen, L.par30_rate],
    ...grades.map((g) => [part, `季末五级分类：${names[g]}（笔、元）`, L.grades[g].loans, L.grades[g].outstanding_fen, '']),
    [part, '本季担保代偿（元）', null, L.payouts_fen, ''],
    [part, '本季追偿收回（元）', null, L.recoveries_fen, ''],
    ...q.months.map((m) => ['近12个月：当月放款', m.month, null, m.disbursed_fen, '']),
    ...q.months.map((m) => ['近12个月：月末贷款余额及PAR30', m.month, null, m.outstanding_fen, m.par30_rate]),
    ['困难家庭救助', '本季发放（笔、元，不含作废凭证）', q.relief.payments, q.relief.amount_fen, ''],
    ['困难家庭救助', '本季实物慰问（户次、价值元，不计入现金）', q.in_kind.distributions, q.in_kind.value_fen, ''],
    ...q.relief.categories.map((c) => ['困难家庭救助', `按类别：${c.category}（笔、元）`, c.payments, c.amount_fen, '']),
    ...q.campaigns.map((c) => ['帮扶活动', `${c.name}（${c.unit}）：达标户数（目标 ${c.target_households} 户）、帮扶金额（元）`,
      c.households_reached, c.amount_fen, `${(100 * c.households_reached / c.target_households).toFixed(2)}%`]),
    ...(q.campaigns_total > q.campaigns.length
      ? [['帮扶活动', `另有 ${q.campaigns_total - q.campaigns.length} 个帮扶活动，见“帮扶活动”页面`, null, null, '']] : []),
    ['帮扶成效（本季回访）', '回访贷款（笔）', q.outcomes.visited, null, ''],
    ['帮扶成效（本季回访）', '带动就业（人）', q.outcomes.jobs, null, ''],
    ['帮扶成效（本季回访）', '项目年收入（元）', null, q.outcomes.income_fen, ''],
    ['贴息申报', '本季付息贷款（笔）', q.subsidy.loans, null, ''],
    ['贴息申报', '本季实付利息（元）', null, q.subsidy.interest_paid_fen, ''],
    ['贴息申报', '可贴息利息（元，不含逾期归还的利息和罚息）', null, q.subsidy.eligible_interest_fen, ''],
    ['贴息申报', '申请贴息（元）', null, q.subsidy.subsidy_fen, ''],
  ];
}

// The quarter of a day ("2026Q4") and the one before it.
const quarterOf = (day) => `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
function previousQuarter(code) {
  const y = Number(code.slice(0, 4)), q = Number(code[5]);
  return q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
}

test('the quarterly report in JSON: the quarter, its days, the figures the PDF prints, in the user\'s scope', async () => {
  const q = await api(srv.base, 'GET', '/reports/quarterly', undefined, t.xj_xiehui);
  assert.equal(q.status, 200, JSON.stringify(q.body));
  const b = q.body;
  assert.equal(b.quarter, quarterOf(TODAY), 'the current quarter by default');
  assert.equal(b.to, TODAY, 'the current quarter runs to today');
  assert.equal(b.draft, true);
  assert.equal(b.unit, '西集镇');
  assert.equal(b.months.length, 12);
  assert.equal(b.months.at(-1).month, TODAY.slice(0, 7));
  const p = (await api(srv.base, 'GET', '/reports/portfolio', undefined, t.xj_xiehui)).body;
  assert.equal(b.loans.active_loans, p.loans, 'the loans at the quarter\'s end are today\'s portfolio');
  assert.equal(b.loans.outstanding_fen, p.outstanding_fen);
  assert.equal(b.loans.par30_fen, p.par30_fen);
  assert.equal(b.months.at(-1).outstanding_fen, p.outstanding_fen, 'this month ends with today\'s balance');
  assert.equal(Object.values(b.loans.grades).reduce((s, g) => s + g.loans, 0), p.loans, 'the grades count every loan');
  const sub = (await api(srv.base, 'GET', `/reports/subsidy?quarter=${b.quarter}`, undefined, t.xj_xiehui)).body;
  assert.deepEqual([b.subsidy.loans, b.subsidy.interest_paid_fen, b.subsidy.eligible_interest_fen, b.subsidy.subsidy_fen],
    [sub.total, sub.interest_paid_fen, sub.eligible_interest_fen, sub.subsidy_fen], 'the subsidy claim of the quarter');
  assert.equal(b.relief.amount_fen, b.relief.categories.reduce((s, c) => s + c.amount_fen, 0), 'relief: the categories add up');
  assert.ok(b.subsidy.subsidy_capital.startsWith('人民币') || b.subsidy.subsidy_fen === 0, 'the claim in 大写');

  const prev = previousQuarter(b.quarter);
  const old = await api(srv.base, 'GET', `/reports/quarterly?quarter=${prev}`, undefined, t.xj_xiehui);
  assert.equal(old.status, 200);
  assert.equal(old.body.draft, false, 'a past quarter is final');
  assert.ok(old.body.to < TODAY && old.body.from < old.body.to);
  const other = await api(srv.base, 'GET', '/reports/quarterly', undefined, t.fm_xiehui);
  assert.equal(other.body.unit, '冯卯镇');
  assert.equal(other.body.loans.active_loans, 0, 'the other township has none of 西集\'s loans');
  for (const [query, code] of [['quarter=2026Q5', 'invalid_quarter'], [`quarter=${Number(TODAY.slice(0, 4)) + 1}Q1`, 'quarter_not_begun'],
    ['format=doc', 'invalid_format']]) {
    const r = await api(srv.base, 'GET', `/reports/quarterly?${query}`, undefined, t.xj_xiehui);
    assert.equal(r.status, 422, query);
    assert.equal(r.body.error.code, code);
  }
  assert.equal((await api(srv.base, 'GET', '/reports/quarterly', undefined, t.xj_pingshen)).status, 403, 'reviewers: no');
  const units = (await api(srv.base, 'GET', '/units', undefined, t.fm_xiehui)).body.items ?? [];
  const xiji = (await api(srv.base, 'GET', '/units', undefined, t.xj_xiehui)).body.items.find((u) => u.name === '西集镇');
  assert.ok(!units.some((u) => u.id === xiji.id));
  assert.equal((await api(srv.base, 'GET', `/reports/quarterly?unit_id=${xiji.id}`, undefined, t.fm_xiehui)).status, 403,
    'another township\'s unit is out of scope');
});

test('the quarterly figures as CSV and Excel: one value a cell, every figure equal to the JSON to the fen', async () => {
  for (const quarter of [quarterOf(TODAY), previousQuarter(quarterOf(TODAY))]) {
    const q = (await api(srv.base, 'GET', `/reports/quarterly?quarter=${quarter}`, undefined, t.xj_caiwu)).body;
    const want = expectedFigures(q);
    const csv = await download(`/reports/quarterly?quarter=${quarter}&format=csv`, t.xj_caiwu);
    assert.equal(csv.status, 200);
    assert.match(csv.disposition, new RegExp(`quarterly-${quarter}\\.csv`));
    const rows = csvRows(csv.bytes);
    assert.deepEqual(rows[0], ['部分', '项目', '数量', '金额（元）', '比率']);
    assert.equal(rows.length - 1, want.length, `${quarter}: one row a figure`);
    want.forEach(([part, item, count, fen, rate], i) => {
      const r = rows[i + 1];
      assert.deepEqual([r[0], r[1]], [part, item], `row ${i + 1}`);
      assert.equal(r[2] === '' ? null : Number(r[2]), count, `${item}: count`);
      assert.equal(fenOf(r[3]), fen, `${item}: fen`);
      assert.equal(r[4], rate, `${item}: rate`);
    });
    const x = await download(`/reports/quarterly?quarter=${quarter}&format=xlsx`, t.xj_caiwu);
    assert.equal(x.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = readXlsx(x.bytes);
    assert.match(book.name, /^季度工作报表/);
    assert.ok(book.frozen);
    assert.equal(book.rows.length - 1, want.length);
    want.forEach(([part, item, count, fen, rate], i) => {
      const r = book.rows[i + 1];
      assert.equal(r[0].value, part);
      assert.equal(r[1].value, item);
      if (count === null) assert.equal(r[2], undefined, `${item}: no count`);
      else assert.deepEqual(r[2], { type: 'number', value: count, format: '0' }, `${item}: count`);
      if (fen === null) assert.equal(r[3], undefined, `${item}: no amount`);
      else {
        assert.equal(r[3].type, 'number', `${item}: an amount is a number`);
        assert.equal(Math.round(r[3].value * 100), fen, `${item}: fen`);
        assert.equal(r[3].format, '#,##0.00');
      }
      assert.equal(r[4]?.value ?? '', rate, `${item}: rate`);
    });
  }
  const pdf = await download(`/reports/quarterly?format=pdf`, t.xj_caiwu);
  assert.equal(pdf.type, 'application/pdf');
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  const old = await download(`/reports/quarterly.pdf?quarter=${quarterOf(TODAY)}`, t.xj_caiwu);
  assert.equal(old.bytes.subarray(0, 5).toString(), '%PDF-', 'the older path still answers');
});

test('the quarterly page shows the figures and links 导出Excel and CSV with the chosen quarter', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const quarter = previousQuarter(quarterOf(TODAY));
  const q = (await api(srv.base, 'GET', `/reports/quarterly?quarter=${quarter}`, undefined, t.xj_xiehui)).body;
  const page = await b.get(`/reports/quarterly?quarter=${quarter}`);
  assert.equal(page.status, 200);
  for (const ext of ['csv', 'xlsx', 'pdf']) assert.ok(page.text.includes(`href="/reports/quarterly.${ext}?quarter=${quarter}`), ext);
  assert.match(page.text, /导出Excel/);
  assert.match(page.text, /导出 CSV/);
  const money = (fen) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.ok(page.text.includes(money(q.loans.outstanding_fen)), 'the balance at the quarter\'s end is on the page');
  assert.ok(page.text.includes(money(q.subsidy.interest_paid_fen)), 'the interest paid is on the page');
  for (const ext of ['csv', 'xlsx']) {
    const res = await fetch(`${srv.base}/reports/quarterly.${ext}?quarter=${quarter}`, { headers: { Cookie: b.cookie } });
    assert.equal(res.status, 200, ext);
  }
});

test('the guarantee fund\'s ledger: every entry for the district, the balance after each, filters and paging', async () => {
  const fund = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.qu_caiwu)).body;
  const all = await api(srv.base, 'GET', '/guarantee-fund/entries?limit=500', undefined, t.qu_caiwu);
  assert.equal(all.status, 200);
  const items = all.body.items;
  assert.ok(items.length >= 4, 'the demo has income, a payout and a recovery');
  assert.equal(all.body.total, items.length);
  let balance = 0;
  for (const x of items) {
    balance += x.amount_fen;
    assert.equal(x.balance_after_fen, balance, `entry ${x.id}: the balance after it`);
    assert.equal(x.loan === null, ['income', 'adjustment'].includes(x.kind), `entry ${x.id}: a loan for payouts and recoveries`);
  }
  assert.equal(balance, fund.balance_fen, 'the ledger ends on the fund\'s balance');
  const payout = items.find((x) => x.kind === 'payout');
  assert.ok(payout.amount_fen < 0 && payout.loan.contract_no && payout.loan.applicant);
  const incomes = await api(srv.base, 'GET', '/guarantee-fund/entries?kind=income', undefined, t.qu_caiwu);
  assert.deepEqual(incomes.body.items.map((x) => x.id), items.filter((x) => x.kind === 'income').map((x) => x.id));
  const day = items[1].on;
  const from = await api(srv.base, 'GET', `/guarantee-fund/entries?from=${day}&to=${TODAY}`, undefined, t.qu_caiwu);
  assert.deepEqual(from.body.items.map((x) => x.id), items.filter((x) => x.on >= day).map((x) => x.id));
  const page = await api(srv.base, 'GET', '/guarantee-fund/entries?limit=1&offset=1', undefined, t.qu_caiwu);
  assert.deepEqual(page.body.items, [items[1]]);
  assert.equal(page.body.total, items.length);
  for (const [q, code] of [['kind=gift', 'invalid_kind'], ['from=2026-13-01', 'invalid_date']]) {
    const r = await api(srv.base, 'GET', `/guarantee-fund/entries?${q}`, undefined, t.qu_caiwu);
    assert.equal(r.status, 422, q);
    assert.equal(r.body.error.code, code);
  }
});

test('the guarantee ledger in scope: a township sees its loans\' payouts and recoveries, not the district\'s income', async () => {
  const all = (await api(srv.base, 'GET', '/guarantee-fund/entries?limit=500', undefined, t.admin)).body.items;
  const mine = (await api(srv.base, 'GET', '/guarantee-fund/entries?limit=500', undefined, t.xj_xiehui)).body;
  assert.ok(mine.total >= 2);
  assert.ok(mine.items.every((x) => x.loan), 'only entries of loans');
  assert.deepEqual(mine.items.map((x) => x.id), all.filter((x) => x.loan).map((x) => x.id), 'the township\'s loans are all 西集\'s');
  assert.equal((await api(srv.base, 'GET', '/guarantee-fund/entries', undefined, t.fm_xiehui)).body.total, 0, '冯卯镇: none');
  const village = (await api(srv.base, 'GET', '/guarantee-fund/entries', undefined, t.xj_cun_xiji)).body;
  assert.ok(village.items.every((x) => x.loan.village === '西集村'), 'a village officer: the village\'s loans only');
  const csv = csvRows((await download('/guarantee-fund/entries?format=csv', t.fm_xiehui)).bytes);
  assert.equal(csv.length, 1, 'the other township\'s file: the header alone');
});

test('the guarantee ledger as CSV, Excel and PDF with the filters: amounts as 收入/支出 and the balance, to the fen', async () => {
  const items = (await api(srv.base, 'GET', '/guarantee-fund/entries?limit=500', undefined, t.qu_caiwu)).body.items;
  const rows = csvRows((await download('/guarantee-fund/entries?format=csv', t.qu_caiwu)).bytes);
  assert.deepEqual(rows[0], ['序号', '日期', '类型', '文件号/凭证号', '贷款合同号', '借款人', '村', '摘要', '收入（元）', '支出（元）', '余额（元）']);
  assert.equal(rows.length - 1, items.length);
  const kinds = { income: '收入', adjustment: '调整', payout: '代偿', recovery: '追偿' };
  items.forEach((x, i) => {
    const r = rows[i + 1];
    assert.deepEqual([Number(r[0]), r[1], r[2], r[3], r[4]], [x.id, x.on, kinds[x.kind], x.document_no, x.loan?.contract_no ?? '']);
    assert.equal(x.amount_fen >= 0 ? fenOf(r[8]) : -fenOf(r[9]), x.amount_fen, `entry ${x.id}: amount`);
    assert.equal(fenOf(r[10]), x.balance_after_fen, `entry ${x.id}: balance`);
  });
  const book = readXlsx((await download('/guarantee-fund/entries?kind=payout&format=xlsx', t.qu_caiwu)).bytes);
  assert.equal(book.name, '担保基金明细账');
  const payouts = items.filter((x) => x.kind === 'payout');
  assert.equal(book.rows.length - 1, payouts.length, 'the file keeps the filter');
  payouts.forEach((x, i) => {
    const r = book.rows[i + 1];
    assert.deepEqual(r[0], { type: 'number', value: x.id, format: '0' });
    assert.deepEqual(r[1], { type: 'date', value: x.on, format: 'yyyy-mm-dd' });
    assert.equal(Math.round(r[9].value * 100), -x.amount_fen);
    assert.equal(Math.round(r[10].value * 100), x.balance_after_fen);
  });
  const pdf = await download('/guarantee-fund/entries?format=pdf', t.qu_caiwu);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await download('/guarantee-fund/entries?format=doc', t.qu_caiwu)).status, 422);
  assert.equal((await download('/guarantee-fund/entries?kind=gift&format=csv', t.qu_caiwu)).status, 422, 'a bad filter is refused, not exported');
});

test('the guarantee fund page lists the ledger with its filters and exports it with the session', async () => {
  const b = new Browser(srv.base);
  await b.login('qu_caiwu');
  const items = (await api(srv.base, 'GET', '/guarantee-fund/entries?kind=recovery', undefined, t.qu_caiwu)).body.items;
  const page = await b.get('/guarantee-fund?kind=recovery');
  assert.equal(page.status, 200);
  assert.match(page.text, /明细账/);
  for (const x of items) assert.ok(page.text.includes(x.document_no), `recovery ${x.document_no} listed`);
  assert.ok(!page.text.includes('山财〔2026〕12号'), 'the income is filtered out');
  assert.ok(page.text.includes('href="/guarantee-fund?kind=recovery&amp;format=xlsx"'), 'the Excel link keeps the filter');
  const res = await fetch(`${srv.base}/guarantee-fund?kind=recovery&format=xlsx`, { headers: { Cookie: b.cookie } });
  assert.equal(res.status, 200);
  assert.equal(readXlsx(Buffer.from(await res.arrayBuffer())).rows.length - 1, items.length);
});

test('the due reminders for API clients: the page\'s list, by village, with the bulk-SMS file', async () => {
  const due = (await api(srv.base, 'GET', '/reports/due?days=30&limit=500', undefined, t.xj_xiehui)).body.items;
  const rem = await api(srv.base, 'GET', '/reports/due-reminders?days=30&limit=500', undefined, t.xj_xiehui);
  assert.equal(rem.status, 200);
  const keys = ['loan_id', 'village', 'applicant', 'phone', 'contract_no', 'n', 'due_on', 'due_fen'];
  const pick = (x) => Object.fromEntries(keys.map((k) => [k, x[k]]));
  assert.deepEqual(rem.body.items, due.map(pick), 'the due list\'s instalments, without the overdue figures');
  assert.ok(rem.body.items.every((x) => x.due_on >= TODAY && x.due_on <= addDays(TODAY, 30)));
  const week = (await api(srv.base, 'GET', '/reports/due-reminders?days=7', undefined, t.xj_xiehui)).body;
  assert.deepEqual(week.items, rem.body.items.filter((x) => x.due_on <= addDays(TODAY, 7)));
  const units = (await api(srv.base, 'GET', '/units', undefined, t.xj_xiehui)).body.items;
  if (rem.body.items.length) {
    const v = units.find((u) => u.name === rem.body.items[0].village);
    const one = (await api(srv.base, 'GET', `/reports/due-reminders?days=30&village_id=${v.id}`, undefined, t.xj_xiehui)).body;
    assert.deepEqual(one.items, rem.body.items.filter((x) => x.village === v.name), 'village_id narrows to the village');
    const out = await api(srv.base, 'GET', `/reports/due-reminders?village_id=${v.id}`, undefined, t.fm_xiehui);
    assert.equal(out.status, 403, 'another township\'s village');
  }
  assert.equal((await api(srv.base, 'GET', '/reports/due-reminders?days=0', undefined, t.xj_xiehui)).status, 422);
  assert.equal((await api(srv.base, 'GET', '/reports/due-reminders', undefined, t.xj_pingshen)).status, 403, 'not for reviewers (as the page)');
  const rows = csvRows((await download('/reports/due-reminders?days=30&format=csv', t.xj_xiehui)).bytes);
  assert.deepEqual(rows[0], ['村', '借款人', '电话', '期数', '应还日', '应还本息（元）', '已提醒（签字）']);
  rem.body.items.forEach((x, i) => assert.deepEqual([rows[i + 1][1], rows[i + 1][4], fenOf(rows[i + 1][5])], [x.applicant, x.due_on, x.due_fen]));
  assert.equal(rows.at(-1)[0], '合计');
  assert.equal(fenOf(rows.at(-1)[5]), rem.body.items.reduce((s, x) => s + x.due_fen, 0), 'the total to the fen');
  assert.ok(readXlsx((await download('/reports/due-reminders?format=xlsx', t.xj_xiehui)).bytes).frozen);
  assert.equal((await download('/reports/due-reminders?format=pdf', t.xj_xiehui)).bytes.subarray(0, 5).toString(), '%PDF-');
  const sms = await download('/reports/due-reminders/sms.csv?days=30', t.xj_xiehui);
  assert.match(sms.type, /text\/csv/);
  const texts = csvRows(sms.bytes);
  assert.deepEqual(texts[0], ['电话', '姓名', '短信内容', '逾期本息（元）', '罚息复利（元）']);
  const phoned = rem.body.items.filter((x) => x.phone);
  assert.deepEqual(texts.slice(1).map((r) => [r[0], r[1]]), phoned.map((x) => [x.phone, x.applicant]));
  phoned.forEach((x, i) => assert.ok(texts[i + 1][2].includes(x.contract_no) && texts[i + 1][2].includes(x.due_on)));
  assert.equal((await download('/reports/due-reminders/sms.csv?days=400', t.xj_xiehui)).status, 422);
});

test('the administrator\'s reference lists as files: accounts, units, departments, calendar, relief categories', async () => {
  const b = new Browser(srv.base);
  await b.login('admin');
  const cases = [
    ['/users?limit=500', '/users?format=', '/admin/users', ['编号', '用户名', '姓名', '角色', '单位', '部门', '状态', '须改密码'],
      (x, r) => [x.id, x.username, x.name, x.unit, x.active ? '启用' : '停用'].join() === [Number(r[0]), r[1], r[2], r[4], r[6]].join()],
    ['/units', '/units?format=', '/admin/units', ['编号', '名称', '类型', '上级编号', '上级', '电话', '地址'],
      (x, r) => Number(r[0]) === x.id && r[1] === x.name && (r[3] === '' ? null : Number(r[3])) === x.parent_id],
    ['/departments', '/departments?format=', '/admin/departments', ['编号', '部门', '状态'],
      (x, r) => Number(r[0]) === x.id && r[1] === x.name && r[2] === (x.active ? '在用' : '停用')],
    [`/holidays?year=${TODAY.slice(0, 4)}`, `/holidays?year=${TODAY.slice(0, 4)}&format=`, `/admin/holidays?year=${TODAY.slice(0, 4)}`,
      ['日期', '类型', '名称'], (x, r) => r[0] === x.day && r[2] === x.name && r[1] === (x.kind === 'off' ? '放假' : '调休上班')],
    ['/relief-categories', '/relief-categories?format=', '/admin/relief-categories',
      ['编号', '类别', '公示名称', '救助对象', '每年次数', '标准或最低（元）', '最高（元）', '标准起始日', '状态'],
      (x, r) => Number(r[0]) === x.id && r[1] === x.name && fenOf(r[5]) === (x.amount_fen ?? x.min_fen) && fenOf(r[6]) === (x.max_fen ?? null)],
  ];
  for (const [list, file, page, heads, same] of cases) {
    const items = (await api(srv.base, 'GET', list, undefined, t.admin)).body.items;
    const rows = csvRows((await download(file + 'csv', t.admin)).bytes);
    assert.deepEqual(rows[0], heads, file);
    assert.equal(rows.length - 1, items.length, `${file}: every item`);
    items.forEach((x, i) => assert.ok(same(x, rows[i + 1]), `${file} row ${i + 1}: ${rows[i + 1]}`));
    const book = readXlsx((await download(file + 'xlsx', t.admin)).bytes);
    assert.ok(book.frozen && book.rows.length === items.length + 1, `${file} xlsx`);
    assert.equal((await download(file + 'pdf', t.admin)).bytes.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await download(file + 'doc', t.admin)).status, 422);
    const html = (await b.get(page)).text;
    assert.match(html, /导出Excel/, `${page} links 导出Excel`);
    const res = await fetch(`${srv.base}${page}${page.includes('?') ? '&' : '?'}format=xlsx`, { headers: { Cookie: b.cookie } });
    assert.equal(readXlsx(Buffer.from(await res.arrayBuffer())).rows.length, items.length + 1, `${page} exports with the session`);
  }
  const own = csvRows((await download('/units?format=csv', t.fm_xiehui)).bytes);
  assert.ok(own.length > 1 && !own.some((r) => r[1] === '西集镇'), 'another township exports its own units only');
  assert.equal((await download('/users?format=csv', t.xj_xiehui)).status, 403, 'accounts: the administrator only');
});

test('the reviewer\'s queue exports as the API\'s queue=mine does', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_pingshen');
  const mine = (await api(srv.base, 'GET', '/loan-applications?queue=mine&limit=500', undefined, t.xj_pingshen)).body.items;
  const page = await b.get('/reviews');
  assert.ok(page.text.includes('href="/reviews?format=xlsx"'), '/reviews links 导出Excel');
  const res = await fetch(`${srv.base}/reviews?format=xlsx`, { headers: { Cookie: b.cookie } });
  const all = readXlsx(Buffer.from(await res.arrayBuffer())).rows.slice(1);
  const rows = all.slice(0, -1);
  assert.deepEqual(all.at(-1).slice(0, 2).map((c) => c.value), ['合计', `${mine.length} 条`], 'the 合计 row counts them');
  assert.deepEqual(rows.map((r) => r[0].value).sort(), mine.map((a) => a.id).sort(), 'the same applications');
});

test('a relief batch\'s page exports its applications, only for a batch in scope', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const batch = (await api(srv.base, 'GET', '/relief-batches', undefined, t.xj_xiehui)).body.items[0];
  const apps = (await api(srv.base, 'GET', `/relief-applications?batch_id=${batch.id}&limit=500`, undefined, t.xj_xiehui)).body.items;
  assert.ok(apps.length >= 1);
  const page = await b.get(`/relief/batches/${batch.id}`);
  assert.ok(page.text.includes(`href="/relief/batches/${batch.id}?format=xlsx"`), 'the batch page links 导出Excel');
  const res = await fetch(`${srv.base}/relief/batches/${batch.id}?format=xlsx`, { headers: { Cookie: b.cookie } });
  const all = readXlsx(Buffer.from(await res.arrayBuffer())).rows.slice(1);
  const rows = all.slice(0, -1);
  assert.deepEqual(all.at(-1).slice(0, 2).map((c) => c.value), ['合计', `${apps.length} 条`], 'the 合计 row counts them');
  assert.deepEqual(rows.map((r) => r[0].value).sort(), apps.map((a) => a.id).sort(), 'the batch\'s applications');
  assert.ok(rows.every((r) => /\*/.test(r[2].value)), 'resident IDs masked');
  const other = new Browser(srv.base);
  await other.login('fm_xiehui');
  const refused = await fetch(`${srv.base}/relief/batches/${batch.id}?format=csv`, { headers: { Cookie: other.cookie } });
  assert.equal(refused.status, 403, 'another township\'s batch is not exported');
});
