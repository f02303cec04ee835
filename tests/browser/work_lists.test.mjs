// Browser test (issue 17, items 5, 6, 7, 8, 9, 12): each role's own queues and only links it may
// open; the audit log in Chinese; the 补充材料 request on top; the search box, the due lists with
// filters, totals and CSV; the village officer's reminders and SMS export; the small fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, serverAndBrowser, OUT } from './lib.mjs';
import { sqlRows, TODAY, addDays, makeId } from '../http/lib.mjs';

const ctx = serverAndBrowser();
const db = () => ctx.srv.db;
const BOM = '\ufeff';

// Fetches a path with the page's session; resolves to { status, type, text }.
async function fetchText(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p);
    const buf = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf) };
  }, ctx.srv.base + path);
}

// The count on the tile labelled label, or null when there is none.
async function tileCount(page, label) {
  const t = page.locator(`.tile:has(span:text-is("${label}")) .figure`);
  return (await t.count()) ? Number((await t.textContent()).replace(/,/g, '')) : null;
}

test('item 5: the liaison sees the guaranteed loans waiting; a reviewer sees no household figures and no link it cannot open', async () => {
  const waiting = sqlRows(db(), `SELECT count(*) AS n FROM loan_applications WHERE state = 'guaranteed'`)[0].n;
  const liaison = await loginAs(ctx.browser, ctx.srv.base, 'xj_xinyong');
  assert.equal(await tileCount(liaison, '待放款（已担保）'), waiting);
  assert.equal(await liaison.locator('a[href="/reports/relief"]').count(), 0, 'no 救助统计 link for the liaison');
  await liaison.click('.tile:has(span:text-is("待放款（已担保）"))');
  assert.equal(await liaison.locator('table.list tbody tr').count(), waiting);
  await liaison.context().close();

  const reviewer = await loginAs(ctx.browser, ctx.srv.base, 'xj_zhaoshang');
  assert.equal(await reviewer.locator('h2:text-is("计生家庭")').count(), 0);
  assert.equal(await tileCount(reviewer, '材料收集中'), null, 'no intake queue for a reviewer');
  const id = sqlRows(db(), `SELECT id FROM loan_applications ORDER BY id LIMIT 1`)[0].id;
  await reviewer.goto(`${ctx.srv.base}/loans/${id}`);
  assert.equal(await reviewer.locator('a[href^="/households/"]').count(), 0, 'the applicant is not a link');
  const hrefs = await reviewer.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const h of new Set(hrefs.filter((x) => !/\.pdf|logout/.test(x)))) {
    const r = await fetchText(reviewer, h);
    assert.notEqual(r.status, 403, `${h} is shown to the reviewer`);
  }
  await reviewer.context().close();
});

test('item 6: the audit log reads in Chinese with amounts in 元 and China time, filtered by Chinese choices', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'admin');
  await page.goto(`${ctx.srv.base}/audit`);
  assert.ok(await page.locator('th:text-is("时间（北京时间）")').count());
  await page.selectOption('select[name=action]', { label: '放款/发放' });
  await page.click('button:has-text("筛选")');
  const rows = page.locator('table.audit tbody tr');
  assert.ok(await rows.count() > 0);
  for (const t of await rows.locator('td:nth-child(3)').allTextContents()) assert.equal(t, '放款/发放');
  const stored = sqlRows(db(), `SELECT at, after_json FROM audit_log WHERE action = 'disburse' ORDER BY id DESC LIMIT 1`)[0];
  const first = rows.first();
  await first.locator('summary').click();
  const details = await first.locator('details').innerText();
  assert.doesNotMatch(details, /[{}"]|_fen|amount/, details);
  const fen = JSON.parse(stored.after_json).amount_fen ?? JSON.parse(stored.after_json).principal_fen;
  const yuan = (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.ok(details.includes(`${yuan} 元`), `${yuan} 元 in ${details}`);
  const china = new Date(Date.parse(stored.at.replace(' ', 'T') + 'Z') + 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' ');
  assert.equal(await first.locator('td:first-child').textContent(), china);
  await page.screenshot({ path: `${OUT}audit.png`, fullPage: true });
  await page.context().close();
});

test('item 7: the department\'s request for more material is on top of the application and on the handler\'s home page', async () => {
  const [app] = sqlRows(db(), `SELECT a.id, r.comment FROM loan_applications a JOIN loan_reviews r ON r.application_id = a.id
    AND r.round = a.round AND r.decision = 'more_info' WHERE a.state = 'more_info' LIMIT 1`);
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_xiehui');
  assert.ok((await page.locator('section.more-info').innerText()).includes(app.comment));
  await page.click(`section.more-info a[href="/loans/${app.id}"]`);
  const box = page.locator('main > section.warn-box');
  assert.ok((await box.innerText()).includes(app.comment));
  const boxTop = (await box.boundingBox()).y, factsTop = (await page.locator('dl.facts').boundingBox()).y;
  assert.ok(boxTop < factsTop, 'the request comes before the application');
  assert.equal(await page.locator('td:text-is("待评审")').count(), 0, 'a closed round shows no 待评审');
  assert.equal(await page.getByText('未指定').count(), 1, 'B角 未指定 once (the select)');
  await page.screenshot({ path: `${OUT}more-info.png`, fullPage: true });
  await page.context().close();
});

test('item 8: one search box finds households, loans and receipts by name part, ID digits, phone, contract and receipt number', async () => {
  const [head] = sqlRows(db(), `SELECT m.name, m.id_number, m.phone, h.id FROM members m JOIN households h ON h.id = m.household_id
    JOIN units v ON v.id = h.village_id WHERE m.is_head = 1 AND v.name = '西集村' AND m.phone != ''
    AND (SELECT count(*) FROM members o WHERE instr(o.name, substr(m.name, 2)) > 0) < 10 ORDER BY h.id LIMIT 1`);
  const [loan] = sqlRows(db(), `SELECT l.id, l.contract_no, a.id AS app, (SELECT receipt_no FROM repayments WHERE loan_id = l.id LIMIT 1) AS receipt
    FROM loans l JOIN loan_applications a ON a.id = l.application_id LIMIT 1`);
  const [pay] = sqlRows(db(), `SELECT receipt_no, application_id FROM relief_payments LIMIT 1`);
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_xiehui');
  const search = async (q) => {
    await page.fill('header form.find input[name=find]', q);
    await page.click('header form.find button');
    await page.waitForURL(/\/search\?find=/);
  };
  await search(head.name.slice(1));
  assert.ok(await page.locator(`a[href="/households/${head.id}"]`).count(), 'a name part');
  await search(head.id_number.slice(-6));
  assert.ok(await page.locator(`a[href="/households/${head.id}"]`).count(), 'the ID\'s last digits');
  await search(head.phone);
  assert.ok(await page.locator(`a[href="/households/${head.id}"]`).count(), 'the phone');
  await search(loan.contract_no.slice(-7));
  assert.ok(await page.locator(`a[href="/accounts/${loan.id}"]`).count(), 'a contract number');
  await search(loan.receipt);
  assert.ok(await page.locator(`a[href="/loans/${loan.app}"]`).count(), 'a repayment receipt');
  await search(pay.receipt_no);
  assert.ok(await page.locator(`a[href="/relief/${pay.application_id}"]`).count(), 'a relief receipt');
  await page.screenshot({ path: `${OUT}search.png`, fullPage: true });
  await page.context().close();

  // Another village's officer does not find the household.
  const other = await loginAs(ctx.browser, ctx.srv.base, 'xj_cun_dongji');
  await other.goto(`${ctx.srv.base}/search?find=${encodeURIComponent(head.name)}`);
  assert.equal(await other.locator(`a[href="/households/${head.id}"]`).count(), 0);
  await other.context().close();
});

test('item 8: the 7-day tile opens the 7-day list with totals, days overdue, penalty and a CSV with BOM; households counted exactly', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_xinyong');
  await page.click('.tile:has(span:text-matches("7天内到期"))');
  await page.waitForURL(/\/due\?days=7/);
  assert.equal(await page.locator('select[name=days]').inputValue(), '7');
  const due = sqlRows(db(), `SELECT count(*) AS n, coalesce(sum(s.principal_fen - s.paid_principal_fen + s.interest_fen - s.paid_interest_fen), 0) AS fen
    FROM loan_schedule s JOIN loans l ON l.id = s.loan_id AND l.state = 'active'
    WHERE s.settled = 0 AND s.due_on >= '${TODAY}' AND s.due_on <= '${addDays(TODAY, 7)}'`)[0];
  const total = page.locator('table tbody tr:last-child');
  assert.equal(await total.locator('td').nth(1).textContent(), `${due.n} 期`);
  assert.equal(await total.locator('td').nth(6).textContent(), (due.fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));
  assert.ok(await page.locator('th:text-is("逾期天数")').count() && await page.locator('th:text-is("罚息复利（元）")').count()
    && await page.locator('th:text-is("逾期金额（元）")').count());
  const csv = await fetchText(page, '/due.csv?days=7');
  assert.equal(csv.status, 200);
  assert.ok(csv.text.startsWith(BOM), 'CSV starts with a BOM');
  assert.equal(csv.text.trim().split('\n').length, 1 + due.n + 1, 'head, rows, total');
  await page.goto(`${ctx.srv.base}/overdue`);
  const overdue = sqlRows(db(), `SELECT s.due_on FROM loan_schedule s JOIN loans l ON l.id = s.loan_id AND l.state = 'active'
    WHERE s.settled = 0 AND s.due_on < '${TODAY}' ORDER BY s.due_on LIMIT 1`);
  if (overdue.length) {
    const days = Math.round((Date.parse(TODAY) - Date.parse(overdue[0].due_on)) / 864e5);
    const cells = await page.locator('table tbody tr td:nth-child(8)').allTextContents();
    assert.ok(cells.includes(String(days)), `${days} days overdue in ${cells}`);
  }
  await page.context().close();

  const admin = await loginAs(ctx.browser, ctx.srv.base, 'admin');
  const n = sqlRows(db(), `SELECT count(*) AS n FROM households`)[0].n;
  await admin.goto(`${ctx.srv.base}/households`);
  const pager = await admin.locator('nav.pager span').textContent();
  assert.ok(pager.includes(`共 ${n.toLocaleString('en-US')} 条`), pager);
  await admin.goto(`${ctx.srv.base}/home`);
  assert.equal(await admin.locator('.tile:has(span:text-is("计生家庭")) .figure').textContent(), n.toLocaleString('en-US'));
  await admin.context().close();
});

test('item 9: the village officer\'s reminder list holds only their village; the SMS export has phone, name and the message', async () => {
  const window = 30;
  const rows = sqlRows(db(), `SELECT v.name AS village, hm.name, hm.phone, s.due_on,
      s.principal_fen - s.paid_principal_fen + s.interest_fen - s.paid_interest_fen AS fen
    FROM loan_schedule s JOIN loans l ON l.id = s.loan_id AND l.state = 'active' JOIN loan_applications a ON a.id = l.application_id
    JOIN households h ON h.id = a.household_id JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1
    JOIN units v ON v.id = h.village_id WHERE s.settled = 0 AND s.due_on >= '${TODAY}' AND s.due_on <= '${addDays(TODAY, window)}'`);
  const villages = [...new Set(rows.map((r) => r.village))];
  const users = sqlRows(db(), `SELECT u.username, v.name AS village FROM users u JOIN units v ON v.id = u.unit_id WHERE u.role = 'village'`);
  const officer = users.find((u) => villages.includes(u.village)) || users[0];
  const mine = rows.filter((r) => r.village === officer.village);
  const page = await loginAs(ctx.browser, ctx.srv.base, officer.username);
  await page.click('header nav a:text-is("到期提醒")');
  await page.selectOption('select[name=days]', String(window));
  await page.click('button:has-text("统计")');
  const villagesShown = await page.locator('table tbody tr td:first-child').allTextContents();
  assert.deepEqual([...new Set(villagesShown.slice(0, -1))], mine.length ? [officer.village] : []);
  assert.equal(villagesShown.length - 1, mine.length);
  await page.screenshot({ path: `${OUT}reminders.png`, fullPage: true });
  const sms = await fetchText(page, `/due/sms.csv?days=${window}`);
  assert.ok(sms.text.startsWith(BOM));
  const lines = sms.text.slice(1).trim().split(/\r?\n/);
  assert.equal(lines[0], '电话,姓名,短信内容,逾期本息（元）,罚息复利（元）');
  const withPhone = mine.filter((r) => r.phone);
  assert.equal(lines.length - 1, withPhone.length);
  for (const r of withPhone) {
    const amount = (r.fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    assert.ok(lines.some((l) => l.startsWith(`${r.phone},${r.name},`) && l.includes(`${r.due_on} 还款 ${amount} 元`)), `${r.name} ${amount}`);
  }
  const pdf = await fetchText(page, `/due/reminders.pdf?days=${window}`);
  assert.equal(pdf.type, 'application/pdf');
  await page.context().close();
});

test('item 12: favicon, reports in the navigation, format help instead of "Markdown"', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_xiehui');
  const icon = await page.locator('link[rel=icon]').getAttribute('href');
  assert.equal((await fetchText(page, icon)).status, 200);
  await page.click('header nav a:text-is("报表")');
  for (const title of ['贷款情况表', '帮扶成效', '救助统计', '到期清单', '逾期清单'])
    assert.ok(await page.locator(`ul.reports a:text-is("${title}")`).count(), title);
  const hh = sqlRows(db(), `SELECT h.id FROM households h JOIN units v ON v.id = h.village_id WHERE v.name = '西集村' LIMIT 1`)[0].id;
  await page.goto(`${ctx.srv.base}/loans/new?household_id=${hh}`);
  assert.equal(await page.getByText('Markdown').count(), 0);
  await page.click('summary:text-is("格式说明")');
  assert.ok(await page.locator('details.format-help li').count() >= 3);
  await page.context().close();
});

test('item 12: the new-household form chooses nothing for the clerk and refuses a child as 父母; relief history and notice forms', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_xiehui');
  await page.goto(`${ctx.srv.base}/households/new`);
  assert.equal(await page.locator('select[name=village_id]').inputValue(), '');
  assert.equal(await page.locator('input[type=checkbox]:checked').count(), 0, 'nothing ticked');
  await page.fill('input[name=head_name]', '苗建业');
  await page.fill('input[name=head_id_number]', makeId('19800303', 81, 'M'));
  await page.fill('input[name=head_phone]', '15066771234');
  await page.selectOption('select[name=village_id]', { label: '西集镇 · 西集村' });
  await page.locator('input[name=member_name]').first().fill('苗小宝');
  await page.locator('input[name=member_id_number]').first().fill(makeId('20120505', 82, 'M'));
  await page.locator('select[name=member_relation]').first().selectOption('父母');
  await page.click('button:has-text("保存")');
  assert.match(await page.locator('.error').textContent(), /苗小宝：出生晚于户主，不能登记为户主的父母/);
  assert.equal(await page.locator('input[name=member_name]').first().inputValue(), '苗小宝', 'input kept');
  assert.equal(sqlRows(db(), `SELECT count(*) AS n FROM members WHERE name IN ('苗建业', '苗小宝')`)[0].n, 0, 'nothing saved');

  const paid = sqlRows(db(), `SELECT a.id, p.receipt_no FROM relief_applications a JOIN relief_payments p ON p.application_id = a.id
    JOIN households h ON h.id = a.household_id JOIN units v ON v.id = h.village_id JOIN units t ON t.id = v.parent_id
    WHERE a.state = 'paid' AND t.name = '西集镇' LIMIT 1`)[0];
  await page.goto(`${ctx.srv.base}/relief/${paid.id}`);
  const step = await page.locator('li:has-text("发放：")').textContent();
  assert.ok(step.includes(paid.receipt_no) && /元/.test(step), step);

  await page.goto(`${ctx.srv.base}/notices`);
  const relief = page.locator('form:has(input[name=kind][value=relief])');
  assert.equal(await relief.locator('input[name=from], input[name=to]').count(), 0, 'no loan dates on the relief notice');
  assert.equal(await page.locator('form:has(input[name=kind][value=loan]) input[name=from]').count(), 1);
  await page.context().close();
});
