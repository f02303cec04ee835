// Foundation: login, sessions, the dispatcher's 401/403/404/405, CSRF, security headers,
// unit scope, the household registry's validation and masking, and the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, makeId, unitIds, householdTotal } from './lib.mjs';

let srv, admin, assoc, village, fm, auditor, units;

before(async () => {
  srv = await startServer();
  [admin, assoc, village, fm, auditor] = await Promise.all(
    ['admin', 'xj_xiehui', 'xj_cun_xiji', 'fm_xiehui', 'shenji'].map((u) => token(srv.base, u)));
  units = await unitIds(srv.base, admin);
});
after(async () => { await srv.stop(); });

// A new household body for the village, with a fresh head ID from the order number.
function householdBody(villageId, order, extra = {}) {
  return {
    village_id: villageId,
    head: { name: '王建华', id_number: makeId('19800315', order, 'M'), phone: '13812345678', sex: 'M' },
    address: '西集村3组12号',
    categories: ['one_child', 'hardship'],
    policy_compliant: true,
    members: [{ name: '李秀兰', id_number: makeId('19820620', order, 'F'), relation: '配偶' }],
    ...extra,
  };
}

const householdCount = (tok) => householdTotal(srv.base, tok);

async function auditCount() {
  return (await api(srv.base, 'GET', '/audit?limit=1', undefined, auditor)).body.total;
}

test('healthz and security headers', async () => {
  const res = await fetch(srv.base + '/healthz');
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'ok\n');
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('login: bad password 401, good password gives a working token, logout ends it', async () => {
  const bad = await api(srv.base, 'POST', '/login', { username: 'xj_xiehui', password: 'wrong-password' });
  assert.equal(bad.status, 401);
  assert.equal(bad.body.error.code, 'bad_credentials');
  const t = await token(srv.base, 'xj_jiuzhu');
  const me = await api(srv.base, 'GET', '/me', undefined, t);
  assert.equal(me.status, 200);
  assert.equal(me.body.role, 'relief');
  assert.equal(me.body.unit, '西集镇');
  assert.equal((await api(srv.base, 'POST', '/logout', {}, t)).status, 200);
  assert.equal((await api(srv.base, 'GET', '/me', undefined, t)).status, 401);
});

test('login is throttled after repeated failures', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await api(srv.base, 'POST', '/login', { username: 'xj_caiwu', password: 'nope-' + i });
    assert.equal(r.status, 401);
  }
  const r = await api(srv.base, 'POST', '/login', { username: 'xj_caiwu', password: 'demo1234' });
  assert.equal(r.status, 429);
  assert.equal(r.body.error.code, 'login_throttled');
});

test('dispatcher: 401 without login, 403 for the wrong role, 404, 405 with Allow', async () => {
  assert.equal((await api(srv.base, 'GET', '/households')).status, 401);
  const forbidden = await api(srv.base, 'POST', '/users',
    { username: 'hacker', password: 'x1234567', name: '某人', role: 'admin', unit_id: 1 }, village);
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.body.error.code, 'forbidden');
  const nf = await api(srv.base, 'GET', '/no-such-thing', undefined, admin);
  assert.equal(nf.status, 404);
  assert.equal(nf.body.error.code, 'not_found');
  const na = await api(srv.base, 'DELETE', '/households', undefined, admin);
  assert.equal(na.status, 405);
  assert.match(na.headers.get('allow'), /GET/);
  assert.equal((await fetch(srv.base + '/households', { redirect: 'manual' })).status, 303, 'pages redirect to login');
});

test('malformed JSON is 400 with the error shape', async () => {
  const r = await api(srv.base, 'POST', '/households', '{"village_id": ', assoc);
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'malformed_json');
  assert.ok(r.body.error.message.length > 0);
});

test('register a household: 201, full ID for association (audited), masked for the village officer', async () => {
  const body = householdBody(units['西集村'], 11);
  const r = await api(srv.base, 'POST', '/households', body, assoc);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.head.id_number, body.head.id_number);
  assert.equal(r.body.village, '西集村');
  assert.deepEqual(r.body.categories.sort(), ['hardship', 'one_child']);
  assert.equal(r.body.members.length, 1);
  assert.equal(r.body.members[0].sex, 'F');
  const v = await api(srv.base, 'GET', `/households/${r.body.id}`, undefined, village);
  assert.equal(v.status, 200);
  assert.equal(v.body.head.id_number, body.head.id_number.slice(0, 6) + '********' + body.head.id_number.slice(14));
  const log = await api(srv.base, 'GET', `/audit?entity=household&entity_id=${r.body.id}`, undefined, auditor);
  const actions = log.body.items.map((a) => a.action);
  assert.ok(actions.includes('create'));
  assert.ok(actions.includes('view_id_number'));
  const create = log.body.items.find((a) => a.action === 'create');
  assert.equal(create.username, 'xj_xiehui');
  assert.equal(create.after.head.name, '王建华');
  assert.doesNotMatch(JSON.stringify(create.after), new RegExp(body.head.id_number), 'the log keeps no full ID');
});

test('invalid resident IDs, phones and mismatches are 422 naming the field; nothing is written', async () => {
  const n0 = await householdCount(assoc);
  const a0 = await auditCount();
  const good = householdBody(units['东集村'], 21);
  const cases = [
    [{ ...good, head: { ...good.head, id_number: good.head.id_number.slice(0, 17) + (good.head.id_number[17] === '1' ? '2' : '1') } },
      'invalid_id_number', 'head.id_number', /校验/],
    [{ ...good, head: { ...good.head, id_number: '37040619800315' } }, 'invalid_id_number', 'head.id_number', /18/],
    [{ ...good, head: { ...good.head, id_number: makeId('19801345', 21, 'M') } }, 'invalid_id_number', 'head.id_number', /出生/],
    [{ ...good, head: { ...good.head, phone: '23812345678' } }, 'invalid_phone', 'head.phone', /手机号/],
    [{ ...good, head: { ...good.head, phone: '1381234567' } }, 'invalid_phone', 'head.phone', /11/],
    [{ ...good, head: { ...good.head, sex: 'F' } }, 'sex_mismatch', 'head.sex', /性别/],
    [{ ...good, members: [{ ...good.members[0], id_number: 'ABCDEFGHIJKLMNOPQR' }] }, 'invalid_id_number', 'members[0].id_number', /./],
    [{ ...good, members: [{ ...good.members[0], relation: '邻居' }] }, 'invalid_relation', 'members[0].relation', /关系/],
    [{ ...good, categories: ['rich'] }, 'invalid_category', 'categories', /类别/],
  ];
  for (const [body, code, field, msg] of cases) {
    const r = await api(srv.base, 'POST', '/households', body, assoc);
    assert.equal(r.status, 422, `${code}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, code);
    assert.equal(r.body.error.field, field);
    assert.match(r.body.error.message, msg);
  }
  assert.equal(await householdCount(assoc), n0, 'no household written');
  assert.equal(await auditCount(), a0, 'no audit record written');
});

test('a duplicate resident ID is 409 naming the existing household', async () => {
  const first = await api(srv.base, 'POST', '/households', householdBody(units['南集村'], 31), assoc);
  assert.equal(first.status, 201);
  const n0 = await householdCount(assoc);
  const dup = householdBody(units['北庄村'], 32);
  dup.members[0].id_number = first.body.head.id_number;
  const r = await api(srv.base, 'POST', '/households', dup, assoc);
  assert.equal(r.status, 409);
  assert.equal(r.body.error.code, 'duplicate_id_number');
  assert.equal(r.body.error.field, 'members[0].id_number');
  assert.match(r.body.error.message, new RegExp(`第 ${first.body.id} 号家庭`));
  assert.match(r.body.error.message, /南集村/);
  assert.equal(await householdCount(assoc), n0);
});

test('unit scope: a village officer cannot read or write another village; another township sees nothing', async () => {
  const other = await api(srv.base, 'POST', '/households', householdBody(units['马庄村'], 41), assoc);
  assert.equal(other.status, 201);
  const read = await api(srv.base, 'GET', `/households/${other.body.id}`, undefined, village);
  assert.equal(read.status, 403);
  assert.equal(read.body.error.code, 'out_of_scope');
  const n0 = await householdCount(assoc);
  const write = await api(srv.base, 'POST', '/households', householdBody(units['马庄村'], 42), village);
  assert.equal(write.status, 403);
  assert.equal(await householdCount(assoc), n0, 'nothing changed');
  const own = await api(srv.base, 'POST', '/households', householdBody(units['西集村'], 43), village);
  assert.equal(own.status, 201, 'own village is fine');
  const list = await api(srv.base, 'GET', '/households?limit=500', undefined, village);
  assert.ok(list.body.items.every((h) => h.village === '西集村'));
  assert.ok(list.body.items.every((h) => /^\d{6}\*{8}[0-9X]{4}$/.test(h.id_number)), 'lists are masked');
  assert.equal((await api(srv.base, 'GET', `/households/${other.body.id}`, undefined, fm)).status, 403);
  const fmList = await api(srv.base, 'GET', '/households?limit=500', undefined, fm);
  assert.ok(fmList.body.items.every((h) => ['冯卯村', '欧峪村', '岩马村', '朝阳村', '东湖村'].includes(h.village)));
  const fmUnits = await api(srv.base, 'GET', '/units', undefined, fm);
  assert.ok(!fmUnits.body.items.some((u) => u.name === '西集村'));
});

test('search by name prefix, resident ID prefix, village and category, with paging', async () => {
  const body = householdBody(units['后林村'], 51);
  body.head.name = '欧阳德胜';
  const created = await api(srv.base, 'POST', '/households', body, assoc);
  assert.equal(created.status, 201);
  const byName = await api(srv.base, 'GET', '/households?q=' + encodeURIComponent('欧阳德'), undefined, assoc);
  assert.ok(byName.body.items.some((h) => h.id === created.body.id));
  assert.ok(byName.body.items.every((h) => h.head_name.startsWith('欧阳') || h.head_name.length > 0));
  const byId = await api(srv.base, 'GET', '/households?q=' + body.head.id_number.slice(0, 16), undefined, assoc);
  assert.equal(byId.body.total, 1);
  assert.equal(byId.body.items[0].id, created.body.id);
  const byVillage = await api(srv.base, 'GET', `/households?village_id=${units['后林村']}&limit=500`, undefined, assoc);
  assert.ok(byVillage.body.total > 10);
  assert.ok(byVillage.body.items.every((h) => h.village === '后林村'));
  const cat = await api(srv.base, 'GET', '/households?category=special_lost&limit=500', undefined, assoc);
  assert.ok(cat.body.items.every((h) => h.categories.includes('special_lost')));
  const p1 = await api(srv.base, 'GET', '/households?limit=5&offset=0', undefined, assoc);
  const p2 = await api(srv.base, 'GET', '/households?limit=5&offset=5', undefined, assoc);
  assert.equal(p1.body.items.length, 5);
  assert.equal(p1.body.total, p2.body.total);
  assert.equal(p1.body.total, 200, 'counting stops at 200 (the demo has about 600 households)');
  assert.equal(p1.body.total_capped, true);
  assert.equal(byVillage.body.total_capped, false);
  const surname = await api(srv.base, 'GET', '/households?q=' + encodeURIComponent('王') + '&limit=500', undefined, assoc);
  assert.ok(surname.body.items.length > 0);
  assert.ok(surname.body.items.every((h) => h.members >= 1));
  const ids = surname.body.items.map((h) => h.id);
  assert.equal(new Set(ids).size, ids.length, 'a household appears once even when several members match');
  assert.notDeepEqual(p1.body.items.map((h) => h.id), p2.body.items.map((h) => h.id));
});

test('admin creates users and units; validation and roles enforced', async () => {
  const u = await api(srv.base, 'POST', '/users', {
    username: 'xj_cun_mazhuang', password: 'longenough1', name: '马桂芝', role: 'village', unit_id: units['马庄村'],
  }, admin);
  assert.equal(u.status, 201, JSON.stringify(u.body));
  assert.equal(u.body.role, 'village');
  const t = await token(srv.base, 'xj_cun_mazhuang', 'longenough1');
  assert.equal((await api(srv.base, 'GET', '/me', undefined, t)).body.unit, '马庄村');
  const villageAtTownship = await api(srv.base, 'POST', '/users', {
    username: 'bad_village', password: 'longenough1', name: '某', role: 'village', unit_id: units['西集镇'],
  }, admin);
  assert.equal(villageAtTownship.status, 422);
  const dup = await api(srv.base, 'POST', '/users', {
    username: 'xj_xiehui', password: 'longenough1', name: '某', role: 'association', unit_id: units['西集镇'],
  }, admin);
  assert.equal(dup.status, 409);
  const unit = await api(srv.base, 'POST', '/units', { name: '新村', kind: 'village', parent_id: units['西集镇'] }, admin);
  assert.equal(unit.status, 201);
  assert.equal(unit.body.parent_id, units['西集镇']);
  const badUnit = await api(srv.base, 'POST', '/units', { name: '错村', kind: 'village', parent_id: units['西集村'] }, admin);
  assert.equal(badUnit.status, 422);
  const deps = await api(srv.base, 'GET', '/departments', undefined, assoc);
  assert.deepEqual(deps.body.items.map((d) => d.name).slice(0, 3), ['镇计生协会', '经委', '招商办']);
});

test('browser: CSRF missing is refused and nothing is written; a valid form registers the household', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const n0 = await householdCount(assoc);
  const form = {
    village_id: String(units['黄庄村']), head_name: '赵大勇', head_id_number: makeId('19790101', 61, 'M'),
    head_phone: '13912345678', address: '黄庄村', category: ['one_child'], policy_compliant: '1',
    member_name: ['', ''], member_id_number: ['', ''], member_relation: ['配偶', '配偶'], member_phone: ['', ''],
  };
  const noCsrf = await b.post('/households', form, { csrf: false });
  assert.equal(noCsrf.status, 403);
  const wrongCsrf = await b.request('POST', '/households', { ...form, csrf: 'f'.repeat(64) });
  assert.equal(wrongCsrf.status, 403);
  assert.equal(await householdCount(assoc), n0);
  await b.get('/households/new');
  const ok = await b.post('/households', form);
  assert.equal(ok.status, 303);
  assert.match(ok.location, /^\/households\/\d+\?ok=created$/);
  assert.equal(await householdCount(assoc), n0 + 1);
});

test('browser: an XSS payload in a name comes back escaped; a refused form keeps what was typed', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  await b.get('/households/new');
  const evil = '<script>alert(1)</script>';
  const form = {
    village_id: String(units['黄庄村']), head_name: evil, head_id_number: makeId('19790202', 62, 'M'),
    head_phone: '13912345679', address: '"><img src=x onerror=alert(1)>', policy_compliant: '1',
  };
  const r = await b.post('/households', form);
  assert.equal(r.status, 303);
  const page = await b.get(r.location);
  assert.ok(!page.text.includes('<script>alert(1)</script>'));
  assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!page.text.includes('<img src=x'));
  const refused = await b.post('/households', { ...form, head_name: '钱多多', head_id_number: '370406197902026211' });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /校验位/);
  assert.match(refused.text, /value="钱多多"/, 'nothing typed is lost');
});

test('browser: logout ends the session; the session cookie is HttpOnly and SameSite', async () => {
  const b = new Browser(srv.base);
  await b.get('/login');
  const r = await b.post('/login', { username: 'xj_xiehui', password: 'demo1234' }, { csrf: false });
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.equal((await b.get('/households')).status, 200);
  const saved = b.cookie;
  assert.equal((await b.post('/logout', {})).status, 303);
  b.cookie = saved;
  const after = await b.get('/households');
  assert.equal(after.status, 303, 'the old session id no longer works');
});

test('oversized bodies are refused with 413', async () => {
  const big = JSON.stringify({ address: 'x'.repeat(9 * 1024 * 1024) });
  const r = await api(srv.base, 'POST', '/households', big, assoc);
  assert.equal(r.status, 413);
});
