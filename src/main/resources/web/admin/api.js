// The XML API from the browser, as Adobe's own pages call it: POST form parameters to /api/xml; the
// BREEZESESSION cookie (HttpOnly, set by `login`) authenticates, and the browser's Sec-Fetch-Site:
// same-origin shows the server that the request comes from this console and not from another site.

/** A reply whose status is not `ok`: its code, subcode and the fields that `<invalid>` names. */
export class ApiError extends Error {
  constructor(action, code, subcode, invalid) {
    super(describe(code, subcode, invalid));
    this.action = action;
    this.code = code;
    this.subcode = subcode;
    this.invalid = invalid; // [{field, type, subcode}]
  }
}

const MESSAGES = {
  'no-access': 'You are not allowed to do that.',
  'no-data': 'Nothing was found.',
  'too-much-data': 'Too many matches: narrow the search.',
  'operation-size-error': 'That list is too long: narrow the search.',
  'internal-error': 'The server failed; try again.',
  'invalid': 'Some values are not accepted.'
};

const INVALID = {
  missing: 'Required.',
  duplicate: 'Already taken.',
  format: 'Not in the expected format.',
  range: 'Out of the accepted range.',
  'no-such-item': 'Does not exist.',
  'illegal-operation': 'Not allowed here.',
  'illegal-value': 'Not an accepted value.',
  'not-equal': 'Does not match.',
  'invalid-value': 'Not an accepted value.'
};

function describe(code, subcode, invalid) {
  if (code === 'invalid' && invalid.length) {
    return invalid.map(i => `${i.field}: ${invalidText(i)}`).join(' ');
  }
  if (code === 'no-access' && subcode === 'no-login') return 'Your session has ended: sign in again.';
  return MESSAGES[code] || `The server answered ${code}${subcode ? ' (' + subcode + ')' : ''}.`;
}

/** The words for one `<invalid>`: its subcode, and its range when it has one. */
export function invalidText(i) {
  const base = INVALID[i.subcode] || `Not accepted (${i.subcode}).`;
  if (i.subcode === 'range' && (i.min || i.max)) return `${base} (${i.min ?? ''}–${i.max ?? ''})`;
  return base;
}

function form(action, params) {
  const body = new URLSearchParams();
  body.append('action', action);
  const pairs = Array.isArray(params) ? params : Object.entries(params);
  for (const [k, v] of pairs) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) v.forEach(x => body.append(k, x));
    else body.append(k, String(v));
  }
  return body;
}

/**
 * Calls one action; `params` is an object (arrays repeat a parameter) or a list of [name, value]
 * pairs when the order matters (the trios of group-membership-update). Resolves with the XML
 * document when the status is `ok`, else rejects with an ApiError.
 */
export async function call(action, params = {}) {
  const reply = await fetch('/api/xml', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Accept': 'text/xml' },
    body: form(action, params)
  });
  const text = await reply.text();
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const status = doc.querySelector('results > status');
  if (!status) throw new ApiError(action, 'internal-error', null, []);
  const code = status.getAttribute('code');
  if (code === 'ok') return doc;
  const invalid = [...status.querySelectorAll('invalid')].map(e => ({
    field: e.getAttribute('field'), type: e.getAttribute('type'), subcode: e.getAttribute('subcode'),
    min: e.getAttribute('min'), max: e.getAttribute('max')
  }));
  const sub = status.getAttribute('subcode') || status.querySelector('invalid')?.getAttribute('subcode');
  throw new ApiError(action, code, sub, invalid);
}

/** Text of the first element matching `selector` under `node`, or ''. */
export function text(node, selector) {
  const e = selector ? node.querySelector(selector) : node;
  return e ? e.textContent : '';
}

/** The attributes of an element as an object. */
export function attrs(e) {
  const o = {};
  for (const a of e.attributes) o[a.name] = a.value;
  return o;
}
