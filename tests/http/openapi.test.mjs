// Issue 18: GET /api/v1/openapi.json is built from the route table and the descriptions beside
// the handlers. Every API route is described (summary, roles, success schema, error codes that the
// code really answers), the answers of the API validate against their schemas, and docs/api.md's
// route index is the document's (BANGFU_WRITE_API_DOC=1 rewrites it from the document).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { BIN, startServer, token, api, ALL_DOCS, TODAY, addDays, makeId, unitIds, REVIEWERS } from './lib.mjs';
import { assertDescribed, operationOf, validate } from './openapi.mjs';

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
  const src = ['core', 'registry', 'loans', 'relief', 'notices', 'accounts', 'services', 'programmes', 'web'].flatMap((d) => {
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
    ['xj_xiehui', '/reports/outcomes'], ['xj_xiehui', '/reports/relief'], ['xj_caiwu', '/funds'],
    ['xj_caiwu', '/reports/vouchers'], ['xj_caiwu', '/reports/trial-balance'], ['xj_caiwu', '/accounts'], ['xj_caiwu', '/voucher-rules'], ['xj_xiehui', '/notices'],
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

// One demo user a role (西集镇 and its 西集村).
const ROLE_USER = { admin: 'admin', association: 'xj_xiehui', reviewer: 'xj_pingshen', liaison: 'xj_xinyong', relief: 'xj_jiuzhu',
  finance: 'xj_caiwu', village: 'xj_cun_xiji', auditor: 'shenji' };

// The concrete requests of the demo for each GET route with a path parameter or a required query,
// from records 西集村's village officer may see where there are any (so most roles read a real one).
async function demoRequests(t) {
  const first = async (path, who = 'xj_cun_xiji') => {
    const b = (await api(srv.base, 'GET', path, undefined, t[who])).body;
    return b.items?.[0] ?? (who === 'admin' ? undefined : first(path, 'admin'));
  };
  const hh = await first('/households?limit=1'), app = await first('/loan-applications?limit=1');
  const loan = await first('/loans?limit=1'), relief = await first('/relief-applications?limit=1');
  const batch = await first('/relief-batches?limit=1'), notice = await first('/notices', 'xj_xiehui');
  const ann = await first('/announcements?limit=1'), fund = await first('/funds', 'xj_caiwu');
  const cat = (await api(srv.base, 'GET', '/relief-categories', undefined, t.admin)).body.items.find((c) => c.batch);
  const ledger = (await api(srv.base, 'GET', `/funds/${fund.id}/ledger`, undefined, t.xj_caiwu)).body;
  const receipt = ledger.entries.find((e) => e.receipt_no)?.receipt_no;
  // The demo has no supporting documents: the admin uploads one (a PNG by its bytes) to read back.
  const fd = new FormData();
  fd.append('file', new Blob([Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])]),
    '诊断书.png');
  const up = await fetch(`${srv.base}/api/v1/relief-applications/${relief.id}/documents`, {
    method: 'POST', headers: { Authorization: `Bearer ${t.admin}` }, body: fd });
  assert.equal(up.status, 201);
  const doc = await up.json(), docApp = relief.id;
  const ver = (await api(srv.base, 'GET', `/announcements/${ann.id}`, undefined, t.admin)).body;
  const found = { hh, app, loan, relief, batch, notice, ann, fund, cat, receipt, doc };
  assert.deepEqual(Object.keys(found).filter((k) => !found[k]), [], 'the demo has every kind of record');
  const quarter = `${TODAY.slice(0, 4)}Q${Math.floor((Number(TODAY.slice(5, 7)) - 1) / 3) + 1}`;
  return {
    '/api/v1/households/{id}': [`/households/${hh.id}`],
    '/api/v1/loan-applications/{id}': [`/loan-applications/${app.id}`],
    '/api/v1/loans/{id}': [`/loans/${loan.id}`, `/loans/${loan.id}?as_of=${TODAY.slice(0, 4)}-01-31`],
    '/api/v1/loans/{id}/followups': [`/loans/${loan.id}/followups`],
    '/api/v1/funds/{id}/ledger': [`/funds/${fund.id}/ledger`],
    '/api/v1/reports/fund-ledger': [`/reports/fund-ledger?fund_id=${fund.id}`],
    '/api/v1/relief-applications/{id}': [`/relief-applications/${relief.id}`],
    '/api/v1/relief-applications/{id}/documents': [`/relief-applications/${docApp}/documents`],
    '/api/v1/relief-applications/{id}/documents/{id2}': [`/relief-applications/${docApp}/documents/${doc.id}`],
    '/api/v1/relief-batches/preview': [`/relief-batches/preview?category_id=${cat.id}&amount_fen=${cat.amount_fen ?? cat.min_fen}&village_id=${relief.village_id}`],
    '/api/v1/relief-batches/{id}': [`/relief-batches/${batch.id}`],
    '/api/v1/receipts/{str}': [`/receipts/${encodeURIComponent(receipt)}`],
    '/api/v1/receipts/{str}.pdf': [`/receipts/${encodeURIComponent(receipt)}.pdf`],
    '/api/v1/notices/{id}': [`/notices/${notice.id}`],
    '/api/v1/announcements/{id}': [`/announcements/${ann.id}`],
    '/api/v1/announcements/{id}/versions/{id2}': [`/announcements/${ann.id}/versions/${ver.version ?? 1}`],
    '/api/v1/reports/subsidy': ['/reports/subsidy', `/reports/subsidy?quarter=${quarter}`],
    '/api/v1/reports/relief': ['/reports/relief', '/reports/relief?group=village', '/reports/relief?group=batch'],
    '/api/v1/reports/due': ['/reports/due', '/reports/due?days=366'],
    '/api/v1/guarantee-fund/entries': ['/guarantee-fund/entries', '/guarantee-fund/entries?kind=payout'],
  };
}

test('every GET route of the API answers every role that may use it as described, on the demo\'s records', async () => {
  const t = {};
  for (const u of new Set(Object.values(ROLE_USER))) t[u] = await token(srv.base, u);
  const requests = await demoRequests(t);
  const routes = JSON.parse(spawnSync(BIN, ['routes'], { encoding: 'utf8' }).stdout).filter((r) => r.api && r.method === 'GET');
  let checked = 0;
  const failures = [];
  for (const r of routes) {
    // A route added later without an entry above reads record 1: still an answer that must be described.
    const paths = requests[r.pattern] ?? [r.pattern.replace('/api/v1', '').replace(/\{id\}/g, '1').replace(/\{str\}/g, '1')];
    const roles = r.public ? [null] : r.roles;
    for (const role of roles)
      for (const path of paths) {
        const res = await fetch(srv.base + '/api/v1' + path, { headers: role ? { Authorization: `Bearer ${t[ROLE_USER[role]]}` } : {} });
        const type = (res.headers.get('content-type') || '').replace(/;.*/, '');
        const what = `GET ${path} as ${role ?? 'anyone'}`;
        try {
          assert.ok(res.status < 500, `${what}: ${res.status}`);
          const described = operationOf(doc, 'GET', '/api/v1' + path).responses[String(res.status)];
          assert.ok(described, `${what}: status ${res.status} is described`);
          if (type === 'application/json') {
            assertDescribed(doc, 'GET', path, { status: res.status, body: await res.json() });
          } else {
            assert.ok(res.status < 300 && described.content[type], `${what}: ${type} is among ${Object.keys(described.content)}`);
          }
        } catch (e) {
          failures.push(`${what}: ${e.message.split('\n').slice(0, 12).join(' ')}`);
        }
        if (!res.bodyUsed) await res.arrayBuffer();
        checked++;
      }
  }
  assert.deepEqual(failures, [], 'every answer as described');
  assert.ok(checked > 200, `answers checked: ${checked}`);
});

test('answers of write requests validate, and each refusal\'s code is among the route\'s documented errors', async () => {
  const fin = await token(srv.base, 'xj_caiwu'), assoc = await token(srv.base, 'xj_xiehui');
  const fund = (await api(srv.base, 'GET', '/funds', undefined, fin)).body.items[0].id;
  const notice = (await api(srv.base, 'GET', '/notices', undefined, assoc)).body.items[0].id;
  const write = async (method, path, body, tok) => {
    const res = await api(srv.base, method, path, body, tok);
    assertDescribed(doc, method, path, res);
    return res;
  };
  const income = await write('POST', `/funds/${fund}/income`, { source: 'donation', amount_fen: 5000, on: TODAY, document_no: 'OA-1' }, fin);
  assert.equal(income.status, 201);
  assert.equal((await write('POST', `/funds/${fund}/income`, { source: 'donation', amount_fen: -1, on: TODAY, document_no: 'OA-2' }, fin)).status, 422);
  assert.equal((await write('POST', `/funds/999999/income`, { source: 'donation', amount_fen: 5000, on: TODAY, document_no: 'OA-3' }, fin)).status, 404);
  assert.equal((await write('POST', `/fund-entries/${income.body.id}/reverse`, { on: TODAY, reason: '录错' }, fin)).status, 201);
  assert.equal((await write('POST', `/fund-entries/${income.body.id}/reverse`, { on: TODAY, reason: '录错' }, fin)).status, 409);
  assert.equal((await write('POST', '/funds', { name: `测试资金${Date.now() % 1000}` }, fin)).status, 201);
  const objection = await write('POST', `/notices/${notice}/objections`, { text: '申请人家庭收入情况与实际不符，请核实' });
  assert.ok([201, 409].includes(objection.status), `objection: ${objection.status}`);
  assert.equal((await write('POST', `/notices/${notice}/objections`, { text: '' })).status >= 400, true);
  const ann = await write('POST', '/announcements', { title: '接口测试公告', body_md: '正文' }, assoc);
  assert.equal(ann.status, 201);
  assert.equal((await write('POST', '/announcements', { title: '', body_md: '正文' }, assoc)).status, 422);
  assert.equal((await write('POST', `/announcements/${ann.body.id}/publish`, undefined, assoc)).status, 200);
  assert.equal((await write('POST', `/announcements/${ann.body.id}/publish`, undefined, assoc)).status, 409);
  assert.equal((await write('POST', `/announcements/${ann.body.id}/withdraw`, { reason: '发错了' }, assoc)).status, 200);
  const loan = (await api(srv.base, 'GET', '/loans?state=active&limit=1', undefined, assoc)).body.items[0];
  const repay = { paid_on: TODAY, amount_fen: 100, receipt_no: `OA-R-${loan.id}` };
  const paid = await write('POST', `/loans/${loan.id}/repayments`, repay, fin);
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  assert.equal((await write('POST', `/loans/${loan.id}/repayments`, { ...repay, amount_fen: -5 }, fin)).status, 422);
  assert.equal((await write('POST', `/loans/${loan.id}/repayments/${paid.body.repayment_id}/reverse`, { reason: '录错' }, fin)).status, 201);
  assert.equal((await write('POST', `/loans/${loan.id}/repayments/${paid.body.repayment_id}/reverse`, { reason: '录错' }, fin)).status >= 400, true);
});

// The write routes of intake, relief, receipts, guarantee payouts, follow-ups and the admin's lists, each
// called once to succeed and at least once to be refused, on a demo of its own (it moves the day on for
// a notice to end). Every answer validates against its route's schema, every refusal's code is documented.
test('intake, relief, receipt, payout and admin writes answer as described, their refusals with documented codes', async () => {
  const own = await startServer();
  try {
    const later = addDays(TODAY, 2);
    const t = {};
    const login = async () => {
      for (const u of ['admin', 'xj_xiehui', 'xj_xiehui2', 'xj_jiuzhu', 'xj_caiwu', 'qu_caiwu', 'xj_cun_xiji']) t[u] = await token(own.base, u);
    };
    await login();
    const write = async (method, path, body, who, status) => {
      const res = await api(own.base, method, path, body, typeof who === 'string' && t[who] ? t[who] : who);
      assertDescribed(doc, method, path, res);
      if (status) assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
      return res;
    };
    const units = await unitIds(own.base, t.admin);
    const household = async (name, order) => (await write('POST', '/households', { village_id: units['西集村'], policy_compliant: true,
      head: { name, id_number: makeId('19790707', order, 'F'), phone: '13905321234' } }, 'xj_xiehui', 201)).body.id;

    // account: a wrong old password, then a change and a logout with the new one (the auditor's)
    await write('POST', '/account/password', { old_password: 'wrong-one', new_password: 'Bangfu#2026x' }, await token(own.base, 'shenji'), 401);
    const pw = await write('POST', '/account/password', { old_password: 'demo1234', new_password: 'Bangfu#2026x' }, await token(own.base, 'shenji'), 200);
    assert.deepEqual(pw.body, { ok: true });
    const session = await token(own.base, 'shenji', 'Bangfu#2026x');
    assert.deepEqual((await write('POST', '/logout', undefined, session, 200)).body, { ok: true });
    await write('POST', '/logout', undefined, session, 401);

    // a loan application: registered, refused while open, submitted without then with its documents, a B角
    const hh = await household('接口测试甲', 91);
    const intake = { household_id: hh, amount_fen: 3000000, term_months: 12, project_type: 'trade', project_name: '农资门市' };
    await write('POST', '/loan-applications', { ...intake, amount_fen: 0 }, 'xj_xiehui', 422);
    const app = (await write('POST', '/loan-applications', intake, 'xj_xiehui', 201)).body;
    assert.equal(app.state, 'draft');
    assert.equal((await write('POST', '/loan-applications', intake, 'xj_xiehui', 409)).body.error.code, 'application_open');
    const missing = await write('POST', `/loan-applications/${app.id}/submit`, {}, 'xj_xiehui', 422);
    assert.equal(missing.body.error.code, 'missing_documents');
    await api(own.base, 'PUT', `/loan-applications/${app.id}/documents`, ALL_DOCS, t.xj_xiehui);
    assert.equal((await write('POST', `/loan-applications/${app.id}/submit`, {}, 'xj_xiehui', 200)).body.state, 'in_review');
    await write('POST', `/loan-applications/${app.id}/submit`, {}, 'xj_xiehui', 409);
    const me = async (u) => (await api(own.base, 'GET', '/me', undefined, t[u])).body.id;
    const backup = await write('POST', `/loan-applications/${app.id}/backup-handler`, { backup_handler_id: await me('xj_xiehui2') }, 'xj_xiehui', 200);
    assert.equal(backup.body.backup_handler.id, await me('xj_xiehui2'));
    await write('POST', `/loan-applications/${app.id}/backup-handler`, { backup_handler_id: await me('xj_caiwu') }, 'xj_xiehui', 422);
    await write('POST', '/loan-applications/999999/backup-handler', { backup_handler_id: 0 }, 'xj_xiehui', 404);

    // the application approved, guaranteed and disbursed 270 days ago, never repaid: a guarantee payout, a recovery
    // of part of it; a follow-up on an active loan
    for (const who of REVIEWERS)
      assert.equal((await api(own.base, 'POST', `/loan-applications/${app.id}/reviews`, { decision: 'approve', comment: '' }, await token(own.base, who))).status, 201);
    await write('POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 10000000, on: addDays(TODAY, -325), document_no: 'OA-GF-1' }, 'qu_caiwu', 201);
    assert.equal((await api(own.base, 'POST', `/loan-applications/${app.id}/guarantee`, { pledged_asset: '门市房产' }, t.xj_xiehui)).status, 201);
    const lent = await api(own.base, 'POST', '/loans', { application_id: app.id, contract_no: 'OA-2026-0091', disbursed_on: addDays(TODAY, -270),
      principal_fen: 3000000, annual_rate: '4.35', method: 'monthly-interest', term_months: 12, day_count: 'month' }, await token(own.base, 'xj_xinyong'));
    assert.equal(lent.status, 201, JSON.stringify(lent.body));
    const claim = { loan_id: lent.body.id, outstanding_principal_fen: 3000000 };
    await write('POST', `/loans/${claim.loan_id}/compensation`, { on: 'tomorrow' }, 'xj_caiwu', 422);
    const paid = await write('POST', `/loans/${claim.loan_id}/compensation`, { on: TODAY }, 'xj_caiwu', 201);
    assert.ok(paid.body.paid_fen >= claim.outstanding_principal_fen);
    assert.equal((await write('POST', `/loans/${claim.loan_id}/compensation`, { on: TODAY }, 'xj_caiwu', 409)).body.error.code, 'loan_not_active');
    const back = { on: TODAY, amount_fen: 10000, source: 'borrower', document_no: 'OA-RC-1' };
    assert.equal((await write('POST', `/loans/${claim.loan_id}/recoveries`, back, 'xj_caiwu', 201)).body.amount_fen, 10000);
    await write('POST', `/loans/${claim.loan_id}/recoveries`, { ...back, amount_fen: paid.body.paid_fen }, 'xj_caiwu', 422);
    const active = (await api(own.base, 'GET', '/loans?state=active&limit=1', undefined, t.xj_xiehui)).body.items[0];
    await write('POST', `/loans/${active.id}/recoveries`, back, 'xj_caiwu', 409);
    await write('POST', `/loans/${active.id}/followups`, { visited_on: TODAY, jobs_created: 2, income_fen: 1200000, note: '门市经营正常' }, 'xj_xiehui', 201);
    await write('POST', `/loans/${active.id}/followups`, { visited_on: '2026-13-01' }, 'xj_xiehui', 422);

    // relief: a standard for a later day; a batch for 西集村 and two applications of their own
    const cats = (await api(own.base, 'GET', '/relief-categories', undefined, t.admin)).body.items;
    const cat = cats.find((c) => c.name === '双千帮扶'), amount = cat.amount_fen ?? cat.min_fen;
    const other = cats.find((c) => c.id !== cat.id && c.amount_fen != null);
    const std = await write('POST', `/relief-categories/${other.id}/amounts`, { effective_from: addDays(TODAY, 400), amount_fen: other.amount_fen + 100 }, 'admin', 201);
    assert.deepEqual(std.body, { id: other.id, effective_from: addDays(TODAY, 400) });
    await write('POST', `/relief-categories/${other.id}/amounts`, { effective_from: TODAY, amount_fen: -1 }, 'admin', 422);
    await write('POST', '/relief-categories/999999/amounts', { effective_from: TODAY, amount_fen: 100 }, 'admin', 404);
    await api(own.base, 'PUT', `/relief-categories/${cat.id}`, { eligible: cat.eligible, any_household: true, per_year: cat.per_year, active: true }, t.admin);
    await write('POST', '/relief-batches', { category_id: 999999, amount_fen: amount, village_id: units['西集村'] }, 'xj_jiuzhu', 404);
    const batch = await write('POST', '/relief-batches', { category_id: cat.id, amount_fen: amount, village_id: units['西集村'] }, 'xj_jiuzhu', 201);
    assert.ok(batch.body.applications.length > 0 && batch.body.applications.every((a) => a.batch_id === batch.body.id));
    await write('POST', '/relief-batches', { category_id: cat.id, amount_fen: amount, village_id: units['西集村'] }, 'xj_jiuzhu', 409);
    const b = batch.body.id;
    assert.equal((await write('POST', `/relief-batches/${b}/verify`, undefined, 'xj_jiuzhu', 200)).body.moved, batch.body.applications.length);
    await write('POST', `/relief-batches/${b}/verify`, undefined, 'xj_jiuzhu', 409);
    assert.equal((await write('POST', `/relief-batches/${b}/review`, undefined, 'xj_jiuzhu', 409)).body.error.code, 'same_person');
    await write('POST', `/relief-batches/${b}/review`, undefined, 'xj_xiehui2', 200);
    await write('POST', '/relief-batches/999999/approve', undefined, 'xj_xiehui', 404);
    const one = (await write('POST', '/relief-applications', { household_id: await household('接口测试乙', 92), category_id: cat.id, amount_fen: amount,
      reason: '家庭困难' }, 'xj_jiuzhu', 201)).body;
    assert.equal(one.state, 'applied');
    await write('POST', '/relief-applications', { household_id: 999999, category_id: cat.id, amount_fen: amount, reason: '家庭困难' }, 'xj_jiuzhu', 404);
    const two = (await write('POST', '/relief-applications', { household_id: await household('接口测试丙', 93), category_id: cat.id, amount_fen: amount,
      reason: '家庭困难' }, 'xj_jiuzhu', 201)).body;
    await write('POST', `/relief-applications/${one.id}/verify`, undefined, 'xj_jiuzhu', 200);
    await write('POST', `/relief-applications/${one.id}/verify`, undefined, 'xj_jiuzhu', 409);
    assert.equal((await write('POST', `/relief-applications/${one.id}/review`, undefined, 'xj_jiuzhu', 409)).body.error.code, 'same_person');
    await write('POST', `/relief-applications/${one.id}/review`, undefined, 'xj_xiehui2', 200);
    await write('POST', `/relief-applications/${one.id}/approve`, undefined, 'xj_xiehui', 409); // not yet in a notice
    await write('POST', `/relief-applications/${two.id}/reject`, {}, 'xj_jiuzhu', 422);
    assert.equal((await write('POST', `/relief-applications/${two.id}/reject`, { reason: '家庭收入已超过标准' }, 'xj_jiuzhu', 200)).body.state, 'rejected');
    await write('POST', `/relief-applications/${two.id}/reject`, { reason: '家庭收入已超过标准' }, 'xj_jiuzhu', 409);
    assert.equal((await api(own.base, 'POST', '/notices', { kind: 'relief', unit_id: units['西集镇'], days: 1 }, t.xj_jiuzhu)).status, 201);

    // two days later the notice is over: approvals, the batch paid, one of its receipts reprinted and voided
    await own.restart({ today: later });
    await login();
    assert.equal((await write('POST', `/relief-applications/${one.id}/approve`, undefined, 'xj_xiehui', 200)).body.state, 'approved');
    await write('POST', `/relief-applications/${one.id}/approve`, undefined, 'xj_xiehui', 409);
    assert.equal((await write('POST', `/relief-batches/${b}/approve`, undefined, 'xj_xiehui2', 409)).body.error.code, 'same_person');
    await write('POST', `/relief-batches/${b}/approve`, undefined, 'xj_xiehui', 200);
    await write('POST', `/relief-batches/${b}/approve`, undefined, 'xj_xiehui', 409);
    const fund = (await api(own.base, 'GET', '/funds', undefined, t.xj_caiwu)).body.items[0];
    await write('POST', `/funds/${fund.id}/income`, { source: 'township', amount_fen: amount * batch.body.applications.length, on: later,
      document_no: 'OA-RF-1' }, 'xj_caiwu', 201);
    await write('POST', `/relief-batches/${b}/disburse`, { fund_id: 0 }, 'xj_caiwu', 422);
    const pay = await write('POST', `/relief-batches/${b}/disburse`, { fund_id: fund.id, method: 'cash' }, 'xj_caiwu', 200);
    assert.equal(pay.body.paid, batch.body.applications.length);
    await write('POST', `/relief-batches/${b}/disburse`, { fund_id: fund.id, method: 'cash' }, 'xj_caiwu', 409);
    const receipt = (await api(own.base, 'GET', `/relief-applications/${batch.body.applications[0].id}`, undefined, t.xj_caiwu)).body.receipt_no;
    const r = `/receipts/${encodeURIComponent(receipt)}`;
    await write('POST', `${r}/reprint`, {}, 'xj_caiwu', 422);
    assert.deepEqual((await write('POST', `${r}/reprint`, { reason: '打印机卡纸' }, 'xj_caiwu', 201)).body, { receipt_no: receipt, copy: 1 });
    await write('POST', `${r}/void`, { reason: '' }, 'xj_caiwu', 422);
    assert.equal((await write('POST', `${r}/void`, { reason: '领款人信息有误' }, 'xj_caiwu', 200)).body.voided, true);
    await write('POST', `${r}/void`, { reason: '领款人信息有误' }, 'xj_caiwu', 409);
    await write('POST', `${r}/reprint`, { reason: '打印机卡纸' }, 'xj_caiwu', 409);
    await write('POST', '/receipts/NO-SUCH/void', { reason: '领款人信息有误' }, 'xj_caiwu', 404);

    // the admin's lists: a village and a department, each refused once
    const village = await write('POST', '/units', { name: '接口测试村', kind: 'village', parent_id: units['西集镇'] }, 'admin', 201);
    assert.deepEqual(village.body, { id: village.body.id, name: '接口测试村', kind: 'village', parent_id: units['西集镇'] });
    await write('POST', '/units', { name: '接口测试村二', kind: 'city', parent_id: units['西集镇'] }, 'admin', 422);
    assert.equal((await write('POST', '/departments', { name: '接口测试部门' }, 'admin', 201)).body.active, true);
    await write('POST', '/departments', { name: '接口测试部门' }, 'admin', 409);
  } finally {
    await own.stop();
  }
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
  assert.deepEqual(validate(schema, { items: [], total: 0, next: null, limit: 50 }, '$', doc), []);
  assert.notDeepEqual(validate(schema, { items: [{ id: '1' }], total: 1, next: null, limit: 50 }, '$', doc), []);
  assert.notDeepEqual(validate(schema, { items: [], next: null, limit: 50 }, '$', doc), []);
  assert.notDeepEqual(validate(schema, { items: [], total: 0, next: 3, limit: 50 }, '$', doc), [], 'next is a cursor or null');
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
