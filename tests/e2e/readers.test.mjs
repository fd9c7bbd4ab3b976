// The published feeds as real readers see them, after the CLI publishes the bundled snapshot into Azurite (what a run
// in Azure publishes): Debian's feedparser (/usr/bin/python3, not the PATH's python3) and newsboat read the Atom feeds;
// the calendar day of every dated entry is read in TZ=America/Mexico_City (UTC-6) and TZ=Asia/Tokyo (UTC+9); xmllint
// checks the XML files; every published file is fetched for its Content-Type. Needs the .NET build, Azurite on
// 127.0.0.1:10000-10002, python3-feedparser, newsboat and libxml2-utils (./test.sh installs them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const run = promisify(execFile);
const here = new URL('./readers/', import.meta.url).pathname;
const cli = new URL('../../cli/bin/Debug/net10.0/hubfeed.dll', import.meta.url).pathname;
const truth = JSON.parse(readFileSync(new URL('../../seeds/snapshot/objective-11/expected.json', import.meta.url)));
const id = 'rd' + randomBytes(4).toString('hex');
const env = { ...process.env, HubFeed__Publish__Container: id, HubFeed__Catalog__TablePrefix: id };
const ZONES = ['America/Mexico_City', 'Asia/Tokyo'];
const PYTHON = '/usr/bin/python3';
let index, work;

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: build the solution first (./test.sh does)`);
  await run('dotnet', [cli, 'publish-widget'], { env, timeout: 120_000 });
  const { stdout } = await run('dotnet', [cli, 'run', '--source', 'snapshot', '--json'], { env, timeout: 120_000 });
  index = await (await fetch(JSON.parse(stdout).links.indexJson)).json();
  work = mkdtempSync(join(tmpdir(), 'hubfeed-readers-'));
});
after(() => work && rmSync(work, { recursive: true, force: true }));

const objective = n => index.objectives.find(o => o.objective === n);

/** What feedparser reads from a feed URL in a time zone. */
async function feedparser(url, tz) {
  const { stdout } = await run(PYTHON, [join(here, 'read_atom.py'), url], { env: { ...process.env, TZ: tz }, timeout: 60_000 });
  return JSON.parse(stdout);
}

/** What newsboat stores after reloading a feed URL (a fresh config, urls file and cache), read in a time zone. */
async function newsboat(url, tz) {
  const dir = mkdtempSync(join(work, 'nb-'));
  writeFileSync(join(dir, 'urls'), url + '\n');
  writeFileSync(join(dir, 'config'), '');
  const cache = join(dir, 'cache.db');
  await run('newsboat', ['-u', join(dir, 'urls'), '-c', cache, '-C', join(dir, 'config'), '-x', 'reload'], { env: { ...process.env, HOME: dir }, timeout: 60_000 });
  const { stdout } = await run(PYTHON, [join(here, 'read_newsboat.py'), cache], { env: { ...process.env, TZ: tz }, timeout: 60_000 });
  return JSON.parse(stdout);
}

const byUrl = new Map(truth.items.map(i => [i.url, i]));
const dated = truth.items.filter(i => i.date);
const newestDay = dated.map(i => i.date).sort().at(-1);

test('feedparser reads objective 11 as the Hub lists it: entries, titles, links, summaries only when real, languages, typed links', async () => {
  const o = objective(11);
  const feed = await feedparser(o.atom, 'UTC');
  assert.equal(feed.bozo, false, feed.bozo_exception);
  assert.equal(feed.version, 'atom10');
  assert.equal(feed.link, o.home_page_url, "the feed's website is the Hub's page");
  assert.equal(feed.entries.length, truth.total);
  assert.deepEqual(feed.entries.map(e => e.link).sort(), truth.items.map(i => i.url).sort());
  for (const e of feed.entries) {
    const t = byUrl.get(e.link);
    assert.equal(e.id, t.url);
    assert.equal(e.title, t.title);
    assert.equal(e.summary ?? null, t.summary, `summary of ${t.url}`);
    assert.notEqual(e.summary, e.title);
    assert.equal(e.language, t.language ?? 'en', `language of ${t.url}`);
    assert.deepEqual(e.links, [{ rel: 'alternate', type: 'text/html', hreflang: t.language ?? null }]);
  }
  assert.equal(feed.entries.filter(e => e.summary).length, truth.items.filter(i => i.summary).length);
  assert.ok(feed.entries.some(e => e.language === 'fr') && feed.entries.some(e => e.language === 'es'));
});

for (const tz of ZONES) {
  test(`feedparser in ${tz}: every dated entry on the Hub's day, undated entries undated and below the newest dated one`, async () => {
    const feed = await feedparser(objective(11).atom, tz);
    for (const e of feed.entries) {
      const t = byUrl.get(e.link);
      if (t.date) {
        assert.equal(e.published_day, t.date, `${tz} ${t.url}`);
        assert.equal(e.updated_day, t.date, `${tz} ${t.url}`);
      } else {
        assert.equal(e.published, null, `${t.url} has no published date`);
      }
    }
    // A reader sorting by date: the Hub's newest first, every undated entry below every dated one.
    const sorted = [...feed.entries].sort((a, b) => (b.published ?? b.updated) - (a.published ?? a.updated));
    assert.equal(byUrl.get(sorted[0].link).date, newestDay);
    const firstUndated = sorted.findIndex(e => !byUrl.get(e.link).date);
    assert.equal(firstUndated, dated.length, 'the undated entries come after all dated ones');
  });

  test(`newsboat in ${tz}: the Hub's page as website, every article on the Hub's day, newest first, none repeating its title`, async () => {
    const o = objective(11);
    const nb = await newsboat(o.atom, tz);
    assert.deepEqual(nb.feeds.map(f => [f.rssurl, f.url]), [[o.atom, o.home_page_url]]);
    assert.equal(nb.items.length, truth.total);
    assert.equal(nb.items[0].day, newestDay);
    for (const [i, item] of nb.items.entries()) {
      const t = byUrl.get(item.url);
      assert.equal(item.title, t.title);
      assert.notEqual(item.content, item.title);
      if (t.date) assert.equal(item.day, t.date, `${tz} ${t.url}`);
      else assert.ok(i >= dated.length, `undated ${t.url} listed at ${i}, above a dated article`);
    }
  });
}

test('all/ in Atom too: feedparser and newsboat read every distinct item once, dated on its day, in its language', async () => {
  const all = index.all;
  assert.ok(all.atom && all.html, 'objectives.json names the combined Atom feed and HTML list');
  const json = await (await fetch(all.json_feed)).json();
  const days = new Map();
  for (let page = json; ; page = await (await fetch(page.next_url)).json()) {
    for (const item of page.items) days.set(item.url, item._gcm.date ?? null);
    if (!page.next_url) break;
  }
  for (const tz of ZONES) {
    const feed = await feedparser(all.atom, tz);
    assert.equal(feed.bozo, false, feed.bozo_exception);
    assert.equal(feed.entries.length, all.items);
    assert.deepEqual(feed.entries.map(e => e.link).sort(), [...days.keys()].sort());
    for (const e of feed.entries) {
      assert.equal(e.published_day, days.get(e.link), `${tz} ${e.link}`);
      assert.ok(e.language, e.link);
      assert.notEqual(e.summary, e.title);
    }
  }
  const nb = await newsboat(all.atom, 'Asia/Tokyo');
  assert.equal(nb.items.length, all.items);
  assert.equal(nb.items[0].day, [...days.values()].filter(Boolean).sort().at(-1));
});

test('every published file has its Content-Type (embed.html is HTML); the XML files are well-formed', async () => {
  const root = index.demo.replace(/demo\.html$/, '');
  const expect = {
    'objectives.json': 'application/json', 'index.html': 'text/html', 'site.css': 'text/css', 'sitemap.xml': 'application/xml', 'robots.txt': 'text/plain',
  };
  for (const o of [...index.objectives, index.all]) {
    Object.assign(expect, { [o.json_feed]: 'application/feed+json', [o.atom]: 'application/atom+xml', [o.html]: 'text/html', [o.snippet_url]: 'text/html' });
    if (o.changes_json_feed) Object.assign(expect, { [o.changes_json_feed]: 'application/feed+json', [o.changes_atom]: 'application/atom+xml' });
  }
  for (const [path, type] of Object.entries(expect)) {
    const url = path.startsWith('http') ? path : root + path;
    const r = await fetch(url);
    assert.equal(r.status, 200, url);
    assert.equal(r.headers.get('content-type'), `${type}; charset=utf-8`, url);
    if (/\.(atom|xml)$/.test(url)) {
      const file = join(work, 'check' + randomBytes(4).toString('hex') + '.xml');
      writeFileSync(file, Buffer.from(await r.arrayBuffer()));
      await run('xmllint', ['--noout', file]);
    }
  }
  const robots = await (await fetch(root + 'robots.txt')).text();
  assert.match(robots, new RegExp(`^Sitemap: ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}sitemap\\.xml$`, 'm'));
  const sitemap = await (await fetch(root + 'sitemap.xml')).text();
  for (const o of [...index.objectives, index.all]) assert.ok(sitemap.includes(`<loc>${o.html}</loc>`), o.html);
});
