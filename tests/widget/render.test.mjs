// The widget renders the published snapshot feed and does what users expect of it:
// filter by type, search, show more, keyboard use, configuration attributes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, open, html, script, settled, state } from './helpers.mjs';
import { snapshotFeed } from './fixtures/feed.mjs';

let server, browser;
const feed = snapshotFeed();
const items = feed.items;
const norm = s => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function load(body, { head = '', lang = 'en', path = '/t/' + Math.random().toString(36).slice(2) } = {}) {
  const p = await open(browser);
  await p.page.goto(server.page(path, html({ lang, head, body })));
  return p;
}

test('renders the 213-item snapshot feed: first 10, count, titles, links, dates', async () => {
  assert.equal(items.length, 213, 'fixture is the snapshot (seeds/snapshot/objective-11/expected.json)');
  const { page, seen, close } = await load(
    `<gcm-resources objective="11"><a href="https://migrationnetwork.un.org/taxonomy/term/289">Objective 11 on the Hub</a></gcm-resources>${script()}`
  );
  await settled(page);
  const s = await state(page);
  assert.equal(s.count, 'Showing 10 of 213');
  assert.deepEqual(s.titles, items.slice(0, 10).map(i => i.title));
  assert.deepEqual(s.hrefs, items.slice(0, 10).map(i => i.url));
  assert.deepEqual(s.types, items.slice(0, 10).map(i => i._gcm.type_label));
  assert.equal(s.heading, 'Resources for GCM Objective 11');
  assert.equal(s.headingTag, 'H2');
  assert.equal(s.hub, feed.home_page_url);
  assert.equal(s.moreHidden, false);
  const dates = await page.$$eval('gcm-resources >> [part~=item]', lis =>
    lis.map(li => li.querySelector('time')?.getAttribute('datetime') ?? null)
  );
  assert.deepEqual(dates, items.slice(0, 10).map(i => i._gcm.date ?? null));
  // the first item's date, formatted by Intl in English
  assert.equal(await page.locator('gcm-resources >> time').first().textContent(), 'Jan 29, 2026');
  assert.deepEqual(seen.errors, []);
  await close();
});

test('filter by type: a select built from the types present', async () => {
  const { page, close } = await load(`<gcm-resources objective="11"></gcm-resources>${script()}`);
  await settled(page);
  const counts = {};
  for (const i of items) counts[i._gcm.type] = (counts[i._gcm.type] ?? 0) + 1;
  const s = await state(page);
  assert.deepEqual(s.options[0], ['', 'All types']);
  assert.deepEqual(s.options.slice(1).map(o => o[0]).sort(), Object.keys(counts).sort());
  const labels = s.options.slice(1).map(o => o[1]);
  assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b)), 'options sorted by label');

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
  assert.equal(t.count, 'No matching resources.');
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
  assert.equal(t.titles.length, 213);
  assert.equal(t.count, 'Showing 213 of 213');
  assert.equal(t.moreHidden, true);
  assert.deepEqual(t.titles, items.map(i => i.title));
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

test('attributes: limit, types, heading-level, src', async () => {
  server.route('/custom/list.json', { body: JSON.stringify(feed), type: 'json' });
  const { page, close } = await load(
    `<gcm-resources id="a" objective="11" limit="5" heading-level="3"></gcm-resources>` +
      `<gcm-resources id="b" objective="11" types="pledge, VIDEO"></gcm-resources>` +
      `<gcm-resources id="c" src="/feeds/objective-11/feed.json" heading-level="9"></gcm-resources>` +
      `<gcm-resources id="d" src="/custom/list.json"></gcm-resources>${script()}`
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
  assert.equal(c.heading, 'Resources for GCM Objective 11', 'objective number read from the src path');
  const d = await state(page, '#d');
  assert.equal(d.heading, 'Resources');
  assert.equal(d.count, 'Showing 10 of 213');
  assert.equal(server.requests('/feeds/objective-11/feed.json').length, 1);
  assert.equal(server.requests('/custom/list.json').length, 1);
  await close();
});

test('feed URL rule: ROOT from the script URL, objective from the attribute or the embed path', async () => {
  const { page, close } = await load(
    `<gcm-resources id="a" objective="3"></gcm-resources><gcm-resources id="b"></gcm-resources>` +
      script('/devstoreaccount1/feeds/objective-7/embed.js'),
    { path: '/site/page.html' }
  );
  await settled(page, 'gcm-resources', 2);
  assert.equal(server.requests('/devstoreaccount1/feeds/objective-3/feed.json').length, 1);
  assert.equal(server.requests('/devstoreaccount1/feeds/objective-7/feed.json').length, 1);
  assert.equal((await state(page, '#a')).heading, 'Resources for GCM Objective 3');
  assert.equal((await state(page, '#b')).heading, 'Resources for GCM Objective 7');
  await close();

  const hashed = await load(`<gcm-resources></gcm-resources>${script('/acct/feeds/widget/gcm-resources.0123456789ab.js?x=1')}`);
  await settled(hashed.page);
  assert.equal(server.requests('/acct/feeds/objective-11/feed.json').length, 1, 'default objective 11 under the versioned URL');
  assert.equal((await state(hashed.page)).count, 'Showing 10 of 213');
  await hashed.close();
});

test('the readable source behaves like the minified file', async () => {
  const { page, close } = await load(`<gcm-resources objective="11"></gcm-resources>${script('/widget/dev/gcm-resources.js')}`);
  await settled(page);
  const s = await state(page);
  assert.equal(s.count, 'Showing 10 of 213');
  assert.deepEqual(s.titles, items.slice(0, 10).map(i => i.title));
  await close();
});
