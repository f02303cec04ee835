// Issue 21 items 3 and 6: information items (信息服务) sent to villages and households with who
// received them, and their counts by village; the training page's form with attendance by member;
// the assessment (考核) of a village worked by hand, its scope, files, weights and the public
// summary (no personal data). One server for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, unitIds, TODAY } from './lib.mjs';

let srv, units, assoc, xiji, admin;

before(async () => {
  srv = await startServer();
  assoc = await token(srv.base, 'xj_xiehui');
  xiji = await token(srv.base, 'xj_cun_xiji');
  admin = await token(srv.base, 'admin');
  units = await unitIds(srv.base, admin);
});
after(async () => { await srv.stop(); });

// A household of a village with its members ({id, name}), as the association reads it.
async function household(village, n = 0) {
  const list = await api(srv.base, 'GET', `/households?village_id=${units[village]}&limit=${n + 1}`, undefined, assoc);
  const h = await api(srv.base, 'GET', `/households/${list.body.items[n].id}`, undefined, assoc);
  return { id: h.body.id, members: h.body.members.map((m) => ({ id: m.id, name: m.name })) };
}

// An API CSV download as text with its BOM kept.
async function csvText(path) {
  const res = await fetch(`${srv.base}/api/v1${path}`, { headers: { Authorization: `Bearer ${assoc}` } });
  return Buffer.from(await res.arrayBuffer()).toString('utf8');
}

// The villages' information counts as {village: [items, households]}.
async function infoCounts(tok = assoc) {
  const r = await api(srv.base, 'GET', '/information-items/villages', undefined, tok);
  return Object.fromEntries(r.body.items.map((v) => [v.village, [v.items, v.households]]));
}

test('information items: sent to a village and a household, who received them, counts by village; refusals write nothing', async () => {
  const a = await household('西集村', 3), d = await household('东集村', 4);
  const body = { title: '本周玉米收购价', kind: 'market', on: TODAY, unit_id: units['西集镇'],
    text: '镇粮站玉米每斤 1.25 元。', recipients: [{ village_id: units['东集村'] }, { household_id: a.id }] };
  const total0 = (await api(srv.base, 'GET', '/information-items', undefined, assoc)).body.total;
  const was = await infoCounts();
  const refused = [
    [{ kind: 'weather' }, 'kind', 'invalid_kind', 422, assoc],
    [{ recipients: [] }, 'recipients', 'invalid_recipients', 422, assoc],
    [{ recipients: [{ household_id: a.id }, { household_id: a.id }] }, 'recipients[1]', 'duplicate_recipient', 422, assoc],
    [{ recipients: [{ household_id: a.id, village_id: units['西集村'] }] }, 'recipients', 'invalid_type', 422, assoc],
    [{ unit_id: units['西集村'], recipients: [{ village_id: units['东集村'] }] }, 'recipients[0]', 'out_of_scope', 403, xiji],
  ];
  for (const [patch, field, code, status, tok] of refused) {
    const r = await api(srv.base, 'POST', '/information-items', { ...body, ...patch }, tok);
    assert.equal(r.status, status, JSON.stringify(r.body));
    assert.equal(r.body.error.code, code);
    assert.equal(r.body.error.field, field);
  }
  assert.equal((await api(srv.base, 'GET', '/information-items', undefined, assoc)).body.total, total0, 'nothing written');

  const r = await api(srv.base, 'POST', '/information-items', body, assoc);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.kind_name, '市场价格');
  assert.equal(r.body.villages, 1);
  assert.equal(r.body.households, 1);
  assert.deepEqual(r.body.recipients.map((x) => [x.village, x.household_id]), [['东集村', 0], ['西集村', a.id]]);
  // a household of 东集村 received it through its village; the list filters by household
  const got = await api(srv.base, 'GET', `/information-items?household_id=${d.id}&kind=market`, undefined, assoc);
  assert.ok(got.body.items.some((x) => x.id === r.body.id));
  const now = await infoCounts();
  assert.deepEqual(now['东集村'], [(was['东集村'] || [0, 0])[0] + 1, (was['东集村'] || [0, 0])[1]]);
  assert.deepEqual(now['西集村'], [(was['西集村'] || [0, 0])[0] + 1, (was['西集村'] || [0, 0])[1] + 1]);
  // the village officer of 西集村 sees the item with its 西集村 recipient only
  const mine = await api(srv.base, 'GET', `/information-items?household_id=${a.id}`, undefined, xiji);
  const seen = mine.body.items.find((x) => x.id === r.body.id);
  assert.deepEqual(seen.recipients.map((x) => x.village), ['西集村']);
  assert.deepEqual(Object.keys(await infoCounts(xiji)), ['西集村']);

  // the page: the item with its recipients, the counts beside the trainings; the form keeps what was typed
  const br = new Browser(srv.base);
  await br.login('xj_xiehui');
  const page = await br.get('/information');
  assert.match(page.text, /本周玉米收购价/);
  assert.match(page.text, /东集村（全村）/);
  assert.match((await br.get('/trainings')).text, /各村信息服务/);
  const bad = await br.post('/information', { title: '招工信息', kind: 'jobs', on: TODAY, unit_id: units['西集镇'],
    text: '县食品厂招工', households: `${a.id}，12x` });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /value="招工信息"/);
  assert.match(bad.text, /class="field-error"[^>]*>家庭编号应为数字/);
  const ok = await br.post('/information', { title: '招工信息', kind: 'jobs', on: TODAY, unit_id: units['西集镇'],
    text: '县食品厂招工', households: `${a.id}、${d.id}`, village_id: [String(units['南集村'])] });
  assert.equal(ok.status, 303, ok.text.slice(0, 400));
  const last = (await api(srv.base, 'GET', '/information-items?kind=jobs&limit=1', undefined, assoc)).body.items[0];
  assert.equal(last.title, '招工信息');
  assert.deepEqual([last.villages, last.households], [1, 2]);
  assert.match(await csvText('/information-items?format=csv'), /^\uFEFF编号,日期,类别,标题/);
});

test('the training page form: attendance by household member, kept input and the error next to the field', async () => {
  const a = await household('西集村', 5), b = await household('东集村', 5);
  const br = new Browser(srv.base);
  await br.login('xj_xiehui');
  const form = { title: '果树修剪培训', on: TODAY, unit_id: units['西集镇'], place: '镇农技站', trainer: '王技术员' };
  const total0 = (await api(srv.base, 'GET', '/trainings', undefined, assoc)).body.total;
  const notLine = await br.post('/trainings', { ...form, attendees: `${a.id} ${a.members[0].name}\n李四家` });
  assert.equal(notLine.status, 422);
  assert.match(notLine.text, /value="果树修剪培训"/);
  assert.match(notLine.text, /class="field-error"[^>]*>第 2 行应以家庭编号开头/);
  const stranger = await br.post('/trainings', { ...form, attendees: `${a.id} ${b.members[0].name}` });
  assert.equal(stranger.status, 422);
  assert.match(stranger.text, /class="field-error"[^>]*>第 1 名参训人员不是该家庭的成员/);
  assert.equal((await api(srv.base, 'GET', '/trainings', undefined, assoc)).body.total, total0, 'nothing written');
  const ok = await br.post('/trainings', { ...form,
    attendees: `${a.id} ${a.members[0].name}\n${a.id} ${a.members[1].name}\n\n${b.id}` });
  assert.equal(ok.status, 303, ok.text.slice(0, 400));
  const t = (await api(srv.base, 'GET', `/trainings?household_id=${b.id}`, undefined, assoc)).body.items[0];
  assert.equal(t.title, '果树修剪培训');
  assert.deepEqual([t.attendances, t.households], [3, 2]);
});

// One unit's row of the assessment (month or quarter) as the association reads it.
async function row(q, unit, tok = assoc) {
  const r = await api(srv.base, 'GET', `/reports/assessment?${q}`, undefined, tok);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.find((x) => x.unit === unit);
}

test('the assessment of a village worked by hand; scope, files, weights and the public summary', async () => {
  const month = `month=${TODAY.slice(0, 7)}`;
  const before = await row(month, '南集村');
  assert.equal(before.households, 30, 'the demo registers 30 households a village');
  assert.equal(before.paired, 0, 'the demo pairs nobody in 南集村');
  // two pairs, one visit and one course for the first of them, a complaint resolved the same day
  const h0 = await household('南集村', 0), h1 = await household('南集村', 1);
  for (const h of [h0, h1]) {
    const p = await api(srv.base, 'POST', '/pairs', { household_id: h.id, from: TODAY, goals: ['增收'],
      helper: { kind: 'unit', unit_id: units['西集镇'] } }, assoc);
    assert.equal(p.status, 201, JSON.stringify(p.body));
  }
  assert.equal((await api(srv.base, 'POST', '/visits', { household_id: h0.id, on: TODAY, kind: 'advice',
    note: '了解种植意向' }, assoc)).status, 201);
  assert.equal((await api(srv.base, 'POST', '/trainings', { title: '养殖培训', on: TODAY, unit_id: units['西集镇'],
    place: '镇文化站', trainer: '陈晓', attendees: [{ household_id: h0.id }] }, assoc)).status, 201);
  const c = await api(srv.base, 'POST', '/complaints', { text: '咨询贷款贴息', contact: '13905380000',
    village_id: units['南集村'], category: 'inquiry' }, assoc);
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assert.equal((await api(srv.base, 'POST', `/complaints/${c.body.id}/resolve`, { resolution: '已电话答复',
    satisfaction: '满意' }, assoc)).status, 200);

  const after = await row(month, '南集村');
  // by hand, default weights: 结对覆盖率 15 × 2/30 = 1.0; 结对户走访率 20 × 1/2 = 10.0;
  // 结对户参训率 15 × 1/2 = 7.5: the score rises by 18.5 plus what the complaint changed
  assert.deepEqual([after.paired, after.visited, after.trained], [2, 1, 1]);
  assert.deepEqual(after.rates.pairing, { num: 2, den: 30, points: '1.0' });
  assert.deepEqual(after.rates.visits, { num: 1, den: 2, points: '10.0' });
  assert.deepEqual(after.rates.training, { num: 1, den: 2, points: '7.5' });
  assert.equal(after.visits, before.visits + 1);
  assert.equal(after.attendances, before.attendances + 1);
  assert.deepEqual([after.complaints, after.handled, after.on_time, after.satisfied],
    [before.complaints + 1, before.handled + 1, before.on_time + 1, before.satisfied + 1]);
  // the timeliness and satisfaction items' points in thousandths, from their rates (full weight without a base)
  const part = (w, { num, den }) => (den ? Math.floor((2000 * w * num + den) / (2 * den)) : 1000 * w);
  const milli = (x) => part(15, x.rates.timeliness) + part(15, x.rates.satisfaction);
  assert.equal(after.score_milli - before.score_milli, 18500 + milli(after) - milli(before));
  // the township's row adds its villages up
  const town = await row(month, '西集镇');
  const all = (await api(srv.base, 'GET', `/reports/assessment?${month}`, undefined, assoc)).body.items;
  const villages = all.filter((x) => x.kind === 'village');
  assert.equal(town.households, villages.reduce((s, x) => s + x.households, 0));
  assert.equal(town.paired, villages.reduce((s, x) => s + x.paired, 0));
  assert.equal(town.villages, villages.length);

  // scope: the village officer sees only the village; another township's unit is refused
  const own = await api(srv.base, 'GET', `/reports/assessment?${month}`, undefined, xiji);
  assert.deepEqual(own.body.items.map((x) => x.unit), ['西集村']);
  const other = Object.keys(units).find((n) => n.endsWith('镇') && n !== '西集镇');
  assert.equal((await api(srv.base, 'GET', `/reports/assessment?unit_id=${units[other]}`, undefined, assoc)).status, 403);
  assert.equal((await api(srv.base, 'GET', '/reports/assessment?quarter=2026Q5', undefined, assoc)).body.error.code, 'invalid_period');

  // files: the CSV carries the village with its score; the page offers Excel and PDF
  const csv = await csvText(`/reports/assessment?${month}&format=csv`);
  assert.match(csv, /^\uFEFF/);
  assert.ok(csv.split('\n').some((l) => l.startsWith('　南集村,30,2,') && l.trim().endsWith(`,${after.score}`)), csv.slice(0, 600));
  const br = new Browser(srv.base);
  await br.login('xj_xiehui');
  const page = await br.get(`/reports/assessment?${month}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /format=xlsx/);
  assert.match(page.text, /南集村/);

  // weights: a total other than 100 is refused and changes nothing; a valid set re-scores
  const w = (await api(srv.base, 'GET', '/assessment/weights', undefined, admin)).body;
  const bad = await api(srv.base, 'POST', '/assessment/weights', { ...w, pairing: 16 }, admin);
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.code, 'weights_not_100');
  assert.equal((await api(srv.base, 'POST', '/assessment/weights', { ...w, pairing: 16, visits: 19 }, assoc)).status, 403);
  assert.deepEqual((await api(srv.base, 'GET', '/assessment/weights', undefined, admin)).body, w);
  const set = await api(srv.base, 'POST', '/assessment/weights', { ...w, pairing: 30, visits: 5 }, admin);
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const rescored = await row(month, '南集村');
  // 30 × 2/30 = 2.0; 5 × 1/2 = 2.5
  assert.deepEqual([rescored.rates.pairing.points, rescored.rates.visits.points], ['2.0', '2.5']);
  assert.equal(rescored.score_milli, after.score_milli - 1000 + 2000 - 10000 + 2500);
  const ab = new Browser(srv.base);
  await ab.login('admin');
  const kept = await ab.post('/admin/assessment-weights', { ...w, pairing: '12', visits: 'abc' });
  assert.equal(kept.status, 422);
  assert.match(kept.text, /name="pairing"[^>]*value="12"/);
  assert.match(kept.text, /class="field-error"[^>]*>结对户走访率的权重应为 0 到 100 的整数/);
  assert.equal((await ab.post('/admin/assessment-weights', w)).status, 303);

  // the public summary: last quarter's rates and scores, no names; the running quarter is refused
  const pub = await fetch(`${srv.base}/public/assessment`);
  const text = await pub.text();
  assert.equal(pub.status, 200);
  assert.match(text, /帮富工作考核公示/);
  assert.match(text, /南集村/);
  for (const m of [...h0.members, ...h1.members]) assert.ok(!text.includes(m.name), 'no personal names');
  const q = `${TODAY.slice(0, 4)}Q${Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + 1}`;
  assert.equal((await fetch(`${srv.base}/public/assessment?quarter=${q}`)).status, 422);
});

// The period of a month or quarter as [from, to] (the assessment's period; to may lie after today).
function periodOf(q) {
  const y = Number(TODAY.slice(0, 4)), m = Number(TODAY.slice(5, 7));
  const first = q === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1, last = q === 'month' ? m : first + 2;
  const pad = (n) => String(n).padStart(2, '0');
  const code = q === 'month' ? `month=${TODAY.slice(0, 7)}` : `quarter=${y}Q${(first + 2) / 3}`;
  return { code, from: `${y}-${pad(first)}-01`, to: `${y}-${pad(last)}-${pad(new Date(y, last, 0).getDate())}` };
}

// The timeliness report's figures summed over the services, by unit id (or handler id).
async function timelinessBy(by, { from, to }, tok = assoc) {
  const r = await api(srv.base, 'GET', `/reports/timeliness?by=${by}&from=${from}&to=${to}`, undefined, tok);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const sums = {};
  for (const x of r.body.items) {
    const k = by === 'handler' ? x.handler_id : x.unit_id;
    const s = (sums[k] ||= { handled: 0, on_time: 0, open_late: 0 });
    s.handled += x.handled, s.on_time += x.on_time, s.open_late += x.open_late;
  }
  return sums;
}

// Points as the assessment rounds them: weight × num / den in thousandths, half up, shown in tenths.
const points = (w, num, den) => {
  const milli = Math.floor((2000 * w * num + den) / (2 * den));
  const tenths = Math.floor((milli + 50) / 100);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
};

test('the assessment counts timeliness through the timeliness report: the same figures for every village, township and officer', async () => {
  // a complaint of 北庄村 resolved the same day (on time) and one assigned to the village officer of 西集村
  const officer = (await api(srv.base, 'GET', '/me', undefined, xiji)).body;
  const was = await row(periodOf('month').code, '北庄村');
  const c1 = await api(srv.base, 'POST', '/complaints', { text: '咨询培训报名', contact: '13905381111',
    village_id: units['北庄村'], category: 'inquiry' }, assoc);
  assert.equal((await api(srv.base, 'POST', `/complaints/${c1.body.id}/resolve`, { resolution: '已答复' }, assoc)).status, 200);
  const c2 = await api(srv.base, 'POST', '/complaints', { text: '反映走访不及时', contact: '13905382222',
    village_id: units['西集村'], category: 'complaint' }, assoc);
  const assigned = await api(srv.base, 'POST', `/complaints/${c2.body.id}/assign`, { handler_id: officer.id }, assoc);
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
  assert.equal((await api(srv.base, 'POST', `/complaints/${c2.body.id}/resolve`, { resolution: '已走访', satisfaction: '满意' }, assoc)).status, 200);
  const w = (await api(srv.base, 'GET', '/assessment/weights', undefined, assoc)).body;
  for (const q of ['month', 'quarter']) {
    const p = periodOf(q);
    const a = (await api(srv.base, 'GET', `/reports/assessment?${p.code}`, undefined, assoc)).body;
    const byVillage = await timelinessBy('village', p), byTownship = await timelinessBy('township', p);
    for (const row of a.items) {
      const t = (row.kind === 'village' ? byVillage : byTownship)[row.unit_id] || { handled: 0, on_time: 0, open_late: 0 };
      assert.deepEqual([row.handled, row.on_time, row.open_late], [t.handled, t.on_time, t.open_late], `${q} ${row.unit}`);
      const den = row.handled + row.open_late;
      assert.deepEqual(row.rates.timeliness, { num: row.on_time, den, points: den ? points(w.timeliness, row.on_time, den) : `${w.timeliness}.0` });
    }
    if (q === 'month') { // by hand: one more case handled, on time (resolved the day it was filed)
      const north = a.items.find((x) => x.unit === '北庄村');
      assert.deepEqual([north.handled, north.on_time, north.open_late], [was.handled + 1, was.on_time + 1, was.open_late]);
    }
    // the officer of 西集村: her own A角 cases, the report by handler's figures
    const mine = a.officers.find((x) => x.user_id === officer.id);
    const t = (await timelinessBy('handler', p))[officer.id];
    assert.deepEqual([mine.handled, mine.on_time, mine.open_late], [t.handled, t.on_time, t.open_late]);
    assert.ok(mine.handled >= 1);
  }
});

test('a row per village officer: named, their own visits and A角 cases, scored; in the API, CSV and page, never on the public board', async () => {
  const month = periodOf('month');
  const officer = (await api(srv.base, 'GET', '/me', undefined, xiji)).body;
  const rowsOf = async (tok = assoc) => (await api(srv.base, 'GET', `/reports/assessment?${month.code}`, undefined, tok)).body;
  const before = await rowsOf();
  const mine = () => before.officers.find((x) => x.user_id === officer.id);
  assert.equal(mine().officer, officer.name);
  assert.equal(mine().unit, '西集村');
  assert.equal(mine().kind, 'officer');
  const village = before.items.find((x) => x.unit === '西集村');
  // the village's figures, but her own visits
  assert.deepEqual([mine().households, mine().paired, mine().visited], [village.households, village.paired, village.visited]);
  // officers follow the units' order; only village officers of the scope
  const order = before.items.map((x) => x.unit_id);
  const at = before.officers.map((x) => order.indexOf(x.unit_id));
  assert.deepEqual(at, [...at].sort((a, b) => a - b));
  assert.ok(at.every((i) => i >= 0));
  // a visit she records counts for her and her village; one by the association only for the village
  const h = await household('西集村', 7);
  for (const tok of [xiji, assoc])
    assert.equal((await api(srv.base, 'POST', '/visits', { household_id: h.id, on: TODAY, kind: 'advice', note: '了解生产情况' }, tok)).status, 201);
  const after = await rowsOf();
  const now = after.officers.find((x) => x.user_id === officer.id);
  assert.equal(now.visits, mine().visits + 1);
  assert.equal(after.items.find((x) => x.unit === '西集村').visits, village.visits + 2);
  // her score is the formula over her row: the timeliness item from her own cases
  const w = after.weights;
  const den = now.handled + now.open_late;
  assert.equal(now.rates.timeliness.points, den ? points(w.timeliness, now.on_time, den) : `${w.timeliness}.0`);
  const sum = Object.values(now.rates).reduce((s, r) => s + Math.round(Number(r.points) * 10), 0);
  assert.ok(Math.abs(sum - Math.round(Number(now.score) * 10)) <= 4, 'the score adds the seven items (each rounded to tenths)');
  // the village officer reads her own village's officers only
  const own = await rowsOf(xiji);
  assert.ok(own.officers.length >= 1 && own.officers.every((x) => x.unit === '西集村'));
  // CSV and page carry her name under her village; the public board no officer's name
  const csv = await csvText(`/reports/assessment?${month.code}&format=csv`);
  const lines = csv.split('\n');
  const v = lines.findIndex((l) => l.startsWith('　西集村,'));
  assert.ok(v > 0 && lines[v + 1].startsWith('　　专干 '), 'the officers right after their village');
  assert.ok(lines.some((l) => l.startsWith(`　　专干 ${officer.name},`) && l.trim().endsWith(`,${now.score}`)));
  const br = new Browser(srv.base);
  await br.login('xj_xiehui');
  const page = await br.get(`/reports/assessment?${month.code}`);
  assert.match(page.text, new RegExp(`专干 ${officer.name}`));
  assert.match(page.text, /本人作为A角经办/);
  const pub = await (await fetch(`${srv.base}/public/assessment`, { headers: { 'X-Real-IP': '10.9.0.1' } })).text();
  for (const o of after.officers) assert.ok(!pub.includes(o.officer), `no officer named on the public board (${o.officer})`);
});

test('the public board is kept per quarter: a second request does not recompute, a write does; it is rate-limited', async () => {
  const get = (ip, q = '') => fetch(`${srv.base}/public/assessment${q}`, { headers: { 'X-Real-IP': ip } });
  // a write (audited) makes the next request compute the board again
  assert.equal((await api(srv.base, 'POST', '/complaints', { text: '建议公示栏多放几天', contact: '13905383333',
    village_id: units['南集村'], category: 'suggestion' }, assoc)).status, 201);
  const first = await get('10.9.0.2');
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-bangfu-cache'), 'filled');
  const second = await get('10.9.0.3');
  assert.equal(second.headers.get('x-bangfu-cache'), 'fresh', 'served from the cache, not recomputed');
  assert.equal(await second.text(), await first.text());
  // another quarter is its own entry
  const y = Number(TODAY.slice(0, 4));
  const older = await get('10.9.0.3', `?quarter=${y - 2}Q4`);
  assert.equal(older.status, 200);
  assert.equal(older.headers.get('x-bangfu-cache'), 'filled');
  assert.equal((await get('10.9.0.3', `?quarter=${y - 2}Q4`)).headers.get('x-bangfu-cache'), 'fresh');
  // a refused period is answered, never kept
  assert.equal((await get('10.9.0.3', '?quarter=2026Q5')).status, 422);
  // a resolved complaint changes the figures: computed again
  const open = (await api(srv.base, 'GET', '/complaints?state=open', undefined, assoc)).body.items[0];
  assert.equal((await api(srv.base, 'POST', `/complaints/${open.id}/resolve`, { resolution: '已处理' }, assoc)).status, 200);
  assert.equal((await get('10.9.0.3')).headers.get('x-bangfu-cache'), 'filled');
  // 30 reads a minute from one client, then 429 in Chinese; another client is still served
  let refused = null, n = 0;
  for (; n < 31 && !refused; n++) {
    const r = await get('10.9.0.9');
    if (r.status === 429) refused = r;
    else { assert.equal(r.status, 200); await r.arrayBuffer(); }
  }
  assert.ok(refused, 'the 31st read is refused');
  assert.equal(n, 31);
  assert.match(await refused.text(), /访问过于频繁/);
  assert.equal((await get('10.9.0.10')).status, 200);
});
