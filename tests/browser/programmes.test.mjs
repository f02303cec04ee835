// Browser test: the programmes and the roll page in Chromium on the demo — the relief clerk opens
// 奖励扶助, this year's draft roll shows masked names and the excluded with their reasons, removes a
// row with a reason (and a refused removal keeps the page), publishes the notice after a
// confirmation in words and figures; finance sees last year's paid roll with its payment file;
// the page fits a 390 px phone; so does the administrator's form for a new relief category.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, loginAs, OUT } from './lib.mjs';
import { TODAY } from '../http/lib.mjs';

const ctx = serverAndBrowser();
const Y = Number(TODAY.slice(0, 4));

test('the clerk reads this year\'s roll, removes a row with a reason and publishes the notice', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_jiuzhu', 1200);
  await page.goto(ctx.srv.base + '/programmes');
  await page.click('a:has-text("农村部分计划生育家庭奖励扶助")');
  await page.click(`a:has-text("${Y} 年 · 西集镇")`);
  await page.waitForURL(/\/rolls\/\d+$/);
  assert.match(await page.textContent('h1'), new RegExp(`西集镇农村部分计划生育家庭奖励扶助${Y}年资格确认名册`));
  const firstName = (await page.textContent('#roll-rows tbody tr td')).trim();
  assert.match(firstName, /^\p{Script=Han}\*+\p{Script=Han}?$/u, 'names masked');
  const reasons = await page.locator('#roll-excluded tbody tr td:nth-child(4)').allTextContents();
  assert.ok(reasons.some((t) => t.startsWith('户籍不符')), reasons.slice(0, 5).join('|'));
  // the too young are not candidates (docs/domain.md): listed only as exits from last year's roll
  const excluded = await page.locator('#roll-excluded tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[2].textContent, tr.children[3].textContent]));
  assert.ok(!excluded.some(([status, why]) => why.startsWith('未达到年龄') && !status.includes('上年在册')), excluded.slice(0, 5).join('|'));
  const before = await page.textContent('dl.facts');
  const count = Number(before.match(/名册(\d+) 人/)[1]);
  // a removal without a reason is refused by the browser's own check; with one it is done
  const first = page.locator('#roll-rows tbody tr').first();
  await first.locator('input[name=reason]').fill('本人已申请放弃');
  await first.locator('button:has-text("移出")').click();
  await page.waitForURL(/ok=updated/);
  assert.match(await page.textContent('dl.facts'), new RegExp(`名册${count - 1} 人`));
  assert.match(await page.textContent('#roll-excluded'), /本人已申请放弃/);
  await page.click('button:has-text("发布公示")');
  assert.match(await page.textContent('main'), new RegExp(`请确认公示.*${count - 1} 人，合计 [\\d,.]+ 元（\\p{Script=Han}+）`, 'u'));
  await page.screenshot({ path: OUT + 'roll-confirm.png', fullPage: true });
  await page.click('button:has-text("确认")');
  await page.waitForURL(/ok=notice/);
  assert.match(await page.textContent('dl.facts'), /公示中/);
  await page.screenshot({ path: OUT + 'roll.png', fullPage: true });
  await page.context().close();
});

test('finance opens last year\'s paid roll with its payment links; the roll page fits a phone', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_caiwu', 1200);
  await page.goto(ctx.srv.base + '/rolls');
  await page.click(`a:has-text("${Y - 1} 年 · 西集镇")`);
  const facts = await page.textContent('dl.facts');
  assert.match(facts, /已批准/);
  assert.match(facts, /已发放\d+ 人，[\d,.]+ 元（\p{Script=Han}+）/u);
  assert.match(facts, /发放失败待重发 1/);
  assert.ok(await page.isVisible('button:has-text("下载代发文件")'));
  assert.match(await page.textContent('select[name=bank_format]'), /通用格式/);
  await page.setViewportSize({ width: 390, height: 900 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal overflow at 390 px (${overflow})`);
  await page.screenshot({ path: OUT + 'roll-phone.png', fullPage: false });
  await page.context().close();
});

test('the administrator\'s form for a new relief category fits a phone, open', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'admin');
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto(ctx.srv.base + '/admin/relief-categories');
  await page.click('summary:has-text("新增救助类别")');
  assert.ok(await page.isVisible('select[name=amount_kind]'));
  assert.equal(await page.inputValue('select[name=amount_kind]'), '', 'no default amount kind');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal overflow at 390 px (${overflow})`);
  await page.screenshot({ path: OUT + 'relief-category-form-phone.png', fullPage: true });
  await page.context().close();
});
