// Issue 18: GET /api/v1/openapi.json is built from the route table and the descriptions beside
// the handlers. Every API route is described (summary, roles, success schema, error codes that the
// code really answers), the answers of the API validate against their schemas, and docs/api.md's
// route index is the document's (BANGFU_WRITE_API_DOC=1 rewrites it from the document).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { BIN, startServer, token, api, ALL_DOCS } from './lib.mjs';
import { assertDescribed, validate } from './openapi.mjs';

const DOC = new URL('../../docs/api.md', import.meta.url).pathname;
const BEGIN = '<!-- openapi:begin (generated from GET /api/v1/openapi.json; BANGFU_WRITE_API_DOC=1 node --test tests/http/openapi.test.mjs) -->';
const END = '<!-- openapi:end -->';
let srv, doc;

before(async () => {
  srv = await startServer();
  doc = (await api(srv.base, 'GET', '/openapi.json')).body;
});
after(async () => { await srv.stop(); });

test('every API route of the route table is described, with its roles, and nothing else is', () => {
  const routes = JSON.parse(spawnSync(BIN, ['routes'], { encoding: 'utf8' }).stdout).filter((r) => r.api);
  assert.equal(doc.openapi, '3.1.0');
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) ops.push(`${m.toUpperCase()} ${path}`);
  const expected = routes.map((r) => {
    let n = 0;
    return `${r.method} ${r.pattern.replace(/\{id\}/g, () => (++n === 1 ? '{id}' : `{id${n}}`))}`;
  });
  assert.deepEqual(ops.sort(), expected.sort(), 'the document has exactly the API routes');
  for (const r of routes) {
    let n = 0;
    const op = doc.paths[r.pattern.replace(/\{id\}/g, () => (++n === 1 ? '{id}' : `{id${n}}`))][r.method.toLowerCase()];
    const what = `${r.method} ${r.pattern}`;
    assert.ok(!op['x-undescribed'] && op.summary, `${what}: described beside its handler`);
    assert.deepEqual(op['x-roles'], r.roles, `${what}: roles`);
    assert.equal(op.security.length === 0, r.public, `${what}: bearer unless public`);
    const ok = Object.entries(op.responses).find(([s]) => s < '300');
    assert.ok(ok && Object.keys(ok[1].content).length, `${what}: a success answer`);
    assert.ok(!JSON.stringify(op).includes('schema_unparsable'), `${what}: its schemas parse`);
    if (['POST', 'PUT'].includes(r.method) && op.requestBody)
      assert.equal(op.requestBody.content['application/json'].schema.type, 'object', `${what}: body is an object`);
  }
});

test('the error codes of the document are codes the program answers', () => {
  const src = ['core', 'registry', 'loans', 'relief', 'notices', 'programmes', 'web'].flatMap((d) => {
    const dir = new URL(`../../src/${d}/`, import.meta.url).pathname;
    return readdirSync(dir).filter((f) => f.endsWith('.c')).map((f) => readFileSync(dir + f, 'utf8')
      .replace(/const struct api_doc api_docs_\w+\[\] = \{[\s\S]*?\{0\},\n\};/, ''));
  }).join('\n');
  for (const [path, item] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(item))
      for (const [status, r] of Object.entries(op.responses))
        for (const code of r['x-error-codes'] || [])
          assert.ok(src.includes(`"${code}"`), `${m} ${path}: ${status} ${code} is answered somewhere`);
});

test('answers of the API validate against their schemas', async () => {
  const t = { admin: await token(srv.base, 'admin'), xj_xiehui: await token(srv.base, 'xj_xiehui'),
    xj_caiwu: await token(srv.base, 'xj_caiwu') };
  const loans = await api(srv.base, 'GET', '/loans', undefined, t.xj_xiehui);
  const hh = (await api(srv.base, 'GET', '/households?limit=1', undefined, t.xj_xiehui)).body.items[0].id;
  const gets = [['xj_xiehui', '/me'], ['xj_xiehui', '/units'], ['xj_xiehui', '/departments'], ['xj_xiehui', '/loans'],
    ['xj_xiehui', '/loans?state=settled'], ['xj_xiehui', `/loans/${loans.body.items[0].id}`], ['xj_xiehui', '/reports/overdue/loans'],
    ['xj_xiehui', '/reports/due?days=366'], ['xj_caiwu', '/claims'], ['xj_xiehui', '/relief-batches'],
    ['xj_xiehui', '/reports/portfolio'], ['xj_xiehui', '/reports/overdue'], ['xj_xiehui', '/reports/portfolio/villages'],
    ['xj_xiehui', '/reports/outcomes'], ['xj_xiehui', '/reports/relief'], ['xj_caiwu', '/funds'], ['xj_xiehui', '/notices'],
    ['xj_xiehui', '/announcements'], ['xj_xiehui', '/announcements/published'], ['admin', '/audit'],
    ['xj_xiehui', '/loan-applications'], ['xj_xiehui', '/relief-applications'], ['xj_xiehui', '/relief-categories'],
    ['xj_xiehui', '/guarantee-fund'], ['xj_xiehui', '/holidays'], ['xj_xiehui', '/households'],
    ['xj_xiehui', '/loans?state=lost'], ['xj_xiehui', '/reports/due?days=0'], ['xj_xiehui', '/loans/999999'],
    ['xj_xiehui', '/reports/overdue/loans?format=doc'], ['xj_xiehui', `/households/${hh}`], ['xj_caiwu', `/households/${hh}`],
    ['xj_xiehui', `/loans/${loans.body.items[0].id}/followups`]];
  for (const [who, path] of gets) {
    const res = await api(srv.base, 'GET', path, undefined, t[who]);
    assert.ok(res.status < 500, `${path}: ${res.status}`);
    assertDescribed(doc, 'GET', path, res);
  }
  assertDescribed(doc, 'GET', '/openapi.json', { status: 200, body: doc });
  const noToken = await api(srv.base, 'GET', '/loans');
  assertDescribed(doc, 'GET', '/loans', noToken);
});

test('the request bodies are described member by member: what clients send validates, a wrong type does not', () => {
  const body = (p, m) => doc.paths[p][m].requestBody.content['application/json'].schema;
  const cases = [
    ['/api/v1/loan-applications/{id}/documents', 'put', ALL_DOCS, { id_card: 'yes' }],
    ['/api/v1/loan-applications/{id}/guarantee', 'post', { coverage_pct: 80, counter_guarantors: [{ name: '王强', id_number: '370406198001010011', relation: '兄弟', income_fen: 3600000 }] },
      { coverage_pct: 80 }],
    ['/api/v1/relief-categories/{id}', 'put', { eligible: ['one_child'], any_household: false, per_year: 1, active: true }, { per_year: '1' }],
    ['/api/v1/announcements/{id}', 'put', { version: 2, title: '通知', body_md: '正文', publish_to: null }, { version: '2' }],
    ['/api/v1/households', 'post', { village_id: 3, head: { name: '李梅', id_number: '370406198001010011' }, categories: ['one_child'], members: [] },
      { village_id: 3, head: { name: '李梅' } }],
  ];
  for (const [path, method, good, bad] of cases) {
    assert.deepEqual(validate(body(path, method), good, '$', doc), [], `${method} ${path}: a real body`);
    assert.notDeepEqual(validate(body(path, method), bad, '$', doc), [], `${method} ${path}: a wrong body`);
  }
});

test('the validator refuses what does not match (so the checks above can fail)', () => {
  const schema = doc.paths['/api/v1/loans'].get.responses['200'].content['application/json'].schema;
  assert.deepEqual(validate(schema, { items: [], total: 0 }, '$', doc), []);
  assert.notDeepEqual(validate(schema, { items: [{ id: '1' }], total: 1 }, '$', doc), []);
  assert.notDeepEqual(validate(schema, { items: [] }, '$', doc), []);
});

test('docs/api.md lists exactly the routes of openapi.json', () => {
  const lines = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(item))
      lines.push(`| ${m.toUpperCase()} ${path} | ${op.security.length ? op['x-roles'].join(', ') : 'public'} | ${op.summary} |`);
  const block = `${BEGIN}\n| route | roles | what |\n|---|---|---|\n${lines.join('\n')}\n${END}`;
  const text = readFileSync(DOC, 'utf8');
  const at = text.indexOf(BEGIN), end = text.indexOf(END);
  if (process.env.BANGFU_WRITE_API_DOC === '1') {
    writeFileSync(DOC, at < 0 ? `${text.trimEnd()}\n\n## Route index\n\n${block}\n`
      : text.slice(0, at) + block + text.slice(end + END.length));
    return;
  }
  assert.ok(at >= 0 && end > at, 'docs/api.md has the generated route index');
  const documented = text.slice(at, end).split('\n').filter((l) => /^\| (GET|POST|PUT|DELETE) /.test(l));
  const missing = lines.filter((l) => !documented.includes(l)), extra = documented.filter((l) => !lines.includes(l));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'docs/api.md and openapi.json name the same routes');
});
