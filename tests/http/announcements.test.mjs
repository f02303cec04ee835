// Announcements (公告) and what the public sees: draft → publish → on `/` for the chosen township or
// village → withdraw → gone, with every version kept; who may write; the publishing period;
// hostile Markdown (script, javascript: links, deep nesting, 1 MB) giving safe HTML and a PDF that
// still renders; and a scan of every public page, PDF and JSON (announcements and notices) for
// full resident IDs, names and phone numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, unitIds, Browser, TODAY, pdfText, addDays } from './lib.mjs';

let srv, t, units;

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_jiuzhu', 'xj_xinyong', 'xj_cun_xiji', 'xj_jingwei', 'xj_caiwu', 'shenji', 'fm_xiehui']) {
    t[u] = await token(srv.base, u);
  }
  units = await unitIds(srv.base, t.admin);
});
after(async () => { await srv.stop(); });

// The public home page's HTML for a unit (0: all).
const home = (unit = 0) => fetch(`${srv.base}/${unit ? `?unit=${unit}` : ''}`).then((r) => r.text());

test('draft → publish → on the public page → withdraw → gone; every version is kept', async () => {
  const a = await api(srv.base, 'POST', '/announcements', { title: '西集村计生家庭座谈会通知', body_md: '## 时间\n\n12月5日下午两点', unit_id: units['西集村'], publish_from: TODAY }, t.xj_xiehui);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.deepEqual([a.body.state, a.body.version, a.body.unit, a.body.publish_to], ['draft', 1, '西集村', null]);
  const id = a.body.id;
  assert.ok(!(await home()).includes('西集村计生家庭座谈会通知'), 'a draft is not public');
  assert.equal((await fetch(`${srv.base}/a/${id}`)).status, 404);
  assert.equal((await fetch(`${srv.base}/a/${id}.pdf`)).status, 404);

  const v2 = await api(srv.base, 'PUT', `/announcements/${id}`, { body_md: '## 时间\n\n12月5日下午三点\n\n## 地点\n\n村委会', version: 1 }, t.xj_xiehui);
  assert.equal(v2.body.version, 2);
  const same = await api(srv.base, 'PUT', `/announcements/${id}`, { body_md: '## 时间\n\n12月5日下午三点\n\n## 地点\n\n村委会', version: 2 }, t.xj_xiehui);
  assert.equal(same.body.version, 2, 'the same text again adds no version');
  const stale = await api(srv.base, 'PUT', `/announcements/${id}`, { body_md: '旧页面上的修改', version: 1 }, t.xj_xiehui);
  assert.deepEqual([stale.status, stale.body.error.code], [409, 'edit_conflict']);
  assert.match(stale.body.error.message, /第 2 版/);

  const pub = await api(srv.base, 'POST', `/announcements/${id}/publish`, {}, t.xj_xiehui);
  assert.equal(pub.body.state, 'published');
  assert.equal((await api(srv.base, 'POST', `/announcements/${id}/publish`, {}, t.xj_xiehui)).body.error.code, 'invalid_state');
  for (const [unit, shown] of [[0, true], [units['西集村'], true], [units['西集镇'], true], [units['东集村'], false], [units['冯卯村'], false]]) {
    assert.equal((await home(unit)).includes(`href="/a/${id}"`), shown, `unit ${unit}`);
  }
  const published = (await api(srv.base, 'GET', `/announcements/published?unit_id=${units['西集村']}`)).body.items;
  assert.ok(published.some((x) => x.id === id), 'the public JSON lists it');
  const page = await fetch(`${srv.base}/a/${id}`).then((r) => r.text());
  assert.match(page, /<h2>地点<\/h2>/);
  assert.match(page, /下午三点/);
  const text = await pdfText(srv, `/a/${id}.pdf`);
  assert.match(text, /西集村计生家庭座谈会通知/);
  assert.match(text, /下午三点/);
  assert.match(text, /第\s*1\s*页\s*\/\s*共\s*1\s*页/);

  const v1 = await api(srv.base, 'GET', `/announcements/${id}/versions/1`, undefined, t.xj_xiehui);
  assert.equal(v1.body.body_md, '## 时间\n\n12月5日下午两点');
  assert.equal((await api(srv.base, 'GET', `/announcements/${id}/versions/3`, undefined, t.xj_xiehui)).status, 404);

  assert.equal((await api(srv.base, 'POST', `/announcements/${id}/withdraw`, { reason: '' }, t.xj_xiehui)).body.error.field, 'reason');
  const w = await api(srv.base, 'POST', `/announcements/${id}/withdraw`, { reason: '座谈会改期' }, t.xj_xiehui);
  assert.deepEqual([w.body.state, w.body.withdraw_reason], ['withdrawn', '座谈会改期']);
  assert.ok(!(await home()).includes(`href="/a/${id}"`), 'withdrawn: gone from the public page');
  assert.equal((await fetch(`${srv.base}/a/${id}`)).status, 404);
  assert.equal((await api(srv.base, 'PUT', `/announcements/${id}`, { title: '再改' }, t.xj_xiehui)).body.error.code, 'withdrawn');
  const kept = await api(srv.base, 'GET', `/announcements/${id}`, undefined, t.shenji);
  assert.deepEqual(kept.body.versions.map((v) => v.n), [2, 1], 'the versions stay, for the auditor too');
  const audit = (await api(srv.base, 'GET', `/audit?entity=announcement&entity_id=${id}`, undefined, t.admin)).body.items;
  assert.deepEqual(audit.map((x) => x.action).reverse(), ['create', 'edit', 'edit', 'publish', 'withdraw']);
});

test('admin, association and relief staff write announcements, within their units', async () => {
  const body = { title: '测试公告标题', body_md: '正文' };
  assert.equal((await api(srv.base, 'POST', '/announcements', body, t.xj_jiuzhu)).status, 201, 'relief clerk');
  for (const who of ['xj_xinyong', 'xj_cun_xiji', 'xj_jingwei', 'xj_caiwu', 'shenji']) {
    const r = await api(srv.base, 'POST', '/announcements', body, t[who]);
    assert.deepEqual([r.status, r.body.error.code], [403, 'forbidden'], who);
  }
  assert.equal((await api(srv.base, 'GET', '/announcements', undefined, t.shenji)).status, 200, 'the auditor reads');
  const mine = await api(srv.base, 'POST', '/announcements', { ...body, unit_id: units['西集村'] }, t.xj_xiehui);
  const other = await api(srv.base, 'POST', '/announcements', { ...body, unit_id: units['西集村'] }, t.fm_xiehui);
  assert.deepEqual([other.status, other.body.error.code], [403, 'out_of_scope']);
  assert.equal((await api(srv.base, 'GET', `/announcements/${mine.body.id}`, undefined, t.fm_xiehui)).status, 403);
  assert.equal((await api(srv.base, 'PUT', `/announcements/${mine.body.id}`, { title: '邻镇改的' }, t.fm_xiehui)).status, 403);
  assert.equal((await api(srv.base, 'POST', `/announcements/${mine.body.id}/withdraw`, { reason: '邻镇撤的' }, t.fm_xiehui)).status, 403);
  assert.ok(!(await api(srv.base, 'GET', '/announcements', undefined, t.fm_xiehui)).body.items.some((x) => x.id === mine.body.id));
  // district-wide: shown to every township and village
  const all = await api(srv.base, 'POST', '/announcements', { title: '全区公告', body_md: '全区', unit_id: units['山亭区'], publish: true }, t.admin);
  assert.equal(all.body.state, 'published');
  assert.ok((await home(units['冯卯村'])).includes(`href="/a/${all.body.id}"`));
  assert.ok((await home(units['西集村'])).includes(`href="/a/${all.body.id}"`));
  assert.equal((await api(srv.base, 'POST', '/announcements', { ...body, unit_id: units['山亭区'] }, t.xj_xiehui)).status, 403);
  // the pages: forms only for writers, CSRF on every write
  const village = new Browser(srv.base);
  await village.login('xj_cun_xiji');
  assert.equal((await village.get('/announcements/new')).status, 403);
  const staff = new Browser(srv.base);
  await staff.login('xj_xiehui');
  assert.match((await staff.get('/announcements')).text, /写公告/);
  const forged = await staff.post('/announcements', { title: '伪造', body_md: '伪造' }, { csrf: false });
  assert.equal(forged.status, 403);
  const posted = await staff.post('/announcements', { title: '表单发布', body_md: '正文', unit_id: String(units['东集村']), publish_from: TODAY, publish_until: '', action: 'publish', confirm: '1' });
  assert.equal(posted.status, 303);
  assert.match(posted.location, /\/announcements\/\d+\?ok=published$/);
});

test('the publishing period: from its first day to its last', async () => {
  const later = await api(srv.base, 'POST', '/announcements', { title: '下月公告', body_md: '下月见', publish_from: addDays(TODAY, 8), publish: true }, t.xj_xiehui);
  assert.equal(later.body.state, 'published');
  assert.ok(!(await home()).includes(`href="/a/${later.body.id}"`), 'not before its first day');
  assert.equal((await fetch(`${srv.base}/a/${later.body.id}`)).status, 404);
  const moved = await api(srv.base, 'PUT', `/announcements/${later.body.id}`, { publish_from: TODAY, publish_to: addDays(TODAY, 7) }, t.xj_xiehui);
  assert.equal(moved.body.publish_to, addDays(TODAY, 7));
  assert.ok((await home()).includes(`href="/a/${later.body.id}"`));
  const ended = await api(srv.base, 'PUT', `/announcements/${later.body.id}`, { publish_to: addDays(TODAY, -1) }, t.xj_xiehui);
  assert.equal(ended.body.error.field, 'publish_to', 'a published one is withdrawn, not back-dated');
  const before = (await api(srv.base, 'GET', '/announcements', undefined, t.xj_xiehui)).body.total;
  const late = await api(srv.base, 'POST', '/announcements', { title: '过期公告', body_md: '过期', publish_from: addDays(TODAY, -22), publish_to: addDays(TODAY, -13), publish: true }, t.xj_xiehui);
  assert.deepEqual([late.status, late.body.error.code], [422, 'period_over']);
  assert.equal((await api(srv.base, 'GET', '/announcements', undefined, t.xj_xiehui)).body.total, before, 'a refusal stores nothing');
  const inverted = await api(srv.base, 'POST', '/announcements', { title: '倒置', body_md: '倒置', publish_from: '2026-12-10', publish_to: '2026-12-01' }, t.xj_xiehui);
  assert.equal(inverted.body.error.code, 'invalid_period');
  assert.equal((await api(srv.base, 'POST', '/announcements', { title: '日期', body_md: 'x', publish_from: '2026-13-01' }, t.xj_xiehui)).body.error.field, 'publish_from');
  assert.equal((await api(srv.base, 'POST', '/announcements', { title: '', body_md: 'x' }, t.xj_xiehui)).body.error.field, 'title');
  assert.equal((await api(srv.base, 'POST', '/announcements', { title: '无正文', body_md: '' }, t.xj_xiehui)).body.error.field, 'body_md');
});

const HOSTILE = [
  '# 安全测试',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '[甲](javascript:alert(3)) [乙](JAVASCRIPT:alert(4)) [丙](vbscript:msgbox(5)) [丁](data:text/html;base64,PHNjcmlwdD4=)',
  '<a href="javascript:alert(6)">戊</a> <javascript:alert(7)>',
  '![图](javascript:alert(8))',
  '',
  '- '.repeat(3000) + '深层列表',
  '',
  Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n'),
  '',
  '>'.repeat(3000) + ' 深层引用',
  '',
  '**' + '*嵌套*'.repeat(500) + '**',
].join('\n');

// Asserts that HTML carries nothing that would run.
function assertSafe(html, where) {
  assert.ok(!/<script/i.test(html), `${where}: <script`);
  assert.ok(!/javascript:|vbscript:|data:text/i.test(html), `${where}: a dangerous link`);
  assert.ok(!/onerror/i.test(html), `${where}: an event handler`);
}

test('hostile Markdown: safe HTML, a PDF that still renders, and a sensible size limit', async () => {
  assert.ok(HOSTILE.length < 20000);
  const a = await api(srv.base, 'POST', '/announcements', { title: '恶意输入测试', body_md: HOSTILE, publish: true }, t.xj_xiehui);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const page = await fetch(`${srv.base}/a/${a.body.id}`).then((r) => r.text());
  assertSafe(page.replace(/<script src="\/static\/[a-z]+\.js"[^>]*><\/script>/g, ''), 'public page');
  assert.match(page, /深层列表/);
  assert.match(page, /深层引用/);
  const started = Date.now();
  const text = await pdfText(srv, `/a/${a.body.id}.pdf`);
  assert.ok(Date.now() - started < 10000, 'bounded time');
  for (const s of ['安全测试', '深层列表', '第59层', '深层引用', '嵌套']) assert.ok(text.includes(s), `the PDF shows ${s}`);
  assert.ok(!/javascript|vbscript|data:text/i.test(text), 'no dangerous address printed');
  const staff = new Browser(srv.base);
  await staff.login('xj_xiehui');
  const preview = await staff.post('/announcements/preview', { body_md: HOSTILE, fragment: '1' });
  assert.equal(preview.status, 200);
  assertSafe(preview.text, 'live preview');
  assert.match(preview.text, /<h1>安全测试<\/h1>/);
  const full = await staff.post('/announcements/preview', { title: '预览', body_md: HOSTILE });
  const shown = full.text.slice(full.text.indexOf('<div id="preview"'), full.text.indexOf('<script src="/static/announce.js"'));
  assert.match(shown, /深层引用/);
  assertSafe(shown, 'preview page');

  // 1 MB: refused with a clear message (the limit is 20,000 characters; a form field 64 KiB)
  const before = (await api(srv.base, 'GET', '/announcements', undefined, t.xj_xiehui)).body.total;
  // over 20,000 characters: 422 naming the field; 1 MB of JSON is over the 1 MiB JSON limit: 413
  const overLimit = '计生信贷助富项目公告正文。'.repeat(2000);
  const big = await api(srv.base, 'POST', '/announcements', { title: '超长公告', body_md: overLimit }, t.xj_xiehui);
  assert.deepEqual([big.status, big.body.error.code, big.body.error.field], [422, 'body_too_long', 'body_md']);
  assert.match(big.body.error.message, /正文不能超过 20000 字/);
  const mb = '计生信贷助富项目公告正文。'.repeat(80000);
  const huge = await api(srv.base, 'POST', '/announcements', { title: '超长公告', body_md: mb }, t.xj_xiehui);
  assert.deepEqual([huge.status, huge.body.error.code], [413, 'request_too_large']);
  assert.match(huge.body.error.message, /[\u4e00-\u9fff]/, 'a Chinese message');
  const form = await staff.post('/announcements', { title: '超长公告', body_md: 'a'.repeat(1 << 20), action: 'save' });
  assert.equal(form.status, 413);
  assert.match(form.text, /字段过长（上限 64 KB）/);
  assert.equal((await api(srv.base, 'GET', '/announcements', undefined, t.xj_xiehui)).body.total, before, 'nothing stored');

  // the longest allowed body prints over many pages, numbered
  const longest = Array.from({ length: 400 }, (_, i) => `第${i + 1}段：计生信贷助富贷款申请条件、材料和办理时限说明。`).join('\n\n');
  const max = await api(srv.base, 'POST', '/announcements', { title: '最长的公告', body_md: longest.slice(0, 20000) }, t.xj_xiehui);
  assert.equal(max.status, 201, JSON.stringify(max.body));
  const t0 = Date.now();
  const long = await pdfText(srv, `/announcements/${max.body.id}.pdf`, staff);
  const ms = Date.now() - t0;
  const pages = Number(long.match(/共\s*(\d+)\s*页/)[1]);
  assert.ok(pages > 5, `${pages} pages`);
  assert.match(long, new RegExp(`第\\s*${pages}\\s*页\\s*/\\s*共\\s*${pages}\\s*页`));
  assert.match(long, /草稿（未发布）/, 'a draft prints marked as one');
  assert.ok(ms < 10000, `${ms} ms`);
});

// Every full name, resident ID and phone of the demo households (heads and members), from the API as admin.
async function secrets() {
  const out = new Set();
  const villages = (await api(srv.base, 'GET', '/units', undefined, t.admin)).body.items.filter((u) => u.kind === 'village');
  for (const v of villages) {
    const list = (await api(srv.base, 'GET', `/households?village_id=${v.id}&limit=200`, undefined, t.admin)).body.items;
    for (let i = 0; i < list.length; i += 16) {
      const details = await Promise.all(list.slice(i, i + 16).map((h) => api(srv.base, 'GET', `/households/${h.id}`, undefined, t.admin)));
      for (const d of details) {
        for (const m of [d.body.head, ...d.body.members]) {
          if (m.name && m.name.length > 1) out.add(m.name);
          if (m.id_number) out.add(m.id_number);
          if (m.phone) out.add(m.phone);
        }
      }
    }
  }
  return [...out];
}

test('no public page, PDF or JSON shows a full resident ID, name or phone (but the office phone for objections)', async () => {
  const hidden = await secrets();
  assert.ok(hidden.length > 1000, `${hidden.length} secrets`);
  // someone writes a real resident ID and phone into an objection: the public JSON masks them
  const id = hidden.find((s) => /^\d{17}[\dX]$/.test(s)), phone = hidden.find((s) => /^1\d{10}$/.test(s));
  const notices = (await api(srv.base, 'GET', '/notices', undefined, t.xj_jiuzhu)).body.items;
  const current = notices.find((n) => n.kind === 'relief' && n.starts_on <= TODAY && n.ends_on >= TODAY);
  const objection = await api(srv.base, 'POST', `/notices/${current.id}/objections`, { text: `请核实：身份证${id}，电话${phone}` });
  assert.equal(objection.status, 201);
  const pages = new Map();
  pages.set('/', await home());
  for (const u of ['西集镇', '冯卯镇', '西集村', '后林村', '马庄村']) pages.set(`/?unit=${units[u]}`, await home(units[u]));
  const links = new Set();
  for (const html of pages.values()) for (const m of html.matchAll(/href="(\/(?:a|notices)\/\d+)"/g)) links.add(m[1]);
  assert.ok([...links].some((l) => l.startsWith('/a/')) && [...links].some((l) => l.startsWith('/notices/')));
  const offices = new Set();
  for (const link of links) {
    pages.set(link, await fetch(srv.base + link).then((r) => r.text()));
    pages.set(`${link}.pdf`, await pdfText(srv, `${link}.pdf`));
    if (link.startsWith('/notices/')) {
      const json = (await api(srv.base, 'GET', link)).body;
      offices.add(json.phone);
      pages.set(`${link} (JSON)`, JSON.stringify(json));
    }
  }
  pages.set('/api/v1/announcements/published', JSON.stringify((await api(srv.base, 'GET', '/announcements/published')).body));
  assert.ok(pages.size > 15, `${pages.size} pages`);
  for (const [where, text] of pages) {
    assert.ok(!/\d{17}[\dXx]/.test(text), `${where}: a full resident ID`);
    assert.ok(!/(?<!\d)1[3-9]\d{9}(?!\d)/.test(text), `${where}: a mobile number`);
    for (const phone of text.match(/0\d{2,3}-\d{7,8}/g) || []) assert.ok(offices.has(phone), `${where}: phone ${phone} is no office's`);
    for (const s of hidden) assert.ok(!text.includes(s), `${where} shows ${s}`);
  }
});
