// Loan pages and documents as a browser sees them: the application form, documents checklist,
// the one-time notice PDF, review through the page, the review form and guarantee letter PDFs
// (text read back with pdftotext), safe Markdown, and CSRF on every form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, api, token, Browser, makeId, unitIds, addDays, TODAY, cnDate } from './lib.mjs';

let srv, units, assoc;

before(async () => {
  srv = await startServer();
  const admin = await token(srv.base, 'admin');
  units = await unitIds(srv.base, admin);
  assoc = await token(srv.base, 'xj_xiehui');
});
after(async () => { await srv.stop(); });

// Downloads a PDF with the browser's session and returns its text.
async function pdfText(b, path) {
  const res = await fetch(srv.base + path, { headers: { Cookie: b.cookie } });
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = join(srv.dir, 'doc.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-q', '-layout', file, '-'], { encoding: 'utf8' });
}

test('apply through the pages, print the notice of missing materials, review, guarantee, print the letter', async () => {
  const hh = await api(srv.base, 'POST', '/households', {
    village_id: units['石门村'], policy_compliant: true, categories: ['one_child'],
    head: { name: '孔繁华', id_number: makeId('19820715', 55, 'M'), phone: '13905329999' },
  }, assoc);
  assert.equal(hh.status, 201);
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const detail = await b.get(`/households/${hh.body.id}`);
  assert.match(detail.text, new RegExp(`/loans/new\\?household_id=${hh.body.id}`));
  await b.get(`/loans/new?household_id=${hh.body.id}`);
  const form = {
    household_id: String(hh.body.id), amount: '20,000.00', term_months: '12', project_type: 'crops',
    project_name: '大蒜种植（10亩）', expected_jobs: '1', expected_income: '30000',
    business_plan_md: '# 大蒜种植\n\n- 租地 **10 亩**\n- 预计亩产 2,500 斤\n\n<script>alert(1)</script> [x](javascript:alert(1))',
  };
  const refused = await b.post('/loans', { ...form, amount: '15000' });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /贷款金额应在 20000 元到 200000 元之间/);
  assert.match(refused.text, /大蒜种植（10亩）/, 'nothing typed is lost');
  assert.equal((await b.post('/loans', form, { csrf: false })).status, 403);
  const created = await b.post('/loans', form);
  assert.equal(created.status, 303);
  const id = created.location.match(/\/loans\/(\d+)/)[1];
  const page = await b.get(`/loans/${id}`);
  assert.match(page.text, /<h1>大蒜种植<\/h1>/);
  assert.match(page.text, /<strong>10 亩<\/strong>/);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.doesNotMatch(page.text, /javascript:alert/);
  assert.match(page.text, /打印一次性告知书/);

  await b.post(`/loans/${id}/documents`, { doc: ['id_card', 'hukou', 'marriage'] });
  const notice = await pdfText(b, `/loans/${id}/notice.pdf`);
  assert.match(notice, /一次性告知书/);
  assert.match(notice, /孔繁华/);
  for (const doc of ['计划生育证明', '创业方案', '项目实施方案', '反担保材料']) assert.match(notice, new RegExp(doc));
  assert.doesNotMatch(notice, /户口簿/, 'received documents are not listed');
  assert.match(notice, /孙丽华/, 'the handler');
  assert.match(notice, /0632-8811234/, 'the office phone');
  assert.match(notice, new RegExp(cnDate(TODAY)));

  const early = await b.post(`/loans/${id}/submit`, {});
  assert.equal(early.status, 422);
  assert.match(early.text, /缺少：计划生育证明、创业方案、项目实施方案、反担保材料/);
  await b.post(`/loans/${id}/documents`, { doc: ['id_card', 'hukou', 'marriage', 'family_planning', 'business_plan',
    'implementation_plan', 'counter_guarantee'] });
  const submitted = await b.post(`/loans/${id}/submit`, {});
  assert.equal(submitted.status, 303);

  for (const who of ['xj_jingwei', 'xj_zhaoshang', 'xj_pingshen']) {
    const rv = new Browser(srv.base);
    await rv.login(who);
    const queue = await rv.get('/reviews');
    assert.match(queue.text, new RegExp(`/loans/${id}"`));
    const p = await rv.get(`/loans/${id}`);
    assert.match(p.text, /本部门意见/);
    const ask = await rv.post(`/loans/${id}/reviews`, { decision: 'approve', comment: '同意' });
    assert.equal(ask.status, 200, 'the opinion is asked to be confirmed first');
    assert.match(ask.text, /确认对第 \d+ 号申请（.+，\d[\d,]*\.\d\d 元（.+）.*）提出本部门意见：同意/);
    const done = await rv.post(`/loans/${id}/reviews`, { decision: 'approve', comment: '同意', confirm: '1' });
    assert.equal(done.status, 303);
    const again = await rv.post(`/loans/${id}/reviews`, { decision: 'approve', comment: '同意', confirm: '1' });
    assert.equal(again.status, 409);
  }
  const form2 = await pdfText(b, `/loans/${id}/review-form.pdf`);
  assert.match(form2, /联合评审意见表/);
  for (const dep of ['镇计生协会', '经委', '招商办']) assert.match(form2, new RegExp(`${dep}意见：同意`));
  assert.match(form2, /赵志强/);
  assert.match(form2, /20,000.00/);
  assert.match(form2, /370406\*{8}/, 'the applicant ID is masked on paper');

  const fin = new Browser(srv.base);
  await fin.login('qu_caiwu'); // the guarantee fund is the district's
  await fin.get('/guarantee-fund');
  assert.equal((await fin.post('/guarantee-fund', { kind: 'income', amount: '10,000.00', on: addDays(TODAY, -3), document_no: '测试', confirm: '1' })).status, 303);
  await b.get(`/loans/${id}`);
  const g = await b.post(`/loans/${id}/guarantee`, { coverage_pct: '100', cg_name: ['孔繁荣', ''],
    cg_id_number: [makeId('19800101', 56, 'M'), ''], cg_relation: ['兄弟', ''], pledged_asset: '', confirm: '1' });
  assert.equal(g.status, 303, g.text.slice(0, 500));
  const letter = await pdfText(b, `/loans/${id}/guarantee-letter.pdf`);
  assert.match(letter, /担保推荐函/);
  assert.match(letter, new RegExp(`西集担〔${TODAY.slice(0, 4)}〕\\d{3}号`));
  assert.match(letter, /20,000.00/);
  assert.match(letter, /孔繁荣（兄弟）/);
  assert.doesNotMatch(letter, new RegExp(makeId('19800101', 56, 'M')), 'no full resident ID on paper');
});

test('the calendar page is the admin\'s; the fund page refuses a bad amount and keeps the balance', async () => {
  const officer = new Browser(srv.base);
  await officer.login('xj_xiehui');
  assert.equal((await officer.get('/admin/holidays')).status, 403);
  const admin = new Browser(srv.base);
  await admin.login('admin');
  const cal = await admin.get('/admin/holidays?year=2026');
  assert.match(cal.text, /2026-10-01/);
  assert.match(cal.text, /春节调休上班/);
  const fin = new Browser(srv.base);
  await fin.login('qu_caiwu'); // the guarantee fund is the district's
  await fin.get('/guarantee-fund');
  const before = (await api(srv.base, 'GET', '/guarantee-fund', undefined, assoc)).body.balance_fen;
  const bad = await fin.post('/guarantee-fund', { kind: 'income', amount: '12.345', on: addDays(TODAY, -3), document_no: 'x' });
  assert.equal(bad.status, 422);
  assert.equal((await api(srv.base, 'GET', '/guarantee-fund', undefined, assoc)).body.balance_fen, before);
});
