// A small XLSX reader for the tests: unzips the workbook (stored or deflated entries, through the
// central directory) and reads the first sheet's cells with their types and number formats, the
// sheet's name and whether its header row is frozen. No dependency beyond node:zlib.
import { inflateRawSync } from 'node:zlib';

// The zip's entries as { name: Buffer }.
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = method === 0 ? data : inflateRawSync(data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&amp;/g, '&');

// Reads the workbook: { name, frozen, rows: [[{ type: 'string'|'number'|'date', value, format }]] }.
// Dates come back as YYYY-MM-DD (Excel's day serial from 1899-12-30).
export function readXlsx(buf) {
  const f = unzip(buf);
  const text = (n) => (f[n] ? f[n].toString('utf8') : '');
  const strings = [...text('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => unescape([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
  const styles = text('xl/styles.xml');
  const fmts = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)]
    .map((m) => [m[1], unescape(m[2])]));
  const builtin = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 14: 'yyyy-mm-dd' };
  const xfs = [...(styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s)?.[1] || '').matchAll(/<xf [^>]*numFmtId="(\d+)"/g)]
    .map((m) => fmts[m[1]] ?? builtin[m[1]] ?? m[1]);
  const sheet = text('xl/worksheets/sheet1.xml');
  const rows = [];
  for (const row of sheet.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    const cells = [];
    for (const c of row[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const attrs = c[2], body = c[3] || '';
      const t = attrs.match(/ t="(\w+)"/)?.[1], s = attrs.match(/ s="(\d+)"/)?.[1];
      const v = body.match(/<v>(.*?)<\/v>/s)?.[1];
      const format = xfs[Number(s || 0)] || 'General';
      if (/<f>/.test(body)) cells[col] = { type: 'formula', value: body, format };
      else if (t === 's') cells[col] = { type: 'string', value: strings[Number(v)], format };
      else if (t === 'inlineStr' || t === 'str') cells[col] = { type: 'string', value: unescape(body.replace(/<[^>]+>/g, '')), format };
      else if (/yy|dd/.test(format)) {
        const d = new Date(Date.UTC(1899, 11, 30) + Number(v) * 86400000);
        cells[col] = { type: 'date', value: d.toISOString().slice(0, 10), format };
      } else cells[col] = { type: 'number', value: Number(v), format };
    }
    rows[Number(row[1]) - 1] = cells;
  }
  return {
    name: unescape(text('xl/workbook.xml').match(/<sheet name="([^"]*)"/)?.[1] || ''),
    frozen: /<pane ySplit="1"[^>]*state="frozen"/.test(sheet),
    widths: [...sheet.matchAll(/<col min="(\d+)"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[2])),
    rows,
  };
}
