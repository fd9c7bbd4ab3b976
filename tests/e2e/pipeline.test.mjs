// End to end, as a new user sees it: the CLI deploys the widget (what the deploy does in Azure), ingests every
// objective of the bundled snapshot (11 and the small synthetic 12) into Azurite and publishes; then real headless
// Chromium opens the published demo page, which builds its objective picker from objectives.json, and sees the items,
// and more after "show more". Needs the .NET build (./test.sh builds it) and Azurite on 127.0.0.1:10000-10002.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { launch, settled, state } from '../widget/helpers.mjs';

const run = promisify(execFile);
const cli = new URL('../../cli/bin/Debug/net10.0/hubfeed.dll', import.meta.url).pathname;
const truth = JSON.parse(readFileSync(new URL('../../seeds/snapshot/objective-11/expected.json', import.meta.url)));
const id = 'e2e' + randomBytes(4).toString('hex');
const env = { ...process.env, HubFeed__Publish__Container: id, HubFeed__Catalog__TablePrefix: id };
let summary, browser;

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: build the solution first (./test.sh does)`);
  await run('dotnet', [cli, 'publish-widget'], { env, timeout: 120_000 });
  const { stdout } = await run('dotnet', [cli, 'run', '--source', 'snapshot', '--json'], { env, timeout: 120_000 });
  summary = JSON.parse(stdout);
  browser = await launch();
});

after(async () => browser?.close());

test('the CLI run succeeds for every objective of the snapshot and names the demo, index and feed URLs', () => {
  assert.equal(summary.succeeded, true);
  const runs = Object.fromEntries(summary.sources.map(s => [s.run.source, s.run]));
  assert.deepEqual(Object.keys(runs).sort(), ['objective-11', 'objective-12']);
  assert.equal(runs['objective-11'].status, 'succeeded');
  assert.equal(runs['objective-11'].itemsListed, 213);
  assert.equal(runs['objective-12'].itemsListed, 28);
  assert.match(summary.links.feed, new RegExp(`^http://127\\.0\\.0\\.1:10000/devstoreaccount1/${id}/objective-11/feed\\.json$`));
  assert.match(summary.links.demo, /demo\.html$/);
  assert.match(summary.links.indexJson, /objectives\.json$/);
  assert.deepEqual(summary.links.objectives.map(o => o.objective), [11, 12]);
});

test('every URL the index names answers, and the snippet it hands out pins the published widget', async () => {
  const index = await (await fetch(summary.links.indexJson)).json();
  for (const o of [...index.objectives, index.all]) {
    for (const key of ['json_feed', 'atom', 'html', 'snippet_url']) {
      if (o[key]) assert.equal((await fetch(o[key])).status, 200, `${key} ${o[key]}`);
    }
    const src = /<script src="([^"]+)" integrity="([^"]+)"/.exec(o.snippet);
    assert.ok(src, o.snippet);
    assert.equal((await fetch(src[1])).status, 200);
  }
  assert.equal(index.all.items, 213 + 28 - 4);
});

test('the published demo page offers the published objectives and shows the feed in Chromium, and more after "show more"', async () => {
  const feed = await (await fetch(summary.links.feed)).json();
  assert.equal(feed.items.length, 213);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  page.on('console', m => m.type() === 'error' && errors.push(m.text()));
  await page.goto(summary.links.demo);
  await page.waitForFunction(() => document.getElementById('objective').options.length > 0);
  const offered = await page.evaluate(() => [...document.getElementById('objective').options].map(o => o.value));
  assert.deepEqual(offered, ['11', '12', 'all']);
  await settled(page);

  const titles = () => page.evaluate(() => [...document.querySelector('gcm-resources').shadowRoot.querySelectorAll('[part~=link]')].map(a => a.textContent));
  const first = await titles();
  assert.equal(first.length, 10);
  assert.deepEqual(first, feed.items.slice(0, 10).map(i => i.title));
  assert.match((await state(page)).count, /10\D+213/);
  const known = new Set(truth.items.map(i => i.title));
  assert.ok(first.every(t => known.has(t)));

  await page.evaluate(() => document.querySelector('gcm-resources').shadowRoot.querySelector('[part~=more]').click());
  await page.waitForFunction(() => document.querySelector('gcm-resources').shadowRoot.querySelectorAll('[part~=link]').length === 20);
  assert.deepEqual(await titles(), feed.items.slice(0, 20).map(i => i.title));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the demo page `publish-widget` published shows objective 11\'s code in each form without JavaScript, exactly objectives.json\'s', async () => {
  const index = await (await fetch(summary.links.indexJson)).json();
  const o11 = index.objectives.find(o => o.objective === 11);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(summary.links.demo);
  assert.equal(await page.inputValue('#snippet'), o11.snippet);
  assert.deepEqual(await page.locator('.static-code pre').evaluateAll(l => l.map(p => p.textContent)), [o11.snippet, o11.iframe_snippet, o11.paste_url]);
  await context.close();
});
