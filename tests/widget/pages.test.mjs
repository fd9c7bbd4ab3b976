// The published HTML pages (an objective's list, the combined list, the index), as the C# renderers write them
// (tests/widget/fixtures/published): axe (WCAG 2.2 AA + best practices) finds nothing in light and dark, and under a
// strict Content-Security-Policy (no script, styles from the site only) they load their one stylesheet, follow the
// reader's colour scheme, break no rule, and their JSON-LD is data that names every listed item.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launch, open, publishedBody, closeAll } from './helpers.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const PAGES = ['objective-11/index.html', 'all/index.html', 'index.html'];
const CSP = "default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
let server, browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
  // The same files under /csp/, each page sent with a strict policy (the stylesheet comes from the fixtures).
  for (const page of PAGES) server.page('/csp/' + page, publishedBody(page, server.url('/csp/')), { 'Content-Security-Policy': CSP });
});
after(() => closeAll(browser, server));

for (const scheme of ['light', 'dark']) {
  // The combined list is the objective list's markup, longer: once is enough (axe takes ~20 s on it here).
  for (const path of scheme === 'dark' ? PAGES.filter(p => !p.startsWith('all/')) : PAGES) {
    test(`axe: 0 violations on ${path} (${scheme}), under a strict CSP, styled, nothing failing`, async () => {
      const { page, seen, close } = await open(browser, { colorScheme: scheme });
      await page.goto(server.url('/csp/' + path));
      const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      assert.deepEqual(r.violations.flatMap(v => v.nodes.map(n => `${v.id}: ${JSON.stringify(n.target)}`)), []);
      const style = await page.evaluate(() => ({
        font: getComputedStyle(document.body).fontFamily,
        background: getComputedStyle(document.body).backgroundColor,
        width: document.querySelector('main').getBoundingClientRect().width,
      }));
      assert.match(style.font, /system-ui/);
      assert.equal(style.background, scheme === 'dark' ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)');
      assert.ok(style.width <= 46 * 16 + 1, `readable line length: main is ${style.width}px wide`);
      assert.deepEqual([seen.errors, seen.console, seen.failed], [[], [], []]);
      await close();
    });
  }
}

test('the lists link their feeds, the index and the Hub, offer both formats for discovery, and describe every listed item in JSON-LD', async () => {
  const { page, close } = await open(browser);
  for (const path of ['objective-11/index.html', 'all/index.html']) {
    await page.goto(server.url('/feeds/' + path));
    const got = await page.evaluate(() => ({
      alternates: [...document.querySelectorAll('link[rel=alternate]')].map(l => [l.type, new URL(l.href).pathname]),
      links: [...document.querySelectorAll('a')].map(a => a.href),
      items: [...document.querySelectorAll('main ol > li h2 a')].map(a => a.href),
      summaries: document.querySelectorAll('main ol > li > p:not(.meta)').length,
      times: [...document.querySelectorAll('main ol > li time')].map(t => t.dateTime),
      ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => JSON.parse(s.textContent)),
    }));
    const folder = path.replace('index.html', '');
    // Both feed formats, and the oEmbed document a CMS discovers when an editor pastes the page's URL.
    assert.deepEqual(got.alternates, [['application/atom+xml', `/feeds/${folder}feed.atom`], ['application/feed+json', `/feeds/${folder}feed.json`],
      ['application/json+oembed', `/feeds/${folder}oembed.json`]]);
    for (const want of [`feeds/${folder}feed.atom`, `feeds/${folder}feed.json`, 'feeds/index.html', 'https://migrationnetwork.un.org/']) {
      assert.ok(got.links.some(h => h.includes(want)), `${path} links ${want}`);
    }
    assert.ok(got.summaries > 0, 'summaries are shown');
    assert.ok(got.times.every(t => /^\d{4}-\d{2}-\d{2}$/.test(t)), 'item dates are the Hub days');
    assert.equal(got.ld.length, 1);
    const [ld] = got.ld;
    assert.equal(ld['@type'], 'CollectionPage');
    assert.equal(ld.mainEntity['@type'], 'ItemList');
    assert.deepEqual(ld.mainEntity.itemListElement.map(e => e.item.url), got.items);
    assert.ok(ld.mainEntity.itemListElement.every(e => e.item.name && e.item.genre));
  }
  await close();
});
