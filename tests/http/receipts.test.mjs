// Receipt documents over HTTP: one receipt as a PDF (A5, or two per A4), reprint (补打) and void
// (作废) from the page forms and what each does to the printed text, a batch's receipts and its
// sign-for list (签领表), and who may print, reprint and void.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, api, token, Browser, TODAY, cnDate } from './lib.mjs';

let srv, dir, clerk, village, other;

// Runs one SQL query on the test database; returns the rows as arrays of strings.
function rows(query) {
  const r = spawnSync('sqlite3', ['-separator', '|', srv.db, query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => l.split('|'));
}

// Fetches a PDF as a browser; resolves to { status, text, pages } (text from pdftotext).
async function pdf(b, path) {
  const res = await fetch(srv.base + path, { headers: { Cookie: b.cookie }, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, text: bytes.toString('utf8') };
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const text = spawnSync('pdftotext', ['-q', '-layout', file, '-'], { encoding: 'utf8' }).stdout;
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  return { status: 200, text, pages: Number((info.match(/Pages:\s+(\d+)/) || [])[1]) };
}

const enc = (no) => encodeURIComponent(no);

before(async () => {
  srv = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'receipts-'));
  clerk = new Browser(srv.base);
  await clerk.login('xj_jiuzhu');
  village = new Browser(srv.base);
  await village.login('xj_cun_xiji');
  other = new Browser(srv.base);
  await other.login('fm_xiehui');
});
after(async () => { await srv.stop(); });

test('a receipt prints its number, masked ID, amount in 大写; A4 holds two; nothing personal in full', async () => {
  const [[no, amount, id]] = rows(`SELECT p.receipt_no, p.amount_fen, m.id_number FROM relief_payments p
    JOIN relief_applications a ON a.id = p.application_id JOIN members m ON m.household_id = a.household_id
    AND m.relation = '户主' WHERE p.amount_fen = 50000 ORDER BY p.id LIMIT 1`);
  assert.equal(amount, '50000');
  const a5 = await pdf(clerk, `/receipts/${enc(no)}.pdf`);
  assert.equal(a5.status, 200);
  assert.equal(a5.pages, 1);
  assert.ok(a5.text.includes(no), a5.text);
  assert.match(a5.text, /人民币伍佰元整/);
  assert.match(a5.text, /500\.00/);
  assert.ok(a5.text.includes(id.slice(0, 6) + '********' + id.slice(14)), 'masked ID');
  assert.ok(!a5.text.includes(id), 'never the full ID');
  assert.doesNotMatch(a5.text, /补打|作废/);
  // every print after the first is recorded and marked 补打 with its count, day and operator
  const a4 = await pdf(clerk, `/receipts/${enc(no)}.pdf?layout=a4`);
  assert.equal(a4.pages, 1);
  assert.match(a4.text, new RegExp(`补打 · 第2次打印 · ${cnDate(TODAY)} · 操作员 杨桂兰`));
  // the same receipt through the API, for scripts
  const t = await token(srv.base, 'xj_jiuzhu');
  const res = await fetch(`${srv.base}/api/v1/receipts/${enc(no)}.pdf`, { headers: { Authorization: `Bearer ${t}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  // an old ?copy= link is just another print: recorded and marked (never a clean original)
  assert.match((await pdf(clerk, `/receipts/${enc(no)}.pdf?copy=3`)).text, /补打 · 第4次打印/);
  // the two 联 of one receipt on one A4: 存根 above, 领款人留存 below, both marked
  const lian = await pdf(clerk, `/receipts/${enc(no)}.pdf?layout=lian`);
  assert.equal(lian.pages, 1);
  assert.match(lian.text, /第一联 存根/);
  assert.match(lian.text, /第二联 领款人留存/);
  assert.equal(lian.text.match(/补打 · 第5次打印/g).length, 2);
  assert.equal(lian.text.split(no).length - 1, 2, 'the same receipt twice');
  assert.deepEqual(rows(`SELECT n, printed_on FROM receipt_prints WHERE payment_id =
    (SELECT id FROM relief_payments WHERE receipt_no = '${no}') ORDER BY n`).map((r) => r.join(' ')),
  [1, 2, 3, 4, 5].map((n) => `${n} ${TODAY}`));
  assert.equal(rows(`SELECT count(*) FROM audit_log WHERE action = 'reprint_receipt'`)[0][0], '4', 'every reprint audited');
});

test('reprint and void from the page: 补打 with its count, then 作废 with the reason; the number stays', async () => {
  const [[no, appId]] = rows(`SELECT receipt_no, application_id FROM relief_payments ORDER BY id DESC LIMIT 1`);
  const events = () => rows(`SELECT kind FROM receipt_events WHERE payment_id =
    (SELECT id FROM relief_payments WHERE receipt_no = '${no}') ORDER BY id`).map((r) => r[0]);
  assert.deepEqual(events(), []);
  // the village officer may print but neither reprint nor void
  assert.equal((await pdf(village, `/receipts/${enc(no)}.pdf`)).status, 200);
  assert.equal((await village.post(`/receipts/${enc(no)}/reprint`, { reason: '污损' })).status, 403);
  assert.equal((await village.post(`/receipts/${enc(no)}/void`, { reason: '错' })).status, 403);
  // another township's staff cannot see it at all
  assert.equal((await pdf(other, `/receipts/${enc(no)}.pdf`)).status, 403);
  assert.deepEqual(events(), [], 'refusals recorded nothing');

  const rp = await clerk.post(`/receipts/${enc(no)}/reprint`, { reason: '原件污损' });
  assert.equal(rp.status, 303);
  assert.equal(rp.location, `/receipts/${enc(no)}.pdf`);
  const copy1 = await pdf(clerk, rp.location);
  assert.match(copy1.text, /补打 · 第2次打印/, 'the village officer\'s print was the first');
  assert.ok(copy1.text.includes(no));
  assert.deepEqual(events(), ['reprint']);

  const noReason = await clerk.post(`/receipts/${enc(no)}/void`, { reason: '' });
  assert.equal(noReason.status, 422);
  assert.match(noReason.text, /原因/);
  assert.deepEqual(events(), ['reprint'], 'a void without a reason changed nothing');
  const ask = await clerk.post(`/receipts/${enc(no)}/void`, { reason: '金额填写错误' });
  assert.equal(ask.status, 200);
  assert.match(ask.text, /确认作废领款凭证 .+（.+，[\d,]+\.\d\d 元（.+））？/);
  assert.deepEqual(events(), ['reprint'], 'asking changed nothing');
  const v = await clerk.post(`/receipts/${enc(no)}/void`, { reason: '金额填写错误', confirm: '1' });
  assert.equal(v.status, 303);
  assert.equal(v.location, `/relief/${appId}?ok=voided`);
  const voided = await pdf(clerk, `/receipts/${enc(no)}.pdf`);
  assert.match(voided.text, /作废/);
  assert.match(voided.text, /金额填写错误/);
  assert.ok(voided.text.includes(no), 'the number is kept');
  assert.equal((await clerk.post(`/receipts/${enc(no)}/void`, { reason: '再次', confirm: '1' })).status, 409);
  assert.deepEqual(events(), ['reprint', 'void']);
  assert.equal(rows(`SELECT count(*) FROM relief_payments WHERE receipt_no = '${no}'`)[0][0], '1', 'nothing deleted');
});

test('a batch prints one receipt per page and a sign-for list with the total of the valid receipts', async () => {
  const [[batch, title]] = rows(`SELECT b.id, b.title FROM relief_batches b WHERE EXISTS
    (SELECT 1 FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id WHERE a.batch_id = b.id)
    ORDER BY b.id LIMIT 1`);
  const paid = rows(`SELECT p.receipt_no, p.amount_fen, EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id
    AND e.kind = 'void') FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
    WHERE a.batch_id = ${batch} ORDER BY p.receipt_no`);
  assert.ok(paid.length >= 10, `${paid.length} receipts in the batch`);
  // each receipt's prints so far (the single-receipt tests above printed some)
  const printed = () => Object.fromEntries(rows(`SELECT p.receipt_no, (SELECT count(*) FROM receipt_prints x
    WHERE x.payment_id = p.id) FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
    WHERE a.batch_id = ${batch}`));
  const before = printed();
  const all = await pdf(clerk, `/relief/batches/${batch}/receipts.pdf`);
  assert.equal(all.status, 200);
  assert.equal(all.pages, paid.length, 'one receipt per page');
  for (const [no] of paid) assert.ok(all.text.includes(no), no);
  // a batch's print is recorded for each receipt like a single print: one more each, 补打 on those printed before
  const once = printed();
  for (const [no] of paid) assert.equal(Number(once[no]), Number(before[no]) + 1, no);
  const reprinted = paid.filter(([no]) => Number(before[no]) > 0).length;
  assert.ok(reprinted < paid.length, 'some receipts were printed for the first time');
  assert.equal((all.text.match(/补打 · 第\d+次打印/g) || []).length, reprinted);
  const two = await pdf(clerk, `/relief/batches/${batch}/receipts.pdf?layout=a4`);
  assert.equal(two.pages, Math.ceil(paid.length / 2));
  // the second batch print: every receipt 补打 with its own count, day and operator
  for (const [no] of paid) {
    assert.equal(Number(printed()[no]), Number(once[no]) + 1, no);
    assert.ok(two.text.includes(`补打 · 第${Number(once[no]) + 1}次打印 · ${cnDate(TODAY)} · 操作员 杨桂兰`), no);
  }
  assert.equal((two.text.match(/补打 · 第\d+次打印/g) || []).length, paid.length);

  const list = await pdf(clerk, `/relief/batches/${batch}/signlist.pdf`);
  assert.equal(list.status, 200);
  assert.ok(list.text.includes(title));
  for (const [no] of paid) assert.ok(list.text.includes(no), no);
  const valid = paid.filter((p) => p[2] === '0');
  const total = valid.reduce((s, p) => s + Number(p[1]), 0);
  const yuan = (total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.ok(list.text.includes(yuan), `total ${yuan}`);
  assert.match(list.text, new RegExp(`共\\s*${list.pages}\\s*页`));
  // a village officer's batch PDF holds only the village's receipts
  const mine = rows(`SELECT count(*) FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
    JOIN households h ON h.id = a.household_id JOIN units u ON u.id = h.village_id
    WHERE a.batch_id = ${batch} AND u.name = '西集村'`)[0][0];
  const theirs = await pdf(village, `/relief/batches/${batch}/receipts.pdf`);
  assert.equal(theirs.status, 200);
  assert.equal(String(theirs.pages), mine);
  assert.equal((await pdf(other, `/relief/batches/${batch}/signlist.pdf`)).status, 403);
  // an unknown receipt is a 404 page
  assert.equal((await pdf(clerk, `/receipts/${enc('西集-2026-999999')}.pdf`)).status, 404);
});
