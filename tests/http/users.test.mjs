// User administration (issue 14, finding 7): the admin lists, creates and changes accounts (role,
// unit, department, active) and resets passwords, on the page and through the API. A password
// reset, a role change, a unit change and a deactivation each end all of that user's sessions
// (browser cookies and bearer tokens); refusals change nothing; users change their own password
// only with the old one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, unitIds, sqlRows, PASSWORD } from './lib.mjs';

let srv, admin, units;
const userId = (name) => sqlRows(srv.db, `SELECT id FROM users WHERE username = '${name}'`)[0].id;
const account = (id) => sqlRows(srv.db, `SELECT role, unit_id, coalesce(department_id, 0) AS department_id, active,
  password_hash FROM users WHERE id = ${id}`)[0];
const sessions = (id) => sqlRows(srv.db, `SELECT count(*) AS n FROM sessions WHERE user_id = ${id}`)[0].n;

before(async () => {
  srv = await startServer();
  admin = await token(srv.base, 'admin');
  units = await unitIds(srv.base, admin);
});
after(async () => { await srv.stop(); });

// Logs the user in twice: a browser (cookie) and an API token; both work.
async function sessionsOf(username, password = PASSWORD) {
  const b = new Browser(srv.base);
  await b.login(username, password);
  const tok = await token(srv.base, username, password);
  assert.equal((await b.get('/home')).status, 200);
  assert.equal((await api(srv.base, 'GET', '/me', undefined, tok)).status, 200);
  return { b, tok };
}

// Both of the user's sessions have ended: the token is refused, the cookie sends to the login page.
async function assertEnded({ b, tok }, what) {
  assert.equal((await api(srv.base, 'GET', '/me', undefined, tok)).status, 401, `the token survived ${what}`);
  const home = await b.get('/home');
  assert.equal(home.status, 303, `the cookie survived ${what}`);
  assert.match(home.location, /^\/login/);
}

test('GET /users lists accounts with role, unit, department and state; admins only', async () => {
  const r = await api(srv.base, 'GET', '/users?q=xj_pingshen', undefined, admin);
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 1);
  const [u] = r.body.items;
  assert.equal(u.username, 'xj_pingshen');
  assert.equal(u.role, 'reviewer');
  assert.equal(u.unit, '西集镇');
  assert.equal(u.unit_id, units['西集镇']);
  assert.equal(u.department, '镇计生协会');
  assert.equal(u.active, true);
  const all = await api(srv.base, 'GET', '/users?limit=500', undefined, admin);
  assert.equal(all.body.total, sqlRows(srv.db, 'SELECT count(*) AS n FROM users')[0].n);
  const other = await api(srv.base, 'GET', '/users', undefined, await token(srv.base, 'xj_xiehui'));
  assert.equal(other.status, 403);
});

test('a township admin lists and changes only the accounts of their township', async () => {
  const created = await api(srv.base, 'POST', '/users', { username: 'fm_admin', password: 'Fengmao-admin-1', name: '冯卯管理员',
    role: 'admin', unit_id: units['冯卯镇'] }, admin);
  assert.equal(created.status, 201);
  assert.equal(created.body.role, 'admin');
  assert.equal(created.body.unit, '冯卯镇');
  const fm = await token(srv.base, 'fm_admin', 'Fengmao-admin-1');
  const list = await api(srv.base, 'GET', '/users?limit=500', undefined, fm);
  assert.ok(list.body.items.length > 0);
  assert.ok(list.body.items.every((u) => u.unit.startsWith('冯卯')), 'only 冯卯 accounts');
  const xj = userId('xj_caiwu');
  const before = account(xj);
  for (const [method, path, body] of [['PUT', `/users/${xj}`, { active: false }],
    ['POST', `/users/${xj}/password`, { password: 'Stolen-pass-123' }]]) {
    const r = await api(srv.base, method, path, body, fm);
    assert.equal(r.status, 404, path);
    assert.equal(r.body.error.code, 'not_found');
  }
  const fmCaiwu = userId('fm_caiwu');
  const move = await api(srv.base, 'PUT', `/users/${fmCaiwu}`, { unit_id: units['西集镇'] }, fm);
  assert.equal(move.status, 403);
  assert.equal(move.body.error.code, 'out_of_scope');
  assert.equal(move.body.error.field, 'unit_id');
  assert.deepEqual(account(xj), before);
  assert.equal(account(fmCaiwu).unit_id, units['冯卯镇']);
});

test('an API password reset ends the cookie and the token; the new password works', async () => {
  const id = userId('xj_xinyong');
  const s = await sessionsOf('xj_xinyong');
  const r = await api(srv.base, 'POST', `/users/${id}/password`, { password: 'Xinyong-reset-1', must_change: false }, admin);
  assert.equal(r.status, 200);
  assert.equal(r.body.username, 'xj_xinyong');
  await assertEnded(s, 'the password reset');
  assert.equal(sessions(id), 0);
  await sessionsOf('xj_xinyong', 'Xinyong-reset-1');
  const audit = sqlRows(srv.db, `SELECT after_json FROM audit_log WHERE entity = 'user' AND action = 'update' AND entity_id = ${id} ORDER BY id DESC LIMIT 1`)[0];
  assert.equal(JSON.parse(audit.after_json).password_reset, true);
  assert.equal(JSON.parse(audit.after_json).sessions_ended, true);
});

test('an API role change ends the sessions; the user comes back with the new role', async () => {
  const id = userId('xj_xiehui2');
  const s = await sessionsOf('xj_xiehui2');
  const r = await api(srv.base, 'PUT', `/users/${id}`, { role: 'liaison' }, admin);
  assert.equal(r.status, 200);
  assert.equal(r.body.role, 'liaison');
  await assertEnded(s, 'the role change');
  const again = await token(srv.base, 'xj_xiehui2');
  assert.equal((await api(srv.base, 'GET', '/me', undefined, again)).body.role, 'liaison');
  const audit = sqlRows(srv.db, `SELECT before_json, after_json FROM audit_log WHERE entity = 'user' AND action = 'update' AND entity_id = ${id}
    ORDER BY id DESC LIMIT 1`)[0];
  assert.equal(JSON.parse(audit.before_json).role, 'association');
  assert.equal(JSON.parse(audit.after_json).role, 'liaison');
});

test('an API unit change ends the sessions; a reviewer leaving the reviewers leaves the department', async () => {
  const id = userId('xj_cun_dongji');
  const s = await sessionsOf('xj_cun_dongji');
  const r = await api(srv.base, 'PUT', `/users/${id}`, { unit_id: units['西集村'] }, admin);
  assert.equal(r.status, 200);
  assert.equal(r.body.unit, '西集村');
  await assertEnded(s, 'the unit change');
  const rev = userId('xj_zhaoshang');
  const sr = await sessionsOf('xj_zhaoshang');
  const changed = await api(srv.base, 'PUT', `/users/${rev}`, { role: 'association' }, admin);
  assert.equal(changed.status, 200);
  assert.equal(changed.body.department_id, 0);
  await assertEnded(sr, 'the change away from reviewer');
  assert.equal(account(rev).department_id, 0);
});

test('an API deactivation ends the sessions and the login; reactivation lets the user in again', async () => {
  const id = userId('fm_cun_fengmao');
  const s = await sessionsOf('fm_cun_fengmao');
  const r = await api(srv.base, 'PUT', `/users/${id}`, { active: false }, admin);
  assert.equal(r.status, 200);
  assert.equal(r.body.active, false);
  await assertEnded(s, 'the deactivation');
  assert.equal((await api(srv.base, 'POST', '/login', { username: 'fm_cun_fengmao', password: PASSWORD })).status, 401);
  assert.equal((await api(srv.base, 'PUT', `/users/${id}`, { active: true }, admin)).status, 200);
  await sessionsOf('fm_cun_fengmao');
});

test('refused changes change nothing and end no session; errors are Chinese and name the field', async () => {
  const id = userId('xj_jiuzhu');
  const s = await sessionsOf('xj_jiuzhu');
  const before = account(id);
  const cases = [
    [{ role: 'boss' }, 422, 'invalid_role', 'role'],
    [{ role: 'village' }, 422, 'invalid_unit', 'unit_id'], // 西集镇 is not a village
    [{ unit_id: 99999 }, 422, 'invalid_unit', 'unit_id'],
    [{ role: 'reviewer' }, 422, 'invalid_department', 'department_id'],
    [{ department_id: 1 }, 422, 'invalid_department', 'department_id'],
    [{ active: 'no' }, 422, 'invalid_type', 'active'],
    [{ unit_id: 'x' }, 422, 'invalid_type', 'unit_id'],
  ];
  for (const [body, status, code, field] of cases) {
    const r = await api(srv.base, 'PUT', `/users/${id}`, body, admin);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(r.body.error.code, code, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(body));
    assert.match(r.body.error.message, /[\u4e00-\u9fff]/);
  }
  for (const [body, code] of [[{ password: 'short' }, 'weak_password'], [{ password: 'xj_jiuzhu' }, 'weak_password'],
    [{}, 'missing_password']]) {
    const r = await api(srv.base, 'POST', `/users/${id}/password`, body, admin);
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, code);
  }
  assert.equal((await api(srv.base, 'PUT', '/users/99999', { active: false }, admin)).status, 404);
  assert.deepEqual(account(id), before);
  assert.equal((await api(srv.base, 'GET', '/me', undefined, s.tok)).status, 200, 'the token lives on');
  assert.equal((await s.b.get('/home')).status, 200, 'the cookie lives on');
  // the admin cannot lock themself out
  const self = userId('admin');
  for (const [body, code] of [[{ active: false }, 'cannot_deactivate_self'], [{ role: 'auditor' }, 'cannot_change_self'],
    [{ unit_id: units['西集镇'] }, 'cannot_change_self']]) {
    const r = await api(srv.base, 'PUT', `/users/${self}`, body, admin);
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, code);
  }
  assert.equal((await api(srv.base, 'GET', '/me', undefined, admin)).body.role, 'admin');
});

test('page: the admin edits role and unit; the old cookie and token stop working; a refusal keeps what was typed', async () => {
  const id = userId('xj_caiwu');
  const s = await sessionsOf('xj_caiwu');
  const a = new Browser(srv.base);
  await a.login('admin');
  const list = await a.get('/admin/users?q=xj_caiwu');
  assert.match(list.text, new RegExp(`href="/admin/users/${id}"`));
  const form = await a.get(`/admin/users/${id}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /编辑用户 <code>xj_caiwu<\/code>/);
  assert.match(form.text, /<option value="finance" selected>财务<\/option>/);
  assert.match(form.text, new RegExp(`<option value="${units['西集镇']}" selected>`));
  assert.match(form.text, /立即失效/);
  // refused: a village officer must belong to a village; the form comes back with the choice kept
  const before = account(id);
  const bad = await a.post(`/admin/users/${id}`, { role: 'village', unit_id: String(units['西集镇']), department_id: '', active: '1' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /村计生专干必须属于一个村/);
  assert.match(bad.text, /<option value="village" selected>/);
  assert.deepEqual(account(id), before);
  assert.equal((await api(srv.base, 'GET', '/me', undefined, s.tok)).status, 200, 'a refusal ends no session');
  // role and unit change together
  const ok = await a.post(`/admin/users/${id}`, { role: 'village', unit_id: String(units['东集村']), department_id: '', active: '1' });
  assert.equal(ok.status, 303);
  assert.equal(account(id).role, 'village');
  assert.equal(account(id).unit_id, units['东集村']);
  await assertEnded(s, 'the role and unit change on the page');
  // back as it was, and the page's password reset ends the sessions too
  assert.equal((await a.post(`/admin/users/${id}`, { role: 'finance', unit_id: String(units['西集镇']), department_id: '', active: '1' })).status, 303);
  const s2 = await sessionsOf('xj_caiwu');
  assert.equal((await a.post(`/admin/users/${id}`, { active: '1', password: 'Caiwu-reset-2026' })).status, 303);
  await assertEnded(s2, 'the password reset on the page');
  await sessionsOf('xj_caiwu', 'Caiwu-reset-2026');
});

test('users change their own password only with the old one, on the page and through the API', async () => {
  const id = userId('xj_xiehui');
  const hash = account(id).password_hash;
  const tok = await token(srv.base, 'xj_xiehui');
  for (const body of [{ new_password: 'Own-new-pass-1' }, { old_password: 'wrong-old-1', new_password: 'Own-new-pass-1' }]) {
    const r = await api(srv.base, 'POST', '/account/password', body, tok);
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'bad_old_password');
  }
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = await b.post('/account/password', { old_password: 'wrong-old-1', new_password: 'Own-new-pass-1' });
  assert.equal(page.status, 401);
  assert.match(page.text, /原密码不正确/);
  assert.equal(account(id).password_hash, hash, 'nothing changed');
  assert.equal((await b.post('/account/password', { old_password: PASSWORD, new_password: 'Own-new-pass-1' })).status, 303);
  assert.equal((await api(srv.base, 'GET', '/me', undefined, tok)).status, 401, 'the other session ended');
  await sessionsOf('xj_xiehui', 'Own-new-pass-1');
});
