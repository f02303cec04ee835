// A small JSON Schema check for the API answers against GET /api/v1/openapi.json: type (one or a
// list), properties, required, items, enum — what the descriptions beside the handlers use — and
// the lookup of a concrete path's operation. No dependency.
import assert from 'node:assert/strict';

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer'
  : typeof v === 'number' ? 'number' : typeof v);

// The errors of value against schema ([] when it conforms), each naming where.
export function validate(schema, value, where = '$', root = schema) {
  if (schema.$ref) return validate(root.components.schemas[schema.$ref.split('/').pop()], value, where, root);
  const errors = [];
  const t = typeOf(value);
  if (schema.type) {
    const types = [].concat(schema.type);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return [`${where}: ${t}, not ${types.join('|')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${where}: ${JSON.stringify(value)} not in ${schema.enum}`);
  if (t === 'object') {
    for (const k of schema.required || []) if (!(k in value)) errors.push(`${where}: missing ${k}`);
    for (const [k, s] of Object.entries(schema.properties || {}))
      if (k in value) errors.push(...validate(s, value[k], `${where}.${k}`, root));
  }
  if (t === 'array' && schema.items) value.forEach((v, i) => errors.push(...validate(schema.items, v, `${where}[${i}]`, root)));
  return errors;
}

// The operation of the document for method and a concrete path (query string ignored).
export function operationOf(doc, method, path) {
  const bare = path.replace(/\?.*/, '');
  for (const [template, item] of Object.entries(doc.paths)) {
    const re = new RegExp('^' + template.replace(/[.]/g, '\\.').replace(/\{id\d*\}/g, '[1-9][0-9]*').replace(/\{str\}/g, '[^/]+') + '$');
    if (re.test(bare) && item[method.toLowerCase()]) return item[method.toLowerCase()];
  }
  return null;
}

// Asserts that an answer { status, body } of method path (under /api/v1) is described: its status
// is among the operation's responses and a JSON body validates against that response's schema.
export function assertDescribed(doc, method, path, res) {
  const op = operationOf(doc, method, '/api/v1' + path);
  assert.ok(op, `${method} ${path} is in openapi.json`);
  const r = op.responses[String(res.status)];
  assert.ok(r, `${method} ${path}: status ${res.status} is described (${Object.keys(op.responses)})`);
  if (res.status >= 400) assert.ok(r['x-error-codes'].includes(res.body.error.code),
    `${method} ${path}: error ${res.body.error.code} is among ${r['x-error-codes']}`);
  const schema = r.content?.['application/json']?.schema;
  if (schema && typeof res.body === 'object') {
    const errors = validate(schema, res.body, '$', doc);
    assert.deepEqual(errors, [], `${method} ${path} answers as described`);
  }
}
