// Crash safety: in several rounds, four clients book loan repayments and pay relief while the
// server is killed with SIGKILL at a random moment. After each kill, every request answered 201
// is in the database with its audit record (and, for relief, its receipt and fund debit); a
// request that got no answer is either all there or not there at all; `bangfu check` is clean.
// The kill moments and amounts come from a seeded generator: BANGFU_CRASH_SEED=N repeats a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serveDb, api, token, approvedReliefBatch, sqlRows, check, addDays, TODAY } from './lib.mjs';

const SEED = Number(process.env.BANGFU_CRASH_SEED || Math.floor(Math.random() * 1e9));
const ROUNDS = 8;
const CLIENTS = 4;
const LATER = addDays(TODAY, 1); // the day after the relief notice

// mulberry32: a small seeded generator of numbers in [0, 1).
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One client: three repayments to one relief payment, until the server is gone. Every
// request goes into ops with its answer (status undefined when none came).
async function client(c, ctx) {
  for (let i = 0; ; i++) {
    const relief = i % 4 === 1 && ctx.apps.length > 0;
    const op = relief
      ? { kind: 'relief', app: ctx.apps.shift() }
      : { kind: 'repay', receipt: `CR${ctx.round}-${c}-${i}`, loan: ctx.loans[(c + i) % ctx.loans.length],
        amount: 500 + Math.floor(ctx.rand() * 1000) };
    ctx.ops.push(op);
    try {
      const r = relief
        ? await api(ctx.base, 'POST', `/relief-applications/${op.app}/disburse`, { fund_id: ctx.fund, paid_on: LATER,
          method: 'cash' }, ctx.token)
        : await api(ctx.base, 'POST', `/loans/${op.loan}/repayments`, { paid_on: LATER, amount_fen: op.amount,
          receipt_no: op.receipt }, ctx.token);
      op.status = r.status;
      op.body = r.body;
    } catch {
      return; // killed: this request has no answer
    }
  }
}

// Checks the database after a kill against what the clients were told; returns counts.
function verify(db, ctx, why) {
  const reps = new Map(sqlRows(db, `SELECT r.receipt_no AS no, r.amount_fen AS amount, (SELECT count(*) FROM audit_log a
    WHERE a.action = 'repayment' AND a.entity_id = r.loan_id AND json_extract(a.after_json, '$.receipt_no') = r.receipt_no)
    AS audited FROM repayments r WHERE r.receipt_no LIKE 'CR${ctx.round}-%'`).map((x) => [x.no, x]));
  const auditOnly = sqlRows(db, `SELECT json_extract(after_json, '$.receipt_no') AS no FROM audit_log WHERE action = 'repayment'
    AND json_extract(after_json, '$.receipt_no') LIKE 'CR${ctx.round}-%'`).filter((x) => !reps.has(x.no));
  assert.deepEqual(auditOnly, [], `${why}: an audit record without its repayment`);
  const ids = ctx.ops.filter((o) => o.kind === 'relief').map((o) => o.app);
  const paid = new Map(sqlRows(db, `SELECT a.id, a.state, p.receipt_no AS no, e.amount_fen AS debit, a.amount_fen AS amount,
    (SELECT count(*) FROM audit_log l WHERE l.entity = 'relief_application' AND l.entity_id = a.id AND l.action = 'disburse')
    AS audited FROM relief_applications a LEFT JOIN relief_payments p ON p.application_id = a.id LEFT JOIN
    relief_fund_entries e ON e.payment_id = p.id WHERE a.id IN (${ids.join(',') || 0})`).map((x) => [x.id, x]));
  const n = { answered: 0, relief: 0, unanswered: 0, unansweredKept: 0 };
  for (const op of ctx.ops) {
    const answered = op.status !== undefined;
    n[answered ? 'answered' : 'unanswered']++;
    n.relief += answered && op.kind === 'relief';
    if (answered) assert.equal(op.status, 201, `${why}: ${JSON.stringify(op)}`);
    if (op.kind === 'repay') {
      const row = reps.get(op.receipt);
      if (answered) assert.ok(row, `${why}: answered repayment ${op.receipt} is missing`);
      if (row) {
        assert.equal(row.amount, op.amount, `${why}: ${op.receipt}`);
        assert.equal(row.audited, 1, `${why}: repayment ${op.receipt} without its audit record`);
      }
      n.unansweredKept += !answered && !!row;
    } else {
      const row = paid.get(op.app);
      const whole = row.state === 'paid' && row.no && row.debit === -row.amount && row.audited === 1;
      const none = row.state === 'approved' && row.no === null && row.debit === null && row.audited === 0;
      assert.ok(whole || none, `${why}: relief application ${op.app} half-written: ${JSON.stringify(row)}`);
      if (answered) assert.ok(whole && row.no === op.body.receipt_no, `${why}: answered payment ${op.app} is missing`);
      n.unansweredKept += !answered && whole;
    }
  }
  return n;
}

test(`SIGKILL at random moments loses no answered booking and half-writes nothing (seed ${SEED})`, async (t) => {
  const rand = generator(SEED);
  const srv = await startServer();
  try {
    const finance = await token(srv.base, 'xj_caiwu');
    const fund = await api(srv.base, 'POST', '/funds', { name: '断电测试资金' }, finance);
    await api(srv.base, 'POST', `/funds/${fund.body.id}/income`, { source: 'township', amount_fen: 100000000,
      on: addDays(TODAY, -3), document_no: 'CR-1' }, finance);
    const apps = await approvedReliefBatch(srv, { amount_fen: 100000, later: LATER, anyHousehold: true });
    const financeLater = await token(srv.base, 'xj_caiwu'); // the day before's login has expired
    await srv.stopServing();
    const loans = sqlRows(srv.db, "SELECT id FROM loans WHERE state = 'active'").map((x) => x.id);
    assert.ok(apps.length >= 300 && loans.length >= 2, `${apps.length} applications, ${loans.length} loans`);
    const total = { answered: 0, relief: 0, unanswered: 0, unansweredKept: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      const why = `seed ${SEED} round ${round}`;
      const s = await serveDb(srv.db, LATER);
      const ctx = { round, base: s.base, token: financeLater, fund: fund.body.id, loans, apps, rand, ops: [] };
      // The kill comes after a random number of answers (5 to 24) and a random moment (0 to 49 ms) on
      // top, so a slow (sanitizer, loaded) machine is killed as deep into its work as a fast one.
      const answers = 5 + Math.floor(rand() * 20), extra = Math.floor(rand() * 50);
      const killer = (async () => {
        for (const end = Date.now() + 20000; ctx.ops.filter((o) => o.status !== undefined).length < answers && Date.now() < end;) {
          await new Promise((r) => setTimeout(r, 5));
        }
        await new Promise((r) => setTimeout(r, extra));
        s.proc.kill('SIGKILL');
      })();
      const delay = `${answers} answers + ${extra}`;
      await Promise.all([killer, ...Array.from({ length: CLIENTS }, (_, c) => client(c, ctx))]);
      await new Promise((resolve) => (s.proc.exitCode !== null || s.proc.signalCode ? resolve() : s.proc.once('exit', resolve)));
      const n = verify(srv.db, ctx, why);
      const c = check(srv.db);
      assert.equal(c.status, 0, `${why}: bangfu check\n${c.stdout}${c.stderr}`);
      t.diagnostic(`round ${round}: killed after ${delay} ms; ${n.answered} answered (${n.relief} relief payments), ` +
        `${n.unanswered} unanswered ` +
        `(${n.unansweredKept} of them committed)`);
      for (const k of Object.keys(total)) total[k] += n[k];
    }
    t.diagnostic(`seed ${SEED}: ${ROUNDS} kills, ${total.answered} answered (${total.relief} relief payments), ` +
      `${total.unanswered} unanswered (${total.unansweredKept} committed)`);
    assert.ok(total.answered >= ROUNDS * 10, `seed ${SEED}: too few requests answered (${total.answered})`);
  } finally {
    await srv.stop();
  }
});
