// Browser test (issue 17, items 5, 6, 11): every staff page of the demo, reached by following the
// links each role is shown from its home page. Per role: no link answers 403 (a role is never
// shown what it may not open); the visible text outside code blocks has no internal code (a run
// of four or more of a–z and _) and no "UTC"; as admin on a 390 px phone no page is wider than
// the screen (scrollWidth ≤ clientWidth).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, serverAndBrowser, OUT } from './lib.mjs';

const ctx = serverAndBrowser();
const ROLES = ['admin', 'xj_xiehui', 'xj_pingshen', 'xj_xinyong', 'xj_jiuzhu', 'xj_caiwu', 'xj_cun_xiji', 'shenji'];
const MAX_PAGES = Number(process.env.BANGFU_SCAN_PAGES || 70);

// A link worth following: same site, a page (not a file, not the logout), one per path pattern and
// query key set (ids replaced), so the crawl sees every kind of page once or twice.
function pageKind(url) {
  const u = new URL(url);
  if (/\.(pdf|csv|xlsx|svg|png|ico|css)$/.test(u.pathname) || /\/(logout|export)/.test(u.pathname)) return null;
  if (u.searchParams.has('offset') || u.searchParams.has('format')) return null;
  const keys = [...u.searchParams.keys()].sort().join(',');
  return u.pathname.replace(/\/\d+/g, '/N') + '?' + keys;
}

// The visible text of the page outside code blocks, and the text of every element that scrolls
// wider than its box while it is not a scroll container.
async function inspect(page) {
  return page.evaluate(() => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('code, pre, script, style')) continue;
      parts.push(n.nodeValue);
    }
    const de = document.documentElement;
    return { text: parts.join(' '), scrollWidth: de.scrollWidth, clientWidth: de.clientWidth,
      links: [...document.querySelectorAll('a[href]')].map((a) => a.href) };
  });
}

for (const user of ROLES) {
  test(`every page ${user} is shown: opens, Chinese only, China time${user === 'admin' ? ', fits a phone' : ''}`, async () => {
    const page = await loginAs(ctx.browser, ctx.srv.base, user);
    if (user === 'admin') await page.setViewportSize({ width: 390, height: 844 });
    const seen = new Set(), queue = [ctx.srv.base + '/home'], problems = [];
    let visited = 0;
    while (queue.length && visited < MAX_PAGES) {
      const url = queue.shift();
      const resp = await page.goto(url);
      visited++;
      const status = resp.status();
      if (status === 403) { problems.push(`403 ${url}`); continue; }
      if (!/text\/html/.test(resp.headers()['content-type'] || '')) continue;
      const got = await inspect(page);
      const codes = [...new Set(got.text.match(/(?<![A-Za-z])[a-z_]{4,}/g) || [])];
      if (codes.length) problems.push(`English ${codes.join(',')} on ${url}`);
      if (/UTC/.test(got.text)) problems.push(`UTC on ${url}`);
      if (user === 'admin' && got.scrollWidth > got.clientWidth) {
        problems.push(`width ${got.scrollWidth} > ${got.clientWidth} on ${url}`);
        await page.screenshot({ path: `${OUT}scan-wide-${visited}.png` });
      }
      for (const link of got.links) {
        if (!link.startsWith(ctx.srv.base)) continue;
        const kind = pageKind(link);
        if (kind && !seen.has(kind)) { seen.add(kind); queue.push(link); }
      }
    }
    assert.ok(visited > 5, `${user} reached ${visited} pages`);
    assert.deepEqual(problems, [], `${user}: ${visited} pages`);
  });
}
