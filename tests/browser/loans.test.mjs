// Browser test: an application walks through the joint review in Chromium — registered from the
// household page, documents ticked, submitted, three departments approve from their queues,
// and the handler sees it approved with the review form to print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loginAs as login, OUT, registerHousehold } from './lib.mjs';
import { startServer, makeId } from '../http/lib.mjs';

let srv, browser, householdId;

before(async () => {
  srv = await startServer();
  householdId = await registerHousehold(srv.base, '枣园村', ['one_child'],
    { name: '颜景山', id_number: makeId('19810321', 77, 'M'), phone: '13969451234' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const loginAs = (username) => login(browser, srv.base, username, 1000);

test('an application goes from the household page through three reviews to approved', async () => {
  const staff = await loginAs('xj_xiehui');
  await staff.goto(`${srv.base}/households/${householdId}`);
  await staff.click('text=申请贷款');
  await staff.fill('input[name=amount]', '200000');
  await staff.fill('input[name=term_months]', '36');
  await staff.selectOption('select[name=project_type]', 'livestock');
  await staff.fill('input[name=project_name]', '蛋鸡养殖场（2.6万只）');
  await staff.fill('input[name=expected_jobs]', '6');
  await staff.fill('textarea[name=business_plan_md]', '# 蛋鸡养殖\n\n- 鸡舍两栋\n- 存栏 **26,000** 只');
  await staff.click('button:has-text("登记申请")');
  await staff.waitForURL(/\/loans\/\d+\?ok=created/);
  const url = staff.url().replace(/\?.*$/, '');
  for (const box of await staff.locator('ul.docs input[type=checkbox]').all()) await box.check();
  await staff.click('button:has-text("保存材料情况")');
  await staff.click('button:has-text("提交联合评审")');
  await staff.waitForURL(/ok=submitted/);
  assert.match(await staff.textContent('.state'), /联合评审中/);
  await staff.screenshot({ path: OUT + 'loan-in-review.png', fullPage: true });

  for (const who of ['xj_jingwei', 'xj_zhaoshang', 'xj_pingshen']) {
    const reviewer = await loginAs(who);
    await reviewer.click('nav >> text=待评审');
    await reviewer.click(`a[href="${new URL(url).pathname}"]`);
    await reviewer.check('input[value=approve]');
    await reviewer.fill('textarea[name=comment]', '同意');
    await reviewer.click('button:has-text("提交意见")');
    await reviewer.click('button[name=confirm][value="1"]'); // the opinion restated, then confirmed
    await reviewer.waitForURL(/ok=reviewed/);
    assert.equal(await reviewer.locator('text=本部门意见').count(), 0, 'the form is gone once the department has spoken');
    if (who === 'xj_zhaoshang') await reviewer.screenshot({ path: OUT + 'loan-review.png', fullPage: true });
  }

  await staff.goto(url);
  assert.match(await staff.textContent('.state'), /评审通过/);
  assert.equal(await staff.locator('td.decision-approve').count(), 3);
  assert.equal(await staff.locator('a:has-text("打印联合评审意见表")').count(), 1);
  assert.equal(await staff.locator('h2:has-text("办理担保")').count(), 1);
  await staff.screenshot({ path: OUT + 'loan-approved.png', fullPage: true });
  await staff.goto(srv.base + '/home');
  await staff.screenshot({ path: OUT + 'dashboard.png', fullPage: true });
});
