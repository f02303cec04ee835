// writes.mjs: concurrent repayments through the API for the write benchmark of tests/bench/run.sh.
// Usage: node writes.mjs BASE-URL TOKEN TODAY [CLIENTS=16] [MAX-BOOKINGS=2000] [MAX-SECONDS=10]
// Each client books 0.01-yuan repayments (one fen each, receipt numbers unique to the run) on
// active loans in turn, until the bookings or the seconds run out. Loopback only. Prints
// "bookings seconds per_second p50_ms p99_ms failures".
const [base, token, today, clients = '16', maxBookings = '2000', maxSeconds = '10'] = process.argv.slice(2);
if (!base || !token || !today || !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(base)) {
  console.error('usage: node writes.mjs http://127.0.0.1:PORT TOKEN YYYY-MM-DD [CLIENTS] [MAX] [SECONDS]');
  process.exit(2);
}
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const list = await (await fetch(`${base}/api/v1/loans?state=active&limit=200`, { headers })).json();
const loans = (list.items || []).filter((l) => l.outstanding_principal_fen > 0).map((l) => l.id);
if (!loans.length) {
  console.error('writes.mjs: no active loan to book repayments on');
  process.exit(1);
}
const run = `B${Date.now().toString(36)}`;
const latencies = [];
let next = 0;
let failures = 0;
const t0 = performance.now();
const deadline = t0 + Number(maxSeconds) * 1000;
async function client() {
  while (next < Number(maxBookings) && performance.now() < deadline) {
    const i = next++;
    const s = performance.now();
    const r = await fetch(`${base}/api/v1/loans/${loans[i % loans.length]}/repayments`, {
      method: 'POST', headers, body: JSON.stringify({ paid_on: today, amount_fen: 1, receipt_no: `${run}-${i}` }),
    });
    await r.arrayBuffer();
    if (r.status === 201) latencies.push(performance.now() - s);
    else failures++;
  }
}
await Promise.all(Array.from({ length: Number(clients) }, client));
const secs = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] : 0);
console.log(`${latencies.length} ${secs.toFixed(3)} ${(latencies.length / secs).toFixed(0)} ${at(0.5).toFixed(2)} ${at(0.99).toFixed(2)} ${failures}`);
