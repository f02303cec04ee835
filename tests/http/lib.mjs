// Shared helpers for the HTTP and browser tests: start the real `bangfu serve` (sanitizer
// build) on a free loopback port with a fresh demo database, call the JSON API, and act as a
// browser (cookie session + CSRF token scraped from the page).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.BANGFU_BIN || new URL('../../build/asan/bangfu', import.meta.url).pathname;
// The date every command of the suite believes it is: `demo`, `init` and `serve` all get it.
// .ci/run runs the suites a second time with BANGFU_TEST_TODAY years ahead.
export const TODAY = process.env.BANGFU_TEST_TODAY || '2026-11-23';
// The day the few scenarios whose amounts are worked by hand for fixed dates (interest over given
// days, DPD, grades) are set on: those files serve and make their demo on this day, whatever TODAY is.
export const SCENARIO_DAY = '2026-11-23';

// date ('YYYY-MM-DD') plus n days (n may be negative).
export function addDays(date, n) {
  const t = new Date(date + 'T00:00:00Z');
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

// 1 when date is a Saturday or Sunday.
export function isWeekend(date) {
  const wd = new Date(date + 'T00:00:00Z').getUTCDay();
  return wd === 0 || wd === 6;
}

// The day n working days after from: weekends and the calendar's days off ({day, kind: 'off'})
// skipped, its 调休 working days ({kind: 'work'}) counted. Worked out here, independently of the
// server, as a clerk would count on a wall calendar.
export function addWorkdays(from, n, calendar = []) {
  const kind = new Map(calendar.map((d) => [d.day, d.kind]));
  let day = from;
  while (n > 0) {
    day = addDays(day, 1);
    if (kind.has(day) ? kind.get(day) === 'work' : !isWeekend(day)) n--;
  }
  return day;
}

// The date as documents print it: 2026年11月23日.
export function cnDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

// date plus n months on the same day of month, or the month's last day when it has no such day.
export function addMonths(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12), nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
export const PASSWORD = 'demo1234';

// The database `bangfu demo` (or `init`) makes for a day, made once per binary and day and kept in
// the temporary folder (tests/run.sh gives each run its own, in memory): each test gets a copy, so
// the ~80 servers of the suites do not each rebuild the same demo. The name carries the binary's
// size and modification time, so a rebuilt binary never meets an older binary's database.
function templateDb(command, today) {
  const bin = statSync(BIN);
  const path = join(tmpdir(), `bangfu-template-${command}-${today}-${bin.size}-${Math.round(bin.mtimeMs)}.db`);
  if (existsSync(path)) return path;
  const work = mkdtempSync(join(tmpdir(), 'bangfu-template-'));
  const db = join(work, 'made.db');
  const init = spawnSync(BIN, [command, '--db', db, '--today', today], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`bangfu ${command} failed: ${init.stderr}`);
  if (existsSync(db + '-wal')) throw new Error(`bangfu ${command} left a write-ahead log behind`);
  renameSync(db, path); // atomic: a file running at the same time sees the whole database or none
  rmSync(work, { recursive: true, force: true });
  return path;
}

// Creates a demo database and serves it; resolves to { base, db, dir, stop, log, restart }.
// restart({ today }) stops the server and serves the same database again (e.g. as of a later date).
export async function startServer({ today = TODAY, demo = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-test-'));
  const db = join(dir, 'test.db');
  copyFileSync(templateDb(demo ? 'demo' : 'init', today), db);
  const srv = { db, dir, ...(await serveDb(db, today)) };
  srv.restart = async (opts = {}) => {
    await srv.stopServing();
    Object.assign(srv, await serveDb(db, opts.today || today));
  };
  srv.stop = async () => {
    await srv.stopServing();
    rmSync(dir, { recursive: true, force: true });
  };
  return srv;
}

// Serves an existing database; resolves to { base, log, proc, stopServing }. extra: more serve
// options (e.g. ['--log', file]); env: the server's environment.
export async function serveDb(db, today = TODAY, extra = [], env = process.env) {
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '4', '--today', today, ...extra],
    { env });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + log)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[0-9.:]+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  return {
    base,
    log: () => log,
    proc,
    async stopServing() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

// Calls the JSON API; resolves to { status, body, headers }.
export async function api(base, method, path, body, token) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(base + '/api/v1' + path, {
    method, headers, body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json, headers: res.headers };
}

// Logs in through the API and returns the bearer token.
export async function token(base, username, password = PASSWORD) {
  const r = await api(base, 'POST', '/login', { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

// A browser-like client: keeps the session cookie, reads the CSRF token from pages.
export class Browser {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async request(method, path, form) {
    const headers = {};
    if (this.cookie) headers.Cookie = this.cookie;
    let body;
    if (form instanceof FormData) {
      body = form;
    } else if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) {
        for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      }
      body = params.toString();
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = setCookie.match(/bangfu_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `bangfu_session=${m[1]}` : '';
    }
    const text = await res.text();
    const csrf = text.match(/name="csrf" value="([0-9a-f]{64})"/);
    if (csrf) this.csrf = csrf[1];
    return { status: res.status, text, headers: res.headers, location: res.headers.get('location') };
  }
  get(path) { return this.request('GET', path); }
  // Uploads a file (multipart/form-data) with the CSRF token.
  upload(path, field, filename, bytes) {
    const fd = new FormData();
    fd.append('csrf', this.csrf);
    fd.append(field, new Blob([bytes], { type: 'text/csv' }), filename);
    return this.request('POST', path, fd);
  }
  post(path, form, { csrf = true } = {}) {
    return this.request('POST', path, csrf ? { csrf: this.csrf, ...form } : form);
  }
  async login(username, password = PASSWORD) {
    await this.get('/login');
    const r = await this.post('/login', { username, password }, { csrf: false });
    if (r.status !== 303) throw new Error(`browser login ${username}: ${r.status}`);
    await this.get('/home');
    return r;
  }
}

// The check digit of a resident ID's first 17 digits (GB 11643, ISO 7064 MOD 11-2).
export function checkDigit(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const map = '10X98765432';
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i];
  return map[s % 11];
}

// A valid resident ID for a birth date (YYYYMMDD), a 2-digit order and sex ('M'/'F').
export function makeId(birth, order, sex, region = '370406') {
  const last = sex === 'M' ? 1 : 2;
  const first17 = `${region}${birth}${String(order).padStart(2, '0')}${last}`;
  return first17 + checkDigit(first17);
}

// The ids of the demo's units by name.
export async function unitIds(base, tok) {
  const r = await api(base, 'GET', '/units', undefined, tok);
  return Object.fromEntries(r.body.items.map((u) => [u.name, u.id]));
}

// The exact number of households the token's user can see: summed per village, since list
// totals stop counting at 200.
export async function householdTotal(base, tok) {
  const units = (await api(base, 'GET', '/units', undefined, tok)).body.items.filter((u) => u.kind === 'village');
  let n = 0;
  for (const u of units) {
    const r = await api(base, 'GET', `/households?limit=1&village_id=${u.id}`, undefined, tok);
    if (r.body.total_capped) throw new Error('a village with more than 200 households');
    n += r.body.total;
  }
  return n;
}

export const ALL_DOCS = { id_card: true, hukou: true, marriage: true, family_planning: true, business_plan: true,
  implementation_plan: true, counter_guarantee: true };

// The reviewers of 西集镇's three departments.
export const REVIEWERS = ['xj_jingwei', 'xj_zhaoshang', 'xj_pingshen'];

// Takes a new household of the village through intake and documents to joint review;
// resolves to { household, application }.
export async function submittedApplication(base, { village_id, name, id_number, amount_fen, term_months = 12,
  project_name = '农资门市' }) {
  const assoc = await token(base, 'xj_xiehui');
  const hh = await api(base, 'POST', '/households', { village_id, policy_compliant: true,
    head: { name, id_number, phone: '13905320000' } }, assoc);
  const a = await api(base, 'POST', '/loan-applications', { household_id: hh.body.id, amount_fen, term_months,
    project_type: 'trade', project_name }, assoc);
  await api(base, 'PUT', `/loan-applications/${a.body.id}/documents`, ALL_DOCS, assoc);
  const s = await api(base, 'POST', `/loan-applications/${a.body.id}/submit`, {}, assoc);
  if (s.status !== 200) throw new Error('submit: ' + JSON.stringify(s.body));
  return { household: hh.body.id, application: a.body.id };
}

// Fetches a PDF from path on the server (with a browser's session cookie when given), checks that
// it is one, and resolves to its text as pdftotext reads it.
let pdfFiles = 0;
export async function pdfText(srv, path, browser) {
  const res = await fetch(srv.base + path, browser ? { headers: { Cookie: browser.cookie } } : {});
  if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf') {
    throw new Error(`${path}: ${res.status} ${res.headers.get('content-type')}`);
  }
  const file = join(srv.dir, `t${pdfFiles++}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

// Takes a new household of the village through intake, documents, three approvals and the
// guarantee (funding the guarantee fund first); resolves to { household, application }.
export async function guaranteedApplication(base, opts) {
  const [assoc, finance] = [await token(base, 'xj_xiehui'), await token(base, 'qu_caiwu')]; // the guarantee fund is the district's
  const { household, application } = await submittedApplication(base, opts);
  for (const who of REVIEWERS) {
    await api(base, 'POST', `/loan-applications/${application}/reviews`, { decision: 'approve', comment: '' }, await token(base, who));
  }
  await api(base, 'POST', '/guarantee-fund/entries', { kind: 'income', amount_fen: opts.amount_fen, on: addDays(TODAY, -325), document_no: 'T' }, finance);
  const g = await api(base, 'POST', `/loan-applications/${application}/guarantee`, { pledged_asset: '房产' }, assoc);
  if (g.status !== 201) throw new Error('guarantee: ' + JSON.stringify(g.body));
  return { household, application };
}

// A batch of 双千帮扶 of amount_fen each for the village (or, with village null, every eligible
// household of 西集镇; with anyHousehold, the admin opens the category to every household first),
// taken through verification, review and a one-day notice, then approved the day after: restarts
// srv as of `later`. Resolves to the ids of the approved applications.
export async function approvedReliefBatch(srv, { amount_fen, village = null, later, anyHousehold = false }) {
  const relief = await token(srv.base, 'xj_jiuzhu');
  const units = await unitIds(srv.base, relief);
  const cat = (await api(srv.base, 'GET', '/relief-categories', undefined, relief)).body.items.find((c) => c.name === '双千帮扶');
  if (anyHousehold) {
    const u = await api(srv.base, 'PUT', `/relief-categories/${cat.id}`, { eligible: cat.eligible, any_household: true,
      per_year: cat.per_year, active: true }, await token(srv.base, 'admin'));
    if (u.status !== 200) throw new Error('category: ' + JSON.stringify(u.body));
  }
  const b = await api(srv.base, 'POST', '/relief-batches', { category_id: cat.id, amount_fen,
    ...(village ? { village_id: units[village] } : {}) }, relief);
  if (b.status !== 201) throw new Error('batch: ' + JSON.stringify(b.body));
  // three people: the clerk verifies, the B角 association worker reviews, the association approves
  await api(srv.base, 'POST', `/relief-batches/${b.body.id}/verify`, {}, relief);
  await api(srv.base, 'POST', `/relief-batches/${b.body.id}/review`, {}, await token(srv.base, 'xj_xiehui2'));
  const n = await api(srv.base, 'POST', '/notices', { kind: 'relief', unit_id: units[village || '西集镇'], days: 1 }, relief);
  if (n.status !== 201) throw new Error('notice: ' + JSON.stringify(n.body));
  await srv.restart({ today: later }); // a day later: yesterday's logins have expired
  const ap = await api(srv.base, 'POST', `/relief-batches/${b.body.id}/approve`, {}, await token(srv.base, 'xj_xiehui'));
  if (ap.status !== 200) throw new Error('approve: ' + JSON.stringify(ap.body));
  const list = await api(srv.base, 'GET', `/relief-applications?batch_id=${b.body.id}&state=approved&limit=500`, undefined,
    await token(srv.base, 'xj_jiuzhu'));
  return list.body.items.map((a) => a.id);
}

// Runs SQL with the sqlite3 shell; returns the rows as objects ([] when none). Waits up to 10 s for a
// write of the server (a background thread's) to end.
export function sqlRows(db, query) {
  const r = spawnSync('sqlite3', ['-json', '-cmd', '.timeout 10000', db, query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

// Runs `bangfu check` on the database; returns { status, stdout, stderr }.
export function check(db) {
  return spawnSync(BIN, ['check', '--db', db, '--today', TODAY], { encoding: 'utf8', timeout: 60000 });
}

// Polls until fn() is true (at most ms).
export async function until(fn, ms, what) {
  for (const end = Date.now() + ms; !fn(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}
