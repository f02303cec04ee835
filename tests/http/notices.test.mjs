// Public notices: a loan notice lists the approved loans of a period, masked; a notice is frozen
// when published and a correction is a new notice that replaces it; no full name, ID or phone
// reaches the public JSON, page or PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { startServer, api, token, makeId, unitIds, guaranteedApplication, addDays, sqlRows, TODAY } from './lib.mjs';

let srv, t, units;

before(async () => {
  srv = await startServer();
  t = { assoc: await token(srv.base, 'xj_xiehui'), clerk: await token(srv.base, 'xj_jiuzhu'), fm: await token(srv.base, 'fm_xiehui') };
  units = await unitIds(srv.base, t.assoc);
});
after(async () => { await srv.stop(); });

// Every full name, resident ID and phone of the township's household heads (from the API as admin).
async function secrets() {
  const admin = await token(srv.base, 'admin');
  const out = [];
  for (const v of ['东湖村', '西集村', '王楼村']) {
    if (!units[v]) continue;
    const r = await api(srv.base, 'GET', `/households?village_id=${units[v]}&limit=200`, undefined, admin);
    for (const h of r.body.items) {
      const d = (await api(srv.base, 'GET', `/households/${h.id}`, undefined, admin)).body;
      if (d.head.name.length > 1) out.push(d.head.name);
      out.push(d.head.id_number, d.head.phone);
    }
  }
  return out.filter(Boolean);
}

test('a loan notice: the approved loans of the period, masked, with the project and term', async () => {
  const { application } = await guaranteedApplication(srv.base, { village_id: units['王楼村'], name: '欧阳建国',
    id_number: makeId('19790505', 71, 'M'), amount_fen: 8000000, project_name: '肉牛养殖' });
  assert.ok(application);
  const n = await api(srv.base, 'POST', '/notices', { kind: 'loan', unit_id: units['王楼村'], from: addDays(TODAY, -326), to: addDays(TODAY, 38) }, t.assoc);
  assert.equal(n.status, 201, JSON.stringify(n.body));
  const item = n.body.items.find((i) => i.label === '肉牛养殖');
  assert.deepEqual([item.name, item.village, item.amount_fen, item.term_months], ['欧**国', '王楼村', 8000000, 12]);
  assert.equal((await api(srv.base, 'POST', '/notices', { kind: 'loan', unit_id: units['王楼村'], from: addDays(TODAY, 38), to: addDays(TODAY, -326) }, t.assoc)).body.error.field, 'from');
  assert.equal((await api(srv.base, 'POST', '/notices', { kind: 'loan', unit_id: units['王楼村'], from: addDays(TODAY, -326), to: addDays(TODAY, 38) }, t.fm)).status, 403, 'another township');
  assert.equal((await api(srv.base, 'POST', '/notices', { kind: 'loan', unit_id: units['王楼村'], from: '2020-01-01', to: '2020-12-31' }, t.assoc)).body.error.code, 'nothing_to_notice');
});

test('a notice is frozen; a correction replaces it and the old one says so', async () => {
  const first = await api(srv.base, 'POST', '/notices', { kind: 'loan', unit_id: units['王楼村'], from: addDays(TODAY, -326), to: addDays(TODAY, 38) }, t.assoc);
  const again = await api(srv.base, 'GET', `/notices/${first.body.id}`);
  assert.deepEqual(again.body.items, first.body.items);
  const fix = await api(srv.base, 'POST', '/notices', { kind: 'loan', unit_id: units['王楼村'], from: addDays(TODAY, -175), to: addDays(TODAY, 38), replaces_id: first.body.id }, t.assoc);
  assert.equal(fix.status, 201, JSON.stringify(fix.body));
  assert.equal(fix.body.replaces_id, first.body.id);
  const old = await api(srv.base, 'GET', `/notices/${first.body.id}`);
  assert.equal(old.body.replaced_by, fix.body.id);
  assert.deepEqual(old.body.items, first.body.items, 'what was shown is what is kept');
  const twice = await api(srv.base, 'POST', '/notices', { kind: 'loan', unit_id: units['王楼村'], from: addDays(TODAY, -326), to: addDays(TODAY, 38), replaces_id: first.body.id }, t.assoc);
  assert.equal(twice.body.error.code, 'cannot_replace');
  const page = await fetch(`${srv.base}/notices/${first.body.id}`).then((r) => r.text());
  assert.match(page, new RegExp(`已被<a href="/notices/${fix.body.id}">第 ${fix.body.id} 号公示</a>更正`));
});

test('the public JSON, page and PDF of every notice carry no full name, resident ID or phone', async () => {
  const list = (await api(srv.base, 'GET', '/notices', undefined, t.assoc)).body.items;
  assert.ok(list.length >= 3);
  const hidden = await secrets();
  assert.ok(hidden.length > 20);
  for (const n of list) {
    const json = JSON.stringify((await api(srv.base, 'GET', `/notices/${n.id}`)).body);
    const html = await fetch(`${srv.base}/notices/${n.id}`).then((r) => r.text());
    const pdf = Buffer.from(await fetch(`${srv.base}/notices/${n.id}.pdf`).then((r) => r.arrayBuffer()));
    writeFileSync(`${srv.dir}/n.pdf`, pdf);
    const text = spawnSync('pdftotext', ['-q', `${srv.dir}/n.pdf`, '-'], { encoding: 'utf8' }).stdout;
    assert.ok(text.length > 50, 'the PDF has text');
    for (const s of hidden) {
      assert.ok(!json.includes(s), `notice ${n.id} JSON shows ${s}`);
      assert.ok(!html.includes(s), `notice ${n.id} page shows ${s}`);
      assert.ok(!text.includes(s), `notice ${n.id} PDF shows ${s}`);
    }
    assert.ok(!/\b1[3-9]\d{9}\b/.test(html + text), 'no mobile number');
  }
});

test('more than 50 notices: the newest 50 are listed and the total says how many there are (JSON and export)', async () => {
  const before = (await api(srv.base, 'GET', '/notices', undefined, t.assoc)).body.total;
  sqlRows(srv.db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 55)
    INSERT INTO notices (kind, unit_id, title, starts_on, ends_on) SELECT 'loan', ${units['王楼村']}, '测试公示' || i, '${TODAY}', '${addDays(TODAY, 10)}' FROM n`);
  const list = await api(srv.base, 'GET', '/notices', undefined, t.assoc);
  assert.equal(list.body.total, before + 55);
  assert.equal(list.body.items.length, 50);
  assert.equal(list.body.items[0].title, '测试公示55', 'newest first');
  const csv = await (await fetch(`${srv.base}/api/v1/notices?format=csv`, { headers: { Authorization: `Bearer ${t.assoc}` } })).text();
  const lines = csv.slice(1).trim().split('\r\n');
  assert.equal(lines.length, 1 + 50 + 2, 'the head, 50 notices, a blank line and the note');
  assert.equal(lines.at(-1), `只列出最新的 50 份公示（共 ${before + 55} 份）。`);
});
