// The widget renders the published feeds (the C# renderers' fixtures) and does what users expect of
// it: heading and count from the feed header, filter by type, search, show more across pages,
// keyboard use, configuration attributes, objective="all".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, open, html, script, settled, state, countIs, closeAll } from './helpers.mjs';
import { feedPages, published, FIXTURE_ROOT } from './fixtures/feed.mjs';

let server, browser;
const feed = published('objective-11/feed.json');
const items = feed.items;
const pages23 = feedPages('objective-23');
const items23 = pages23.flatMap(p => p.items);
const norm = s => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const pathOf = url => '/' + url.slice(FIXTURE_ROOT.length); // a fixture URL's path on the test server (ROOT = /)
// An item's Hub day: _gcm.date when the feed carries it, else the UTC day of date_published.
const day = i => i._gcm?.date ?? i.date_published?.slice(0, 10) ?? null;
let n = 0;

before(async () => ([server, browser] = await Promise.all([startServer(), launch()])));
after(() => closeAll(browser, server));

async function load(body, { head = '', lang = 'en', path = `/r/${++n}.html` } = {}) {
  const p = await open(browser);
  await p.page.goto(server.page(path, html({ lang, head, body })));
  return p;
}

test('renders the 213-item feed: heading and count from _gcm, first 10 titles, Hub links, types from tags, dates', async () => {
  assert.equal(items.length, 213);
  assert.equal(feed.next_url, undefined, 'one page');
  const { page, seen, close } = await load(
    `<gcm-resources objective="11"><a href="https://migrationnetwork.un.org/taxonomy/term/289">Objective 11 on the Hub</a></gcm-resources>${script()}`
  );
  await settled(page);
  const s = await state(page);
  assert.equal(s.heading, 'GCM Objective 11 – Manage borders');
  assert.equal(s.headingTag, 'H2');
  assert.equal(s.count, 'Showing 10 of 213');
  assert.deepEqual(s.titles, items.slice(0, 10).map(i => i.title));
  assert.deepEqual(s.hrefs, items.slice(0, 10).map(i => i.url));
  assert.deepEqual(s.types, items.slice(0, 10).map(i => i.tags[0]));
  assert.deepEqual(s.dates, items.slice(0, 10).map(day));
  assert.equal(s.dates[0], '2026-01-29');
  assert.equal(s.dateTexts[0], 'Jan 29, 2026', 'the date for a reader of the page language, not ISO');
  assert.equal(s.headingLang, 'en');
  assert.equal(s.hub, feed.home_page_url);
  assert.equal(s.moreHidden, false);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(server.requests(e => e.path.endsWith('.json')).map(e => e.path), ['/objective-11/feed.json']);
  await close();
});

test('filter by type: a select built from the types present, sorted by label', async () => {
  const { page, close } = await load(`<gcm-resources objective="11"></gcm-resources>${script()}`);
  await settled(page);
  const counts = {};
  for (const i of items) counts[i._gcm.type] = (counts[i._gcm.type] ?? 0) + 1;
  const s = await state(page);
  assert.deepEqual(s.options[0], ['', 'All types']);
  assert.deepEqual(s.options.slice(1).map(o => o[0]).sort(), Object.keys(counts).sort());
  const labels = s.options.slice(1).map(o => o[1]);
  assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b)), 'options sorted by label');
  assert.ok(labels.includes('Practice Repository'), 'labels are the tags');

  await page.locator('gcm-resources >> [part~=filter]').selectOption('pledge');
  let t = await state(page);
  assert.equal(counts.pledge, 53);
  assert.equal(t.count, 'Showing 10 of 53');
  assert.deepEqual(t.titles, items.filter(i => i._gcm.type === 'pledge').slice(0, 10).map(i => i.title));
  assert.ok(t.types.every(x => x === 'Pledge'));

  await page.locator('gcm-resources >> [part~=filter]').selectOption('Podcast');
  t = await state(page);
  assert.equal(t.count, 'Showing 2 of 2');
  assert.equal(t.moreHidden, true);

  await page.locator('gcm-resources >> [part~=filter]').selectOption('');
  assert.equal((await state(page)).count, 'Showing 10 of 213');
  await close();
});

test('search: title and summary, case- and diacritics-insensitive, combined with the type filter', async () => {
  const { page, close } = await load(`<gcm-resources objective="11"></gcm-resources>${script()}`);
  await settled(page);
  const search = page.locator('gcm-resources >> [part~=search]');
  const expect = (q, type) =>
    items.filter(i => (!type || i._gcm.type === type) && norm(`${i.title} ${i.summary ?? ''}`).includes(norm(q)));

  // upper case, no accents -> matches "Cooperación internacional desde el codesarrollo"
  await search.fill('COOPERACION INTERNACIONAL');
  let t = await state(page);
  const coop = expect('cooperacion internacional');
  assert.ok(coop.length >= 1 && coop.some(i => i.title.includes('Cooperación')));
  assert.equal(t.count, `Showing ${coop.length} of ${coop.length}`);
  assert.deepEqual(t.titles, coop.map(i => i.title));

  // a word that only appears in a summary
  const summaryOnly = items.find(i => i.summary && !norm(i.title).includes('ombudsperson') && norm(i.summary).includes('ombudsperson'));
  assert.ok(summaryOnly, 'fixture has a summary-only word');
  await search.fill('Ombudsperson');
  t = await state(page);
  assert.ok(t.titles.includes(summaryOnly.title));
  assert.equal(t.titles.length, expect('ombudsperson').length);

  // a broad word, with the type filter
  await search.fill('border');
  const all = expect('border');
  assert.ok(all.length > 10);
  assert.equal((await state(page)).count, `Showing 10 of ${all.length}`);
  await page.locator('gcm-resources >> [part~=filter]').selectOption('resource');
  const res = expect('border', 'resource');
  t = await state(page);
  assert.equal(t.count, `Showing ${Math.min(10, res.length)} of ${res.length}`);
  assert.deepEqual(t.titles, res.slice(0, 10).map(i => i.title));

  await search.fill('zzqx no such thing');
  t = await state(page);
  assert.equal(t.count, 'No results.');
  assert.deepEqual(t.titles, []);
  assert.equal(t.moreHidden, true);
  await close();
});

test('show more renders the next N (not all 213) until the end', async () => {
  const { page, close } = await load(`<gcm-resources objective="11" limit="50"></gcm-resources>${script()}`);
  await settled(page);
  const more = page.locator('gcm-resources >> [part~=more]');
  let t = await state(page);
  assert.equal(t.titles.length, 50);
  assert.equal(t.count, 'Showing 50 of 213');
  await more.click();
  t = await state(page);
  assert.equal(t.titles.length, 100);
  assert.equal(t.count, 'Showing 100 of 213');
  assert.deepEqual(t.titles, items.slice(0, 100).map(i => i.title));
  await more.click();
  await more.click();
  await more.click();
  t = await state(page);
  assert.equal(t.count, 'Showing 213 of 213');
  assert.equal(t.moreHidden, true);
  assert.deepEqual(t.titles, items.map(i => i.title));
  await close();
});

test('600 items on three pages: the count is _gcm.total, "show more" fetches each next page once, when needed', async () => {
  assert.deepEqual(pages23.map(p => p.items.length), [250, 250, 100]);
  assert.equal(pages23[0]._gcm.total, 600);
  const [p2, p3] = [pages23[0].next_url, pages23[1].next_url].map(pathOf);
  assert.match(p2, /^\/objective-23\/feed-2\.[0-9a-f]{12}\.json$/);
  const { page, close } = await load(`<gcm-resources objective="23" limit="120"></gcm-resources>${script()}`);
  await settled(page);
  const more = page.locator('gcm-resources >> [part~=more]');
  let t = await state(page);
  assert.equal(t.heading, 'GCM Objective 23 – International cooperation');
  assert.equal(t.count, 'Showing 120 of 600', 'the whole feed, not the first page');
  assert.equal(server.requests(p2).length, 0, 'no later page before it is needed');
  await more.click(); // 240: still page 1
  assert.equal((await state(page)).count, 'Showing 240 of 600');
  assert.equal(server.requests(p2).length, 0);
  await more.click(); // 360: crosses into page 2
  await countIs(page, 'Showing 360 of 600');
  t = await state(page);
  assert.equal(t.count, 'Showing 360 of 600');
  assert.deepEqual(t.titles, items23.slice(0, 360).map(i => i.title));
  assert.equal(server.requests(p2).length, 1);
  assert.equal(server.requests(p3).length, 0);
  const focused = await page.evaluate(() => document.querySelector('gcm-resources').shadowRoot.activeElement?.textContent);
  assert.equal(focused, items23[240].title, 'focus on the first new item, across the page boundary');
  await more.click();
  await countIs(page, 'Showing 480 of 600');
  await more.click(); // 600: page 3
  await countIs(page, 'Showing 600 of 600');
  t = await state(page);
  assert.equal(t.count, 'Showing 600 of 600');
  assert.equal(t.moreHidden, true);
  assert.deepEqual(t.titles, items23.map(i => i.title));
  assert.equal(server.requests(p2).length, 1);
  assert.equal(server.requests(p3).length, 1);
  await close();
});

test('600 items: filter and search cover every page; two widgets share each page request', async () => {
  const before = server.requests(e => /objective-23\/feed/.test(e.path)).length;
  const { page, close } = await load(
    `<gcm-resources id="a" objective="23"></gcm-resources><gcm-resources id="b" objective="23" types="event"></gcm-resources>${script()}`
  );
  await settled(page, 'gcm-resources', 2);
  const events = items23.filter(i => i._gcm.type === 'event');
  assert.ok(events.some(i => pages23[2].items.includes(i)), 'events on the last page too');
  // the `types` attribute counts over every page
  const b = await state(page, '#b');
  assert.equal(b.count, `Showing 10 of ${events.length}`);
  assert.deepEqual(b.titles, events.slice(0, 10).map(i => i.title));
  // the type filter: every video of the three pages
  const videos = items23.filter(i => i._gcm.type === 'video');
  await page.locator('#a >> [part~=filter]').selectOption('video');
  await countIs(page, `Showing 10 of ${videos.length}`, '#a');
  let a = await state(page, '#a');
  assert.equal(a.count, `Showing 10 of ${videos.length}`);
  assert.deepEqual(a.titles, videos.slice(0, 10).map(i => i.title));
  // a search whose only match is on the last page
  await page.locator('#a >> [part~=filter]').selectOption('');
  const last = pages23[2].items.at(-1);
  const word = last.title.match(/example \d+/)[0];
  assert.deepEqual(items23.filter(i => norm(`${i.title} ${i.summary ?? ''}`).includes(word)), [last]);
  await page.locator('#a >> [part~=search]').fill(word.toUpperCase());
  a = await state(page, '#a');
  assert.equal(a.count, 'Showing 1 of 1');
  assert.deepEqual(a.titles, [last.title]);
  await page.locator('#a >> [part~=search]').fill('');
  assert.equal((await state(page, '#a')).count, 'Showing 10 of 600');
  // one request per page URL for both widgets (b read every page, a reused them)
  const got = server.requests(e => /objective-23\/feed/.test(e.path)).slice(before).map(e => e.path).sort();
  assert.deepEqual(got, ['/objective-23/feed.json', ...pages23.slice(0, 2).map(p => pathOf(p.next_url))].sort());
  await close();
});

test('"show more", then a search typed while the next page is on its way: the list is the first matches, as counted', async () => {
  const root = server.url('/race/');
  const [p1, p2, p3] = feedPages('objective-23', root);
  server.feed(new URL(p1.next_url).pathname, p2, { delay: 300 });
  server.feed(new URL(p2.next_url).pathname, p3, { delay: 300 });
  const { page, close } = await load(`<gcm-resources objective="23" limit="250"></gcm-resources>${script('/race/widget/v1/gcm-resources.js')}`);
  await settled(page);
  await page.evaluate(() => {
    const status = document.querySelector('gcm-resources').shadowRoot.querySelector('[part~=status]');
    window.said = [];
    new MutationObserver(() => window.said.push(status.textContent)).observe(status, { childList: true, subtree: true, characterData: true });
  });
  const matches = items23.filter(i => norm(`${i.title} ${i.summary ?? ''}`).includes('cooperation'));
  assert.equal(matches.length, 595);
  await page.locator('gcm-resources >> [part~=more]').click(); // wants 500: page 2 is needed
  await page.locator('gcm-resources >> [part~=search]').fill('COOPERATION'); // before page 2 arrives
  await countIs(page, 'Showing 500 of 595');
  await page.waitForTimeout(200);
  const s = await state(page);
  assert.equal(s.count, 'Showing 500 of 595');
  assert.deepEqual(s.titles, matches.slice(0, 500).map(i => i.title), 'the first 500 matches, in feed order');
  const said = await page.evaluate(() => window.said);
  assert.ok(!said.some(t => t === 'No results.' || /of 600$/.test(t)), `no count of a partial search: ${said}`);
  // again, but the search is cleared before the pages arrive: the larger "show more" wins, as counted
  await page.reload();
  await settled(page);
  await page.locator('gcm-resources >> [part~=more]').click();
  await page.locator('gcm-resources >> [part~=search]').fill('cooperation');
  await page.locator('gcm-resources >> [part~=search]').fill('');
  await countIs(page, 'Showing 500 of 600');
  await page.waitForTimeout(500); // page 3 arrives, the search's render ends too
  const t = await state(page);
  assert.equal(t.count, 'Showing 500 of 600');
  assert.deepEqual(t.titles, items23.slice(0, 500).map(i => i.title));
  await close();
});

test('the type list gains the types of later pages as soon as a control gets focus', async () => {
  // a copy of the 600-item feed whose last page brings a type the first pages lack
  const root = server.url('/late/');
  const [p1, p2, p3] = feedPages('objective-23', root);
  p3.items[50] = { ...p3.items[50], tags: ['Statement'], _gcm: { type: 'statement' } };
  assert.ok(!p1.items.concat(p2.items).some(i => i._gcm.type === 'statement'));
  for (const [url, p] of [[p1.feed_url, p1], [p1.next_url, p2], [p2.next_url, p3]]) server.feed(new URL(url).pathname, p);
  const { page, close } = await load(`<gcm-resources src="/late/objective-23/feed.json"></gcm-resources>${script('/late/widget/v1/gcm-resources.js')}`);
  await settled(page);
  assert.ok(!(await state(page)).options.some(o => o[0] === 'statement'));
  await page.locator('gcm-resources >> [part~=filter]').focus();
  await page.waitForFunction(() => [...document.querySelector('gcm-resources').shadowRoot.querySelector('select').options].some(o => o.value === 'statement'));
  await page.locator('gcm-resources >> [part~=filter]').selectOption('statement');
  const s = await state(page);
  assert.equal(s.count, 'Showing 1 of 1');
  assert.deepEqual(s.titles, [p3.items[50].title]);
  await close();
});

test('objective="all" reads ROOT/all/feed.json: every item once, total 808 over four pages', async () => {
  const all = feedPages('all');
  assert.equal(all[0]._gcm.total, 808);
  const { page, close } = await load(
    `<gcm-resources objective="all" limit="200"></gcm-resources><gcm-resources id="none"></gcm-resources><gcm-resources id="page" objective="all" limit="250"></gcm-resources>${script()}`
  );
  await settled(page, 'gcm-resources', 3);
  const s = await state(page);
  assert.equal(s.heading, 'GCM objectives');
  assert.equal(s.count, 'Showing 200 of 808');
  assert.equal(s.hub, 'https://migrationnetwork.un.org/');
  assert.deepEqual(s.titles, all[0].items.slice(0, 200).map(i => i.title));
  assert.equal(new Set(all.flatMap(p => p.items.map(i => i.id))).size, 808, 'every item once');
  assert.equal((await state(page, '#none')).count, 'Showing 10 of 808', 'no objective attribute: the combined feed');
  assert.equal(server.requests('/all/feed.json').length, 1, 'one request for both');
  assert.equal(server.requests(pathOf(all[0].next_url)).length, 0);
  await page.locator('gcm-resources >> [part~=more]').first().click();
  await countIs(page, 'Showing 400 of 808');
  const t = await state(page);
  assert.equal(t.count, 'Showing 400 of 808');
  assert.deepEqual(t.titles, all.flatMap(p => p.items).slice(0, 400).map(i => i.title));
  assert.equal(server.requests(pathOf(all[0].next_url)).length, 1);
  // exactly one page shown: "show more" is there for the pages left
  const p = await state(page, '#page');
  assert.deepEqual([p.count, p.moreHidden], ['Showing 250 of 808', false]);
  await page.locator('#page >> [part~=more]').click();
  await countIs(page, 'Showing 500 of 808', '#page');
  await close();
});

test('keyboard only: Tab to the controls, type a search, Enter on show more moves focus to the new items', async () => {
  const { page, close } = await load(`<button id="before">before</button><gcm-resources objective="11"></gcm-resources>${script()}`);
  await settled(page);
  const active = () =>
    page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return { part: a?.getAttribute('part'), text: a?.textContent, tag: a?.tagName };
    });
  await page.focus('#before');
  await page.keyboard.press('Tab');
  assert.equal((await active()).part, 'filter');
  await page.keyboard.press('ArrowDown'); // first type in the sorted list
  const firstType = (await state(page)).options[1];
  assert.equal(await page.locator('gcm-resources >> [part~=filter]').inputValue(), firstType[0]);
  await page.keyboard.press('Tab');
  assert.equal((await active()).part, 'search');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await active()).part, 'filter');
  await page.keyboard.press('Home');
  assert.equal(await page.locator('gcm-resources >> [part~=filter]').inputValue(), '');
  await page.keyboard.press('Tab');
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const a = await active();
    assert.equal(a.part, 'link');
    assert.equal(a.text, items[i].title);
  }
  await page.keyboard.press('Tab');
  assert.equal((await active()).part, 'more');
  await page.keyboard.press('Enter');
  const a = await active();
  assert.equal(a.part, 'link');
  assert.equal(a.text, items[10].title, 'focus on the first new item');
  assert.equal((await state(page)).count, 'Showing 20 of 213');
  // Space works on the button too
  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await active()).part, 'more');
  await page.keyboard.press('Space');
  assert.equal((await state(page)).count, 'Showing 30 of 213');
  // typing in the search box
  await page.locator('gcm-resources >> [part~=search]').focus();
  await page.keyboard.type('pledge');
  assert.match((await state(page)).count, /^Showing \d+ of \d+$/);
  assert.notEqual((await state(page)).count, 'Showing 10 of 213');
  await close();
});

test('attributes: limit, types, heading-level, src on ROOT\'s origin (absolute or relative)', async () => {
  server.feed('/custom/list.json', feed);
  const { page, close } = await load(
    `<gcm-resources id="a" objective="11" limit="5" heading-level="3"></gcm-resources>` +
      `<gcm-resources id="b" objective="11" types="pledge, VIDEO"></gcm-resources>` +
      `<gcm-resources id="c" src="${server.url('/objective-11/feed.json')}" heading-level="9"></gcm-resources>` +
      `<gcm-resources id="d" src="custom/list.json" limit="0"></gcm-resources>${script()}`,
    { path: '/list.html' }
  );
  await settled(page, 'gcm-resources', 4);
  const a = await state(page, '#a');
  assert.equal(a.titles.length, 5);
  assert.equal(a.count, 'Showing 5 of 213');
  assert.equal(a.headingTag, 'H3');
  const b = await state(page, '#b');
  assert.equal(b.count, 'Showing 10 of 65');
  assert.deepEqual(b.options.map(o => o[0]), ['', 'pledge', 'video']);
  assert.ok(b.types.every(t => t === 'Pledge' || t === 'Video'));
  const c = await state(page, '#c');
  assert.equal(c.headingTag, 'H2', 'invalid heading level falls back to 2');
  assert.equal(c.heading, 'GCM Objective 11 – Manage borders', 'heading from the feed');
  const d = await state(page, '#d');
  assert.equal(d.count, 'Showing 10 of 213', 'limit 0 falls back to 10');
  assert.equal(server.requests('/objective-11/feed.json').length >= 1, true);
  assert.equal(server.requests('/custom/list.json').length, 1);
  await close();
});

test('ROOT comes from the script URL: stable v1 or pinned name, under any prefix; one request per feed', async () => {
  for (const src of ['/acct/feeds/widget/v1/gcm-resources.js', '/acct2/feeds/widget/gcm-resources.0123456789ab.js?x=1']) {
    const prefix = src.split('widget/')[0];
    const { page, close } = await load(`<gcm-resources objective="23"></gcm-resources><gcm-resources objective="11" lang="fr"></gcm-resources>${script(src)}`, {
      path: '/site/page.html',
    });
    await settled(page, 'gcm-resources', 2);
    assert.equal(server.requests(prefix + 'objective-23/feed.json').length, 1, src);
    assert.equal(server.requests(prefix + 'objective-11/feed.json').length, 1, src);
    assert.equal((await state(page)).count, 'Showing 10 of 600', src);
    await close();
  }
});

test('the readable source behaves like the minified file', async () => {
  const { page, close } = await load(`<gcm-resources objective="11"></gcm-resources>${script('/source/widget/v1/gcm-resources.js')}`);
  await settled(page);
  const s = await state(page);
  assert.equal(s.count, 'Showing 10 of 213');
  assert.deepEqual(s.titles, items.slice(0, 10).map(i => i.title));
  await close();
});
