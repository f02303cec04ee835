// Complaints and suggestions (投诉/意见): filed from the public page (no login, rate-limited, the
// contact read back masked) and by staff for a caller; the due day is the admin's number of working
// days by the holiday calendar (the 2026 国庆 holiday skipped, worked by hand below); assigned to an
// A角 and B角; resolved with the satisfaction; one resolved after its due day counts as late.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, unitIds, TODAY } from './lib.mjs';

let srv, units;
const tok = {};

before(async () => {
  srv = await startServer();
  for (const u of ['admin', 'xj_xiehui', 'xj_xiehui2', 'xj_cun_xiji', 'xj_cun_dongji', 'xj_pingshen']) tok[u] = await token(srv.base, u);
  units = await unitIds(srv.base, tok.admin);
});
after(async () => { await srv.stop(); });

// Serves the same database as of day (tokens survive: sessions are in the database).
async function asOf(day) {
  await srv.restart({ today: day });
}

test('the time limit skips the 国庆 holiday: filed on 2026-09-29 from the public page, due 2026-10-12; resolved on 2026-10-13 it is late', async () => {
  await asOf('2026-09-29');
  // By hand, 5 working days after Tuesday 29 September 2026 (the shipped 2026 calendar):
  // 30 Sep Wed (1); 1–7 Oct 国庆 off; 8 Oct Thu (2); 9 Oct Fri (3); 10 Oct Sat 调休 worked (4);
  // 11 Oct Sun off; 12 Oct Mon (5). Weekends alone would give 6 October.
  const b = new Browser(srv.base);
  const form = await b.get('/complaint');
  assert.equal(form.status, 200);
  assert.match(form.text, /5 个工作日内办理/);
  const sent = await b.post('/complaint', { category: 'complaint', village_id: String(units['西集村']),
    text: '村里的贷款公示没有按时张贴，请核实。', contact: '13905387777' }, { csrf: false });
  assert.equal(sent.status, 200, sent.text.slice(0, 300));
  assert.match(sent.text, /2026年10月12日 前/);
  assert.match(sent.text, /139\*\*\*\*7777/, 'the contact read back masked');
  assert.doesNotMatch(sent.text, /13905387777/);
  const id = Number(sent.text.match(/受理编号：<strong>(\d+)<\/strong>/)[1]);
  const viaApi = await api(srv.base, 'POST', '/complaints', { text: '希望增加养殖技术培训的次数。', contact: '王先生 13905388888',
    category: '意见建议' });
  assert.equal(viaApi.status, 201);
  assert.equal(viaApi.body.due_on, '2026-10-12');

  const seen = await api(srv.base, 'GET', `/complaints/${id}`, undefined, tok.xj_cun_xiji);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.source, 'public');
  assert.equal(seen.body.contact, '13905387777', 'staff read the contact whole');
  assert.equal(seen.body.due_on, '2026-10-12');
  assert.equal(seen.body.late, false);
  assert.equal((await api(srv.base, 'GET', `/complaints/${id}`, undefined, tok.xj_cun_dongji)).status, 403);

  await asOf('2026-10-13');
  const open = await api(srv.base, 'GET', '/complaints?state=late', undefined, tok.xj_xiehui);
  assert.ok(open.body.items.some((c) => c.id === id && c.state === 'open'), 'open after its due day: late');
  const done = await api(srv.base, 'POST', `/complaints/${id}/resolve`, { resolution: '已督促村里补贴公示', satisfaction: '基本满意' }, tok.xj_cun_xiji);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.resolved_on, '2026-10-13');
  assert.equal(done.body.late, true);
  assert.equal(done.body.satisfaction, '基本满意');
  assert.equal(done.body.handler, '张春梅', 'the resolver becomes the handler when none was named');
  const late = await api(srv.base, 'GET', '/complaints?state=late', undefined, tok.xj_xiehui);
  assert.ok(late.body.items.some((c) => c.id === id && c.state === 'resolved' && c.late));
  const again = await api(srv.base, 'POST', `/complaints/${id}/resolve`, { resolution: '再次办结' }, tok.xj_cun_xiji);
  assert.equal(again.status, 409);

  await asOf('2026-10-12');
  // no village named: the district's to handle, out of the township's sight
  assert.equal((await api(srv.base, 'GET', `/complaints/${viaApi.body.id}`, undefined, tok.xj_xiehui)).status, 403);
  const onTime = await api(srv.base, 'POST', `/complaints/${viaApi.body.id}/resolve`, { resolution: '已列入明年培训计划', satisfaction: '满意' }, tok.admin);
  assert.equal(onTime.status, 200);
  assert.equal(onTime.body.late, false, 'resolved on its due day: on time');
  await asOf(TODAY);
});

test('the admin sets the limit; staff file for a caller with the limit in force, assign A角 and B角; refusals change nothing', async () => {
  const set = await api(srv.base, 'POST', '/time-limits', { service: 'complaint', days: 3 }, tok.admin);
  assert.equal(set.status, 200);
  assert.equal(set.body.items.find((x) => x.service === 'complaint').days, 3);
  assert.equal((await api(srv.base, 'POST', '/time-limits', { service: 'complaint', days: 0 }, tok.admin)).status, 422);
  assert.equal((await api(srv.base, 'POST', '/time-limits', { service: 'complaint', days: 9 }, tok.xj_xiehui)).status, 403);
  const cal = (await api(srv.base, 'GET', `/holidays?year=${TODAY.slice(0, 4)}`, undefined, tok.admin)).body.items;
  const { addWorkdays } = await import('./lib.mjs');
  const staff = await api(srv.base, 'POST', '/complaints', { text: '电话反映：救助款还没有收到。', contact: '李大爷', village_id: units['西集村'] }, tok.xj_cun_xiji);
  assert.equal(staff.status, 201);
  assert.equal(staff.body.due_on, addWorkdays(TODAY, 3, cal));
  const c = await api(srv.base, 'GET', `/complaints/${staff.body.id}`, undefined, tok.xj_cun_xiji);
  assert.equal(c.body.source, 'staff');
  assert.equal(c.body.handler, '张春梅', 'the staff who takes it in is its first handler (首接负责)');
  const users = (await api(srv.base, 'GET', '/users?limit=100', undefined, tok.admin)).body.items;
  const id = (name) => users.find((u) => u.username === name).id;
  const same = await api(srv.base, 'POST', `/complaints/${staff.body.id}/assign`, { handler_id: id('xj_xiehui'), backup_id: id('xj_xiehui') }, tok.xj_xiehui);
  assert.equal(same.status, 422);
  const other = await api(srv.base, 'POST', `/complaints/${staff.body.id}/assign`, { handler_id: id('xj_cun_dongji') }, tok.xj_xiehui);
  assert.equal(other.status, 422, 'an officer of another village cannot handle it');
  const ok = await api(srv.base, 'POST', `/complaints/${staff.body.id}/assign`, { handler_id: id('xj_xiehui'), backup_id: id('xj_xiehui2') }, tok.xj_xiehui);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.handler, '孙丽华');
  assert.equal(ok.body.backup, '马建国');
  const bad = [
    [{ text: '短', contact: '1' }, 'text'],
    [{ text: '没有联系方式的投诉内容', contact: '' }, 'contact'],
    [{ text: '村不对的投诉内容', contact: '1', village_id: units['西集镇'] }, 'village_id'],
    [{ text: '类别不对的投诉内容', contact: '1', category: '表扬' }, 'category'],
  ];
  const before1 = (await api(srv.base, 'GET', '/complaints?limit=500', undefined, tok.admin)).body.total;
  for (const [body, field] of bad) {
    const r = await api(srv.base, 'POST', '/complaints', body);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.error.field, field);
  }
  assert.equal((await api(srv.base, 'POST', `/complaints/${staff.body.id}/resolve`, { resolution: '已处理', satisfaction: '还行' }, tok.xj_xiehui)).body.error.field, 'satisfaction');
  assert.equal((await api(srv.base, 'GET', '/complaints?limit=500', undefined, tok.admin)).body.total, before1);
  assert.equal((await api(srv.base, 'GET', '/complaints', undefined, tok.xj_pingshen)).status, 403);
  await api(srv.base, 'POST', '/time-limits', { service: 'complaint', days: 5 }, tok.admin);
});

test('the public form is rate-limited per client: the sixth in an hour is refused, nothing written', async () => {
  const before1 = (await api(srv.base, 'GET', '/complaints?limit=500', undefined, tok.admin)).body.total;
  let refused = null;
  for (let i = 0; i < 8 && !refused; i++) {
    const r = await api(srv.base, 'POST', '/complaints', { text: `第${i}条测试意见内容`, contact: '13900000000' });
    if (r.status === 429) refused = r;
    else assert.equal(r.status, 201);
  }
  assert.ok(refused, 'refused within eight');
  assert.equal(refused.body.error.code, 'too_many_complaints');
  const after1 = (await api(srv.base, 'GET', '/complaints?limit=500', undefined, tok.admin)).body.total;
  assert.ok(after1 - before1 <= 5);
});

test('staff pages: the list with due day, handler and late mark; the page resolves with the form kept after a refusal', async () => {
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const bad = await b.post('/complaints', { category: 'inquiry', text: '咨', contact: '张女士' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /请填写反映的内容/);
  const ok = await b.post('/complaints', { category: 'inquiry', village_id: String(units['东集村']),
    text: '咨询贷款贴息怎么申请。', contact: '张女士 13905381111' });
  assert.equal(ok.status, 303);
  const page = await b.get(ok.location);
  assert.match(page.text, /咨询 第 \d+ 号/);
  assert.match(page.text, /13905381111/, 'staff read the contact whole');
  const action = ok.location.replace(/\?.*/, '') + '/resolve';
  const refused = await b.post(action, { resolution: '好', satisfaction: '还行' });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /value="好"/);
  const done = await b.post(action, { resolution: '已电话告知贴息申报办法', satisfaction: '满意' });
  assert.equal(done.status, 303);
  assert.match((await b.get(done.location)).text, /已办结[\s\S]*已电话告知贴息申报办法[\s\S]*满意/);
  const list = await b.get('/complaints?state=late');
  assert.match(list.text, /超时/);
  assert.match(list.text, /村里的贷款公示没有按时张贴/);
});
