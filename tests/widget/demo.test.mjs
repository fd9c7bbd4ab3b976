// The demo and embed-code generator: strict CSP, relative script URL, live preview, the snippet
// (pinned + SRI, or stable v1), copy, no layout shift, axe; and the snippet works on a host page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launch, open, html, read, minJs, hashedName, sri, settled, state } from './helpers.mjs';
import { snapshotFeed } from './fixtures/feed.mjs';

let server, browser;
const ROOT = '/devstoreaccount1/feeds/';

before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function watch() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.__cls = 0;
  new PerformanceObserver(l => {
    for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

async function openDemo(ctx = {}, root = ROOT, { render = true } = {}) {
  const p = await open(browser, ctx);
  await p.page.addInitScript(watch);
  await p.page.goto(server.url(root + 'demo.html'));
  if (render) await settled(p.page, '#preview gcm-resources');
  await p.page.waitForFunction(() => document.documentElement.dataset.pinned);
  return p;
}

test('demo.html: relative script URL, own files only, no inline script, style or handler', () => {
  const src = read('widget/demo.html').toString();
  const scripts = [...src.matchAll(/<script\b([^>]*)>/g)].map(m => m[1]);
  assert.deepEqual(scripts.map(a => a.match(/\ssrc="([^"]+)"/)?.[1]), ['widget/v1/gcm-resources.js', 'demo.js']);
  assert.ok(!/<script\b[^>]*>[^<\s]/.test(src), 'no inline script body');
  assert.ok(!/<style\b/i.test(src) && !/\sstyle=/i.test(src), 'no <style>, no style=""');
  assert.ok(!/\son[a-z]+=/i.test(src), 'no inline handlers');
  assert.deepEqual([...src.matchAll(/<link\b[^>]*href="([^"]+)"/g)].map(m => m[1]), ['demo.css']);
  assert.match(src, /http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';[^"]*require-trusted-types-for 'script'"/);
  const js = read('widget/demo.js').toString();
  assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(js));
  const css = read('widget/demo.css').toString();
  assert.ok(css.includes(read('widget/README.md').toString().match(/<!-- reserve-css -->\s*```css\n(.*)\n```/)[1]), 'demo.css carries the documented reserve CSS');
});

test('demo under its own strict CSP: renders the live widget, no violation, CLS 0, axe clean', async () => {
  const slow = '/slow/feeds/';
  server.route(slow + 'objective-11/feed.json', { type: 'json', delay: 300, body: JSON.stringify(snapshotFeed({ root: server.origin + slow })) });
  const { page, seen, close } = await openDemo({}, slow);
  const s = await state(page, '#preview gcm-resources');
  assert.equal(s.count, 'Showing 10 of 213');
  await page.evaluate(() => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok))));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.failed, [], 'every resource of the page loaded');
  // the only console error allowed is the browser's own /favicon.ico probe (404 here)
  const favicon = server.requests('/favicon.ico').length > 0;
  assert.deepEqual(seen.console.filter(m => !(favicon && /status of 404/.test(m))), []);
  assert.equal(await page.evaluate(() => window.__cls), 0);
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  assert.deepEqual(r.violations.map(v => v.id), []);
  // control: the meta CSP is enforced (an inline style is reported)
  await page.evaluate(() => document.head.append(Object.assign(document.createElement('style'), { textContent: 'p{}' })));
  await page.waitForFunction(() => window.__csp.length > 0);
  await close();
});

test('options drive the preview and the snippet; copy puts the snippet on the clipboard', async () => {
  const { context, page, close } = await openDemo({ permissions: ['clipboard-read', 'clipboard-write'] });
  const min = minJs();
  const origin = server.origin;
  let code = await page.inputValue('#snippet');
  assert.equal(
    code,
    [
      '<style>gcm-resources:not(:defined),[data-gcm-resources]{display:block;block-size:var(--gcm-height,32rem);overflow:auto}</style>',
      `<script src="${origin}${ROOT}widget/${hashedName(min)}" integrity="${sri(min)}" crossorigin="anonymous" async></script>`,
      '<gcm-resources objective="11">',
      '  <a href="https://migrationnetwork.un.org/taxonomy/term/289">GCM Objective 11: Manage borders in an integrated, secure and coordinated manner (resources on the UN Migration Network Hub)</a>',
      '</gcm-resources>',
    ].join('\n')
  );

  await page.selectOption('#objective', '5');
  await settled(page, '#preview gcm-resources');
  assert.equal(server.requests(ROOT + 'objective-5/feed.json').length, 1);
  assert.equal((await state(page, '#preview gcm-resources')).heading, 'Resources for GCM Objective 5');
  await page.selectOption('#lang', 'ar');
  await page.fill('#limit', '3');
  await page.selectOption('#theme', 'dark');
  await page.selectOption('#heading-level', '3');
  await page.check('#lazy');
  await page.check('input[name=script][value=stable]');
  await settled(page, '#preview gcm-resources');
  const s = await state(page, '#preview gcm-resources');
  assert.equal(s.dir, 'rtl');
  assert.equal(s.titles.length, 3);
  assert.equal(s.headingTag, 'H3');
  code = await page.inputValue('#snippet');
  assert.match(code, new RegExp(`^<script src="${origin}${ROOT}widget/v1/gcm-resources.js" async></script>$`, 'm'));
  assert.match(code, /^<gcm-resources objective="5" lang="ar" limit="3" theme="dark" heading-level="3" loading="lazy">$/m);
  assert.match(code, /term\/283">GCM Objective 5: Enhance availability and flexibility of pathways for regular migration/);
  assert.equal(server.requests(ROOT + 'objective-5/feed.json').length, 1, 'one request per feed across re-renders');

  await page.selectOption('#objective', '11');
  await page.check('input[name=types][value=pledge]');
  await page.check('input[name=types][value=video]');
  await settled(page, '#preview gcm-resources');
  assert.equal((await state(page, '#preview gcm-resources')).count, `عرض ${(3).toLocaleString('ar')} من أصل ${(65).toLocaleString('ar')}`);
  assert.match(await page.inputValue('#snippet'), /objective="11" lang="ar" limit="3" types="pledge,video"/);

  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.inputValue('#snippet'));
  await context.clearPermissions();
  await close();
});

test('the generated snippet works on a host page: pinned URL with SRI loads; a wrong hash is refused', async () => {
  const { page, close } = await openDemo({}, ROOT, { render: false });
  const code = await page.inputValue('#snippet');
  await close();
  // host on another origin (a second server) so the script, SRI and feed are all cross-origin
  const host = await startServer();
  try {
    for (const [name, snippet, works] of [
      ['pinned', code, true],
      ['tampered', code.replace(/integrity="sha384-./, m => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A')), false],
    ]) {
      const p = await open(browser);
      await p.page.goto(host.page(`/${name}.html`, html({ body: `<main><h1>Partner site</h1>${snippet}</main>` })));
      if (works) {
        await settled(p.page);
        assert.equal((await state(p.page)).count, 'Showing 10 of 213', name);
      } else {
        await p.page.waitForLoadState('load');
        await p.page.waitForTimeout(300);
        assert.equal(await p.page.evaluate(() => !!customElements.get('gcm-resources')), false, 'SRI blocked the script');
        assert.equal(await p.page.locator('gcm-resources > a').isVisible(), true, 'the no-JS fallback link shows');
      }
      await p.close();
    }
  } finally {
    await host.close();
  }
});
