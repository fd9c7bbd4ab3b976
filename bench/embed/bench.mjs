// Embed page against script widget (issue 16), same list (objective 11 of the bundled snapshot), in one run: the
// CLI publishes the widget and the snapshot into a fresh container of the running Azurite (tests/embed/published.mjs),
// then headless Chromium opens, in turn (embed, widget, embed, widget ...), each with a cold cache:
//   embed    the published objective-11/frame.html, as the top-level page
//   widget   a loopback partner page holding <gcm-resources objective="11"> and the published widget/v1 script
// For each run: the bytes of the first view (every response the page loaded - HTML, CSS, script, the feed the
// widget fetches - each gzipped at level 9; the partner page's own HTML is left out, the embed page has none) and
// first-contentful-paint from the paint timing API. Prints medians and the ratios embed/widget.
// Needs the .NET build (cli/bin/Debug) and Azurite on 127.0.0.1:10000-10002; on a shared machine:
//   unshare -n bash -c 'ip link set lo up; scripts/azurite.sh start; npm run bench:embed; scripts/azurite.sh stop'
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { launch } from '../../tests/widget/helpers.mjs';
import { publish } from '../../tests/embed/published.mjs';

const RUNS = +(process.env.RUNS ?? 9);
const OBJECTIVE = '11';
const pub = await publish('benchembed');
const list = pub.lists.find(l => String(l.key) === OBJECTIVE);
if (!list) throw new Error(`objective ${OBJECTIVE} is not in the published index`);
const widgetUrl = new URL('widget/v1/gcm-resources.js', pub.root).href;

const partner = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body>
<gcm-resources objective="${OBJECTIVE}"></gcm-resources><script src="${widgetUrl}"></script></body></html>`);
});
await new Promise(r => partner.listen(0, '127.0.0.1', r));
const partnerUrl = `http://127.0.0.1:${partner.address().port}/`;

const FORMS = {
  embed: { url: list.frame, items: () => document.querySelectorAll('ol li').length },
  widget: { url: partnerUrl, items: () => document.querySelector('gcm-resources')?.shadowRoot?.querySelectorAll('li').length ?? 0 },
};

/** One cold first view: the page's responses (gzip -9 bytes by kind) and its first-contentful-paint. */
async function view(browser, form) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on('response', r => bodies.push((async () => {
    if (r.url() === partnerUrl) return null; // the partner's own page: not the form's cost
    const body = await r.body().catch(() => Buffer.alloc(0));
    const type = (r.headers()['content-type'] ?? '').split(';')[0];
    return { type, raw: body.length, gz: gzipSync(body, { level: 9 }).length };
  })()));
  try {
    await page.goto(FORMS[form].url);
    await page.waitForFunction(FORMS[form].items, null, { timeout: 30_000 });
    const fcp = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 30_000 });
    const items = await page.evaluate(FORMS[form].items);
    const responses = (await Promise.all(bodies)).filter(Boolean);
    return { fcp: await fcp.jsonValue(), items, responses, gz: responses.reduce((s, r) => s + r.gz, 0) };
  } finally {
    await context.close();
  }
}

const median = xs => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const results = { embed: [], widget: [] };
const browser = await launch();
try {
  for (let i = -1; i < RUNS; i++) {
    // one warm-up pair (browser start, first-run costs), then RUNS measured pairs, interleaved
    for (const form of ['embed', 'widget']) {
      const r = await view(browser, form);
      if (!(r.items > 0)) throw new Error(`${form}: no item rendered`);
      if (i >= 0) results[form].push(r);
    }
  }
} finally {
  await browser.close();
  partner.close();
}

const byType = runs => {
  const sums = {};
  for (const r of runs[0].responses) sums[r.type || '?'] = (sums[r.type || '?'] ?? 0) + r.gz;
  return Object.entries(sums).map(([t, b]) => `${t} ${b} B`).join(', ');
};
const m = form => ({ gz: median(results[form].map(r => r.gz)), fcp: median(results[form].map(r => r.fcp)) });
const e = m('embed'), w = m('widget');
const ms = x => `${x.toFixed(1)} ms`;
console.log(`embed page against script widget, objective ${OBJECTIVE} (${results.embed[0].items} items shown by the embed page, ` +
  `${results.widget[0].items} by the widget), headless Chromium, ${RUNS} interleaved cold runs each, medians`);
for (const [form, x] of [['embed page (frame.html)', e], ['script widget (<gcm-resources>)', w]]) {
  const runs = results[form.startsWith('embed') ? 'embed' : 'widget'];
  const fcps = runs.map(r => r.fcp);
  console.log(`  ${form.padEnd(34)} first view ${String(x.gz).padStart(6)} B gzip  first contentful paint ${ms(x.fcp).padStart(9)} ` +
    `(min ${ms(Math.min(...fcps))}, max ${ms(Math.max(...fcps))})  [${byType(runs)}]`);
}
console.log(`  ratio embed/widget: bytes ${(e.gz / w.gz).toFixed(2)}x, first contentful paint ${(e.fcp / w.fcp).toFixed(2)}x`);
