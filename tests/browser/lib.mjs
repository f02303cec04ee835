// Shared by the browser tests: Debian's Chromium through playwright-core, and logging in
// through the form. Screenshots go to tests/browser/out/ (not committed).
import { mkdirSync } from 'node:fs';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { PASSWORD, api, token, unitIds, startServer } from '../http/lib.mjs';

export const OUT = new URL('./out/', import.meta.url).pathname;

// Launches headless Chromium with the flags this closed network needs.
export async function launch() {
  mkdirSync(OUT, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// A new browser context logged in as the user; resolves to the page, on /home.
export async function loginAs(browser, base, username, height = 900) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height } });
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button:has-text("登录")');
  await page.waitForURL(/\/home$/);
  return page;
}

// Registers a household in a village through the API as the 西集 association; resolves to its id.
export async function registerHousehold(base, village, categories, head) {
  const units = await unitIds(base, await token(base, 'admin'));
  const hh = await api(base, 'POST', '/households', { village_id: units[village], policy_compliant: true,
    categories, head }, await token(base, 'xj_xiehui'));
  if (hh.status !== 201) throw new Error(JSON.stringify(hh.body));
  return hh.body.id;
}

// For the tests of one file: a demo server and a browser started before them and stopped after
// them; returns an object whose srv and browser are set once they run.
export function serverAndBrowser() {
  const ctx = {};
  before(async () => {
    ctx.srv = await startServer();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.srv?.stop();
  });
  return ctx;
}

// The page's width beyond the viewport (0: none).
export async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
