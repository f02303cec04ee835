// 限时办结 on every service: relief applications of a new village (测试村, 西集镇) taken in on
// Tue 2026-09-29 are due at 村审核 on 2026-10-12 (5 working days across 国庆, worked by hand
// below); one verified on the 12th is on time (written into the database as of that day, to spare a
// server start), one verified on the 13th late, one left open is late on the 13th. The report counts them by hand, by village and by handler, as JSON and CSV; another
// township sees none of it; the home page lists the late case for its village officer; a loan
// submitted the same day shows its decision due day and its A角 on its page and in its JSON; the
// admin's limit moves the due days.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, makeId, sqlRows, submittedApplication, TODAY } from './lib.mjs';

let srv, village, page;
const tok = {};
const apps = {};

// Serves the same database as of day, with fresh tokens for users (sessions do not outlive the jump).
async function asOf(day, users) {
  await srv.restart({ today: day });
  for (const u of users) tok[u] = await token(srv.base, u);
}

before(async () => {
  srv = await startServer();
  await srv.stopServing(); // the server keeps the database locked
  // A village of its own, so the demo's cases do not enter the figures, and its officer (A角).
  const [xj] = sqlRows(srv.db, "SELECT id, path FROM units WHERE name = '西集镇'");
  sqlRows(srv.db, `INSERT INTO units (name, kind, parent_id, path) VALUES ('测试村', 'village', ${xj.id}, '');
    UPDATE units SET path = '${xj.path}' || id || '/' WHERE name = '测试村';
    INSERT INTO users (username, password_hash, name, role, unit_id) SELECT 'tl_cun', password_hash, '限时专干', 'village',
      (SELECT id FROM units WHERE name = '测试村') FROM users WHERE username = 'xj_cun_xiji';`);
  village = sqlRows(srv.db, "SELECT id FROM units WHERE name = '测试村'")[0].id;
  await asOf('2026-09-29', ['xj_xiehui', 'tl_cun']);
  for (const [k, n] of [['a', 1], ['b', 2], ['c', 3]]) {
    const hh = await api(srv.base, 'POST', '/households', { village_id: village, policy_compliant: true,
      head: { name: `限时户${n}`, id_number: makeId('19800101', 60 + n, 'M'), phone: '13905321111' } }, tok.xj_xiehui);
    assert.equal(hh.status, 201, JSON.stringify(hh.body));
    const a = await api(srv.base, 'POST', '/relief-applications', { household_id: hh.body.id, category_id: 4,
      amount_fen: 100000, reason: '出生缺陷干预' }, tok.tl_cun);
    assert.equal(a.status, 201, JSON.stringify(a.body));
    apps[k] = a.body.id;
  }
  apps.loan = (await submittedApplication(srv.base, { village_id: village, name: '限时贷款户',
    id_number: makeId('19820202', 70, 'F'), amount_fen: 3000000 })).application;
  // 村审核 of a on Mon 12 Oct, as the API writes it that day.
  const step0 = await api(srv.base, 'GET', `/relief-applications/${apps.a}`, undefined, tok.xj_xiehui);
  assert.equal(step0.body.time_limits[0].due_on, '2026-10-12');
  await srv.stopServing();
  sqlRows(srv.db, `UPDATE relief_applications SET state = 'verified', verified_on = '2026-10-12',
    verified_by = (SELECT id FROM users WHERE username = 'tl_cun') WHERE id = ${apps.a}`);
  await asOf('2026-10-13', ['admin', 'xj_xiehui', 'fm_xiehui', 'tl_cun']);
  assert.equal((await api(srv.base, 'POST', `/relief-applications/${apps.b}/verify`, {}, tok.tl_cun)).status, 200);
  page = new Browser(srv.base);
  await page.login('xj_xiehui');
});
after(async () => { await srv.stop(); });

test('each case shows its steps with A角, B角 and the due day skipping 国庆 (page and JSON)', async () => {
  // 村审核, 5 working days after Tue 29 Sep 2026: 30 Sep (1); 1–7 Oct 国庆 off; 8 Oct (2); 9 Oct (3);
  // Sat 10 Oct 调休 worked (4); Sun 11 off; Mon 12 Oct (5) → 2026-10-12. c, still open on the 13th, is late.
  const r = await api(srv.base, 'GET', `/relief-applications/${apps.c}`, undefined, tok.xj_xiehui);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.time_limits, [{ service: 'relief_verify', service_name: '救助村审核', case_id: apps.c,
    unit_id: village, unit: '西集镇测试村', started_on: '2026-09-29', due_on: '2026-10-12', finished_on: null,
    handler: { id: r.body.time_limits[0].handler.id, name: '限时专干' }, backup: null, late: true }]);
  // a: on time, then 镇审核 from 12 Oct due 19 Oct (13–16, 19); b: late.
  const [a, b] = await Promise.all([apps.a, apps.b].map((id) => api(srv.base, 'GET', `/relief-applications/${id}`, undefined, tok.tl_cun)));
  assert.deepEqual(a.body.time_limits.map((s) => [s.service, s.finished_on, s.due_on, s.late]),
    [['relief_verify', '2026-10-12', '2026-10-12', false], ['relief_review', null, '2026-10-19', false]]);
  assert.deepEqual(b.body.time_limits.map((s) => [s.service, s.finished_on, s.late]),
    [['relief_verify', '2026-10-13', true], ['relief_review', null, false]]);
  // The loan's decision, 20 working days: 30 Sep (1), 8 (2), 9 (3), 10 调休 (4), 12–16 Oct (5–9),
  // 19–23 (10–14), 26–30 (15–19), Mon 2 Nov (20) → 2026-11-02; its A角 is who took it in.
  const loan = await api(srv.base, 'GET', `/loan-applications/${apps.loan}`, undefined, tok.xj_xiehui);
  assert.equal(loan.status, 200);
  assert.deepEqual(loan.body.time_limits.map((s) => [s.service, s.due_on, s.late, s.handler.name]),
    [['loan_decision', '2026-11-02', false, loan.body.handler.name]]);
  const shown = await page.get(`/loans/${apps.loan}`);
  assert.match(shown.text, /<h2>办理时限<\/h2>[\s\S]*贷款审批（受理至决定）<\/td><td>2026-09-29<\/td><td>2026-11-02<\/td><td>—<\/td><td>办理中<\/td>/);
  const relief = await page.get(`/relief/${apps.b}`);
  assert.match(relief.text, /救助村审核<\/td><td>2026-09-29<\/td><td>2026-10-12<\/td><td>2026-10-13<\/td><td class="alert">超时办结<\/td><td>限时专干<\/td><td>未指定<\/td>/);
});

test('the report counts on time, late and open late by hand, by village and by handler, as JSON and CSV', async () => {
  // October, judged on 13 Oct: 村审核 handled 2 (a on time, b late); c open and past 12 Oct: open
  // late 1. 镇审核 of a (due 19 Oct) and b: open, not late: no row. The loan: open, not late: no row.
  const q = `/reports/timeliness?from=2026-10-01&to=2026-10-31&unit_id=${village}`;
  const rep = await api(srv.base, 'GET', q, undefined, tok.xj_xiehui);
  assert.equal(rep.status, 200, JSON.stringify(rep.body));
  assert.deepEqual(rep.body.items.map(({ unit_id, service, handled, on_time, late, open_late }) =>
    ({ unit_id, service, handled, on_time, late, open_late })),
  [{ unit_id: village, service: 'relief_verify', handled: 2, on_time: 1, late: 1, open_late: 1 }]);
  const byHandler = await api(srv.base, 'GET', q + '&by=handler', undefined, tok.xj_xiehui);
  assert.deepEqual(byHandler.body.items.map((i) => [i.handler, i.unit_id, i.handled, i.late, i.open_late]),
    [['限时专干', village, 2, 1, 1]]);
  const csv = await page.get(`/reports/timeliness.csv?from=2026-10-01&to=2026-10-31&unit_id=${village}`);
  assert.equal(csv.status, 200);
  assert.match(csv.text, /西集镇测试村,救助村审核,2,1,1,50\.0%,1/);
  assert.match(csv.text, /合计,,2,1,1,50\.0%,1/);
});

test('the late and due-soon lists: in the API and on the home page, only within scope', async () => {
  const late = await api(srv.base, 'GET', '/time-limits/open?late=1', undefined, tok.tl_cun);
  assert.deepEqual(late.body.items.map((i) => [i.case_id, i.service, i.due_on, i.late]), [[apps.c, 'relief_verify', '2026-10-12', true]]);
  // Due soon: from Tue 13 Oct to the third working day after it, Fri 16 Oct: nothing of 测试村.
  const soon = await api(srv.base, 'GET', '/time-limits/open', undefined, tok.tl_cun);
  assert.equal(soon.body.due_to, '2026-10-16');
  assert.deepEqual(soon.body.items, []);
  const home = await page.get('/home');
  assert.match(home.text, new RegExp(`<h3>已超期</h3><table class="list deadlines">[\\s\\S]*href="/relief/${apps.c}"`));
  const other = await api(srv.base, 'GET', '/time-limits/open?late=1&limit=500', undefined, tok.fm_xiehui);
  assert.equal(other.status, 200);
  assert.ok(!other.body.items.some((i) => i.unit_id === village));
});

test('another township sees none of it in the report, and its narrowing to the village is refused', async () => {
  const q = `/reports/timeliness?from=2026-10-01&to=2026-10-31`;
  const other = await api(srv.base, 'GET', q, undefined, tok.fm_xiehui);
  assert.equal(other.status, 200);
  assert.ok(!other.body.items.some((i) => i.unit_id === village));
  assert.equal((await api(srv.base, 'GET', q + `&unit_id=${village}`, undefined, tok.fm_xiehui)).status, 403);
  assert.equal((await api(srv.base, 'GET', `/reports/timeliness?from=2026-10-31&to=2026-10-01`, undefined, tok.xj_xiehui)).status, 422);
});

test('the admin sets a limit (a refusal changes nothing); the due days follow it', async () => {
  assert.equal((await api(srv.base, 'POST', '/time-limits', { service: 'relief_verify', days: 6 }, tok.xj_xiehui)).status, 403);
  assert.equal((await api(srv.base, 'POST', '/time-limits', { service: 'relief_verify', days: 0 }, tok.admin)).status, 422);
  assert.equal((await api(srv.base, 'POST', '/time-limits', { service: 'nothing', days: 3 }, tok.admin)).status, 422);
  assert.equal((await api(srv.base, 'GET', '/time-limits', undefined, tok.admin)).body.items.find((s) => s.service === 'relief_verify').days, 5);
  const set = await api(srv.base, 'POST', '/time-limits', { service: 'relief_verify', days: 6 }, tok.admin);
  assert.equal(set.status, 200);
  assert.equal(set.body.items.find((s) => s.service === 'relief_verify').days, 6);
  // 6 working days after 29 Sep: the 5 above, then Tue 13 Oct → c is due today, no longer late.
  const c = await api(srv.base, 'GET', `/relief-applications/${apps.c}`, undefined, tok.tl_cun);
  assert.equal(c.body.time_limits[0].due_on, '2026-10-13');
  assert.equal(c.body.time_limits[0].late, false);
  const limits = await page.get('/time-limits');
  assert.match(limits.text, /<tr><td>救助村审核<\/td><td class="num">6<\/td><\/tr>/, 'read-only for the association');
});

test('a relief application\'s B角 is named by the township (the handler refused, nothing written) and shown on its steps', async () => {
  const users = (await api(srv.base, 'GET', '/users?limit=500', undefined, tok.admin)).body.items;
  const id = (u) => users.find((x) => x.username === u).id;
  const refused = await api(srv.base, 'POST', `/relief-applications/${apps.c}/backup-handler`, { backup_handler_id: id('tl_cun') }, tok.xj_xiehui);
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error.code, 'invalid_backup_handler');
  assert.equal((await api(srv.base, 'GET', `/relief-applications/${apps.c}`, undefined, tok.tl_cun)).body.time_limits[0].backup, null);
  const named = await api(srv.base, 'POST', `/relief-applications/${apps.c}/backup-handler`, { backup_handler_id: id('xj_jiuzhu') }, tok.xj_xiehui);
  assert.equal(named.status, 200, JSON.stringify(named.body));
  assert.deepEqual(named.body.time_limits[0].backup, { id: id('xj_jiuzhu'), name: users.find((x) => x.username === 'xj_jiuzhu').name });
  const shown = await page.get(`/relief/${apps.c}`);
  assert.match(shown.text, new RegExp(`<td>限时专干</td><td>${users.find((x) => x.username === 'xj_jiuzhu').name}</td>`));
  assert.match(shown.text, /<form method="post" action="\/relief\/\d+\/backup"/);
});

test('the open cases, read through the indexes of open cases only, are those the full pass over every case finds late', async () => {
  // The report passes over every case started by today (timeliness_report); its open_late, judged today, must be
  // the late list's cases service by service, for the district and for a township; the home page says the same.
  // On 13 Oct the demo's later decisions and payments (made on its own day) were still to come, so the list
  // reads every case; on the demo's day nothing is finished later and it reads the open cases alone.
  const later = (day) => sqlRows(srv.db, `SELECT (SELECT count(*) FROM loan_applications WHERE decided_on > '${day}')
    + (SELECT count(*) FROM relief_payments WHERE paid_on > '${day}') AS n`)[0].n;
  assert.ok(later('2026-10-13') > 0);
  await compareOpen('2026-10-13');
  await asOf(TODAY, ['admin', 'xj_xiehui']);
  assert.equal(later(TODAY), 0);
  await compareOpen(TODAY);
});

// Compares the late list with the report's open_late (see the test above) as of day.
async function compareOpen(day) {
  for (const who of ['admin', 'xj_xiehui']) {
    const rep = await api(srv.base, 'GET', `/reports/timeliness?from=${day}&to=${day}&by=township`, undefined, tok[who]);
    assert.equal(rep.status, 200, JSON.stringify(rep.body));
    const counted = {};
    for (const i of rep.body.items) if (i.open_late) counted[i.service] = (counted[i.service] || 0) + i.open_late;
    const late = await api(srv.base, 'GET', '/time-limits/open?late=1&limit=500', undefined, tok[who]);
    const listed = {};
    for (const i of late.body.items) listed[i.service] = (listed[i.service] || 0) + 1;
    assert.equal(late.body.total, late.body.items.length, 'one page holds them all');
    if (day === TODAY) assert.ok(late.body.total > 0, `${who}: the demo and 测试村 have late cases`);
    assert.deepEqual(listed, counted, `${who} on ${day}`);
    if (who === 'admin') {
      const b = new Browser(srv.base);
      await b.login('admin');
      const home = (await b.get('/home')).text;
      const section = home.match(/<h3>已超期<\/h3>([\s\S]*?)<h3>/)[1];
      const rows = (section.match(/<tr><td>/g) || []).length;
      const more = section.match(/共 (\d+) 件/);
      assert.equal(more ? Number(more[1]) : rows, late.body.total, 'the dashboard\'s late cases');
    }
  }
}
