// Browser test (issue 19): the admin's loan products page — a refused product comes back with what
// was typed and the error by its field, then is created and listed; an association worker registers
// a cooperative (a wrong credit code refused, the form kept), opens its page with the member
// households linked, and applies for a loan under the cooperatives' product.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs as login, OUT, registerHousehold, serverAndBrowser } from './lib.mjs';
import { makeId } from '../http/lib.mjs';

const ctx = serverAndBrowser();

// The page's content is no wider than its viewport (no sideways scrolling of the whole page).
async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test('the admin adds a loan product; a refusal keeps what was typed', async () => {
  const admin = await login(ctx.browser, ctx.srv.base, 'admin');
  await admin.click('nav >> text=贷款产品');
  await admin.waitForURL(/\/admin\/loan-products$/);
  assert.match(await admin.textContent('table.list'), /计生信贷助富创业贷款（默认）/);
  assert.match(await admin.textContent('table.list'), /小额创业贷款/);
  await admin.fill('input[name=name]', '果园春耕小额贷款');
  await admin.fill('input[name=min_amount]', '30000');
  await admin.fill('input[name=max_amount]', '10000'); // below the minimum
  await admin.fill('input[name=min_months]', '3');
  await admin.fill('input[name=max_months]', '12');
  await admin.fill('input[name=min_rate]', '3.45');
  await admin.fill('input[name=max_rate]', '5.00');
  await admin.uncheck('input[name=methods][value=equal-principal]');
  await admin.click('button:has-text("新建产品")');
  assert.match(await admin.textContent('body'), /金额范围无效：下限应大于零且不高于上限/);
  assert.equal(await admin.inputValue('input[name=name]'), '果园春耕小额贷款', 'the name is kept');
  assert.equal(await admin.inputValue('input[name=max_amount]'), '10000', 'the typed amount is kept');
  assert.equal(await admin.isChecked('input[name=methods][value=equal-principal]'), false, 'the unticked method stays unticked');
  await admin.fill('input[name=min_amount]', '5000');
  await admin.selectOption('select[name=settlement]', 'quarter_20th');
  await admin.click('button:has-text("新建产品")');
  assert.match(await admin.textContent('body'), /按季结息的产品只能选到期一次还本的还款方式/);
  await admin.selectOption('select[name=settlement]', 'due_dates');
  await admin.fill('input[name=max_amount]', '30000');
  await admin.click('button:has-text("新建产品")');
  await admin.waitForURL(/ok=created/);
  const row = admin.locator('table.list tr', { hasText: '果园春耕小额贷款' });
  assert.match(await row.textContent(), /5,000\.00—30,000\.00/);
  assert.match(await row.textContent(), /3—12/);
  assert.doesNotMatch(await row.textContent(), /等额本金/);
  await admin.setViewportSize({ width: 390, height: 900 });
  assert.ok(await fitsWidth(admin), 'the products page fits a phone');
  await admin.screenshot({ path: OUT + 'loan-products.png', fullPage: true });
});

test('a cooperative is registered, shows its members and applies under the cooperatives\' product', async () => {
  const repId = makeId('19760815', 31, 'M');
  const rep = await registerHousehold(ctx.srv.base, '马庄村', [], { name: '朱广田', id_number: repId, phone: '13905321111' });
  const member = await registerHousehold(ctx.srv.base, '马庄村', [], { name: '韩秀兰', id_number: makeId('19800101', 32, 'F'),
    phone: '13905321112' });
  const staff = await login(ctx.browser, ctx.srv.base, 'xj_xiehui');
  await staff.click('nav >> text=合作社');
  await staff.waitForURL(/\/organisations$/);
  assert.match(await staff.textContent('table.list'), /西集镇鑫源蛋鸡养殖专业合作社/);
  await staff.fill('input[name=name]', '马庄村桃树种植专业合作社');
  await staff.fill('input[name=credit_code]', '93370406MA3C8K2P1A'); // the demo's code with a wrong check character
  await staff.selectOption('select[name=village_id]', { label: '西集镇 · 马庄村' });
  await staff.fill('input[name=legal_rep_id_number]', repId);
  await staff.fill('input[name=members]', `${rep}, ${member}`);
  await staff.fill('input[name=jobs_created]', '9');
  await staff.click('button:has-text("登记")');
  assert.match(await staff.textContent('body'), /统一社会信用代码无效/);
  assert.equal(await staff.inputValue('input[name=name]'), '马庄村桃树种植专业合作社', 'the form is kept');
  assert.equal(await staff.inputValue('input[name=members]'), `${rep}, ${member}`);
  await staff.fill('input[name=credit_code]', '91350100M000100Y43'); // GB 32100's worked example
  await staff.click('button:has-text("登记")');
  await staff.waitForURL(/\/organisations\/\d+\?ok=created/);
  assert.match(await staff.textContent('dl.facts'), /合作社/);
  assert.equal(await staff.locator(`a[href="/households/${rep}"]`).count(), 2, 'the representative, and as a member');
  assert.equal(await staff.locator(`a[href="/households/${member}"]`).count(), 1);
  await staff.click('text=申请贷款');
  const coop = await staff.locator('select[name=product_id] option', { hasText: '合作社产业带动贷款' }).getAttribute('value');
  assert.equal(await staff.locator('select[name=product_id] option', { hasText: '小额创业贷款' }).count(), 0,
    'household-only products are not offered to an organisation');
  await staff.selectOption('select[name=product_id]', coop);
  await staff.fill('input[name=amount]', '99999.99'); // one fen below the product's 100,000
  await staff.fill('input[name=term_months]', '24');
  await staff.selectOption('select[name=project_type]', 'orchard');
  await staff.fill('input[name=project_name]', '桃树标准化种植基地');
  await staff.click('button:has-text("登记申请")');
  assert.match(await staff.textContent('body'), /贷款金额应在 100000 元到 500000 元之间（产品：合作社产业带动贷款）/);
  assert.equal(await staff.inputValue('input[name=project_name]'), '桃树标准化种植基地');
  await staff.fill('input[name=amount]', '100000');
  await staff.click('button:has-text("登记申请")');
  await staff.waitForURL(/\/loans\/\d+\?ok=created/);
  const facts = await staff.textContent('dl.facts');
  assert.match(facts, /申请单位/);
  assert.match(facts, /马庄村桃树种植专业合作社/);
  assert.match(facts, /合作社产业带动贷款/);
  await staff.setViewportSize({ width: 390, height: 900 });
  assert.ok(await fitsWidth(staff), 'the application page fits a phone');
  await staff.screenshot({ path: OUT + 'organisation-application.png', fullPage: true });
});
