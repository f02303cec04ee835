// Loan applications, joint review and guarantee, through the JSON API: intake and eligibility,
// documents, submit with a working-day deadline, review rounds, scope, races, guarantee capacity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, makeId, unitIds, addDays, TODAY, addWorkdays, isWeekend } from './lib.mjs';

let srv, t, units;
const ALL_DOCS = { id_card: true, hukou: true, marriage: true, family_planning: true, business_plan: true,
  implementation_plan: true, counter_guarantee: true };

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_jingwei', 'xj_zhaoshang', 'xj_pingshen', 'xj_caiwu', 'qu_caiwu', 'fm_xiehui', 'xj_cun_xiji', 'shenji']) {
    t[u] = await token(srv.base, u);
  }
  units = await unitIds(srv.base, t.admin);
});
after(async () => { await srv.stop(); });

let order = 10;
// Registers a household in the village and returns its id.
async function household(village = '西集村', policy = true) {
  order += 1;
  const r = await api(srv.base, 'POST', '/households', {
    village_id: units[village], policy_compliant: policy, categories: ['one_child'],
    head: { name: '刘振东', id_number: makeId('19790505', order, 'M'), phone: '13805321234' },
  }, t.xj_xiehui);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

const application = (household_id, extra = {}) => ({
  household_id, amount_fen: 20000000, term_months: 36, project_type: 'livestock', project_name: '蛋鸡养殖场（2.6万只）',
  business_plan_md: '# 创业方案\n\n新建鸡舍两栋，存栏蛋鸡 **26,000** 只。\n\n<script>alert(1)</script>\n\n[链接](javascript:alert(1))',
  expected_jobs: 6, expected_income_fen: 15000000, ...extra,
});

const review = (id, who, decision, comment = '') =>
  api(srv.base, 'POST', `/loan-applications/${id}/reviews`, { decision, comment }, t[who]);

// Creates an application with every document and submits it; returns its id.
async function submitted(village) {
  const hh = await household(village);
  const a = await api(srv.base, 'POST', '/loan-applications', application(hh), t.xj_xiehui);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal((await api(srv.base, 'PUT', `/loan-applications/${a.body.id}/documents`, ALL_DOCS, t.xj_xiehui)).status, 200);
  const s = await api(srv.base, 'POST', `/loan-applications/${a.body.id}/submit`, {}, t.xj_xiehui);
  assert.equal(s.status, 200, JSON.stringify(s.body));
  return a.body.id;
}

test('intake: eligibility and value checks, each refusal with its reason and nothing written', async () => {
  const hh = await household();
  const bad = [
    [{ amount_fen: 1999999 }, 422, 'invalid_amount', 'amount_fen'],
    [{ amount_fen: 20000001 }, 422, 'invalid_amount', 'amount_fen'],
    [{ term_months: 5 }, 422, 'invalid_term', 'term_months'],
    [{ term_months: 37 }, 422, 'invalid_term', 'term_months'],
    [{ project_type: 'mining' }, 422, 'invalid_project_type', 'project_type'],
    [{ project_name: '' }, 422, 'invalid_project_name', 'project_name'],
  ];
  for (const [extra, status, code, field] of bad) {
    const r = await api(srv.base, 'POST', '/loan-applications', application(hh, extra), t.xj_xiehui);
    assert.equal(r.status, status, code);
    assert.equal(r.body.error.code, code);
    assert.equal(r.body.error.field, field);
  }
  const listed = await api(srv.base, 'GET', `/loan-applications?household_id=${hh}`, undefined, t.xj_xiehui);
  assert.equal(listed.body.total, 0, 'nothing was written');
  const nonCompliant = await household('西集村', false);
  const r = await api(srv.base, 'POST', '/loan-applications', application(nonCompliant), t.xj_xiehui);
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'not_policy_compliant');
  const first = await api(srv.base, 'POST', '/loan-applications', application(hh), t.xj_xiehui);
  assert.equal(first.status, 201);
  assert.equal(first.body.state, 'draft');
  assert.equal(first.body.handler.name, '孙丽华', 'whoever registers it is the A角');
  assert.equal(first.body.missing_documents.length, 7);
  const again = await api(srv.base, 'POST', '/loan-applications', application(hh), t.xj_xiehui);
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'application_open');
  assert.match(again.body.error.message, new RegExp(`第 ${first.body.id} 号`));
});

// The holiday calendar of this year and the next, as the server has it.
async function calendar() {
  const year = Number(TODAY.slice(0, 4));
  const items = [];
  for (const y of [year, year + 1]) items.push(...(await api(srv.base, 'GET', `/holidays?year=${y}`, undefined, t.xj_xiehui)).body.items);
  return items;
}

test('submit is refused with every missing document listed; documents then submit starts the review', async () => {
  const hh = await household();
  const a = (await api(srv.base, 'POST', '/loan-applications', application(hh), t.xj_xiehui)).body;
  await api(srv.base, 'PUT', `/loan-applications/${a.id}/documents`, { id_card: true, hukou: true }, t.xj_xiehui);
  const refused = await api(srv.base, 'POST', `/loan-applications/${a.id}/submit`, {}, t.xj_xiehui);
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error.code, 'missing_documents');
  assert.deepEqual(refused.body.error.missing_documents,
    ['marriage', 'family_planning', 'business_plan', 'implementation_plan', 'counter_guarantee']);
  assert.match(refused.body.error.message, /结婚证、计划生育证明、创业方案、项目实施方案、反担保材料/);
  assert.equal((await api(srv.base, 'GET', `/loan-applications/${a.id}`, undefined, t.xj_xiehui)).body.state, 'draft');
  const badDoc = await api(srv.base, 'PUT', `/loan-applications/${a.id}/documents`, { passport: true }, t.xj_xiehui);
  assert.equal(badDoc.status, 422);
  await api(srv.base, 'PUT', `/loan-applications/${a.id}/documents`, ALL_DOCS, t.xj_xiehui);
  const ok = await api(srv.base, 'POST', `/loan-applications/${a.id}/submit`, {}, t.xj_xiehui);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.state, 'in_review');
  assert.equal(ok.body.submitted_on, TODAY);
  // e.g. 2026-12-07 for Monday 2026-11-23; 2029-03-14 for Wednesday 2029-02-28
  assert.equal(ok.body.review_due_on, addWorkdays(TODAY, 10, await calendar()), '10 working days after today');
  assert.equal(ok.body.reviews.length, 3);
  assert.ok(ok.body.reviews.every((r) => r.decision === null));
  const twice = await api(srv.base, 'POST', `/loan-applications/${a.id}/submit`, {}, t.xj_xiehui);
  assert.equal(twice.status, 409);
  const docsNow = await api(srv.base, 'PUT', `/loan-applications/${a.id}/documents`, { hukou: false }, t.xj_xiehui);
  assert.equal(docsNow.status, 409, 'documents are frozen while in review');
});

test('the deadline counts the holiday calendar: an added holiday moves it by a day', async () => {
  const before = await calendar();
  const plain = (d) => !isWeekend(d) && !before.some((h) => h.day === d);
  let off = addDays(TODAY, 1);
  while (!plain(off)) off = addDays(off, 1);
  let weekday = addDays(off, 1);
  while (!plain(weekday)) weekday = addDays(weekday, 1);
  const set = await api(srv.base, 'POST', '/holidays', { day: off, kind: 'off', name: '测试假日' }, t.admin);
  assert.equal(set.status, 201);
  const weekdayWork = await api(srv.base, 'POST', '/holidays', { day: weekday, kind: 'work', name: '错误' }, t.admin);
  assert.equal(weekdayWork.status, 422, 'a 调休 working day must be a weekend');
  const id = await submitted('东集村');
  const a = await api(srv.base, 'GET', `/loan-applications/${id}`, undefined, t.xj_xiehui);
  // on 2026-11-23 with 2026-11-30 off: 2026-12-08 instead of 2026-12-07
  assert.equal(a.body.review_due_on, addDays(addWorkdays(TODAY, 10, before), 1));
  assert.equal(a.body.review_due_on, addWorkdays(TODAY, 10, await calendar()));
  const list = await api(srv.base, 'GET', '/holidays?year=2026', undefined, t.xj_xiehui);
  assert.ok(list.body.items.some((d) => d.day === '2026-10-01' && d.kind === 'off'), 'ships the official 2026 days');
  assert.ok(list.body.items.some((d) => d.day === '2026-02-14' && d.kind === 'work'), 'and the 调休 days');
});

test('joint review: one opinion per department per round, only reviewers, all approve → approved', async () => {
  const id = await submitted('南集村');
  const notReviewer = await review(id, 'xj_xiehui', 'approve');
  assert.equal(notReviewer.status, 403);
  const r1 = await review(id, 'xj_jingwei', 'approve', '项目可行');
  assert.equal(r1.status, 201);
  assert.equal(r1.body.state, 'in_review');
  const jw = r1.body.reviews.find((r) => r.department === '经委');
  assert.equal(jw.decision, 'approve');
  assert.equal(jw.reviewer, '赵志强');
  const dup = await review(id, 'xj_jingwei', 'reject', '改变主意');
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.code, 'already_reviewed');
  const spoof = await api(srv.base, 'POST', `/loan-applications/${id}/reviews`,
    { decision: 'approve', comment: '', department_id: 3 }, t.xj_jingwei);
  assert.equal(spoof.status, 409, "a 经委 reviewer cannot speak for 招商办: the department is always the reviewer's own");
  assert.equal((await review(id, 'xj_zhaoshang', 'approve')).status, 201);
  const last = await review(id, 'xj_pingshen', 'approve', '同意担保');
  assert.equal(last.body.state, 'approved');
  assert.equal((await review(id, 'xj_pingshen', 'approve')).status, 409, 'no more opinions once decided');
});

test('reject needs a reason and rejects; more_info sends it back and a new round keeps the old one', async () => {
  const id = await submitted('北庄村');
  const noReason = await review(id, 'xj_jingwei', 'reject', '');
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.error.field, 'comment');
  const rej = await review(id, 'xj_jingwei', 'reject', '市场风险过大');
  assert.equal(rej.body.state, 'rejected');
  assert.equal((await review(id, 'xj_zhaoshang', 'approve')).status, 409);

  const id2 = await submitted('马庄村');
  await review(id2, 'xj_jingwei', 'approve');
  const more = await review(id2, 'xj_zhaoshang', 'more_info', '请补充场地租赁合同');
  assert.equal(more.body.state, 'more_info');
  const again = await api(srv.base, 'POST', `/loan-applications/${id2}/submit`, {}, t.xj_xiehui);
  assert.equal(again.body.state, 'in_review');
  assert.equal(again.body.round, 2);
  const round1 = again.body.reviews.filter((r) => r.round === 1);
  const round2 = again.body.reviews.filter((r) => r.round === 2);
  assert.equal(round1.length, 3);
  assert.equal(round1.find((r) => r.department === '招商办').comment, '请补充场地租赁合同');
  assert.ok(round2.every((r) => r.decision === null), 'round 2 starts empty');
  assert.equal((await review(id2, 'xj_jingwei', 'approve')).status, 201, 'a new round takes a new opinion');
});

test('two reviewers of one department racing record one opinion', async () => {
  const u = await api(srv.base, 'POST', '/users', { username: 'xj_jingwei2', password: 'longenough1', name: '钱进',
    role: 'reviewer', unit_id: units['西集镇'], department_id: 2 }, t.admin);
  assert.equal(u.status, 201, JSON.stringify(u.body));
  const t2 = await token(srv.base, 'xj_jingwei2', 'longenough1');
  const id = await submitted('后林村');
  const results = await Promise.all([
    review(id, 'xj_jingwei', 'approve', 'A'),
    api(srv.base, 'POST', `/loan-applications/${id}/reviews`, { decision: 'approve', comment: 'B' }, t2),
    review(id, 'xj_jingwei', 'approve', 'C'),
  ]);
  assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409]);
  const a = await api(srv.base, 'GET', `/loan-applications/${id}`, undefined, t.xj_xiehui);
  assert.equal(a.body.reviews.filter((r) => r.department === '经委' && r.decision).length, 1);
});

test('scope: another township cannot see or act on the application; the village officer sees only their village', async () => {
  const id = await submitted('前林村');
  assert.equal((await api(srv.base, 'GET', `/loan-applications/${id}`, undefined, t.fm_xiehui)).status, 403);
  const fmList = await api(srv.base, 'GET', '/loan-applications?limit=500', undefined, t.fm_xiehui);
  assert.ok(!fmList.body.items.some((a) => a.id === id));
  assert.ok(fmList.body.items.every((a) => ['冯卯村', '欧峪村', '岩马村', '朝阳村', '东湖村'].includes(a.village)));
  assert.equal((await api(srv.base, 'GET', `/loan-applications/${id}`, undefined, t.xj_cun_xiji)).status, 403);
  const queue = await api(srv.base, 'GET', '/loan-applications?queue=mine', undefined, t.xj_zhaoshang);
  assert.ok(queue.body.items.some((a) => a.id === id));
  assert.ok(queue.body.items.every((a) => a.state === 'in_review'));
  const dues = queue.body.items.map((a) => a.review_due_on);
  assert.deepEqual(dues, [...dues].sort(), 'oldest deadline first');
});

test('guarantee: refused beyond capacity with nothing changed; after fund income it is given and numbered', async () => {
  const id = await submitted('黄庄村');
  for (const who of ['xj_jingwei', 'xj_zhaoshang', 'xj_pingshen']) await review(id, who, 'approve');
  const body = { coverage_pct: 100, counter_guarantors: [{ name: '刘振国', id_number: makeId('19750101', 99, 'M'), relation: '兄弟' }] };
  // empty the fund (an adjustment may take it to zero, not below) so that capacity is short
  const start = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  if (start.balance_fen > 0) {
    const below = await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'adjustment', amount_fen: -start.balance_fen - 1,
      on: addDays(TODAY, -3), document_no: '调-1' }, t.qu_caiwu);
    assert.equal(below.status, 409, 'an adjustment may not take the balance below zero');
    const drain = await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'adjustment', amount_fen: -start.balance_fen,
      on: addDays(TODAY, -3), document_no: '调-2', note: '测试：清零' }, t.qu_caiwu);
    assert.equal(drain.status, 201);
  }
  const fund0 = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  assert.equal(fund0.balance_fen, 0);
  const refused = await api(srv.base, 'POST', `/loan-applications/${id}/guarantee`, body, t.xj_xiehui);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.code, 'guarantee_capacity_exceeded');
  assert.equal((await api(srv.base, 'GET', `/loan-applications/${id}`, undefined, t.xj_xiehui)).body.state, 'approved');
  assert.deepEqual((await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body, fund0);

  const noRole = await api(srv.base, 'POST', '/guarantee-fund/entries',
    { kind: 'income', amount_fen: 4000000, on: addDays(TODAY, -3), document_no: '山财〔2026〕18号' }, t.xj_xiehui);
  assert.equal(noRole.status, 403, 'only finance records money');
  // enough for what is guaranteed already plus this 200,000.00, at 5 times
  const needed = Math.ceil((fund0.guaranteed_outstanding_fen + 20000000) / 5);
  const township = await api(srv.base, 'POST', '/guarantee-fund/entries',
    { kind: 'income', amount_fen: needed, on: addDays(TODAY, -3), document_no: '山财〔2026〕18号', note: '区财政注资' }, t.xj_caiwu);
  assert.equal(township.status, 403, 'the guarantee fund is the district\'s: a township\'s finance may not write it');
  assert.equal(township.body.error.code, 'district_only');
  assert.deepEqual((await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body, fund0, 'the refusal changed nothing');
  const income = await api(srv.base, 'POST', '/guarantee-fund/entries',
    { kind: 'income', amount_fen: needed, on: addDays(TODAY, -3), document_no: '山财〔2026〕18号', note: '区财政注资' }, t.qu_caiwu);
  assert.equal(income.status, 201);
  assert.equal(income.body.balance_fen, needed);
  assert.equal(income.body.capacity_fen, needed * 5 - fund0.guaranteed_outstanding_fen);

  const badCounter = await api(srv.base, 'POST', `/loan-applications/${id}/guarantee`,
    { counter_guarantors: [{ name: '某', id_number: '370406197501019999', relation: '兄弟' }] }, t.xj_xiehui);
  assert.equal(badCounter.status, 422);
  assert.equal(badCounter.body.error.field, 'counter_guarantors[0].id_number');
  const none = await api(srv.base, 'POST', `/loan-applications/${id}/guarantee`, {}, t.xj_xiehui);
  assert.equal(none.status, 422, 'a counter-guarantor or a pledged asset is required');

  const ok = await api(srv.base, 'POST', `/loan-applications/${id}/guarantee`, body, t.xj_xiehui);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.state, 'guaranteed');
  assert.match(ok.body.guarantee.letter_no, new RegExp(`^西集担〔${TODAY.slice(0, 4)}〕\\d{3}号$`));
  assert.equal(ok.body.guarantee.guaranteed_fen, 20000000);
  const fund = (await api(srv.base, 'GET', '/guarantee-fund', undefined, t.xj_xiehui)).body;
  assert.equal(fund.guaranteed_outstanding_fen, fund0.guaranteed_outstanding_fen + 20000000);
  const log = await api(srv.base, 'GET', `/audit?entity=loan_application&entity_id=${id}`, undefined, t.shenji);
  assert.deepEqual(log.body.items.map((a) => a.action).reverse(),
    ['create', 'documents', 'submit', 'review', 'review', 'review', 'guarantee']);
});
