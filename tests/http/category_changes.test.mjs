// Issue 17 item 10: a sensitive household category (计生特殊家庭-失独, -伤残) takes effect only after a
// second person approves it with the attached document. Through the household page's form and the API:
// the maker cannot approve their own change (403, nothing changed), a refusal changes nothing, the second
// person's approval links the category and the relief eligibility follows; each step audited in Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, makeId, unitIds } from './lib.mjs';

let srv, t, units, cats;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['xj_xiehui', 'xj_xiehui2', 'xj_jiuzhu', 'xj_cun_xiji', 'fm_xiehui', 'shenji']) t[u] = await token(srv.base, u);
  units = await unitIds(srv.base, t.xj_xiehui);
  cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items
    .map((c) => [c.name, c.id]));
});
after(() => srv.stop());

const PDF = Buffer.from('%PDF-1.4\n% 残疾证\n');

// A new 西集村 household with the given categories; resolves to its id.
async function household(name, order, categories = ['one_child']) {
  const hh = await api(srv.base, 'POST', '/households', { village_id: units['西集村'], policy_compliant: true, categories,
    head: { name, id_number: makeId('19700317', order, 'F'), phone: '13905321234' } }, t.xj_xiehui);
  assert.equal(hh.status, 201, JSON.stringify(hh.body));
  return hh.body.id;
}
const categoriesOf = async (id) => (await api(srv.base, 'GET', `/households/${id}`, undefined, t.xj_xiehui)).body.categories.sort();
// Whether the household may apply for 独生子女死亡家庭扶助 (the 失独 families' relief): the status of the try.
const lostReliefStatus = async (id) => (await api(srv.base, 'POST', '/relief-applications',
  { household_id: id, category_id: cats['独生子女死亡家庭扶助'] }, t.xj_jiuzhu)).status;
// Proposes categories through the API with a file.
async function propose(id, categories, file, tok, name = '证明.pdf') {
  const fd = new FormData();
  for (const c of categories) fd.append('category', c);
  if (file) fd.append('file', new Blob([file]), name);
  const res = await fetch(`${srv.base}/api/v1/households/${id}/category-changes`, { method: 'POST',
    headers: { Authorization: `Bearer ${tok}` }, body: fd });
  return { status: res.status, body: await res.json() };
}

test('the page form: 失独 waits for a second person; the maker cannot approve it; the approval makes the household eligible', async () => {
  const id = await household('欧阳秀兰', 31);
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  await b.get(`/households/${id}`);
  const form = (extra) => {
    const fd = new FormData();
    fd.append('csrf', b.csrf);
    fd.append('head_phone', '13905329999');
    fd.append('address', '西集村二组');
    fd.append('category', 'one_child');
    fd.append('category', 'special_lost');
    fd.append('policy_compliant', '1');
    if (extra) fd.append('document', new Blob([extra]), '死亡证明.pdf');
    return fd;
  };
  // Without the document: refused next to the field, with everything typed kept; nothing changed.
  const bare = await b.request('POST', `/households/${id}`, form(null));
  assert.equal(bare.status, 422);
  assert.match(bare.text, /须上传证明材料/);
  assert.match(bare.text, /value="西集村二组"/);
  assert.match(bare.text, /value="special_lost" checked/);
  assert.deepEqual(await categoriesOf(id), ['one_child']);
  // A file that is not a PDF/JPEG/PNG: refused.
  const html = await b.request('POST', `/households/${id}`, form(Buffer.from('<html>')));
  assert.equal(html.status, 422);
  assert.match(html.text, /只能上传 PDF、JPG 或 PNG/);
  // With the document: the address takes effect, the category waits.
  const ok = await b.request('POST', `/households/${id}`, form(PDF));
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  assert.match(ok.location, /ok=category_pending/);
  const hh = (await api(srv.base, 'GET', `/households/${id}`, undefined, t.xj_xiehui)).body;
  assert.equal(hh.address, '西集村二组');
  assert.deepEqual(hh.categories, ['one_child'], 'the registry shows the old categories until approved');
  assert.equal(await lostReliefStatus(id), 409, 'not eligible for the 失独 relief before the approval');
  const page = await b.get(`/households/${id}`);
  assert.match(page.text, /待审批：新增“计生特殊家庭-失独”/);
  // The list for approvers; the maker sees it but has no buttons, and a POST by them is refused.
  const pending = (await api(srv.base, 'GET', `/category-changes?household_id=${id}`, undefined, t.xj_xiehui)).body;
  assert.equal(pending.total, 1);
  const change = pending.items[0];
  assert.deepEqual(change.categories, ['special_lost']);
  assert.equal(change.state, 'pending');
  assert.equal(change.made_by, '孙丽华');
  const list = await b.get('/households/category-changes');
  assert.match(list.text, /须由另一人审批/);
  const own = await b.post(`/households/category-changes/${change.id}/approve`, {});
  assert.equal(own.status, 403);
  assert.match(own.text, /提交人不能审批自己提交的类别变更/);
  assert.deepEqual(await categoriesOf(id), ['one_child'], 'the maker\'s own approval changed nothing');
  // The document as uploaded.
  const doc = await b.get(`/households/category-changes/${change.id}/document`);
  assert.equal(doc.status, 200);
  assert.equal(doc.headers.get('content-type'), 'application/pdf');
  // The second person approves through the page.
  const b2 = new Browser(srv.base);
  await b2.login('xj_xiehui2');
  const list2 = await b2.get('/households/category-changes');
  assert.match(list2.text, new RegExp(`action="/households/category-changes/${change.id}/approve"`));
  const yes = await b2.post(`/households/category-changes/${change.id}/approve`, {});
  assert.equal(yes.status, 303);
  assert.deepEqual(await categoriesOf(id), ['one_child', 'special_lost']);
  assert.equal(await lostReliefStatus(id), 201, 'eligible once approved');
  const again = await b2.post(`/households/category-changes/${change.id}/approve`, {});
  assert.equal(again.status, 409);
  // Audited in Chinese words.
  const log = (await api(srv.base, 'GET', `/audit?entity=household&entity_id=${id}`, undefined, t.shenji)).body.items;
  const actions = log.map((a) => a.action);
  assert.ok(actions.includes('propose_category') && actions.includes('approve_category'), actions.join());
  const auditor = new Browser(srv.base);
  await auditor.login('shenji');
  const audit = await auditor.get(`/audit?entity=household&entity_id=${id}`);
  assert.match(audit.text, /申请特殊家庭类别/);
  assert.match(audit.text, /批准类别变更/);
});

test('the API: a refusal changes nothing; only sensitive categories, with a document, one at a time, in scope', async () => {
  const id = await household('诸葛红梅', 32, ['hardship']);
  assert.equal((await propose(id, ['special_disabled'], null, t.xj_cun_xiji)).body.error.code, 'document_required');
  assert.equal((await propose(id, ['model'], PDF, t.xj_cun_xiji)).body.error.code, 'invalid_category');
  assert.equal((await propose(id, ['hardship'], PDF, t.xj_cun_xiji)).status, 422);
  assert.equal((await propose(id, ['special_disabled'], PDF, t.fm_xiehui)).status, 403, 'another township');
  const p = await propose(id, ['special_disabled'], PDF, t.xj_cun_xiji);
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.state, 'pending');
  assert.equal(p.body.document.kind, 'pdf');
  assert.equal((await propose(id, ['special_lost'], PDF, t.xj_cun_xiji)).body.error.code, 'change_pending');
  // A village officer may not approve at all; another township may not see it.
  assert.equal((await api(srv.base, 'POST', `/category-changes/${p.body.id}/approve`, {}, t.xj_cun_xiji)).status, 403);
  assert.equal((await api(srv.base, 'POST', `/category-changes/${p.body.id}/reject`, { reason: '不符' }, t.fm_xiehui)).status, 403);
  // A rejection needs a reason; with it, nothing changes and the reason is kept.
  const noReason = await api(srv.base, 'POST', `/category-changes/${p.body.id}/reject`, {}, t.xj_xiehui);
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.error.code, 'reason_required');
  const no = await api(srv.base, 'POST', `/category-changes/${p.body.id}/reject`, { reason: '残疾证等级不符' }, t.xj_xiehui);
  assert.equal(no.status, 200, JSON.stringify(no.body));
  assert.equal(no.body.state, 'rejected');
  assert.equal(no.body.reason, '残疾证等级不符');
  assert.equal(no.body.decided_by, '孙丽华');
  assert.deepEqual(await categoriesOf(id), ['hardship'], 'the rejection changed nothing');
  assert.equal((await api(srv.base, 'POST', `/category-changes/${p.body.id}/approve`, {}, t.xj_xiehui2)).status, 409);
  assert.deepEqual(await categoriesOf(id), ['hardship']);
  const all = (await api(srv.base, 'GET', `/category-changes?state=all&household_id=${id}`, undefined, t.xj_xiehui)).body;
  assert.deepEqual(all.items.map((c) => c.state), ['rejected']);
  // The association itself as maker: its own approval refused, the other association worker's accepted.
  const q = await propose(id, ['special_disabled'], Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]), t.xj_xiehui, '残疾证.png');
  assert.equal(q.status, 201);
  const self = await api(srv.base, 'POST', `/category-changes/${q.body.id}/approve`, {}, t.xj_xiehui);
  assert.equal(self.status, 403);
  assert.equal(self.body.error.code, 'same_person');
  assert.deepEqual(await categoriesOf(id), ['hardship']);
  const res = await fetch(`${srv.base}/api/v1/category-changes/${q.body.id}/document`, { headers: { Authorization: `Bearer ${t.xj_xiehui2}` } });
  assert.equal(res.headers.get('content-type'), 'image/png');
  const yes = await api(srv.base, 'POST', `/category-changes/${q.body.id}/approve`, { reason: '已核残疾证' }, t.xj_xiehui2);
  assert.equal(yes.status, 200);
  assert.deepEqual(await categoriesOf(id), ['hardship', 'special_disabled']);
});

// Uploads the document of a change claimed at registration through the API.
async function attach(changeId, file, tok, name = '证明.pdf') {
  const fd = new FormData();
  if (file) fd.append('file', new Blob([file]), name);
  const res = await fetch(`${srv.base}/api/v1/category-changes/${changeId}/document`, { method: 'POST',
    headers: { Authorization: `Bearer ${tok}` }, body: fd });
  return { status: res.status, body: await res.json() };
}
const waitingOf = async (id) => (await api(srv.base, 'GET', `/category-changes?household_id=${id}`, undefined, t.xj_xiehui)).body.items;

test('registration through the API: 失独 claimed on a new household waits for its document and a second person; the maker cannot approve; a refusal changes nothing', async () => {
  const id = await household('上官玉兰', 33, ['one_child', 'special_lost']);
  assert.deepEqual(await categoriesOf(id), ['one_child'], 'created without the sensitive category');
  const [change] = await waitingOf(id);
  assert.deepEqual([change.state, change.categories, change.made_by, change.document.size], ['pending', ['special_lost'], '孙丽华', 0]);
  assert.equal(await lostReliefStatus(id), 409, 'not eligible before the approval');
  // No document yet: the second person cannot approve either; nothing changes.
  const early = await api(srv.base, 'POST', `/category-changes/${change.id}/approve`, {}, t.xj_xiehui2);
  assert.deepEqual([early.status, early.body.error.code], [409, 'document_missing']);
  assert.deepEqual(await categoriesOf(id), ['one_child']);
  assert.equal((await attach(change.id, Buffer.from('<html>'), t.xj_xiehui, 'x.html')).status, 422);
  assert.equal((await attach(change.id, PDF, t.fm_xiehui)).status, 403, 'another township');
  const up = await attach(change.id, PDF, t.xj_xiehui, '死亡证明.pdf');
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assert.deepEqual([up.body.document.kind, up.body.document.name], ['pdf', '死亡证明.pdf']);
  assert.equal((await attach(change.id, PDF, t.xj_xiehui)).body.error.code, 'document_present');
  const self = await api(srv.base, 'POST', `/category-changes/${change.id}/approve`, {}, t.xj_xiehui);
  assert.deepEqual([self.status, self.body.error.code], [403, 'same_person']);
  assert.deepEqual(await categoriesOf(id), ['one_child'], 'the maker\'s approval changed nothing');
  assert.equal(await lostReliefStatus(id), 409);
  const yes = await api(srv.base, 'POST', `/category-changes/${change.id}/approve`, {}, t.xj_xiehui2);
  assert.equal(yes.status, 200, JSON.stringify(yes.body));
  assert.deepEqual(await categoriesOf(id), ['one_child', 'special_lost']);
  assert.equal(await lostReliefStatus(id), 201, 'eligible once approved');
  // A refused claim: the household keeps its other categories only.
  const other = await household('皇甫秋菊', 34, ['special_disabled']);
  const [claim] = await waitingOf(other);
  const no = await api(srv.base, 'POST', `/category-changes/${claim.id}/reject`, { reason: '未提供残疾证' }, t.xj_xiehui2);
  assert.equal(no.status, 200);
  assert.deepEqual(await categoriesOf(other), [], 'the refusal linked nothing');
  assert.deepEqual(await waitingOf(other), []);
  assert.equal((await attach(claim.id, PDF, t.xj_xiehui)).body.error.code, 'already_decided');
});

test('registration through the page: the household page shows 待审批 and takes the document; the list offers approval only once it is there', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  await b.get('/households/new');
  const made = await b.post('/households', { village_id: String(units['西集村']), head_name: '司马春燕',
    head_id_number: makeId('19700317', 35, 'F'), head_phone: '13905321235', address: '西集村三组',
    category: ['special_disabled'], policy_compliant: '1' });
  assert.equal(made.status, 303, made.text.slice(0, 500));
  assert.match(made.location, /ok=category_registered/);
  const id = Number(made.location.match(/\/households\/(\d+)/)[1]);
  assert.deepEqual(await categoriesOf(id), []);
  const page = await b.get(made.location);
  assert.match(page.text, /须上传证明材料并经另一人审批后生效/);
  assert.match(page.text, /待审批：新增“计生特殊家庭-伤残”/);
  assert.match(page.text, /尚未上传证明材料/);
  const [change] = await waitingOf(id);
  assert.match(page.text, new RegExp(`action="/households/category-changes/${change.id}/document"`));
  const b2 = new Browser(srv.base);
  await b2.login('xj_xiehui2');
  assert.doesNotMatch((await b2.get('/households/category-changes')).text,
    new RegExp(`action="/households/category-changes/${change.id}/approve"`), 'no approval without the document');
  const bad = await b.upload(`/households/category-changes/${change.id}/document`, 'document', 'a.txt', Buffer.from('plain'));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /class="field-error" role="alert">[^<]*PDF/);
  const fd = new FormData();
  fd.append('csrf', b.csrf);
  fd.append('document', new Blob([PDF]), '残疾证.pdf');
  const ok = await b.request('POST', `/households/category-changes/${change.id}/document`, fd);
  assert.equal(ok.status, 303);
  assert.match((await b2.get('/households/category-changes')).text, new RegExp(`action="/households/category-changes/${change.id}/approve"`));
  assert.equal((await b2.post(`/households/category-changes/${change.id}/approve`, {})).status, 303);
  assert.deepEqual(await categoriesOf(id), ['special_disabled']);
});
