// Mutation check for the widget tests: breaks one behaviour of the widget at a time, serves that
// build to the tests (GCM_WIDGET_JS) and reports whether some test failed (CAUGHT) or not (MISSED).
// Usage: node bench/widget/mutants.mjs [name ...]   (about 10 s per mutant; run it alone)
import { minify } from 'terser';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { options } from '../../widget/build.mjs';

process.chdir(fileURLToPath(new URL('../../', import.meta.url)));
mkdirSync('bench/out', { recursive: true });
const src = readFileSync('widget/gcm-resources.js', 'utf8');
// name: [source text, replacement, test file expected to catch it]
const muts = {
  // links, escaping, requests
  protocol: ["/^https?:$/.test(u.protocol) && ", '', 'security'],
  hubhost: [' && u.host == HUB', '', 'security'],
  homepage: ['hubUrl(first.home) || this.#hubLink.href', 'first.home || this.#hubLink.href', 'security'],
  html: ['e.append(...children);', "children.forEach(k => (typeof k == 'string' ? e.insertAdjacentHTML('beforeend', k) : e.append(k)));", 'security'],
  credentials: ["dict({ credentials: 'omit' })", "dict({ credentials: 'include' })", 'security'],
  cache: ['if (!pages.has(url))', 'if (1)', 'security'],
  // where the widget loads from
  currentscript: ['s instanceof HTMLScriptElement && ', '', 'security'],
  oneroot: ['found.length == 1 && found[0]', 'found[0]', 'security'],
  origin: [' && u.origin == ORIGIN', '', 'security'],
  // one element's failure, its language
  hasown: ["Object.hasOwn(S, lang.split('-')[0])", "S[lang.split('-')[0]]", 'security'],
  isolate: ["      try {\n        (this.#widget ??= new Widget(this)).render();\n      } catch {}", '      (this.#widget ??= new Widget(this)).render();', 'security'],
  language: ["    es: 'Error", "    xx: 'Error", 'behaviour'],
  // hostile feeds and pages (issue 15)
  visited: [' || this.#visited.has(next)', '', 'hostile'],
  readall: [' || readAll', '', 'hostile'],
  pagecap: [' || this.#pages >= MAX_PAGES', '', 'hostile'],
  arrayindex: ['this.#status.replaceChildren(matched.length ? el(', 'this.#status.replaceChildren(matched[0] ? el(', 'hostile'],
  ownfield: ['v === Object(v) && Object.hasOwn(v, key) ? v[key] : undefined', 'v === Object(v) ? v[key] : undefined', 'hostile'],
  ownattrs: ['Object.entries(attributes)', 'Object.entries({ ...Object.getPrototypeOf(attributes), ...attributes })', 'hostile'],
  dict: ['({ __proto__: null, ...members })', '({ ...members })', 'hostile'],
  prototypes: ['createElement.call(d, tag)', 'd.createElement(tag)', 'hostile'],
  scripts: ['[...scriptsOf.call(d)]', '[...d.scripts]', 'hostile'],
  blankbox: ["        this.#root.replaceChildren(el('slot')); // whatever", '        // whatever', 'hostile'],
  divadded: ['new MutationObserver(syncDivs).observe(', '({ observe() {} }).observe(', 'hostile'],
  divchanged: ['if (mounted.has(host) && !changed.has(host)) continue;', 'if (mounted.has(host)) continue;', 'hostile'],
  // the feed header and its pages
  heading: ["(shortName && ' – ' + shortName)", "''", 'render'],
  total: ['this.#next && this.#total != null ? this.#total : matched.length', 'matched.length', 'render'],
  lastpage: ['this.#more.hidden = this.#shown >= matched.length && !this.#next;', 'this.#more.hidden = this.#shown >= matched.length;', 'render'],
  wholefeed: ['do await this.#loadUpTo(this.#filtering() ? 1 / 0 : n);', 'do await this.#loadUpTo(n);', 'render'],
  latequery: ['while (this.#live && this.#next && this.#filtering());', 'while (0);', 'render'],
  typesall: ['if (this.#keepTypes.length) await this.#loadUpTo(1 / 0);', '', 'render'],
  typelist: ["this.#controls.addEventListener('focusin', () => this.#loadUpTo(1 / 0).catch(this.#lost));", '', 'render'],
  all: [": 'all'}/feed.json", ": 'objective-0'}/feed.json", 'render'],
  keepshown: ['this.#shown = Math.max(from, Math.min(n, matched.length));', 'this.#shown = Math.min(n, matched.length);', 'render'],
  focus: ['fresh.length && fresh[0].firstChild.focus()', 'fresh', 'render'],
  diacritics: [".replace(/\\p{M}/gu, '')", '', 'render'],
  // life cycle
  rerender: ['if (this.#widget && this.isConnected) this.#render();', '', 'behaviour'],
  stale: ['    stop() {\n      this.#live = false;\n', '    stop() {\n', 'behaviour'],
  disconnect: ['    disconnectedCallback() {\n      this.#widget?.stop();\n', '    disconnectedCallback() {\n', 'behaviour'],
  lazy: ['if (!this.#lazy) return this.#show();', 'return this.#show();', 'behaviour'],
  // languages, dates, direction (issue 16)
  rtl: ["isRtl(this.#lang) ? 'rtl' : 'ltr'", "'ltr'", 'behaviour'],
  utc: ["timeZone: 'UTC'", "timeZone: undefined", 'behaviour'],
  datelang: ['new Intl.DateTimeFormat(lang, options)', "new Intl.DateTimeFormat('en', options)", 'behaviour'],
  ownday: ["/^\\d{4}-\\d\\d-\\d\\d$/.test(day) ? day : ", '', 'behaviour'],
  titledir: ['li>:first-child{display:block}', '', 'behaviour'],
  headinglang: ["part: 'heading', lang: 'en', dir: 'auto'", "part: 'heading'", 'behaviour'],
  // first seen (issue 17)
  newdays: ['item.firstSeen > this.#newSince', 'item.firstSeen', 'behaviour'],
  // look
  height: [':host{display:block;block-size:var(--gcm-height,32rem)}', ':host{display:block}', 'layout'],
  contrast: ['#545454', '#8a8a8a', 'a11y'],
};
const only = process.argv.slice(2);
for (const [name, [a, b, file]] of Object.entries(muts)) {
  if (only.length && !only.includes(name)) continue;
  if (src.split(a).length !== 2) {
    console.log(`${name.padEnd(14)} PATTERN NOT FOUND ONCE (update this script)`);
    process.exitCode = 1;
    continue;
  }
  const { code } = await minify(src.replace(a, b), options);
  writeFileSync('bench/out/mut.js', code);
  let out;
  try {
    out = execSync(`node --test tests/widget/${file}.test.mjs`, { env: { ...process.env, GCM_WIDGET_JS: 'bench/out/mut.js' }, encoding: 'utf8' });
  } catch (e) {
    out = e.stdout;
  }
  const fails = out.match(/^not ok \d+ - .*/gm) ?? [];
  if (!fails.length) process.exitCode = 1;
  console.log(`${name.padEnd(14)} ${fails.length ? 'CAUGHT' : 'MISSED'}  ${fails.join(' | ').slice(0, 150)}`);
}
