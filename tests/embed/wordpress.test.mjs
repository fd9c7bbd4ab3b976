// A real WordPress (Debian's 6.1, tests/wordpress/wordpress.mjs) against what HubFeed publishes into Azurite: why the
// URL and iframe forms exist, and that each of the three forms works there for the users WordPress lets use it. Its
// HTTP API is allowed loopback and Azurite's port by a test-only must-use plugin; oEmbed discovery,
// wp_filter_oembed_result, kses and wp-embed.js are as shipped.
// Needs the .NET build and Azurite on 127.0.0.1:10000-10002; run it inside `unshare -n` (it listens on loopback).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWordPress, available } from '../wordpress/wordpress.mjs';
import { launch, settled, state } from '../widget/helpers.mjs';
import { publish, run, cli } from './published.mjs';

let wp, browser, pub, list, feed, iframeSnippet;

before(async () => {
  assert.ok(available(), 'WordPress, MariaDB and PHP are missing: test.sh installs wordpress, mariadb-server, php-cli, php-mysql');
  [pub, wp] = await Promise.all([publish('wp'), startWordPress({ allowHosts: ['127.0.0.1'], allowPorts: [10000] })]);
  list = pub.lists.find(l => l.key === 11);
  feed = await (await fetch(list.feed)).json();
  iframeSnippet = (await run('dotnet', [cli, 'snippet', '--objective', '11', '--form', 'iframe'], { env: pub.env })).stdout;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await wp?.stop();
});

/** Opens a post and returns what its embed shows once WordPress has sized the frame. */
async function view(id) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${wp.url}/?p=${id}`);
  const frame = page.locator('iframe.wp-embedded-content, .entry-content iframe').first();
  // wp-embed.js takes the style off (un-hides) the frame once it has spoken, and sets its height.
  await untilSpoken(page, () => {
    const f = document.querySelector('iframe[data-secret], .entry-content iframe');
    return f && !f.hasAttribute('style') && f.getAttribute('height') !== null;
  });
  const attrs = await frame.evaluate(f => ({ sandbox: f.getAttribute('sandbox'), height: Number(f.getAttribute('height')), src: f.src, secret: f.dataset.secret }));
  const inner = page.frames().find(f => f.url().startsWith(list.folder));
  assert.ok(inner, 'the embed page is framed');
  await inner.waitForSelector('ol li');
  const titles = await inner.$$eval('ol li > a', as => as.map(a => a.textContent));
  const bodyHeight = await inner.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  const blockquoteHidden = await page.evaluate(() => [...document.querySelectorAll('blockquote.wp-embedded-content')].every(b => getComputedStyle(b).display === 'none'));
  await context.close();
  return { attrs, titles, bodyHeight, blockquoteHidden };
}

test('as an Author, the script snippet is stripped to its fallback link (why the other forms exist)', async () => {
  const snippet = pub.index.objectives.find(o => o.objective === 11).snippet;
  assert.match(snippet, /<script /);
  const id = await wp.post({ as: 'author', content: snippet });
  const stored = await wp.stored(id);
  assert.doesNotMatch(stored, /<script|<style|<gcm-resources|<iframe/i, stored);
  assert.match(stored, /<a href="https:\/\/migrationnetwork\.un\.org\/[^"]*">/);
  // The iframe snippet is stripped for an Author too.
  const iframeId = await wp.post({ as: 'author', content: iframeSnippet });
  assert.doesNotMatch(await wp.stored(iframeId), /<iframe/i);
});

test('as an Author, the list URL on its own line becomes a sandboxed frame with the feed\'s first items, sized by the protocol', async () => {
  const id = await wp.post({ as: 'author', content: `<p>Our reading list:</p>\n\n${list.html}\n\n<p>More soon.</p>` });
  const seen = await view(id);
  assert.equal(seen.attrs.sandbox, 'allow-scripts');
  assert.match(seen.attrs.src, /frame\.html#\?secret=[A-Za-z0-9]{10}$/);
  assert.deepEqual(seen.titles, feed.items.slice(0, seen.titles.length).map(i => i.title));
  assert.ok(seen.titles.length >= 3, `shows the first items (${seen.titles.length})`);
  assert.ok(seen.attrs.height >= 200 && seen.attrs.height <= 1000, `height ${seen.attrs.height}`);
  assert.equal(seen.attrs.height, Math.min(1000, Math.max(200, seen.bodyHeight)), 'the height the page posted');
  assert.ok(seen.blockquoteHidden, 'the fallback blockquote is hidden once the frame spoke');
});

test('as an Administrator (unfiltered_html), the script snippet survives WordPress\'s formatting and the widget shows the same first items', async () => {
  const snippet = pub.index.objectives.find(o => o.objective === 11).snippet;
  const id = await wp.post({ as: 'administrator', content: snippet });
  assert.match(await wp.stored(id), /<script [^>]*integrity="sha384-/);
  const context = await browser.newContext();
  const page = await context.newPage();
  // What HubFeed serves must all load (WordPress's own theme may miss a favicon: not ours to judge).
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  page.on('response', r => r.status() >= 400 && r.url().startsWith(new URL(pub.root).origin) && errors.push(`${r.status()} ${r.url()}`));
  page.on('requestfailed', r => errors.push(`failed ${r.url()}`));
  await page.goto(`${wp.url}/?p=${id}`);
  await settled(page);
  const { titles, count } = await state(page);
  assert.deepEqual(titles, feed.items.slice(0, titles.length).map(i => i.title));
  assert.ok(titles.length >= 3, `shows the first items (${titles.length})`);
  assert.match(count, new RegExp(`\\b${feed.items.length}\\b`));
  assert.deepEqual(errors, [], 'no error: the pinned script loaded (SRI) and the feed was read');
  await context.close();
});

test('as an Administrator, the iframe snippet shows the same first items', async () => {
  assert.match(iframeSnippet, /^<iframe /);
  const id = await wp.post({ as: 'administrator', content: iframeSnippet });
  assert.match(await wp.stored(id), /<iframe /);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${wp.url}/?p=${id}`);
  const inner = await (await page.waitForSelector('iframe')).contentFrame();
  await inner.waitForSelector('ol li');
  const titles = await inner.$$eval('ol li > a', as => as.map(a => a.textContent));
  assert.deepEqual(titles, feed.items.slice(0, titles.length).map(i => i.title));
  assert.ok(titles.length >= 3);
  await context.close();
});

test('a click on an item in WordPress\'s frame takes the visitor to the item on the Hub (through the same-host forwarding page)', async () => {
  const id = await wp.post({ as: 'author', content: list.html });
  const context = await browser.newContext();
  const page = await context.newPage();
  const hubHits = [];
  // No network here: the Hub's answer is stood in for, and every request to it recorded.
  await context.route('https://migrationnetwork.un.org/**', r => { hubHits.push(r.request().url()); r.fulfill({ body: 'Hub', contentType: 'text/plain' }); });
  await page.goto(`${wp.url}/?p=${id}`);
  await untilSpoken(page, () => !document.querySelector('iframe[data-secret]')?.hasAttribute('style'));
  const inner = page.frames().find(f => f.url().startsWith(list.folder));
  const href = await inner.$eval('ol li > a', a => a.href);
  assert.equal(href, feed.items[0].url);
  const seen = [];
  page.on('framenavigated', f => f === page.mainFrame() && seen.push(f.url()));
  await inner.click('ol li > a');
  await page.waitForURL(href, { timeout: 10_000 });
  assert.ok(seen.some(u => u === `${list.folder}go.html#${href}`), `went through go.html: ${seen.join(', ')}`);
  assert.deepEqual(hubHits, [href]);
  await context.close();
});

/** Waits (15 s) until the predicate holds in the page: WordPress un-hides the frame once it has spoken. A timeout says
 * what the frame's attributes were and what loaded inside it, so a failure explains itself. */
async function untilSpoken(page, predicate) {
  await page.waitForFunction(predicate, null, { timeout: 15_000 })
    .catch(async e => { throw new Error(`${e.message}\n${await frameState(page)}`); });
}

/** What the page shows of its embed: each frame's attributes, and each loaded document's body height. */
async function frameState(page) {
  const outer = await page.evaluate(() => [...document.querySelectorAll('iframe')]
    .map(f => `${f.src} style="${f.getAttribute('style')}" height=${f.getAttribute('height')}`));
  const inner = await Promise.all(page.frames().slice(1).map(async f => `${f.url()} body height ${
    await f.evaluate(() => document.body?.getBoundingClientRect().height ?? 'none').catch(x => x.message)}`));
  return `iframes: ${outer.join(' | ') || 'none'}\nframes loaded: ${inner.join(' | ') || 'none'}`;
}
