// Browser test (Debian chromium via playwright-core): log in, register a household through the
// form, find it by search, and see its masked ID as a village officer. Screenshots go to
// tests/browser/out/ (not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loginAs as login, OUT } from './lib.mjs';
import { startServer, makeId } from '../http/lib.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const loginAs = (username) => login(browser, srv.base, username, 900);

test('register a household, find it, and see it masked as the village officer', async () => {
  const page = await loginAs('xj_xiehui');
  await page.screenshot({ path: OUT + 'home.png', fullPage: true });
  await page.click('nav >> text=家庭档案');
  await page.click('text=登记家庭');
  const headId = makeId('19760808', 71, 'M');
  await page.fill('input[name=head_name]', '褚卫东');
  await page.fill('input[name=head_id_number]', headId);
  await page.fill('input[name=head_phone]', '15066778899');
  await page.selectOption('select[name=village_id]', { label: '西集镇 · 西集村' });
  await page.fill('input[name=address]', '西集村五组8号');
  await page.check('input[value=only_daughter]');
  await page.locator('input[name=member_name]').first().fill('颜淑芬');
  await page.locator('input[name=member_id_number]').first().fill(makeId('19780909', 72, 'F'));
  await page.screenshot({ path: OUT + 'household-form.png', fullPage: true });
  await page.click('button:has-text("保存")');
  await page.waitForURL(/\/households\/\d+\?ok=created/);
  assert.match(await page.textContent('main'), /已保存/);
  assert.match(await page.textContent('main'), /颜淑芬/);
  const url = page.url();

  await page.click('nav >> text=家庭档案');
  await page.fill('input[name=q]', '褚卫');
  await page.click('form.search button');
  const rows = page.locator('table.list tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /褚卫东/);
  assert.match(await rows.first().textContent(), /370406\*{8}/);
  await page.screenshot({ path: OUT + 'household-search.png', fullPage: true });

  const officer = await loginAs('xj_cun_xiji');
  await officer.goto(url.replace(/\?.*$/, ''));
  const text = await officer.textContent('main');
  assert.ok(text.includes(headId.slice(0, 6) + '********' + headId.slice(14)), 'masked ID shown');
  assert.ok(!text.includes(headId), 'full ID never shown to the village officer');
  assert.equal(await officer.locator('text=显示完整身份证号').count(), 0);
  await officer.screenshot({ path: OUT + 'household-village-officer.png', fullPage: true });

  await page.goto(url.replace(/\?.*$/, '') + '?reveal=1');
  assert.ok((await page.textContent('main')).includes(headId), 'association staff may reveal (audited)');
});
