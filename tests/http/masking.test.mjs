// The masking rules of public notices (公示脱敏规则): only the admin sets them, within bounds; new
// notices freeze names by them on the page, the PDF and in JSON while published ones stay as they
// were; and objections from the public: the form on the notice page, the contact for staff only,
// resident IDs and phone numbers in the text masked for the public.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, unitIds, Browser, makeId, guaranteedApplication, TODAY, pdfText, addDays } from './lib.mjs';

let srv, t, units;

before(async () => {
  srv = await startServer();
  t = { admin: await token(srv.base, 'admin'), xj_xiehui: await token(srv.base, 'xj_xiehui'), xj_jiuzhu: await token(srv.base, 'xj_jiuzhu') };
  units = await unitIds(srv.base, t.admin);
});
after(async () => { await srv.stop(); });

test('the admin sets the masking rules; new notices use them on the page, the PDF and in JSON', async () => {
  const admin = new Browser(srv.base);
  await admin.login('admin');
  const form = await admin.get('/admin/masking');
  assert.equal(form.status, 200);
  assert.match(form.text, /<td class="mono">张\*明<\/td>/);
  const staff = new Browser(srv.base);
  await staff.login('xj_xiehui');
  assert.equal((await staff.get('/admin/masking')).status, 403);
  const bad = await admin.post('/admin/masking', { name_surname: '1', id_head: '9', id_tail: '4', phone_head: '3', phone_tail: '4', compound_surnames: '欧阳' });
  assert.equal(bad.status, 422);
  const badNames = await admin.post('/admin/masking', { name_surname: '1', id_head: '6', id_tail: '4', phone_head: '3', phone_tail: '4', compound_surnames: '欧阳 王' });
  assert.equal(badNames.status, 422);
  assert.match(badNames.text, /每个复姓2到4个字/);

  const old = (await api(srv.base, 'GET', '/notices', undefined, t.xj_xiehui)).body.items;
  const oldItems = (await api(srv.base, 'GET', `/notices/${old[0].id}`)).body.items;
  const saved = await admin.post('/admin/masking', { name_surname: '1', id_head: '3', id_tail: '2', phone_head: '0', phone_tail: '4', compound_surnames: '欧阳 司马 诸葛' });
  assert.equal(saved.status, 303);
  const now = await admin.get('/admin/masking');
  assert.match(now.text, /<td class="mono">欧阳\*\*<\/td>/, 'surname kept, last character hidden');
  assert.match(now.text, /<td class="mono">370\*{13}9X<\/td>/);

  const { application } = await guaranteedApplication(srv.base, { village_id: units['马庄村'], name: '欧阳春生',
    id_number: makeId('19800607', 33, 'M'), amount_fen: 5000000, project_name: '食用菌种植' });
  assert.ok(application);
  const n = await api(srv.base, 'POST', '/notices', { kind: 'loan', unit_id: units['马庄村'], from: addDays(TODAY, -326), to: addDays(TODAY, 38) }, t.xj_xiehui);
  assert.equal(n.status, 201, JSON.stringify(n.body));
  const item = n.body.items.find((i) => i.label === '食用菌种植');
  assert.equal(item.name, '欧阳**');
  assert.match(await fetch(`${srv.base}/notices/${n.body.id}`).then((r) => r.text()), /欧阳\*\*/);
  assert.match(await pdfText(srv, `/notices/${n.body.id}.pdf`), /欧阳\*\*/);
  assert.deepEqual((await api(srv.base, 'GET', `/notices/${old[0].id}`)).body.items, oldItems, 'published notices stay as they were');
  const audit = (await api(srv.base, 'GET', '/audit?entity=masking_rules', undefined, t.admin)).body.items;
  assert.equal(audit[0].action, 'update');
  // back to docs/domain.md's rules for the test that follows
  assert.equal((await admin.post('/admin/masking', { name_surname: '0', name_last: '1', id_head: '6', id_tail: '4', phone_head: '3', phone_tail: '4', compound_surnames: '欧阳 司马 诸葛' })).status, 303);
});

test('objections from the public: the form on the notice, the staff see the contact, numbers in the text are masked for the public', async () => {
  const list = (await api(srv.base, 'GET', '/notices', undefined, t.xj_jiuzhu)).body.items;
  const current = list.find((n) => n.kind === 'relief' && n.starts_on <= TODAY && n.ends_on >= TODAY);
  assert.ok(current, 'the demo has a relief notice running today');
  const pub = new Browser(srv.base);
  const page = await pub.get(`/notices/${current.id}`);
  assert.match(page.text, /提出异议/);
  const text = '该户户主电话13812345678，身份证37040619850312409X，家中经营超市，不属于困难家庭';
  const filed = await pub.post(`/notices/${current.id}/objections`, { item: '1', text, contact: '13900001111' }, { csrf: false });
  assert.equal(filed.status, 303);
  const open = (await api(srv.base, 'GET', `/notices/${current.id}`)).body.objections.at(-1);
  assert.equal(open.text, '该户户主电话138****5678，身份证370406********409X，家中经营超市，不属于困难家庭');
  assert.equal(open.contact, undefined, 'no contact for the public');
  const staff = (await api(srv.base, 'GET', `/notices/${current.id}`, undefined, t.xj_jiuzhu)).body.objections.at(-1);
  assert.deepEqual([staff.text, staff.contact], [text, '13900001111']);
  const manage = new Browser(srv.base);
  await manage.login('xj_jiuzhu');
  assert.match((await manage.get(`/notices/${current.id}/manage`)).text, /联系方式：13900001111/);
  assert.ok(!(await pub.get(`/notices/${current.id}`)).text.includes('13812345678'), 'the public page lists no objection texts');
});
