// Browser test (Debian chromium via playwright-core) of the services beyond money: a village officer
// pairs a household with a cadre and records a visit under the pair through the household page; the
// public files a complaint on a phone (390 px, no sideways scrolling) and reads back its due day and
// masked contact; staff see it in the complaint list and resolve it. Screenshots in tests/browser/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loginAs as login, overflow, OUT } from './lib.mjs';
import { startServer, api, token, unitIds, TODAY } from '../http/lib.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a village officer pairs a household with a cadre and records a visit under the pair', async () => {
  const assoc = await token(srv.base, 'xj_xiehui');
  const units = await unitIds(srv.base, assoc);
  const hh = await api(srv.base, 'GET', `/households?village_id=${units['西集村']}&limit=100`, undefined, assoc);
  const pairs = await api(srv.base, 'GET', `/pairs?unit_id=${units['西集村']}&limit=500`, undefined, assoc);
  const taken = new Set(pairs.body.items.flatMap((p) => [p.household_id, p.helper.household_id]));
  const id = hh.body.items.map((h) => h.id).find((h) => !taken.has(h));
  const page = await login(browser, srv.base, 'xj_cun_xiji');
  await page.goto(`${srv.base}/households/${id}`);
  await page.click('summary:has-text("新增结对")');
  await page.selectOption('form[action$="/pairs"] select[name=kind]', 'cadre');
  await page.fill('input[name=name]', '高志远');
  await page.selectOption('select[name=unit_id]', { label: '西集镇' });
  await page.fill('input[name=phone]', '13905385555');
  await page.check('input[name=goal][value=就业]');
  await page.click('button:has-text("结对")');
  await page.waitForURL(/ok=created/);
  const main = await page.textContent('main');
  assert.match(main, /干部 · 高志远（西集镇） 13905385555/);
  assert.match(main, /就业/);
  assert.match(main, /进行中/);

  await page.click('summary:has-text("登记走访")');
  await page.selectOption('form[action$="/visits"] select[name=kind]', { label: '信息服务' });
  await page.selectOption('form[action$="/visits"] select[name=pair_id]', { label: '干部 · 高志远' });
  await page.fill('input[name=note]', '送去县里招工信息');
  await page.fill('input[name=next_step]', '了解报名情况');
  await page.fill('input[name=next_on]', TODAY);
  await page.click('button:has-text("登记走访")');
  await page.waitForURL(/ok=created/);
  const after1 = await page.textContent('main');
  assert.match(after1, /信息服务送去县里招工信息/);
  assert.match(after1, /了解报名情况/);
  await page.screenshot({ path: OUT + 'services-household.png', fullPage: true });
  const visits = await api(srv.base, 'GET', `/visits?household_id=${id}`, undefined, assoc);
  const pairId = (await api(srv.base, 'GET', `/pairs?household_id=${id}`, undefined, assoc)).body.items[0].id;
  assert.equal(visits.body.items[0].pair_id, pairId, 'the visit is recorded under the pair');
});

test('the public files a complaint on a phone; staff see it with its due day and resolve it', async () => {
  const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const pub = await phone.newPage();
  await pub.goto(srv.base + '/');
  await pub.click('text=投诉和意见（全年受理）');
  assert.equal(await overflow(pub), 0, 'no sideways scrolling on the form');
  await pub.selectOption('select[name=category]', 'suggestion');
  await pub.selectOption('select[name=village_id]', { label: '西集镇 · 东集村' });
  await pub.fill('textarea[name=text]', '建议在村里开办电商培训班。');
  await pub.fill('input[name=contact]', '13905384321');
  await pub.click('button:has-text("提交")');
  const done = await pub.textContent('main');
  assert.match(done, /受理编号：\d+/);
  assert.match(done, /办理期限：\d{4}年\d{1,2}月\d{1,2}日 前/);
  assert.match(done, /139\*\*\*\*4321/);
  assert.doesNotMatch(done, /13905384321/);
  assert.equal(await overflow(pub), 0, 'no sideways scrolling on the answer');
  await pub.screenshot({ path: OUT + 'services-complaint-public.png', fullPage: true });
  const id = done.match(/受理编号：(\d+)/)[1];

  const staff = await login(browser, srv.base, 'xj_cun_dongji');
  await staff.click('nav >> text=投诉意见');
  const row = staff.locator('table.list tbody tr', { hasText: '建议在村里开办电商培训班' });
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /意见建议.*东集村.*办理中/);
  await row.locator('a').first().click();
  await staff.fill('input[name=resolution]', '已报镇里统筹安排');
  await staff.selectOption('select[name=satisfaction]', '满意');
  await staff.click('button:has-text("办结")');
  await staff.waitForURL(new RegExp(`/complaints/${id}\\?ok=updated`));
  assert.match(await staff.textContent('main'), /已办结[\s\S]*已报镇里统筹安排[\s\S]*满意/);
  await staff.screenshot({ path: OUT + 'services-complaint-staff.png', fullPage: true });
});
