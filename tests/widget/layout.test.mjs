// No layout shift: with the reserve-height CSS documented in widget/README.md, CLS is 0 while the
// script and the feed (delayed ~300 ms) arrive; without it, the same page shifts (the control).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, open, html, read, minJs, settled, publishedBody, closeAll } from './helpers.mjs';

let server, browser;
let n = 0;
const readme = read('widget/README.md').toString();
const RESERVE = readme.match(/<!-- reserve-css -->\s*```css\n([\s\S]*?)```\s*<!-- \/reserve-css -->/)[1].trim();

before(async () => ([server, browser] = await Promise.all([startServer(), launch()])));
after(() => closeAll(browser, server));

function observeShifts() {
  window.__cls = 0;
  window.__shifts = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries())
      if (!e.hadRecentInput) {
        window.__cls += e.value;
        window.__shifts.push(e.value);
      }
  }).observe({ type: 'layout-shift', buffered: true });
  // first frame with the body laid out = first paint: render-blocking CSS has applied,
  // the async script (delayed) has not run
  const first = () => {
    const w = document.querySelector('gcm-resources, [data-gcm-resources]'), after = document.querySelector('#after');
    if (!w || !after) return requestAnimationFrame(first);
    window.__before = { height: w.getBoundingClientRect().height, after: after.getBoundingClientRect().top, defined: !!customElements.get('gcm-resources') };
  };
  requestAnimationFrame(first);
}

/** Loads a page whose script and feed both arrive ~300 ms late, so the fallback paints first. */
async function measure({ css = RESERVE, widget = '<gcm-resources objective="11">', close: end = '</gcm-resources>', extraCss = '' } = {}) {
  const base = `/cls/${++n}/`;
  server.route(base + 'widget/v1/gcm-resources.js', { type: 'js', delay: 300, body: minJs() });
  server.route(base + 'objective-11/feed.json', { type: 'json', delay: 300, body: publishedBody('objective-11/feed.json', server.url(base)) });
  server.route(base + 'site.css', { type: 'css', body: `body{margin:0;font:16px/1.5 sans-serif}#after{min-height:300px;background:#eee}${css}${extraCss}` });
  const { page, close } = await open(browser, { viewport: { width: 1000, height: 900 } });
  await page.addInitScript(observeShifts);
  await page.goto(
    server.page(
      base + 'page.html',
      html({
        head: `<link rel="stylesheet" href="site.css"><script src="widget/v1/gcm-resources.js" async></script>`,
        body: `<h1>Border management</h1><p>Intro text.</p>${widget}<a href="https://migrationnetwork.un.org/taxonomy/term/289">GCM Objective 11 on the Migration Network Hub</a>${end}<p id="after">Text below the widget, visible in the viewport.</p>`,
      })
    )
  );
  await settled(page);
  await page.evaluate(() => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 50)))));
  const r = await page.evaluate(() => {
    const w = document.querySelector('gcm-resources, [data-gcm-resources]');
    return { cls: window.__cls, shifts: window.__shifts, before: window.__before, height: w.getBoundingClientRect().height, after: document.querySelector('#after').getBoundingClientRect().top, items: w.shadowRoot.querySelectorAll('li').length };
  });
  await close();
  return r;
}

test('the documented reserve CSS matches the widget (same property, same default height)', () => {
  assert.match(RESERVE, /^gcm-resources:not\(:defined\),\[data-gcm-resources\]\{display:block;block-size:var\(--gcm-height,32rem\);overflow:auto\}$/);
  const src = read('widget/gcm-resources.js').toString();
  assert.ok(src.includes(':host{display:block;block-size:var(--gcm-height,32rem)}'), 'widget :host uses the same height');
});

test('CLS is 0 with the documented CSS (script and feed delayed ~300 ms)', async () => {
  const r = await measure();
  assert.equal(r.before.defined, false, 'the fallback was laid out before the script ran');
  assert.equal(r.items, 10);
  assert.equal(r.cls, 0, `shifts: ${r.shifts}`);
  assert.equal(r.height, r.before.height, 'rendered height = reserved height');
  assert.equal(r.after, r.before.after, 'content below did not move');
});

test('CLS is 0 for the div form and with a custom --gcm-height', async () => {
  const r = await measure({ widget: '<div data-gcm-resources data-objective="11" data-lang="ar">', close: '</div>', extraCss: '[data-gcm-resources]{--gcm-height:20rem}' });
  assert.equal(r.items, 10);
  assert.equal(r.cls, 0, `shifts: ${r.shifts}`);
  assert.equal(r.height, 20 * 16);
  assert.equal(r.before.height, 20 * 16);
});

test('control: without the reserve CSS the same page does shift (the measurement works)', async () => {
  const r = await measure({ css: '' });
  assert.equal(r.items, 10);
  assert.ok(r.cls > 0.05, `CLS ${r.cls}`);
  assert.notEqual(r.after, r.before.after);
});
