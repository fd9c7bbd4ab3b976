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
  homepage: ['hub.href = hubUrl(feed.home_page_url) || hub.href', 'hub.href = feed.home_page_url || hub.href', 'security'],
  html: ['e.append(...kids);', "kids.forEach(k => (typeof k == 'string' ? e.insertAdjacentHTML('beforeend', k) : e.append(k)));", 'security'],
  credentials: ["{ credentials: 'omit' }", "{ credentials: 'include' }", 'security'],
  cache: ['(feeds[url] ||= fetch', '(feeds[url] = fetch', 'security'],
  // where the widget loads from
  currentscript: ['s instanceof HTMLScriptElement && ', '', 'security'],
  oneroot: ['!found[1] && found[0]', 'found[0]', 'security'],
  origin: [' && u.origin == ORIGIN', '', 'security'],
  // one element's failure, its language
  hasown: ['Object.hasOwn(S, key)', 'S[key]', 'security'],
  isolate: ['    try {\n      stops.set(host, mount(host));\n    } catch {}', '    stops.set(host, mount(host));', 'security'],
  language: ["    es: 'Objetivo", "    xx: 'Objetivo", 'behaviour'],
  // the feed header and its pages
  heading: [" + (str(g.short_name) && ' – ' + g.short_name)", '', 'render'],
  total: ['next ? total : matched.length', 'matched.length', 'render'],
  lastpage: ['more.hidden = shown >= matched.length && !next;', 'more.hidden = shown >= matched.length;', 'render'],
  wholefeed: ['do await upto(filter.value || search.value.trim() ? 1 / 0 : n);', 'do await upto(n);', 'render'],
  latequery: ['while (live && next && (filter.value || search.value.trim()));', 'while (0);', 'render'],
  typesall: ['if (only[0]) await upto(1 / 0);', '', 'render'],
  typelist: ["controls.addEventListener('focusin', () => upto(1 / 0).catch(lost));", '', 'render'],
  all: [": 'all'}/feed.json", ": 'objective-0'}/feed.json", 'render'],
  keepshown: ['shown = Math.max(shown, Math.min(n, matched.length))', 'shown = Math.min(n, matched.length)', 'render'],
  focus: ['fresh[0]?.firstChild.focus()', 'fresh', 'render'],
  diacritics: [".replace(/\\p{M}/gu, '')", '', 'render'],
  // life cycle
  rerender: ['if (stops.has(this)) start(this);', '', 'behaviour'],
  stale: ['      live = 0;\n', '', 'behaviour'],
  disconnect: ['        stops.get(this)?.();\n        stops.delete(this);\n', '', 'behaviour'],
  lazy: ['    if (lazy) {', '    if (0) {', 'behaviour'],
  // look
  height: [':host{display:block;block-size:var(--gcm-height,32rem)}', ':host{display:block}', 'layout'],
  rtl: ["dir: lang < 'b' ? 'rtl' : 'ltr'", "dir: 'ltr'", 'behaviour'],
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
