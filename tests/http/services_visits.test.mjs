// Visits and help given (走访帮扶): a pair with its visits, kinds in Chinese, next steps, refusals that
// change nothing, the loan follow-up visits read as one kind of visit in the household's list, the
// household page's form, scope and the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, unitIds, TODAY, addDays } from './lib.mjs';

let srv, units, admin, assoc, xiji;

before(async () => {
  srv = await startServer();
  admin = await token(srv.base, 'admin');
  assoc = await token(srv.base, 'xj_xiehui');
  xiji = await token(srv.base, 'xj_cun_xiji');
  units = await unitIds(srv.base, admin);
});
after(async () => { await srv.stop(); });

// A household of the village in no pair and without visits.
async function quietHousehold(village) {
  const hh = await api(srv.base, 'GET', `/households?village_id=${units[village]}&limit=100`, undefined, assoc);
  const pairs = await api(srv.base, 'GET', `/pairs?unit_id=${units[village]}&limit=500`, undefined, assoc);
  const visits = await api(srv.base, 'GET', `/visits?unit_id=${units[village]}&limit=500`, undefined, assoc);
  const taken = new Set([...pairs.body.items.flatMap((p) => [p.household_id, p.helper.household_id]),
    ...visits.body.items.map((v) => v.household_id)]);
  return hh.body.items.map((h) => h.id).filter((id) => !taken.has(id))[0];
}

test('a pair with its visits: each kind in Chinese, a next step, listed newest first under the pair and the household', async () => {
  const h = await quietHousehold('西集村');
  const from = addDays(TODAY, -60);
  const pair = await api(srv.base, 'POST', '/pairs', { household_id: h, from, goals: ['增收'],
    helper: { kind: 'unit', unit_id: units['西集镇'] } }, xiji);
  assert.equal(pair.status, 201);
  const made = [];
  for (const [n, kind] of [[50, '咨询建议'], [40, 'training'], [30, '信息服务'], [20, '实物帮扶'], [10, '贷款救助转介']]) {
    const v = await api(srv.base, 'POST', '/visits', { household_id: h, pair_id: pair.body.id, on: addDays(TODAY, -n),
      kind, note: `第${made.length + 1}次走访`, next_step: n === 10 ? '陪同到信用社' : undefined,
      next_on: n === 10 ? addDays(TODAY, 5) : undefined }, xiji);
    assert.equal(v.status, 201, JSON.stringify(v.body));
    made.push(v.body);
  }
  assert.deepEqual(made.map((v) => v.kind_name), ['咨询建议', '培训推荐', '信息服务', '实物帮扶', '贷款救助转介']);
  assert.deepEqual(made.map((v) => v.kind), ['advice', 'training', 'information', 'goods', 'referral']);
  assert.equal(made[4].next_step, '陪同到信用社');
  assert.equal(made[4].next_on, addDays(TODAY, 5));
  assert.equal(made[0].by, '张春梅');
  const byPair = await api(srv.base, 'GET', `/visits?pair_id=${pair.body.id}`, undefined, xiji);
  assert.equal(byPair.body.total, 5);
  assert.deepEqual(byPair.body.items.map((v) => v.note), ['第5次走访', '第4次走访', '第3次走访', '第2次走访', '第1次走访']);
  const hh = await api(srv.base, 'GET', `/households/${h}`, undefined, xiji);
  assert.equal(hh.body.visits_total, 5);
  assert.equal(hh.body.visits[0].kind_name, '贷款救助转介');
  const period = await api(srv.base, 'GET', `/visits?household_id=${h}&from=${addDays(TODAY, -35)}&to=${addDays(TODAY, -15)}`, undefined, xiji);
  assert.deepEqual(period.body.items.map((v) => v.kind), ['goods', 'information']);
});

test('refusals name their field and write nothing: future day, unknown kind, empty note, next day before the visit, another household’s pair, a day before the pair', async () => {
  const h = await quietHousehold('西集村');
  const other = await quietHousehold('东集村');
  const pair = await api(srv.base, 'POST', '/pairs', { household_id: other, from: addDays(TODAY, -5), goals: ['就业'],
    helper: { kind: 'unit', unit_id: units['西集镇'] } }, assoc);
  const own = await api(srv.base, 'POST', '/pairs', { household_id: h, from: addDays(TODAY, -5), goals: ['就业'],
    helper: { kind: 'unit', unit_id: units['西集镇'] } }, assoc);
  const base = { household_id: h, on: TODAY, kind: 'advice', note: '走访' };
  const cases = [
    [{ on: addDays(TODAY, 1) }, 'on'],
    [{ kind: '请客吃饭' }, 'kind'],
    [{ kind: 'loan_followup' }, 'kind'],
    [{ note: '' }, 'note'],
    [{ next_step: '再看', next_on: addDays(TODAY, -1) }, 'next_on'],
    [{ next_on: addDays(TODAY, 3) }, 'next_step'],
    [{ pair_id: pair.body.id }, 'pair_id'],
    [{ pair_id: own.body.id, on: addDays(TODAY, -6) }, 'pair_id'],
  ];
  for (const [patch, field] of cases) {
    const r = await api(srv.base, 'POST', '/visits', { ...base, ...patch }, assoc);
    assert.equal(r.status, 422, `${field}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.field, field);
  }
  assert.equal((await api(srv.base, 'GET', `/visits?household_id=${h}`, undefined, assoc)).body.total, 0);
  const out = await api(srv.base, 'POST', '/visits', { ...base, household_id: other }, xiji);
  assert.equal(out.status, 403);
  assert.equal((await api(srv.base, 'GET', `/visits?household_id=${other}`, undefined, assoc)).body.total, 0);
});

test('the loan follow-up visits are one kind of visit in the household’s list, read where they are stored', async () => {
  const fu = await api(srv.base, 'GET', '/visits?kind=loan_followup&limit=500', undefined, assoc);
  assert.ok(fu.body.total >= 1, 'the demo has follow-up visits');
  const one = fu.body.items[0];
  assert.equal(one.kind_name, '贷款回访');
  const loanVisits = await api(srv.base, 'GET', `/loans/${one.loan_id}/followups`, undefined, assoc);
  const same = loanVisits.body.items.find((x) => x.id === one.id);
  assert.equal(same.visited_on, one.on);
  assert.equal(same.jobs_created, one.jobs_created);
  assert.equal(same.income_fen, one.income_fen);
  // a new follow-up through the loan account appears in the household's visits with a recorded visit
  const added = await api(srv.base, 'POST', `/loans/${one.loan_id}/followups`, { visited_on: TODAY, jobs_created: 3,
    income_fen: 4500000, note: '大棚已建成' }, assoc);
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const v = await api(srv.base, 'POST', '/visits', { household_id: one.household_id, on: TODAY, kind: '信息服务',
    note: '送去蔬菜价格' }, assoc);
  assert.equal(v.status, 201);
  const hh = await api(srv.base, 'GET', `/households/${one.household_id}`, undefined, assoc);
  const today = hh.body.visits.filter((x) => x.on === TODAY);
  assert.deepEqual(today.map((x) => [x.kind, x.note]).sort(), [['information', '送去蔬菜价格'], ['loan_followup', '大棚已建成']]);
  const f = today.find((x) => x.kind === 'loan_followup');
  assert.equal(f.jobs_created, 3);
  assert.equal(f.income_fen, 4500000);
  assert.equal(f.loan_id, one.loan_id);
});

test('the household page records a visit (kept on refusal) and lists it with the follow-ups; the export', async () => {
  const h = await quietHousehold('西集村');
  const b = new Browser(srv.base);
  await b.login('xj_cun_xiji');
  const page = await b.get(`/households/${h}`);
  assert.match(page.text, /走访帮扶/);
  assert.match(page.text, /暂无走访记录/);
  const bad = await b.post(`/households/${h}/visits`, { on: TODAY, kind: 'goods', note: '送去种子', next_on: addDays(TODAY, 7) });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /请写明下一步做什么/);
  assert.match(bad.text, /value="送去种子"/);
  const ok = await b.post(`/households/${h}/visits`, { on: TODAY, kind: 'goods', note: '送去种子',
    next_step: '出苗后回访', next_on: addDays(TODAY, 7) });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  const shown = await b.get(ok.location);
  assert.match(shown.text, /实物帮扶<\/td><td>送去种子/);
  assert.match(shown.text, /出苗后回访/);
  const csv = await fetch(`${srv.base}/api/v1/visits?household_id=${h}&format=csv`, { headers: { Authorization: `Bearer ${xiji}` } });
  assert.equal(csv.status, 200);
  const text = await csv.text();
  assert.match(text, /走访日期,村,户主,帮扶方式/);
  assert.match(text, new RegExp(`${TODAY},西集村,[^,]+,实物帮扶,送去种子,出苗后回访,${addDays(TODAY, 7)}`));
});
