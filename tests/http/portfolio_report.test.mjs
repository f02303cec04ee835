// The portfolio report on a small fixture computed by hand: a new village with two loans — one
// repaid on time, one never paid — and every figure of its row checked; then the cross-check
// that the report's outstanding equals the sum over the loans.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, token, makeId, guaranteedApplication, SCENARIO_DAY, Browser } from './lib.mjs';

let srv, t, village;

before(async () => {
  srv = await startServer({ today: SCENARIO_DAY }); // amounts below are worked by hand for these dates
  t = { admin: await token(srv.base, 'admin'), liaison: await token(srv.base, 'xj_xinyong'), assoc: await token(srv.base, 'xj_xiehui') };
  const units = (await api(srv.base, 'GET', '/units', undefined, t.admin)).body.items;
  const xiji = units.find((u) => u.name === '西集镇').id;
  village = (await api(srv.base, 'POST', '/units', { name: '试点村', kind: 'village', parent_id: xiji }, t.admin)).body.id;
  // Loan A: 120,000.00 at 4.35%, 12 months equal principal from 2026-01-15; paid on time through the 2026-05 instalment.
  const a = await guaranteedApplication(srv.base, { village_id: village, name: '蒋立新', id_number: makeId('19800101', 81, 'M'),
    amount_fen: 12000000, project_name: '香菇大棚' });
  const la = await api(srv.base, 'POST', '/loans', { application_id: a.application, contract_no: 'SD-A', disbursed_on: '2026-01-15',
    principal_fen: 12000000, annual_rate: '4.35', method: 'equal-principal', term_months: 12 }, t.liaison);
  assert.equal(la.status, 201, JSON.stringify(la.body));
  for (const [i, row] of la.body.schedule.slice(0, 10).entries()) {
    const r = await api(srv.base, 'POST', `/loans/${la.body.id}/repayments`, { paid_on: row.due_on, amount_fen: row.principal_fen + row.interest_fen, receipt_no: `SD-A-${i}` }, t.liaison);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  // Loan B: 50,000.00 at 4.35%, 12 months equal principal from 2026-03-20, never paid.
  const b = await guaranteedApplication(srv.base, { village_id: village, name: '蒋立华', id_number: makeId('19820202', 82, 'M'),
    amount_fen: 5000000, project_name: '小卖部' });
  const lb = await api(srv.base, 'POST', '/loans', { application_id: b.application, contract_no: 'SD-B', disbursed_on: '2026-03-20',
    principal_fen: 5000000, annual_rate: '4.35', method: 'equal-principal', term_months: 12 }, t.liaison);
  assert.equal(lb.status, 201, JSON.stringify(lb.body));
});
after(async () => { await srv.stop(); });

test('every figure of the fixture village, by hand', async () => {
  const r = await api(srv.base, 'GET', '/reports/portfolio/villages?as_of=2026-11-23', undefined, t.assoc);
  assert.equal(r.status, 200);
  const row = r.body.items.find((x) => x.village_id === village);
  // Applications: two registered today, both approved (decided today, within the review deadline), none rejected.
  assert.equal(row.applications, 2);
  assert.equal(row.approved, 2);
  assert.equal(row.rejected, 0);
  assert.equal(row.decided, 2);
  assert.equal(row.decided_on_time, 2);
  assert.equal(row.disbursed_loans, 2);
  assert.equal(row.disbursed_fen, 12000000 + 5000000);
  // A: 10 of 12 instalments of 10,000.00 principal paid: 20,000.00 left, due 2026-12-15 onwards: not overdue.
  // B: nothing paid; first due 2026-04-20, 217 days before 2026-11-23: all 50,000.00 overdue, PAR30, 可疑 (181–360 days).
  assert.equal(row.active_loans, 2);
  assert.equal(row.outstanding_fen, 2000000 + 5000000);
  assert.equal(row.overdue_fen, 5000000);
  assert.equal(row.par30_fen, 5000000);
  assert.deepEqual(row.grades, { normal: 1, special_mention: 0, substandard: 0, doubtful: 1, loss: 0 });
  assert.equal(row.payouts_fen, 0);
  assert.equal(row.recoveries_fen, 0);
  // As of 2026-05-01, B's first instalment is 11 days late: overdue but not PAR30, 关注.
  const may = (await api(srv.base, 'GET', '/reports/portfolio/villages?as_of=2026-05-01', undefined, t.assoc)).body.items.find((x) => x.village_id === village);
  assert.equal(may.overdue_fen, 5000000);
  assert.equal(may.par30_fen, 0);
  assert.equal(may.grades.special_mention, 1);
  // A period that excludes today counts no applications and no disbursement of B.
  const early = (await api(srv.base, 'GET', '/reports/portfolio/villages?from=2026-01-01&to=2026-02-28', undefined, t.assoc)).body.items.find((x) => x.village_id === village);
  assert.equal(early.applications, 0);
  assert.equal(early.disbursed_loans, 1);
  assert.equal(early.disbursed_fen, 12000000);
  // A period reads its whole months from the month figures and the days of its first and last month from the
  // day figures (migration 119): A was disbursed on 2026-01-15, B on 2026-03-20, both applications made today.
  const period = async (from, to) => (await api(srv.base, 'GET', `/reports/portfolio/villages?from=${from}&to=${to}`,
    undefined, t.assoc)).body.items.find((x) => x.village_id === village);
  const flows = (v) => [v.applications, v.disbursed_loans, v.disbursed_fen];
  assert.deepEqual(flows(await period('2026-01-16', '2026-03-20')), [0, 1, 5000000], 'from the day after A to B\'s day');
  assert.deepEqual(flows(await period('2026-01-15', '2026-03-19')), [0, 1, 12000000], 'from A\'s day to the day before B');
  assert.deepEqual(flows(await period('2026-01-15', '2026-01-15')), [0, 1, 12000000], 'one day');
  assert.deepEqual(flows(await period('2026-01-16', '2026-01-31')), [0, 0, 0], 'the rest of A\'s month');
  assert.deepEqual(flows(await period('2026-02-01', '2026-03-19')), [0, 0, 0], 'a whole month and part of the next');
  assert.deepEqual(flows(await period('2025-12-01', '2026-11-23')), [2, 2, 17000000], 'whole months between two part months');
  assert.deepEqual(flows(await period('2025-12-31', '2026-11-23')), [2, 2, 17000000], 'every month whole but the ends');
});

test('cross-check: the report\'s outstanding equals the portfolio summary and the sum over the loans', async () => {
  const rows = (await api(srv.base, 'GET', '/reports/portfolio/villages', undefined, t.assoc)).body.items;
  const summary = (await api(srv.base, 'GET', '/reports/portfolio', undefined, t.assoc)).body;
  assert.equal(rows.reduce((s, x) => s + x.outstanding_fen, 0), summary.outstanding_fen);
  assert.equal(rows.reduce((s, x) => s + x.par30_fen, 0), summary.par30_fen);
  assert.equal(rows.reduce((s, x) => s + x.active_loans, 0), summary.loans);
  let byLoan = 0;
  for (let id = 1; ; id++) {
    const l = await api(srv.base, 'GET', `/loans/${id}`, undefined, t.assoc);
    if (l.status === 404) break;
    if (l.body.state === 'active') byLoan += l.body.outstanding_principal_fen;
  }
  assert.equal(byLoan, summary.outstanding_fen);
  const csv = await fetch(`${srv.base}/api/v1/reports/portfolio/villages?format=csv`, { headers: { Authorization: `Bearer ${t.assoc}` } });
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  const total = lines.at(-1).split(',');
  assert.equal(total[0], '合计');
  assert.equal(total[7], (summary.outstanding_fen / 100).toFixed(2));
});

test('the quarterly report PDF carries the figures of the API, the charts and the subsidy claim', async () => {
  const { writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const res = await fetch(`${srv.base}/api/v1/reports/quarterly.pdf?quarter=2026Q4`, { headers: { Authorization: `Bearer ${t.assoc}` } });
  assert.equal(res.status, 200);
  writeFileSync(`${srv.dir}/q.pdf`, Buffer.from(await res.arrayBuffer()));
  const text = spawnSync('pdftotext', ['-q', '-layout', `${srv.dir}/q.pdf`, '-'], { encoding: 'utf8' }).stdout.replace(/ +/g, ' ');
  const summary = (await api(srv.base, 'GET', '/reports/portfolio', undefined, t.assoc)).body;
  const yuan = (fen) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.match(text, /季度工作报表（2026年第四季度）/);
  assert.ok(text.includes(`季末贷款余额 ${yuan(summary.outstanding_fen)} 元`), text);
  assert.ok(text.includes(`${(Number(summary.par30) * 100).toFixed(2)}%`));
  assert.match(text, /近12个月放款与月末贷款余额/);
  assert.match(text, /近12个月 PAR30/);
  const claim = (await api(srv.base, 'GET', '/reports/subsidy?quarter=2026Q4', undefined, t.assoc)).body;
  assert.ok(text.includes(`申请贴息 ${yuan(claim.subsidy_fen)} 元`));
  const relief = (await api(srv.base, 'GET', '/reports/relief?group=category&from=2026-10-01&to=2026-12-31', undefined, t.assoc)).body.items;
  assert.ok(text.includes(`本季发放金额 ${yuan(relief.reduce((s, x) => s + x.amount_fen, 0))} 元`));
  assert.equal((await fetch(`${srv.base}/api/v1/reports/quarterly.pdf?quarter=2026Q5`, { headers: { Authorization: `Bearer ${t.assoc}` } })).status, 422);
  assert.equal((await fetch(`${srv.base}/api/v1/reports/quarterly.pdf`, { headers: { Authorization: `Bearer ${await token(srv.base, 'xj_jiuzhu')}` } })).status, 403);
});

test('any unit the user may see: ?unit_id= narrows a report; a unit outside the scope is refused', async () => {
  const units = (await api(srv.base, 'GET', '/units', undefined, t.admin)).body.items;
  const fengmao = units.find((u) => u.name === '冯卯镇').id;
  const one = await api(srv.base, 'GET', `/reports/portfolio/villages?unit_id=${village}`, undefined, t.assoc);
  assert.equal(one.status, 200);
  assert.deepEqual(one.body.items.map((x) => x.village_id), [village]);
  assert.equal((await api(srv.base, 'GET', `/reports/portfolio/villages?unit_id=${fengmao}`, undefined, t.assoc)).status, 403);
  assert.equal((await api(srv.base, 'GET', `/reports/relief?unit_id=${fengmao}`, undefined, t.assoc)).status, 403);
  const out = await api(srv.base, 'GET', `/reports/outcomes?unit_id=${village}`, undefined, t.assoc);
  assert.equal(out.body.items.reduce((s, x) => s + x.loans, 0), 2);
  const csv = await fetch(`${srv.base}/api/v1/reports/portfolio/villages?unit_id=${village}&format=csv`, { headers: { Authorization: `Bearer ${t.assoc}` } });
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(lines.length, 1 + 1 + 1 + 1, 'head, the village, the township subtotal, the total');
  assert.match(lines[1], /^西集镇试点村,2,2,0,100\.0%,2,170000\.00,70000\.00,50000\.00,/);
});

test('the portfolio CSV holds one value a cell: counts and the five grades in their own columns; the page keeps its packed table', async () => {
  const heads = ['单位', '申请笔数', '批准笔数', '未通过笔数', '按时办结', '放款笔数', '放款金额（元）', '贷款余额（元）',
    '逾期余额（元）', 'PAR30', '正常', '关注', '次级', '可疑', '损失', '代偿（元）', '追偿（元）', '核销（元）'];
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  for (const path of [`/reports/portfolio.csv?unit_id=${village}`, `/reports/portfolio?unit_id=${village}&format=csv`]) {
    const res = await fetch(srv.base + path, { headers: { Cookie: b.cookie } });
    assert.equal(res.status, 200, path);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.deepEqual(lines[0].split(','), heads, path);
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      assert.equal(cells.length, heads.length, line);
      assert.ok(cells.slice(1).every((c) => /^(-?\d+(\.\d+)?%?|—)$/.test(c)), `one number a cell: ${line}`);
    }
    // the village (the first test's figures): 2 applications, both approved; grades 1 normal, 1 doubtful
    const row = lines[1].split(',');
    assert.deepEqual(row.slice(0, 4), ['西集镇试点村', '2', '2', '0']);
    assert.deepEqual(row.slice(10, 15), ['1', '0', '0', '1', '0']);
  }
  const page = await b.get(`/reports/portfolio?unit_id=${village}`);
  assert.match(page.text, /2\/2\/0/, 'the page keeps the packed counts');
});
