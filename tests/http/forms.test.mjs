// Issue 17 through the API and the pages' POSTs: applications edited before submission and withdrawn
// (撤回) with a reason before a decision (audited; the household may apply again; refusals change
// nothing); the confirmation step of the pages (the first POST only asks, confirm=1 does it; the API
// stays one call); relief maker-checker (same_person).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, makeId, unitIds, ALL_DOCS, TODAY, addDays } from './lib.mjs';

let srv, t;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['xj_xiehui', 'xj_xiehui2', 'xj_jiuzhu', 'xj_cun_xiji', 'shenji', 'xj_jingwei']) t[u] = await token(srv.base, u);
});
after(() => srv.stop());

// A new household of 西集村 with a draft application of 50,000 元.
async function draft(name, order) {
  const units = await unitIds(srv.base, t.xj_xiehui);
  const hh = await api(srv.base, 'POST', '/households', { village_id: units['西集村'], policy_compliant: true,
    head: { name, id_number: makeId('19850301', order, 'M'), phone: '13905321111' } }, t.xj_xiehui);
  assert.equal(hh.status, 201, JSON.stringify(hh.body));
  const a = await api(srv.base, 'POST', '/loan-applications', { household_id: hh.body.id, amount_fen: 5000000,
    term_months: 12, project_type: 'trade', project_name: '农资门市' }, t.xj_xiehui);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  return { household: hh.body.id, id: a.body.id };
}

const get = async (id) => (await api(srv.base, 'GET', `/loan-applications/${id}`, undefined, t.xj_xiehui)).body;
const actions = async (id) => (await api(srv.base, 'GET', `/audit?entity=loan_application&entity_id=${id}`, undefined,
  t.shenji)).body.items.map((a) => a.action).reverse();

test('an application is edited before submission, audited; after submission the edit is refused and changes nothing', async () => {
  const { id } = await draft('韩立新', 71);
  const fields = { amount_fen: 3000000, term_months: 18, project_type: 'crops', project_name: '大棚蔬菜',
    business_plan_md: '# 方案', expected_jobs: 2, expected_income_fen: 800000 };
  const bad = await api(srv.base, 'PUT', `/loan-applications/${id}`, { ...fields, amount_fen: 100 }, t.xj_xiehui);
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.code, 'invalid_amount');
  assert.equal((await get(id)).amount_fen, 5000000, 'a refused edit changed nothing');
  const ok = await api(srv.base, 'PUT', `/loan-applications/${id}`, fields, t.xj_xiehui);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const a = await get(id);
  assert.equal(a.amount_fen, 3000000);
  assert.equal(a.term_months, 18);
  assert.equal(a.project_name, '大棚蔬菜');
  assert.deepEqual(await actions(id), ['create', 'edit']);
  await api(srv.base, 'PUT', `/loan-applications/${id}/documents`, ALL_DOCS, t.xj_xiehui);
  assert.equal((await api(srv.base, 'POST', `/loan-applications/${id}/submit`, {}, t.xj_xiehui)).status, 200);
  const late = await api(srv.base, 'PUT', `/loan-applications/${id}`, { ...fields, amount_fen: 4000000 }, t.xj_xiehui);
  assert.equal(late.status, 409);
  assert.equal(late.body.error.code, 'invalid_state');
  assert.equal((await get(id)).amount_fen, 3000000, 'the refused edit changed nothing');
});

test('withdrawal: a reason is required, the household may apply again, a decided application cannot be withdrawn', async () => {
  const { household, id } = await draft('韩立军', 73);
  const blocked = await api(srv.base, 'POST', '/loan-applications', { household_id: household, amount_fen: 2000000,
    term_months: 12, project_type: 'trade', project_name: '第二笔' }, t.xj_xiehui);
  assert.equal(blocked.body.error.code, 'application_open');
  const noReason = await api(srv.base, 'POST', `/loan-applications/${id}/withdraw`, { reason: '' }, t.xj_xiehui);
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.error.code, 'invalid_reason');
  assert.equal((await get(id)).state, 'draft', 'refused: nothing changed');
  const w = await api(srv.base, 'POST', `/loan-applications/${id}/withdraw`, { reason: '金额登记错误，重新申请' }, t.xj_xiehui);
  assert.equal(w.status, 200, JSON.stringify(w.body));
  assert.equal(w.body.state, 'withdrawn');
  assert.equal(w.body.withdrawn_reason, '金额登记错误，重新申请');
  const log = (await api(srv.base, 'GET', `/audit?entity=loan_application&entity_id=${id}`, undefined, t.shenji)).body.items;
  assert.equal(log[0].action, 'withdraw');
  assert.match(JSON.stringify(log[0].after), /金额登记错误，重新申请/);
  const again = await api(srv.base, 'POST', `/loan-applications/${id}/withdraw`, { reason: '再撤' }, t.xj_xiehui);
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'invalid_state');
  assert.deepEqual(await actions(id), ['create', 'withdraw'], 'the refused second withdrawal wrote nothing');
  const fresh = await api(srv.base, 'POST', '/loan-applications', { household_id: household, amount_fen: 2000000,
    term_months: 12, project_type: 'trade', project_name: '重新申请' }, t.xj_xiehui);
  assert.equal(fresh.status, 201, 'a withdrawn application frees the household');
  // A rejected (decided) application cannot be withdrawn.
  await api(srv.base, 'PUT', `/loan-applications/${fresh.body.id}/documents`, ALL_DOCS, t.xj_xiehui);
  await api(srv.base, 'POST', `/loan-applications/${fresh.body.id}/submit`, {}, t.xj_xiehui);
  const no = await api(srv.base, 'POST', `/loan-applications/${fresh.body.id}/reviews`, { decision: 'reject', comment: '市场已饱和' }, t.xj_jingwei);
  assert.equal(no.status, 201, JSON.stringify(no.body));
  const decided = await api(srv.base, 'POST', `/loan-applications/${fresh.body.id}/withdraw`, { reason: '撤回' }, t.xj_xiehui);
  assert.equal(decided.status, 409);
  assert.equal((await get(fresh.body.id)).state, 'rejected');
});

test('the page asks before withdrawing: the first POST restates it, confirm=1 does it', async () => {
  const { id } = await draft('韩立华', 75);
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = await b.get(`/loans/${id}`);
  assert.match(page.text, /撤回申请/);
  assert.match(page.text, new RegExp(`href="/loans/${id}/edit"`));
  const ask = await b.post(`/loans/${id}/withdraw`, { reason: '户主外出务工' });
  assert.equal(ask.status, 200);
  assert.match(ask.text, new RegExp(`确认撤回第 ${id} 号申请（韩\\*华，50,000\\.00 元（伍万元整））？撤回原因：户主外出务工`));
  assert.match(ask.text, /<input type="hidden" name="reason" value="户主外出务工">/);
  assert.match(ask.text, /<input type="hidden" name="csrf" value="[0-9a-f]{64}">/);
  assert.equal((await get(id)).state, 'draft', 'asking changed nothing');
  const done = await b.post(`/loans/${id}/withdraw`, { reason: '户主外出务工', confirm: '1' });
  assert.equal(done.status, 303);
  assert.equal((await get(id)).state, 'withdrawn');
});

test('relief maker-checker: who reviewed may not approve (409 same_person, nothing changed)', async () => {
  const units = await unitIds(srv.base, t.xj_jiuzhu);
  const cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items
    .map((c) => [c.name, c.id]));
  const hh = await api(srv.base, 'POST', '/households', { village_id: units['西集村'], policy_compliant: true,
    categories: ['hardship'], head: { name: '韩立平', id_number: makeId('19700101', 77, 'M'), phone: '13905322222' } },
  t.xj_xiehui);
  assert.equal(hh.status, 201, JSON.stringify(hh.body));
  const a = await api(srv.base, 'POST', '/relief-applications', { household_id: hh.body.id, category_id: cats['双千帮扶'],
    amount_fen: 100000, reason: '因病致贫' }, t.xj_cun_xiji);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const step = (s, who) => api(srv.base, 'POST', `/relief-applications/${a.body.id}/${s}`, {}, t[who]);
  assert.equal((await step('verify', 'xj_jiuzhu')).status, 200);
  const same = await step('review', 'xj_jiuzhu');
  assert.equal(same.status, 409);
  assert.equal(same.body.error.code, 'same_person');
  assert.match(same.body.error.message, /同一人不能/);
  assert.equal((await step('review', 'xj_xiehui2')).body.state, 'reviewed');
  const n = await api(srv.base, 'POST', '/notices', { kind: 'relief', unit_id: units['西集村'], days: 1 }, t.xj_jiuzhu);
  assert.equal(n.status, 201, JSON.stringify(n.body));
  await srv.restart({ today: addDays(TODAY, 2) });
  for (const u of Object.keys(t)) t[u] = await token(srv.base, u);
  const self = await step('approve', 'xj_xiehui2');
  assert.equal(self.status, 409);
  assert.equal(self.body.error.code, 'same_person');
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${a.body.id}`, undefined, t.xj_jiuzhu)).body.state, 'in_notice');
  assert.equal((await step('approve', 'xj_xiehui')).body.state, 'approved');
});

// Uploads a file as multipart through the API.
async function upload(app, name, bytes, tok) {
  const fd = new FormData();
  fd.append('file', new Blob([bytes]), name);
  const res = await fetch(`${srv.base}/api/v1/relief-applications/${app}/documents`, {
    method: 'POST', headers: { Authorization: `Bearer ${tok}` }, body: fd });
  return { status: res.status, body: await res.json() };
}

test('relief supporting documents: PDF/JPG/PNG by their bytes, size-limited, served only in scope', async () => {
  const apps = (await api(srv.base, 'GET', '/relief-applications?limit=1', undefined, t.xj_jiuzhu)).body.items;
  const app = apps[0].id;
  const docs = async () => (await api(srv.base, 'GET', `/relief-applications/${app}/documents`, undefined, t.xj_jiuzhu)).body.items;
  const before = (await docs()).length;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
  const ok = await upload(app, '诊断证明.png', png, t.xj_jiuzhu);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.kind, 'png');
  assert.equal(ok.body.size, 108);
  const jpg = await upload(app, '医疗票据.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300 * 1024, 1)]), t.xj_jiuzhu);
  assert.equal(jpg.status, 201, 'a photo of a few hundred KB: ' + JSON.stringify(jpg.body));
  assert.equal(jpg.body.kind, 'jpg');
  const fake = await upload(app, '票据.pdf', Buffer.from('<script>alert(1)</script>'), t.xj_jiuzhu);
  assert.equal(fake.status, 422, 'a name ending in .pdf is not a PDF');
  assert.equal(fake.body.error.code, 'document_type');
  const big = await upload(app, '大文件.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4 * 1024 * 1024)]), t.xj_jiuzhu);
  assert.equal(big.status, 422);
  assert.equal(big.body.error.code, 'document_too_large');
  const list = await docs();
  assert.equal(list.length, before + 2, 'the refused uploads stored nothing');
  const res = await fetch(`${srv.base}/api/v1/relief-applications/${app}/documents/${ok.body.id}`,
    { headers: { Authorization: `Bearer ${t.xj_jiuzhu}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), png);
  const other = await token(srv.base, 'fm_xiehui');
  const foreign = await fetch(`${srv.base}/api/v1/relief-applications/${app}/documents/${ok.body.id}`,
    { headers: { Authorization: `Bearer ${other}` } });
  assert.equal(foreign.status, 403, 'another township may not read it');
  assert.equal((await upload(app, 'x.png', png, other)).status, 403);
  const log = (await api(srv.base, 'GET', `/audit?entity=relief_application&entity_id=${app}`, undefined, t.shenji)).body.items;
  assert.equal(log[0].action, 'attach_document');
});
