// writes.mjs: concurrent bookings through the API for the write benchmark of tests/bench/writes.sh.
// Usage: node writes.mjs BASE-URL TOKEN TODAY [CLIENTS=16] [MAX-BOOKINGS=2000] [MAX-SECONDS=10] [KIND=repayments]
// KIND repayments: each client books 0.01-yuan repayments (one fen each, receipt numbers unique to
// the run) on active loans in turn. KIND relief: each client pays one approved relief application
// (POST /api/v1/relief-applications/{id}/disburse, from the first fund, by bank) until none is left.
// Until the bookings or the seconds run out. Loopback only. Prints
// "bookings seconds per_second p50_ms p99_ms failures created created_fen run": created counts the
// 201 answers and created_fen their amounts, for writes.sh to compare with the rows in the database
// (repayments: receipt numbers starting "run-").
const [base, token, today, clients = '16', maxBookings = '2000', maxSeconds = '10', kind = 'repayments'] = process.argv.slice(2);
if (!base || !token || !today || !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(base)) {
  console.error('usage: node writes.mjs http://127.0.0.1:PORT TOKEN YYYY-MM-DD [CLIENTS] [MAX] [SECONDS]');
  process.exit(2);
}
const run = `B${Date.now().toString(36)}`;
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
let targets;
if (kind === 'relief') {
  const funds = await (await fetch(`${base}/api/v1/funds`, { headers })).json();
  const fund = funds.items[0].id;
  const amounts = new Map();
  for (let next = ''; ;) {
    const page = await (await fetch(`${base}/api/v1/relief-applications?state=approved&limit=500${next}`, { headers })).json();
    for (const a of page.items) amounts.set(a.id, a.amount_fen);
    if (page.items.length < 500 || amounts.size >= Number(maxBookings)) break;
    next = `&offset=${amounts.size}`;
  }
  targets = [...amounts].map(([id, fen]) => ({ url: `${base}/api/v1/relief-applications/${id}/disburse`, fen: () => fen,
    body: () => ({ fund_id: fund, paid_on: today, method: 'bank' }), once: true }));
} else {
  const list = await (await fetch(`${base}/api/v1/loans?state=active&limit=200`, { headers })).json();
  targets = (list.items || []).filter((l) => l.outstanding_principal_fen > 0).map((l) => ({
    url: `${base}/api/v1/loans/${l.id}/repayments`, fen: () => 1, body: (i) => ({ paid_on: today, amount_fen: 1, receipt_no: `${run}-${i}` }) }));
}
if (!targets.length) {
  console.error(`writes.mjs: nothing to book (${kind})`);
  process.exit(1);
}
const latencies = [];
let next = 0;
let failures = 0;
let created = 0;
let createdFen = 0;
const t0 = performance.now();
const deadline = t0 + Number(maxSeconds) * 1000;
async function client() {
  while (next < Number(maxBookings) && performance.now() < deadline && !(targets[0].once && next >= targets.length)) {
    const i = next++;
    const s = performance.now();
    const t = targets[i % targets.length];
    const r = await fetch(t.url, { method: 'POST', headers, body: JSON.stringify(t.body(i)) });
    await r.arrayBuffer();
    if (r.status === 201 || r.status === 200) latencies.push(performance.now() - s);
    else failures++;
    if (r.status === 201) {
      created++;
      createdFen += t.fen();
    }
  }
}
await Promise.all(Array.from({ length: Number(clients) }, client));
const secs = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] : 0);
console.log(`${latencies.length} ${secs.toFixed(3)} ${(latencies.length / secs).toFixed(0)} ${at(0.5).toFixed(2)} ${at(0.99).toFixed(2)} ${failures} ${created} ${createdFen} ${run}`);
