// Lighthouse (npm lighthouse 12.2.3, pinned): best-practices and SEO 1.0 on the demo page; all four
// categories (performance, accessibility, best-practices, SEO) 1.0 on the pages the C# renderers publish
// (an objective's HTML list, the combined list, the index), in light and dark. One headless Chromium
// (CHROME_PATH, /usr/bin/chromium) for every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startServer } from './helpers.mjs';

process.env.CHROME_PATH ??= '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const CONFIG = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    formFactor: 'desktop',
    screenEmulation: { disabled: true },
    // Lighthouse's own desktop preset (lighthouse/core/config/constants.js: throttling.desktopDense4G): the
    // published pages are read on desktops and laptops above all; simulated, so the numbers do not depend on
    // this machine's network.
    throttling: { rttMs: 40, throughputKbps: 10 * 1024, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 },
    disableFullPageScreenshot: true,
    skipAboutBlank: true,
    // local pages: no need to wait seconds for quiet periods after load (0 would mean the default;
    // any throttlingMethod but the default 'simulate' forces 5.25 s windows, and no score here uses it)
    pauseAfterFcpMs: 1,
    pauseAfterLoadMs: 1,
    networkQuietThresholdMs: 1,
    cpuQuietThresholdMs: 1,
  },
};
let server, chrome;

before(async () => {
  [server, chrome] = await Promise.all([startServer(), chromeLauncher.launch({ chromeFlags: FLAGS, logLevel: 'silent' })]);
});
after(async () => {
  await chrome?.kill();
  await server?.close();
});

/** Category scores, and the audits that cost points (for the failure message). */
async function audit(url) {
  const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: 'json' }, CONFIG);
  const failing = Object.values(lhr.categories).flatMap(c =>
    c.auditRefs.filter(r => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1).map(r => `${c.id}/${r.id}: ${lhr.audits[r.id].title}`)
  );
  assert.equal(lhr.finalDisplayedUrl, url, 'no redirect');
  assert.deepEqual(lhr.runtimeError ?? null, null);
  const score = id => lhr.categories[id]?.score;
  return { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo'), failing };
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
