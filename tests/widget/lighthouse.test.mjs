// Lighthouse (npm lighthouse 12.2.3, pinned): best-practices and SEO 1.0 on the demo page; all four
// categories (performance, accessibility, best-practices, SEO) 1.0 on the pages the C# renderers publish
// (an objective's HTML list, the combined list, the index), in light and dark. One headless Chromium
// (CHROME_PATH, /usr/bin/chromium) for every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';
import { audit as lighthouseAudit, launchChrome } from './lighthouse.mjs';

let server, chrome;

before(async () => {
  [server, chrome] = await Promise.all([startServer(), launchChrome()]);
});
after(async () => {
  await chrome?.kill();
  await server?.close();
});

/** Category scores, and the audits that cost points (for the failure message). */
async function audit(url) {
  const { scores, failing, finalUrl, runtimeError } = await lighthouseAudit(url, chrome);
  assert.equal(finalUrl, url, 'no redirect');
  assert.deepEqual(runtimeError, null);
  return { performance: scores.performance, accessibility: scores.accessibility, bestPractices: scores['best-practices'], seo: scores.seo, failing };
}

test('Lighthouse best-practices and SEO score 1.0 on the demo page', async () => {
  const { bestPractices, seo, failing } = await audit(server.url('/feeds/demo.html'));
  assert.deepEqual({ bestPractices, seo, failing: failing.filter(f => /^(best-practices|seo)\//.test(f)) }, { bestPractices: 1, seo: 1, failing: [] });
});

for (const page of ['objective-11/index.html', 'all/index.html', 'index.html']) {
  test(`Lighthouse scores 1.0 in all four categories on the published ${page} (C# renderer)`, async () => {
    const r = await audit(server.url('/feeds/' + page));
    assert.deepEqual(r, { performance: 1, accessibility: 1, bestPractices: 1, seo: 1, failing: [] });
  });
}
