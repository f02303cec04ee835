// Issue 17 items 2 and 3 on the remaining forms: a refused household, unit, department, holiday or
// relief-fund form comes back with what was typed and the error next to its field; the guarantee-fund
// entry and a relief fund-entry reversal ask first (words and 大写), and asking changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, makeId, unitIds, addDays, TODAY, approvedReliefBatch } from './lib.mjs';

let srv, units, fin;

before(async () => {
  srv = await startServer();
  units = await unitIds(srv.base, await token(srv.base, 'admin'));
  fin = await token(srv.base, 'xj_caiwu');
});
after(async () => { await srv.stop(); });

// The value attribute of the input named name in html.
function valueOf(html, name) {
  const m = html.match(new RegExp(`<input name="${name}"[^>]*value="([^"]*)"`));
  return m ? m[1] : null;
}

test('a refused new household keeps every field and shows the error under the resident ID', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  await b.get('/households/new');
  const total = (await api(srv.base, 'GET', '/households?limit=1', undefined, await token(srv.base, 'xj_xiehui'))).body.total;
  const bad = await b.post('/households', { head_name: '錯号户', head_id_number: '370406198001010000', head_phone: '13800001111',
    village_id: String(units['西集村']), address: '西集村三组', category: 'rural', policy_compliant: '1',
    member_name: ['錯号妻', ''], member_id_number: [makeId('19820202', 22, 'F'), ''], member_relation: ['配偶', '子女'],
    member_phone: ['', ''] });
  assert.equal(bad.status, 422);
  assert.equal(valueOf(bad.text, 'head_name'), '錯号户');
  assert.equal(valueOf(bad.text, 'head_phone'), '13800001111');
  assert.equal(valueOf(bad.text, 'address'), '西集村三组');
  assert.match(bad.text, /name="head_id_number"[^>]*value="370406198001010000"><small class="field-error" role="alert">/,
    'the error sits under the resident ID');
  assert.match(bad.text, new RegExp(`<option value="${units['西集村']}" selected>`));
  assert.match(bad.text, /name="policy_compliant" value="1" checked/);
  assert.match(bad.text, /name="member_name" maxlength="30" value="錯号妻"/);
  assert.equal((await api(srv.base, 'GET', '/households?limit=1', undefined, await token(srv.base, 'xj_xiehui'))).body.total,
    total, 'nothing registered');
});

test('a refused member keeps what was typed, the form open', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const list = (await api(srv.base, 'GET', '/households?limit=1', undefined, await token(srv.base, 'xj_xiehui'))).body.items;
  const id = list[0].id;
  await b.get(`/households/${id}`);
  const bad = await b.post(`/households/${id}/members`, { member_name: '新成员', member_id_number: '12345',
    member_relation: '子女', member_phone: '13900002222' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /<details open><summary>添加家庭成员/);
  assert.equal(valueOf(bad.text, 'member_name'), '新成员');
  assert.equal(valueOf(bad.text, 'member_phone'), '13900002222');
  assert.match(bad.text, /name="member_id_number"[^>]*value="12345"><small class="field-error"/);
  assert.match(bad.text, /<option selected>子女<\/option>/);
});

test('admin forms: a refused unit, department and holiday come back filled', async () => {
  const admin = new Browser(srv.base);
  await admin.login('admin');
  await admin.get('/admin/units');
  const unit = await admin.post('/admin/units', { name: '新村', kind: 'village', parent_id: '999999' });
  assert.ok(unit.status >= 400 && unit.status < 500, String(unit.status));
  assert.match(unit.text, /class="error"/);
  assert.equal(valueOf(unit.text, 'name'), '新村');
  assert.match(unit.text, /<option value="village" selected>/);
  await admin.get('/admin/departments');
  const long = '部'.repeat(31);
  const dept = await admin.post('/admin/departments', { name: long });
  assert.equal(dept.status, 422);
  assert.equal(valueOf(dept.text, 'name'), long);
  await admin.get('/admin/holidays');
  const day = await admin.post('/admin/holidays', { day: '2026-13-40', kind: 'work', name: '错日' });
  assert.equal(day.status, 422);
  assert.equal(valueOf(day.text, 'day'), '2026-13-40');
  assert.equal(valueOf(day.text, 'name'), '错日');
  assert.match(day.text, /<option value="work" selected>/);
});

test('relief fund income: a bad amount keeps the fund, source and document number', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_caiwu');
  const funds = (await api(srv.base, 'GET', '/funds', undefined, fin)).body.items;
  const fund = funds[funds.length - 1];
  await b.get('/funds');
  const bad = await b.post('/funds/income', { fund_id: String(fund.id), source: 'donation', amount: '12.345',
    on: addDays(TODAY, -1), document_no: '捐-88', note: '某企业' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, new RegExp(`<option value="${fund.id}" selected>`));
  assert.match(bad.text, /<option value="donation" selected>/);
  assert.match(bad.text, /name="amount"[^>]*value="12.345"><small class="field-error" role="alert">金额格式不正确/);
  assert.equal(valueOf(bad.text, 'document_no'), '捐-88');
  assert.equal(valueOf(bad.text, 'note'), '某企业');
  assert.equal((await api(srv.base, 'GET', '/funds', undefined, fin)).body.items.find((f) => f.id === fund.id).balance_fen,
    fund.balance_fen, 'nothing booked');
});

test('a relief fund-entry reversal asks first with the amount in words; asking changes nothing', async () => {
  const funds = (await api(srv.base, 'GET', '/funds', undefined, fin)).body.items;
  const fund = funds[0];
  const income = await api(srv.base, 'POST', `/funds/${fund.id}/income`, { source: 'donation', amount_fen: 218798,
    on: addDays(TODAY, -2), document_no: '捐-冲正' }, fin);
  assert.equal(income.status, 201);
  const b = new Browser(srv.base);
  await b.login('xj_caiwu');
  await b.get(`/funds/${fund.id}`);
  const form = { on: TODAY, reason: '金额录错' };
  const asked = await b.post(`/fund-entries/${income.body.id}/reverse`, form);
  assert.equal(asked.status, 200);
  assert.match(asked.text, new RegExp(`确认冲正「${fund.name}」${addDays(TODAY, -2)} 登记的收入 2,187\\.98 元（贰仟壹佰捌拾柒元玖角捌分）`
    + '（文件号/凭证号 捐-冲正）？'));
  assert.match(asked.text, /原因：金额录错/);
  const ledger = (await api(srv.base, 'GET', `/funds/${fund.id}/ledger?limit=500`, undefined, fin)).body;
  assert.ok(!ledger.entries.some((x) => x.reverses_id === income.body.id), 'asking reversed nothing');
  const done = await b.post(`/fund-entries/${income.body.id}/reverse`, { ...form, confirm: '1' });
  assert.equal(done.status, 303);
  const after = (await api(srv.base, 'GET', `/funds/${fund.id}/ledger?limit=500`, undefined, fin)).body;
  assert.ok(after.entries.some((x) => x.reverses_id === income.body.id && x.amount_fen === -218798));
});

test('a guarantee-fund entry asks first; 返回修改 keeps the form; confirm books it', async () => {
  const assoc = await token(srv.base, 'xj_xiehui');
  const b = new Browser(srv.base);
  await b.login('qu_caiwu');
  await b.get('/guarantee-fund');
  const before = (await api(srv.base, 'GET', '/guarantee-fund', undefined, assoc)).body.balance_fen;
  const form = { kind: 'adjustment', amount: '-500.00', on: addDays(TODAY, -1), document_no: '调-3', note: '利息更正' };
  const asked = await b.post('/guarantee-fund', form);
  assert.equal(asked.status, 200);
  assert.match(asked.text, new RegExp(`确认登记担保基金调整 减少 500\\.00 元（伍佰元整）？日期 ${addDays(TODAY, -1)}，文件号/凭证号 调-3。`));
  assert.equal((await api(srv.base, 'GET', '/guarantee-fund', undefined, assoc)).body.balance_fen, before, 'asking booked nothing');
  const back = await b.post('/guarantee-fund', { ...form, confirm: 'edit' });
  assert.equal(valueOf(back.text, 'amount'), '-500.00');
  assert.equal(valueOf(back.text, 'note'), '利息更正');
  assert.match(back.text, /<option value="adjustment" selected>/);
  assert.equal((await b.post('/guarantee-fund', { ...form, confirm: '1' })).status, 303);
  assert.equal((await api(srv.base, 'GET', '/guarantee-fund', undefined, assoc)).body.balance_fen, before - 50000);
});

// Last: approvedReliefBatch moves the server's day on.
test('a relief batch payment asks first with each and the total in 大写; asking pays nothing', async () => {
  const later = addDays(TODAY, 2);
  const apps = await approvedReliefBatch(srv, { amount_fen: 100000, village: '西集村', later, anyHousehold: true });
  const relief = await token(srv.base, 'xj_jiuzhu');
  const batch = (await api(srv.base, 'GET', '/relief-batches', undefined, relief)).body.items[0];
  const fund = (await api(srv.base, 'GET', '/funds', undefined, relief)).body.items[0];
  const b = new Browser(srv.base);
  await b.login('xj_jiuzhu');
  await b.get(`/relief/batches/${batch.id}`);
  const form = { fund_id: String(fund.id), paid_on: later, method: 'cash' };
  const asked = await b.post(`/relief/batches/${batch.id}/disburse`, form);
  assert.equal(asked.status, 200);
  const total = (apps.length * 1000).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.match(asked.text, new RegExp(`确认整批发放「[^」]+」${apps.length} 户，每户 1,000\\.00 元（壹仟元整），合计 ${total} 元（[^）]+）？`
    + `发放日期 ${later}，方式：现金。`));
  const approved = await api(srv.base, 'GET', `/relief-applications?batch_id=${batch.id}&state=approved&limit=500`, undefined, relief);
  assert.equal(approved.body.items.length, apps.length, 'asking paid nobody');
  assert.equal((await b.post(`/relief/batches/${batch.id}/disburse`, { ...form, confirm: '1' })).status, 303);
  const paid = await api(srv.base, 'GET', `/relief-applications?batch_id=${batch.id}&state=paid&limit=500`, undefined, relief);
  assert.equal(paid.body.items.length, apps.length);
});
