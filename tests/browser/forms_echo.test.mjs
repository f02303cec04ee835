// Browser test of issue 17 item 2 on four more forms: a mistake on the announcement form, the household
// import, the masking settings and the new relief batch brings the form back with everything typed and
// the Chinese error next to the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, serverAndBrowser, OUT } from './lib.mjs';
import { addDays, TODAY } from '../http/lib.mjs';

const ctx = serverAndBrowser();

test('the announcement form keeps title, body and dates; the error is under the end date', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_xiehui');
  await page.goto(`${ctx.srv.base}/announcements/new`);
  await page.fill('input[name=title]', '关于春节走访慰问的公告');
  await page.fill('textarea[name=body_md]', '# 春节走访\n\n请各村于月底前报送名单。');
  await page.fill('input[name=publish_from]', addDays(TODAY, 5));
  await page.fill('input[name=publish_until]', addDays(TODAY, 2));
  await page.click('button[name=action][value=save]');
  assert.match(await page.textContent('label:has(input[name=publish_until]) .field-error'), /./);
  assert.equal(await page.inputValue('input[name=title]'), '关于春节走访慰问的公告');
  assert.equal(await page.inputValue('textarea[name=body_md]'), '# 春节走访\n\n请各村于月底前报送名单。');
  assert.equal(await page.inputValue('input[name=publish_from]'), addDays(TODAY, 5));
  assert.equal(await page.inputValue('input[name=publish_until]'), addDays(TODAY, 2));
  await page.screenshot({ path: OUT + 'echo-announcement.png', fullPage: true });
});

test('the household import names the file sent and puts the error under the file field', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_xiehui');
  await page.goto(`${ctx.srv.base}/households/import`);
  await page.setInputFiles('input[name=file]', { name: '西集村名单.csv', mimeType: 'text/csv',
    buffer: Buffer.from('村,户主姓名\n西集村,张三\n') });
  await page.click('button:has-text("检查文件")');
  assert.match(await page.textContent('label:has(input[name=file]) .field-error'), /列/);
  assert.match(await page.textContent('label:has(input[name=file])'), /刚才上传的文件：西集村名单\.csv/);
});

test('the masking settings keep the choices and the compound surnames typed; the error is under them', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'admin');
  await page.goto(`${ctx.srv.base}/admin/masking`);
  await page.selectOption('select[name=id_head]', '4');
  await page.selectOption('select[name=phone_tail]', '2');
  await page.fill('textarea[name=compound_surnames]', '欧阳 司马 张');
  await page.click('button:has-text("保存")');
  assert.match(await page.textContent('label:has(textarea[name=compound_surnames]) .field-error'), /每个复姓2到4个字/);
  assert.equal(await page.inputValue('textarea[name=compound_surnames]'), '欧阳 司马 张');
  assert.equal(await page.inputValue('select[name=id_head]'), '4');
  assert.equal(await page.inputValue('select[name=phone_tail]'), '2');
});

test('a new relief batch with a mistyped amount comes back with the category, amount and village kept', async () => {
  const page = await loginAs(ctx.browser, ctx.srv.base, 'xj_jiuzhu');
  await page.goto(`${ctx.srv.base}/relief/batches`);
  const category = await page.locator('form[action="/relief/batches/new"] select[name=category_id] option').nth(1).getAttribute('value');
  await page.selectOption('form[action="/relief/batches/new"] select[name=category_id]', category);
  await page.fill('form[action="/relief/batches/new"] input[name=amount]', '5o0');
  const village = await page.locator('form[action="/relief/batches/new"] select[name=village_id] option').nth(2).getAttribute('value');
  await page.selectOption('form[action="/relief/batches/new"] select[name=village_id]', village);
  await page.click('button:has-text("预览名单")');
  const form = page.locator('form[action="/relief/batches/new"]');
  assert.match(await form.locator('label:has(input[name=amount]) .field-error').textContent(), /金额格式不正确/);
  assert.equal(await form.locator('input[name=amount]').inputValue(), '5o0');
  assert.equal(await form.locator('select[name=category_id]').inputValue(), category);
  assert.equal(await form.locator('select[name=village_id]').inputValue(), village);
  await page.screenshot({ path: OUT + 'echo-relief-batch.png', fullPage: true });
});
