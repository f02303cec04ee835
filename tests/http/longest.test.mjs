// Names at their limits over HTTP, served with a fixed today (SCENARIO_DAY, 2026-11-23): two
// households whose heads have names of the maximum length (NAME_MAX_CHARS, 30 characters) — one
// mixing 4-byte characters (CJK Extension B, e.g. 𠀀) with common ones, one of 30 plain Chinese
// characters — each taken through a loan (project name of PROJECT_NAME_MAX_CHARS, 50) from intake,
// joint review and guarantee to disbursement and a repayment, and through a relief application
// to its notice and payment. Every staff page and JSON that shows the name, and every PDF that
// prints it, must show it whole (or, where the public reads it, masked with its first and last
// character kept), never cut. PDFs print a character beyond the BMP as '□' (libharu reads only a
// font's BMP cmap, and no installed face has Extension B; see src/pdf/pdf.h): the printed name is
// then the same 30 characters with '□' in their place, still never cut.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, api, token, makeId, unitIds, guaranteedApplication, pdfText, Browser, SCENARIO_DAY, addDays } from './lib.mjs';

const NAME_MAX_CHARS = 30;
const PROJECT_NAME_MAX_CHARS = 50;
const LATER = addDays(SCENARIO_DAY, 1); // the day after the one-day relief notice
// 30 characters, every third a 4-byte one (U+20000, U+20003, ...).
const RARE = Array.from({ length: NAME_MAX_CHARS }, (_, i) => (i % 3 === 0 ? String.fromCodePoint(0x20000 + i) : '王李张赵钱孙周吴郑冯'[i % 10])).join('');
const PLAIN = '欧阳慕容司马上官诸葛东方皇甫尉迟公孙长孙宇文令狐端木百里呼延';
const PROJECT = '农'.repeat(PROJECT_NAME_MAX_CHARS - 4) + '种植项目';
const people = [
  { name: RARE, id_number: makeId('19800101', 71, 'M') },
  { name: PLAIN, id_number: makeId('19810202', 72, 'F') },
];
let srv, t, units, fundId, category;

// The name as a PDF prints it: characters beyond the BMP as '□'.
const printed = (name) => Array.from(name).map((c) => (c.codePointAt(0) > 0xffff ? '□' : c)).join('');

const squash = (s) => s.replace(/\s+/g, '');
// The masked form the public reads: the first and last character kept, '*' between.
const maskedRe = (name) => {
  const c = Array.from(name);
  return new RegExp(`${c[0]}\\*{${c.length - 2}}${c[c.length - 1]}`, "u");
};
// Asserts that the text holds the whole name (whitespace, such as a line break in a cell, aside).
// A public PDF's text in the order it is drawn (pdftotext -raw).
async function rawText(path) {
  const res = await fetch(srv.base + path);
  assert.equal(res.status, 200, path);
  const file = join(srv.dir, 'raw.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-q', '-raw', file, '-'], { encoding: 'utf8' });
}

function whole(text, name, where) {
  assert.ok(squash(text).includes(name), `${where}: the name ${name} is not whole in:\n${text.slice(0, 3000)}`);
}

before(async () => {
  assert.equal(Array.from(RARE).length, NAME_MAX_CHARS);
  assert.equal(Array.from(PLAIN).length, NAME_MAX_CHARS);
  assert.equal(Array.from(PROJECT).length, PROJECT_NAME_MAX_CHARS);
  srv = await startServer({ today: SCENARIO_DAY });
  t = {};
  for (const u of ['admin', 'xj_xiehui', 'xj_xiehui2', 'xj_xinyong', 'xj_jiuzhu', 'xj_caiwu']) t[u] = await token(srv.base, u);
  units = await unitIds(srv.base, t.admin);
  fundId = (await api(srv.base, 'GET', '/funds', undefined, t.xj_caiwu)).body.items.find((f) => f.name === '人口和计划生育公益金').id;
  category = (await api(srv.base, 'GET', '/relief-categories', undefined, t.admin)).body.items.find((c) => c.name === '双千帮扶');
  const u = await api(srv.base, 'PUT', `/relief-categories/${category.id}`, { eligible: category.eligible, any_household: true,
    per_year: category.per_year, active: true }, t.admin);
  assert.equal(u.status, 200, JSON.stringify(u.body));
  for (const [i, p] of people.entries()) {
    // The loan: 20,000.00 over 12 months, disbursed 2026-08-15; the first instalment (09-15) paid, the
    // second (10-15) not, so the loan is on the overdue list and the third (11-15) and fourth (12-15) are due.
    const { household, application } = await guaranteedApplication(srv.base, { village_id: units['东集村'], name: p.name,
      id_number: p.id_number, amount_fen: 2000000, project_name: PROJECT });
    Object.assign(p, { household, application });
    const loan = await api(srv.base, 'POST', '/loans', { application_id: application, contract_no: `DJ-LONG-${i}`,
      disbursed_on: '2026-08-15', principal_fen: 2000000, annual_rate: '4.35', method: 'equal-installment', term_months: 12 }, t.xj_xinyong);
    assert.equal(loan.status, 201, JSON.stringify(loan.body));
    p.loan = loan.body.id;
    const first = loan.body.schedule[0];
    const pay = await api(srv.base, 'POST', `/loans/${p.loan}/repayments`, { paid_on: '2026-09-15',
      amount_fen: first.principal_fen + first.interest_fen, receipt_no: `DJ-LONG-R${i}` }, t.xj_xinyong);
    assert.equal(pay.status, 201, JSON.stringify(pay.body));
    // The relief: 双千帮扶 (opened to every household), verified and reviewed.
    const a = await api(srv.base, 'POST', '/relief-applications', { household_id: household, category_id: category.id,
      amount_fen: 100000, reason: '家庭困难，申请帮扶' }, t.xj_jiuzhu);
    assert.equal(a.status, 201, JSON.stringify(a.body));
    p.relief = a.body.id;
    for (const s of ['verify', 'review']) {
      const r = await api(srv.base, 'POST', `/relief-applications/${p.relief}/${s}`, {}, s === 'verify' ? t.xj_jiuzhu : t.xj_xiehui2);
      assert.equal(r.status, 200, `${s}: ${JSON.stringify(r.body)}`);
    }
  }
  const n = await api(srv.base, 'POST', '/notices', { kind: 'relief', unit_id: units['东集村'], days: 1 }, t.xj_jiuzhu);
  assert.equal(n.status, 201, JSON.stringify(n.body));
  for (const p of people) p.notice = n.body.id;
  await srv.restart({ today: LATER });
  for (const u of ['xj_xiehui', 'xj_jiuzhu']) t[u] = await token(srv.base, u);
  for (const p of people) {
    const ap = await api(srv.base, 'POST', `/relief-applications/${p.relief}/approve`, {}, t.xj_xiehui);
    assert.equal(ap.status, 200, JSON.stringify(ap.body));
    const paid = await api(srv.base, 'POST', `/relief-applications/${p.relief}/disburse`, { fund_id: fundId, paid_on: LATER,
      method: 'cash' }, t.xj_jiuzhu);
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    p.receipt = paid.body.receipt_no;
  }
});
after(async () => { await srv?.stop(); });

// Browsers logged in as the association (b), the credit-union liaison, the relief clerk and finance.
async function browsers() {
  const out = {};
  for (const [k, u] of [['b', 'xj_xiehui'], ['liaison', 'xj_xinyong'], ['clerk', 'xj_jiuzhu'], ['finance', 'xj_caiwu']]) {
    out[k] = new Browser(srv.base);
    await out[k].login(u);
  }
  return out;
}

test('the JSON that shows a head of household gives the whole name', async () => {
  t.xj_xinyong = await token(srv.base, 'xj_xinyong');
  t.xj_caiwu = await token(srv.base, 'xj_caiwu');
  for (const p of people) {
    const get = async (path, tok) => {
      const r = await api(srv.base, 'GET', path, undefined, tok);
      assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
      return JSON.stringify(r.body);
    };
    whole(await get(`/households/${p.household}`, t.xj_xiehui), p.name, 'household JSON');
    const app = await get(`/loan-applications/${p.application}`, t.xj_xiehui);
    whole(app, p.name, 'application JSON');
    whole(app, PROJECT, 'application JSON (project)');
    whole(await get(`/relief-applications/${p.relief}`, t.xj_jiuzhu), p.name, 'relief JSON');
    whole(await get('/reports/subsidy?quarter=2026Q3', t.xj_caiwu), p.name, 'subsidy claim JSON');
    const pub = await api(srv.base, 'GET', `/notices/${p.notice}`);
    assert.equal(pub.status, 200);
    assert.ok(!JSON.stringify(pub.body).includes(p.name), 'the public notice never shows the full name');
    assert.match(JSON.stringify(pub.body), maskedRe(p.name), 'the public notice: masked, first and last kept');
  }
});

test('every staff page that shows the name shows it whole', async () => {
  const { b, liaison, clerk } = await browsers();
  const page = async (br, path) => {
    const r = await br.get(path);
    assert.equal(r.status, 200, `${path}: ${r.status}`);
    return r.text;
  };
  for (const p of people) {
    whole(await page(b, `/households/${p.household}`), p.name, 'household page');
    whole(await page(b, `/households?q=${encodeURIComponent(p.name)}`), p.name, 'household search');
    const app = await page(b, `/loans/${p.application}`);
    whole(app, p.name, 'application page');
    whole(app, PROJECT, 'application page (project)');
    whole(await page(liaison, `/accounts/${p.loan}`), p.name, 'loan account page');
    whole(await page(liaison, '/due?days=30'), p.name, 'due list (30 days: the default is the next 7)');
    whole(await page(liaison, '/overdue'), p.name, 'overdue list');
    whole(await page(clerk, `/relief/${p.relief}`), p.name, 'relief page');
    // The staff view of a notice shows what the public reads: masked.
    const manage = await page(clerk, `/notices/${p.notice}/manage`);
    assert.ok(!manage.includes(p.name));
    assert.match(manage, maskedRe(p.name), 'the notice (staff view): masked, first and last kept');
    const pub = await page(new Browser(srv.base), `/notices/${p.notice}`);
    assert.ok(!pub.includes(p.name), 'the public notice page never shows the full name');
    assert.match(pub, maskedRe(p.name), 'the public notice page: masked, first and last kept');
  }
});

test('every PDF that prints the name prints it whole', async () => {
  const { b, liaison, clerk, finance } = await browsers();
  for (const p of people) {
    const notice = await pdfText(srv, `/loans/${p.application}/notice.pdf`, b);
    whole(notice, printed(p.name), '一次性告知书');
    whole(await pdfText(srv, `/loans/${p.application}/review-form.pdf`, b), printed(p.name), '联审表');
    const letter = await pdfText(srv, `/loans/${p.application}/guarantee-letter.pdf`, b);
    whole(letter, printed(p.name), '担保推荐函');
    whole(letter, PROJECT, '担保推荐函 (project)');
    whole(await pdfText(srv, `/accounts/${p.loan}/schedule.pdf`, liaison), printed(p.name), '还款计划表');
    whole(await pdfText(srv, `/receipts/${encodeURIComponent(p.receipt)}.pdf`, clerk), printed(p.name), 'receipt');
    whole(await pdfText(srv, `/subsidy/2026Q3.pdf`, finance), printed(p.name), '贴息申报表');
    // the notice wraps a long name within its column: read in drawing order (-raw), line after line of the cell
    const pub = await rawText(`/notices/${p.notice}.pdf`);
    assert.ok(!squash(pub).includes(printed(p.name)), 'the notice PDF never prints the full name');
    assert.match(squash(pub), maskedRe(printed(p.name)), 'the notice PDF: masked, first and last kept');
  }
});

test('settled early, the loan prints its 结清证明 with the whole name', async () => {
  const { liaison } = await browsers();
  const tok = await token(srv.base, 'xj_xinyong');
  for (const [i, p] of people.entries()) {
    const loan = (await api(srv.base, 'GET', `/loans/${p.loan}`, undefined, tok)).body;
    assert.ok(loan.payoff_fen > 0);
    const pay = await api(srv.base, 'POST', `/loans/${p.loan}/repayments`, { paid_on: LATER, amount_fen: loan.payoff_fen,
      receipt_no: `DJ-LONG-S${i}` }, tok);
    assert.equal(pay.status, 201, JSON.stringify(pay.body));
    assert.equal((await api(srv.base, 'GET', `/loans/${p.loan}`, undefined, tok)).body.state, 'settled');
    whole(await pdfText(srv, `/accounts/${p.loan}/settlement.pdf`, liaison), printed(p.name), '结清证明');
    whole((await liaison.get(`/accounts/${p.loan}`)).text, p.name, 'loan account page (settled)');
  }
});
