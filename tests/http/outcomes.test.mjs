// Follow-up visits and the outcomes report (帮扶成效): visits recorded on a loan, refused when
// out of scope or dated badly, and the report's figures summed by hand from the visits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, addDays, TODAY } from './lib.mjs';

let srv, liaison, fm;

before(async () => {
  srv = await startServer();
  liaison = await token(srv.base, 'xj_xinyong');
  fm = await token(srv.base, 'fm_xiehui');
});
after(async () => { await srv.stop(); });

test('visits: recorded in scope, refused with the field otherwise; the outcomes report sums the latest visit per loan', async () => {
  const before = (await api(srv.base, 'GET', '/reports/outcomes', undefined, liaison)).body.items;
  const sum = (items, k) => items.reduce((s, x) => s + x[k], 0);
  const loan = 4;
  const post = (body, tok = liaison) => api(srv.base, 'POST', `/loans/${loan}/followups`, body, tok);
  assert.equal((await post({ visited_on: addDays(TODAY, 8), jobs_created: 1, income_fen: 100 })).body.error.field, 'visited_on', 'after today');
  assert.equal((await post({ visited_on: addDays(TODAY, -22), jobs_created: -1, income_fen: 100 })).body.error.field, 'jobs_created');
  assert.equal((await post({ visited_on: addDays(TODAY, -22), jobs_created: 1, income_fen: 100 }, fm)).status, 403);
  const first = await post({ visited_on: addDays(TODAY, -53), jobs_created: 2, income_fen: 4000000, note: '初次回访' });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const second = await post({ visited_on: addDays(TODAY, -3), jobs_created: 5, income_fen: 12000050, note: '扩大规模' });
  assert.equal(second.status, 201);
  const after = (await api(srv.base, 'GET', '/reports/outcomes', undefined, liaison)).body.items;
  // The loan had no visit before: the latest visit (5 jobs, 120,000.50) is added, the earlier one is not.
  assert.equal(sum(after, 'visited'), sum(before, 'visited') + 1);
  assert.equal(sum(after, 'jobs'), sum(before, 'jobs') + 5);
  assert.equal(sum(after, 'income_fen'), sum(before, 'income_fen') + 12000050);
  // Within the month around the first visit only, the loan counts with that visit.
  const oct = (await api(srv.base, 'GET', `/reports/outcomes?from=${addDays(TODAY, -53)}&to=${addDays(TODAY, -23)}`, undefined, liaison)).body.items;
  assert.equal(sum(oct, 'jobs'), 2);
  assert.equal(sum(oct, 'income_fen'), 4000000);
  assert.equal(sum(oct, 'loans'), sum(after, 'loans'), 'every loan of the scope is counted, visited or not');
  const csv = await fetch(`${srv.base}/api/v1/reports/outcomes?format=csv`, { headers: { Authorization: `Bearer ${liaison}` } });
  const text = (await csv.text()).replace(/^\uFEFF/, '');
  const total = text.trim().split('\r\n').at(-1).split(',');
  assert.equal(total[0], '合计');
  assert.equal(Number(total[5]), sum(after, 'jobs'));
  assert.equal(total[6], (sum(after, 'income_fen') / 100).toFixed(2));
});
