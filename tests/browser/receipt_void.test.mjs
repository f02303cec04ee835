// Browser test of issue 17 item 3 for relief receipts: voiding a receipt is restated in words and
// 大写 first; 返回修改 voids nothing; 确认 voids it and gives the money back to the fund.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, serverAndBrowser, OUT } from './lib.mjs';
import { api, token, sqlRows } from '../http/lib.mjs';

const ctx = serverAndBrowser();

test('a receipt void asks first, in words and 大写, and only 确认 gives the money back to the fund', async () => {
  const { srv, browser } = ctx;
  const paid = sqlRows(srv.db, `SELECT a.id, p.receipt_no, p.amount_fen, p.fund_id FROM relief_applications a
    JOIN relief_payments p ON p.application_id = a.id JOIN households h ON h.id = a.household_id
    JOIN units v ON v.id = h.village_id JOIN units t ON t.id = v.parent_id
    WHERE a.state = 'paid' AND t.name = '西集镇' ORDER BY a.id LIMIT 1`)[0];
  const tok = await token(srv.base, 'xj_caiwu');
  const balance = async () => (await api(srv.base, 'GET', '/funds', undefined, tok)).body.items
    .find((f) => f.id === paid.fund_id).balance_fen;
  const before = await balance();
  const page = await loginAs(browser, srv.base, 'xj_jiuzhu');
  await page.goto(`${srv.base}/relief/${paid.id}`);
  await page.fill('input[placeholder="作废原因"]', '金额发错');
  await page.click('button:has-text("作废")');
  const question = await page.textContent('.question');
  assert.match(question, new RegExp(`确认作废领款凭证 ${paid.receipt_no}`));
  assert.match(question, /元（.+）/, 'the amount in 大写');
  assert.match(question, /原因：金额发错/);
  await page.screenshot({ path: OUT + 'receipt-void-confirm.png', fullPage: true });
  await page.click('button[name=confirm][value=edit]');
  assert.equal(await balance(), before, '返回修改 voided nothing');
  await page.fill('input[placeholder="作废原因"]', '金额发错');
  await page.click('button:has-text("作废")');
  await page.click('button[name=confirm][value="1"]');
  await page.waitForURL(/ok=voided/);
  assert.match(await page.textContent('.flash'), /凭证已作废，资金已退回/);
  assert.equal(await balance(), before + paid.amount_fen, 'the money is back in the fund');
});
