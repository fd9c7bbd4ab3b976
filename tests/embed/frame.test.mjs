// The embed page, the forwarding page and oEmbed as published by the CLI into Azurite, in real headless Chromium and
// through `hubfeed serve` (the Function app's HTTP functions, read from their attributes). Needs the .NET build and
// Azurite on 127.0.0.1:10000-10002; run it inside `unshare -n` on a shared machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { launch } from '../widget/helpers.mjs';
import { publish, cli, LANGS } from './published.mjs';

let pub, browser, host, api, serve;

const freePort = () => new Promise(resolve => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });

before(async () => {
  pub = await publish('frame');
  browser = await launch();
  // A partner page that allows nothing but frames from the content host: CSP default-src 'none'.
  const content = new URL(pub.root).origin;
  host = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': `default-src 'none'; frame-src ${content}` });
    res.end(`<!DOCTYPE html><html lang="en"><title>Partner</title><iframe id="f" sandbox="allow-scripts" width="${u.searchParams.get('w') ?? 500}" height="300" title="Resources" src="${u.searchParams.get('src')}"></iframe>`);
  });
  await new Promise(r => host.listen(0, '127.0.0.1', r));
  const port = await freePort();
  serve = spawn('dotnet', [cli, 'serve', '--source', 'snapshot', '--port', String(port)], { env: pub.env, stdio: 'ignore' });
  api = `http://127.0.0.1:${port}/api`;
  for (let i = 0; ; i++) {
    if (await fetch(`${api}/oembed`).then(() => true, () => false)) break;
    assert.ok(i < 600, 'hubfeed serve did not start');
    await new Promise(r => setTimeout(r, 100));
  }
});

after(async () => {
  await browser?.close();
  host?.close();
  if (serve && serve.exitCode === null) {
    const exited = new Promise(r => serve.once('exit', r));
    serve.kill('SIGTERM');
    await exited;
  }
});

/** Opens the partner page framing `src`; records the messages the frame posts (an init script: the page's CSP allows none). */
async function partner(src, { width = 500, js = true } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  const errors = [];
  page.on('console', m => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', e => errors.push(e.message));
  await page.addInitScript(() => {
    window.__messages = [];
    addEventListener('message', e => window.__messages.push(e.data));
  });
  await page.goto(`http://127.0.0.1:${host.address().port}/?w=${width}&src=${encodeURIComponent(src)}`);
  const frame = await (await page.waitForSelector('#f')).contentFrame();
  await frame.waitForSelector('ol li');
  return { context, page, frame, errors, messages: () => page.evaluate(() => window.__messages) };
}

test('in <iframe sandbox="allow-scripts"> on a page with CSP default-src \'none\', the embed page shows the feed\'s first items and posts one height per change', async () => {
  for (const list of pub.lists) {
    const feed = await (await fetch(list.feed)).json();
    const p = await partner(list.frame + '#?secret=abcDEF1234');
    const titles = await p.frame.$$eval('ol li > a', as => as.map(a => a.textContent));
    assert.deepEqual(titles, feed.items.slice(0, 5).map(i => i.title), String(list.key));
    assert.match(await p.frame.$eval('.count', e => e.textContent), new RegExp(`5\\D+${feed.items.length}`));
    await p.page.waitForFunction(() => window.__messages.length > 0);
    await p.page.waitForTimeout(300);
    const first = await p.messages();
    const height = await p.frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    assert.deepEqual(first, [{ message: 'height', value: height, secret: 'abcDEF1234' }], 'one message for the first layout');
    assert.ok(height >= 200 && height <= 1000, `height ${height} within WordPress's 200-1000 px`);
    // A narrower frame: the text wraps, the page grows, one more message.
    await p.page.evaluate(() => { document.getElementById('f').width = '300'; });
    await p.page.waitForFunction(n => window.__messages.length > n, first.length);
    await p.page.waitForTimeout(300);
    const after = await p.messages();
    const taller = await p.frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    assert.ok(taller > height);
    assert.deepEqual(after.slice(1), [{ message: 'height', value: taller, secret: 'abcDEF1234' }]);
    assert.deepEqual(p.errors, [], 'no CSP violation, no error');
    await p.context.close();
  }
});

test('without a secret the frame posts a plain, documented message; with JavaScript off the list still shows', async () => {
  const list = pub.lists[0];
  const p = await partner(list.frame);
  await p.page.waitForFunction(() => window.__messages.length > 0);
  const [m] = await p.messages();
  assert.deepEqual(Object.keys(m).sort(), ['message', 'source', 'value']);
  assert.equal(m.source, 'gcm-resources');
  assert.equal(m.message, 'height');
  await p.context.close();
  const off = await partner(list.frame, { js: false });
  assert.equal(await off.frame.$$eval('ol li', li => li.length), 5);
  await off.context.close();
});

test('every language is a static page in that language; ?theme=dark darkens it', async () => {
  const list = pub.lists.find(l => l.key === 11);
  for (const lang of LANGS) {
    const url = list.folder + (lang === 'en' ? 'frame.html' : `frame.${lang}.html`);
    const res = await fetch(url);
    assert.equal(res.status, 200, url);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const html = await res.text();
    assert.match(html, new RegExp(`<html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}>`));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+';/);
  }
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  const bg = async u => { await page.goto(u); return page.evaluate(() => getComputedStyle(document.body).backgroundColor); };
  assert.equal(await bg(list.frame), 'rgb(255, 255, 255)');
  assert.equal(await bg(list.frame + '?theme=dark'), 'rgb(22, 22, 22)');
  await context.close();
});

test('the forwarding page sends the visitor on only to the Hub\'s origin (never an open redirect)', async () => {
  const list = pub.lists[0];
  const context = await browser.newContext();
  const hits = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, r => { hits.push(r.request().url()); r.fulfill({ body: 'elsewhere' }); });
  const page = await context.newPage();
  for (const bad of ['https://evil.example/', 'https://migrationnetwork.un.org.evil.example/x', 'http://migrationnetwork.un.org/x',
    'javascript:alert(1)', 'https://user:pw@migrationnetwork.un.org/', '//evil.example/', '']) {
    await page.goto('about:blank'); // a fresh load each time, not a same-document fragment change
    await page.goto(`${list.folder}go.html#${bad}`);
    await page.waitForTimeout(150);
    assert.ok(page.url().startsWith(list.folder), `${bad}: stayed (${page.url()})`);
  }
  assert.deepEqual(hits, []);
  const good = 'https://migrationnetwork.un.org/resources/x?y=1';
  await page.goto('about:blank');
  await page.goto(`${list.folder}go.html#${good}`);
  await page.waitForURL(good);
  assert.deepEqual(hits, [good]);
  await context.close();
});

test('oEmbed: every list\'s pages name an absolute oembed.json, whose html is the shape WordPress keeps; /api/oembed answers the same, sized, and 404/501/400 otherwise', async () => {
  for (const list of pub.lists) {
    const doc = await (await fetch(list.oembed)).json();
    assert.deepEqual(Object.keys(doc).sort(), ['cache_age', 'height', 'html', 'provider_name', 'provider_url', 'title', 'type', 'version', 'width']);
    assert.equal(doc.type, 'rich');
    assert.equal(doc.version, '1.0');
    assert.match(doc.html, /^<blockquote><a href="http:\/\/[^"]+\/index\.html">[^<]+<\/a><\/blockquote><iframe src="http:\/\/[^"#]+\/frame\.html" width="500" height="600" title="[^"]+" frameborder="0" marginwidth="0" marginheight="0" scrolling="auto"><\/iframe>$/);
    for (const page of [list.html, list.frame]) {
      const head = (await (await fetch(page)).text()).split('</head>')[0];
      const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(head);
      assert.equal(link?.[1], list.oembed, page);
    }
    for (const page of [list.html, list.folder, list.frame, list.folder + 'frame.fr.html']) {
      const res = await fetch(`${api}/oembed?url=${encodeURIComponent(page)}&maxwidth=500&maxheight=750&dnt=1&format=json`);
      assert.equal(res.status, 200, page);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('cache-control'), /public, max-age=\d+/);
      const answer = await res.json();
      if (page !== list.folder + 'frame.fr.html') assert.deepEqual(answer, doc, page);
      else assert.match(answer.html, /frame\.fr\.html"/);
    }
    const small = await (await fetch(`${api}/oembed?url=${encodeURIComponent(list.html)}&maxwidth=320&maxheight=240`)).json();
    assert.deepEqual([small.width, small.height], [320, 240]);
    assert.match(small.html, /width="320" height="240"/);
  }
  const status = async q => (await fetch(`${api}/oembed?${q}`)).status;
  assert.equal(await status(`url=${encodeURIComponent(pub.lists[0].html)}&format=xml`), 501);
  assert.equal(await status(`url=${encodeURIComponent('https://example.org/objective-11/index.html')}`), 404);
  assert.equal(await status(`url=${encodeURIComponent(pub.root + 'objective-5/index.html')}`), 404, 'an objective not published');
  assert.equal(await status(`url=${encodeURIComponent(pub.root + 'objective-11/feed.json')}`), 404, 'not a page');
  assert.equal(await status('maxwidth=500'), 400);
  assert.equal(await status(`url=${encodeURIComponent(pub.lists[0].html)}&maxwidth=wide`), 400);
});

test('the embed API and the CLI hand out the three forms from the one generator', async () => {
  for (const form of ['script', 'iframe', 'url']) {
    const res = await fetch(`${api}/objectives/11/embed?form=${form}`);
    assert.equal(res.status, 200, form);
    const body = await res.text();
    const { stdout } = await (await import('./published.mjs')).run('dotnet', [cli, 'snippet', '--objective', '11', '--form', form], { env: pub.env });
    assert.equal(body, stdout, form);
  }
  assert.equal(await (await fetch(`${api}/objectives/11/embed?form=url`)).text(), pub.lists.find(l => l.key === 11).html + '\n');
  assert.equal((await fetch(`${api}/objectives/11/embed?form=pdf`)).status, 400);
});
