// load.mjs: many keep-alive connections against one URL for a fixed time, for tests/bench/load.sh
// (issue 22, goal 3). Usage:
//   node load.mjs BASE-URL PATH TOKEN COOKIE [CONNECTIONS=64] [SECONDS=5] [TIMEOUT-MS=2000]
// Each connection sends the next request as soon as the last answer is read. A request not
// answered within TIMEOUT-MS is a timeout: it counts in the percentiles as longer than every answer
// (wrk leaves them out), and its connection is replaced. Loopback only. Prints
// "requests seconds per_second p50_ms p90_ms p99_ms timeouts non2xx".
import http from 'node:http';

const [base, path, token, cookie, conns = '64', seconds = '5', timeoutMs = '2000'] = process.argv.slice(2);
if (!base || !path || !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(base)) {
  console.error('usage: node load.mjs http://127.0.0.1:PORT PATH TOKEN COOKIE [CONNECTIONS] [SECONDS] [TIMEOUT-MS]');
  process.exit(2);
}
const url = new URL(path, base);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(conns) });
const headers = { Authorization: `Bearer ${token}`, Cookie: cookie };
const limit = Number(timeoutMs);
const latencies = [];
let timeouts = 0;
let non2xx = 0;

// One request; resolves with its status, 0 on a timeout, -1 on a broken connection.
function get() {
  return new Promise((resolve) => {
    let timedOut = false;
    const req = http.get(url, { agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(timedOut ? 0 : -1));
    });
    req.setTimeout(limit, () => {
      timedOut = true;
      timeouts++;
      req.destroy();
    });
    req.on('error', () => resolve(timedOut ? 0 : -1));
  });
}

const t0 = performance.now();
const deadline = t0 + Number(seconds) * 1000;
async function connection() {
  while (performance.now() < deadline) {
    const s = performance.now();
    const status = await get();
    const took = performance.now() - s;
    if (status === 0) continue; // a timeout, counted
    latencies.push(took);
    if (status < 200 || status > 299) non2xx++;
  }
}
await Promise.all(Array.from({ length: Number(conns) }, connection));
const secs = (performance.now() - t0) / 1000;
agent.destroy();
latencies.sort((a, b) => a - b);
const n = latencies.length + timeouts;
// A quantile over answers and timeouts, the timeouts ranked last; "timeout" when one falls there.
const at = (q) => {
  const i = Math.min(n - 1, Math.floor(n * q));
  return n === 0 ? '-' : i < latencies.length ? latencies[i].toFixed(2) : `>${limit}`;
};
console.log(`${latencies.length} ${secs.toFixed(3)} ${(latencies.length / secs).toFixed(0)} ${at(0.5)} ${at(0.9)} ${at(0.99)} ${timeouts} ${non2xx}`);
