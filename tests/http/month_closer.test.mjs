// Issue 22, goal 2: no page recomputes history. The portfolio's closed months (the dashboard's two loan
// charts) are closed by the server's month closer: at start-up before it listens, then in the
// background. The dashboard never closes a month itself: while one is open it says so instead of
// drawing the charts, and stores nothing; a document (the quarterly report) closes what it needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serveDb, api, token, sqlRows, until, Browser, TODAY } from './lib.mjs';

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv?.stop();
});

const closedMonths = () => sqlRows(srv.db, 'SELECT count(*) AS n FROM closed_months')[0].n;
const reopenAll = () => sqlRows(srv.db, 'DELETE FROM village_months; DELETE FROM closed_months');
const PENDING = '正在后台结算';
const CHART = 'aria-label="近12个月 PAR30"';

test('the twelve months before today\'s are closed at start-up, before the server answers', async () => {
  reopenAll();
  assert.equal(closedMonths(), 0);
  await srv.restart();
  assert.equal(closedMonths(), 12, 'closed by the time the server listens');
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const home = await b.get('/home');
  assert.match(home.text, new RegExp(CHART));
  assert.ok(!home.text.includes(PENDING));
});

test('a dashboard with months open says they are being closed, draws no loan chart and closes nothing', async () => {
  reopenAll();
  const b = new Browser(srv.base);
  await b.login('xj_xinyong'); // a scope and role whose dashboard fragments are not cached yet
  const home = await b.get('/home');
  assert.equal(home.status, 200);
  assert.ok(home.text.includes(PENDING), 'the note');
  assert.ok(!home.text.includes(CHART), 'no loan chart with a month missing');
  assert.equal(closedMonths(), 0, 'the page closed no month');
  // A document waits for exact figures: the quarterly report closes the months it shows.
  const q = await api(srv.base, 'GET', '/reports/quarterly', undefined, await token(srv.base, 'xj_xiehui'));
  assert.equal(q.status, 200);
  assert.ok(q.body.months.length > 0);
  assert.ok(closedMonths() >= q.body.months.length - 1, `closed by the report: ${closedMonths()}`);
});

test('the background closer closes the months a page left open', async () => {
  await srv.stopServing();
  Object.assign(srv, await serveDb(srv.db, TODAY, [], { ...process.env, BANGFU_CLOSE_INTERVAL: '1' }));
  reopenAll();
  await until(() => closedMonths() === 12, 10000, 'the closer to close the twelve months');
  const b = new Browser(srv.base);
  await b.login('xj_caiwu');
  const home = await b.get('/home');
  assert.match(home.text, new RegExp(CHART));
  assert.ok(!home.text.includes(PENDING));
});
