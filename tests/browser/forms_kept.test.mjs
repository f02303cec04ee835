// Browser test of issue 17 items 2 and 3 on the remaining forms: mistakes on the new-household,
// relief-fund income and calendar forms come back with what was typed and the error under its field;
// a guarantee-fund entry is restated in words and 大写 before it is booked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loginAs as login, OUT } from './lib.mjs';
import { startServer, api, token, unitIds, addDays, isWeekend, TODAY } from '../http/lib.mjs';

let srv, browser, units;

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

test('a wrong resident ID on a new household keeps every field, the error under the ID', async () => {
  const page = await loginAs('xj_xiehui');
  await page.goto(`${srv.base}/households/new`);
  await page.fill('input[name=head_name]', '錯号户');
  await page.fill('input[name=head_id_number]', '370406198001010000');
  await page.fill('input[name=head_phone]', '13800001111');
  await page.selectOption('select[name=village_id]', String(units['西集村']));
  await page.fill('input[name=address]', '西集村三组');
  await page.check('input[name=category][value=hardship]');
  await page.fill('input[name=member_name] >> nth=0', '錯号妻');
  await page.click('button:has-text("保存")');
  assert.match(await page.textContent('label:has(input[name=head_id_number]) .field-error'), /身份证号/);
  assert.equal(await page.inputValue('input[name=head_name]'), '錯号户');
  assert.equal(await page.inputValue('input[name=head_phone]'), '13800001111');
  assert.equal(await page.inputValue('select[name=village_id]'), String(units['西集村']));
  assert.equal(await page.inputValue('input[name=address]'), '西集村三组');
  assert.ok(await page.isChecked('input[name=category][value=hardship]'));
  assert.equal(await page.inputValue('input[name=member_name] >> nth=0'), '錯号妻');
  await page.screenshot({ path: OUT + 'forms-household-kept.png', fullPage: true });
});

test('relief fund income and the calendar keep what was typed after a mistake', async () => {
  const page = await loginAs('xj_caiwu');
  await page.goto(`${srv.base}/funds`);
  await page.selectOption('select[name=source]', 'donation');
  await page.fill('input[name=amount]', '2,18.798');
  await page.fill('input[name=document_no]', '捐-88');
  await page.fill('input[name=note]', '某企业捐赠');
  await page.click('button:has-text("登记")');
  assert.match(await page.textContent('label:has(input[name=amount]) .field-error'), /金额格式不正确/);
  assert.equal(await page.inputValue('select[name=source]'), 'donation');
  assert.equal(await page.inputValue('input[name=amount]'), '2,18.798');
  assert.equal(await page.inputValue('input[name=document_no]'), '捐-88');
  assert.equal(await page.inputValue('input[name=note]'), '某企业捐赠');
  await page.screenshot({ path: OUT + 'forms-fund-income-kept.png', fullPage: true });
  const admin = await loginAs('admin');
  let weekday = addDays(TODAY, 3); // 调休上班 is only for a weekend day: a weekday is refused
  while (isWeekend(weekday)) weekday = addDays(weekday, 1);
  await admin.goto(`${srv.base}/admin/holidays?year=${weekday.slice(0, 4)}`);
  await admin.fill('input[name=day][type=date]', weekday);
  await admin.selectOption('select[name=kind]', 'work');
  await admin.fill('input[name=name]', '错调休');
  await admin.click('button:has-text("保存")');
  assert.match(await admin.textContent('p.error'), /.+/);
  assert.equal(await admin.inputValue('input[name=day][type=date]'), weekday);
  assert.equal(await admin.inputValue('input[name=name]'), '错调休');
  assert.equal(await admin.inputValue('select[name=kind]'), 'work');
});

test('a guarantee-fund entry is restated in words and 大写 before it is booked', async () => {
  const assoc = await token(srv.base, 'xj_xiehui');
  const before = (await api(srv.base, 'GET', '/guarantee-fund', undefined, assoc)).body.balance_fen;
  const page = await loginAs('qu_caiwu');
  await page.goto(`${srv.base}/guarantee-fund`);
  await page.fill('input[name=amount]', '21879.80');
  await page.fill('input[name=document_no]', '区财〔2026〕9号');
  await page.click('button:has-text("登记")');
  assert.match(await page.textContent('main'), /确认登记担保基金收入 21,879\.80 元（贰万壹仟捌佰柒拾玖元捌角整）/);
  await page.screenshot({ path: OUT + 'forms-guarantee-fund-ask.png', fullPage: true });
  assert.equal((await api(srv.base, 'GET', '/guarantee-fund', undefined, assoc)).body.balance_fen, before, 'asking booked nothing');
  await page.click('button[name=confirm][value=edit]');
  assert.equal(await page.inputValue('input[name=amount]'), '21879.80', '返回修改 keeps the typo to correct');
  await page.fill('input[name=amount]', '2187.98');
  await page.click('button:has-text("登记")');
  await page.click('button[name=confirm][value="1"]');
  await page.waitForURL(/ok=created/);
  assert.equal((await api(srv.base, 'GET', '/guarantee-fund', undefined, assoc)).body.balance_fen, before + 218798);
});
