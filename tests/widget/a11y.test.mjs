// WCAG 2.2 AA with axe-core in light, dark and Arabic RTL (and the page-inheriting default),
// plus the loading and error states' semantics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launch, open, html, script, settled, closeAll } from './helpers.mjs';
import { published } from './fixtures/feed.mjs';

let server, browser;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

before(async () => ([server, browser] = await Promise.all([startServer(), launch()])));
after(() => closeAll(browser, server));

/** axe over the whole page; violations and passes keyed by the widget (shadow host id) they are in. */
async function axe(page) {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const where = node => (Array.isArray(node.target[0]) ? node.target[0][0] : node.target[0]);
  return {
    violations: r.violations.flatMap(v => v.nodes.map(x => `${v.id}: ${JSON.stringify(x.target)} ${x.failureSummary ?? ''}`)),
    passedIn: id => new Set(r.passes.find(p => p.id === id)?.nodes.map(where) ?? []),
  };
}

// One page, one axe run per state: each widget in its own setting. The headings (in English in
// every language) name the region landmarks, so each widget reads a copy of the feed whose short
// name differs, and the error state is an unknown objective (axe landmark-unique).
const WIDGETS = {
  light: '<section class="plain"><gcm-resources id="w-light" src="/a11y/light/feed.json" theme="light"><a href="https://migrationnetwork.un.org/taxonomy/term/289">Hub</a></gcm-resources></section>',
  dark: '<section class="dark"><gcm-resources id="w-dark" src="/a11y/dark/feed.json" theme="dark" lang="fr"></gcm-resources></section>',
  rtl: '<section lang="ar" dir="rtl"><gcm-resources id="w-rtl" src="/a11y/rtl/feed.json" theme="light"></gcm-resources></section>',
  inherit: '<section class="navy"><gcm-resources id="w-inherit" src="/a11y/inherit/feed.json" lang="es"></gcm-resources></section>',
  loading: '<section><gcm-resources id="w-loading" src="/slow/objective-11/feed.json" lang="ru" theme="light"></gcm-resources></section>',
  error: '<section><gcm-resources id="w-error" objective="99" lang="zh" theme="dark"><a href="https://migrationnetwork.un.org/taxonomy/term/289">GCM Objective 11 on the Hub</a></gcm-resources></section>',
};
/** The published objective-11 feed, its short name suffixed with `name`. */
const named = name => {
  const feed = published('objective-11/feed.json', server.url('/'));
  feed._gcm.short_name += ` (${name})`;
  return feed;
};
const PAGE_CSS = 'body{margin:1rem;font:16px/1.5 system-ui,sans-serif}.plain{background:#fff;color:#111}.dark{background:#000;color:#fff}.navy{background:#0a1f44;color:#f5f5f5;color-scheme:dark}';

test('axe (WCAG 2.2 AA + best practices): 0 violations in light, dark, Arabic RTL, page-inherited, loading and error states', async () => {
  server.route('/a11y.css', { type: 'css', body: PAGE_CSS });
  let release;
  const gate = new Promise(ok => (release = ok));
  for (const name of ['light', 'dark', 'rtl', 'inherit']) server.feed(`/a11y/${name}/feed.json`, named(name));
  server.feed('/slow/objective-11/feed.json', named('loading'));
  const { page, close } = await open(browser);
  // hold the slow feed until the first axe run is done
  await page.route('**/slow/objective-11/feed.json', async route => {
    await gate;
    await route.continue();
  });
  await page.goto(server.page('/a11y.html', html({ head: '<link rel="stylesheet" href="/a11y.css">', body: `<main><h1>Host page</h1>${Object.values(WIDGETS).join('')}</main>${script()}` })));
  await settled(page, 'gcm-resources:not(#w-loading)', 5);
  // the loading state shows when the feed takes more than 100 ms
  await page.waitForFunction(() => document.querySelector('#w-loading').shadowRoot?.querySelector('section'));
  const loading = await page.evaluate(() => {
    const r = document.querySelector('#w-loading').shadowRoot;
    return {
      busy: r.querySelector('section').getAttribute('aria-busy'),
      role: r.querySelector('[part~=status]').getAttribute('role'),
      text: r.querySelector('[part~=status]').textContent,
      disabled: [r.querySelector('select').disabled, r.querySelector('input').disabled],
    };
  });
  assert.deepEqual(loading, { busy: 'true', role: 'status', text: 'Показано … из …', disabled: [true, true] });
  assert.equal(await page.locator('#w-error >> [part~=status]').textContent(), '加载失败。');

  let r = await axe(page);
  assert.deepEqual(r.violations, []);
  // the checks that matter did run inside each widget's shadow tree
  for (const [id, hosts] of Object.entries({
    'color-contrast': ['#w-light', '#w-dark', '#w-rtl', '#w-inherit', '#w-loading', '#w-error'],
    'link-name': ['#w-light', '#w-dark', '#w-rtl', '#w-inherit', '#w-error'],
    listitem: ['#w-light', '#w-dark', '#w-rtl', '#w-inherit'],
    'aria-required-children': ['#w-light', '#w-dark', '#w-rtl', '#w-inherit'],
    label: ['#w-light', '#w-dark', '#w-rtl', '#w-inherit', '#w-loading', '#w-error'],
    'aria-allowed-attr': ['#w-light', '#w-rtl', '#w-loading'],
  }))
    for (const h of hosts) assert.ok(r.passedIn(id).has(h), `${id} passed in ${h}`);

  // then loaded, expanded and filtered
  release();
  await settled(page, 'gcm-resources', 6);
  await page.locator('#w-light >> [part~=more]').click();
  await page.locator('#w-rtl >> [part~=more]').click();
  await page.locator('#w-dark >> [part~=filter]').selectOption('pledge');
  await page.locator('#w-inherit >> [part~=search]').fill('border');
  r = await axe(page);
  assert.deepEqual(r.violations, []);
  assert.ok(r.passedIn('color-contrast').has('#w-loading'));
  assert.equal(await page.locator('#w-light >> li').count(), 20);
  await close();
});

test('semantics: labelled region, heading, real list, links named by title, <time datetime>, labelled controls', async () => {
  const { page, close } = await open(browser);
  await page.goto(server.page('/sem.html', html({ body: `<gcm-resources objective="11" heading-level="3"></gcm-resources>${script()}` })));
  await settled(page);
  const snap = await page.locator('gcm-resources').ariaSnapshot();
  assert.match(snap, /- region "GCM Objective 11 – Manage borders":/);
  assert.match(snap, /- heading "GCM Objective 11 – Manage borders" \[level=3\]/);
  assert.match(snap, /- combobox "Type"/);
  assert.match(snap, /- searchbox "Search"/);
  assert.match(snap, /- status: Showing 10 of 213/);
  assert.match(snap, /- list:\n\s+- listitem:\n\s+- '?link "Protecting Migrant Children at Airports: Guidance for Airline and Border Staff"/);
  assert.match(snap, /- button "Show more"/);
  assert.match(snap, /- link "Migration Network Hub"/);
  assert.equal(await page.locator('gcm-resources >> li').count(), 10);
  const time = page.locator('gcm-resources >> time').first();
  assert.match(await time.getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}$/, 'a <time> with its machine-readable day');
  assert.match(await time.textContent(), /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/, 'and the date for a reader as its text');
  await close();
});
