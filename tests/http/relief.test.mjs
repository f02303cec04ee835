// Relief through the API: funds and their ledger, categories with effective-dated amounts,
// eligibility and yearly limits, the single path (verify → review → notice → objection →
// approve → pay), a batch, insufficient funds, concurrent payments (no gap, no duplicate, no
// negative balance), void and reprint, roles and unit scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, makeId, unitIds, addDays, sqlRows, TODAY } from './lib.mjs';

let srv, t, units, fundId;
const LATER = addDays(TODAY, 12); // after a 7-day notice published today

// Registers a household of the village with categories; resolves to its id. A sensitive category
// (失独, 伤残) claimed at registration waits: its document is uploaded and a second person approves it.
async function household(village, name, idOrder, categories) {
  const r = await api(srv.base, 'POST', '/households', { village_id: units[village], policy_compliant: true,
    categories, head: { name, id_number: makeId('19680305', idOrder, 'F'), phone: '13905321111' } }, t.xj_xiehui);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  for (const c of (await api(srv.base, 'GET', `/category-changes?household_id=${r.body.id}`, undefined, t.xj_xiehui)).body.items) {
    const fd = new FormData();
    fd.append('file', new Blob([Buffer.from('%PDF-1.4\n')]), '证明.pdf');
    const up = await fetch(`${srv.base}/api/v1/category-changes/${c.id}/document`, { method: 'POST',
      headers: { Authorization: `Bearer ${t.xj_xiehui}` }, body: fd });
    assert.equal(up.status, 200);
    assert.equal((await api(srv.base, 'POST', `/category-changes/${c.id}/approve`, {}, t.xj_xiehui2)).status, 200);
  }
  return r.body.id;
}

// Re-logs every demo user (tokens survive a restart, but the base URL changes).
async function login() {
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_jiuzhu', 'xj_caiwu', 'xj_cun_xiji', 'xj_cun_dongji', 'xj_xinyong',
    'fm_xiehui', 'shenji', 'xj_xiehui2']) t[u] = await token(srv.base, u);
}

before(async () => {
  srv = await startServer();
  await login();
  units = await unitIds(srv.base, t.admin);
  fundId = (await api(srv.base, 'GET', '/funds', undefined, t.xj_caiwu)).body.items
    .find((f) => f.name === '人口和计划生育公益金').id;
});
after(async () => { await srv.stop(); });

test('funds: income by source, reversing entries, running balance; bad input changes nothing', async () => {
  const before = (await api(srv.base, 'GET', `/funds/${fundId}/ledger`, undefined, t.xj_caiwu)).body;
  const add = (source, amount_fen, document_no) => api(srv.base, 'POST', `/funds/${fundId}/income`,
    { source, amount_fen, on: addDays(TODAY, -21), document_no }, t.xj_caiwu);
  assert.equal((await add('district', 5000000, '山财社〔2026〕31号')).status, 201);
  assert.equal((await add('township', 2000000, '西财〔2026〕8号')).status, 201);
  const wrong = await add('donation', 123456, '捐赠-017');
  assert.equal(wrong.status, 201);
  assert.equal((await add('lottery', 100, 'x')).body.error.field, 'source');
  assert.equal((await add('donation', 0, 'x')).status, 422);
  assert.equal((await add('donation', 100, '')).body.error.field, 'document_no');
  assert.equal((await add('district', 100, 'x')).status, 201, 'district');
  assert.equal((await api(srv.base, 'POST', `/funds/${fundId}/income`, { source: 'other', amount_fen: 100, on: addDays(TODAY, -21),
    document_no: 'x' }, t.xj_jiuzhu)).status, 403, 'the relief clerk does not book income');
  // A correction is a reversing entry; it cannot be done twice.
  const rev = await api(srv.base, 'POST', `/fund-entries/${wrong.body.id}/reverse`, { on: addDays(TODAY, -20), reason: '金额录错' }, t.xj_caiwu);
  assert.equal(rev.status, 201, JSON.stringify(rev.body));
  assert.equal((await api(srv.base, 'POST', `/fund-entries/${wrong.body.id}/reverse`, { on: addDays(TODAY, -20), reason: '再冲' }, t.xj_caiwu)).body.error.code, 'already_reversed');
  const l = (await api(srv.base, 'GET', `/funds/${fundId}/ledger?limit=500`, undefined, t.xj_caiwu)).body; // every entry: the ledger pages by 50
  assert.equal(l.balance_fen, before.balance_fen + 5000000 + 2000000 + 100);
  assert.equal(l.income_by_source_fen.donation, before.income_by_source_fen.donation);
  assert.equal(l.income_by_source_fen.district, before.income_by_source_fen.district + 5000100);
  const last = l.entries.at(-1);
  assert.equal(last.kind, 'reversal');
  assert.equal(last.amount_fen, -123456);
  assert.equal(last.reverses_id, wrong.body.id);
  // The running balance is the sum of the entries so far, entry by entry.
  let run = 0;
  for (const e of l.entries) { run += e.amount_fen; assert.equal(e.balance_after_fen, run); }
});

test('categories: defaults, eligibility, amount range, yearly limit, effective-dated standard', async () => {
  const cats = (await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items;
  const byName = Object.fromEntries(cats.map((c) => [c.name, c]));
  assert.equal(cats.length, 11);
  assert.equal(byName['独女户/双女绝育户奖励'].amount_fen, 60000);
  assert.deepEqual(byName['独生子女死亡家庭扶助'].eligible, ['special_lost']);
  assert.equal(byName['独生子女死亡家庭扶助'].public_name, '生育关怀扶助');
  const hh = await household('西集村', '赵秀英', 41, ['only_daughter']);
  const apply = (category, amount_fen) => api(srv.base, 'POST', '/relief-applications',
    { household_id: hh, category_id: byName[category].id, amount_fen, reason: '测试' }, t.xj_jiuzhu);
  const ne = await apply('春节走访慰问', 50000);
  assert.equal(ne.status, 409);
  assert.equal(ne.body.error.code, 'not_eligible');
  assert.match(ne.body.error.message, /计生困难家庭/);
  assert.equal((await apply('独女户健康守护', 40000)).body.error.code, 'invalid_amount');
  const ok = await apply('独女户健康守护', 0);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.amount_fen, 50000, 'the standard amount');
  assert.equal(ok.body.state, 'applied');
  const twice = await apply('独女户健康守护', 50000);
  assert.equal(twice.status, 409);
  assert.equal(twice.body.error.code, 'yearly_limit_reached');
  // The admin raises the standard from 8 days on: today's applications keep 500.00.
  const cat = byName['独女户健康守护'].id;
  assert.equal((await api(srv.base, 'POST', `/relief-categories/${cat}/amounts`, { effective_from: addDays(TODAY, 8), amount_fen: 80000 }, t.xj_jiuzhu)).status, 403);
  assert.equal((await api(srv.base, 'POST', `/relief-categories/${cat}/amounts`, { effective_from: addDays(TODAY, 8), amount_fen: 80000 }, t.admin)).status, 201);
  const now = (await api(srv.base, 'GET', '/relief-categories', undefined, t.admin)).body.items.find((c) => c.id === cat);
  assert.equal(now.amount_fen, 50000);
  const dec = (await api(srv.base, 'GET', `/relief-categories?as_of=${addDays(TODAY, 8)}`, undefined, t.admin)).body.items.find((c) => c.id === cat);
  assert.equal(dec.amount_fen, 80000);
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${ok.body.id}`, undefined, t.xj_jiuzhu)).body.amount_fen, 50000);
  // By case: within min and max.
  const ill = await household('东集村', '钱桂芝', 42, ['one_child']);
  const big = await api(srv.base, 'POST', '/relief-applications', { household_id: ill, category_id: byName['大病救助'].id,
    amount_fen: 2000001, reason: '白血病' }, t.xj_jiuzhu);
  assert.equal(big.body.error.code, 'invalid_amount');
  assert.match(big.body.error.message, /500\.00 元到 20,000\.00 元/);
});

test('categories nest: a 独女户 is a 独生子女家庭, a 双女绝育户 a 双女户, for applications, batches and the household list', async () => {
  const cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items.map((c) => [c.name, c.id]));
  const daughter = await household('马庄村', '韩丽娟', 51, ['only_daughter']);
  const sterilised = await household('马庄村', '杨春梅', 52, ['two_daughters_sterilised']);
  const oneChild = await household('马庄村', '曹桂兰', 53, ['one_child']);
  const apply = (hh, category) => api(srv.base, 'POST', '/relief-applications',
    { household_id: hh, category_id: cats[category], amount_fen: 300000, reason: '住院治疗' }, t.xj_jiuzhu);
  // 大病救助 is for 独生子女家庭 and 双女户: both nested tags qualify without being tagged twice.
  const ill = await apply(daughter, '大病救助');
  assert.equal(ill.status, 201, JSON.stringify(ill.body));
  assert.equal((await apply(sterilised, '大病救助')).status, 201);
  // Nesting goes one way: a 独生子女家庭 is not a 独女户.
  const no = await api(srv.base, 'POST', '/relief-applications',
    { household_id: oneChild, category_id: cats['独女户健康守护'], amount_fen: 0 }, t.xj_jiuzhu);
  assert.equal(no.status, 409);
  assert.equal(no.body.error.code, 'not_eligible');
  // The household keeps the tags it was given.
  assert.deepEqual((await api(srv.base, 'GET', `/households/${daughter}`, undefined, t.xj_xiehui)).body.categories, ['only_daughter']);
  // A batch of 大病救助 in the village takes the nested households too; the one-child household is in it as well.
  const pre = await api(srv.base, 'GET', `/relief-batches/preview?category_id=${cats['大病救助']}&village_id=${units['马庄村']}&amount_fen=300000`, undefined, t.xj_jiuzhu);
  assert.equal(pre.status, 200, JSON.stringify(pre.body));
  const listed = [...pre.body.included, ...pre.body.excluded].map((x) => x.household_id);
  for (const h of [daughter, sterilised, oneChild]) assert.ok(listed.includes(h), `household ${h} in the batch`);
  // The household list filtered by 独生子女家庭 finds the 独女户, not the 双女绝育户.
  const ids = (await api(srv.base, 'GET', `/households?category=one_child&village_id=${units['马庄村']}&limit=500`, undefined, t.xj_xiehui)).body.items.map((h) => h.id);
  assert.ok(ids.includes(daughter) && ids.includes(oneChild));
  assert.ok(!ids.includes(sterilised));
});

let single; // the single application that goes all the way
test('single path: village verifies, township reviews, notice, objection holds, approval after the period, payment', async () => {
  const cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items.map((c) => [c.name, c.id]));
  const hh = await household('西集村', '孙玉兰', 43, ['hardship']);
  const other = await household('西集村', '周凤英', 44, ['hardship']);
  const a = await api(srv.base, 'POST', '/relief-applications', { household_id: hh, category_id: cats['双千帮扶'], amount_fen: 100000, reason: '因病致贫' }, t.xj_cun_xiji);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const b = await api(srv.base, 'POST', '/relief-applications', { household_id: other, category_id: cats['双千帮扶'], amount_fen: 150000, reason: '房屋倒塌' }, t.xj_cun_xiji);
  single = a.body.id;
  const step = (id, s, who, body = {}) => api(srv.base, 'POST', `/relief-applications/${id}/${s}`, body, t[who]);
  assert.equal((await step(single, 'verify', 'xj_cun_dongji')).status, 403, 'another village');
  assert.equal((await step(single, 'review', 'xj_jiuzhu')).body.error.code, 'invalid_state');
  const v = await step(single, 'verify', 'xj_cun_xiji');
  assert.equal(v.body.state, 'verified');
  assert.equal(v.body.verified.by, '张春梅');
  assert.equal((await step(single, 'review', 'xj_cun_xiji')).status, 403, 'the village officer cannot review');
  assert.equal((await step(single, 'review', 'fm_xiehui')).status, 403, 'another township');
  assert.equal((await step(single, 'review', 'xj_jiuzhu')).body.state, 'reviewed');
  await step(b.body.id, 'verify', 'xj_cun_xiji');
  await step(b.body.id, 'review', 'xj_jiuzhu');
  assert.equal((await step(single, 'approve', 'xj_xiehui')).body.error.code, 'invalid_state', 'not yet in a notice');
  // The notice takes every reviewed application of the village.
  const n = await api(srv.base, 'POST', '/notices', { kind: 'relief', unit_id: units['西集村'] }, t.xj_jiuzhu);
  assert.equal(n.status, 201, JSON.stringify(n.body));
  assert.equal(n.body.starts_on, TODAY);
  assert.equal(n.body.ends_on, addDays(TODAY, 6));
  assert.equal(n.body.phone, '0632-8811234', "the township office's phone, for objections");
  assert.deepEqual(n.body.items.map((i) => [i.name, i.amount_fen]), [['孙*兰', 100000], ['周*英', 150000]]);
  assert.equal((await api(srv.base, 'POST', '/notices', { kind: 'relief', unit_id: units['西集村'] }, t.xj_jiuzhu)).body.error.code, 'nothing_to_notice');
  // The public reads it and objects to item 2, without logging in.
  const pub = await api(srv.base, 'GET', `/notices/${n.body.id}`);
  assert.equal(pub.status, 200);
  assert.ok(!JSON.stringify(pub.body).includes('孙玉兰'));
  const obj = await api(srv.base, 'POST', `/notices/${n.body.id}/objections`, { item: 2, text: '该户家有轿车，不属困难', contact: '村民老刘' });
  assert.equal(obj.status, 201, JSON.stringify(obj.body));
  assert.equal((await api(srv.base, 'POST', `/notices/${n.body.id}/objections`, { item: 9, text: '没有这一项的异议' })).body.error.field, 'item');
  assert.equal((await step(single, 'approve', 'xj_xiehui')).body.error.code, 'notice_not_over');
  // After the period: item 1 is approved; item 2 waits for its objection.
  await srv.restart({ today: LATER });
  await login();
  assert.equal((await step(single, 'approve', 'xj_jiuzhu')).status, 403, 'the clerk does not approve');
  const ap = await step(single, 'approve', 'xj_xiehui');
  assert.equal(ap.body.state, 'approved', JSON.stringify(ap.body));
  assert.equal((await step(b.body.id, 'approve', 'xj_xiehui')).body.error.code, 'objection_open');
  assert.equal((await api(srv.base, 'POST', `/notices/${n.body.id}/objections`, { text: '公示期已过还能提吗' })).body.error.code, 'notice_closed');
  const res = await api(srv.base, 'POST', `/objections/${obj.body.id}/resolve`, { upheld: true, resolution: '经核实该户有车辆，不予救助' }, t.xj_jiuzhu);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const rb = (await api(srv.base, 'GET', `/relief-applications/${b.body.id}`, undefined, t.xj_jiuzhu)).body;
  assert.equal(rb.state, 'rejected');
  assert.match(rb.reject_reason, /不予救助/);
  // Payment: a receipt numbered for 西集 in the year of payment.
  assert.equal((await step(single, 'disburse', 'xj_xiehui', { fund_id: fundId, paid_on: LATER, method: 'cash' })).status, 403);
  const p = await step(single, 'disburse', 'xj_jiuzhu', { fund_id: fundId, paid_on: LATER, method: 'cash' });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.match(p.body.receipt_no, new RegExp(`^西集-${LATER.slice(0, 4)}-\\d{6}$`));
  assert.equal((await step(single, 'disburse', 'xj_jiuzhu', { fund_id: fundId, paid_on: LATER, method: 'cash' })).body.error.code, 'invalid_state');
  const after = (await api(srv.base, 'GET', `/relief-applications/${single}`, undefined, t.xj_jiuzhu)).body;
  assert.equal(after.state, 'paid');
  assert.equal(after.receipt_no, p.body.receipt_no);
  const r = (await api(srv.base, 'GET', `/receipts/${encodeURIComponent(p.body.receipt_no)}`, undefined, t.xj_jiuzhu)).body;
  assert.equal(r.amount_fen, 100000);
  assert.equal(r.id_number, '370406********' + makeId('19680305', 43, 'F').slice(14));
  assert.equal((await api(srv.base, 'GET', `/receipts/${encodeURIComponent(p.body.receipt_no)}`, undefined, t.fm_xiehui)).status, 403);
});

test('void keeps the number and credits the fund back; reprint is recorded; nothing is deleted', async () => {
  const a = (await api(srv.base, 'GET', `/relief-applications/${single}`, undefined, t.xj_jiuzhu)).body;
  const no = encodeURIComponent(a.receipt_no);
  const bal = async () => (await api(srv.base, 'GET', `/funds/${fundId}/ledger`, undefined, t.xj_caiwu)).body.balance_fen;
  const before = await bal();
  const rp = await api(srv.base, 'POST', `/receipts/${no}/reprint`, { reason: '原件污损' }, t.xj_jiuzhu);
  assert.equal(rp.body.copy, 1);
  assert.equal((await api(srv.base, 'POST', `/receipts/${no}/void`, {}, t.xj_jiuzhu)).body.error.field, 'reason');
  const v = await api(srv.base, 'POST', `/receipts/${no}/void`, { reason: '领款人姓名写错' }, t.xj_jiuzhu);
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.equal(v.body.voided, true);
  assert.equal(await bal(), before + 100000);
  assert.equal((await api(srv.base, 'POST', `/receipts/${no}/void`, { reason: '再作废' }, t.xj_jiuzhu)).body.error.code, 'already_void');
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${single}`, undefined, t.xj_jiuzhu)).body.state, 'approved');
  // Paid again: the next number; the voided one stays.
  const p = await api(srv.base, 'POST', `/relief-applications/${single}/disburse`, { fund_id: fundId, paid_on: LATER, method: 'bank' }, t.xj_jiuzhu);
  assert.notEqual(p.body.receipt_no, a.receipt_no);
  assert.equal(Number(p.body.receipt_no.slice(-6)), Number(a.receipt_no.slice(-6)) + 1);
  assert.equal((await api(srv.base, 'GET', `/receipts/${no}`, undefined, t.xj_jiuzhu)).body.voided, true);
});

test('a batch: eligible and excluded households, steps together, refused when the fund is short, then paid', async () => {
  const cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items.map((c) => [c.name, c.id]));
  const h1 = await household('南集村', '吴淑珍', 45, ['hardship']);
  const lost = await household('南集村', '郑美玲', 46, ['special_lost']);
  await household('南集村', '冯晓燕', 47, ['model']);
  const pre = await api(srv.base, 'GET', `/relief-batches/preview?category_id=${cats['春节走访慰问']}&village_id=${units['南集村']}`, undefined, t.xj_jiuzhu);
  assert.equal(pre.status, 200);
  const ids = pre.body.included.map((x) => x.household_id);
  assert.ok(ids.includes(h1));
  // One household already had it this year: excluded, with the reason.
  const first = await api(srv.base, 'POST', '/relief-applications', { household_id: h1, category_id: cats['春节走访慰问'], amount_fen: 0 }, t.xj_jiuzhu);
  assert.equal(first.status, 201);
  const b = await api(srv.base, 'POST', '/relief-batches', { category_id: cats['春节走访慰问'], amount_fen: 50000, village_id: units['南集村'] }, t.xj_jiuzhu);
  assert.equal(b.status, 201, JSON.stringify(b.body));
  assert.equal(b.body.applications.length, ids.length - 1);
  // h1, and the demo households paid at the Spring Festival, are excluded with the reason.
  assert.equal(b.body.excluded.length, pre.body.excluded.length + 1);
  assert.match(b.body.excluded.find((x) => x.household_id === h1).reason, /本年度/);
  assert.ok(b.body.excluded.every((x) => /本年度/.test(x.reason)));
  assert.ok(b.body.applications.every((x) => x.amount_fen === 50000 && x.state === 'applied'));
  const bs = (s, who, body) => api(srv.base, 'POST', `/relief-batches/${b.body.id}/${s}`, body, t[who]);
  assert.equal((await bs('verify', 'xj_jiuzhu')).body.moved, b.body.applications.length);
  const same = await bs('review', 'xj_jiuzhu');
  assert.equal(same.status, 409, 'who verified may not review');
  assert.equal(same.body.error.code, 'same_person');
  assert.equal((await api(srv.base, 'GET', `/relief-applications?batch_id=${b.body.id}&state=verified&limit=500`, undefined,
    t.xj_jiuzhu)).body.items.length, b.body.applications.length, 'the refused batch review changed nothing');
  assert.equal((await bs('review', 'xj_xiehui2')).body.moved, b.body.applications.length);
  // A 失独 household's own relief goes into the same notice without the category's name.
  const special = await api(srv.base, 'POST', '/relief-applications', { household_id: lost, category_id: cats['独生子女死亡家庭扶助'] }, t.xj_jiuzhu);
  await api(srv.base, 'POST', `/relief-applications/${special.body.id}/verify`, {}, t.xj_jiuzhu);
  await api(srv.base, 'POST', `/relief-applications/${special.body.id}/review`, {}, t.xj_xiehui2);
  const n = await api(srv.base, 'POST', '/notices', { kind: 'relief', unit_id: units['南集村'], days: 7 }, t.xj_jiuzhu);
  assert.equal(n.status, 201);
  const labels = n.body.items.filter((i) => i.name === '郑*玲').map((i) => i.label).sort();
  assert.deepEqual(labels, ['春节走访慰问', '生育关怀扶助']);
  const pub = JSON.stringify((await api(srv.base, 'GET', `/notices/${n.body.id}`)).body);
  assert.ok(!/失独|死亡|伤残|郑美玲/.test(pub), 'the public notice names no sensitive status and no full name');
  assert.equal((await bs('approve', 'xj_xiehui')).body.error.code, 'notice_not_over');
  await srv.restart({ today: addDays(TODAY, 19) }); // a week after the notice published on LATER
  await login();
  const approved = await bs('approve', 'xj_xiehui');
  assert.equal(approved.body.moved, b.body.applications.length, JSON.stringify(approved.body));
  // A fund with too little money refuses the whole batch and changes nothing.
  const small = await api(srv.base, 'POST', '/funds', { name: '春节慰问专项' }, t.xj_caiwu);
  await api(srv.base, 'POST', `/funds/${small.body.id}/income`, { source: 'donation', amount_fen: 10000, on: addDays(TODAY, 8), document_no: '捐-1' }, t.xj_caiwu);
  const short = await bs('disburse', 'xj_jiuzhu', { fund_id: small.body.id, paid_on: addDays(TODAY, 19), method: 'cash' });
  assert.equal(short.status, 409);
  assert.equal(short.body.error.code, 'insufficient_funds');
  const sf = (await api(srv.base, 'GET', `/funds/${small.body.id}/ledger`, undefined, t.xj_caiwu)).body;
  assert.equal(sf.balance_fen, 10000);
  assert.equal(sf.entries.length, 1);
  const paid = await bs('disburse', 'xj_jiuzhu', { fund_id: fundId, paid_on: addDays(TODAY, 19), method: 'cash' });
  assert.equal(paid.body.paid, b.body.applications.length);
  const show = (await api(srv.base, 'GET', `/relief-batches/${b.body.id}`, undefined, t.xj_jiuzhu)).body;
  assert.equal(show.states.paid, b.body.applications.length);
  assert.equal(show.paid_fen, 50000 * b.body.applications.length);
});

test('concurrent payments: consecutive receipt numbers, no duplicate, never below zero', async () => {
  const cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items.map((c) => [c.name, c.id]));
  const fund = await api(srv.base, 'POST', '/funds', { name: '并发测试资金' }, t.xj_caiwu);
  await api(srv.base, 'POST', `/funds/${fund.body.id}/income`, { source: 'other', amount_fen: 500000, on: addDays(TODAY, 8), document_no: 'C-1' }, t.xj_caiwu);
  const b = await api(srv.base, 'POST', '/relief-batches', { category_id: cats['双千帮扶'], amount_fen: 100000 }, t.xj_jiuzhu);
  assert.equal(b.status, 201, JSON.stringify(b.body));
  await api(srv.base, 'POST', `/relief-batches/${b.body.id}/verify`, {}, t.xj_jiuzhu);
  await api(srv.base, 'POST', `/relief-batches/${b.body.id}/review`, {}, t.xj_xiehui2);
  const n = await api(srv.base, 'POST', '/notices', { kind: 'relief', unit_id: units['西集镇'], days: 1 }, t.xj_jiuzhu);
  assert.equal(n.status, 201, JSON.stringify(n.body));
  await srv.restart({ today: addDays(TODAY, 27) });
  await login();
  assert.equal((await api(srv.base, 'POST', `/relief-batches/${b.body.id}/approve`, {}, t.xj_xiehui)).status, 200);
  const apps = (await api(srv.base, 'GET', `/relief-applications?batch_id=${b.body.id}&state=approved&limit=12`, undefined, t.xj_jiuzhu)).body.items;
  assert.ok(apps.length >= 8, `${apps.length} approved`);
  const clerk2 = await token(srv.base, 'xj_caiwu');
  const results = await Promise.all(apps.map((a, i) => api(srv.base, 'POST', `/relief-applications/${a.id}/disburse`,
    { fund_id: fund.body.id, paid_on: addDays(TODAY, 27), method: 'cash' }, i % 2 ? clerk2 : t.xj_jiuzhu)));
  const ok = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status !== 201);
  assert.equal(ok.length, 5, 'exactly what the fund can pay');
  assert.ok(refused.every((r) => r.status === 409 && r.body.error.code === 'insufficient_funds'), JSON.stringify(refused.map((r) => r.body)));
  const nums = ok.map((r) => Number(r.body.receipt_no.slice(-6))).sort((x, y) => x - y);
  for (let i = 1; i < nums.length; i++) assert.equal(nums[i], nums[i - 1] + 1, 'no gap, no duplicate');
  const l = (await api(srv.base, 'GET', `/funds/${fund.body.id}/ledger`, undefined, t.xj_caiwu)).body;
  assert.equal(l.balance_fen, 0);
  assert.ok(l.entries.every((e) => e.balance_after_fen >= 0));
});

test('roles and scope: the neighbouring township sees none of it; the liaison has no relief access', async () => {
  const list = await api(srv.base, 'GET', '/relief-applications', undefined, t.fm_xiehui);
  assert.equal(list.status, 200);
  assert.equal(list.body.total, 0);
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${single}`, undefined, t.fm_xiehui)).status, 403);
  assert.equal((await api(srv.base, 'GET', '/relief-applications', undefined, t.xj_xinyong)).status, 403);
  assert.equal((await api(srv.base, 'POST', '/relief-applications', {}, t.shenji)).status, 403, 'the auditor reads only');
  assert.equal((await api(srv.base, 'GET', '/relief-applications', undefined, t.shenji)).status, 200);
  const vil = await api(srv.base, 'GET', '/relief-applications?limit=200', undefined, t.xj_cun_dongji);
  assert.ok(vil.body.items.every((a) => a.village === '东集村'));
});

test('reports: relief by category equals the receipts, the ledger CSV opens in Chinese spreadsheets, PDFs print', async () => {
  const rep = await api(srv.base, 'GET', '/reports/relief?group=fund', undefined, t.xj_caiwu);
  assert.equal(rep.status, 200);
  const funds = (await api(srv.base, 'GET', '/funds', undefined, t.xj_caiwu)).body.items;
  // Relief paid per fund equals what the ledger says each fund paid out (voided receipts netted).
  for (const f of funds) {
    const row = rep.body.items.find((x) => x.key === f.name);
    assert.equal(row ? row.amount_fen : 0, f.paid_fen, f.name);
  }
  const byCat = (await api(srv.base, 'GET', `/reports/relief?group=category&from=${addDays(TODAY, 8)}`, undefined, t.xj_caiwu)).body.items;
  assert.equal(byCat.find((x) => x.key === '双千帮扶').amount_fen, 600000, 'the single 1,000.00 paid again after its void, and the five concurrent payments');
  // By batch: each batch's total is what its valid receipts say; single applications form one group.
  const byBatch = (await api(srv.base, 'GET', '/reports/relief?group=batch', undefined, t.xj_caiwu)).body.items;
  const all = (await api(srv.base, 'GET', '/reports/relief?group=year', undefined, t.xj_caiwu)).body.items;
  assert.equal(byBatch.reduce((s, x) => s + x.amount_fen, 0), all.reduce((s, x) => s + x.amount_fen, 0));
  assert.ok(byBatch.some((x) => x.key === '（单项申请）'));
  assert.ok(byBatch.some((x) => /春节/.test(x.key)), JSON.stringify(byBatch.map((x) => x.key)));
  assert.equal((await api(srv.base, 'GET', '/reports/relief?group=colour', undefined, t.xj_caiwu)).status, 422);
  const csv = await fetch(`${srv.base}/api/v1/reports/fund-ledger?fund_id=${fundId}&format=csv`, { headers: { Authorization: `Bearer ${t.xj_caiwu}` } });
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = bytes.toString('utf8').slice(1).split('\r\n\r\n')[0].trim().split('\r\n'); // the table, not the lines under it
  assert.equal(lines[0], '序号,日期,类型,来源,文件号/凭证号,摘要,收入（元）,支出（元）,余额（元）');
  const balance = (await api(srv.base, 'GET', `/funds/${fundId}/ledger`, undefined, t.xj_caiwu)).body.balance_fen;
  assert.equal(lines.at(-1).split(',').at(-1), (balance / 100).toFixed(2), 'the last running balance, in yuan');
  const pdf = await fetch(`${srv.base}/api/v1/reports/relief?group=village&format=pdf`, { headers: { Authorization: `Bearer ${t.xj_caiwu}` } });
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const { writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  writeFileSync(`${srv.dir}/r.pdf`, Buffer.from(await pdf.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-q', '-layout', `${srv.dir}/r.pdf`, '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /困难家庭救助发放统计/);
  assert.match(text, /西集镇南集村/);
  assert.match(text, /第 ?1 ?页 ?共 ?\d+ ?页/);
});

// The relief report counted afresh from the payments for a user's scope, as the report did before it
// read the kept figures (migration 105): per group (by id: two batches of one title are two groups),
// valid payments, distinct households, amount.
function recount(user, group, from = '', to = '9999-12-31') {
  const key = { category: 'c.name', fund: 'f.name', village: 'tw.name || v.name',
    batch: "coalesce(b.title, '（单项申请）')", year: "CAST(p.year AS TEXT) || '年'" }[group];
  const id = { category: 'a.category_id', fund: 'p.fund_id', village: 'h.village_id', batch: 'coalesce(a.batch_id, 0)',
    year: 'p.year' }[group];
  return sqlRows(srv.db, `SELECT ${key} AS key, count(*) AS payments, count(DISTINCT a.household_id) AS households,
    sum(p.amount_fen) AS amount_fen FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
    JOIN households h ON h.id = a.household_id JOIN units v ON v.id = h.village_id JOIN units tw ON tw.id = v.parent_id
    JOIN relief_categories c ON c.id = a.category_id JOIN relief_funds f ON f.id = p.fund_id
    LEFT JOIN relief_batches b ON b.id = a.batch_id, users us JOIN units s ON s.id = us.unit_id
    WHERE us.username = '${user}' AND substr(v.path, 1, length(s.path)) = s.path AND p.paid_on >= '${from}'
    AND p.paid_on <= '${to}' AND NOT EXISTS (SELECT 1 FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'void')
    GROUP BY ${id} ORDER BY 1, ${id}`);
}

// Every grouping, for the whole time and a period, for a township and the district user: the report
// equals the recount to the fen and to the household.
async function reportEqualsPayments(what) {
  const days = sqlRows(srv.db, 'SELECT min(paid_on) AS lo, max(paid_on) AS hi FROM relief_payments')[0];
  for (const user of ['xj_caiwu', 'shenji'])
    for (const group of ['category', 'fund', 'village', 'year', 'batch'])
      for (const [from, to] of [['', ''], [addDays(days.lo, 1), days.hi], [days.lo, addDays(days.hi, -1)]]) {
        const q = `/reports/relief?group=${group}${from ? `&from=${from}&to=${to}` : ''}`;
        const rep = await api(srv.base, 'GET', q, undefined, t[user]);
        assert.equal(rep.status, 200, q);
        assert.deepEqual(rep.body.items, recount(user, group, from, to || undefined), `${what}: ${user} ${q}`);
      }
}

test('the relief report reads kept day figures that equal the payments after payments, a void and a move', async () => {
  assert.ok(recount('xj_caiwu', 'category').length > 1, 'this file paid relief in 西集');
  // A household paid twice from one fund (the demo pays two so) counts once in 户次.
  const twice = sqlRows(srv.db, `SELECT a.household_id AS hh FROM relief_payments p JOIN relief_applications a
    ON a.id = p.application_id WHERE NOT EXISTS (SELECT 1 FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'void')
    GROUP BY a.household_id, p.fund_id HAVING count(*) > 1`);
  assert.ok(twice.length > 0, 'a household paid twice from one fund');
  await reportEqualsPayments('after the payments');
  const byFund = (await api(srv.base, 'GET', '/reports/relief?group=fund', undefined, t.shenji)).body.items;
  assert.ok(byFund.some((x) => x.households < x.payments), 'households counted once per group');
  // A paid application keeps its category (the figures would otherwise have to follow it).
  const [paidApp] = sqlRows(srv.db, `SELECT p.application_id AS id FROM relief_payments p WHERE NOT EXISTS
    (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void') LIMIT 1`);
  assert.throws(() => sqlRows(srv.db, `UPDATE relief_applications SET category_id = (SELECT max(id) FROM relief_categories)
    WHERE id = ${paidApp.id} AND category_id <> (SELECT max(id) FROM relief_categories)`), /keeps its category/);
  // A void: the payment leaves the figures at once.
  const [p] = sqlRows(srv.db, `SELECT p.receipt_no, p.amount_fen, c.name AS category FROM relief_payments p
    JOIN relief_applications a ON a.id = p.application_id JOIN relief_categories c ON c.id = a.category_id
    JOIN households h ON h.id = a.household_id JOIN units v ON v.id = h.village_id JOIN units tw ON tw.id = v.parent_id
    WHERE tw.name LIKE '西集%' AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void')
    ORDER BY p.id DESC LIMIT 1`);
  const cat = async () => (await api(srv.base, 'GET', '/reports/relief?group=category', undefined, t.xj_caiwu)).body.items
    .find((x) => x.key === p.category);
  const was = await cat();
  const v = await api(srv.base, 'POST', `/receipts/${encodeURIComponent(p.receipt_no)}/void`, { reason: '金额核对有误' }, t.xj_jiuzhu);
  assert.equal(v.status, 200, JSON.stringify(v.body));
  const now = await cat();
  assert.equal(now ? now.amount_fen : 0, was.amount_fen - p.amount_fen, 'the void takes its amount out, to the fen');
  assert.equal(now ? now.payments : 0, was.payments - 1);
  await reportEqualsPayments('after a void');
  // A paid household of 西集 moved to a village of another township (a correction of the registry): the
  // township no longer sees its relief, the district sees it under the new village.
  const [m] = sqlRows(srv.db, `SELECT a.household_id AS hh, h.village_id AS home, (SELECT u.id FROM units u JOIN units tw ON tw.id = u.parent_id
    WHERE u.kind = 'village' AND tw.name NOT LIKE '西集%' ORDER BY u.id LIMIT 1) AS other, sum(p.amount_fen) AS fen
    FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id JOIN households h ON h.id = a.household_id
    JOIN units v ON v.id = h.village_id JOIN units tw ON tw.id = v.parent_id WHERE tw.name LIKE '西集%'
    AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void') GROUP BY 1 LIMIT 1`);
  const total = async (u) => (await api(srv.base, 'GET', '/reports/relief?group=year', undefined, t[u])).body.items
    .reduce((s, x) => s + x.amount_fen, 0);
  const [town, district] = [await total('xj_caiwu'), await total('shenji')];
  sqlRows(srv.db, `UPDATE households SET village_id = ${m.other} WHERE id = ${m.hh}`);
  assert.equal(await total('xj_caiwu'), town - m.fen, 'the township no longer counts the household that left');
  assert.equal(await total('shenji'), district, 'the district still does');
  await reportEqualsPayments('after a move');
  // Moved back (the registry's other records of the household stay in its village for `bangfu check`).
  sqlRows(srv.db, `UPDATE households SET village_id = ${m.home} WHERE id = ${m.hh}`);
  assert.equal(await total('xj_caiwu'), town, 'back in the township');
});

test('the public notice PDF for the notice board carries masked names only', async () => {
  const list = (await api(srv.base, 'GET', '/notices', undefined, t.xj_jiuzhu)).body.items;
  const n = list.find((x) => x.kind === 'relief' && x.items > 1);
  const res = await fetch(`${srv.base}/notices/${n.id}.pdf`);
  assert.equal(res.status, 200);
  const { writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  writeFileSync(`${srv.dir}/n.pdf`, Buffer.from(await res.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-q', '-layout', `${srv.dir}/n.pdf`, '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /困难家庭救助公示/);
  assert.match(text, /公示期：\d{4}年\d{1,2}月\d{1,2}日至\d{4}年/);
  assert.match(text, /如有异议/);
  assert.ok(!/吴淑珍|郑美玲|孙玉兰|周凤英|370406\d{8}/.test(text), 'no full name or ID');
  assert.ok(!/失独|死亡家庭/.test(text));
});

test('bangfu check is clean after all of this, and finds a receipt gap and a ledger without its debit', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN } = await import('./lib.mjs');
  const clean = spawnSync(BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /ok {3}领款凭证号按镇、按年连续无缺号/);
  assert.match(clean.stdout, /ok {3}按村按日的救助发放数与逐笔重算一致/);
  assert.match(clean.stdout, /ok {3}按户按日的救助发放（户次）与逐笔重算一致/);
  await srv.stopServing();
  const tamper = spawnSync('sqlite3', [srv.db, 'DROP TRIGGER relief_payments_no_update; DROP TRIGGER relief_fund_entries_no_delete; '
    + 'UPDATE relief_payments SET seq = seq + 1 WHERE id = (SELECT max(id) FROM relief_payments); '
    + 'DELETE FROM relief_fund_entries WHERE payment_id = (SELECT min(id) FROM relief_payments);']);
  assert.equal(tamper.status, 0, String(tamper.stderr));
  const broken = spawnSync(BIN, ['check', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /FAIL 领款凭证号按镇、按年连续无缺号/);
  assert.match(broken.stdout, /FAIL 每笔救助发放恰有一笔资金支出，金额一致/);
  assert.match(broken.stdout, /FAIL 救助资金余额在任何时刻都不为负/);
});
