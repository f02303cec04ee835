// Issue 18, every list page gets 导出Excel: the complaints, trainings, category changes, programmes
// and rolls lists download as CSV (with BOM), Excel and PDF from the API and from the page, with the
// same rows the JSON list answers; a role that may not read a list may not download it either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, token, api, Browser } from './lib.mjs';
import { readXlsx } from './xlsx.mjs';

let srv, t;

before(async () => {
  srv = await startServer();
  t = {};
  for (const u of ['xj_xiehui', 'xj_jingwei', 'xj_cun_xiji']) t[u] = await token(srv.base, u);
  // a complaint whose text needs CSV quoting (the demo has courses, changes, programmes and rolls already)
  const hh = (await api(srv.base, 'GET', '/households?limit=1', undefined, t.xj_xiehui)).body.items[0].id;
  const village = (await api(srv.base, 'GET', `/households/${hh}`, undefined, t.xj_xiehui)).body.village_id;
  assert.ok(village > 0);
  const c = await api(srv.base, 'POST', '/complaints', { text: '导出测试：贷款办理太慢, "请加快"', contact: '王先生 13905388888',
    category: '意见建议', village_id: village });
  assert.equal(c.status, 201, JSON.stringify(c.body));
});
after(async () => { await srv.stop(); });

// GET with the bearer token, as bytes.
async function download(path, tok) {
  const res = await fetch(srv.base + '/api/v1' + path, { headers: { Authorization: `Bearer ${tok}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

// Parses CSV text (quoted fields with commas, quotes and line breaks) into rows of fields.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const yuan = (fen) => (fen / 100).toFixed(2);

// Each list: its API path, its page, a role without access, and for each item the cells the file must hold
// (column head → value as the JSON gives it).
const lists = [
  { name: 'complaints', api: '/complaints', page: '/complaints', denied: 'xj_jingwei',
    cells: (x) => ({ 编号: String(x.id), 单位: x.unit, 内容: x.text, 登记日期: x.filed_on, 办理期限: x.due_on }) },
  { name: 'trainings', api: '/trainings', page: '/trainings', denied: 'xj_jingwei',
    cells: (x) => ({ 编号: String(x.id), 日期: x.on, 培训名称: x.title, 参训人次: String(x.attendances) }) },
  { name: 'category changes', api: '/category-changes?state=all', page: '/households/category-changes', denied: 'xj_jingwei',
    cells: (x) => ({ 编号: String(x.id), 户主: x.head_name, 村: x.village, 提交人: x.made_by }) },
  { name: 'programmes', api: '/programmes', page: '/programmes', denied: 'xj_jingwei',
    cells: (x) => ({ 编号: String(x.id), 项目: x.name }) },
  { name: 'rolls', api: '/rolls', page: '/rolls', denied: 'xj_cun_xiji',
    cells: (x) => ({ 编号: String(x.id), 年度: String(x.year), 单位: x.unit, 项目: x.programme, 人数: String(x.rows),
      '金额（元）': yuan(x.total_fen), '已发放（元）': yuan(x.paid_fen) }) },
];

const withFormat = (path, f) => path + (path.includes('?') ? '&' : '?') + 'format=' + f;

for (const l of lists) {
  test(`${l.name}: CSV, Excel and PDF hold the API's rows; a role without access gets 403`, async () => {
    const json = (await api(srv.base, 'GET', l.api + (l.api.includes('?') ? '&' : '?') + 'limit=500', undefined,
      t.xj_xiehui)).body;
    assert.ok(Array.isArray(json.items), JSON.stringify(json));
    assert.equal(json.items.length, json.total, 'the whole list in one page');
    assert.ok(json.items.length > 0, `the demo has ${l.name}`);
    const csvRes = await download(withFormat(l.api, 'csv'), t.xj_xiehui);
    assert.equal(csvRes.status, 200);
    assert.match(csvRes.type, /text\/csv/);
    const text = csvRes.bytes.toString('utf8');
    assert.equal(text.charCodeAt(0), 0xfeff, 'CSV with BOM');
    const [heads, ...rows] = parseCsv(text.slice(1));
    assert.equal(rows.length, json.items.length, 'one CSV row per item');
    const at = (row, head) => { const i = heads.indexOf(head); assert.ok(i >= 0, `column ${head}`); return row[i]; };
    json.items.forEach((x, i) => {
      for (const [head, value] of Object.entries(l.cells(x))) assert.equal(at(rows[i], head), value, `${l.name} row ${i} ${head}`);
    });

    const x = readXlsx((await download(withFormat(l.api, 'xlsx'), t.xj_xiehui)).bytes);
    const headRow = x.rows.findIndex((r) => r && r[0]?.value === '编号');
    assert.ok(headRow >= 0, 'the workbook has the heads');
    const xrows = x.rows.slice(headRow + 1).filter((r) => r && r[0]?.type === 'number');
    assert.equal(xrows.length, json.items.length, 'one workbook row per item');
    json.items.forEach((it, i) => assert.equal(xrows[i][0].value, it.id, 'ids as numbers in the same order'));
    if (l.name === 'rolls')
      json.items.forEach((it, i) => assert.equal(xrows[i][heads.indexOf('金额（元）')].value, it.total_fen / 100, 'amounts as numbers'));

    const pdf = await download(withFormat(l.api, 'pdf'), t.xj_xiehui);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await download(withFormat(l.api, 'doc'), t.xj_xiehui)).status, 422, 'another format is refused');

    const denied = await download(withFormat(l.api, 'csv'), t[l.denied]);
    assert.equal(denied.status, 403, `${l.denied} may not export ${l.name}`);
    assert.ok(!denied.bytes.toString('utf8').includes('编号'), 'no file for a refused role');

    const b = new Browser(srv.base);
    await b.login('xj_xiehui');
    const page = await b.get(l.page);
    assert.equal(page.status, 200);
    for (const word of ['导出 CSV', '导出Excel', '打印 PDF']) assert.ok(page.text.includes(word), `${l.page} links ${word}`);
    if (l.name === 'programmes')
      for (const row of rows) assert.ok(at(row, '条件') && page.text.includes(at(row, '条件')), 'the rules in the same words as the page');
    const fromPage = await b.get(withFormat(l.page, 'csv'));
    assert.equal(fromPage.status, 200);
    assert.ok(fromPage.text.includes('编号'), 'the page exports the same sheet');
  });
}

test('the complaints export keeps the page filter and the CSV quoting of commas and quotes', async () => {
  const open = (await api(srv.base, 'GET', '/complaints?state=open&limit=500', undefined, t.xj_xiehui)).body;
  const all = (await api(srv.base, 'GET', '/complaints?limit=500', undefined, t.xj_xiehui)).body;
  const csv = (await download('/complaints?state=open&format=csv', t.xj_xiehui)).bytes.toString('utf8');
  const rows = parseCsv(csv.slice(1)).slice(1);
  assert.equal(rows.length, open.total);
  const mine = open.items.find((x) => x.text.startsWith('导出测试'));
  assert.ok(mine && mine.text.includes(',') && mine.text.includes('"'), JSON.stringify(mine));
  assert.ok(rows.some((r) => r[0] === String(mine.id) && r.includes(mine.text)), 'the text comes back whole');
  const b = new Browser(srv.base);
  await b.login('xj_xiehui');
  const page = await b.get('/complaints?state=open');
  assert.match(page.text, /href="\/complaints\?state=open&amp;format=xlsx"|href="\/complaints\?format=xlsx&amp;state=open"/);
  assert.ok(all.total >= open.total);
});
