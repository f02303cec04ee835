// Loan products and organisations as borrowers (issue 19, items 1 and 2), through the JSON API:
// products created, changed and deactivated by the admin; applications checked against their
// product at the edges (one fen outside refused, nothing written); the disbursement checked
// against the product's methods and rates; organisations with their 统一社会信用代码 checked;
// an organisation's application through review, guarantee and disbursement to a loan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, makeId, unitIds, addDays, TODAY, ALL_DOCS, REVIEWERS, sqlRows, Browser, pdfText } from './lib.mjs';

let srv, t, units;

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_xinyong', 'qu_caiwu', 'fm_xiehui', 'xj_cun_xiji', ...REVIEWERS]) {
    t[u] = await token(srv.base, u);
  }
  units = await unitIds(srv.base, t.admin);
});
after(async () => { await srv.stop(); });

let order = 40;
// Registers a policy-compliant household in the village; resolves to { id, head } (head: member id).
async function household(village = '西集村', who = 'xj_xiehui') {
  order += 1;
  const r = await api(srv.base, 'POST', '/households', {
    village_id: units[village], policy_compliant: true,
    head: { name: '孟庆华', id_number: makeId('19800610', order, 'M'), phone: '13805320001' },
  }, t[who]);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { id: r.body.id, head: r.body.head.id };
}

const products = async () => (await api(srv.base, 'GET', '/loan-products', undefined, t.xj_xiehui)).body.items;
const byName = async (name) => (await products()).find((p) => p.name === name);
const count = (sql) => sqlRows(srv.db, sql)[0].n;

const SMALL = { name: '小额试点贷款', min_fen: 500000, max_fen: 2000000, min_months: 3, max_months: 24,
  methods: ['equal-installment', 'bullet'], min_rate: '3.45', max_rate: '6.00', borrower_kinds: ['household'] };

test('the default product is the programme as it was; the demo has the small-loan and cooperative products', async () => {
  const items = await products();
  const def = items[0];
  assert.equal(def.is_default, true, 'the default first');
  assert.equal(def.name, '计生信贷助富创业贷款');
  assert.deepEqual([def.min_fen, def.max_fen, def.min_months, def.max_months], [2000000, 20000000, 6, 36]);
  assert.deepEqual(def.methods, ['equal-installment', 'equal-principal', 'monthly-interest', 'quarterly-interest', 'bullet']);
  assert.deepEqual(def.borrower_kinds, ['household']);
  assert.equal(def.documents.length, 7);
  assert.equal(def.settlement, 'due_dates');
  assert.equal(def.penalty_pct, null, 'the parameter penalty_rate_pct applies');
  const small = items.find((p) => p.name === '小额创业贷款');
  assert.deepEqual([small.min_fen, small.max_fen, small.min_rate, small.max_rate], [500000, 2000000, '3.45', '6.00']);
  assert.ok(!small.documents.includes('counter_guarantee'), 'small loans need no counter-guarantee material');
  const demoApp = (await api(srv.base, 'GET', '/loan-applications?state=draft&limit=500', undefined, t.xj_xiehui)).body.items
    .find((a) => a.project_name === '便民小超市进货');
  const shown = (await api(srv.base, 'GET', `/loan-applications/${demoApp.id}`, undefined, t.xj_xiehui)).body;
  assert.equal(shown.product_id, small.id);
  assert.equal(shown.amount_fen, 1500000);
  assert.deepEqual(shown.missing_documents, ['id_card', 'hukou', 'marriage', 'family_planning', 'business_plan',
    'implementation_plan'], 'only the documents the product requires');
  assert.ok((await byName('合作社产业带动贷款')).borrower_kinds.includes('organisation'));
});

test('products: the admin creates and changes them; refusals name the field and write nothing', async () => {
  const before = count('SELECT count(*) AS n FROM loan_products');
  const denied = await api(srv.base, 'POST', '/loan-products', SMALL, t.xj_xiehui);
  assert.equal(denied.status, 403);
  const bad = [
    [{ settlement: 'quarter_20th' }, 'invalid_settlement_methods', 'methods'],
    [{ settlement: 'quarter_20th', methods: ['bullet'], day_count: 'month' }, 'invalid_settlement_day_count', 'day_count'],
    [{ settlement: 'monthly_5th' }, 'invalid_settlement', 'settlement'],
    [{ min_fen: 2000001 }, 'invalid_amount_range', 'min_fen'],
    [{ min_months: 25 }, 'invalid_term_range', 'min_months'],
    [{ methods: ['weekly'] }, 'invalid_methods', 'methods'],
    [{ methods: [] }, 'invalid_methods', 'methods'],
    [{ min_rate: '6.01' }, 'invalid_rate_range', 'min_rate'],
    [{ max_rate: '24.01' }, 'invalid_rate_range', 'max_rate'],
    [{ penalty_pct: 99 }, 'invalid_penalty', 'penalty_pct'],
    [{ borrower_kinds: [] }, 'invalid_borrower_kinds', 'borrower_kinds'],
    [{ documents: ['passport'] }, 'invalid_documents', 'documents'],
    [{ departments: [999] }, 'invalid_departments', 'departments'],
    [{ day_count: 'weekly' }, 'invalid_day_count', 'day_count'],
  ];
  for (const [extra, code, field] of bad) {
    const r = await api(srv.base, 'POST', '/loan-products', { ...SMALL, ...extra }, t.admin);
    assert.equal(r.status, 422, code);
    assert.equal(r.body.error.code, code);
    assert.equal(r.body.error.field, field);
  }
  assert.match((await api(srv.base, 'POST', '/loan-products', { ...SMALL, settlement: 'quarter_20th' }, t.admin)).body.error.message,
    /按季结息的产品只能选到期一次还本的还款方式/);
  assert.equal(count('SELECT count(*) AS n FROM loan_products'), before, 'no refused product was written');
  const made = await api(srv.base, 'POST', '/loan-products', { ...SMALL, day_count: 'month', penalty_pct: 130,
    subsidy_eligible: false, documents: ['id_card', 'hukou'], departments: [1] }, t.admin);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.deepEqual([made.body.day_count, made.body.penalty_pct, made.body.subsidy_eligible, made.body.active],
    ['month', 130, false, true]);
  assert.deepEqual(made.body.documents, ['id_card', 'hukou']);
  assert.deepEqual(made.body.departments, [1]);
  assert.equal((await api(srv.base, 'POST', '/loan-products', SMALL, t.admin)).body.error.code, 'duplicate_name');
  // a PUT changes only what it gives
  const put = await api(srv.base, 'PUT', `/loan-products/${made.body.id}`, { max_fen: 3000000 }, t.admin);
  assert.equal(put.status, 200);
  assert.deepEqual([put.body.min_fen, put.body.max_fen, put.body.penalty_pct, put.body.name], [500000, 3000000, 130, SMALL.name]);
  const def = (await products())[0];
  const keep = await api(srv.base, 'PUT', `/loan-products/${def.id}`, { active: false }, t.admin);
  assert.equal(keep.status, 409);
  assert.equal(keep.body.error.code, 'default_product');
  assert.equal((await products())[0].active, true);
  const audit = sqlRows(srv.db, `SELECT action FROM audit_log WHERE entity = 'loan_product' AND entity_id = ${made.body.id} ORDER BY id`);
  assert.deepEqual(audit.map((a) => a.action), ['create', 'update']);
});

test('applications are checked against their product at the edges; refusals write nothing', async () => {
  const small = await byName('小额创业贷款');
  const hh = await household();
  const app = (extra) => ({ household_id: hh.id, product_id: small.id, amount_fen: 1000000, term_months: 12,
    project_type: 'trade', project_name: '小卖部', ...extra });
  // 4,999.99 and 20,000.01 yuan: one fen outside; 2 and 25 months
  const bad = [
    [{ amount_fen: 499999 }, 'invalid_amount', 'amount_fen', '贷款金额应在 5000 元到 20000 元之间（产品：小额创业贷款）'],
    [{ amount_fen: 2000001 }, 'invalid_amount', 'amount_fen', '贷款金额应在 5000 元到 20000 元之间（产品：小额创业贷款）'],
    [{ term_months: 2 }, 'invalid_term', 'term_months', '贷款期限应为 3 到 24 个月（产品：小额创业贷款）'],
    [{ term_months: 25 }, 'invalid_term', 'term_months', '贷款期限应为 3 到 24 个月（产品：小额创业贷款）'],
    [{ product_id: 9999 }, 'invalid_product', 'product_id', '贷款产品不存在'],
  ];
  for (const [extra, code, field, message] of bad) {
    const r = await api(srv.base, 'POST', '/loan-applications', app(extra), t.xj_xiehui);
    assert.equal(r.status, 422, code);
    assert.deepEqual([r.body.error.code, r.body.error.field, r.body.error.message], [code, field, message]);
  }
  assert.equal(count(`SELECT count(*) AS n FROM loan_applications WHERE household_id = ${hh.id}`), 0, 'nothing written');
  // the default product when none is named: 19,999.99 yuan is below its floor, 20,000.00 is not
  const dflt = await api(srv.base, 'POST', '/loan-applications', app({ product_id: undefined, amount_fen: 1999999 }), t.xj_xiehui);
  assert.equal(dflt.body.error.message, '贷款金额应在 20000 元到 200000 元之间（产品：计生信贷助富创业贷款）');
  // the minimum passes; an edit to the maximum passes, one fen more is refused and changes nothing
  const ok = await api(srv.base, 'POST', '/loan-applications', app({ amount_fen: 500000, term_months: 3 }), t.xj_xiehui);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.deepEqual([ok.body.product_id, ok.body.product.name, ok.body.borrower_kind], [small.id, '小额创业贷款', 'household']);
  const edit = (extra) => api(srv.base, 'PUT', `/loan-applications/${ok.body.id}`, { amount_fen: 2000000, term_months: 24,
    project_type: 'trade', project_name: '小卖部', ...extra }, t.xj_xiehui);
  assert.equal((await edit({})).status, 200);
  const over = await edit({ amount_fen: 2000001 });
  assert.equal(over.body.error.code, 'invalid_amount');
  const stored = (await api(srv.base, 'GET', `/loan-applications/${ok.body.id}`, undefined, t.xj_xiehui)).body;
  assert.deepEqual([stored.amount_fen, stored.term_months], [2000000, 24], 'the refused edit changed nothing');
  // an inactive product takes no new application
  const other = await household();
  const off = await api(srv.base, 'POST', '/loan-products', { ...SMALL, name: '停用测试产品' }, t.admin);
  await api(srv.base, 'PUT', `/loan-products/${off.body.id}`, { active: false }, t.admin);
  const r = await api(srv.base, 'POST', '/loan-applications', app({ household_id: other.id, product_id: off.body.id }), t.xj_xiehui);
  assert.equal(r.body.error.code, 'invalid_product');
  assert.match(r.body.error.message, /已停用/);
});

// Takes an application through its documents, three approvals and the guarantee.
async function guaranteed(id, docs = ALL_DOCS) {
  assert.equal((await api(srv.base, 'PUT', `/loan-applications/${id}/documents`, docs, t.xj_xiehui)).status, 200);
  const s = await api(srv.base, 'POST', `/loan-applications/${id}/submit`, {}, t.xj_xiehui);
  assert.equal(s.status, 200, JSON.stringify(s.body));
  for (const who of REVIEWERS) {
    const r = await api(srv.base, 'POST', `/loan-applications/${id}/reviews`, { decision: 'approve', comment: '' }, t[who]);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const g = await api(srv.base, 'POST', `/loan-applications/${id}/guarantee`, { pledged_asset: '设备' }, t.xj_xiehui);
  assert.equal(g.status, 201, JSON.stringify(g.body));
}

test('submission asks for the product\'s documents only; the disbursement is checked against its methods and rates', async () => {
  const small = await byName('小额创业贷款');
  const hh = await household();
  const a = await api(srv.base, 'POST', '/loan-applications', { household_id: hh.id, product_id: small.id,
    amount_fen: 1200000, term_months: 12, project_type: 'crops', project_name: '大棚草莓' }, t.xj_xiehui);
  const { counter_guarantee, ...six } = ALL_DOCS;
  void counter_guarantee;
  await guaranteed(a.body.id, six);
  const disburse = (extra) => api(srv.base, 'POST', '/loans', { application_id: a.body.id, contract_no: `XE-${a.body.id}`,
    disbursed_on: TODAY, principal_fen: 1200000, annual_rate: '4.35', method: 'bullet', term_months: 12, ...extra }, t.xj_xinyong);
  const bad = [
    [{ method: 'equal-principal' }, 'invalid_method', 'method', '产品“小额创业贷款”的还款方式只能是：等额本息、利随本清'],
    [{ annual_rate: '3.449999' }, 'invalid_rate', 'annual_rate', '年利率应在 3.45% 到 6.00% 之间（产品：小额创业贷款）'],
    [{ annual_rate: '6.000001' }, 'invalid_rate', 'annual_rate', '年利率应在 3.45% 到 6.00% 之间（产品：小额创业贷款）'],
  ];
  for (const [extra, code, field, message] of bad) {
    const r = await disburse(extra);
    assert.equal(r.status, 422, code);
    assert.deepEqual([r.body.error.code, r.body.error.field, r.body.error.message], [code, field, message]);
  }
  assert.equal((await api(srv.base, 'GET', `/loan-applications/${a.body.id}`, undefined, t.xj_xiehui)).body.state, 'guaranteed',
    'the refused disbursements changed nothing');
  assert.equal(count(`SELECT count(*) AS n FROM loans WHERE application_id = ${a.body.id}`), 0);
  const lent = await disburse({ annual_rate: '3.45' });
  assert.equal(lent.status, 201, JSON.stringify(lent.body));
  assert.equal(lent.body.product_id, small.id);
  // 利随本清 at 3.45 % 按日计息 (actual/360) from TODAY for 12 months: one row, the principal whole
  assert.equal(lent.body.schedule.length, 1);
  assert.equal(lent.body.schedule[0].principal_fen, 1200000);
});

test('a product\'s reviewing departments are the round\'s; a product with a fixed day count refuses another', async () => {
  const one = await api(srv.base, 'POST', '/loan-products', { ...SMALL, name: '单部门评审产品', departments: [1],
    day_count: 'month' }, t.admin);
  assert.equal(one.status, 201, JSON.stringify(one.body));
  const hh = await household();
  const a = await api(srv.base, 'POST', '/loan-applications', { household_id: hh.id, product_id: one.body.id,
    amount_fen: 800000, term_months: 6, project_type: 'crops', project_name: '露地蔬菜' }, t.xj_xiehui);
  await api(srv.base, 'PUT', `/loan-applications/${a.body.id}/documents`, ALL_DOCS, t.xj_xiehui);
  const s = await api(srv.base, 'POST', `/loan-applications/${a.body.id}/submit`, {}, t.xj_xiehui);
  assert.equal(s.status, 200);
  assert.deepEqual(s.body.reviews.map((r) => r.department_id), [1], 'only department 1 reviews');
  const dept1 = REVIEWERS.find((u) => sqlRows(srv.db, `SELECT department_id AS d FROM users WHERE username = '${u}'`)[0].d === 1);
  const r = await api(srv.base, 'POST', `/loan-applications/${a.body.id}/reviews`, { decision: 'approve', comment: '' }, t[dept1]);
  assert.equal(r.body.state, 'approved', 'one approval is the whole round');
  await api(srv.base, 'POST', `/loan-applications/${a.body.id}/guarantee`, { pledged_asset: '设备' }, t.xj_xiehui);
  const d = await api(srv.base, 'POST', '/loans', { application_id: a.body.id, contract_no: `DC-${a.body.id}`,
    disbursed_on: TODAY, principal_fen: 800000, annual_rate: '4.35', method: 'bullet', term_months: 6,
    day_count: 'actual360' }, t.xj_xinyong);
  assert.equal(d.status, 422);
  assert.deepEqual([d.body.error.code, d.body.error.field], ['invalid_day_count', 'day_count']);
});

const CODE_OK = '93370406MA3C9L4Q2'; // completed with its check character below

// The GB 32100 check character, computed here independently of the server.
function creditCheck(first17) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + A.indexOf(c) * W[i], 0);
  return A[(31 - (sum % 31)) % 31];
}

test('organisations: the credit code is checked; the legal representative and members come from the registry, in scope', async () => {
  const rep = await household('东集村');
  const m1 = await household('东集村'), m2 = await household('西集村');
  const good = CODE_OK + creditCheck(CODE_OK);
  const wrongCheck = CODE_OK + (creditCheck(CODE_OK) === '0' ? '1' : '0');
  const body = (extra) => ({ name: '东集村金银花种植专业合作社', kind: 'cooperative', credit_code: good,
    legal_rep_member_id: rep.head, village_id: units['东集村'], members: [rep.id, m1.id, m2.id], jobs_created: 12, ...extra });
  const before = count('SELECT count(*) AS n FROM organisations');
  const bad = [
    [{ credit_code: wrongCheck }, 422, 'invalid_credit_code', 'credit_code'],
    [{ credit_code: '91350100M000100Y4Z' }, 422, 'invalid_credit_code', 'credit_code'], // GB 32100's refused example
    [{ credit_code: '9135010OM000100Y43' }, 422, 'invalid_credit_code', 'credit_code'], // O is not in the alphabet
    [{ kind: 'company' }, 422, 'invalid_kind', 'kind'],
    [{ village_id: units['西集村'] }, 422, 'invalid_legal_rep', 'legal_rep_member_id'], // the rep lives in 东集村
    [{ members: [rep.id, rep.id] }, 422, 'invalid_members', 'members'],
    [{ members: [999999] }, 422, 'invalid_members', 'members'],
  ];
  for (const [extra, status, code, field] of bad) {
    const r = await api(srv.base, 'POST', '/organisations', body(extra), t.xj_xiehui);
    assert.equal(r.status, status, code);
    assert.deepEqual([r.body.error.code, r.body.error.field], [code, field]);
  }
  const outside = await api(srv.base, 'POST', '/organisations', body({}), t.fm_xiehui);
  assert.equal(outside.status, 403, 'another township cannot register in 东集村');
  assert.equal(count('SELECT count(*) AS n FROM organisations'), before, 'no refused organisation was written');
  // lower case is read as capitals: the published code of the standard's example passes
  const std = await api(srv.base, 'POST', '/organisations', body({ name: '标准示例基地', kind: 'demonstration_base',
    credit_code: '91350100m000100y43', members: [] }), t.xj_xiehui);
  assert.equal(std.status, 201, JSON.stringify(std.body));
  assert.equal(std.body.credit_code, '91350100M000100Y43');
  const made = await api(srv.base, 'POST', '/organisations', body({}), t.xj_xiehui);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.deepEqual([made.body.kind, made.body.village, made.body.legal_rep.household_id, made.body.members_count,
    made.body.jobs_created], ['cooperative', '东集村', rep.id, 3, 12]);
  assert.deepEqual(made.body.members.map((m) => m.household_id).sort(), [rep.id, m1.id, m2.id].sort());
  const dup = await api(srv.base, 'POST', '/organisations', body({ name: '重复' }), t.xj_xiehui);
  assert.deepEqual([dup.status, dup.body.error.code], [409, 'duplicate_credit_code']);
  // scope: the village officer of 西集村 does not see 东集村's cooperative; 东集村's list has it
  assert.equal((await api(srv.base, 'GET', `/organisations/${made.body.id}`, undefined, t.xj_cun_xiji)).status, 403);
  const list = await api(srv.base, 'GET', `/organisations?village_id=${units['东集村']}`, undefined, t.xj_xiehui);
  assert.ok(list.body.items.some((o) => o.id === made.body.id));
  assert.equal((await api(srv.base, 'GET', '/organisations', undefined, t.fm_xiehui)).body.items
    .filter((o) => o.village === '东集村').length, 0);
});

test('an organisation applies like a household: product kind checked, reviewed, guaranteed, disbursed to a loan in its name', async () => {
  const coop = await byName('合作社产业带动贷款');
  const rep = await household('南集村');
  const code = '93370406MA3D2K7X5';
  const org = await api(srv.base, 'POST', '/organisations', { name: '南集村中药材种植专业合作社', kind: 'cooperative',
    credit_code: code + creditCheck(code), legal_rep_member_id: rep.head, village_id: units['南集村'], members: [rep.id] },
  t.xj_xiehui);
  assert.equal(org.status, 201, JSON.stringify(org.body));
  const app = (extra) => ({ organisation_id: org.body.id, amount_fen: 25000000, term_months: 24, project_type: 'herbs',
    project_name: '金银花标准化种植基地', ...extra });
  const kind = await api(srv.base, 'POST', '/loan-applications', app({}), t.xj_xiehui); // the default product: households only
  assert.deepEqual([kind.status, kind.body.error.code, kind.body.error.field], [422, 'borrower_not_allowed', 'product_id']);
  const both = await api(srv.base, 'POST', '/loan-applications', app({ household_id: rep.id, product_id: coop.id }), t.xj_xiehui);
  assert.equal(both.body.error.code, 'borrower_ambiguous');
  const low = await api(srv.base, 'POST', '/loan-applications', app({ product_id: coop.id, amount_fen: 9999999 }), t.xj_xiehui);
  assert.equal(low.body.error.message, '贷款金额应在 100000 元到 500000 元之间（产品：合作社产业带动贷款）');
  assert.equal(count(`SELECT count(*) AS n FROM loan_applications WHERE organisation_id = ${org.body.id}`), 0);
  const a = await api(srv.base, 'POST', '/loan-applications', app({ product_id: coop.id }), t.xj_xiehui);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.deepEqual([a.body.applicant, a.body.borrower_kind, a.body.organisation_id, a.body.village],
    ['南集村中药材种植专业合作社', 'organisation', org.body.id, '南集村']);
  const again = await api(srv.base, 'POST', '/loan-applications', app({ product_id: coop.id }), t.xj_xiehui);
  assert.deepEqual([again.status, again.body.error.code], [409, 'application_open']);
  // the representative's household may still apply for itself, and its own list does not show the cooperative's
  const own = await api(srv.base, 'GET', `/loan-applications?household_id=${rep.id}`, undefined, t.xj_xiehui);
  assert.equal(own.body.total, 0);
  const orgs = await api(srv.base, 'GET', `/loan-applications?organisation_id=${org.body.id}`, undefined, t.xj_xiehui);
  assert.deepEqual(orgs.body.items.map((i) => [i.id, i.applicant]), [[a.body.id, '南集村中药材种植专业合作社']]);
  await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 25000000, on: addDays(TODAY, -1),
    document_no: 'ORG-T' }, t.qu_caiwu);
  await guaranteed(a.body.id);
  const lent = await api(srv.base, 'POST', '/loans', { application_id: a.body.id, contract_no: `ORG-${a.body.id}`,
    disbursed_on: TODAY, principal_fen: 25000000, annual_rate: '4.35', method: 'equal-principal', term_months: 24 }, t.xj_xinyong);
  assert.equal(lent.status, 201, JSON.stringify(lent.body));
  assert.deepEqual([lent.body.applicant, lent.body.product_id, lent.body.organisation_id],
    ['南集村中药材种植专业合作社', coop.id, org.body.id]);
  // 等额本金: 250,000.00 / 24 = 10,416.666… → 10,416.67 a month, the last 10,416.59 (250,000.00 − 23 × 10,416.67)
  assert.equal(lent.body.schedule[0].principal_fen, 1041667);
  assert.equal(lent.body.schedule[23].principal_fen, 25000000 - 23 * 1041667);
  const book = await api(srv.base, 'GET', `/loans?village_id=${units['南集村']}&limit=500`, undefined, t.xj_xinyong);
  const item = book.body.items.find((l) => l.id === lent.body.id);
  assert.deepEqual([item.applicant, item.product_id, item.organisation_id, item.outstanding_principal_fen],
    ['南集村中药材种植专业合作社', coop.id, org.body.id, 25000000]);
  // scope follows the organisation's village: 西集村's officer cannot read it
  assert.equal((await api(srv.base, 'GET', `/loans/${lent.body.id}`, undefined, t.xj_cun_xiji)).status, 403);
});

test('按季结息: interest on the quarter 20ths by days, principal at maturity; preview, disbursement, repayment and the PDF agree', async () => {
  const q = await api(srv.base, 'POST', '/loan-products', { ...SMALL, name: '按季结息试点贷款', max_fen: 20000000,
    methods: ['monthly-interest', 'bullet'], day_count: 'actual360', settlement: 'quarter_20th' }, t.admin);
  assert.equal(q.status, 201, JSON.stringify(q.body));
  assert.equal(q.body.settlement, 'quarter_20th');
  // 100,000.00 at 4.35 % from 2026-01-10 for 12 months: 1,208.333 fen a day; to 03-20 69 days 833.75,
  // to 06-20 and 09-20 92 days 1,111.67 (1,111.666…), to 12-20 91 days 1,099.58 (1,099.583…),
  // to the maturity 2027-01-10 21 days 253.75 with the principal
  const want = [['2026-03-20', 0, 83375], ['2026-06-20', 0, 111167], ['2026-09-20', 0, 111167],
    ['2026-12-20', 0, 109958], ['2027-01-10', 10000000, 25375]];
  const rows = (s) => s.map((r) => [r.due_on, r.principal_fen, r.interest_fen]);
  const preview = await api(srv.base, 'POST', '/schedule-preview', { principal_fen: 10000000, annual_rate: '4.35',
    term_months: 12, method: 'monthly-interest', start_date: '2026-01-10', day_count: 'actual360', settlement: 'quarter_20th' },
  t.xj_xiehui);
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.deepEqual(rows(preview.body.rows), want);
  assert.equal(preview.body.total_fen, 10000000 + 441042);
  const amortising = await api(srv.base, 'POST', '/schedule-preview', { principal_fen: 10000000, annual_rate: '4.35',
    term_months: 12, method: 'equal-installment', start_date: '2026-01-10', day_count: 'actual360', settlement: 'quarter_20th' },
  t.xj_xiehui);
  assert.deepEqual([amortising.status, amortising.body.error.field], [422, 'method']);
  const hh = await household();
  const a = await api(srv.base, 'POST', '/loan-applications', { household_id: hh.id, product_id: q.body.id,
    amount_fen: 10000000, term_months: 12, project_type: 'crops', project_name: '大棚西红柿' }, t.xj_xiehui);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 10000000, on: addDays(TODAY, -1),
    document_no: 'QS-T' }, t.qu_caiwu);
  await guaranteed(a.body.id);
  const lent = await api(srv.base, 'POST', '/loans', { application_id: a.body.id, contract_no: `QS-${a.body.id}`,
    disbursed_on: '2026-01-10', principal_fen: 10000000, annual_rate: '4.35', method: 'monthly-interest', term_months: 12 },
  t.xj_xinyong);
  assert.equal(lent.status, 201, JSON.stringify(lent.body));
  assert.equal(lent.body.settlement, 'quarter_20th');
  assert.deepEqual(rows(lent.body.schedule), want);
  // the first settlement paid on its day: all interest, nothing else
  const paid = await api(srv.base, 'POST', `/loans/${lent.body.id}/repayments`, { paid_on: '2026-03-20', amount_fen: 83375,
    receipt_no: `QS-R1-${a.body.id}` }, t.xj_xinyong);
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  assert.deepEqual(paid.body.allocation, { penalty_fen: 0, compound_fen: 0, interest_fen: 83375, principal_fen: 0,
    prepaid_principal_fen: 0 });
  // settled on 2026-04-20, 31 days after the settlement: 100,000.00 + 1,208.333 × 31 = 374.58 (374.583…)
  const settle = await api(srv.base, 'POST', `/loans/${lent.body.id}/repayments`, { paid_on: '2026-04-20',
    amount_fen: 10000000 + 37458, receipt_no: `QS-R2-${a.body.id}` }, t.xj_xinyong);
  assert.equal(settle.status, 201, JSON.stringify(settle.body));
  assert.equal(settle.body.allocation.interest_fen, 37458);
  assert.equal((await api(srv.base, 'GET', `/loans/${lent.body.id}`, undefined, t.xj_xinyong)).body.state, 'settled');
  // the 还款计划表 PDF names the rule and shows the settlement dates with their interest
  const liaison = new Browser(srv.base);
  await liaison.login('xj_xinyong');
  const text = await pdfText(srv, `/accounts/${lent.body.id}/schedule.pdf`, liaison);
  assert.match(text, /按季结息（每季末月20日）/);
  assert.match(text, /2026-06-20|2026年6月20日/);
  assert.match(text, /833\.75/);
});

test('a product may require a rating and give a second cycle more and a lower rate; refusals name the rule and write nothing', async () => {
  const year = Number(TODAY.slice(0, 4));
  const made = await api(srv.base, 'POST', '/loan-products', { ...SMALL, name: '信用户优惠贷款', min_rating: '较好',
    second_cycle_max_fen: 3000000, second_cycle_min_rate: '3.00' }, t.admin);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.deepEqual([made.body.min_rating, made.body.second_cycle_max_fen, made.body.second_cycle_min_rate], ['较好', 3000000, '3.00']);
  const badTerms = [
    [{ min_rating: '差' }, 'invalid_min_rating', 'min_rating'],
    [{ second_cycle_max_fen: 1999999 }, 'invalid_second_cycle_max', 'second_cycle_max_fen'],
    [{ second_cycle_min_rate: '3.46' }, 'invalid_second_cycle_rate', 'second_cycle_min_rate'],
  ];
  for (const [extra, code, field] of badTerms) {
    const r = await api(srv.base, 'PUT', `/loan-products/${made.body.id}`, extra, t.admin);
    assert.deepEqual([r.status, r.body.error?.code, r.body.error?.field], [422, code, field]);
  }
  const apply = (hh, amount_fen) => api(srv.base, 'POST', '/loan-applications', { household_id: hh, product_id: made.body.id,
    amount_fen, term_months: 12, project_type: 'trade', project_name: '农资门市' }, t.xj_xiehui);
  const rate = (hh, grade) => api(srv.base, 'PUT', `/households/${hh}/credit-rating`, { year, grade, reason: '按期还款，邻里评价好' },
    t.xj_xinyong);
  const first = await household();
  let r = await apply(first.id, 1000000);
  assert.deepEqual([r.status, r.body.error.code, r.body.error.field, r.body.error.message], [422, 'rating_required', 'household_id',
    '产品“信用户优惠贷款”要求家庭信用评定为较好及以上（本年或上年）；该户本年和上年都没有评定']);
  assert.equal((await rate(first.id, '一般')).status, 200);
  r = await apply(first.id, 1000000);
  assert.equal(r.body.error.message, `产品“信用户优惠贷款”要求家庭信用评定为较好及以上（本年或上年）；该户 ${year} 年评定为一般`);
  assert.equal(count(`SELECT count(*) AS n FROM loan_applications WHERE household_id = ${first.id}`), 0, 'nothing written');
  await rate(first.id, '较好');
  r = await apply(first.id, 2000001);
  assert.deepEqual([r.status, r.body.error.code, r.body.error.field], [422, 'second_cycle_required', 'amount_fen']);
  assert.match(r.body.error.message, /超过 20000 元、最高 30000 元的，只贷给上一笔贷款按期还清的家庭/);
  r = await apply(first.id, 2000000);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  // a household whose first loan was settled on the day it was lent (the principal alone, nothing late)
  const second = await household();
  await rate(second.id, '优秀');
  await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 6000000, on: addDays(TODAY, -1),
    document_no: 'SC-T' }, t.qu_caiwu);
  const earlier = await apply(second.id, 1000000);
  await guaranteed(earlier.body.id);
  const lend = (id, amount, annual_rate) => api(srv.base, 'POST', '/loans', { application_id: id, contract_no: `SC-${id}`,
    disbursed_on: TODAY, principal_fen: amount, annual_rate, method: 'bullet', term_months: 12 }, t.xj_xinyong);
  const loan1 = await lend(earlier.body.id, 1000000, '4.35');
  assert.equal(loan1.status, 201, JSON.stringify(loan1.body));
  const paid = await api(srv.base, 'POST', `/loans/${loan1.body.id}/repayments`, { paid_on: TODAY, amount_fen: 1000000,
    receipt_no: `SC-R-${loan1.body.id}` }, t.xj_xinyong);
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  const again = await apply(second.id, 3000000);
  assert.equal(again.status, 201, 'the second cycle borrows up to 30,000.00: ' + JSON.stringify(again.body));
  // the rate floor: 3.00 % for the second cycle, refused for the first with the rule named
  await guaranteed(r.body.id);
  const low = await lend(r.body.id, 2000000, '3.00');
  assert.deepEqual([low.status, low.body.error.code, low.body.error.message], [422, 'invalid_rate',
    '年利率应在 3.45% 到 6.00% 之间（产品：信用户优惠贷款）；低至 3.00% 的利率只给上一笔贷款按期还清的家庭（第二轮贷款）']);
  await guaranteed(again.body.id);
  const cheap = await lend(again.body.id, 3000000, '3.00');
  assert.equal(cheap.status, 201, JSON.stringify(cheap.body));
  assert.equal(cheap.body.annual_rate, '3.00');
});
