// Members' hukou, death, moving out and bank accounts (issue 20, part 1): registered through the API
// and the CSV import (UTF-8 and GB18030), shown masked to every role but the relief clerk and finance,
// whose every full view is audited; changed with a reason-free, audited member update; refused
// values change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, makeId, unitIds, sqlRows, TODAY, addDays } from './lib.mjs';
import { spawnSync } from 'node:child_process';

let srv, assoc, relief, finance, village, units;
const ACCOUNT = '6217995500001234567';
const HEAD_ID = makeId('19600315', 71, 'M');
const WIFE_ID = makeId('19620520', 72, 'F');

before(async () => {
  srv = await startServer();
  [assoc, relief, finance, village] = await Promise.all(['xj_xiehui', 'xj_jiuzhu', 'xj_caiwu', 'xj_cun_xiji'].map((u) => token(srv.base, u)));
  units = await unitIds(srv.base, assoc);
});
after(async () => { await srv.stop(); });

const audits = (action, id) => sqlRows(srv.db, `SELECT count(*) AS n FROM audit_log WHERE action = '${action}' AND entity_id = ${id}`)[0].n;

let hid;
test('POST /households takes hukou and a bank account per person; the account is masked except for relief and finance', async () => {
  const r = await api(srv.base, 'POST', '/households', {
    village_id: units['西集村'], policy_compliant: true, categories: ['only_daughter'],
    head: { name: '吕长顺', id_number: HEAD_ID, phone: '13800001111', hukou: 'rural', bank: { name: '山亭农商银行', account: '6217 9955 0000 1234 567' } },
    members: [{ name: '许桂香', id_number: WIFE_ID, relation: '配偶', hukou: '非农业' }],
  }, assoc);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  hid = r.body.id;
  assert.equal(r.body.head.hukou, 'rural');
  assert.equal(r.body.members[0].hukou, 'urban', '非农业 is stored as urban');
  assert.deepEqual(r.body.head.bank, { name: '山亭农商银行', account: '621799*********4567' }, 'association sees it masked: 6 + 4');
  assert.equal(r.body.members[0].bank, null);
  assert.equal(r.body.head.died_on, null);
  assert.equal(sqlRows(srv.db, `SELECT bank_account FROM members WHERE id_number = '${HEAD_ID}'`)[0].bank_account, ACCOUNT, 'stored without spaces');
  assert.equal(audits('view_bank_account', hid), 0);
  for (const tok of [relief, finance]) {
    const full = await api(srv.base, 'GET', `/households/${hid}`, undefined, tok);
    assert.equal(full.body.head.bank.account, ACCOUNT);
  }
  assert.equal(audits('view_bank_account', hid), 2, 'each full view audited');
  const v = await api(srv.base, 'GET', `/households/${hid}`, undefined, village);
  assert.equal(v.body.head.bank.account, '621799*********4567');
  assert.equal(audits('view_bank_account', hid), 2);
});

test('bad hukou, account and dates are refused with the field named, and nothing is written', async () => {
  const n0 = sqlRows(srv.db, 'SELECT count(*) AS n FROM households')[0].n;
  for (const [head, field, code] of [
    [{ hukou: '外籍' }, 'head.hukou', 'invalid_hukou'],
    [{ bank: { name: '农商银行', account: '12AB5678' } }, 'head.bank.account', 'invalid_bank_account'],
    [{ bank: { name: '农商银行', account: '1234567' } }, 'head.bank.account', 'invalid_bank_account'],
    [{ bank: { name: '', account: '12345678' } }, 'head.bank.name', 'invalid_bank_account'],
    [{ died_on: addDays(TODAY, 1) }, 'head.died_on', 'invalid_date'],
    [{ moved_out_on: '1950-01-01' }, 'head.moved_out_on', 'invalid_date'],
  ]) {
    const r = await api(srv.base, 'POST', '/households', {
      village_id: units['西集村'], policy_compliant: true,
      head: { name: '试户主', id_number: makeId('19700101', 73, 'M'), phone: '13800002222', ...head },
    }, assoc);
    assert.equal(r.status, 422, JSON.stringify(head));
    assert.equal(r.body.error.field, field);
    assert.equal(r.body.error.code, code);
  }
  assert.equal(sqlRows(srv.db, 'SELECT count(*) AS n FROM households')[0].n, n0);
});

test('a member update records death and moving out, audited; a member of another household is 404', async () => {
  const h = (await api(srv.base, 'GET', `/households/${hid}`, undefined, assoc)).body;
  const wife = h.members[0].id;
  const died = addDays(TODAY, -40);
  const r = await api(srv.base, 'POST', `/households/${hid}/members/${wife}`, { hukou: 'urban', died_on: died }, assoc);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.members[0].died_on, died);
  const moved = await api(srv.base, 'POST', `/households/${hid}/members/${h.head.id}`,
    { hukou: 'rural', moved_out_on: addDays(TODAY, -3), bank: { name: '山亭农商银行', account: ACCOUNT } }, assoc);
  assert.equal(moved.body.head.moved_out_on, addDays(TODAY, -3));
  assert.equal(audits('update_member', hid), 2);
  const other = sqlRows(srv.db, `SELECT id FROM members WHERE household_id <> ${hid} LIMIT 1`)[0].id;
  const r404 = await api(srv.base, 'POST', `/households/${hid}/members/${other}`, { hukou: 'rural' }, assoc);
  assert.equal(r404.status, 404);
  const fm = await token(srv.base, 'fm_xiehui');
  const r403 = await api(srv.base, 'POST', `/households/${hid}/members/${wife}`, { hukou: 'rural' }, fm);
  assert.equal(r403.status, 403);
  assert.equal(sqlRows(srv.db, `SELECT hukou FROM members WHERE id = ${wife}`)[0].hukou, 'urban', 'refusals changed nothing');
});

test('the household page shows hukou, state and the masked account; relief reveals it (audited) and the form keeps a refused value', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = await b.get(`/households/${hid}`);
  assert.match(page.text, /<td>农业<\/td><td>[0-9-]+ 迁出<\/td>/);
  assert.match(page.text, /<td>非农业<\/td><td>[0-9-]+ 死亡<\/td>/);
  assert.match(page.text, /621799\*{9}4567/);
  assert.doesNotMatch(page.text, new RegExp(ACCOUNT));
  const wife = sqlRows(srv.db, `SELECT id FROM members WHERE id_number = '${WIFE_ID}'`)[0].id;
  const bad = await b.post(`/households/${hid}/members/${wife}`, { hukou: 'urban', bank_name: '农商银行', bank_account: '12x', died_on: '', moved_out_on: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /银行账号应为 8 到 32 位数字/);
  assert.match(bad.text, /value="12x"/, 'what was typed is kept');
  const rb = new Browser(srv.base);
  await rb.login('xj_jiuzhu');
  const n0 = sqlRows(srv.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'view_bank_account'`)[0].n;
  const masked = await rb.get(`/households/${hid}`);
  assert.match(masked.text, /显示完整银行账号/);
  const full = await rb.get(`/households/${hid}?reveal=bank`);
  assert.match(full.text, new RegExp(ACCOUNT));
  assert.equal(sqlRows(srv.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'view_bank_account'`)[0].n, n0 + 1);
  const vb = new Browser(srv.base);
  await vb.login('xj_cun_xiji');
  assert.doesNotMatch((await vb.get(`/households/${hid}?reveal=bank`)).text, new RegExp(ACCOUNT), 'a village officer cannot reveal it');
});

test('the CSV import reads 户主户籍, the head\'s bank account and members\' hukou and accounts, in UTF-8 and GB18030', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  await b.get('/households/import');
  const ids = [makeId('19580101', 81, 'M'), makeId('19590202', 82, 'F'), makeId('19610303', 83, 'M'), makeId('19620404', 84, 'F')];
  const csv = '村,户主姓名,户主身份证号,户主手机号,住址,家庭类别,符合政策,成员,户主户籍,户主开户银行,户主银行账号\n' +
    `西集村,袁福海,${ids[0]},13800003333,西集村三组,独女户,是,"庞秀珍/${ids[1]}/配偶/农业/山亭农商银行/6228480000000001",农业,山亭农商银行,6228480000000002\n` +
    `东集村,邵永利,${ids[2]},13800004444,东集村四组,双女户,是,"贺翠兰/${ids[3]}/配偶/非农业",非农业,,\n`;
  const [header, row1, row2] = csv.trim().split('\n');
  const gb18030 = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: `${header}\n${row1}\n` }).stdout;
  for (const [name, bytes, encoding] of [['gb.csv', gb18030, 'GB18030'], ['u.csv', Buffer.from(`${header}\n${row2}\n`), 'UTF-8']]) {
    const check = await b.upload('/households/import', 'file', name, bytes);
    assert.equal(check.status, 200, check.text.slice(0, 1500));
    assert.match(check.text, new RegExp(`编码 ${encoding}`));
    const action = check.text.match(/action="(\/households\/import\/\d+)"/)[1];
    assert.equal((await b.post(action, {})).status, 303);
  }
  const rows = sqlRows(srv.db, `SELECT name, hukou, bank_name, bank_account FROM members WHERE id_number IN ('${ids.join("','")}') ORDER BY id_number`);
  assert.deepEqual(rows, [
    { name: '袁福海', hukou: 'rural', bank_name: '山亭农商银行', bank_account: '6228480000000002' },
    { name: '庞秀珍', hukou: 'rural', bank_name: '山亭农商银行', bank_account: '6228480000000001' },
    { name: '邵永利', hukou: 'urban', bank_name: '', bank_account: '' },
    { name: '贺翠兰', hukou: 'urban', bank_name: '', bank_account: '' },
  ]);
});
