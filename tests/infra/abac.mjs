// A small evaluator of Azure role-assignment conditions (ABAC, conditionVersion 2.0), enough for the
// Blob Storage conditions rbac.bicep writes: parentheses, AND, OR, NOT / !, ActionMatches{'...'},
// and @Resource[...] with StringEquals / StringLike / StringNotEquals / StringNotLike.
// https://learn.microsoft.com/azure/role-based-access-control/conditions-format
//
//   allows(condition, { action, resource: { 'Microsoft.Storage/.../containers:name': 'feeds', ... } })
//
// An assignment with a condition grants an action only when the condition is true for the request.

const KEYWORDS = new Set(['AND', 'OR', 'NOT']);

function tokenize(src) {
  const tokens = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')' || c === '!') tokens.push({ t: c, at: i++ });
    else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end === -1) throw new Error(`unterminated string at ${i}`);
      tokens.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (c === '@') {
      const m = /^@(Resource|Request|Principal|Environment)\[([^\]]+)\]/.exec(src.slice(i));
      if (!m) throw new Error(`bad attribute at ${i}: ${src.slice(i, i + 40)}`);
      tokens.push({ t: 'attr', source: m[1], name: m[2], at: i });
      i += m[0].length;
    } else if (src.startsWith('ActionMatches', i)) {
      const m = /^ActionMatches\s*\{\s*'([^']+)'\s*\}/.exec(src.slice(i));
      if (!m) throw new Error(`bad ActionMatches at ${i}`);
      tokens.push({ t: 'action', v: m[1], at: i });
      i += m[0].length;
    } else {
      const m = /^[A-Za-z:]+/.exec(src.slice(i));
      if (!m) throw new Error(`unexpected '${c}' at ${i}`);
      tokens.push(KEYWORDS.has(m[0].toUpperCase()) ? { t: m[0].toUpperCase(), at: i } : { t: 'op', v: m[0], at: i });
      i += m[0].length;
    }
  }
  return tokens;
}

const like = (value, pattern) =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);

const OPERATORS = {
  StringEquals: (a, b) => a === b,
  StringNotEquals: (a, b) => a !== b,
  StringEqualsIgnoreCase: (a, b) => a.toLowerCase() === b.toLowerCase(),
  StringLike: like,
  StringNotLike: (a, b) => !like(a, b),
};

/** Parses a condition into a function of the request. Throws on anything it does not know. */
export function compile(condition) {
  const tokens = tokenize(condition);
  let p = 0;
  const peek = () => tokens[p];
  const take = (t) => {
    const tok = tokens[p++];
    if (!tok || (t && tok.t !== t)) throw new Error(`expected ${t} at token ${p - 1} of: ${condition}`);
    return tok;
  };
  function or() {
    let left = and();
    while (peek()?.t === 'OR') {
      take('OR');
      const l = left;
      const r = and();
      left = (req) => l(req) || r(req);
    }
    return left;
  }
  function and() {
    let left = unary();
    while (peek()?.t === 'AND') {
      take('AND');
      const l = left;
      const r = unary();
      left = (req) => l(req) && r(req);
    }
    return left;
  }
  function unary() {
    const tok = peek();
    if (tok?.t === '!' || tok?.t === 'NOT') {
      take();
      const inner = unary();
      return (req) => !inner(req);
    }
    if (tok?.t === '(') {
      take('(');
      const inner = or();
      take(')');
      return inner;
    }
    if (tok?.t === 'action') {
      take();
      return (req) => req.action === tok.v;
    }
    if (tok?.t === 'attr') {
      take();
      const op = take('op').v;
      const fn = OPERATORS[op];
      if (!fn) throw new Error(`operator ${op} is not supported here`);
      const value = take('str').v;
      return (req) => {
        const actual = req[tok.source.toLowerCase()]?.[tok.name];
        if (actual === undefined) throw new Error(`the request has no ${tok.source} attribute ${tok.name}`);
        return fn(actual, value);
      };
    }
    throw new Error(`unexpected ${tok?.t ?? 'end'} in: ${condition}`);
  }
  const fn = or();
  if (p !== tokens.length) throw new Error(`trailing tokens in: ${condition}`);
  return fn;
}

export const BLOB_ACTIONS = Object.freeze({
  read: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  write: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
  add: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
  delete: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
  move: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
});

/** Whether a blob request (action name from BLOB_ACTIONS, container, blob path) passes the condition. */
export function allowsBlob(condition, action, container, path) {
  return compile(condition)({
    action: BLOB_ACTIONS[action] ?? action,
    resource: {
      'Microsoft.Storage/storageAccounts/blobServices/containers:name': container,
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path': path,
    },
  });
}
