// Browser test of issue 17 item 10 (second half): a village officer ticks 计生特殊家庭-伤残 on a household;
// without the document the form comes back with what was typed and the error under the file field; with
// it the change waits (the page still shows the old categories); the association's second worker approves
// it on the approval list and the household then carries the category.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, registerHousehold, serverAndBrowser, OUT } from './lib.mjs';
import { makeId } from '../http/lib.mjs';

const ctx = serverAndBrowser();

test('a sensitive category waits for a second person with its document, then takes effect', async () => {
  const { srv, browser } = ctx;
  const id = await registerHousehold(srv.base, '西集村', ['one_child'],
    { name: '慕容巧云', id_number: makeId('19720317', 41, 'F'), phone: '13905320001' });
  const maker = await loginAs(browser, srv.base, 'xj_cun_xiji');
  await maker.goto(`${srv.base}/households/${id}`);
  await maker.click('summary:has-text("修改家庭信息")');
  await maker.fill('input[name=address]', '西集村五组');
  await maker.check('input[name=category][value=special_disabled]');
  await maker.click('button:has-text("保存修改")');
  assert.match(await maker.textContent('label:has(input[name=document]) .field-error'), /须上传证明材料/);
  assert.equal(await maker.inputValue('input[name=address]'), '西集村五组', 'the address typed is kept');
  assert.ok(await maker.isChecked('input[name=category][value=special_disabled]'), 'the tick is kept');
  await maker.screenshot({ path: OUT + 'category-change-refused.png', fullPage: true });
  await maker.setInputFiles('input[name=document]', { name: '残疾证.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% 残疾证\n') });
  await maker.click('button:has-text("保存修改")');
  assert.match(await maker.textContent('.flash'), /须经另一人审批后生效/);
  assert.match(await maker.textContent('.warn-box'), /待审批：新增“计生特殊家庭-伤残”/);
  const facts = await maker.textContent('dl.facts');
  assert.ok(!/伤残/.test(facts), 'the registry shows the old categories until approved: ' + facts);
  assert.match(facts, /西集村五组/, 'the rest of the change took effect');

  const checker = await loginAs(browser, srv.base, 'xj_xiehui2');
  await checker.goto(`${srv.base}/households`);
  await checker.click('a:has-text("类别审批")');
  const row = checker.locator('tr', { hasText: '慕容巧云' }).first();
  assert.match(await row.textContent(), /残疾证\.pdf/);
  await checker.screenshot({ path: OUT + 'category-change-list.png', fullPage: true });
  await row.locator('button:has-text("批准")').click();
  assert.match(await checker.textContent('.flash'), /已批准/);
  await checker.goto(`${srv.base}/households/${id}`);
  assert.match(await checker.textContent('dl.facts'), /计生特殊家庭-伤残/);
  assert.equal(await checker.locator('.warn-box').count(), 0);
});
