// Issue 17 item 8: the list exports. A list longer than one export may hold (the parameter
// export_max_rows) is refused with a Chinese message, never cut short; narrowed by a filter it exports
// whole. The subtitle of every export names the scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, Browser, sqlRows } from './lib.mjs';

let srv, t;
before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['xj_jiuzhu', 'xj_xiehui']) t[u] = await token(srv.base, u);
});
after(() => srv.stop());

// Fetches an API export; resolves to { status, text }.
async function exportOf(path, tok) {
  const res = await fetch(`${srv.base}/api/v1${path}`, { headers: { Authorization: `Bearer ${tok}` } });
  return { status: res.status, text: await res.text() };
}

test('an export longer than the limit is refused with a Chinese message, never cut; a narrower one is whole', async () => {
  const all = (await api(srv.base, 'GET', '/relief-applications?limit=1', undefined, t.xj_jiuzhu)).body.total;
  assert.ok(all > 3, `the demo has relief applications (${all})`);
  const csv = await exportOf('/relief-applications?format=csv', t.xj_jiuzhu);
  assert.equal(csv.status, 200);
  assert.equal(csv.text.trim().split('\n').length, all + 1, 'under the limit: every application and the head row');
  sqlRows(srv.db, "UPDATE parameters SET value = '3' WHERE key = 'export_max_rows'");
  try {
    for (const format of ['csv', 'xlsx', 'pdf']) {
      const refused = await exportOf(`/relief-applications?format=${format}`, t.xj_jiuzhu);
      assert.equal(refused.status, 422, format);
      const body = JSON.parse(refused.text);
      assert.equal(body.error.code, 'export_too_large');
      assert.match(body.error.message, /超过 3 条.*缩小范围/);
    }
    const b = new Browser(srv.base);
    await b.login('xj_jiuzhu');
    const page = await b.get('/relief?format=csv');
    assert.equal(page.status, 422, 'the page export is refused the same way');
    assert.match(page.text, /超出一次导出的上限/);
    // One application's household: a list of at most 3 exports whole.
    const one = (await api(srv.base, 'GET', '/relief-applications?limit=1', undefined, t.xj_jiuzhu)).body.items[0];
    const few = (await api(srv.base, 'GET', `/relief-applications?household_id=${one.household_id}&limit=50`, undefined, t.xj_jiuzhu)).body;
    assert.ok(few.total <= 3);
    const narrow = await exportOf(`/relief-applications?household_id=${one.household_id}&format=csv`, t.xj_jiuzhu);
    assert.equal(narrow.status, 200);
    assert.equal(narrow.text.trim().split('\n').length, few.total + 1);
  } finally {
    sqlRows(srv.db, "UPDATE parameters SET value = '100000' WHERE key = 'export_max_rows'");
  }
  assert.equal((await exportOf('/relief-applications?format=csv', t.xj_jiuzhu)).status, 200);
});
