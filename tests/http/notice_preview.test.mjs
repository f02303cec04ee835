// Issue 17 item 12: the relief notice form asks for no loan approval period, and publishing shows,
// in its confirmation step, exactly the rows the notice will freeze (names masked as they will be
// published) before anything is published; 返回修改 and the question itself publish nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, makeId, unitIds } from './lib.mjs';

let srv, t, units;
before(async () => {
  srv = await startServer();
  t = { xj_jiuzhu: await token(srv.base, 'xj_jiuzhu'), xj_xiehui2: await token(srv.base, 'xj_xiehui2'),
    xj_xiehui: await token(srv.base, 'xj_xiehui') };
  units = await unitIds(srv.base, t.xj_jiuzhu);
});
after(() => srv.stop());

test('the relief notice\'s confirmation previews the masked rows; only 确认 publishes them', async () => {
  const cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, t.xj_jiuzhu)).body.items
    .map((c) => [c.name, c.id]));
  const hh = await api(srv.base, 'POST', '/households', { village_id: units['石门村'], policy_compliant: true,
    categories: ['hardship'], head: { name: '司马秀英', id_number: makeId('19680519', 51, 'F'), phone: '13905325555' } }, t.xj_xiehui);
  assert.equal(hh.status, 201, JSON.stringify(hh.body));
  const a = await api(srv.base, 'POST', '/relief-applications', { household_id: hh.body.id,
    category_id: cats['春节走访慰问'], amount_fen: 50000, reason: '困难' }, t.xj_jiuzhu);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  await api(srv.base, 'POST', `/relief-applications/${a.body.id}/verify`, {}, t.xj_jiuzhu);
  assert.equal((await api(srv.base, 'POST', `/relief-applications/${a.body.id}/review`, {}, t.xj_xiehui2)).status, 200);
  const b = new Browser(srv.base);
  await b.login('xj_jiuzhu');
  const page = await b.get('/notices');
  const relief = page.text.slice(page.text.indexOf('发布救助公示'), page.text.indexOf('发布贷款公示'));
  assert.ok(relief.length > 0 && !/贷款批准/.test(relief), 'the relief form has no loan approval period');
  assert.match(page.text.slice(page.text.indexOf('发布贷款公示')), /贷款批准自/);
  const count = async () => (await api(srv.base, 'GET', '/notices', undefined, t.xj_jiuzhu)).body.items.length;
  const before = await count();
  const ask = await b.post('/notices', { kind: 'relief', unit_id: String(units['石门村']), days: '7', replaces_id: '' });
  assert.equal(ask.status, 200);
  assert.match(ask.text, /请确认/);
  assert.match(ask.text, /将要公示的内容（与公开页面一致）/);
  const row = ask.text.match(/<td>(司\*+英)<\/td><td>石门村<\/td><td>春节走访慰问<\/td><td class="num">500\.00<\/td>/);
  assert.ok(row, 'the row as it will be published, the name masked');
  assert.match(ask.text, /href="\/notices">取消/);
  assert.ok(!ask.text.includes('司马秀英'), 'the full name is not in the preview');
  assert.equal(await count(), before, 'the preview published nothing');
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${a.body.id}`, undefined, t.xj_jiuzhu)).body.state, 'reviewed');
  const edit = await b.post('/notices', { kind: 'relief', unit_id: String(units['石门村']), days: '7', replaces_id: '', confirm: 'edit' });
  assert.equal(edit.status, 200);
  assert.equal(await count(), before, '返回修改 published nothing');
  const yes = await b.post('/notices', { kind: 'relief', unit_id: String(units['石门村']), days: '7', replaces_id: '', confirm: '1' });
  assert.equal(yes.status, 303);
  const id = Number(yes.location.match(/notices\/(\d+)/)[1]);
  const published = (await api(srv.base, 'GET', `/notices/${id}`)).body;
  const item = published.items.find((i) => i.name === row[1]);
  assert.ok(item, 'the published row is the previewed one');
  assert.equal(item.amount_fen, 50000);
  // Nothing to publish: refused on the form, no question asked.
  const none = await b.post('/notices', { kind: 'relief', unit_id: String(units['石门村']), days: '7', replaces_id: '' });
  assert.equal(none.status, 409);
  assert.match(none.text, /没有待公示的救助申请/);
});
