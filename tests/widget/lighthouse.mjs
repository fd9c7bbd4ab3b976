// One Lighthouse set-up (npm lighthouse, pinned) for every page the tests score: the demo, the published lists and the
// embed page (tests/widget/lighthouse.test.mjs, tests/embed/quality.test.mjs). Debian's Chromium, headless.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS } from './helpers.mjs';

process.env.CHROME_PATH ??= '/usr/bin/chromium';

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

export const launchChrome = () => chromeLauncher.launch({ chromeFlags: ['--headless', ...CHROMIUM_ARGS], logLevel: 'silent' });

/** One page's report: each category's score, and the audits that cost points ("category/audit: title", for the failure message). */
export async function audit(url, chrome) {
  const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: 'json' }, CONFIG);
  const failing = Object.values(lhr.categories).flatMap(c =>
    c.auditRefs.filter(r => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1).map(r => `${c.id}/${r.id}: ${lhr.audits[r.id].title}`));
  const scores = Object.fromEntries(Object.values(lhr.categories).map(c => [c.id, c.score]));
  return { scores, failing, finalUrl: lhr.finalDisplayedUrl, runtimeError: lhr.runtimeError ?? null };
}
