// A relief batch paid through the credit union (issue 20, part 4): the payment file in a bank
// format the administrator configures (columns, order, headers, GB18030), the bank's return file
// with a failure imported twice, nothing paid twice, the fund right to the fen, and refusals by
// role and scope that change nothing. Each application is 1,000.00 元 (100000 fen).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, sqlRows, check, TODAY, addDays, Browser, approvedReliefBatch } from './lib.mjs';

const LATER = addDays(TODAY, 2);
let srv, t = {}, batch, apps, fundId, noAccount;
const acct = (id) => `62179955${String(id).padStart(8, '0')}`;

before(async () => {
  srv = await startServer();
  apps = (await approvedReliefBatch(srv, { amount_fen: 100000, village: '西集村', later: LATER, anyHousehold: true })).sort((a, b) => a - b);
  for (const [k, u] of [['admin', 'admin'], ['relief', 'xj_jiuzhu'], ['assoc', 'xj_xiehui'], ['finance', 'xj_caiwu'], ['fm', 'fm_caiwu']])
    t[k] = await token(srv.base, u);
  batch = (await api(srv.base, 'GET', '/relief-batches', undefined, t.relief)).body.items[0].id;
  fundId = (await api(srv.base, 'GET', '/funds', undefined, t.finance)).body.items[0].id;
  // every head of the batch's households has a bank account but the last one's
  noAccount = apps[apps.length - 1];
  sqlRows(srv.db, `UPDATE members SET bank_name = '山亭农商银行', bank_account = '62179955' || printf('%08d', (SELECT a.id FROM
    relief_applications a WHERE a.household_id = members.household_id AND a.batch_id = ${batch})) WHERE is_head = 1 AND household_id IN
    (SELECT household_id FROM relief_applications WHERE batch_id = ${batch} AND id <> ${noAccount});`);
});
after(async () => { await srv.stop(); });

const get = (path, tok) => fetch(`${srv.base}/api/v1${path}`, { headers: { Authorization: `Bearer ${tok}` } });
const csvRows = (text) => text.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
const audits = (action) => sqlRows(srv.db, `SELECT count(*) AS n FROM audit_log WHERE action = '${action}' AND entity = 'relief_batch' AND entity_id = ${batch}`)[0].n;
const balance = async () => (await api(srv.base, 'GET', '/funds', undefined, t.finance)).body.items.find((f) => f.id === fundId).balance_fen;
const returnFile = (lines) => '\ufeff序号,账号,金额,结果,原因\r\n' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
async function bankReturn(csv, tok = t.finance, fund = fundId) {
  const res = await fetch(`${srv.base}/api/v1/relief-batches/${batch}/bank-return${fund ? '?fund_id=' + fund : ''}`, {
    method: 'POST', headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'text/csv' }, body: csv,
  });
  return { status: res.status, body: await res.json() };
}

// Finance's clerk uploads a return file on the batch's page (the check before confirming); more: other form fields.
async function uploadReturn(csv, more = {}) {
  const clerk = new Browser(srv.base);
  await clerk.login('xj_caiwu');
  await clerk.get(`/relief/batches/${batch}`);
  const fd = new FormData();
  fd.append('csrf', clerk.csrf);
  fd.append('fund_id', String(fundId));
  for (const [k, v] of Object.entries(more)) fd.append(k, v);
  fd.append('file', new Blob([csv], { type: 'text/csv' }), 'return.csv');
  return { clerk, asked: await clerk.request('POST', `/relief/batches/${batch}/bank-return`, fd) };
}

test('the payment file: approved applications with an account, whole, for finance and relief in scope only; audited', async () => {
  assert.ok(apps.length >= 4, `a batch of ${apps.length}`);
  const res = await get(`/relief-batches/${batch}/bank-file`, t.finance);
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM by default');
  const [head, ...rows] = csvRows(bytes.toString('utf8'));
  assert.deepEqual(head, ['序号', '姓名', '身份证号', '开户银行', '账号', '金额', '摘要', '村']);
  assert.deepEqual(rows.map((r) => Number(r[0])), apps.slice(0, -1), 'every approved application but the one without an account');
  for (const r of rows) {
    assert.equal(r[4], acct(r[0]));
    assert.equal(r[5], '1000.00');
    assert.match(r[2], /^\d{17}[\dX]$/, 'the whole ID, for the bank');
    assert.equal(r[7], '西集村');
  }
  const xlsx = await get(`/relief-batches/${batch}/bank-file?format=xlsx`, t.relief);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  assert.equal(audits('bank_file'), 2);
  // refused: the association's worker (role), the neighbouring township's finance (scope); nothing audited
  assert.equal((await get(`/relief-batches/${batch}/bank-file`, t.assoc)).status, 403);
  const fm = await get(`/relief-batches/${batch}/bank-file`, t.fm);
  assert.equal(fm.status, 403);
  assert.equal((await fm.json()).error.code, 'out_of_scope');
  assert.equal(audits('bank_file'), 2, 'refusals leave no download in the audit');
  const b = new Browser(srv.base);
  await b.login('xj_jiuzhu');
  const page = await b.get(`/relief/batches/${batch}`);
  assert.match(page.text, /下载代发文件/);
  assert.match(page.text, /另有 1 户户主未登记银行账号/);
});

test('the administrator sets the columns; bad formats and other roles are refused and change nothing', async () => {
  const n0 = sqlRows(srv.db, 'SELECT count(*) AS n FROM bank_formats')[0].n;
  const cols = [['row', '序号'], ['name', '姓名'], ['id_number', '身份证号'], ['account', '账号'], ['amount', '金额'], ['memo', '摘要']]
    .map(([key, head]) => ({ key, head }));
  for (const [body, code] of [
    [{ name: '缺账号', columns: cols.filter((c) => c.key !== 'account') }, 'invalid_columns'],
    [{ name: '重复列', columns: [...cols, cols[0]] }, 'invalid_columns'],
    [{ name: '坏列', columns: [...cols.slice(1), { key: 'salary', head: '工资' }] }, 'invalid_columns'],
    [{ name: '坏编码', encoding: 'big5', columns: cols }, 'invalid_encoding'],
  ]) {
    const r = await api(srv.base, 'POST', '/bank-formats', body, t.admin);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.error.code, code);
  }
  assert.equal((await api(srv.base, 'POST', '/bank-formats', { name: '财务自建', columns: cols }, t.finance)).status, 403);
  assert.equal(sqlRows(srv.db, 'SELECT count(*) AS n FROM bank_formats')[0].n, n0, 'refusals stored nothing');
  const made = await api(srv.base, 'POST', '/bank-formats', { name: '峄城农商银行', encoding: 'gb18030', columns: cols }, t.admin);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.is_default, false);
  const res = await get(`/relief-batches/${batch}/bank-file?bank_format=${made.body.id}`, t.finance);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.notDeepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'GB18030 has no BOM');
  assert.equal(bytes.indexOf(Buffer.from('序号', 'utf8')), -1, 'not UTF-8');
  const [head, first] = csvRows(new TextDecoder('gb18030').decode(bytes));
  assert.deepEqual(head, ['序号', '姓名', '身份证号', '账号', '金额', '摘要']);
  assert.equal(first[3], acct(first[0]));
  assert.equal(first[5], '双千帮扶');
  // made the default, it is what a download without ?bank_format= gives (rolls use the same writer)
  const dflt = await api(srv.base, 'PUT', `/bank-formats/${made.body.id}`, { ...made.body, is_default: true,
    encoding: 'utf8', columns: [cols[0], cols[3], cols[4], cols[1]] }, t.admin);
  assert.equal(dflt.status, 200, JSON.stringify(dflt.body));
  const now = csvRows(await (await get(`/relief-batches/${batch}/bank-file`, t.finance)).text());
  assert.deepEqual(now[0], ['序号', '账号', '金额', '姓名']);
  const list = (await api(srv.base, 'GET', '/bank-formats', undefined, t.finance)).body;
  assert.deepEqual(list.items.map((f) => [f.name, f.is_default]), [['峄城农商银行', true], ['通用格式', false], ['山亭农商银行（GBK）', false]]);
  const general = list.items[1];
  const keep = await api(srv.base, 'PUT', `/bank-formats/${made.body.id}`, { ...dflt.body, is_default: false }, t.admin);
  assert.equal(keep.body.error.code, 'default_needed', 'one format stays the default');
  assert.equal((await api(srv.base, 'PUT', `/bank-formats/${general.id}`, { ...general, is_default: true }, t.admin)).status, 200);
  assert.equal(sqlRows(srv.db, "SELECT count(*) AS n FROM audit_log WHERE entity = 'bank_format'")[0].n, 3);
});

test('the return file: paid like cash, failed back to pending with the reason; imported twice pays nothing twice', async () => {
  const b0 = await balance();
  const [a1, a2, a3] = apps;
  const wrong = await bankReturn(returnFile([[a1, acct(a1), '1001.00', '成功', '']]));
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.error.code, 'bad_return_file');
  assert.match(wrong.body.error.problems[0], /金额与代发名单不符/);
  const other = await bankReturn(returnFile([[a1, acct(a2), '1000.00', '成功', '']]));
  assert.match(other.body.error.problems[0], /账号与代发名单不符/);
  assert.equal((await bankReturn(returnFile([[a1, acct(a1), '1000.00', '成功', '']]), t.finance, 0)).body.error.code, 'invalid_fund');
  // refused by role and by scope
  assert.equal((await bankReturn(returnFile([[a1, acct(a1), '1000.00', '成功', '']]), t.assoc)).status, 403);
  assert.equal((await bankReturn(returnFile([[a1, acct(a1), '1000.00', '成功', '']]), t.fm)).status, 403);
  assert.equal(await balance(), b0, 'refused files book nothing');
  assert.equal(sqlRows(srv.db, `SELECT count(*) AS n FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id WHERE a.batch_id = ${batch}`)[0].n, 0);

  const file = returnFile([[a1, acct(a1), '1000.00', '成功', ''], [a2, acct(a2), '1000.00', '成功', ''],
    [a3, acct(a3), '1000.00', '失败', '户名与账号不符']]);
  const first = await bankReturn(file);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual([first.body.paid, first.body.paid_fen, first.body.already_paid], [2, 200000, 0]);
  assert.deepEqual(first.body.failed, [{ row: a3, reason: '户名与账号不符' }]);
  // by hand: two applications of 1,000.00 元 = 2,000.00 元 = 200000 fen
  assert.equal(await balance(), b0 - 200000);
  const paid = sqlRows(srv.db, `SELECT application_id, method, amount_fen FROM relief_payments WHERE application_id IN (${a1}, ${a2}) ORDER BY application_id`);
  assert.deepEqual(paid, [{ application_id: a1, method: 'bank', amount_fen: 100000 }, { application_id: a2, method: 'bank', amount_fen: 100000 }]);
  const app3 = (await api(srv.base, 'GET', `/relief-applications/${a3}`, undefined, t.relief)).body;
  assert.deepEqual([app3.state, app3.bank_reason], ['approved', '户名与账号不符']);
  const receipt = (await api(srv.base, 'GET', `/relief-applications/${a1}`, undefined, t.relief)).body.receipt_no;
  assert.match(receipt, /^西集-\d{4}-\d{6}$/);

  const again = await bankReturn(file);
  assert.deepEqual([again.body.paid, again.body.already_paid, again.body.failed.length], [0, 2, 1]);
  assert.equal(await balance(), b0 - 200000, 'the same file again pays nothing');
  // a bank payment voided stays paid for the return file: importing the file a third time pays nobody
  const v = await api(srv.base, 'POST', `/receipts/${encodeURIComponent(receipt)}/void`, { reason: '凭证填错，重新开具' }, t.finance);
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.equal(await balance(), b0 - 100000);
  const third = await bankReturn(file);
  assert.deepEqual([third.body.paid, third.body.already_paid], [0, 2]);
  assert.equal(await balance(), b0 - 100000);

  // the account corrected, the next file holds 申请 a3 and the rest, never a1 or a2
  sqlRows(srv.db, `UPDATE members SET bank_account = '6228480000000099' WHERE is_head = 1 AND household_id = (SELECT household_id FROM relief_applications WHERE id = ${a3})`);
  const next = csvRows(await (await get(`/relief-batches/${batch}/bank-file`, t.finance)).text()).slice(1);
  assert.deepEqual(next.map((r) => Number(r[0])), apps.slice(2, -1));
  const fixed = await bankReturn(returnFile([[a3, '6228 4800 0000 0099', '1000.00', '成功', '']]));
  assert.equal(fixed.body.paid, 1, JSON.stringify(fixed.body));
  assert.equal(await balance(), b0 - 200000);
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${a3}`, undefined, t.relief)).body.bank_reason, null);
  assert.equal(audits('bank_return'), 4);
  assert.deepEqual(sqlRows(srv.db, `SELECT paid, failed, already FROM relief_bank_returns WHERE batch_id = ${batch} ORDER BY id`),
    [{ paid: 2, failed: 1, already: 0 }, { paid: 0, failed: 1, already: 2 }, { paid: 0, failed: 1, already: 2 }, { paid: 1, failed: 0, already: 0 }]);
  const c = check(srv.db);
  assert.equal(c.status, 0, c.stdout + c.stderr);
});

test('on the pages: the admin\'s formats keep what was typed when refused; the batch\'s return file checked, then confirmed', async () => {
  const admin = new Browser(srv.base);
  await admin.login('admin');
  const page = await admin.get('/admin/bank-formats');
  assert.match(page.text, /通用格式（默认）/);
  const bad = await admin.post('/admin/bank-formats', { name: '两列同位', encoding: 'utf8', pos_row: '1', pos_name: '1',
    pos_account: '2', pos_amount: '3', head_row: '序号', head_name: '户名', head_account: '账号', head_amount: '金额' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /列号应为 1 到 8，且各列不重复/);
  assert.match(bad.text, /value="两列同位"/);
  assert.match(bad.text, /value="户名"/);
  assert.equal(sqlRows(srv.db, "SELECT count(*) AS n FROM bank_formats WHERE name = '两列同位'")[0].n, 0);

  const b0 = await balance();
  const a4 = apps[3];
  const { clerk, asked } = await uploadReturn(returnFile([[a4, acct(a4), '1000.00', '成功', '']]));
  assert.equal(asked.status, 200, (asked.text.match(/class="error[^>]*>[^<]*/g) || []).join(' '));
  assert.match(asked.text, /本次入账 1 人，合计 1,000\.00 元（壹仟元整）/);
  assert.equal(await balance(), b0, 'checking books nothing');
  const stash = asked.text.match(/action="\/relief\/batches\/\d+\/bank-return\/(\d+)"/)[1];
  const done = await clerk.post(`/relief/batches/${batch}/bank-return/${stash}`, { fund_id: String(fundId) });
  assert.equal(done.status, 303);
  assert.equal(await balance(), b0 - 100000);
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${a4}`, undefined, t.relief)).body.state, 'paid');
  const again = await clerk.post(`/relief/batches/${batch}/bank-return/${stash}`, { fund_id: String(fundId) });
  assert.equal(again.status, 404, 'a confirmed file cannot be confirmed again');
  assert.equal(await balance(), b0 - 100000);
});

test('the return file under the bank format\'s own headers, renamed and reordered; a family paid in cash and by the bank is reported, never silent', async () => {
  assert.ok(apps.length >= 7, `a batch of ${apps.length}`);
  const [a5, a6] = apps.slice(4);
  // a format whose 序号, 账号 and 金额 are 流水号, 卡号 and 金额（元）, in another order
  const fmt = await api(srv.base, 'POST', '/bank-formats', { name: '回盘改名', encoding: 'utf8', columns: [
    { key: 'amount', head: '金额（元）' }, { key: 'account', head: '卡号' }, { key: 'name', head: '户名' }, { key: 'row', head: '流水号' }] }, t.admin);
  assert.equal(fmt.status, 201, JSON.stringify(fmt.body));
  const file = `\ufeff结果,卡号,金额（元）,原因,流水号\r\n成功,${acct(a5)},1000.00,,${a5}\r\n成功,${acct(a6)},1000.00,,${a6}\r\n`;
  const send = (q, csv = file) => fetch(`${srv.base}/api/v1/relief-batches/${batch}/bank-return?fund_id=${fundId}${q}`, {
    method: 'POST', headers: { Authorization: `Bearer ${t.finance}`, 'Content-Type': 'text/csv' }, body: csv,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const b0 = await balance();
  // read under the default format's headers, the file lacks 序号: refused, nothing booked
  const dflt = await send('');
  assert.equal(dflt.status, 422);
  assert.equal(dflt.body.error.code, 'missing_column');
  assert.equal((await send('&bank_format=999999')).status, 404);
  // a6 was paid in cash after the payment file went to the bank (the family is then paid twice)
  const cash = await api(srv.base, 'POST', `/relief-applications/${a6}/disburse`, { fund_id: fundId, method: 'cash' }, t.finance);
  assert.equal(cash.status, 201, JSON.stringify(cash.body));
  assert.equal(await balance(), b0 - 100000);
  const r = await send(`&bank_format=${fmt.body.id}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.paid, r.body.paid_fen, r.body.already_paid, r.body.paid_twice_total], [1, 100000, 0, 1]);
  assert.equal(r.body.paid_twice.length, 1);
  assert.deepEqual([r.body.paid_twice[0].row, r.body.paid_twice[0].application_id], [a6, a6]);
  assert.match(r.body.paid_twice[0].reason, new RegExp(`以现金发放（收据 ${cash.body.receipt_no}）`));
  // by hand: a5's 1,000.00 by the bank and a6's 1,000.00 in cash; the bank's second payment of a6 is not booked
  assert.equal(await balance(), b0 - 200000);
  assert.equal(sqlRows(srv.db, `SELECT count(*) AS n FROM relief_payments WHERE application_id = ${a6}`)[0].n, 1);
  const audit = sqlRows(srv.db, `SELECT after_json AS after FROM audit_log WHERE action = 'paid_twice' AND entity = 'relief_application' AND entity_id = ${a6}`);
  assert.equal(audit.length, 1, 'recorded in the application\'s audit');
  assert.equal(JSON.parse(audit[0].after).amount_fen, 100000);
  const batchAudit = sqlRows(srv.db, `SELECT after_json AS after FROM audit_log WHERE action = 'bank_return' AND entity = 'relief_batch' AND entity_id = ${batch} ORDER BY id DESC LIMIT 1`);
  assert.equal(JSON.parse(batchAudit[0].after).paid_twice[0].application_id, a6);
  // the page says it in Chinese before the clerk confirms
  const { asked } = await uploadReturn(file, { bank_format: String(fmt.body.id) });
  assert.equal(asked.status, 200);
  assert.match(asked.text, /重复发放 1 笔：<\/strong>银行回盘显示代发成功，但这些申请此前已以现金发放/);
  assert.match(asked.text, /name="bank_format" value="\d+"/, 'the format carried to the confirmation');
});
