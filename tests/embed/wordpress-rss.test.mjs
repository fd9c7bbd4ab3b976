// WordPress's core RSS block (Debian's WordPress 6.1, tests/wordpress/wordpress.mjs) reading the Atom feed HubFeed
// publishes for objective 11: the one way a partner's Author can show the list with no embed code. An Author saves a
// post holding the block; a visitor (headless Chromium) opens it, under two site settings (time zone, language, date
// format). The block is as shipped (fetch_feed, SimplePie, date_i18n, wp_trim_words); only its HTTP API is allowed the
// loopback host and Azurite's port by the harness's test-only must-use plugin, standing in for the public host a real
// site would fetch. One WordPress and one publish serve every case.
// Needs the .NET build and Azurite on 127.0.0.1:10000-10002; run it inside `unshare -n` (it listens on loopback).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startWordPress, available } from '../wordpress/wordpress.mjs';
import { launch } from '../widget/helpers.mjs';
import { publish } from './published.mjs';

const SHOWN = 10;
const hub = JSON.parse(readFileSync(new URL('../../seeds/snapshot/objective-11/expected.json', import.meta.url)));
const hubByUrl = new Map(hub.items.map(i => [i.url, i]));

// Each case: the site's time zone (either side of UTC), its language (Debian's wordpress-l10n ships fr_FR), its date
// format, and the locale that spells a calendar day the same way. Note: WordPress 6.1's block formats a feed date with
// date_i18n, which shows its UTC wall-clock day whatever the site's zone, so here the zones guard against a later
// WordPress that converts; tests/e2e/readers.test.mjs checks the day in both zones with feedparser and newsboat.
const CASES = [
  { timezone: 'America/Mexico_City', language: '', dateFormat: 'F j, Y', locale: 'en-US' },
  { timezone: 'Asia/Tokyo', language: 'fr_FR', dateFormat: 'j F Y', locale: 'fr-FR' },
];

let wp, browser, pub, atom, catalog, postId;

before(async () => {
  assert.ok(available(), 'WordPress, MariaDB and PHP are missing: test.sh installs wordpress, mariadb-server, php-cli, php-mysql');
  // Without it the block only says "RSS Error: XML or PCRE extensions not loaded!" (the wordpress package does not need it).
  assert.equal(execFileSync('php', ['-r', 'echo extension_loaded("xml") ? "yes" : "no";'], { encoding: 'utf8' }), 'yes',
    "PHP's xml extension is missing: test.sh installs php-xml");
  [pub, wp] = await Promise.all([publish('wprss'), startWordPress({ allowHosts: ['127.0.0.1'], allowPorts: [10000] })]);
  const list = pub.lists.find(l => l.key === 11);
  atom = list.entry.atom;
  assert.match(atom, /\/objective-11\/feed\.atom$/);
  catalog = await allItems(list.feed);
  const block = { feedURL: atom, itemsToShow: SHOWN, displayDate: true, displayExcerpt: true };
  postId = await wp.post({ as: 'author', title: 'Border management reading', content: `<!-- wp:rss ${JSON.stringify(block)} /-->` });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await wp?.stop();
});

/** Every item of a published JSON Feed (the catalog as published), following next_url, in feed order. */
async function allItems(url) {
  const items = [];
  for (let page = await (await fetch(url)).json(); ; page = await (await fetch(page.next_url)).json()) {
    items.push(...page.items);
    if (!page.next_url) return items;
  }
}

/** Sets the site's time zone, language and date format (as Settings > General does). */
async function configure({ timezone, language, dateFormat }) {
  await wp.php(`require ABSPATH . 'wp-load.php';
update_option('timezone_string', ${JSON.stringify(timezone)}); update_option('gmt_offset', '');
update_option('WPLANG', ${JSON.stringify(language)}); update_option('date_format', ${JSON.stringify(dateFormat)});`);
}

/** What a visitor sees in the block: per item its title, link, date and excerpt as text. */
async function view(id) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${wp.url}/?p=${id}`);
  assert.equal(response.status(), 200);
  const error = await page.$eval('.notice-error', e => e.textContent).catch(() => null);
  assert.equal(error, null, 'the block shows no error');
  const items = await page.$$eval('ul.wp-block-rss li.wp-block-rss__item', lis => lis.map(li => ({
    title: li.querySelector('.wp-block-rss__item-title')?.textContent,
    link: li.querySelector('.wp-block-rss__item-title a')?.getAttribute('href'),
    date: li.querySelector('time.wp-block-rss__item-publish-date')?.textContent ?? null,
    excerpt: li.querySelector('.wp-block-rss__item-excerpt')?.textContent,
  })));
  const lang = await page.$eval('html', h => h.lang);
  await context.close();
  return { items, lang };
}

/** A Hub day as a reader of that locale reads it (a calendar day: no time zone moves it). */
const spell = (day, locale) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
  .format(new Date(`${day}T12:00:00Z`));

/** The excerpt the block makes of a Hub summary: tags gone, at most 55 words (its default), " […]" when cut. */
function excerptOf(summary) {
  if (!summary) return '';
  const words = summary.replace(/<[^>]*>/g, '').split(/[\n\r\t ]+/).filter(Boolean);
  return words.length > 55 ? words.slice(0, 55).join(' ') + ' […]' : words.join(' ');
}

// The Hub's newest items: dated items newest first (a stable sort: items of one day keep the catalog's order).
const newest = () => catalog.filter(i => i._gcm.date).sort((a, b) => b._gcm.date.localeCompare(a._gcm.date)).slice(0, SHOWN);

test('the catalog as published is the Hub\'s list (the truth the block is checked against)', () => {
  assert.equal(catalog.length, hub.total);
  for (const item of catalog) {
    const h = hubByUrl.get(item.url);
    assert.ok(h, item.url);
    assert.equal(item.title, h.title);
    assert.equal(item._gcm.date ?? null, h.date ?? null, item.url);
  }
  const undated = catalog.filter(i => !i._gcm.date).length;
  assert.ok(undated > 0, 'the snapshot has undated items (the ones that used to show as today)');
  assert.ok(newest().length === SHOWN && new Set(newest().map(i => i._gcm.date)).size > 1);
});

for (const c of CASES) {
  test(`as an Author's post, in ${c.timezone} (${c.language || 'en_US'}, "${c.dateFormat}"): the Hub's ${SHOWN} newest items, each on its Hub day, none repeating its title`, async () => {
    await configure(c);
    const seen = await view(postId);
    assert.equal(seen.lang, c.language ? c.language.replace('_', '-') : 'en-US', 'the site speaks the language set');
    const expected = newest();
    assert.equal(seen.items.length, SHOWN);
    // Newest first by Hub day. Items of one day have no order of their own (the Hub gives a day, the feed the same
    // 12:00 UTC): SimplePie's comparator never says "equal", so it may swap them. Per day, the same items.
    assert.deepEqual(seen.items.map(i => hubByUrl.get(i.link)?.date), expected.map(i => i._gcm.date), 'the Hub\'s newest days, newest first');
    assert.deepEqual(seen.items.map(i => i.link).sort(), expected.map(i => i.url).sort(), 'the Hub\'s newest items');
    const titles = new Map(catalog.map(i => [i.url, i.title]));
    assert.deepEqual(seen.items.map(i => i.title), seen.items.map(i => titles.get(i.link)), 'each item with its catalog title');
    const today = spell(new Date().toISOString().slice(0, 10), c.locale);
    for (const [n, item] of seen.items.entries()) {
      const hubItem = hubByUrl.get(item.link);
      assert.ok(hubItem.date, `${item.link} (shown at ${n + 1}) is dated on the Hub: no undated item on top`);
      assert.equal(item.date, spell(hubItem.date, c.locale), `the Hub's day for ${item.link}`);
      if (hubItem.date !== new Date().toISOString().slice(0, 10)) assert.notEqual(item.date, today, item.link);
      assert.notEqual(item.excerpt.trim(), item.title.trim(), `${item.link}: the excerpt is not the title again`);
      assert.equal(item.excerpt, excerptOf(hubItem.summary), `${item.link}: the excerpt is the Hub's summary, or nothing`);
    }
    assert.ok(seen.items.some(i => i.excerpt), 'the Hub\'s real summaries are shown');
  });
}
