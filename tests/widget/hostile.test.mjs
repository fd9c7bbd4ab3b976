// The widget against hostile feeds and hostile host pages (issue 15, point 7): next_url chains that
// repeat a page or never end; a polluted Object.prototype; markup that clobbers document's or a
// form's properties; a page that breaks what a render needs; <div data-gcm-resources> added,
// changed and removed after load. The feeds here are built by the test from the C# fixtures and
// served by the loopback server (the fixtures themselves stay as the C# renderers wrote them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, open, html, script, settled, state, countIs, closeAll } from './helpers.mjs';
import { published } from './fixtures/feed.mjs';

let server, browser;
let n = 0;
const fixture = () => published('objective-11/feed.json', server.url('/'));
const items = published('objective-11/feed.json').items;

before(async () => ([server, browser] = await Promise.all([startServer(), launch()])));
after(() => closeAll(browser, server));

async function load(body, { head = '', lang = 'en', init } = {}) {
  const p = await open(browser);
  if (init) await p.page.addInitScript(init);
  await p.page.goto(server.page(`/h/${++n}.html`, html({ lang, head, body })));
  return p;
}

/** A feed page of `count` fixture items (ids made unique per page), with the given next_url and total. */
const feedPage = (path, count, next, total) => ({
  ...fixture(),
  feed_url: server.url(path),
  next_url: next && server.url(next),
  _gcm: { ...fixture()._gcm, total },
  items: items.slice(0, count).map((it, i) => ({ ...it, id: `${path}#${i}`, title: `${it.title} (${path} #${i})` })),
});

/** Counts how often the page's main thread ran a 20 ms timer while `during` runs, and the longest gap. */
async function responsive(page, during) {
  await page.evaluate(() => {
    window.__ticks = { count: 0, last: performance.now(), gap: 0 };
    window.__tick = setInterval(() => {
      const now = performance.now();
      window.__ticks.gap = Math.max(window.__ticks.gap, now - window.__ticks.last);
      window.__ticks.last = now;
      window.__ticks.count++;
    }, 20);
  });
  await during();
  return page.evaluate(() => (clearInterval(window.__tick), window.__ticks));
}

test('a next_url chain that comes back to a page it read ends there: each page read once, the page answers', async () => {
  // /loop/1 -> /loop/2 -> /loop/3 -> /loop/2 -> …, and a page whose next_url is itself
  server.feed('/loop/1.json', feedPage('/loop/1.json', 10, '/loop/2.json', 1000), { delay: 30 });
  server.feed('/loop/2.json', feedPage('/loop/2.json', 10, '/loop/3.json', 1000), { delay: 30 });
  server.feed('/loop/3.json', feedPage('/loop/3.json', 10, '/loop/2.json', 1000), { delay: 30 });
  server.feed('/self/1.json', feedPage('/self/1.json', 10, '/self/1.json', 1000));
  const { page, seen, close } = await load(`<gcm-resources id="loop" src="/loop/1.json"></gcm-resources><gcm-resources id="self" src="/self/1.json"></gcm-resources>${script()}`);
  await settled(page, 'gcm-resources', 2);
  assert.deepEqual([(await state(page, '#loop')).count, (await state(page, '#self')).count], ['Showing 10 of 1000', 'Showing 10 of 10']);
  // a search reads the whole feed: it must end, with every page read once
  const border = items.slice(0, 10).filter(i => /border/i.test(`${i.title} ${i.summary ?? ''}`)).length;
  assert.ok(border > 3);
  const ticks = await responsive(page, async () => {
    await page.locator('#loop >> [part~=search]').fill('border');
    await countIs(page, `Showing ${Math.min(10, 3 * border)} of ${3 * border}`, '#loop');
  });
  assert.ok(ticks.count > 0, 'the page ran its own timers meanwhile');
  for (const path of ['/loop/1.json', '/loop/2.json', '/loop/3.json']) assert.equal(server.requests(path).length, 1, path);
  assert.equal(server.requests('/self/1.json').length, 1);
  assert.equal((await state(page, '#loop')).moreHidden, 3 * border <= 10, 'more only for matches not shown');
  await page.locator('#loop >> [part~=search]').fill('');
  await countIs(page, 'Showing 10 of 30', '#loop');
  await page.locator('#loop >> [part~=more]').click();
  await page.locator('#loop >> [part~=more]').click();
  assert.equal((await state(page, '#loop')).count, 'Showing 30 of 30');
  assert.equal((await state(page, '#loop')).moreHidden, true);
  assert.equal(server.requests('/loop/2.json').length, 1, 'no page read twice');
  assert.deepEqual(seen.errors, []);
  await close();
});

test('a next_url chain that runs past _gcm.total items ends at the total; one without a total ends after 50 pages', async () => {
  // every page links to a new one, forever
  const endless = (prefix, count, total) =>
    server.route(`${prefix}/next.json`, {
      type: 'json',
      delay: 5,
      body: req => {
        const k = +(new URL(req.url, server.origin).searchParams.get('k') ?? 0);
        return JSON.stringify(feedPage(`${prefix}/next.json?k=${k}`, count, `${prefix}/next.json?k=${k + 1}`, total));
      },
    });
  endless('/past', 10, 30);
  endless('/endless', 2, undefined);
  const { page, seen, close } = await load(
    `<button id="ping">ping</button><gcm-resources id="past" src="/past/next.json"></gcm-resources><gcm-resources id="endless" src="/endless/next.json" limit="2"></gcm-resources>${script()}`
  );
  await page.evaluate(() => {
    window.pings = 0;
    document.getElementById('ping').addEventListener('click', () => window.pings++);
  });
  await settled(page, 'gcm-resources', 2);
  const ticks = await responsive(page, async () => {
    await page.locator('#past >> [part~=search]').fill('(');
    await page.locator('#endless >> [part~=search]').fill('(');
    await page.click('#ping'); // the host page answers while the chains are read
    await countIs(page, 'Showing 10 of 30', '#past');
    await countIs(page, 'Showing 2 of 100', '#endless');
  });
  assert.ok(ticks.count > 0);
  assert.equal(await page.evaluate(() => window.pings), 1);
  assert.equal(server.requests(e => e.path === '/past/next.json').length, 3, 'three pages hold the 30 items of _gcm.total');
  assert.equal(server.requests(e => e.path === '/endless/next.json').length, 50, 'without a total: 50 pages at most');
  await page.waitForTimeout(300);
  assert.equal(server.requests(e => e.path === '/endless/next.json').length, 50, 'and no more later');
  assert.equal((await state(page, '#endless')).count, 'Showing 2 of 100');
  // "show more" to the end shows what was read and ends too
  await page.locator('#endless >> [part~=search]').fill('');
  for (let i = 0; i < 3; i++) await page.locator('#endless >> [part~=more]').click();
  assert.equal((await state(page, '#endless')).count, 'Showing 8 of 100');
  assert.deepEqual(seen.errors, []);
  await close();
});

// What a polluted Object.prototype could change if the widget read inherited members: feed fields,
// fetch's RequestInit, attachShadow's init, the event init, IntersectionObserver's and Intl's options,
// and the attributes it sets on elements.
function pollute() {
  const polluted = {
    title: 'POLLUTED title', summary: 'POLLUTED summary', url: 'https://migrationnetwork.un.org/polluted', language: 'xx', tags: ['POLLUTED'],
    _gcm: { type: 'polluted', total: 5, objective: 99, short_name: 'POLLUTED' }, type: 'polluted', date: '1999-01-01', first_seen: new Date().toISOString(),
    date_published: '1999-01-01T00:00:00Z', next_url: '/polluted/feed.json', total: 5, objective: 99, short_name: 'POLLUTED', home_page_url: 'https://migrationnetwork.un.org/polluted-home',
    0: 'POLLUTED', 1: 'POLLUTED', en: 'POLLUTED|POLLUTED', xx: 'POLLUTED',
    method: 'POST', headers: { 'x-polluted': '1' }, credentials: 'include', integrity: 'sha384-polluted', mode: 'closed', slotAssignment: 'manual',
    detail: 'POLLUTED', threshold: [2], dateStyle: 'full', calendar: 'islamic', numberingSystem: 'arab', hour: 'numeric', timeZoneName: 'short',
    onclick: 'window.__pwned = 1', style: 'display:none', hidden: 'hidden', href: 'javascript:window.__pwned=1', tabindex: '5',
  };
  for (const [k, v] of Object.entries(polluted)) Object.prototype[k] = v;
}

test('a polluted Object.prototype changes nothing: same render, same requests, same dates, same events', async () => {
  // a feed whose items lack the fields a polluted prototype would fill in
  const feed = fixture();
  delete feed._gcm.short_name;
  delete feed.home_page_url;
  feed.items = feed.items.slice(0, 12).map(({ summary, language, ...it }, i) => (i % 2 ? { ...it, tags: [], _gcm: {} } : it));
  server.feed('/plain/feed.json', feed);
  const body = `<gcm-resources id="a" src="/plain/feed.json" new-days="30"></gcm-resources><gcm-resources id="lazy" objective="11" loading="lazy" lang="fr"></gcm-resources>` +
    `<gcm-resources id="gone" src="/plain/none.json"><a href="https://migrationnetwork.un.org/taxonomy/term/289">the fallback link</a></gcm-resources>${script()}`;
  const look = async page => {
    await settled(page, 'gcm-resources', 3);
    return page.evaluate(() => {
      const out = {};
      for (const host of document.querySelectorAll('gcm-resources')) {
        const root = host.shadowRoot;
        out[host.id] = { open: !!root, tree: [...root.querySelectorAll('*')].map(e => `${e.localName}[${e.getAttributeNames().join()}] ${e.children.length ? '' : e.textContent}`) };
      }
      out.fallbackShown = document.querySelector('#gone > a').getClientRects().length > 0;
      return out;
    });
  };
  const before = server.log.length;
  const control = await load(body);
  const expected = await look(control.page);
  await control.close();
  const controlRequests = server.log.slice(before).filter(e => e.path.startsWith('/plain/') || e.path.includes('feed')).length;

  const from = server.log.length;
  const { page, seen, close } = await load(body, { init: pollute });
  assert.equal(await page.evaluate(() => ({}).title), 'POLLUTED title', 'the control: the prototype is polluted');
  const got = await look(page);
  assert.deepEqual(got, expected);
  assert.equal(expected.fallbackShown, true);
  assert.ok(expected.a.tree.some(t => t.startsWith('time[part,datetime]')), 'dates shown');
  assert.ok(!JSON.stringify(got).includes('POLLUTED'));
  const feeds = server.log.slice(from).filter(e => e.path.startsWith('/plain/') || e.path.includes('feed'));
  assert.equal(feeds.length, controlRequests, 'the same feed requests');
  for (const r of feeds) {
    assert.equal(r.method, 'GET', r.path);
    assert.equal(r.headers['x-polluted'], undefined, r.path);
    assert.equal(r.headers.cookie, undefined, r.path);
  }
  assert.equal(server.requests('/polluted/feed.json').length, 0);
  // the render event carries no detail from the prototype
  const detail = await page.evaluate(async () => {
    const w = document.querySelector('#a');
    const got = new Promise(ok => w.addEventListener('gcm-resources:render', e => ok(Object.hasOwn(e, 'detail') ? 'own' : String(e.detail))));
    w.setAttribute('limit', '3');
    return got;
  });
  assert.equal(detail, 'null');
  // a search with no match says so (an empty list's missing [0] is not read from the prototype)
  await page.locator('#a >> [part~=search]').fill('zzqx no such thing');
  await countIs(page, 'No results.', '#a');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(seen.errors, []);
  await close();
});

/** Waits until `count` widgets matching `sel` are rendered, and reads their counts, through the
 *  prototypes (the page under test clobbers document.querySelectorAll and a form's methods). */
const countsOf = async (page, sel, count) => {
  await page.waitForFunction(
    ([s, n]) => {
      const all = [...Document.prototype.querySelectorAll.call(document, s)];
      return all.length === n && all.every(e => e.shadowRoot?.querySelector('[part~=region]')?.getAttribute('aria-busy') === 'false');
    },
    [sel, count],
    { timeout: 10000 }
  );
  return page.evaluate(s => [...Document.prototype.querySelectorAll.call(document, s)].map(e => e.shadowRoot.querySelector('[part~=status]').textContent), sel);
};

test('markup that clobbers document.scripts, currentScript, createElement, querySelectorAll: every widget renders', async () => {
  const { page, seen, close } = await load(
    `<img name="scripts" alt=""><img name="currentScript" alt=""><img name="createElement" alt=""><img name="querySelectorAll" alt=""><form name="baseURI"></form>` +
      `<gcm-resources objective="11"><a href="https://migrationnetwork.un.org/taxonomy/term/289">fallback</a></gcm-resources>` +
      `<div data-gcm-resources data-objective="23" data-lang="fr"><a href="https://migrationnetwork.un.org/taxonomy/term/301">fallback</a></div>` +
      `<gcm-resources id="rel" src="objective-11/feed.json" limit="2"></gcm-resources>${script()}`
  );
  const clobbered = await page.evaluate(() => [document.scripts, document.currentScript, document.createElement, document.querySelectorAll, document.baseURI].map(x => x?.localName));
  assert.deepEqual(clobbered, ['img', 'img', 'img', 'img', 'form'], 'the control: each is clobbered');
  assert.deepEqual(await countsOf(page, 'gcm-resources, [data-gcm-resources]', 3), ['Showing 10 of 213', 'Affichage de 10 sur 600', 'Showing 2 of 213']);
  assert.deepEqual(seen.errors, []);
  await close();
});

test('forms: a <form lang> whose fields shadow lang/getAttribute still gives its language; a <form data-gcm-resources> keeps its fallback', async () => {
  const { page, seen, close } = await load(
    `<form lang="fr"><input name="lang"><input name="getAttribute"><input name="closest"><gcm-resources id="in-form" objective="11"></gcm-resources></form>` +
      `<form id="host" data-gcm-resources data-objective="11"><input name="attachShadow"><input name="shadowRoot"><input name="getAttribute"><input name="matches"><input name="isConnected">` +
      `<a id="fallback" href="https://migrationnetwork.un.org/taxonomy/term/289">GCM Objective 11 on the Hub</a></form>` +
      `<div id="after" data-gcm-resources data-objective="11" data-limit="2"></div>${script()}`
  );
  assert.equal(await page.evaluate(() => document.querySelector('form').lang.localName), 'input', 'the control: form.lang is clobbered');
  assert.deepEqual(await countsOf(page, '#in-form, #after', 2), ['Affichage de 10 sur 213', 'Showing 2 of 213']);
  const form = () =>
    page.evaluate(() => {
      const host = document.getElementById('host'), link = document.getElementById('fallback');
      return { root: Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot').get.call(host), shown: link.getClientRects().length > 0 && link.offsetHeight > 0 };
    });
  assert.deepEqual(await form(), { root: null, shown: true }, 'the form keeps its content, the fallback link');
  // later changes to the form do not break the page's other widgets
  await page.evaluate(() => document.getElementById('host').setAttribute('data-limit', '3'));
  await page.evaluate(() => document.getElementById('after').setAttribute('data-limit', '4'));
  await countIs(page, 'Showing 4 of 213', '#after');
  assert.deepEqual(await form(), { root: null, shown: true });
  assert.deepEqual(seen.errors, []);
  await close();
});

test('whatever breaks a render (Intl, IntersectionObserver taken away by the page), the fallback shows: never a blank box', async () => {
  const fallback = '<a href="https://migrationnetwork.un.org/taxonomy/term/289">GCM Objective 11 on the Hub</a>';
  for (const [broken, attrs] of [['Intl.DateTimeFormat = undefined', ''], ['window.IntersectionObserver = undefined', ' loading="lazy"']]) {
    const { page, seen, close } = await load(
      `<gcm-resources id="el" objective="11"${attrs}>${fallback}</gcm-resources><div id="div" data-gcm-resources data-objective="11"${attrs.replace(' ', ' data-')}>${fallback}</div>${script()}`,
      { head: `<script>${broken}</script>` }
    );
    await page.waitForFunction(() => customElements.get('gcm-resources'));
    await page.waitForTimeout(300);
    for (const id of ['#el', '#div']) {
      assert.equal(await page.evaluate(s => !!document.querySelector(s).shadowRoot?.querySelector('slot'), id), true, `${broken}, ${id}: its shadow root shows the light DOM`);
      assert.equal(await page.locator(`${id} > a`).isVisible(), true, `${broken}, ${id}: fallback visible`);
    }
    assert.deepEqual(seen.errors, [], broken);
    await close();
  }
  // the control: the same page, nothing broken, renders the list
  const { page, close } = await load(`<gcm-resources objective="11" loading="lazy">${fallback}</gcm-resources>${script()}`);
  await settled(page);
  assert.equal((await state(page)).count, 'Showing 10 of 213');
  await close();
});

test('<div data-gcm-resources> added, changed, removed and put back after load, like the element', async () => {
  const { page, seen, close } = await load(`<main id="main"><div id="plain"></div></main>${script()}`);
  await page.waitForFunction(() => customElements.get('gcm-resources'));
  await page.evaluate(() => {
    window.events = [];
    document.addEventListener('gcm-resources:render', e => window.events.push(e.target.id));
    const div = document.createElement('div');
    div.id = 'added';
    div.dataset.gcmResources = '';
    div.dataset.objective = '11';
    div.dataset.limit = '3';
    document.getElementById('main').append(div);
  });
  await settled(page, '#added');
  assert.equal((await state(page, '#added')).count, 'Showing 3 of 213');
  // a data-* attribute, then a bare one, changed
  await page.evaluate(() => document.getElementById('added').setAttribute('data-limit', '5'));
  await countIs(page, 'Showing 5 of 213', '#added');
  await page.evaluate(() => document.getElementById('added').setAttribute('objective', '23'));
  await countIs(page, 'Showing 5 of 600', '#added'); // the bare attribute wins over data-objective
  assert.equal((await state(page, '#added')).heading, 'GCM Objective 23 – International cooperation');
  // the marker attribute added to an existing div, and markup inserted by a script
  await page.evaluate(() => {
    const plain = document.getElementById('plain');
    plain.setAttribute('data-objective', '11');
    plain.setAttribute('data-gcm-resources', '');
    document.getElementById('main').insertAdjacentHTML('beforeend', '<section><div id="nested" data-gcm-resources data-objective="11" data-lang="ru"></div></section>');
  });
  await settled(page, '#plain, #nested', 2);
  assert.equal((await state(page, '#plain')).count, 'Showing 10 of 213');
  assert.equal((await state(page, '#nested')).count, 'Показано 10 из 213');
  // removed: it stops (a slow render does not finish); put back: it renders again
  server.feed('/slowdiv/feed.json', fixture(), { delay: 300 });
  await page.evaluate(() => {
    const div = (window.kept = document.getElementById('added'));
    div.setAttribute('src', '/slowdiv/feed.json');
    window.events = [];
    queueMicrotask(() => div.remove());
  });
  await page.waitForTimeout(600);
  assert.deepEqual(await page.evaluate(() => window.events), [], 'no render for a removed div');
  await page.evaluate(() => document.getElementById('main').append(window.kept));
  await page.waitForFunction(() => window.events.includes('added'));
  assert.equal((await state(page, '#added')).count, 'Showing 5 of 213', 'the slow feed, with data-limit="5"');
  assert.equal(await page.evaluate(() => document.getElementById('added').shadowRoot.querySelectorAll('section').length), 1);
  assert.deepEqual(seen.errors, []);
  await close();
});
