// Lighthouse (npm lighthouse 12.2.3, pinned) best-practices and SEO on the demo page and on the static
// HTML list the C# renderer publishes (objective-11/index.html): both must score 1.0. One headless
// Chromium (CHROME_PATH, /usr/bin/chromium) for both pages, only those two categories.
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
    onlyCategories: ['best-practices', 'seo'],
    formFactor: 'desktop',
    screenEmulation: { disabled: true },
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
  return { bestPractices: lhr.categories['best-practices'].score, seo: lhr.categories.seo.score, failing };
}

test('Lighthouse best-practices and SEO score 1.0 on the demo page', async () => {
  const r = await audit(server.url('/feeds/demo.html'));
  assert.deepEqual(r, { bestPractices: 1, seo: 1, failing: [] });
});

test('Lighthouse best-practices and SEO score 1.0 on the published HTML list (C# renderer)', async () => {
  const r = await audit(server.url('/feeds/objective-11/index.html'));
  assert.deepEqual(r, { bestPractices: 1, seo: 1, failing: [] });
});
