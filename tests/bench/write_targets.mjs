// write_targets.mjs: the bookings of the write benchmark (tests/bench/writes.sh), for
// tests/bench/post_load.c to post. Usage: node write_targets.mjs BASE-URL TOKEN TODAY MAX RUN [KIND=repayments]
// Prints one target a line: "PATH<TAB>FEN<TAB>JSON-BODY".
// KIND repayments: 0.01-yuan repayments (one fen each) on the active loans in turn, receipt numbers
// "RUN-{i}" (post_load puts the booking's number for {i}, so they are unique to the run).
// KIND relief: each approved relief application once (POST /api/v1/relief-applications/{id}/disburse,
// from the first fund, by bank), at most MAX of them. Loopback only.
const [base, token, today, max, run, kind = 'repayments'] = process.argv.slice(2);
if (!base || !token || !today || !max || !run || !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(base)) {
  console.error('usage: node write_targets.mjs http://127.0.0.1:PORT TOKEN YYYY-MM-DD MAX RUN [KIND]');
  process.exit(2);
}
const headers = { Authorization: `Bearer ${token}` };
const lines = [];
if (kind === 'relief') {
  const funds = await (await fetch(`${base}/api/v1/funds`, { headers })).json();
  const body = JSON.stringify({ fund_id: funds.items[0].id, paid_on: today, method: 'bank' });
  for (let offset = 0; lines.length < Number(max);) {
    const page = await (await fetch(`${base}/api/v1/relief-applications?state=approved&limit=500&offset=${offset}`,
      { headers })).json();
    for (const a of page.items) lines.push(`/api/v1/relief-applications/${a.id}/disburse\t${a.amount_fen}\t${body}`);
    if (page.items.length < 500) break;
    offset += page.items.length;
  }
} else {
  const list = await (await fetch(`${base}/api/v1/loans?state=active&limit=200`, { headers })).json();
  for (const l of list.items || [])
    if (l.outstanding_principal_fen > 0)
      lines.push(`/api/v1/loans/${l.id}/repayments\t1\t${JSON.stringify({ paid_on: today, amount_fen: 1, receipt_no: `${run}-{i}` })}`);
}
if (!lines.length) {
  console.error(`write_targets.mjs: nothing to book (${kind})`);
  process.exit(1);
}
console.log(lines.slice(0, Number(max)).join('\n'));
