// Browser test of issue 17 item 8 (lists): the loan applications list filtered by village and
// submission date shows the totals of every matching application and each disbursed loan's days
// overdue and penalty; the relief list and the batch list take the same filters; the export links
// carry the filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, serverAndBrowser, OUT } from './lib.mjs';
import { api, token } from '../http/lib.mjs';

const ctx = serverAndBrowser();

test('the loan applications list: a village and a period, totals of every match, days overdue and penalty', async () => {
  const { srv, browser } = ctx;
  const tok = await token(srv.base, 'xj_xiehui');
  const overdue = (await api(srv.base, 'GET', '/loans?overdue=1&limit=1', undefined, tok)).body.items[0];
  assert.ok(overdue, 'the demo has an overdue loan');
  const page = await loginAs(browser, srv.base, 'xj_xiehui');
  await page.goto(`${srv.base}/loans`);
  await page.selectOption('form.search select[name=village_id]', { label: overdue.village });
  await page.click('form.search button:has-text("筛选")');
  const want = (await api(srv.base, 'GET', `/loan-applications?village_id=${new URL(page.url()).searchParams.get('village_id')}&limit=1`,
    undefined, tok)).body;
  assert.match(await page.textContent('.totals'), new RegExp(`共 ${want.total} 条`));
  assert.match(await page.textContent('.totals'), /元（.+）/, 'the total also in 大写');
  const row = page.locator('table.list tbody tr', { hasText: overdue.applicant }).first();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells.at(-2), String(overdue.dpd), 'days overdue as the loan book has them');
  assert.equal(cells.at(-1).replace(/,/g, ''), (overdue.penalty_fen / 100).toFixed(2), 'the penalty as the loan book has it');
  const xlsx = await page.locator('a:has-text("导出Excel")').getAttribute('href');
  assert.match(xlsx, /village_id=\d+/, 'the export carries the filter');
  await page.screenshot({ path: OUT + 'list-loans-filtered.png', fullPage: true });
  // A period with nothing in it: no rows, totals of zero.
  await page.fill('form.search input[name=from]', '2099-01-01');
  await page.click('form.search button:has-text("筛选")');
  assert.match(await page.textContent('.totals'), /共 0 条/);
});

test('the relief list and the batch list take the village and dates, with totals', async () => {
  const { srv, browser } = ctx;
  const page = await loginAs(browser, srv.base, 'xj_jiuzhu');
  await page.goto(`${srv.base}/relief`);
  const all = await page.textContent('.totals');
  assert.match(all, /共 \d+ 条（按筛选条件，全部页）· 金额合计/);
  await page.fill('form.search input[name=to]', '2000-01-01');
  await page.click('form.search button:has-text("筛选")');
  assert.match(await page.textContent('.totals'), /共 0 条/);
  await page.goto(`${srv.base}/relief/batches`);
  assert.match(await page.textContent('.totals'), /个批次.*已发金额合计/);
});
