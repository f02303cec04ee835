// Browser test: an extension (展期) from the loan account page in Chromium — the liaison fills the
// form, the confirmation restates it with the remaining principal in figures and 大写, 返回修改 brings
// the form back with everything typed, the confirmed request waits for approval; the association's
// worker approves it (confirmed too), and the page shows the new schedule and the superseded one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loginAs as login, OUT } from './lib.mjs';
import { startServer, api, token, makeId, unitIds, addDays, TODAY, ALL_DOCS, REVIEWERS } from '../http/lib.mjs';

let srv, browser, loanId;
const CONFIRM = 'button[name=confirm][value="1"]';

before(async () => {
  srv = await startServer();
  const t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_xinyong', 'qu_caiwu', ...REVIEWERS]) t[u] = await token(srv.base, u);
  const units = await unitIds(srv.base, t.admin);
  const hh = await api(srv.base, 'POST', '/households', { village_id: units['王楼村'], policy_compliant: true,
    head: { name: '展期户', id_number: makeId('19800101', 61, 'M'), phone: '13905329999' } }, t.xj_xiehui);
  const a = await api(srv.base, 'POST', '/loan-applications', { household_id: hh.body.id, amount_fen: 5000000,
    term_months: 12, project_type: 'herbs', project_name: '丹参种植' }, t.xj_xiehui);
  await api(srv.base, 'PUT', `/loan-applications/${a.body.id}/documents`, ALL_DOCS, t.xj_xiehui);
  await api(srv.base, 'POST', `/loan-applications/${a.body.id}/submit`, {}, t.xj_xiehui);
  for (const who of REVIEWERS) {
    await api(srv.base, 'POST', `/loan-applications/${a.body.id}/reviews`, { decision: 'approve', comment: '' }, t[who]);
  }
  await api(srv.base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: 5000000, on: TODAY, document_no: 'T' }, t.qu_caiwu);
  await api(srv.base, 'POST', `/loan-applications/${a.body.id}/guarantee`, { pledged_asset: '农机' }, t.xj_xiehui);
  // 利随本清 disbursed ten days ago: nothing is due yet, 50,000.00 outstanding
  const l = await api(srv.base, 'POST', '/loans', { application_id: a.body.id, contract_no: 'XJ-BR-EXT-1',
    disbursed_on: addDays(TODAY, -10), principal_fen: 5000000, annual_rate: '4.35', method: 'bullet', term_months: 12 }, t.xj_xinyong);
  assert.equal(l.status, 201, JSON.stringify(l.body));
  loanId = l.body.id;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the liaison asks for an extension on the loan page, confirmed in words; another worker approves it', async () => {
  const liaison = await login(browser, srv.base, 'xj_xinyong', 1400);
  await liaison.goto(`${srv.base}/accounts/${loanId}`);
  await liaison.fill('#extension-form input[name=months]', '18');
  await liaison.fill('#extension-form input[name=reason]', '干旱减产，申请展期');
  await liaison.click('button:has-text("申请展期")');
  const question = await liaison.textContent('main');
  assert.match(question, /确认为 展\*户（合同号 XJ-BR-EXT-1）申请展期/);
  assert.match(question, /50,000\.00 元（伍万元整）/);
  assert.match(question, /按 18 个月、利随本清、年利率 4\.35%/);
  await liaison.screenshot({ path: OUT + 'extension-confirm.png', fullPage: true });
  // 返回修改: the form again with what was typed
  await liaison.click('button[name=confirm][value=edit]');
  assert.equal(await liaison.inputValue('#extension-form input[name=months]'), '18');
  assert.equal(await liaison.inputValue('#extension-form input[name=reason]'), '干旱减产，申请展期');
  await liaison.click('button:has-text("申请展期")');
  await liaison.click(CONFIRM);
  await liaison.waitForURL(/ok=extension/);
  assert.match(await liaison.textContent('#extension + ul'), /待审批.*干旱减产，申请展期.*申请人 陈立新/s);
  assert.equal(await liaison.locator('button:has-text("提交审批意见")').count(), 0, 'the liaison does not approve');

  const assoc = await login(browser, srv.base, 'xj_xiehui', 1400);
  await assoc.goto(`${srv.base}/accounts/${loanId}`);
  await assoc.check('input[name=decision][value=approve]');
  await assoc.click('button:has-text("提交审批意见")');
  assert.match(await assoc.textContent('main'), /确认同意 展\*户（合同号 XJ-BR-EXT-1）的展期？剩余本金 50,000\.00 元（伍万元整）/);
  await assoc.click(CONFIRM);
  await assoc.waitForURL(/ok=extension_approved/);
  assert.match(await assoc.textContent('#extension + ul'), /已生效.*审批人 孙丽华/s);
  // the new schedule: one row (利随本清) due 18 months after today; the old row kept as superseded
  const due = await assoc.locator('table.list').first().locator('tbody tr').allTextContents();
  assert.equal(due.length, 1);
  await assoc.click('summary:has-text("被展期取代的原还款计划")');
  assert.equal(await assoc.locator('table.superseded tbody tr').count(), 1);
  assert.match(await assoc.textContent('table.superseded'), /50,000\.00/);
  await assoc.screenshot({ path: OUT + 'extension-approved.png', fullPage: true });
  const api1 = (await api(srv.base, 'GET', `/loans/${loanId}/lifecycle`, undefined, await token(srv.base, 'xj_xiehui'))).body;
  assert.equal(api1.extensions[0].state, 'approved');
  assert.equal(api1.loan.schedule[0].principal_fen, 5000000);
  assert.equal(api1.loan.schedule[0].due_on, addMonthsIso(TODAY, 18));
  await liaison.context().close();
  await assoc.context().close();
});

// The date n months after an ISO date (the day kept; the demo's today is never past the 28th).
function addMonthsIso(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
