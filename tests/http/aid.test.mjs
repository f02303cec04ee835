// Aid in kind (慰问品, issue 20 part 6), worked to the fen: items with unit values; a distribution records
// item, quantity and value (quantity × the unit value of the day) per household; refusals write nothing;
// the page confirms in words and figures first; a reversal with a reason takes it out of the totals; the
// fund shows the value apart from its cash (the balance does not move); the 签领表 PDF lists the standing
// rows with a signature column and the total in 大写.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, sqlRows, pdfText, Browser, TODAY, addDays } from './lib.mjs';

let srv, t = {}, hh, other, village, fund, items;
const count = () => sqlRows(srv.db, 'SELECT count(*) AS n FROM aid_distributions')[0].n;
const fundOf = async () => (await api(srv.base, 'GET', '/funds', undefined, t.xj_jiuzhu)).body.items.find((f) => f.id === fund);

before(async () => {
  srv = await startServer();
  for (const u of ['admin', 'xj_jiuzhu', 'xj_caiwu']) t[u] = await token(srv.base, u);
  [hh] = sqlRows(srv.db, `SELECT h.id, h.village_id FROM households h JOIN units v ON v.id = h.village_id JOIN units t ON t.id = v.parent_id
    WHERE t.name = '西集镇' ORDER BY h.id DESC LIMIT 1`);
  village = hh.village_id;
  other = sqlRows(srv.db, `SELECT h.id FROM households h JOIN units v ON v.id = h.village_id JOIN units t ON t.id = v.parent_id
    WHERE t.name = '冯卯镇' ORDER BY h.id LIMIT 1`)[0].id;
  fund = sqlRows(srv.db, "SELECT f.id FROM relief_funds f JOIN units u ON u.id = f.unit_id WHERE u.name = '西集镇' ORDER BY f.id LIMIT 1")[0].id;
  items = Object.fromEntries((await api(srv.base, 'GET', '/aid-items', undefined, t.xj_jiuzhu)).body.items.map((i) => [i.name, i]));
});
after(async () => { await srv.stop(); });

test('items: the seeds with their unit values; only the administrator adds one', async () => {
  assert.deepEqual([items['复合肥（50公斤）'].unit, items['复合肥（50公斤）'].value_fen], ['袋', 16000]);
  assert.equal(items['食用油（5升）'].value_fen, 7990);
  const body = { name: '棉被', unit: '床', value_fen: 15000 };
  assert.equal((await api(srv.base, 'POST', '/aid-items', body, t.xj_jiuzhu)).status, 403);
  const r = await api(srv.base, 'POST', '/aid-items', body, t.admin);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal((await api(srv.base, 'POST', '/aid-items', body, t.admin)).body.error.code, 'duplicate_name');
  assert.equal((await api(srv.base, 'POST', '/aid-items', { ...body, name: '毛毯', value_fen: 0 }, t.admin)).body.error.field, 'value_fen');
});

test('distributions to the fen, refusals that write nothing, the fund apart from its cash, reversal', async () => {
  const before = await fundOf();
  const ledgerKind = async () => (await api(srv.base, 'GET', `/funds/${fund}/ledger?from=${TODAY}&to=${TODAY}`, undefined, t.xj_jiuzhu)).body.in_kind_fen;
  const kind0 = await ledgerKind();
  const quarterly = async () => (await api(srv.base, 'GET', '/reports/quarterly', undefined, t.admin)).body.in_kind;
  const q0 = await quarterly();
  const n0 = count();
  const give = (body, who = 'xj_jiuzhu') => api(srv.base, 'POST', '/aid-distributions',
    { household_id: hh.id, fund_id: fund, given_on: TODAY, occasion: '春节走访慰问', ...body }, t[who]);
  for (const [body, who, status, code] of [
    [{ item_id: items['复合肥（50公斤）'].id, quantity: 0 }, 'xj_jiuzhu', 422, 'invalid_quantity'],
    [{ item_id: items['复合肥（50公斤）'].id, quantity: 1001 }, 'xj_jiuzhu', 422, 'invalid_quantity'],
    [{ item_id: items['复合肥（50公斤）'].id, quantity: 1, given_on: addDays(TODAY, 1) }, 'xj_jiuzhu', 422, 'invalid_date'],
    [{ item_id: 999999, quantity: 1 }, 'xj_jiuzhu', 422, 'invalid_item'],
    [{ item_id: items['复合肥（50公斤）'].id, quantity: 1, household_id: other }, 'xj_jiuzhu', 403, 'out_of_scope'],
    [{ item_id: items['复合肥（50公斤）'].id, quantity: 1, household_id: other }, 'admin', 409, 'fund_out_of_scope'],
    [{ item_id: items['复合肥（50公斤）'].id, quantity: 1 }, 'xj_caiwu', 403, undefined],
  ]) {
    const r = await give(body, who);
    assert.equal(r.status, status, JSON.stringify(r.body));
    if (code) assert.equal(r.body.error.code, code);
  }
  assert.equal(count(), n0, 'no refusal wrote anything');
  // 3 bags of fertiliser at 160.00 = 480.00; 3 cans of oil at 79.90 = 239.70
  const a = await give({ item_id: items['复合肥（50公斤）'].id, quantity: 3 });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.deepEqual([a.body.quantity, a.body.unit_value_fen, a.body.value_fen, a.body.value_capital], [3, 16000, 48000, '人民币肆佰捌拾元整']);
  const b = await give({ item_id: items['食用油（5升）'].id, quantity: 3 });
  assert.deepEqual([b.body.value_fen, b.body.value_capital], [23970, '人民币贰佰叁拾玖元柒角整']);
  const q = `/aid-distributions?village_id=${village}&from=${TODAY}&to=${TODAY}`;
  let list = (await api(srv.base, 'GET', q, undefined, t.xj_jiuzhu)).body;
  assert.deepEqual([list.total, list.quantity_total, list.value_fen_total], [2, 6, 71970], '480.00 + 239.70 = 719.70');
  let f = await fundOf();
  assert.equal(f.in_kind_fen - before.in_kind_fen, 71970);
  assert.equal(f.balance_fen, before.balance_fen, 'goods in kind do not move the cash balance');
  // the oil reversed with a reason: out of the totals, kept in the list; never twice
  assert.equal((await api(srv.base, 'POST', `/aid-distributions/${b.body.id}/reverse`, { reason: '错' }, t.xj_jiuzhu)).body.error.code, 'invalid_reason');
  const rv = await api(srv.base, 'POST', `/aid-distributions/${b.body.id}/reverse`, { reason: '户主不在家，未领取' }, t.xj_jiuzhu);
  assert.equal(rv.status, 200, JSON.stringify(rv.body));
  assert.deepEqual([rv.body.reversed, rv.body.reverse_reason, rv.body.reversed_on], [true, '户主不在家，未领取', TODAY]);
  assert.equal((await api(srv.base, 'POST', `/aid-distributions/${b.body.id}/reverse`, { reason: '再冲一次' }, t.xj_jiuzhu)).body.error.code, 'already_reversed');
  list = (await api(srv.base, 'GET', q, undefined, t.xj_jiuzhu)).body;
  assert.deepEqual([list.total, list.quantity_total, list.value_fen_total], [2, 3, 48000]);
  f = await fundOf();
  assert.equal(f.in_kind_fen - before.in_kind_fen, 48000);
  const q1 = await quarterly();
  assert.deepEqual([q1.distributions - q0.distributions, q1.value_fen - q0.value_fen], [1, 48000], 'the quarterly report: the standing one');
  // the fund's ledger (JSON and its export): the in-kind value of the day on a line of its own, never in the balance
  const kind1 = await ledgerKind();
  assert.equal(kind1 - kind0, 48000);
  const ledgerCsv = await (await fetch(`${srv.base}/api/v1/reports/fund-ledger?fund_id=${fund}&from=${TODAY}&to=${TODAY}&format=csv`,
    { headers: { Authorization: `Bearer ${t.xj_jiuzhu}` } })).text();
  const yuan = (fen) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  const kindLine = ledgerCsv.split('\r\n').find((l) => l.includes('实物慰问品发放价值'));
  assert.ok(kindLine && kindLine.includes(`实物慰问品发放价值 ${yuan(kind1)} 元（不计入收支和余额）`), kindLine);
  assert.ok(kindLine.endsWith(',,,'), 'no cash and no balance on the in-kind line');
  assert.ok(ledgerCsv.split('\r\n\r\n')[0].trim().split('\r\n').at(-1).endsWith(`,${(f.balance_fen / 100).toFixed(2)}`), 'the closing balance is the cash balance');
  assert.equal(sqlRows(srv.db, `SELECT count(*) AS n FROM audit_log WHERE entity = 'aid_distribution' AND entity_id IN (${a.body.id}, ${b.body.id})`)[0].n, 3);
  // the 签领表: the standing row with its signature column and the total in 大写; the reversed one is not on it
  const b2 = new Browser(srv.base);
  await b2.login('xj_jiuzhu');
  const text = await pdfText(srv, `/aid/sign-sheet?village_id=${village}&from=${TODAY}&to=${TODAY}`, b2);
  assert.match(text, /慰问品签领表/);
  assert.match(text, /签名或手印/);
  assert.match(text, /肆佰捌拾元整/);
  assert.ok(!text.includes('食用油'), 'the reversed distribution is not signed for');
  assert.equal(text.includes(a.body.head_name), true);
  const csv = await fetch(`${srv.base}/api/v1/aid-distributions?village_id=${village}&from=${TODAY}&to=${TODAY}&format=csv`,
    { headers: { Authorization: `Bearer ${t.xj_jiuzhu}` } });
  const rows = (await csv.text()).slice(1).split(/\r?\n/).map((l) => l.split(','));
  assert.deepEqual(rows.find((r) => r[0] === '合计')?.slice(5, 8), ['3', '', '480.00']);
});

test('the page confirms in words and figures before it gives, and keeps what was typed', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_jiuzhu');
  const n0 = count();
  const form = { household_id: String(hh.id), item_id: String(items['大米（25公斤）'].id), quantity: '2', fund_id: String(fund),
    given_on: TODAY, occasion: '重阳节慰问' };
  const ask = await b.post('/aid', form);
  assert.equal(ask.status, 200);
  assert.match(ask.text, /大米（25公斤） 2 袋，单价 125\.00 元，价值 250\.00 元（贰佰伍拾元整）/);
  assert.equal(count(), n0, 'asking writes nothing');
  const done = await b.post('/aid', { ...form, confirm: '1' });
  assert.equal(done.status, 303);
  assert.equal(count(), n0 + 1);
  const page = await b.get(`/aid?village_id=${village}&from=${TODAY}&to=${TODAY}`);
  assert.match(page.text, /重阳节慰问/);
  const bad = await b.post('/aid', { ...form, quantity: '0' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /value="重阳节慰问"/);
  assert.equal(count(), n0 + 1);
});
