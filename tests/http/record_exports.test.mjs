// Issue 18, last gaps: a relief fund's ledger is paged (page and API) with the balance after each
// entry that of the whole ledger on every page, while its files hold the whole period; the small
// lists inside record pages (a household's members, a notice's objections) export as CSV, Excel
// and PDF, masked as the page masks them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser, TODAY } from './lib.mjs';
import { readXlsx } from './xlsx.mjs';

let srv, t;

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_caiwu', 'xj_cun_xiji']) t[u] = await token(srv.base, u);
});
after(async () => { await srv.stop(); });

// GET with the bearer token, as bytes.
async function download(path, tok) {
  const res = await fetch(srv.base + '/api/v1' + path, { headers: { Authorization: `Bearer ${tok}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

test('a fund ledger is paged: each page has the whole ledger balances; the files hold every entry', async () => {
  const fund = (await api(srv.base, 'GET', '/funds', undefined, t.xj_caiwu)).body.items[0].id;
  for (const [i, fen] of [[1, 10001], [2, 20002], [3, 30003]]) {
    const inc = await api(srv.base, 'POST', `/funds/${fund}/income`, { source: 'donation', amount_fen: fen, on: TODAY,
      document_no: `PAGE-${i}` }, t.xj_caiwu);
    assert.equal(inc.status, 201, JSON.stringify(inc.body));
  }
  const all = (await api(srv.base, 'GET', `/funds/${fund}/ledger?limit=500`, undefined, t.xj_caiwu)).body;
  assert.ok(all.total >= 3);
  assert.equal(all.entries.length, all.total);
  assert.equal(all.limit, 500);
  assert.equal(all.offset, 0);
  assert.equal(all.entries.at(-1).balance_after_fen, all.balance_fen, 'the last entry leaves the fund balance');
  const page = (await api(srv.base, 'GET', `/funds/${fund}/ledger?limit=2&offset=${all.total - 2}`, undefined, t.xj_caiwu)).body;
  assert.equal(page.total, all.total);
  assert.deepEqual(page.entries, all.entries.slice(-2), 'the same entries with the same balances after them');
  assert.equal(page.entries[1].balance_after_fen - page.entries[0].balance_after_fen, 30003);
  const report = (await api(srv.base, 'GET', `/reports/fund-ledger?fund_id=${fund}&limit=1&offset=0`, undefined, t.xj_caiwu)).body;
  assert.equal(report.entries.length, 1);
  assert.equal(report.total, all.total);

  const csv = (await download(`/reports/fund-ledger?fund_id=${fund}&format=csv&limit=1`, t.xj_caiwu)).bytes.toString('utf8');
  for (const i of [1, 2, 3]) assert.ok(csv.includes(`PAGE-${i}`), `the file holds entry PAGE-${i} whatever the page`);
  assert.equal((await download(`/reports/fund-ledger?fund_id=${fund}&format=doc`, t.xj_caiwu)).status, 422);

  const b = new Browser(srv.base);
  await b.login('xj_caiwu');
  const first = await b.get(`/funds/${fund}?limit=2`);
  assert.equal(first.status, 200);
  assert.match(first.text, new RegExp(`第 1–2 条，共 ${all.total} 条`));
  assert.match(first.text, /rel="next"/);
  const last = await b.get(`/funds/${fund}?limit=2&offset=${all.total - 2}`);
  assert.match(last.text, /PAGE-3/);
  assert.ok(!last.text.includes('PAGE-1') || all.total <= 3, 'the first entries are on an earlier page');
});

test('a household page exports its members, IDs masked unless a full-ID role reveals them (audited)', async () => {
  const list = (await api(srv.base, 'GET', '/households?limit=5', undefined, t.xj_xiehui)).body.items;
  const id = list.find((h) => h.members >= 2)?.id ?? list[0].id;
  const one = (await api(srv.base, 'GET', `/households/${id}`, undefined, t.xj_xiehui)).body;
  const people = [one.head, ...(one.members || [])];
  const x = readXlsx((await download(`/households/${id}?format=xlsx`, t.xj_xiehui)).bytes);
  const names = x.rows.flat().filter(Boolean).map((c) => String(c.value));
  for (const p of people) assert.ok(names.includes(p.name), `member ${p.name} is in the file`);
  const csv = (await download(`/households/${id}?format=csv`, t.xj_xiehui)).bytes.toString('utf8');
  assert.equal(csv.charCodeAt(0), 0xfeff, 'CSV with BOM');
  for (const p of people) assert.ok(!csv.includes(p.id_number), 'no full ID without reveal');
  assert.match(csv, /出生年份/);
  const pdf = await download(`/households/${id}?format=pdf`, t.xj_xiehui);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  const views = `/audit?entity=household&entity_id=${id}&action=view_id_number`;
  const auditBefore = (await api(srv.base, 'GET', views, undefined, t.admin)).body.total;
  assert.equal(typeof auditBefore, 'number');
  const full = (await download(`/households/${id}?format=csv&reveal=1`, t.xj_xiehui)).bytes.toString('utf8');
  assert.ok(full.includes(people[0].id_number), 'a full-ID role revealing gets the full number');
  const auditAfter = (await api(srv.base, 'GET', views, undefined, t.admin)).body.total;
  assert.equal(auditAfter, auditBefore + 1, 'the revealed export is audited');
  const village = (await download(`/households/${id}?format=csv&reveal=1`, t.xj_cun_xiji));
  if (village.status === 200) for (const p of people) assert.ok(!village.bytes.toString('utf8').includes(p.id_number), 'a village officer never gets full IDs');
  assert.equal((await download(`/households/${id}?format=doc`, t.xj_xiehui)).status, 422);

  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = await b.get(`/households/${id}`);
  assert.match(page.text, new RegExp(`href="/households/${id}\\?format=xlsx"`));
  const file = await b.get(`/households/${id}?format=csv`);
  assert.equal(file.status, 200);
  assert.ok(people.every((p) => file.text.includes(p.name)));
});

test('a notice manage page exports its objections; only staff in scope may export them', async () => {
  const notices = (await api(srv.base, 'GET', '/notices', undefined, t.xj_xiehui)).body.items;
  assert.ok(notices.length > 0, 'the demo has notices');
  const n = notices[0];
  const filed = await api(srv.base, 'POST', `/notices/${n.id}/objections`, { text: '申请人收入不实，电话13800138000' });
  const csv = (await download(`/notices/${n.id}?format=csv`, t.xj_xiehui));
  assert.equal(csv.status, 200);
  const text = csv.bytes.toString('utf8');
  assert.match(text, /异议内容/);
  if (filed.status === 201) assert.ok(text.includes('申请人收入不实'), 'the objection filed is in the file');
  const pub = await fetch(`${srv.base}/api/v1/notices/${n.id}?format=csv`);
  assert.equal(pub.status, 403, 'the public reads the notice but exports no objections');
  assert.equal((await fetch(`${srv.base}/api/v1/notices/${n.id}`)).status, 200);
  const x = readXlsx((await download(`/notices/${n.id}?format=xlsx`, t.xj_xiehui)).bytes);
  assert.ok(x.rows.some((r) => r && r.some((c) => c?.value === '异议内容')), 'the Excel file has the objections table');

  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = await b.get(`/notices/${n.id}/manage`);
  assert.match(page.text, new RegExp(`href="/notices/${n.id}/manage\\?format=xlsx"`));
  const pdf = await b.get(`/notices/${n.id}/manage?format=pdf`);
  assert.equal(pdf.status, 200);
  assert.ok(pdf.text.startsWith('%PDF-'));
});
