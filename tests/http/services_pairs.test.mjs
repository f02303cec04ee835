// Pairing (结对帮扶): a cadre, a unit and a prospering household paired with households through the
// API and the household page; refusals change nothing; the pair list's filters and exports; scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, unitIds, TODAY, addDays } from './lib.mjs';

let srv, units, admin, assoc, xiji;

// n households of a village (ids) in no pair yet (the demo pairs some), as the association sees them.
async function householdsOf(village, n) {
  const r = await api(srv.base, 'GET', `/households?village_id=${units[village]}&limit=100`, undefined, assoc);
  assert.equal(r.status, 200);
  const pairs = await api(srv.base, 'GET', `/pairs?unit_id=${units[village]}&limit=500`, undefined, assoc);
  const taken = new Set(pairs.body.items.flatMap((p) => [p.household_id, p.helper.household_id]));
  const free = r.body.items.map((h) => h.id).filter((id) => !taken.has(id)).slice(0, n);
  assert.equal(free.length, n);
  return free;
}

before(async () => {
  srv = await startServer();
  admin = await token(srv.base, 'admin');
  assoc = await token(srv.base, 'xj_xiehui');
  xiji = await token(srv.base, 'xj_cun_xiji');
  units = await unitIds(srv.base, admin);
});
after(async () => { await srv.stop(); });

test('a cadre, a unit and a prospering household paired with a household; the household shows them; ended with a reason', async () => {
  const [poor, rich] = await householdsOf('西集村', 2);
  const from = addDays(TODAY, -30);
  const cadre = await api(srv.base, 'POST', '/pairs', { household_id: poor, from, goals: ['增收', '技术'],
    helper: { kind: 'cadre', name: '韩立军', unit_id: units['西集镇'], phone: '13905381234' } }, xiji);
  assert.equal(cadre.status, 201, JSON.stringify(cadre.body));
  assert.deepEqual(cadre.body.goals, ['增收', '技术']);
  assert.equal(cadre.body.helper.name, '韩立军');
  assert.equal(cadre.body.helper.unit, '西集镇');
  assert.equal(cadre.body.state, 'active');
  const unit = await api(srv.base, 'POST', '/pairs', { household_id: poor, from, goals: ['就业'],
    helper: { kind: 'unit', unit_id: units['西集镇'] } }, assoc);
  assert.equal(unit.status, 201);
  assert.equal(unit.body.helper.name, '西集镇');
  const hh = await api(srv.base, 'POST', '/pairs', { household_id: poor, from, goals: ['产业'],
    helper: { kind: 'household', household_id: rich } }, xiji);
  assert.equal(hh.status, 201);
  assert.equal(hh.body.helper.household_id, rich);

  // the same helper again while the pair goes on: 409, nothing written
  const again = await api(srv.base, 'POST', '/pairs', { household_id: poor, from, goals: ['就业'],
    helper: { kind: 'unit', unit_id: units['西集镇'] } }, assoc);
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'duplicate_pair');

  const shown = await api(srv.base, 'GET', `/households/${poor}`, undefined, xiji);
  assert.equal(shown.status, 200);
  assert.deepEqual(shown.body.pairs.map((p) => p.id).sort(), [cadre.body.id, unit.body.id, hh.body.id].sort());

  const early = await api(srv.base, 'POST', `/pairs/${cadre.body.id}/end`, { on: addDays(from, -1), reason: '调离' }, xiji);
  assert.equal(early.status, 422);
  assert.equal(early.body.error.field, 'on');
  const noReason = await api(srv.base, 'POST', `/pairs/${cadre.body.id}/end`, { on: TODAY, reason: '' }, xiji);
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.error.field, 'reason');
  const end = await api(srv.base, 'POST', `/pairs/${cadre.body.id}/end`, { on: TODAY, reason: '工作调动' }, xiji);
  assert.equal(end.status, 200);
  assert.equal(end.body.state, 'ended');
  assert.equal(end.body.ended_on, TODAY);
  assert.equal(end.body.end_reason, '工作调动');
  const twice = await api(srv.base, 'POST', `/pairs/${cadre.body.id}/end`, { on: TODAY, reason: '再次' }, xiji);
  assert.equal(twice.status, 409);
  const after1 = await api(srv.base, 'GET', `/pairs?household_id=${poor}&state=ended`, undefined, xiji);
  assert.equal(after1.body.total, 1);
  assert.equal(after1.body.items[0].end_reason, '工作调动');
  const active = await api(srv.base, 'GET', `/pairs?household_id=${poor}&state=active`, undefined, xiji);
  assert.equal(active.body.total, 2);
  const helped = await api(srv.base, 'GET', `/pairs?helper_household_id=${rich}`, undefined, xiji);
  assert.deepEqual(helped.body.items.map((p) => p.household_id), [poor]);
});

test('refusals: bad goals, a future day, the household itself as helper, a named cadre without phone; none written', async () => {
  const [h] = await householdsOf('西集村', 1);
  const before1 = (await api(srv.base, 'GET', `/pairs?household_id=${h}`, undefined, assoc)).body.total;
  const cases = [
    [{ goals: ['发财'], helper: { kind: 'unit', unit_id: units['西集镇'] } }, 'goals'],
    [{ goals: [], helper: { kind: 'unit', unit_id: units['西集镇'] } }, 'goals'],
    [{ goals: ['增收'], from: addDays(TODAY, 1), helper: { kind: 'unit', unit_id: units['西集镇'] } }, 'from'],
    [{ goals: ['增收'], helper: { kind: 'household', household_id: h } }, 'helper.household_id'],
    [{ goals: ['增收'], helper: { kind: 'cadre', name: '某某', unit_id: units['西集镇'] } }, 'helper.phone'],
    [{ goals: ['增收'], helper: { kind: 'cadre', unit_id: units['西集镇'], phone: '13905381234' } }, 'helper.name'],
    [{ goals: ['增收'], helper: { kind: 'boss' } }, 'helper.kind'],
  ];
  for (const [body, field] of cases) {
    const r = await api(srv.base, 'POST', '/pairs', { household_id: h, from: TODAY, ...body }, assoc);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.error.field, field);
  }
  assert.equal((await api(srv.base, 'GET', `/pairs?household_id=${h}`, undefined, assoc)).body.total, before1);
});

test('scope: a village officer cannot pair, end or list another village’s pairs', async () => {
  const [dong] = await householdsOf('东集村', 1);
  const p = await api(srv.base, 'POST', '/pairs', { household_id: dong, from: TODAY, goals: ['教育'],
    helper: { kind: 'unit', unit_id: units['东集村'] } }, assoc);
  assert.equal(p.status, 201);
  const pair = await api(srv.base, 'POST', '/pairs', { household_id: dong, from: TODAY, goals: ['教育'],
    helper: { kind: 'unit', unit_id: units['西集村'] } }, xiji);
  assert.equal(pair.status, 403);
  const end = await api(srv.base, 'POST', `/pairs/${p.body.id}/end`, { on: TODAY, reason: '越权' }, xiji);
  assert.equal(end.status, 403);
  const list = await api(srv.base, 'GET', `/pairs?unit_id=${units['东集村']}`, undefined, xiji);
  assert.equal(list.status, 403);
  const own = await api(srv.base, 'GET', '/pairs?limit=500', undefined, xiji);
  assert.ok(own.body.items.every((x) => x.village === '西集村'));
  const still = await api(srv.base, 'GET', `/pairs?household_id=${dong}`, undefined, assoc);
  assert.equal(still.body.items[0].state, 'active');
});

test('the household page pairs through its form (kept on refusal), the pair list filters and exports', async () => {
  const [h, rich] = await householdsOf('西集村', 2);
  const b = new Browser(srv.base);
  await b.login('xj_cun_xiji');
  const page = await b.get(`/households/${h}`);
  assert.match(page.text, /结对帮扶/);
  const bad = await b.post(`/households/${h}/pairs`, { kind: 'cadre', name: '吴德明', unit_id: String(units['西集村']),
    phone: '123', from: TODAY, goal: ['增收'] });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /手机号应为 11 位数字/);
  assert.match(bad.text, /value="吴德明"/);
  const ok = await b.post(`/households/${h}/pairs`, { kind: 'cadre', name: '吴德明', unit_id: String(units['西集村']),
    phone: '13905380001', from: TODAY, goal: ['增收', '健康'] });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  const shown = await b.get(ok.location);
  assert.match(shown.text, /吴德明（西集村）/);
  assert.match(shown.text, /增收、健康/);
  const pairId = (await api(srv.base, 'GET', `/pairs?household_id=${h}&kind=cadre&state=active`, undefined, xiji))
    .body.items.find((p) => p.helper.name === '吴德明').id;
  const ended = await b.post(`/pairs/${pairId}/end`, { on: TODAY, reason: '目标已达成' });
  assert.equal(ended.status, 303);
  assert.match((await b.get(ended.location)).text, /已结束[\s\S]*目标已达成/);

  const list = await b.get('/pairs?kind=cadre&state=ended');
  assert.equal(list.status, 200);
  assert.match(list.text, /<th>被帮扶家庭<\/th><th>帮扶人<\/th><th>帮扶目标<\/th>/);
  assert.doesNotMatch(shown.text + list.text, /&lt;/, 'no markup written as text');
  assert.match(list.text, /吴德明/);
  const csv = await b.get('/pairs?kind=cadre&state=ended&format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /csv/);
  assert.match(csv.text, /被帮扶户主,帮扶人类别/);
  assert.match(csv.text, /吴德明.*目标已达成/);
  assert.doesNotMatch(csv.text, /进行中|,单位,|,帮扶户,/, 'the filter (ended cadre pairs) holds in the export');
  const xlsx = await fetch(srv.base + '/pairs?format=xlsx', { headers: { Cookie: b.cookie } });
  assert.equal(xlsx.status, 200);
  assert.equal((await xlsx.arrayBuffer()).byteLength > 1000, true);
  const apiCsv = await fetch(srv.base + '/api/v1/pairs?format=csv', { headers: { Authorization: `Bearer ${xiji}` } });
  assert.equal(apiCsv.status, 200);
  assert.match(await apiCsv.text(), /吴德明/);
  assert.ok(rich);
});
