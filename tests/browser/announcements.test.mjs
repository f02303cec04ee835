// Browser test: a member of staff writes an announcement, sees the live preview (web/announce.js)
// and the preview without JavaScript (the 预览 button), publishes it; then someone without a
// login, on a phone with JavaScript off, picks their village on `/` and reads it. Hostile
// Markdown in the body never runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, OUT, serverAndBrowser } from './lib.mjs';

const ctx = serverAndBrowser();

const TITLE = '关于东集村贷款申请集中受理日的公告';
const BODY = [
  '本村计划生育家庭申请**计生信贷助富**贷款的，请于下列时间到村委会办理：',
  '',
  '## 受理时间',
  '',
  '1. 12月1日上午',
  '2. 12月8日上午',
  '',
  '- 带好身份证、户口簿',
  '- 带好*创业方案*',
  '',
  '<script>alert("x")</script>',
  '[点这里](javascript:alert(1))',
].join('\n');

test('staff write an announcement with a live preview and publish it; the public reads it on a phone without JavaScript', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_xiehui');
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  await page.goto(ctx.srv.base + '/announcements');
  await page.click('text=写公告');
  await page.fill('input[name=title]', TITLE);
  await page.selectOption('select[name=unit_id]', { label: '　东集村' });
  await page.fill('textarea[name=body_md]', BODY);
  // the live preview: the server's rendering arrives while the form is untouched
  await page.waitForSelector('#preview h2:has-text("受理时间")');
  assert.equal(await page.locator('#preview strong').first().textContent(), '计生信贷助富');
  assert.equal(await page.locator('#preview li').count(), 4);
  assert.equal(await page.locator('#preview script').count(), 0);
  assert.equal(await page.locator('#preview a[href^="javascript"]').count(), 0);
  await page.screenshot({ path: `${OUT}announcement-edit.png`, fullPage: true });
  await page.click('button:has-text("发布")');
  await page.click('button[name=confirm][value="1"]');
  await page.waitForURL(/\/announcements\/\d+\?ok=published$/);
  assert.match(await page.locator('.flash').textContent(), /公告已发布/);
  assert.equal(await page.locator('.state').first().textContent(), '已发布');
  const id = page.url().match(/announcements\/(\d+)/)[1];
  await page.context().close();

  const phone = await ctx.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const pub = await phone.newPage();
  const requests = [];
  pub.on('request', (req) => requests.push(req.url()));
  await pub.goto(ctx.srv.base + '/');
  await pub.selectOption('select[name=unit]', { label: '东集村' });
  await pub.click('button:has-text("查看")');
  await pub.waitForURL(/\?unit=\d+$/);
  assert.match(await pub.locator('.chosen').textContent(), /东集村/);
  await pub.screenshot({ path: `${OUT}public-home-phone.png`, fullPage: true });
  await pub.click(`a:has-text("${TITLE}")`);
  await pub.waitForURL(new RegExp(`/a/${id}$`));
  assert.equal(await pub.locator('h1').textContent(), TITLE);
  assert.equal(await pub.locator('.announcement-body h2').textContent(), '受理时间');
  assert.equal(await pub.locator('.announcement-body ol li').count(), 2);
  assert.equal(await pub.locator('.announcement-body em').textContent(), '创业方案');
  assert.equal(await pub.locator('script').count(), 0);
  assert.equal(await pub.locator('a[href^="javascript"]').count(), 0);
  const width = await pub.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
  await pub.screenshot({ path: `${OUT}public-announcement-phone.png`, fullPage: true });
  const pdf = await pub.request.get(`${ctx.srv.base}/a/${id}.pdf`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  // another village does not see it
  await pub.goto(ctx.srv.base + '/');
  await pub.selectOption('select[name=unit]', { label: '西集村' });
  await pub.click('button:has-text("查看")');
  assert.equal(await pub.locator(`a:has-text("${TITLE}")`).count(), 0);
  assert.ok(requests.every((u) => u.startsWith(ctx.srv.base)), 'no external request');
  assert.equal(dialogs, 0, 'no script ran');
  await phone.close();
});

test('the 预览 button works without JavaScript', async () => {
  const context = await ctx.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ctx.srv.base + '/login');
  await page.fill('input[name=username]', 'xj_jiuzhu');
  await page.fill('input[name=password]', 'demo1234');
  await page.click('button:has-text("登录")');
  await page.goto(ctx.srv.base + '/announcements/new');
  await page.fill('input[name=title]', '预览测试');
  await page.fill('textarea[name=body_md]', '# 大标题\n\n> 引用的话\n');
  await page.click('button:has-text("预览")');
  await page.waitForURL(/\/announcements\/preview$/);
  assert.equal(await page.locator('#preview h1').textContent(), '大标题');
  assert.equal(await page.locator('#preview blockquote').count(), 1);
  assert.equal(await page.inputValue('input[name=title]'), '预览测试', 'the form keeps what was typed');
  assert.match(await page.inputValue('textarea[name=body_md]'), /引用的话/);
  await page.click('button:has-text("保存草稿")');
  await page.waitForURL(/\/announcements\/\d+\?ok=created$/);
  assert.equal(await page.locator('.state').first().textContent(), '草稿');
  await context.close();
});
