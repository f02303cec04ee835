// The loan documents and the public notice as a finance office reads them: the 还款计划表 with its
// 合计 row (to the fen, equal to the schedule) in 大写 and three signature lines; the 结清证明 with a
// number from the numbering service (the same on a reprint, none for a loan not settled), the
// masked ID, 大写 and the 经办人/负责人 lines; the 担保推荐函 in 大写; the 联合评审意见表 with the
// round's outcome; the 公示 signed on its publication date by the issuing unit. Every document is
// read back with `pdftotext -bbox`: no word leaves the page and no two words overlap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, api, token, Browser, makeId, unitIds, guaranteedApplication, submittedApplication, sqlRows,
  cnDate, REVIEWERS, SCENARIO_DAY } from './lib.mjs';

let srv, units, files = 0;

before(async () => {
  srv = await startServer({ today: SCENARIO_DAY }); // the amounts below are worked by hand for these dates
  units = await unitIds(srv.base, await token(srv.base, 'admin'));
});
after(async () => { await srv.stop(); });

// The words of a PDF from `pdftotext -bbox`: [{ page, width, height, x0, y0, x1, y1, text }].
function words(file) {
  const html = execFileSync('pdftotext', ['-q', '-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = [];
  let page = 0, width = 0, height = 0;
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[1]) { page++; width = +m[1]; height = +m[2]; continue; }
    out.push({ page, width, height, x0: +m[3], y0: +m[4], x1: +m[5], y1: +m[6], text: m[7] });
  }
  return out;
}

// The diagonal 草稿 watermark (PDF_DRAFT_MARK in src/pdf/pdf.h), read a character at a time: it
// lies over the text on purpose.
const isMark = (w) => /^(草|稿|草稿)$/.test(w.text) && w.y1 - w.y0 > 100;

// 1 when the document carries the draft watermark.
const isDraft = (doc) => ['草', '稿'].every((c) => doc.words.some((w) => w.text === c && isMark(w)));

// Fails when a word leaves its page or two words of a page overlap (by more than half a point).
function assertLayout(all, what) {
  const list = all.filter((w) => !isMark(w));
  assert.ok(list.length > 0, `${what}: no words`);
  for (const w of list) {
    assert.ok(w.x0 >= 0 && w.y0 >= 0 && w.x1 <= w.width && w.y1 <= w.height, `${what}: "${w.text}" leaves page ${w.page}`);
  }
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i], b = list[j];
      if (a.page !== b.page) continue;
      const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      assert.ok(dx <= 0.5 || dy <= 0.5, `${what}: "${a.text}" and "${b.text}" overlap on page ${a.page}`);
    }
  }
}

// Fetches a PDF (with the browser's session when given), checks its layout; resolves to its text
// (pdftotext -layout) with runs of spaces as one, and its words.
async function pdf(path, browser, what) {
  const res = await fetch(srv.base + path, browser ? { headers: { Cookie: browser.cookie } } : {});
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = join(srv.dir, `doc${files++}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const list = words(file);
  assertLayout(list, what);
  const text = execFileSync('pdftotext', ['-q', '-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  return { text, words: list, bytes: file };
}

test('还款计划表 and 结清证明: totals to the fen and in 大写, signatures, a number kept on reprint, nothing overprinted', async () => {
  const idNumber = makeId('19810808', 51, 'M');
  const { application } = await guaranteedApplication(srv.base, { village_id: units['龙山村'], name: '颜廷杰',
    id_number: idNumber, amount_fen: 2000000, term_months: 12, project_name: '桃树苗木繁育基地（30亩）' });
  const liaison = new Browser(srv.base);
  await liaison.login('xj_xinyong');
  await liaison.get(`/loans/${application}`);
  const d = await liaison.post(`/loans/${application}/disburse`, { contract_no: 'XJ-2026-0200', disbursed_on: '2026-06-10',
    principal: '20,000.00', annual_rate: '4.35', term_months: '12', method: 'monthly-interest', confirm: '1' });
  assert.equal(d.status, 303, d.text.slice(0, 400));
  const account = d.location.replace(/\?.*/, '');

  const schedule = await pdf(`${account}/schedule.pdf`, liaison, '还款计划表');
  assert.match(schedule.text, /还款方式：按月付息到期还本/);
  // the 合计 row is the sum of the twelve rows: interest by the days of each month (按日计息), each
  // row to the fen: 2,000,000 × 4.35% / 360 × 30 = 7,250.00, × 31 = 7,491.67 → 7,492, × 28 = 6,766.67 → 6,767;
  // seven months of 31 days, four of 30, one of 28: 7 × 7,492 + 4 × 7,250 + 6,767 = 88,211 fen = 882.11
  const rows = [...schedule.text.matchAll(/^ ?(\d+) (\d{4}年\d{1,2}月\d{1,2}日) ([\d,]+\.\d\d) ([\d,]+\.\d\d) ([\d,]+\.\d\d)/gm)];
  assert.equal(rows.length, 12);
  const fen = (s) => Math.round(Number(s.replace(/,/g, '')) * 100);
  const sum = (k) => rows.reduce((t, r) => t + fen(r[k]), 0);
  assert.deepEqual([sum(3), sum(4), sum(5)], [2000000, 88211, 2088211]);
  assert.match(schedule.text, /合计 20,000\.00 882\.11 20,882\.11/);
  assert.match(schedule.text, /本息合计（大写）：人民币贰万零捌佰捌拾贰元壹角壹分/);
  assert.match(schedule.text, /本金：20,000\.00 元（人民币贰万元整）/);
  for (const who of ['借款人（签字）', '经办人（签字）', '信用社（盖章）']) assert.match(schedule.text, new RegExp(who));
  const heads = schedule.words.filter((w) => /（元）$/.test(w.text));
  assert.equal(heads.length, 4, 'four money headings as separate words');
  for (let i = 1; i < heads.length; i++) assert.ok(heads[i].x0 - heads[i - 1].x1 >= 10, 'headings keep 10 points apart');

  // a loan not settled has no certificate and takes no number
  const counters = () => sqlRows(srv.db, "SELECT coalesce(sum(last), 0) AS n FROM docno_counters WHERE kind = 'settlement'")[0].n;
  const before = counters();
  const refused = await fetch(`${srv.base}${account}/settlement.pdf`, { headers: { Cookie: liaison.cookie } });
  assert.equal(refused.status, 409);
  assert.equal(counters(), before, 'the refusal numbered nothing');

  // a second loan, 利随本清, settled on 2026-11-23, 166 days after 06-10: interest for the days run,
  // 2,000,000 × 4.35% / 360 × 166 = 40,116.67 → 401.17 (as in servicing_pages.test.mjs)
  const second = await guaranteedApplication(srv.base, { village_id: units['龙山村'], name: '颜廷海',
    id_number: makeId('19810909', 54, 'M'),
    amount_fen: 2000000, term_months: 12 });
  await liaison.get(`/loans/${second.application}`);
  const d2 = await liaison.post(`/loans/${second.application}/disburse`, { contract_no: 'XJ-2026-0201',
    disbursed_on: '2026-06-10', principal: '20,000.00', annual_rate: '4.35', term_months: '12', method: 'bullet', confirm: '1' });
  assert.equal(d2.status, 303, d2.text.slice(0, 400));
  const settled = d2.location.replace(/\?.*/, '');
  await liaison.get(settled);
  const pay = await liaison.post(`${settled}/repayments`, { paid_on: SCENARIO_DAY, amount: '20,401.17', receipt_no: 'XJ-R-9201', confirm: '1' });
  assert.equal(pay.status, 303, pay.text.slice(0, 600));
  const secondId = sqlRows(srv.db, `SELECT hm.id_number AS id FROM loan_applications a JOIN members hm
    ON hm.household_id = a.household_id AND hm.is_head = 1 WHERE a.id = ${second.application}`)[0].id;

  const cert = await pdf(`${settled}/settlement.pdf`, liaison, '结清证明');
  const number = cert.text.match(/西集结〔2026〕(\d{3})号/);
  assert.ok(number, cert.text);
  assert.equal(counters(), before + 1);
  assert.match(cert.text, /人民币贰万元整/);
  assert.ok(!cert.text.includes(secondId), 'the full ID is never printed');
  assert.ok(cert.text.replace(/\s/g, '').includes(`${secondId.slice(0, 6)}********${secondId.slice(14)}`), 'masked ID');
  assert.match(cert.text.replace(/\s/g, ''), /共还利息401\.17元，人民币肆佰零壹元壹角柒分/);
  for (const line of ['经办人（签字）', '负责人（签字）', '西集镇计划生育协会（盖章）', cnDate(SCENARIO_DAY)]) {
    assert.ok(cert.text.includes(line), line);
  }
  const again = await pdf(`${settled}/settlement.pdf`, liaison, '结清证明（再次打印）');
  assert.equal(again.text.match(/西集结〔2026〕\d{3}号/)[0], number[0], 'a reprint keeps the number');
  assert.equal(counters(), before + 1);
  const audit = sqlRows(srv.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'settlement_no' AND entity_id = ${settled.split('/').pop()}`);
  assert.equal(audit[0].n, 1, 'numbering is audited once');
});

test('担保推荐函 and 联合评审意见表: amounts in 大写, the round\'s outcome from the departments\' opinions', async () => {
  const { application } = await guaranteedApplication(srv.base, { village_id: units['龙山村'], name: '颜廷林',
    id_number: makeId('19820909', 52, 'M'), amount_fen: 2350000, term_months: 12 }); // 20,000 to 200,000 yuan
  const assoc = new Browser(srv.base);
  await assoc.login('xj_xiehui');
  const letter = await pdf(`/loans/${application}/guarantee-letter.pdf`, assoc, '担保推荐函');
  const flat = letter.text.replace(/\s/g, '');
  // 23,500.00 at 100% coverage: both amounts are 贰万叁仟伍佰元整
  assert.match(flat, /推荐贷款人民币23,500\.00元（人民币贰万叁仟伍佰元整）/);
  assert.match(flat, /担保金额23,500\.00元（人民币贰万叁仟伍佰元整）/);
  assert.match(flat, /西集担〔\d{4}〕\d{3}号/);

  const form = await pdf(`/loans/${application}/review-form.pdf`, assoc, '联合评审意见表（通过）');
  assert.match(form.text, /第 1 轮评审结论：通过（各部门均同意）/);
  assert.match(form.text, /23,500\.00 元（人民币贰万叁仟伍佰元整）/);
  assert.ok(!/已担保|已放款/.test(form.text), 'not the loan\'s state');
  assert.ok(form.text.includes(`提交评审 ${cnDate(SCENARIO_DAY)}`), 'dates 年月日');
  assert.ok(!isDraft(form), 'a decided round is final');
  assert.ok(!isDraft(letter), 'the letter exists only once the guarantee is given');

  // another application: one department asks for more material, one has not spoken yet
  const other = await submittedApplication(srv.base, { village_id: units['龙山村'], name: '颜廷森',
    id_number: makeId('19830303', 53, 'M'), amount_fen: 3000000 });
  await api(srv.base, 'POST', `/loan-applications/${other.application}/reviews`,
    { decision: 'approve', comment: '项目可行' }, await token(srv.base, REVIEWERS[0]));
  const pending = await pdf(`/loans/${other.application}/review-form.pdf`, assoc, '联合评审意见表（评审中）');
  assert.match(pending.text, /第 1 轮评审结论：评审中（尚有部门未出具意见）/);
  assert.match(pending.text, /项目可行/);
  assert.match(pending.text, /（尚未出具意见）/);
  assert.ok(isDraft(pending), 'before the round\'s decision the form is a 草稿');
  await api(srv.base, 'POST', `/loan-applications/${other.application}/reviews`,
    { decision: 'more_info', comment: '请补充场地租赁合同' }, await token(srv.base, REVIEWERS[1]));
  const more = await pdf(`/loans/${other.application}/review-form.pdf`, assoc, '联合评审意见表（补充材料）');
  assert.match(more.text, /第 1 轮评审结论：需补充材料后重新评审/);
  assert.match(more.text, /请补充场地租赁合同/);
  assert.ok(!isDraft(more), 'the round is decided: more material');
});

test('公示 PDF: long project names stay in their column; signed by the unit on the publication day', async () => {
  // a notice refused for want of anything to publish takes no number
  const counted = () => sqlRows(srv.db, "SELECT coalesce(sum(last), 0) AS n FROM docno_counters WHERE kind = 'notice'")[0].n;
  const before = counted();
  const empty = await api(srv.base, 'POST', '/notices', { kind: 'relief', unit_id: units['龙山村'] }, await token(srv.base, 'xj_xiehui'));
  assert.equal(empty.status, 409, JSON.stringify(empty.body));
  assert.equal(counted(), before, 'the refusal gave its number back');
  const list = (await api(srv.base, 'GET', '/notices', undefined, await token(srv.base, 'xj_xiehui'))).body.items;
  assert.ok(list.length > 0);
  for (const n of list) {
    const doc = await pdf(`/notices/${n.id}.pdf`, null, `公示 ${n.id}`);
    const [row] = sqlRows(srv.db, `SELECT starts_on, doc_no FROM notices WHERE id = ${n.id}`);
    // numbered by the numbering service per publishing unit and year: 西集公示〔2026〕001号
    assert.match(row.doc_no, /^.+公示〔\d{4}〕\d{3}号$/);
    assert.ok(doc.text.includes(`编号：${row.doc_no}`), row.doc_no);
    const tail = doc.text.slice(doc.text.lastIndexOf('如有异议'));
    assert.match(tail, /西集镇计划生育协会（盖章）|计划生育协会（盖章）/);
    assert.ok(tail.includes(cnDate(row.starts_on)), `signed ${cnDate(row.starts_on)}`);
    if (row.starts_on !== SCENARIO_DAY) assert.ok(!tail.includes(cnDate(SCENARIO_DAY)), 'not the print date');
    assert.match(doc.text, /合计 \d+ 项，金额 [\d,]+\.\d\d 元（人民币/);
    // every word left of an amount on its line ends before it (a long project name wraps instead)
    const amounts = doc.words.filter((w) => /^[\d,]+\.\d\d$/.test(w.text));
    for (const a of amounts) {
      for (const w of doc.words.filter((x) => x.page === a.page && x.y0 < a.y1 && x.y1 > a.y0 && x.x0 < a.x0)) {
        assert.ok(w.x1 <= a.x0, `"${w.text}" runs into ${a.text}`);
      }
    }
  }
});

test('一次性告知书 names what a reviewer asked for; it is ticked like the others and required before resubmission', async () => {
  const { application } = await submittedApplication(srv.base, { village_id: units['龙山村'], name: '颜廷波',
    id_number: makeId('19840404', 55, 'M'), amount_fen: 3000000 });
  const zhaoshang = await token(srv.base, 'xj_zhaoshang');
  // naming a document is only for a request for more material; refused, it changes nothing
  const wrong = await api(srv.base, 'POST', `/loan-applications/${application}/reviews`,
    { decision: 'approve', comment: '', requested_documents: '场地租赁合同' }, zhaoshang);
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.error.code, 'requested_needs_more_info');
  assert.equal(sqlRows(srv.db, `SELECT count(*) AS n FROM loan_reviews WHERE application_id = ${application}`)[0].n, 0);
  const r = await api(srv.base, 'POST', `/loan-applications/${application}/reviews`,
    { decision: 'more_info', comment: '经营场所为租用房屋', requested_documents: '场地租赁合同、营业执照复印件' }, zhaoshang);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.requested_documents.map((d) => [d.name, d.department, d.received]),
    [['场地租赁合同', '招商办', false], ['营业执照复印件', '招商办', false]]);

  const assoc = new Browser(srv.base);
  await assoc.login('xj_xiehui');
  const page = await assoc.get(`/loans/${application}`);
  assert.match(page.text, /场地租赁合同（招商办要求）/);
  let notice = await pdf(`/loans/${application}/notice.pdf`, assoc, '一次性告知书');
  assert.match(notice.text.replace(/\s/g, ''), /尚缺以下材料（共2项）/);
  assert.match(notice.text, /1\. 场地租赁合同（招商办评审时要求补充）/);
  assert.match(notice.text, /2\. 营业执照复印件（招商办评审时要求补充）/);
  assert.ok(!notice.text.includes('已齐全'));

  // resubmitting before they are in is refused and changes nothing
  const assocToken = await token(srv.base, 'xj_xiehui');
  const early = await api(srv.base, 'POST', `/loan-applications/${application}/submit`, {}, assocToken);
  assert.equal(early.status, 422);
  assert.equal(early.body.error.code, 'missing_documents');
  assert.equal(sqlRows(srv.db, `SELECT state, round FROM loan_applications WHERE id = ${application}`)[0].round, 1);

  // one ticked on the page, the other through the API
  const [lease, licence] = r.body.requested_documents;
  const form = await assoc.post(`/loans/${application}/documents`, {
    doc: ['id_card', 'hukou', 'marriage', 'family_planning', 'business_plan', 'implementation_plan', 'counter_guarantee'],
    req: String(lease.id) });
  assert.equal(form.status, 303);
  notice = await pdf(`/loans/${application}/notice.pdf`, assoc, '一次性告知书（一项已交）');
  assert.match(notice.text.replace(/\s/g, ''), /尚缺以下材料（共1项）/);
  assert.match(notice.text, /1\. 营业执照复印件/);
  assert.ok(!notice.text.includes('场地租赁合同'));
  const put = await api(srv.base, 'PUT', `/loan-applications/${application}/requested-documents/${licence.id}`, { received: true }, assocToken);
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal((await api(srv.base, 'PUT', `/loan-applications/${application}/requested-documents/999999`, { received: true }, assocToken)).status, 404);
  notice = await pdf(`/loans/${application}/notice.pdf`, assoc, '一次性告知书（齐全）');
  assert.match(notice.text.replace(/\s/g, ''), /申请材料已齐全，无需补充/);
  assert.ok(!notice.text.includes('尚缺'));
  assert.equal(sqlRows(srv.db, `SELECT count(*) AS n FROM audit_log WHERE action = 'requested_document' AND entity_id = ${application}`)[0].n, 2);
  const again = await api(srv.base, 'POST', `/loan-applications/${application}/submit`, {}, assocToken);
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.equal(again.body.round, 2);
});
