// Widget benchmark: script sizes (raw, minified, min+gzip level 9) against the 4 KB budget, and
// the time from script start to first render in headless Chromium for 213 and 1,000 items
// (median of 7 runs each). Run: npm run bench:widget
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { snapshotFeed, syntheticFeed } from '../../tests/widget/fixtures/feed.mjs';

const RUNS = 7;
const BUDGET = 4096; // 4 KB
const file = rel => readFileSync(new URL(`../../${rel}`, import.meta.url));
const src = file('widget/gcm-resources.js');
const min = file('widget/gcm-resources.min.js');
const gz = gzipSync(min, { level: 9 }).length;

const feeds = { 213: JSON.stringify(snapshotFeed()), 1000: JSON.stringify(syntheticFeed(1000)) };
// The mark is set by a tiny classic script right before the widget's script tag executes; the
// widget fires gcm-resources:render (bubbles, composed) after its first render.
const page = n => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<gcm-resources src="/feed-${n}.json"></gcm-resources>
<script src="/mark.js"></script><script src="/widget/v1/gcm-resources.js"></script></body></html>`;
const mark = `performance.mark('gcm-start');document.addEventListener('gcm-resources:render',()=>{performance.mark('gcm-render');window.__ms=performance.measure('gcm','gcm-start','gcm-render').duration},{once:true});`;

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  let m;
  const send = (type, body) => (res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }), res.end(body));
  if ((m = path.match(/^\/page-(\d+)\.html$/))) return send('text/html; charset=utf-8', page(m[1]));
  if ((m = path.match(/^\/feed-(\d+)\.json$/))) return send('application/json', feeds[m[1]]);
  if (path === '/mark.js') return send('text/javascript', mark);
  if (path === '/widget/v1/gcm-resources.js') return send('text/javascript; charset=utf-8', min);
  res.writeHead(404).end();
});
await new Promise(ok => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const median = xs => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const times = {};
try {
  const context = await browser.newContext();
  for (const n of [213, 1000]) {
    const tab = await context.newPage();
    await tab.goto(`${origin}/page-${n}.html`); // warm-up (compile caches, first-run costs)
    await tab.waitForFunction(() => window.__ms !== undefined);
    times[n] = [];
    for (let i = 0; i < RUNS; i++) {
      await tab.goto(`${origin}/page-${n}.html`);
      times[n].push(await tab.waitForFunction(() => window.__ms).then(h => h.jsonValue()));
      const shown = await tab.evaluate(() => document.querySelector('gcm-resources').shadowRoot.querySelectorAll('li').length);
      if (shown !== 10) throw new Error(`expected 10 items rendered, got ${shown}`);
    }
    await tab.close();
  }
} finally {
  await browser.close();
  server.close();
}

const kb = b => `${(b / 1024).toFixed(2)} KB`;
const ms = x => `${x.toFixed(1)} ms`;
const rows = [
  ['source (raw)', `${src.length} B`, kb(src.length)],
  ['minified', `${min.length} B`, kb(min.length)],
  ['min+gzip -9', `${gz} B`, `${kb(gz)}  ${gz <= BUDGET ? 'meets' : 'EXCEEDS'} the 4 KB budget (${BUDGET - gz} B left)`],
  [`first render, 213 items`, ms(median(times[213])), `median of ${RUNS}; min ${ms(Math.min(...times[213]))}, max ${ms(Math.max(...times[213]))}`],
  [`first render, 1000 items`, ms(median(times[1000])), `median of ${RUNS}; min ${ms(Math.min(...times[1000]))}, max ${ms(Math.max(...times[1000]))}`],
  ['ratio 1000/213', (median(times[1000]) / median(times[213])).toFixed(2), 'time from script start (mark) to gcm-resources:render, incl. fetch + parse'],
];
const w = [0, 1].map(i => Math.max(...rows.map(r => r[i].length)));
console.log(`gcm-resources widget benchmark (headless Chromium, ${new Date().toISOString().slice(0, 10)})`);
for (const r of rows) console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2]}`);
process.exitCode = gz <= BUDGET ? 0 : 1;
