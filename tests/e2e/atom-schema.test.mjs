// Every Atom document HubFeed publishes, checked by jing against HubFeed's RELAX NG schema of Atom (tests/e2e/schemas/
// atom.rnc, written from RFC 4287's sections 3 and 4): each objective's feed, all/ and the changes feeds. The CLI publishes the bundled
// snapshot into Azurite, then runs objective 11 again from a loopback copy of the Hub with one title edited and one item
// gone, so the changes feeds hold entries (changed, withdrawn) too. What RELAX NG cannot say (every entry
// links to the Hub among its other links) this test checks with xmllint. A broken copy of a feed must fail, so the check can fail.
// Needs the .NET build, Azurite on 127.0.0.1:10000-10002, jing and libxml2-utils (./test.sh installs them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publish, run, cli } from '../embed/published.mjs';

const SCHEMA = new URL('./schemas/atom.rnc', import.meta.url).pathname;
const SNAPSHOT = new URL('../../seeds/snapshot/objective-11/', import.meta.url);
const TERM = 278 + 11; // the Hub's taxonomy term of objective 11 (seeds/server/SnapshotServer.cs)
const EDITED = 'Protecting Migrant Children at Airports: Guidance for Airline & Border Staff (revised)';
let pub, work, files;

/** The Hub's listing of objective 11 as the snapshot holds it, with the first title edited and the last item gone. */
function changedHub() {
  const pages = new Map();
  for (let n = 0; n <= 21; n++) pages.set(n, readFileSync(new URL(`page-${n}.html`, SNAPSHOT), 'utf8'));
  const first = pages.get(0);
  pages.set(0, first.replace('>Protecting Migrant Children at Airports: Guidance for Airline and Border Staff</a>', `>${EDITED.replace('&', '&amp;')}</a>`));
  assert.notEqual(pages.get(0), first, 'the title to edit is on page 0');
  const last = pages.get(21), start = last.lastIndexOf('      <div class="views-row">');
  const end = last.indexOf('      </div>\n', start) + '      </div>\n'.length;
  assert.match(last.slice(start, end), /policy-brief-border-externalisation/, 'the item to withdraw is the last row');
  pages.set(21, (last.slice(0, start) + last.slice(end)).replace('211 - 213 of', '211 - 212 of'));
  // Every page's results line counts the list ("Displaying results 11 - 20 of 213").
  for (const [n, html] of pages) pages.set(n, html.replace(/( of )213</, '$1212<'));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const page = pages.get(Number(url.searchParams.get('page') ?? 0));
    if (url.pathname !== `/taxonomy/term/${TERM}` || page === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Fetches every Atom document the index names into the work folder; returns { url: file }. */
async function fetchAtoms(index) {
  const out = {};
  for (const o of [...index.objectives, index.all]) {
    for (const url of [o.atom, o.changes_atom]) {
      assert.ok(url, `objectives.json names the Atom feeds of ${o.objective ?? 'all'}`);
      const r = await fetch(url);
      assert.equal(r.status, 200, url);
      const file = join(work, url.split('/').slice(-2).join('_'));
      writeFileSync(file, Buffer.from(await r.arrayBuffer()));
      out[url] = file;
    }
  }
  return out;
}

/** jing's verdict: { ok, errors } (errors as jing prints them, one a line). */
async function jing(...paths) {
  try {
    await run('jing', ['-c', SCHEMA, ...paths], { timeout: 120_000 });
    return { ok: true, errors: '' };
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('jing is missing: test.sh installs it');
    return { ok: false, errors: e.stdout };
  }
}

const xpath = async (file, expr) => (await run('xmllint', ['--xpath', expr, file])).stdout.trim();
const atomName = n => `*[local-name()='${n}' and namespace-uri()='http://www.w3.org/2005/Atom']`;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'hubfeed-atom-'));
  pub = await publish('atom');
  const hub = await changedHub();
  try {
    const env = { ...pub.env, HubFeed__Source__Objectives: '11' };
    const { stdout } = await run('dotnet', [cli, 'run', '--source', `http://127.0.0.1:${hub.address().port}`, '--json'], { env, timeout: 120_000 });
    assert.equal(JSON.parse(stdout).succeeded, true, stdout);
  } finally {
    hub.close();
  }
  // The first publish's index names every list (the second run, of objective 11 alone, indexes only it); the names
  // are stable, so each URL serves the latest document.
  files = await fetchAtoms(pub.index);
});
after(() => work && rmSync(work, { recursive: true, force: true }));

test('the changes feeds hold the second run\'s events (so their entries are checked too)', async () => {
  const changes = Object.entries(files).filter(([url]) => url.endsWith('/objective-11/changes.atom')).map(([, f]) => f)[0];
  assert.ok(changes);
  const titles = await xpath(changes, `//${atomName('entry')}/${atomName('title')}/text()`);
  assert.match(titles, /Changed \(title\): Protecting Migrant Children at Airports: Guidance for Airline &amp; Border Staff \(revised\)/);
  assert.match(titles, /Withdrawn: Policy Brief: Border Externalisation/);
});

test('every published Atom document is valid against the RELAX NG schema of Atom (jing)', async () => {
  const paths = Object.values(files);
  assert.ok(paths.length >= 6, `objectives 11 and 12 and all/, each a feed and a changes feed (${paths.length})`);
  const verdict = await jing(...paths);
  assert.ok(verdict.ok, verdict.errors);
});

test('and what RELAX NG cannot say: the feed has one author, every entry an alternate link', async () => {
  for (const [url, file] of Object.entries(files)) {
    assert.equal(await xpath(file, `count(/${atomName('feed')}/${atomName('author')})`), '1', url);
    const entries = Number(await xpath(file, `count(//${atomName('entry')})`));
    const linked = Number(await xpath(file, `count(//${atomName('entry')}[${atomName('link')}[@rel='alternate' or not(@rel)] or ${atomName('content')}])`));
    assert.equal(linked, entries, `${url}: every entry links to the Hub`);
  }
});

test('each feed links its other format and the Hub\'s page, each alternate typed, the Hub\'s page last (newsboat takes the last as the website)', async () => {
  for (const [url, file] of Object.entries(files)) {
    const types = (await xpath(file, `/${atomName('feed')}/${atomName('link')}[@rel='alternate' or not(@rel)]/@type`))
      .split('\n').map(t => t.trim().replace(/^type="(.*)"$/, '$1'));
    assert.deepEqual(types, ['application/feed+json', 'text/html'], url);
    const hubPage = await xpath(file, `string(/${atomName('feed')}/${atomName('link')}[@type='text/html']/@href)`);
    assert.match(hubPage, /^https:\/\/migrationnetwork\.un\.org\//, url);
  }
});

test('jing refuses a broken copy (an entry without its id, a Hub day that is not a date-time, a feed without its author): the check can fail', async () => {
  const feed = readFileSync(Object.values(files)[0], 'utf8');
  const noId = join(work, 'broken-id.atom'), badDate = join(work, 'broken-date.atom');
  writeFileSync(noId, feed.replace(/(<entry[^>]*>.*?)<id>[^<]*<\/id>/s, '$1'));
  writeFileSync(badDate, feed.replace(/<published>(\d{4}-\d\d-\d\d)T[^<]*<\/published>/, '<published>$1</published>'));
  const noAuthor = join(work, 'broken-author.atom');
  writeFileSync(noAuthor, feed.replace(/<author>.*?<\/author>/s, ''));
  for (const file of [noId, badDate, noAuthor]) {
    assert.notEqual(readFileSync(file, 'utf8'), feed, `${file} differs from the feed`);
    const verdict = await jing(file);
    assert.equal(verdict.ok, false, file);
    assert.match(verdict.errors, /error/, file);
  }
});
