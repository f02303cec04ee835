// Training courses (技术培训) with attendance by household member, and the counts by village over a
// period: a course with three attendees from two villages, a member of another household refused,
// a member listed twice refused, a household out of scope refused, nothing written by a refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, unitIds, TODAY, addDays } from './lib.mjs';

let srv, units, assoc, xiji;

before(async () => {
  srv = await startServer();
  assoc = await token(srv.base, 'xj_xiehui');
  xiji = await token(srv.base, 'xj_cun_xiji');
  units = await unitIds(srv.base, await token(srv.base, 'admin'));
});
after(async () => { await srv.stop(); });

// A household of a village with its members (ids), as the association reads it.
async function household(village, n = 0) {
  const list = await api(srv.base, 'GET', `/households?village_id=${units[village]}&limit=${n + 1}`, undefined, assoc);
  const h = await api(srv.base, 'GET', `/households/${list.body.items[n].id}`, undefined, assoc);
  return { id: h.body.id, members: h.body.members.map((m) => m.id) };
}

test('a course with attendance by member; the counts by village over a period; refusals write nothing', async () => {
  const a = await household('西集村', 0), b = await household('东集村', 0), c = await household('西集村', 1);
  const on = addDays(TODAY, -10);
  const body = { title: '大棚蔬菜种植技术', on, unit_id: units['西集镇'], place: '镇农技站', trainer: '农技员刘强',
    attendees: [{ household_id: a.id, member_id: a.members[0] }, { household_id: a.id, member_id: a.members[1] },
      { household_id: b.id }] };
  // the demo's courses are there already: every count below is what this test adds to them
  const counts = async (q = '') => Object.fromEntries((await api(srv.base, 'GET', `/trainings/villages${q}`, undefined, assoc))
    .body.items.map((v) => [v.village, [v.trainings, v.attendances, v.households]]));
  const was = await counts(), wasRecent = await counts(`?from=${addDays(TODAY, -20)}&to=${TODAY}`);
  const total0 = (await api(srv.base, 'GET', '/trainings', undefined, assoc)).body.total;
  const dong = await token(srv.base, 'xj_cun_dongji');
  const dong0 = (await api(srv.base, 'GET', '/trainings', undefined, dong)).body.total;
  const refused = [
    [{ attendees: [{ household_id: a.id, member_id: c.members[0] }] }, 'attendees[0]', 'invalid_member'],
    [{ attendees: [{ household_id: a.id }, { household_id: a.id }] }, 'attendees[1]', 'duplicate_attendee'],
    [{ on: addDays(TODAY, 1) }, 'on', 'invalid_date'],
    [{ title: '' }, 'title', 'invalid_title'],
  ];
  for (const [patch, field, code] of refused) {
    const r = await api(srv.base, 'POST', '/trainings', { ...body, ...patch }, assoc);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.error.field, field);
    assert.equal(r.body.error.code, code);
  }
  const out = await api(srv.base, 'POST', '/trainings', { ...body, unit_id: units['西集村'], attendees: [{ household_id: b.id }] }, xiji);
  assert.equal(out.status, 403, 'a village officer cannot list another village’s household');
  assert.equal((await api(srv.base, 'GET', '/trainings', undefined, assoc)).body.total, total0, 'nothing written');

  const t = await api(srv.base, 'POST', '/trainings', body, assoc);
  assert.equal(t.status, 201, JSON.stringify(t.body));
  assert.equal(t.body.attendances, 3);
  assert.equal(t.body.households, 2);
  assert.equal(t.body.unit, '西集镇');
  const t2 = await api(srv.base, 'POST', '/trainings', { ...body, title: '电商培训', on: addDays(TODAY, -40),
    attendees: [{ household_id: a.id, member_id: a.members[0] }] }, assoc);
  assert.equal(t2.status, 201);

  // 西集村: two more courses, three more attendances (two members, then one); 东集村: one course, one attendance.
  // Households reached rise by one in 西集村 only if household a had attended nothing before.
  const now = await counts(), nowRecent = await counts(`?from=${addDays(TODAY, -20)}&to=${TODAY}`);
  const zero = [0, 0, 0];
  const delta = (x, y) => x.map((v, i) => v - y[i]);
  assert.deepEqual(delta(now['西集村'], was['西集村'] || zero).slice(0, 2), [2, 3]);
  assert.deepEqual(delta(now['东集村'], was['东集村'] || zero).slice(0, 2), [1, 1]);
  assert.deepEqual(delta(nowRecent['西集村'], wasRecent['西集村'] || zero).slice(0, 2), [1, 2], 'the period leaves the older course out');
  const attended = await api(srv.base, 'GET', `/trainings?household_id=${b.id}`, undefined, assoc);
  assert.deepEqual(attended.body.items.map((x) => x.title), ['大棚蔬菜种植技术']);
  // the 东集村 officer sees the township's course their household attended, and only their village's counts
  assert.equal((await api(srv.base, 'GET', '/trainings', undefined, dong)).body.total, dong0 + 1);
  assert.deepEqual((await api(srv.base, 'GET', '/trainings/villages', undefined, dong)).body.items.map((v) => v.village), ['东集村']);

  const br = new Browser(srv.base);
  await br.login('xj_xiehui');
  const page = await br.get('/trainings');
  assert.equal(page.status, 200);
  assert.match(page.text, /大棚蔬菜种植技术<\/td><td>西集镇<\/td><td>镇农技站<\/td><td>农技员刘强<\/td><td class="num">3<\/td><td class="num">2/);
  const [tr, at, hh] = now['西集村'];
  assert.match(page.text, new RegExp(`西集村</td><td class="num">${tr}</td><td class="num">${at}</td><td class="num">${hh}<`));
});
