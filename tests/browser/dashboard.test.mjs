// Browser test: the dashboard as each role — the work tiles a role needs, the key figures equal
// to the API's, and the charts present as inline SVG (no script, no external request).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, loginAs as login, OUT } from './lib.mjs';
import { startServer, api, token, TODAY } from '../http/lib.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Formats fen as the page does: 1,234.50.
const yuan = (fen) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const ROLES = {
  xj_xiehui: { loans: true, relief: true },
  xj_xinyong: { loans: true, relief: false },
  xj_jiuzhu: { loans: false, relief: true },
  xj_caiwu: { loans: true, relief: true },
  xj_cun_xiji: { loans: true, relief: true },
  shenji: { loans: true, relief: true },
  xj_jingwei: { loans: true, relief: false },
  admin: { loans: true, relief: true },
};

for (const [user, expect] of Object.entries(ROLES)) {
  test(`the dashboard of ${user}`, async () => {
    const page = await login(browser, srv.base, user, 1000);
    const requests = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(srv.base + '/home');
    const tok = await token(srv.base, user);
    const p = (await api(srv.base, 'GET', '/reports/portfolio', undefined, tok)).body;
    const figure = async (label) => (await page.locator(`.tile:has(span:text-is("${label}")) .figure`).textContent()).trim();
    assert.equal(await figure('在贷笔数'), String(p.loans));
    assert.equal(await figure('贷款余额（元）'), yuan(p.outstanding_fen));
    assert.equal(await figure('PAR30'), `${(Number(p.par30) * 100).toFixed(2)}%`);
    const charts = await page.locator('figure.chart svg').count();
    const titles = await page.locator('figure.chart svg').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    if (expect.loans) {
      assert.ok(titles.includes('近12个月放款与贷款余额（元）'), titles.join());
      assert.ok(titles.includes('近12个月 PAR30'));
    }
    if (expect.relief) {
      assert.ok(titles.some((t) => /救助发放：按类别/.test(t)));
      const rel = (await api(srv.base, 'GET', `/reports/relief?group=category&from=${TODAY.slice(0, 4)}-01-01`, undefined, tok)).body.items;
      const text = await page.locator('figure.chart svg').nth(titles.findIndex((t) => /按类别/.test(t))).textContent();
      for (const row of rel) assert.ok(text.includes(yuan(row.amount_fen)), `${row.key} ${yuan(row.amount_fen)} in ${text}`);
    } else {
      assert.ok(!titles.some((t) => /救助/.test(t)), `${user} sees no relief chart`);
    }
    assert.ok(charts >= (expect.loans ? 2 : 0) + (expect.relief ? 2 : 0));
    assert.equal(await page.locator('script').count(), 0, 'no script on the page');
    assert.ok(requests.every((u) => u.startsWith(srv.base)), 'no external request');
    await page.screenshot({ path: `${OUT}dashboard-${user}.png`, fullPage: true });
  });
}
