// The committed minified file is terser's output of the source now; size budget; functions of at
// most 40 lines; the source keeps to the CSP/Trusted Types rules; README documents every part and
// custom property in the code; the widget's languages and Hub host agree with the C# side and the seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';
import { build, functionLengths, BUDGET } from '../../widget/build.mjs';
import { read } from './helpers.mjs';

const source = read('widget/gcm-resources.js').toString();
const min = read('widget/gcm-resources.min.js').toString();
const readme = read('widget/README.md').toString();

test('widget/gcm-resources.min.js is what `npm run build:widget` produces from the source now', async () => {
  assert.equal(min, await build(), 'stale min file: run `npm run build:widget`');
  const pkg = JSON.parse(read('package.json'));
  assert.equal(pkg.scripts['build:widget'], 'node widget/build.mjs');
  assert.equal(pkg.scripts['bench:widget'], 'node bench/widget/bench.mjs');
});

test('size: min+gzip (level 9) at most 5 KB (5,120 bytes) with all six languages', () => {
  const gz = gzipSync(Buffer.from(min), { level: 9 }).length;
  assert.ok(gz <= BUDGET, `${gz} bytes`);
  assert.ok(min.length < source.length * 0.75, 'the min file is minified');
});

test('one wrapped IIFE: nothing but the element reaches the global scope', () => {
  const body = min.replace(/^\/\*![^*]*\*\/\n/, '');
  assert.match(body, /^\(\(\)=>\{[\s\S]*\}\)\(\);\n$/);
  // run it in a bare context with just enough DOM to define the element: no new globals
  const defined = [];
  class HTMLScriptElement {
    src = 'https://x.example/feeds/widget/v1/gcm-resources.js';
  }
  class Document {
    currentScript = new HTMLScriptElement();
    get scripts() {
      return [];
    }
    createElement() {}
    querySelectorAll() {
      return [];
    }
  }
  const ctx = {
    document: new Document(),
    Document,
    Element: class { getAttribute() {} },
    customElements: { get: () => undefined, define: (n, c) => defined.push([n, typeof c]) },
    HTMLElement: class {},
    HTMLScriptElement,
    CSSStyleSheet: class { replaceSync() {} },
    MutationObserver: class { observe() {} },
    URL,
  };
  vm.createContext(ctx);
  const before = Object.keys(ctx);
  vm.runInContext(min, ctx);
  assert.deepEqual(Object.keys(ctx), before);
  assert.deepEqual(defined, [['gcm-resources', 'function']]);
  // loaded twice: the guard returns before defining again
  ctx.customElements.get = () => class {};
  vm.runInContext(min, ctx);
  assert.equal(defined.length, 1);
});

test('the source uses no HTML/script sinks, inline styles or style elements', () => {
  const code = source.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const bad of [/innerHTML/, /outerHTML/, /insertAdjacentHTML/, /document\.write/, /\beval\b/, /new Function/, /setTimeout\(['"`]/,
    /\.style\b/, /createElement\(['"]style/, /setAttribute\(['"]style/, /['"]style['"]/, /\.on[a-z]+\s*=[^=]/, /['"]on[a-z]+['"]/, /localStorage|sessionStorage|indexedDB|document\.cookie/])
    assert.ok(!bad.test(code), `source matches ${bad}`);
  assert.match(code, /credentials: 'omit'/);
  assert.match(code, /adoptedStyleSheets/);
  assert.match(code, /attachShadow/);
});

/** The widget's strings table, and the names of its '|'-separated strings, read from the source. */
const strings = () => {
  const S = Function(`return ${source.match(/const S = (\{[\s\S]*?\n  \});/)[1]}`)();
  const names = JSON.parse(source.match(/const STRING_NAMES = (\[[^\]]*\]);/)[1].replaceAll("'", '"'));
  return { S, names };
};

test('strings: the six UN languages, each with every named string, placeholders intact; no heading or type label among them', () => {
  const { S, names } = strings();
  assert.deepEqual(Object.keys(S).sort(), ['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  assert.deepEqual(names, ['error', 'count', 'more', 'allTypes', 'type', 'search', 'none', 'new']);
  const en = S.en.split('|');
  assert.equal(en.length, names.length);
  for (const [lang, all] of Object.entries(S)) {
    const t = all.split('|');
    assert.equal(t.length, en.length, lang);
    assert.ok(t.every(x => x.trim()), `${lang}: empty string`);
    const count = t[names.indexOf('count')];
    assert.ok(count.includes('{0}') && count.includes('{1}'), `${lang}: placeholders of the count`);
    if (lang !== 'en') assert.ok(t.filter((x, i) => x !== en[i]).length >= en.length - 1, `${lang}: translated`);
    // no authoritative translation of the heading (or of the Hub's type labels) is at hand: English only
    assert.ok(!t.some(x => /objective|GCM|Pacte|Pacto|契约|الاتفاق|договор/i.test(x)), `${lang}: no heading string`);
  }
  assert.match(source, /'GCM Objective \$\{objective\}'|`GCM Objective \$\{objective\}`/, 'the heading is English in the code');
});

test('no function or method of the widget is over 40 lines', () => {
  const lengths = functionLengths(source);
  const long = lengths.filter(f => f.lines > 40);
  assert.deepEqual(long, [], 'functions over 40 lines');
  assert.ok(lengths.length > 30, `the functions were found (${lengths.length})`);
  // the control: the measure does see a long function
  assert.deepEqual(functionLengths(`const f = () => {\n${'  x();\n'.repeat(45)}};`).map(f => f.lines), [47]);
});

test('README documents every part, custom property and attribute the code uses', () => {
  const parts = new Set([...source.matchAll(/part: '([a-z-]+)'/g)].map(m => m[1]));
  for (const p of ['region', 'heading', 'list', 'item', 'link', 'meta', 'type', 'date', 'filter', 'search', 'more', 'status', 'count', 'hub-link'])
    assert.ok(parts.has(p), `the widget has part ${p}`);
  for (const p of parts) assert.match(readme, new RegExp(`\\| \`${p}\` \\|`), `README documents part ${p}`);
  const props = new Set([...source.matchAll(/--gcm-[a-z]+/g)].map(m => m[0]));
  for (const p of ['--gcm-accent', '--gcm-bg', '--gcm-fg', '--gcm-muted', '--gcm-border', '--gcm-radius', '--gcm-gap', '--gcm-height'])
    assert.ok(props.has(p), `the widget uses ${p}`);
  for (const p of props) assert.match(readme, new RegExp(`\\| \`${p}\` \\|`), `README documents ${p}`);
  const attrs = new Set([...source.matchAll(/get\('([a-z-]+)'\)/g)].map(m => m[1]));
  assert.deepEqual([...attrs].sort(), ['heading-level', 'lang', 'limit', 'loading', 'new-days', 'objective', 'src', 'types']);
  assert.deepEqual([...attrs].sort(), JSON.parse(source.match(/const ATTRIBUTES = (\[[^\]]*\]);/)[1].replaceAll("'", '"')).sort(), 'each attribute read is observed');
  for (const a of [...attrs, 'theme']) assert.match(readme, new RegExp(`\\| \`${a}\` \\|`), `README documents attribute ${a}`);
});

test('the widget speaks exactly the UN languages of shared/UnLanguages.cs', () => {
  const cs = read('shared/UnLanguages.cs').toString();
  const codes = JSON.parse(cs.match(/Codes\s*=\s*(\[[^\]]*\])/)[1]);
  assert.equal(codes.length, 6, 'the C# list, read');
  assert.deepEqual(Object.keys(strings().S), codes, 'same languages, same order');
});

test('the demo offers exactly the UN languages of shared/UnLanguages.cs (its language picker is static HTML)', () => {
  const codes = JSON.parse(read('shared/UnLanguages.cs').toString().match(/Codes\s*=\s*(\[[^\]]*\])/)[1]);
  const select = read('widget/demo.html').toString().match(/<select id="lang"[\s\S]*?<\/select>/)[0];
  const offered = [...select.matchAll(/<option value="([^"]*)"/g)].map(m => m[1]).filter(Boolean);
  assert.deepEqual(offered, codes);
});

test('the Hub host the widget links to is the host of seeds/sources.json defaults.baseUrl', () => {
  const base = new URL(JSON.parse(read('seeds/sources.json')).defaults.baseUrl);
  assert.equal(base.protocol, 'https:');
  assert.equal(source.match(/const HUB = '([^']+)'/)[1], base.host);
  assert.ok(min.includes(`"${base.host}"`), 'and the min file carries it');
});
