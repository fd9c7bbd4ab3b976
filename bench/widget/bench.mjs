// Widget benchmark: script sizes (raw, minified, min+gzip level 9) against the 5 KB budget, and the
// time to first render in headless Chromium for the published fixtures (what the C# renderers
// write): objective 11 (213 items, one page), objective 23 (600 items, first page of three) and the
// combined feed (808 items, first page of four). Run: npm run bench:widget
//
// Each run loads a page whose tiny classic script sets a mark right before the widget's script runs;
// the widget fires gcm-resources:render after its first render. The page reports its numbers with a
// beacon to the server (no DevTools polling in the measured window), so the times are the page's own:
//   render   mark -> gcm-resources:render (fetch + parse + DOM of the first `limit` items)
//   feed     mark -> the feed's responseEnd (the network part of `render`)
//   painted  mark -> the first frame after render (style, layout, paint included)
// Each widget run is paired with a "floor" run: the same page with a 1-line script that only fetches
// the feed and parses it (what any client must do), so that a loaded machine's noise can be told
// from the widget's own cost.
import { gzipSync } from 'node:zlib';
import { startServer, launch, read } from '../../tests/widget/helpers.mjs';
import { BUDGET } from '../../widget/build.mjs';

const RUNS = +(process.env.RUNS ?? 15);
const src = read('widget/gcm-resources.js');
const min = read('widget/gcm-resources.min.js');
const gz = gzipSync(min, { level: 9 }).length;
const CASES = [
  ['213 items (objective 11, 1 page)', '11'],
  ['600 items (objective 23, 3 pages)', '23'],
  ['808 items (all, 4 pages)', 'all'],
];

const mark = `performance.mark('gcm-start');
document.addEventListener('gcm-resources:render', () => {
  const t0 = performance.getEntriesByName('gcm-start')[0].startTime, render = performance.now() - t0;
  const feed = performance.getEntriesByType('resource').find(e => e.name.endsWith('/feed.json'));
  requestAnimationFrame(() => setTimeout(() => {
    const w = document.querySelector('gcm-resources');
    const r = { render, feed: feed.responseEnd - t0, painted: performance.now() - t0, items: w ? w.shadowRoot.querySelectorAll('li').length : 10 };
    fetch('/done?' + encodeURIComponent(JSON.stringify(r)));
  }));
}, { once: true });`;

const server = await startServer();
let report;
server.route('/done', { type: 'text/plain', body: req => (report(JSON.parse(decodeURIComponent(req.url.split('?')[1]))), 'ok') });
server.route('/mark.js', { type: 'js', body: mark });
const feedOf = objective => (objective === 'all' ? '/all/feed.json' : `/objective-${objective}/feed.json`);
for (const [, objective] of CASES) {
  server.page(
    `/page-${objective}.html`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<gcm-resources objective="${objective}"></gcm-resources>
<script src="/mark.js"></script><script src="/widget/v1/gcm-resources.js"></script></body></html>`
  );
  server.route(`/floor-${objective}.js`, {
    type: 'js',
    body: `fetch('${feedOf(objective)}', { credentials: 'omit' }).then(r => r.json()).then(() => document.dispatchEvent(new Event('gcm-resources:render')));`,
  });
  server.page(
    `/floor-${objective}.html`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<script src="/mark.js"></script><script src="/floor-${objective}.js"></script></body></html>`
  );
}

const browser = await launch();
const median = xs => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const results = {};
try {
  const tab = await (await browser.newContext()).newPage();
  for (const [name, objective] of CASES) {
    const runs = [], floor = [];
    for (let i = -2; i < RUNS; i++) {
      // two warm-up runs (compile caches, first-run costs), then RUNS measured ones, each with its floor run
      for (const [page, into] of [[`/page-${objective}.html`, runs], [`/floor-${objective}.html`, floor]]) {
        const got = new Promise(ok => (report = ok));
        await tab.goto(server.url(page));
        const r = await got;
        if (r.items !== 10) throw new Error(`${name}: expected 10 items rendered, got ${r.items}`);
        if (i >= 0) into.push(r);
      }
    }
    results[name] = { ...Object.fromEntries(['render', 'feed', 'painted'].map(k => [k, runs.map(r => r[k])])), floor: floor.map(r => r.render) };
  }
} finally {
  await browser.close();
  await server.close();
}

const kb = b => `${(b / 1024).toFixed(2)} KB`;
const ms = x => `${x.toFixed(1)} ms`;
const rows = [
  ['source (raw)', `${src.length} B`, kb(src.length)],
  ['minified', `${min.length} B`, kb(min.length)],
  ['min+gzip -9', `${gz} B`, `${kb(gz)}  ${gz <= BUDGET ? 'meets' : 'EXCEEDS'} the ${BUDGET} B budget (${BUDGET - gz} B left)`],
];
for (const [name, r] of Object.entries(results))
  rows.push([
    `first render, ${name}`,
    ms(median(r.render)),
    `median of ${RUNS} (min ${ms(Math.min(...r.render))}, max ${ms(Math.max(...r.render))}); feed received ${ms(median(r.feed))}, painted ${ms(median(r.painted))}; floor (fetch + parse only) ${ms(median(r.floor))}`,
  ]);
const w = [0, 1].map(i => Math.max(...rows.map(r => r[i].length)));
console.log(`gcm-resources widget benchmark (headless Chromium, ${new Date().toISOString().slice(0, 10)})`);
for (const r of rows) console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2]}`);
console.log('  times from script start (a mark just before the widget script) to gcm-resources:render; "feed received" is its network part');
process.exitCode = gz <= BUDGET ? 0 : 1;
