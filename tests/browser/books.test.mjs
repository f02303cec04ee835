// Browser test of the books (记账凭证, 试算平衡表, 会计科目): on a 390 px phone the pages fit the
// screen, show Chinese only, and the voucher page's filter keeps the period; the district finance
// reaches both reports from 报表.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, serverAndBrowser, OUT } from './lib.mjs';
import { TODAY } from '../http/lib.mjs';

const ctx = serverAndBrowser();

// The page's width against the screen and its visible text.
async function measure(page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth, text: document.body.innerText }));
}

test('the books on a phone: no page wider than the screen, Chinese only', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'admin');
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/admin/accounts', `/reports/vouchers?from=${TODAY.slice(0, 4)}-01-01&to=${TODAY}`,
    '/reports/trial-balance']) {
    await page.goto(ctx.srv.base + path);
    const m = await measure(page);
    if (m.scrollWidth > m.clientWidth) await page.screenshot({ path: `${OUT}books-wide.png`, fullPage: true });
    assert.ok(m.scrollWidth <= m.clientWidth, `${path}: ${m.scrollWidth} > ${m.clientWidth}`);
    assert.deepEqual(m.text.match(/(?<![A-Za-z])[a-z_]{4,}/g) || [], [], `${path}: no internal codes`);
  }
});

test('the district finance opens 记账凭证 from 报表 and filters a period', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'qu_caiwu');
  await page.goto(ctx.srv.base + '/reports');
  await page.click('a:has-text("记账凭证")');
  await page.fill('input[name=from]', `${TODAY.slice(0, 4)}-01-01`);
  await page.click('button:has-text("统计")');
  const text = await page.innerText('body');
  assert.match(text, /担-\d{6}-001/);
  assert.match(text, /借方合计 = 贷方合计/);
  assert.equal(await page.inputValue('input[name=from]'), `${TODAY.slice(0, 4)}-01-01`, 'the period stays in the form');
});
