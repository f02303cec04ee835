// Relief through the browser pages (cookie session + CSRF): the dashboard's relief tiles match the
// API, a refused application shows why and saves nothing, a write without CSRF is refused, text
// is escaped, the batch preview explains exclusions, and the public objects to a notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, makeId, unitIds, Browser, TODAY } from './lib.mjs';

let srv, tok, units, clerk, cats;

before(async () => {
  srv = await startServer();
  tok = await token(srv.base, 'xj_jiuzhu');
  units = await unitIds(srv.base, tok);
  cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, tok)).body.items.map((c) => [c.name, c.id]));
  clerk = new Browser(srv.base);
  await clerk.login('xj_jiuzhu');
});
after(async () => { await srv.stop(); });

// The figure of a dashboard tile by its label.
function tileFigure(html, label) {
  const m = html.match(new RegExp(`<span class="figure">(\\d+)</span><span>${label}</span>`));
  return m ? Number(m[1]) : null;
}

test('the dashboard shows the relief waiting, matching the API', async () => {
  const home = await clerk.get('/home');
  assert.equal(home.status, 200);
  for (const [label, state] of [['待村审核', 'applied'], ['待镇审核', 'verified'], ['待发放', 'approved']]) {
    const n = (await api(srv.base, 'GET', `/relief-applications?state=${state}&limit=1`, undefined, tok)).body.total;
    assert.equal(tileFigure(home.text, label), n, label);
  }
  assert.equal(tileFigure(home.text, '未处理的公示异议'), 0);
});

test('a refused application shows the reason and saves nothing; a saved one escapes its text', async () => {
  const hh = await api(srv.base, 'POST', '/households', { village_id: units['北庄村'], policy_compliant: true,
    categories: ['model'], head: { name: '华德明', id_number: makeId('19700115', 61, 'M'), phone: '13905320001' } },
  await token(srv.base, 'xj_xiehui'));
  const before = (await api(srv.base, 'GET', `/relief-applications?household_id=${hh.body.id}`, undefined, tok)).body.total;
  await clerk.get(`/relief/new?household_id=${hh.body.id}`);
  const refused = await clerk.post('/relief', { household_id: hh.body.id, category_id: cats['双千帮扶'], amount: '1000', reason: 'x' });
  assert.equal(refused.status, 409);
  assert.match(refused.text, /该户不符合此救助类别的条件：须为计生困难家庭/);
  assert.equal((await api(srv.base, 'GET', `/relief-applications?household_id=${hh.body.id}`, undefined, tok)).body.total, before);
  const bad = await clerk.post('/relief', { household_id: hh.body.id, category_id: cats['出生缺陷干预'], amount: '1,0', reason: 'x' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /金额格式不正确/);
  const ok = await clerk.post('/relief', { household_id: hh.body.id, category_id: cats['出生缺陷干预'], amount: '800',
    reason: '<script>alert(1)</script>先心病' });
  assert.equal(ok.status, 303);
  const page = await clerk.get(ok.location);
  assert.ok(!page.text.includes('<script>alert(1)</script>'));
  assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;先心病/);
  assert.match(page.text, /人民币捌佰元整/);
  // Without the CSRF token the verification is refused and nothing moves.
  const noCsrf = await clerk.post(`${ok.location.replace(/\?.*/, '')}/verify`, {}, { csrf: false });
  assert.equal(noCsrf.status, 403);
  const id = ok.location.match(/relief\/(\d+)/)[1];
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${id}`, undefined, tok)).body.state, 'applied');
  const verified = await clerk.post(`/relief/${id}/verify`, {});
  assert.equal(verified.status, 303);
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${id}`, undefined, tok)).body.state, 'verified');
});

test('the batch preview names who is excluded and why', async () => {
  const pre = await clerk.get(`/relief/batches/new?category_id=${cats['春节走访慰问']}&village_id=0`);
  assert.equal(pre.status, 200);
  assert.match(pre.text, /未纳入的家庭及原因/);
  assert.match(pre.text, /本年度已享受（或已申请）此类救助/, 'the demo Spring Festival batch already paid them');
});

test('the public objects to a notice item from the notice page, without logging in', async () => {
  const list = (await api(srv.base, 'GET', '/notices', undefined, tok)).body.items;
  const current = list.find((n) => n.kind === 'relief' && n.ends_on >= TODAY && n.starts_on <= TODAY);
  assert.ok(current, 'the demo has a relief notice running today');
  const pub = new Browser(srv.base);
  const page = await pub.get(`/notices/${current.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /提出异议/);
  assert.ok(!/370406\d{8}/.test(page.text), 'no resident ID on the public page');
  const short = await pub.post(`/notices/${current.id}/objections`, { item: '1', text: '短', contact: '' }, { csrf: false });
  assert.equal(short.status, 422);
  const filed = await pub.post(`/notices/${current.id}/objections`, { item: '1', text: '该户常年在外打工，收入不低', contact: '村民' }, { csrf: false });
  assert.equal(filed.status, 303);
  assert.match((await pub.get(filed.location)).text, /异议已提交/);
  const home = await clerk.get('/home');
  assert.equal(tileFigure(home.text, '未处理的公示异议'), 1);
  const manage = await clerk.get(`/notices/${current.id}/manage`);
  assert.match(manage.text, /该户常年在外打工，收入不低/);
  assert.match(manage.text, /联系方式：村民/);
});

test('the admin defines a relief category through the page: a refusal keeps the input with the reason by the field; the category is a programme', async () => {
  const admin = new Browser(srv.base);
  await admin.login('admin');
  const atok = await token(srv.base, 'admin');
  const page = await admin.get('/admin/relief-categories');
  assert.equal(page.status, 200);
  assert.match(page.text, /新增救助类别/);
  const fund = (await api(srv.base, 'GET', '/funds', undefined, atok)).body.items[0].id;
  const form = { name: '助学帮扶（页面）', amount_kind: 'case', min: '500', max: '2000.50', effective_from: '2020-01-01',
    fund_id: fund, eligible: ['hardship', 'special_lost'], per_year: '1', batch: '1' };
  const count = () => api(srv.base, 'GET', '/relief-categories', undefined, atok).then((x) => x.body.total);
  const n0 = await count();
  // no amount kind chosen (no default), a bad upper bound, and no category: each refused next to its field, input kept
  // (the error sits right after the field's input or, for the categories, after the last checkbox)
  for (const [bad, before, message] of [
    [{ amount_kind: '' }, '</select>', '请选择发放方式'],
    [{ max: '两千' }, 'name="max" inputmode="decimal" value="两千">', '按实际核定的类别请填写上限'],
    [{ eligible: [] }, '</label>', '请至少选择一个可享受的家庭类别'],
  ]) {
    const r = await admin.post('/admin/relief-categories', { ...form, ...bad });
    assert.equal(r.status, 422, message);
    assert.ok(r.text.includes(`${before}<small class="field-error" role="alert">${message}`), message);
    assert.match(r.text, /<details class="card" open>/);
    assert.match(r.text, /value="助学帮扶（页面）"/, 'the name typed is kept');
    assert.equal(await count(), n0, 'nothing saved');
  }
  const noCsrf = await admin.post('/admin/relief-categories', form, { csrf: false });
  assert.equal(noCsrf.status, 403);
  const ok = await admin.post('/admin/relief-categories', form);
  assert.equal(ok.status, 303);
  const cat = (await api(srv.base, 'GET', '/relief-categories', undefined, atok)).body.items.find((c) => c.name === '助学帮扶（页面）');
  assert.deepEqual([cat.min_fen, cat.max_fen, cat.per_year, cat.batch, cat.eligible], [50000, 200050, 1, true, ['special_lost', 'hardship']]);
  const prog = (await api(srv.base, 'GET', `/programmes/${cat.programme_id}`, undefined, atok)).body;
  assert.deepEqual([prog.name, prog.period, prog.beneficiary, prog.fund_id], ['助学帮扶（页面）', 'once', 'household', fund]);
  assert.equal((await admin.post('/admin/relief-categories', form)).status, 409, 'the same name twice');
});
