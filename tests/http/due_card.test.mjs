// The due list (/due) covers the next 7 days unless asked otherwise, and the dashboard's
// 7天内到期 card counts exactly the instalments the list shows (issue 22, goal 5).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Browser, api, token } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

// Rows of a CSV answer after the header: the instalments, then the 合计 row.
function csvRows(text) {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length).slice(1);
}

for (const user of ['shenji', 'xj_caiwu']) {
  test(`${user}: the 7-day card's number equals the due list's rows, and /due defaults to 7 days`, async () => {
    const b = new Browser(srv.base);
    await b.login(user);
    const home = await b.get('/home');
    const card = home.text.match(/href="\/due\?days=7"><span class="figure">([\d,]+)<\/span><span>7天内到期（([\d,.]+) 元）/);
    assert.ok(card, home.text.slice(0, 300));
    const n = Number(card[1].replace(/,/g, ''));
    const week = await b.get('/due?days=7&format=csv');
    assert.equal(week.status, 200);
    const rows = csvRows(week.text);
    assert.equal(rows.length - 1, n, 'one row per instalment the card counts');
    const total = rows.at(-1).split(',');
    assert.equal(total[0], '合计');
    assert.equal(total[1], `${n} 期`);
    assert.equal(total[6], card[2].replace(/,/g, ''), "the card's amount is the list's total to the fen");
    assert.ok(n > 0, 'the demo has instalments due this week');
    const plain = await b.get('/due?format=csv');
    assert.deepEqual(csvRows(plain.text), csvRows(week.text), 'no days= is the next 7 days');
    const page = await b.get('/due');
    assert.match(page.text, /<option value="7" selected>今后 7 天/);
    const month = await b.get('/due?days=30&format=csv');
    assert.ok(csvRows(month.text).length >= n);
    const tok = await token(srv.base, user);
    const listed = (await api(srv.base, 'GET', '/reports/due?limit=1', undefined, tok)).body;
    assert.equal(listed.total, n, 'the API without days= is the same 7 days as the card');
    assert.equal(listed.due_fen_total, Math.round(Number(card[2].replace(/,/g, '')) * 100), "and the card's amount to the fen");
    assert.equal(listed.items.length, 1, 'paged');
  });
}
