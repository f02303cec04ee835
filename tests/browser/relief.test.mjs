// Browser test: relief in Chromium — a clerk applies from the household page, the village officer
// verifies, the clerk reviews and publishes the notice, the public page shows masked names; after
// the notice period the association approves, the clerk pays and opens the receipt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { launch, loginAs as login, OUT, registerHousehold } from './lib.mjs';
import { startServer, token, makeId, unitIds, addDays, TODAY } from '../http/lib.mjs';

let srv, browser, householdId, units;
const ID = makeId('19750612', 58, 'F');

before(async () => {
  srv = await startServer();
  units = await unitIds(srv.base, await token(srv.base, 'admin'));
  householdId = await registerHousehold(srv.base, '西集村', ['hardship'],
    { name: '褚桂香', id_number: ID, phone: '13969457788' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const loginAs = (username) => login(browser, srv.base, username, 1100);

test('one relief from application to a printed receipt', async () => {
  const clerk = await loginAs('xj_jiuzhu');
  await clerk.goto(`${srv.base}/households/${householdId}`);
  await clerk.click('a.button:has-text("申请救助")');
  await clerk.waitForURL(/\/relief\/new\?household_id=/);
  await clerk.selectOption('select[name=category_id]', { label: '双千帮扶（1,000.00—5,000.00 元）' });
  await clerk.fill('input[name=amount]', '1200');
  await clerk.fill('textarea[name=reason]', '丈夫因病去世，子女就学');
  await clerk.click('button:has-text("提交申请")');
  await clerk.waitForURL(/\/relief\/\d+\?ok=created/);
  const reliefUrl = clerk.url().replace(/\?.*/, '');
  assert.match(await clerk.textContent('h1'), /已申请/);
  assert.match(await clerk.textContent('main'), /人民币壹仟贰佰元整/);

  const officer = await loginAs('xj_cun_xiji');
  await officer.goto(reliefUrl);
  await officer.click('button:has-text("村审核通过")');
  await officer.waitForURL(/ok=relief_step/);
  assert.match(await officer.textContent('h1'), /村已审核/);

  await clerk.goto(reliefUrl);
  await clerk.click('button:has-text("镇审核通过")');
  await clerk.waitForURL(/ok=relief_step/);
  await clerk.goto(`${srv.base}/notices`);
  await clerk.selectOption('select[name=unit_id]', String(units['西集村']));
  await clerk.click('button:has-text("发布")');
  // Item 12: the confirmation shows the rows exactly as the notice will freeze them, masked.
  const preview = await clerk.textContent('table.preview');
  assert.match(preview, /褚\*香\s*西集村\s*双千帮扶\s*1,200\.00/);
  assert.ok(!(await clerk.textContent('main')).includes('褚桂香'), 'no full name in the preview');
  await clerk.screenshot({ path: OUT + 'relief-notice-preview.png', fullPage: true });
  await clerk.click('button[name=confirm][value="1"]');
  await clerk.waitForURL(/\/notices\/\d+\/manage\?ok=notice/);
  const noticeId = clerk.url().match(/notices\/(\d+)/)[1];
  await clerk.screenshot({ path: OUT + 'relief-notice-staff.png', fullPage: true });

  // The public sees the masked name on the notice, without logging in.
  const pub = await (await browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
  await pub.goto(`${srv.base}/notices/${noticeId}`);
  const text = await pub.textContent('main');
  assert.match(text, /褚\*香/);
  assert.ok(!text.includes('褚桂香') && !text.includes(ID));
  await pub.screenshot({ path: OUT + 'relief-notice-public.png', fullPage: true });

  // After the notice period: approval and payment.
  const paidOn = addDays(TODAY, 8);
  await srv.restart({ today: paidOn });
  const assoc = await loginAs('xj_xiehui');
  await assoc.goto(reliefUrl.replace(/^http:\/\/[^/]+/, srv.base));
  await assoc.click('button:has-text("公示期满，批准")');
  await assoc.waitForURL(/ok=relief_step/);
  const payer = await loginAs('xj_jiuzhu');
  await payer.goto(reliefUrl.replace(/^http:\/\/[^/]+/, srv.base));
  await payer.selectOption('select[name=method]', 'cash');
  await payer.click('button:has-text("发放并生成领款凭证")');
  assert.match(await payer.textContent('.question'), /确认发放救助金 1,200\.00 元（壹仟贰佰元整）给 褚\*香/);
  await payer.click('button[name=confirm][value="1"]');
  await payer.waitForURL(/ok=paid/);
  const receiptNo = (await payer.textContent('strong.mono')).trim();
  assert.match(receiptNo, new RegExp(`^西集-${paidOn.slice(0, 4)}-\\d{6}$`));
  await payer.screenshot({ path: OUT + 'relief-paid.png', fullPage: true });

  // The receipt opens as a PDF with the number, the masked ID and the amount in 大写.
  const href = await payer.getAttribute('a:has-text("打印（A5）")', 'href');
  const res = await payer.request.get(srv.base + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  writeFileSync(OUT + 'relief-receipt.pdf', await res.body());
  const pdf = spawnSync('pdftotext', ['-q', '-layout', OUT + 'relief-receipt.pdf', '-'], { encoding: 'utf8' }).stdout;
  assert.ok(pdf.includes(receiptNo), pdf);
  assert.ok(pdf.includes(ID.slice(0, 6) + '********' + ID.slice(14)));
  assert.ok(!pdf.includes(ID));
  assert.match(pdf, /人民币壹仟贰佰元整/);
  spawnSync('pdftoppm', ['-r', '60', '-png', '-singlefile', OUT + 'relief-receipt.pdf', OUT + 'relief-receipt']);
});
