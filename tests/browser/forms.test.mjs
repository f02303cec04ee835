// Browser test of issue 17 (items 1–4, 10): each form makes the mistake and comes back with what was
// typed; irreversible actions are restated with the amount in 大写 and done only when confirmed; a
// refused duplicate receipt is shown as an error; a repayment reversed (冲正) restores the account;
// applications are withdrawn (撤回) from the page; one person cannot verify and review a relief.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loginAs as login, OUT } from './lib.mjs';
import { startServer, api, token, makeId, unitIds, submittedApplication, guaranteedApplication, REVIEWERS, TODAY }
  from '../http/lib.mjs';

let srv, browser, units;
const CONFIRM = 'button[name=confirm][value="1"]';
const CAPITAL = /[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+/;

before(async () => {
  srv = await startServer();
  units = await unitIds(srv.base, await token(srv.base, 'admin'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const loginAs = (username) => login(browser, srv.base, username, 1000);
let order = 60;
const person = (name) => ({ village_id: units['西集村'], name, id_number: makeId('19820405', order++, 'M'), amount_fen: 5000000 });

test('documents ticked before 提交联合评审 are kept and the refusal names only the missing ones', async () => {
  const assoc = await token(srv.base, 'xj_xiehui');
  const hh = await api(srv.base, 'POST', '/households', { village_id: units['西集村'], policy_compliant: true,
    head: { name: '吕成刚', id_number: makeId('19800101', order++, 'M'), phone: '13905320001' } }, assoc);
  const a = await api(srv.base, 'POST', '/loan-applications', { household_id: hh.body.id, amount_fen: 3000000,
    term_months: 12, project_type: 'trade', project_name: '小超市' }, assoc);
  const page = await loginAs('xj_xiehui');
  await page.goto(`${srv.base}/loans/${a.body.id}`);
  for (const doc of ['id_card', 'hukou', 'marriage']) await page.check(`input[name=doc][value=${doc}]`);
  await page.click('button:has-text("保存并提交联合评审")');
  const error = await page.textContent('p.error');
  assert.match(error, /缺少：计划生育证明/);
  assert.doesNotMatch(error, /身份证|户口簿/, 'the ticked documents are not claimed missing');
  for (const doc of ['id_card', 'hukou', 'marriage']) assert.ok(await page.isChecked(`input[name=doc][value=${doc}]`), doc);
  assert.ok(!(await page.isChecked('input[name=doc][value=business_plan]')));
  await page.screenshot({ path: OUT + 'forms-documents-kept.png', fullPage: true });
  const stored = (await api(srv.base, 'GET', `/loan-applications/${a.body.id}`, undefined, assoc)).body;
  assert.equal(stored.state, 'draft');
  assert.deepEqual(Object.values(stored.documents).filter(Boolean), [], 'the refused submission saved nothing');
  // Editing before submission: a wrong amount comes back as typed, a right one is saved.
  await page.click('a:has-text("修改申请")');
  await page.fill('input[name=amount]', '3,00');
  await page.fill('input[name=project_name]', '小超市扩建');
  await page.click('button:has-text("保存修改")');
  assert.match(await page.textContent('p.error'), /贷款金额格式不正确/);
  assert.equal(await page.inputValue('input[name=amount]'), '3,00');
  assert.equal(await page.inputValue('input[name=project_name]'), '小超市扩建');
  await page.fill('input[name=amount]', '35000');
  await page.click('button:has-text("保存修改")');
  await page.waitForURL(/ok=edited/);
  assert.match(await page.textContent('main'), /35,000\.00 元/);
  assert.match(await page.textContent('main'), /小超市扩建/);
  // Withdrawal from the page: a reason, the confirmation, then 已撤回.
  await page.click('summary:has-text("撤回申请")');
  await page.fill('textarea[name=reason]', '户主改变主意');
  await page.click('button:has-text("撤回申请")');
  assert.match(await page.textContent('.question'), /确认撤回第 \d+ 号申请（吕\*刚，35,000\.00 元（叁万伍仟元整））？撤回原因：户主改变主意/);
  await page.click(CONFIRM);
  await page.waitForURL(/ok=loan_withdrawn/);
  assert.match(await page.textContent('.state'), /已撤回/);
  assert.match(await page.textContent('dl.facts'), /撤回原因户主改变主意/);
});

test('the reviewer\'s opinion has no default, is kept after an error, and is confirmed in words', async () => {
  const { application } = await submittedApplication(srv.base, person('吕成海'));
  const page = await loginAs('xj_jingwei');
  await page.goto(`${srv.base}/loans/${application}`);
  assert.equal(await page.locator('input[name=decision]:checked').count(), 0, 'nothing pre-selected');
  await page.check('input[name=decision][value=more_info]');
  await page.click('button:has-text("提交意见")');
  assert.match(await page.textContent('p.error'), /请写明理由/);
  assert.ok(await page.isChecked('input[name=decision][value=more_info]'), 'the chosen opinion is kept');
  assert.equal(await page.locator('input[name=decision]:checked').count(), 1);
  await page.fill('textarea[name=comment]', '请补充近三个月的进货单据');
  await page.click('button:has-text("提交意见")');
  const q = await page.textContent('.question');
  assert.match(q, /提出本部门意见：补充材料。说明：请补充近三个月的进货单据/);
  assert.match(q, /50,000\.00 元（伍万元整）/);
  await page.screenshot({ path: OUT + 'forms-review-confirm.png', fullPage: true });
  await page.click(CONFIRM);
  await page.waitForURL(/ok=reviewed/);
});

test('the guarantee form keeps the counter-guarantor after a refusal', async () => {
  const { application } = await submittedApplication(srv.base, person('吕成山'));
  for (const who of REVIEWERS) {
    await api(srv.base, 'POST', `/loan-applications/${application}/reviews`, { decision: 'approve', comment: '' }, await token(srv.base, who));
  }
  const page = await loginAs('xj_xiehui');
  await page.goto(`${srv.base}/loans/${application}`);
  await page.fill('input[name=coverage_pct]', '80');
  await page.locator('input[name=cg_name]').first().fill('孔繁荣');
  await page.locator('input[name=cg_id_number]').first().fill('370406198001019999');
  await page.locator('input[name=cg_relation]').first().fill('兄弟');
  await page.click('button:has-text("办理担保")');
  assert.match(await page.textContent('.question'), /确认为第 \d+ 号申请（吕\*山，贷款 50,000\.00 元（伍万元整））办理担保？担保比例 80%，反担保人：孔繁荣/);
  await page.click(CONFIRM);
  assert.ok(await page.locator('p.error').count(), 'refused: the resident ID is not valid');
  assert.equal(await page.locator('input[name=cg_name]').first().inputValue(), '孔繁荣');
  assert.equal(await page.locator('input[name=cg_id_number]').first().inputValue(), '370406198001019999');
  assert.equal(await page.locator('input[name=cg_relation]').first().inputValue(), '兄弟');
  assert.equal(await page.inputValue('input[name=coverage_pct]'), '80');
  const state = (await api(srv.base, 'GET', `/loan-applications/${application}`, undefined, await token(srv.base, 'xj_xiehui'))).body.state;
  assert.equal(state, 'approved', 'the refusal changed nothing');
});

test('disbursement keeps what was typed; repayment and reversal are confirmed in 大写; the reversal restores the account', async () => {
  const { application } = await guaranteedApplication(srv.base, person('张国明'));
  const page = await loginAs('xj_xinyong');
  await page.goto(`${srv.base}/loans/${application}`);
  await page.fill('input[name=contract_no]', 'XJ-F-0001');
  await page.fill('input[name=principal]', '60000');
  await page.fill('input[name=annual_rate]', '4.75');
  await page.selectOption('select[name=method]', 'equal-principal');
  await page.click('button:has-text("登记放款")');
  assert.match(await page.textContent('.question'), /确认放款 60,000\.00 元（陆万元整）给 张\*明？/);
  await page.click(CONFIRM);
  assert.ok(await page.locator('p.error').count(), 'more than approved is refused');
  assert.equal(await page.inputValue('input[name=contract_no]'), 'XJ-F-0001');
  assert.equal(await page.inputValue('input[name=annual_rate]'), '4.75');
  assert.equal(await page.inputValue('select[name=method]'), 'equal-principal');
  assert.equal(await page.inputValue('input[name=principal]'), '60000');
  await page.screenshot({ path: OUT + 'forms-disburse-kept.png', fullPage: true });
  await page.fill('input[name=principal]', '50000');
  await page.click('button:has-text("登记放款")');
  const q = await page.textContent('.question');
  assert.match(q, /确认放款 50,000\.00 元（伍万元整）给 张\*明？/);
  assert.match(q, /借款合同号 XJ-F-0001，放款日期 \d{4}-\d\d-\d\d，年利率 4\.75%，12 个月，等额本金/);
  await page.screenshot({ path: OUT + 'forms-disburse-confirm.png', fullPage: true });
  // 返回修改 brings the form back with everything typed.
  await page.click('button:has-text("返回修改")');
  assert.equal(await page.inputValue('input[name=contract_no]'), 'XJ-F-0001');
  assert.equal(await page.inputValue('input[name=principal]'), '50000');
  await page.click('button:has-text("登记放款")');
  await page.click(CONFIRM);
  await page.waitForURL(/\/accounts\/\d+\?ok=disbursed/);
  const account = page.url().replace(/\?.*/, '');
  const payoff0 = await page.textContent('#payoff');

  await page.fill('input[name=amount]', '2,187.98');
  await page.fill('input[name=receipt_no]', 'XJ-R-F1');
  await page.click('button:has-text("登记")');
  assert.match(await page.textContent('.question'), new RegExp(`确认登记 张\\*明 的还款 2,187\\.98 元（贰仟壹佰捌拾柒元玖角捌分）？贷款合同号 XJ-F-0001，还款日期 ${TODAY}，信用社凭证号 XJ-R-F1`));
  await page.screenshot({ path: OUT + 'forms-repay-confirm.png', fullPage: true });
  await page.click(CONFIRM);
  await page.waitForURL(/ok=repaid/);
  assert.notEqual(await page.textContent('#payoff'), payoff0);

  // The same receipt again: refused, in the error style, nothing booked.
  await page.fill('input[name=amount]', '2,187.98');
  await page.fill('input[name=receipt_no]', 'XJ-R-F1');
  await page.click('button:has-text("登记")');
  await page.click(CONFIRM);
  await page.waitForURL(/refused=duplicate/);
  assert.match(await page.textContent('p.error'), /该凭证号此前已登记，本次未入账/);
  assert.equal(await page.locator('p.flash').count(), 0, 'not a green banner');
  await page.screenshot({ path: OUT + 'forms-duplicate.png', fullPage: true });

  // 冲正: the reason, the confirmation with the amount in 大写, then the account as before.
  await page.fill('input[name=reason][aria-label=冲正原因]', '凭证号录错');
  await page.click('button:has-text("冲正")');
  const rq = await page.textContent('.question');
  assert.match(rq, /确认冲正 张\*明 在 \d{4}-\d\d-\d\d 的还款 2,187\.98 元（贰仟壹佰捌拾柒元玖角捌分）（信用社凭证号 XJ-R-F1）？/);
  assert.match(rq, CAPITAL);
  await page.screenshot({ path: OUT + 'forms-reverse-confirm.png', fullPage: true });
  await page.click(CONFIRM);
  await page.waitForURL(/ok=reversed/);
  assert.equal(await page.textContent('#payoff'), payoff0, 'the reversal restores what is owed');
  assert.match(await page.textContent('main'), /已冲正：凭证号录错/);
  assert.ok(account);
});

test('the relief form keeps the category, the objection form keeps the text, one person cannot verify and review', async () => {
  const assoc = await token(srv.base, 'xj_xiehui');
  const hh = await api(srv.base, 'POST', '/households', { village_id: units['西集村'], policy_compliant: true,
    categories: ['hardship'], head: { name: '吕桂英', id_number: makeId('19700101', order++, 'F'), phone: '13905320002' } }, assoc);
  const clerk = await loginAs('xj_jiuzhu');
  await clerk.goto(`${srv.base}/relief/new?household_id=${hh.body.id}`);
  const values = await clerk.locator('select[name=category_id] option').evaluateAll((o) => o.map((x) => x.value));
  const chosen = values[values.length - 1];
  await clerk.selectOption('select[name=category_id]', chosen);
  await clerk.fill('input[name=amount]', '1,0');
  await clerk.fill('textarea[name=reason]', '因病');
  await clerk.click('button:has-text("提交申请")');
  assert.ok(await clerk.locator('p.error').count());
  assert.equal(await clerk.inputValue('select[name=category_id]'), chosen, 'the category is kept');
  assert.equal(await clerk.inputValue('input[name=amount]'), '1,0');

  // A relief the clerk verified: the clerk's own 镇审核 is refused (same_person).
  const cats = Object.fromEntries((await api(srv.base, 'GET', '/relief-categories', undefined, await token(srv.base, 'xj_jiuzhu')))
    .body.items.map((c) => [c.name, c.id]));
  const r = await api(srv.base, 'POST', '/relief-applications', { household_id: hh.body.id, category_id: cats['双千帮扶'],
    amount_fen: 100000, reason: '因病致贫' }, await token(srv.base, 'xj_jiuzhu'));
  await clerk.goto(`${srv.base}/relief/${r.body.id}`);
  await clerk.click('button:has-text("村审核通过")');
  await clerk.waitForURL(/ok=relief_step/);
  await clerk.click('button:has-text("镇审核通过")');
  assert.match(await clerk.textContent('p.error'), /同一人不能既村审核（核实）又镇审核同一申请/);
  await clerk.screenshot({ path: OUT + 'forms-same-person.png', fullPage: true });
  // A supporting document: a PNG is accepted and listed; a text file named .pdf is refused.
  await clerk.setInputFiles('input[name=file]', { name: '诊断证明.png', mimeType: 'image/png',
    buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]) });
  await clerk.click('button:has-text("上传")');
  await clerk.waitForURL(/ok=document/);
  assert.equal(await clerk.locator('ul.docs-files a:has-text("诊断证明.png")').count(), 1);
  await clerk.setInputFiles('input[name=file]', { name: '票据.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
  await clerk.click('button:has-text("上传")');
  assert.match(await clerk.textContent('p.error'), /只能上传 PDF、JPG 或 PNG 文件/);
  assert.equal(await clerk.locator('ul.docs-files li a').count(), 1);
  await clerk.screenshot({ path: OUT + 'forms-relief-documents.png', fullPage: true });

  // The public objection form keeps the villager's text after a refusal.
  const list = (await api(srv.base, 'GET', '/notices', undefined, await token(srv.base, 'xj_jiuzhu'))).body.items;
  const current = list.find((n) => n.kind === 'relief' && n.ends_on >= TODAY && n.starts_on <= TODAY);
  assert.ok(current, 'the demo has a relief notice in its period');
  const pub = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await pub.goto(`${srv.base}/notices/${current.id}`);
  await pub.fill('input[name=item]', '999');
  await pub.fill('textarea[name=text]', '该户家里新盖了楼房，条件不差');
  await pub.fill('input[name=contact]', '村民');
  await pub.click('button:has-text("提交")');
  assert.match(await pub.textContent('p.error'), /公示中没有第 999 项/);
  assert.equal(await pub.inputValue('textarea[name=text]'), '该户家里新盖了楼房，条件不差');
  assert.equal(await pub.inputValue('input[name=contact]'), '村民');
  await pub.screenshot({ path: OUT + 'forms-objection-kept.png', fullPage: true });
});
