// End to end, as a new user sees it: the CLI ingests Objective 11 from the bundled snapshot into Azurite and
// publishes; then real headless Chromium opens the published demo page and sees the items, and more after
// "show more". Needs the .NET build (./test.sh builds it) and Azurite on 127.0.0.1:10000-10002 (./test.sh starts it).
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
let summary, browser;

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: build the solution first (./test.sh does)`);
  const { stdout } = await run('dotnet', [cli, 'run', '--source', 'snapshot', '--json'], {
    env: { ...process.env, HubFeed__Publish__Container: id, HubFeed__Catalog__TablePrefix: id },
    timeout: 120_000,
  });
  summary = JSON.parse(stdout);
  browser = await launch();
});

after(async () => browser?.close());

test('the CLI run succeeds with all 213 items and names the feed, embed and demo URLs', () => {
  assert.equal(summary.succeeded, true);
  const run = summary.sources[0].run;
  assert.equal(run.status, 'succeeded');
  assert.equal(run.itemsListed, 213);
  assert.equal(run.itemsNew, 213);
  assert.match(summary.links.feed, new RegExp(`^http://127\\.0\\.0\\.1:10000/devstoreaccount1/${id}/objective-11/feed\\.json$`));
  assert.match(summary.links.embed, /objective-11\/embed\.js$/);
  assert.match(summary.links.demo, /demo\.html$/);
});

test('the published demo page shows the feed in Chromium, and more items after "show more"', async () => {
  const feed = await (await fetch(summary.links.feed)).json();
  assert.equal(feed.items.length, 213);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(summary.links.demo);
  await settled(page);

  const titles = () => page.evaluate(() => [...document.querySelector('gcm-resources').shadowRoot.querySelectorAll('[part~=link]')].map(a => a.textContent));
  const first = await titles();
  assert.equal(first.length, 10);
  assert.deepEqual(first, feed.items.slice(0, 10).map(i => i.title));
  assert.match((await state(page)).count, /10\D+213/);
  // Every title shown is one of the snapshot's.
  const known = new Set(truth.items.map(i => i.title));
  assert.ok(first.every(t => known.has(t)));

  await page.evaluate(() => document.querySelector('gcm-resources').shadowRoot.querySelector('[part~=more]').click());
  await page.waitForFunction(() => document.querySelector('gcm-resources').shadowRoot.querySelectorAll('[part~=link]').length === 20);
  assert.deepEqual(await titles(), feed.items.slice(0, 20).map(i => i.title));
  assert.deepEqual(errors, []);
  await context.close();
});
