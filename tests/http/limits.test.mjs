// Limits: request bodies (with and without Content-Length), JSON size and nesting, form fields
// and their number, uploads, query strings, page sizes and oversized headers. Each is refused
// with a clear 413/422 (the Chinese JSON error for the API, an error page for the browser) and
// changes nothing; the server keeps answering afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer, api, token, Browser, unitIds } from './lib.mjs';

let srv, assoc, auditor, browser, units;

before(async () => {
  srv = await startServer();
  [assoc, auditor] = await Promise.all(['xj_xiehui', 'shenji'].map((u) => token(srv.base, u)));
  units = await unitIds(srv.base, assoc);
  browser = new Browser(srv.base);
  await browser.login('xj_xiehui');
});
after(async () => { await srv.stop(); });

const auditCount = async () => (await api(srv.base, 'GET', '/audit?limit=1', undefined, auditor)).body.total;

// Sends a raw request (so the body can be chunked or the headers huge); resolves to
// { status, text, headers }. Errors on the socket (the server closing it) resolve to status 0.
function raw(method, path, headers, chunks) {
  return new Promise((resolve) => {
    const u = new URL(srv.base);
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text, headers: res.headers }));
    });
    req.on('error', () => resolve({ status: 0, text: '', headers: {} }));
    for (const c of chunks || []) req.write(c);
    req.end();
  });
}

// Asserts the API error shape of a 413.
function assertApi413(r, msg) {
  assert.equal(r.status, 413, JSON.stringify(r.body).slice(0, 200));
  assert.equal(r.body.error.code, 'request_too_large');
  assert.match(r.body.error.message, msg);
}

test('a JSON body over 1 MB is 413 with a Chinese message; nothing is written', async () => {
  const a0 = await auditCount();
  const body = JSON.stringify({ village_id: units['西集村'], address: 'x'.repeat(1100000), head: {} });
  assertApi413(await api(srv.base, 'POST', '/households', body, assoc), /JSON 内容过大/);
  assert.equal(await auditCount(), a0);
});

test('a body over 8 MB is 413, announced by Content-Length or sent chunked without it', async () => {
  const big = JSON.stringify({ address: 'x'.repeat(9 << 20) });
  assertApi413(await api(srv.base, 'POST', '/households', big, assoc), /8 MB/);
  const piece = 'a'.repeat(1 << 20);
  const chunked = await raw('POST', '/api/v1/households',
    { Authorization: `Bearer ${assoc}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    Array.from({ length: 9 }, () => piece));
  assert.equal(chunked.status, 413);
  assert.equal(JSON.parse(chunked.text).error.code, 'request_too_large');
  // a chunked form body counts too (the post processor sees no Content-Length either)
  const form = await raw('POST', '/households',
    { Cookie: browser.cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
    [`csrf=${browser.csrf}`, ...Array.from({ length: 9 }, (_, i) => `&f${i}=${piece}`)]);
  assert.equal(form.status, 413);
  assert.match(form.text, /提交的内容过大/);
});

test('JSON nested deeper than 16 levels is 422 json_too_deep; 16 levels pass that check', async () => {
  const nest = (n) => '['.repeat(n) + ']'.repeat(n);
  const deep = await api(srv.base, 'POST', '/households', `{"members": ${nest(16)}}`, assoc);
  assert.equal(deep.status, 422);
  assert.equal(deep.body.error.code, 'json_too_deep');
  assert.match(deep.body.error.message, /嵌套过深/);
  const ok = await api(srv.base, 'POST', '/households', `{"x": ${nest(15)}}`, assoc);
  assert.notEqual(ok.body.error.code, 'json_too_deep');
  // far past jansson's own parser limit: still a clean 400, not a crash
  const absurd = await api(srv.base, 'POST', '/households', `{"x": ${nest(100000)}}`, assoc);
  assert.equal(absurd.status, 400);
  assert.equal(absurd.body.error.code, 'malformed_json');
});

test('a form field over 64 KB and more than 256 fields are 413 error pages; nothing is written', async () => {
  const a0 = await auditCount();
  const long = await browser.post('/households', { village_id: String(units['西集村']), address: '长'.repeat(30000) });
  assert.equal(long.status, 413);
  assert.match(long.text, /表单中有字段过长/);
  assert.match(long.headers.get('content-type'), /text\/html/);
  const fields = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, 'x']));
  const many = await browser.post('/households', fields);
  assert.equal(many.status, 413);
  assert.match(many.text, /表单字段过多/);
  // 64 KB exactly is accepted by the limits (the household's own validation answers)
  const edge = await browser.post('/households', { address: 'x'.repeat(65536) });
  assert.notEqual(edge.status, 413);
  assert.equal(await auditCount(), a0);
});

test('an upload over 8 MB is 413 on the import page', async () => {
  const r = await browser.upload('/households/import', 'file', 'big.csv', 'a,b\n'.repeat(2300000));
  assert.equal(r.status, 413);
  assert.match(r.text, /8 MB/);
  assert.equal((await browser.get('/households/import')).status, 200, 'the session still works');
});

test('a query string over 4 KB or with more than 64 arguments is 413', async () => {
  const q = 'q=' + '王'.repeat(1500);
  const apiLong = await api(srv.base, 'GET', '/households?' + encodeURI(q), undefined, assoc);
  assertApi413(apiLong, /查询参数过长/);
  const pageLong = await browser.get('/households?' + encodeURI(q));
  assert.equal(pageLong.status, 413);
  assert.match(pageLong.text, /查询参数过长/);
  const args = Array.from({ length: 65 }, (_, i) => `a${i}=1`).join('&');
  assertApi413(await api(srv.base, 'GET', '/households?' + args, undefined, assoc), /过多/);
  const fine = Array.from({ length: 60 }, (_, i) => `a${i}=1`).join('&');
  assert.equal((await api(srv.base, 'GET', '/households?limit=1&' + fine, undefined, assoc)).status, 200);
});

test('page sizes: API lists clamp ?limit= to 500, pages to 200; nonsense means the default', async () => {
  for (const big of ['501', '100000', '99999999999999999999']) {
    const all = await api(srv.base, 'GET', `/households?limit=${big}`, undefined, auditor);
    assert.equal(all.status, 200);
    assert.equal(all.body.items.length, 500, `limit=${big} clamped to 500 (the district has more households)`);
  }
  for (const bad of ['0', '-5', 'abc', '1e9', '']) {
    const r = await api(srv.base, 'GET', `/households?limit=${bad}`, undefined, auditor);
    assert.equal(r.status, 200, bad);
    assert.equal(r.body.items.length, 50, `limit=${bad} → the default 50`);
  }
  const audit = await api(srv.base, 'GET', '/audit?limit=9999&offset=-3', undefined, auditor);
  assert.ok(audit.body.items.length <= 500);
  const admin = new Browser(srv.base);
  await admin.login('admin');
  const page = await admin.get('/households?limit=100000');
  assert.equal(page.status, 200);
  assert.equal((page.text.match(/href="\/households\/\d+"/g) || []).length, 200, 'a page shows at most 200');
});

test('oversized request headers are refused by the server, which keeps answering', async () => {
  const r = await raw('GET', '/home', { Cookie: 'bangfu_session=' + 'a'.repeat(100000) });
  assert.ok(r.status === 0 || r.status === 413 || r.status === 431, `status ${r.status}`);
  const health = await fetch(srv.base + '/healthz');
  assert.equal(health.status, 200);
});

test('text at its character limit in 4-byte characters is stored and shown whole', async () => {
  // A name of 30 characters and an address of 100, each character 4 bytes of UTF-8 (CJK Extension
  // B, as some rare family names are written): 120 and 400 bytes, which must all come back.
  const ch = '𠀀';
  const name = ch.repeat(30), address = ch.repeat(100);
  const { makeId } = await import('./lib.mjs');
  const h = await api(srv.base, 'POST', '/households', { village_id: units['西集村'], policy_compliant: true, address,
    head: { name, id_number: makeId('19800101', 71, 'F'), phone: '13905320071' } }, assoc);
  assert.equal(h.status, 201, JSON.stringify(h.body));
  const got = (await api(srv.base, 'GET', `/households/${h.body.id}`, undefined, assoc)).body;
  assert.equal(got.address, address);
  assert.equal(got.head.name, name);
  // One character more is refused, naming the field.
  const over = await api(srv.base, 'POST', '/households', { village_id: units['西集村'], policy_compliant: true,
    head: { name: ch.repeat(31), id_number: makeId('19800101', 72, 'F'), phone: '13905320072' } }, assoc);
  assert.equal(over.status, 422);
});
