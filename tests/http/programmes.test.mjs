// Programmes and yearly rolls (issue 20, parts 2–5), worked by hand over a fixture village:
// the roll of 农村部分计划生育家庭奖励扶助 (60 or more on 12-31, rural hukou, 独生子女家庭 or 双女户,
// with the nesting of docs/domain.md) admits and excludes exactly the people the rules say; last
// year's roll makes this year's rows "continued"; staff add and remove rows with a reason; the
// public notice, the approval after it (one clock), the bank's payment file and its return file,
// imported twice with a failure, the fund debited to the fen and nothing paid twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, makeId, sqlRows, check, TODAY, addDays } from './lib.mjs';

const Y = Number(TODAY.slice(0, 4));
let srv, t = {}, village, fundId, programme;
const people = {}; // name → { id (member), household }

// A household of the fixture village: categories and persons [name, birth YYYYMMDD, sex, status].
async function household(categories, persons) {
  const [head, ...rest] = persons.map(([name, birth, sex, status], i) => ({
    name, id_number: makeId(birth, 40 + Object.keys(people).length + i, sex), ...status,
  }));
  const r = await api(srv.base, 'POST', '/households', {
    village_id: village, policy_compliant: true, categories, head: { ...head, phone: '13900001111' },
    members: rest.map((m) => ({ ...m, relation: '配偶' })),
  }, t.assoc);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  for (const m of [r.body.head, ...r.body.members]) people[m.name] = { id: m.id, household: r.body.id };
}
const acct = (n) => `62179955000000${String(n).padStart(5, '0')}`;

before(async () => {
  srv = await startServer();
  for (const [k, u] of [['admin', 'admin'], ['relief', 'xj_jiuzhu'], ['assoc', 'xj_xiehui'], ['finance', 'xj_caiwu'], ['fm', 'fm_xiehui']])
    t[k] = await token(srv.base, u);
  const units = (await api(srv.base, 'GET', '/units', undefined, t.admin)).body.items;
  const xiji = units.find((u) => u.name === '西集镇').id;
  village = (await api(srv.base, 'POST', '/units', { name: '扶助测试村', kind: 'village', parent_id: xiji }, t.admin)).body.id;
  fundId = (await api(srv.base, 'GET', '/funds', undefined, t.finance)).body.items[0].id;
  // 赵德胜 turns 60 on 31 December of the year; his wife 钱秀英 only on 1 January of the next
  await household(['one_child'], [['赵德胜', `${Y - 60}1231`, 'M', { hukou: 'rural', bank: { name: '山亭农商银行', account: acct(1) } }],
    ['钱秀英', `${Y - 59}0101`, 'F', { hukou: 'rural' }]]);
  // a 独女户 is a 独生子女家庭 (nesting): 孙福来 qualifies; his wife 李桂芝 is 非农业
  await household(['only_daughter'], [['孙福来', `${Y - 70}0505`, 'M', { hukou: 'rural', bank: { name: '山亭农商银行', account: acct(2) } }],
    ['李桂芝', `${Y - 68}0303`, 'F', { hukou: 'urban' }]]);
  // a 双女绝育户 is a 双女户: 周玉兰 died and 吴长海 moved out before the reference day
  await household(['two_daughters_sterilised'], [['周玉兰', `${Y - 65}0808`, 'F', { hukou: 'rural', died_on: addDays(TODAY, -30) }],
    ['吴长海', `${Y - 66}0909`, 'M', { hukou: 'rural', moved_out_on: addDays(TODAY, -10) }]]);
  // 计生困难家庭 only: not of the programme's categories, not a candidate at all
  await household(['hardship'], [['郑大山', `${Y - 75}0101`, 'M', { hukou: 'rural' }]]);
});
after(async () => { await srv.stop(); });

const PROGRAMME = {
  name: '奖励扶助（测试村）', beneficiary: 'person', period: 'year', amount_fen: 96000, effective_from: '2020-01-01',
  rules: { categories_any: ['one_child', 'two_daughters'], min_age: 60, age_on: '12-31', hukou: 'rural' },
};

test('the administrator defines a programme; bad input and other roles are refused and change nothing', async () => {
  for (const [body, field, code] of [
    [{ ...PROGRAMME, beneficiary: undefined }, 'beneficiary', 'invalid_beneficiary'],
    [{ ...PROGRAMME, period: 'weekly' }, 'period', 'invalid_period'],
    [{ ...PROGRAMME, amount_fen: 0 }, 'amount_fen', 'invalid_amount'],
    [{ ...PROGRAMME, rules: { min_age: 70, max_age: 60 } }, 'rules.min_age', 'invalid_age'],
    [{ ...PROGRAMME, rules: { age_on: '02-30' } }, 'rules.age_on', 'invalid_age_on'],
    [{ ...PROGRAMME, rules: { categories_any: ['rich'] } }, 'rules.categories_any', 'invalid_rule'],
  ]) {
    const r = await api(srv.base, 'POST', '/programmes', { ...body, fund_id: fundId }, t.admin);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.equal(r.body.error.field, field);
    assert.equal(r.body.error.code, code);
  }
  assert.equal((await api(srv.base, 'POST', '/programmes', { ...PROGRAMME, fund_id: fundId }, t.relief)).status, 403);
  const n0 = (await api(srv.base, 'GET', '/programmes', undefined, t.admin)).body.total;
  assert.equal(sqlRows(srv.db, 'SELECT count(*) AS n FROM programmes')[0].n, n0, 'the demo\'s programmes only');
  const r = await api(srv.base, 'POST', '/programmes', { ...PROGRAMME, fund_id: fundId }, t.admin);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  programme = r.body.id;
  assert.deepEqual(r.body.amounts, [{ effective_from: '2020-01-01', amount_fen: 96000 }]);
  assert.deepEqual(r.body.rules.categories_any, ['one_child', 'two_daughters']);
  assert.equal(r.body.rules.hukou, 'rural');
  assert.equal((await api(srv.base, 'POST', '/programmes', { ...PROGRAMME, fund_id: fundId }, t.admin)).body.error.code, 'duplicate_name');
  const list = await api(srv.base, 'GET', '/programmes', undefined, t.relief);
  assert.equal(list.body.total, n0 + 1);
  assert.ok(list.body.items.some((p) => p.id === programme));
  // a programme paid from 西集镇's fund is not the neighbouring township's
  assert.equal((await api(srv.base, 'GET', `/programmes/${programme}`, undefined, t.fm)).status, 403);
  assert.ok(!(await api(srv.base, 'GET', '/programmes', undefined, t.fm)).body.items.some((p) => p.id === programme));
});

let lastYear, roll;
test('last year\'s roll: 孙福来 (69), and 周玉兰 and 吴长海, alive and resident on its reference day; 赵德胜 was 59, not yet a candidate', async () => {
  const r = await api(srv.base, 'POST', `/programmes/${programme}/rolls`, { year: Y - 1, unit_id: village }, t.relief);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  lastYear = r.body;
  assert.equal(r.body.ref_date, `${Y - 1}-12-31`);
  assert.deepEqual(r.body.rows.map((x) => [x.person_id, x.status]),
    [[people['孙福来'].id, 'new'], [people['周玉兰'].id, 'new'], [people['吴长海'].id, 'new']]);
  // too young for the programme and not on the roll before: not a candidate, so not listed as excluded
  // (docs/domain.md); his wife 李桂芝 (67, 非农业) is
  assert.deepEqual(r.body.excluded.map((x) => [x.person_id, x.reason]), [[people['李桂芝'].id, 'hukou']]);
});

test('this year\'s roll: each rule includes or excludes the right person, worked by hand', async () => {
  const r = await api(srv.base, 'POST', `/programmes/${programme}/rolls`, { year: Y, unit_id: village }, t.relief);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  roll = r.body;
  assert.equal(roll.state, 'draft');
  assert.equal(roll.amount_fen, 96000);
  const byPerson = (list) => Object.fromEntries(list.map((x) => [Object.keys(people).find((n) => people[n].id === x.person_id), x]));
  const rows = byPerson(roll.rows), excluded = byPerson(roll.excluded);
  assert.deepEqual(Object.keys(rows).sort(), ['孙福来', '赵德胜'].sort());
  assert.equal(rows['赵德胜'].status, 'new', '60 on 12-31 itself');
  assert.equal(rows['孙福来'].status, 'continued', 'on last year\'s roll');
  assert.equal(rows['赵德胜'].name, '赵*胜', 'names masked');
  assert.equal(rows['赵德胜'].amount_fen, 96000);
  assert.equal(roll.total_fen, 192000, '2 × 960.00');
  assert.deepEqual(Object.fromEntries(Object.entries(excluded).map(([n, x]) => [n, x.reason])), {
    李桂芝: 'hukou', 周玉兰: 'died', 吴长海: 'moved_out',
  });
  assert.equal(excluded['郑大山'], undefined, 'a household outside the categories is not a candidate');
  assert.equal(excluded['钱秀英'], undefined, '59 on the reference day, never on the roll: not yet a candidate');
  assert.deepEqual(roll.counts, { new: 1, continued: 1, added: 0, excluded: 3, removed: 0, exits: 2, paid: 0, failed: 0 });
  assert.deepEqual([excluded['周玉兰'].was_on_roll, excluded['吴长海'].was_on_roll, excluded['李桂芝'].was_on_roll], [true, true, false],
    'died and moved out: exits from last year\'s roll');
  assert.equal(roll.excluded_next, null, 'the whole list on the first page');
  const again = await api(srv.base, 'POST', `/programmes/${programme}/rolls`, { year: Y, unit_id: village }, t.relief);
  assert.equal(again.body.error.code, 'roll_exists');
  assert.equal((await api(srv.base, 'POST', `/programmes/${programme}/rolls`, { year: Y, unit_id: village }, t.fm)).status, 403);
  assert.equal((await api(srv.base, 'GET', `/rolls/${roll.id}`, undefined, t.fm)).status, 403);
  assert.equal(sqlRows(srv.db, `SELECT count(*) AS n FROM rolls WHERE programme_id = ${programme}`)[0].n, 2, 'refusals wrote nothing');
});

test('the excluded list pages by row (keyset ?after=): every person once, the answer says where it goes on', async () => {
  const first = await api(srv.base, 'GET', `/rolls/${roll.id}/excluded?limit=2`, undefined, t.relief);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.total, 3);
  assert.equal(first.body.items.length, 2);
  assert.equal(typeof first.body.next, 'string');
  const rest = await api(srv.base, 'GET', `/rolls/${roll.id}/excluded?limit=2&after=${first.body.next}`, undefined, t.relief);
  assert.equal(rest.body.items.length, 1);
  assert.equal(rest.body.next, null, 'the last page');
  const all = [...first.body.items, ...rest.body.items];
  assert.deepEqual(all.map((x) => x.id), roll.excluded.map((x) => x.id), 'the same rows in the same order as the roll');
  // a roll answer with a short page says where its lists go on
  const short = (await api(srv.base, 'GET', `/rolls/${roll.id}?limit=1`, undefined, t.relief)).body;
  assert.equal(short.excluded.length, 1);
  assert.equal(short.excluded_total, 3);
  const more = await api(srv.base, 'GET', `/rolls/${roll.id}/excluded?after=${short.excluded_next}`, undefined, t.relief);
  assert.deepEqual([...short.excluded, ...more.body.items].map((x) => x.reason).sort(), ['died', 'hukou', 'moved_out']);
  const rows = await api(srv.base, 'GET', `/rolls/${roll.id}/rows?after=${short.rows_next}`, undefined, t.relief);
  assert.deepEqual([...short.rows, ...rows.body.items].map((x) => x.id), roll.rows.map((x) => x.id));
  assert.equal((await api(srv.base, 'GET', `/rolls/${roll.id}/excluded?after=zz`, undefined, t.relief)).body.error.code, 'invalid_cursor');
  assert.equal((await api(srv.base, 'GET', `/rolls/${roll.id}/excluded`, undefined, t.fm)).status, 403);
});

test('staff add and remove a row with a reason (audited); without a reason nothing changes', async () => {
  const li = people['李桂芝'].id;
  const noReason = await api(srv.base, 'POST', `/rolls/${roll.id}/rows`, { person_id: li, reason: '' }, t.relief);
  assert.equal(noReason.body.error.code, 'invalid_reason');
  const added = await api(srv.base, 'POST', `/rolls/${roll.id}/rows`, { person_id: li, reason: '户籍已迁回农业，待户口簿更正' }, t.relief);
  assert.equal(added.status, 200, JSON.stringify(added.body));
  const row = added.body.rows.find((x) => x.person_id === li);
  assert.equal(row.status, 'added');
  assert.equal(added.body.total_fen, 288000);
  assert.equal((await api(srv.base, 'POST', `/rolls/${roll.id}/rows`, { person_id: li, reason: '再补一次' }, t.relief)).body.error.code, 'already_on_roll');
  const removed = await api(srv.base, 'POST', `/rolls/${roll.id}/rows/${row.id}/remove`, { reason: '核实仍为非农业户籍' }, t.relief);
  assert.equal(removed.status, 200);
  assert.equal(removed.body.total_fen, 192000);
  assert.equal(removed.body.excluded.find((x) => x.id === row.id).reason, 'removed');
  assert.equal(sqlRows(srv.db, `SELECT group_concat(action) AS a FROM (SELECT action FROM audit_log WHERE entity = 'roll' AND entity_id = ${roll.id} ORDER BY id)`)[0].a,
    'create,add_row,remove_row');
});

test('the roll goes on public notice (masked); approval waits for the end of the notice (one clock)', async () => {
  const n = await api(srv.base, 'POST', '/notices', { kind: 'roll', roll_id: roll.id, days: 7 }, t.assoc);
  assert.equal(n.status, 201, JSON.stringify(n.body));
  assert.equal(n.body.kind, 'roll');
  assert.deepEqual(n.body.items.map((i) => i.name ?? i.masked_name).sort(), ['孙*来', '赵*胜'].sort());
  assert.match(n.body.title, /扶助测试村奖励扶助（测试村）\d{4}年资格确认公示/);
  const pub = await api(srv.base, 'GET', `/notices/${n.body.id}`);
  assert.doesNotMatch(JSON.stringify(pub.body), /赵德胜|孙福来/, 'the public sees masked names only');
  assert.equal(pub.body.items_total, 2);
  // a page of the items: numbered in the roll's row order, the total said
  const page = (await api(srv.base, 'GET', `/notices/${n.body.id}?limit=1&offset=1`)).body;
  assert.deepEqual([page.items.length, page.items[0].n, page.items_total], [1, 2, 2]);
  assert.deepEqual(n.body.items.map((i) => i.n), [1, 2]);
  const r = (await api(srv.base, 'GET', `/rolls/${roll.id}`, undefined, t.relief)).body;
  assert.equal(r.state, 'in_notice');
  assert.equal((await api(srv.base, 'POST', `/rolls/${roll.id}/rows`, { person_id: people['李桂芝'].id, reason: '公示中补录' }, t.relief)).body.error.code, 'roll_not_draft');
  assert.equal((await api(srv.base, 'POST', '/notices', { kind: 'roll', roll_id: roll.id }, t.assoc)).body.error.code, 'roll_not_draft');
  const early = await api(srv.base, 'POST', `/rolls/${roll.id}/approve`, undefined, t.assoc);
  assert.equal(early.body.error.code, 'notice_not_over');
  await srv.restart({ today: addDays(TODAY, 7) }); // the notice ran TODAY … TODAY + 6
  for (const k of Object.keys(t)) t[k] = await token(srv.base, { admin: 'admin', relief: 'xj_jiuzhu', assoc: 'xj_xiehui', finance: 'xj_caiwu', fm: 'fm_xiehui' }[k]);
  assert.equal((await api(srv.base, 'GET', '/rolls/' + roll.id + '/bank-file', undefined, t.finance)).body.error.code, 'not_approved');
  const ok = await api(srv.base, 'POST', `/rolls/${roll.id}/approve`, undefined, t.assoc);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.state, 'approved');
  assert.equal(ok.body.approved_on, addDays(TODAY, 7));
});

const balance = async () => (await api(srv.base, 'GET', '/funds', undefined, t.finance)).body.items.find((f) => f.id === fundId).balance_fen;
const returnFile = (lines) => '\ufeff序号,账号,金额,结果,原因\r\n' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
async function bankReturn(csv, tok = t.finance, query = '') {
  const res = await fetch(`${srv.base}/api/v1/rolls/${roll.id}/bank-return${query}`, {
    method: 'POST', headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'text/csv' }, body: csv,
  });
  return { status: res.status, body: await res.json() };
}

let fileRows;
test('the payment file: full names, IDs and accounts for finance and relief only; every download audited', async () => {
  const res = await fetch(`${srv.base}/api/v1/rolls/${roll.id}/bank-file`, { headers: { Authorization: `Bearer ${t.finance}` } });
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV with BOM');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('序号,姓名,身份证号,开户银行,账号,金额,摘要,村'), text.slice(0, 80));
  fileRows = text.trim().split('\r\n').slice(1).map((l) => l.split(','));
  assert.deepEqual(fileRows.map((c) => [c[1], c[4], c[5]]).sort(), [['孙福来', acct(2), '960.00'], ['赵德胜', acct(1), '960.00']]);
  const xlsx = await fetch(`${srv.base}/api/v1/rolls/${roll.id}/bank-file?format=xlsx`, { headers: { Authorization: `Bearer ${t.relief}` } });
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  assert.equal((await api(srv.base, 'GET', `/rolls/${roll.id}/bank-file`, undefined, t.assoc)).status, 403);
  assert.equal(sqlRows(srv.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'bank_file' AND entity_id = ${roll.id}`)[0].n, 2);
});

test('the bank\'s return file: paid rows debit the fund once, failed rows wait with the reason; twice pays nothing twice', async () => {
  const b0 = await balance();
  const zhao = fileRows.find((c) => c[1] === '赵德胜'), sun = fileRows.find((c) => c[1] === '孙福来');
  const wrong = await bankReturn(returnFile([[zhao[0], zhao[4], '906.00', '成功', '']]));
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.error.code, 'bad_return_file');
  assert.match(wrong.body.error.problems[0], /金额与代发名单不符/);
  assert.equal(await balance(), b0, 'a file that does not match books nothing');
  const file = returnFile([[zhao[0], zhao[4], '960.00', '成功', ''], [sun[0], sun[4], '960.00', '失败', '账户已销户']]);
  const first = await bankReturn(file);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.paid, 1);
  assert.deepEqual(first.body.failed, [{ row: Number(sun[0]), reason: '账户已销户' }]);
  assert.equal(first.body.already_paid, 0);
  assert.equal(await balance(), b0 - 96000, 'debited 960.00 to the fen');
  const again = await bankReturn(file);
  assert.equal(again.body.paid, 0);
  assert.equal(again.body.already_paid, 1);
  assert.equal(await balance(), b0 - 96000, 'the same file again pays nothing');
  const r = (await api(srv.base, 'GET', `/rolls/${roll.id}`, undefined, t.relief)).body;
  assert.equal(r.rows.find((x) => x.person_id === people['孙福来'].id).pay_reason, '账户已销户');
  assert.equal(r.counts.failed, 1);
  // the account is corrected; the next payment file holds only 孙福来, with the new account
  const newAcct = '6228480000000099';
  await api(srv.base, 'POST', `/households/${people['孙福来'].household}/members/${people['孙福来'].id}`,
    { hukou: 'rural', bank: { name: '山亭农商银行', account: newAcct } }, t.assoc);
  const next = await (await fetch(`${srv.base}/api/v1/rolls/${roll.id}/bank-file`, { headers: { Authorization: `Bearer ${t.finance}` } })).text();
  const nextRows = next.trim().split('\r\n').slice(1).map((l) => l.split(','));
  assert.deepEqual(nextRows.map((c) => [c[1], c[4]]), [['孙福来', newAcct]]);
  const second = await bankReturn(returnFile([[nextRows[0][0], newAcct, '960.00', '成功', '']]));
  assert.equal(second.body.paid, 1);
  assert.equal(await balance(), b0 - 192000);
  const ledger = sqlRows(srv.db, `SELECT kind, amount_fen, roll_id FROM relief_fund_entries WHERE roll_id = ${roll.id} ORDER BY id`);
  assert.deepEqual(ledger, [{ kind: 'programme', amount_fen: -96000, roll_id: roll.id }, { kind: 'programme', amount_fen: -96000, roll_id: roll.id }]);
  const done = (await api(srv.base, 'GET', `/rolls/${roll.id}`, undefined, t.relief)).body;
  assert.equal(done.paid_fen, 192000);
  assert.deepEqual([done.counts.paid, done.counts.failed], [2, 0]);
  assert.equal((await bankReturn(file, t.assoc)).status, 403, 'only finance and relief import');
  // the same reader as relief batches: a file under a bank format's own headers (流水号, 卡号, 金额（元）), reordered
  const fmt = await api(srv.base, 'POST', '/bank-formats', { name: '名册回盘改名', encoding: 'utf8', columns: [
    { key: 'account', head: '卡号' }, { key: 'row', head: '流水号' }, { key: 'name', head: '户名' }, { key: 'amount', head: '金额（元）' }] }, t.admin);
  assert.equal(fmt.status, 201, JSON.stringify(fmt.body));
  const renamed = `\ufeff金额（元）,流水号,结果,卡号\r\n960.00,${zhao[0]},成功,${zhao[4]}\r\n`;
  assert.equal((await bankReturn(renamed)).body.error.code, 'missing_column', 'not under the default format\'s headers');
  const read = await bankReturn(renamed, t.finance, `?bank_format=${fmt.body.id}`);
  assert.equal(read.status, 200, JSON.stringify(read.body));
  assert.deepEqual([read.body.paid, read.body.already_paid, read.body.paid_twice_total], [0, 1, 0]);
  assert.equal(await balance(), b0 - 192000);
  const c = check(srv.db);
  assert.equal(c.status, 0, c.stdout + c.stderr);
});

test('relief reads its rules from the programme: an admin\'s once/household programme is a relief category; its amount changes from its date only', async () => {
  const fam = (name) => people[name].household;
  const r = await api(srv.base, 'POST', '/programmes', { name: '老年慰问（测试村）', beneficiary: 'household', period: 'once', amount_fen: 50000,
    effective_from: '2020-01-01', fund_id: fundId, rules: { categories_any: ['one_child', 'two_daughters'], min_age: 60, hukou: 'rural' } }, t.admin);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const cats = (as_of) => api(srv.base, 'GET', `/relief-categories?as_of=${as_of}`, undefined, t.relief).then((x) => x.body.items);
  const cat = (await cats(TODAY)).find((c) => c.programme_id === r.body.id);
  assert.ok(cat, 'the programme is a relief category');
  assert.equal(cat.name, '老年慰问（测试村）');
  assert.deepEqual(cat.eligible, ['one_child', 'two_daughters']);
  assert.equal(cat.amount_fen, 50000);
  // the batch preview over the village: the categories with their nesting (独女户 ⊂ 独生子女家庭, 双女绝育户 ⊂ 双女户),
  // then the rules over the head: 周玉兰 died; 郑大山 (计生困难家庭 only) is no candidate at all
  const pre = await api(srv.base, 'GET', `/relief-batches/preview?category_id=${cat.id}&village_id=${village}`, undefined, t.relief);
  assert.equal(pre.status, 200, JSON.stringify(pre.body));
  assert.deepEqual(pre.body.included.map((x) => x.household_id).sort(), [fam('赵德胜'), fam('孙福来')].sort());
  assert.deepEqual(pre.body.excluded.map((x) => [x.household_id, x.reason]), [[fam('周玉兰'), '已死亡']]);
  const apply = (name) => api(srv.base, 'POST', '/relief-applications', { household_id: fam(name), category_id: cat.id, reason: '老年慰问' }, t.relief);
  const dead = await apply('周玉兰');
  assert.equal(dead.status, 409);
  assert.match(dead.body.error.message, /户主不符合扶助项目“老年慰问（测试村）”的条件：已死亡/);
  const poor = await apply('郑大山');
  assert.equal(poor.status, 409);
  assert.equal(poor.body.error.code, 'not_eligible');
  // 赵德胜 is 60 on 31 December: the programme's 12-31 reference day admits him; 500.00 yuan as the programme says
  const a1 = await apply('赵德胜');
  assert.equal(a1.status, 201, JSON.stringify(a1.body));
  assert.equal(a1.body.amount_fen, 50000);
  // a new amount from tomorrow does not change today's relief; one from today does, for new applications only
  // (the server's day is the application's: the notice test above served the database at a later day)
  const now = a1.body.applied_on, tomorrow = addDays(now, 1);
  assert.equal((await api(srv.base, 'POST', `/programmes/${r.body.id}/amounts`, { amount_fen: 60000, effective_from: tomorrow }, t.admin)).status, 200);
  assert.equal((await cats(now)).find((c) => c.id === cat.id).amount_fen, 50000);
  assert.equal((await cats(tomorrow)).find((c) => c.id === cat.id).amount_fen, 60000);
  assert.equal((await api(srv.base, 'POST', `/programmes/${r.body.id}/amounts`, { amount_fen: 55550, effective_from: now }, t.admin)).status, 200);
  const a2 = await apply('孙福来');
  assert.equal(a2.status, 201, JSON.stringify(a2.body));
  assert.equal(a2.body.amount_fen, 55550, '555.50 yuan, the amount in force today');
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${a1.body.id}`, undefined, t.relief)).body.amount_fen, 50000,
    'an application made before keeps its amount');
  // the programme's categories are the category's: narrowing them through the category narrows the programme
  assert.equal((await api(srv.base, 'PUT', `/relief-categories/${cat.id}`, { eligible: ['two_daughters'], any_household: false, per_year: 1, active: true }, t.admin)).status, 200);
  assert.deepEqual((await api(srv.base, 'GET', `/programmes/${r.body.id}`, undefined, t.admin)).body.rules.categories_any, ['two_daughters']);
});
