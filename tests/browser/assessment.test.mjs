// Browser test (Debian chromium via playwright-core) of issue 21 items 3 and 6 on a 390 px phone: the
// association sends an information item to a whole village through the page's form and reads it back
// with its recipient; the information, training and assessment pages and the public 公示 summary fit
// the screen (no sideways scrolling). Screenshots in tests/browser/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loginAs, overflow, OUT } from './lib.mjs';
import { startServer } from '../http/lib.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('an information item sent through the form; the new pages fit a phone', async () => {
  const page = await loginAs(browser, srv.base, 'xj_xiehui');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${srv.base}/information`);
  await page.click('summary:has-text("登记信息服务")');
  await page.fill('form[method=post][action="/information"] input[name=title]', '本周苹果收购价');
  await page.selectOption('form[method=post][action="/information"] select[name=kind]', 'market');
  await page.selectOption('form[method=post][action="/information"] select[name=unit_id]', { label: '西集镇' });
  await page.fill('form[method=post][action="/information"] textarea[name=text]', '镇果品站苹果每斤 2.6 元。');
  await page.check('label:has-text("北庄村") input[name=village_id]');
  await Promise.all([page.waitForNavigation(), page.click('form[method=post][action="/information"] button.primary')]);
  assert.match(page.url(), /\/information\?ok=created$/);
  const row = page.locator('tr', { hasText: '本周苹果收购价' });
  assert.match(await row.innerText(), /北庄村（全村）/);
  for (const path of ['/information', '/trainings', '/reports/assessment']) {
    await page.goto(`${srv.base}${path}`);
    assert.equal(await overflow(page), 0, `${path} fits 390 px`);
  }
  await page.screenshot({ path: `${OUT}assessment-phone.png`, fullPage: true });
  const pub = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await pub.goto(`${srv.base}/public/assessment`);
  assert.match(await pub.locator('h1').innerText(), /帮富工作考核公示/);
  assert.equal(await overflow(pub), 0, 'the public summary fits 390 px');
  await pub.close();
});
