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
  protocol: ["/^https?:$/.test(", "/./.test(", 'security'],
  credentials: ["{ credentials: 'omit' }", "{ credentials: 'include' }", 'security'],
  cache: ["(feeds[url] ||= fetch", "(feeds[url] = fetch", 'security'],
  height: [":host{display:block;block-size:var(--gcm-height,32rem)}", ":host{display:block}", 'layout'],
  motion: ["@media(prefers-reduced-motion:reduce){.s{scroll-behavior:auto}}", "", 'behaviour'],
  rtl: ["dir: key == 'ar' ? 'rtl' : 'ltr'", "dir: 'ltr'", 'behaviour'],
  contrast: ["'#545454'", "'#8a8a8a'", 'a11y'],
  focus: ["next()[0]?.firstChild.focus()", "next()", 'render'],
  html: ["e.append(...kids);", "kids.forEach(k => (typeof k == 'string' ? e.insertAdjacentHTML('beforeend', k) : e.append(k)));", 'security'],
  diacritics: [".replace(/\\p{M}/gu, '')", "", 'render'],
};
const only = process.argv.slice(2);
for (const [name, [a, b, file]] of Object.entries(muts)) {
  if (only.length && !only.includes(name)) continue;
  if (!src.includes(a)) {
    console.log(`${name.padEnd(12)} PATTERN NOT FOUND (update this script)`);
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
  console.log(`${name.padEnd(12)} ${fails.length ? 'CAUGHT' : 'MISSED'}  ${fails.join(' | ').slice(0, 160)}`);
}
