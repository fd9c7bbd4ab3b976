// The demo and embed-code page: strict CSP, relative script URL, favicon and description, an objective
// picker built from ROOT/objectives.json (exactly what is published), a live preview, the snippet of
// the C# generator with only the picked attributes added (checked against the CLI's own output), copy,
// no layout shift, axe; and the snippet works on a host page (pinned script, SRI enforced).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launch, open, html, read, repo, minJs, hashedName, sri, settled, state, publishedBody, closeAll } from './helpers.mjs';
import { published } from './fixtures/feed.mjs';
import { readFileSync } from 'node:fs';

let server, browser;
const ROOT = '/devstoreaccount1/feeds/';
const index = published('objectives.json');

before(async () => ([server, browser] = await Promise.all([startServer(), launch()])));
after(() => closeAll(browser, server));

function watch() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.__cls = 0;
  new PerformanceObserver(l => {
    for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

async function openDemo(ctx = {}, root = ROOT, { render = true } = {}) {
  const p = await open(browser, ctx);
  await p.page.addInitScript(watch);
  await p.page.goto(server.url(root + 'demo.html'));
  await p.page.waitForFunction(() => document.documentElement.dataset.ready);
  if (render) await settled(p.page, '#preview gcm-resources');
  return p;
}

/** Sets the demo's options: { objective, lang, limit, types: [], theme, level, lazy }. */
async function pick(page, o) {
  if (o.objective) await page.selectOption('#objective', o.objective);
  await page.selectOption('#lang', o.lang ?? '');
  await page.fill('#limit', String(o.limit ?? 10));
  for (const box of await page.locator('input[name=types]').all()) await box.setChecked((o.types ?? []).includes(await box.getAttribute('value')));
  await page.selectOption('#theme', o.theme ?? '');
  await page.selectOption('#heading-level', String(o.level ?? 2));
  await page.setChecked('#lazy', !!o.lazy);
  return page.inputValue('#snippet');
}

test('demo.html (as the deploy publishes it): relative script URL, own files only, no inline code, a description, a same-origin favicon, no objective list', () => {
  const src = publishedBody('demo.html', server.url(ROOT));
  const scripts = [...src.matchAll(/<script\b([^>]*)>/g)].map(m => m[1]);
  assert.deepEqual(scripts.map(a => a.match(/\ssrc="([^"]+)"/)?.[1]), ['widget/v1/gcm-resources.js', 'demo.js']);
  assert.ok(!/<script\b[^>]*>[^<\s]/.test(src), 'no inline script body');
  assert.ok(!/<style\b/i.test(src) && !/\sstyle=/i.test(src), 'no <style>, no style=""');
  assert.ok(!/\son[a-z]+=/i.test(src), 'no inline handlers');
  assert.deepEqual([...src.matchAll(/<link\b[^>]*href="([^"]+)"/g)].map(m => m[1]), ['demo.svg', 'demo.css']);
  assert.ok(existsSync(new URL('widget/demo.svg', repo)), 'the favicon is a demo.* file: the deploy publishes it');
  assert.match(src, /<meta name="description" content="[^"]{50,160}">/);
  assert.match(src, /http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';[^"]*require-trusted-types-for 'script'"/);
  assert.match(src, /<select id="objective"[^>]*><\/select>/, 'the objectives come from objectives.json only');
  // The objective the page names is that of the code it shows without JavaScript (in <noscript> and the code box) only.
  const picker = src.replace(/<noscript>[\s\S]*?<\/noscript>|<textarea\b[\s\S]*?<\/textarea>/g, '');
  assert.ok(/Manage borders/.test(src) && !/Manage borders|data-term/.test(picker));
  const js = read('widget/demo.js').toString();
  assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(js));
  assert.ok(!/crypto|digest|createElement\(['"]script/.test(js), 'no hashing, no script element built here');
  // '<script' appears only in comments and in the shape a published snippet must have (checked, never built).
  const scriptLines = js.split('\n').filter(l => l.includes('<script') && !l.trim().startsWith('//'));
  assert.deepEqual(scriptLines.map(l => l.trim().split(' = ')[0]), ['const SHAPE'], 'no script tags built here');
  const css = read('widget/demo.css').toString();
  assert.ok(css.includes(read('widget/README.md').toString().match(/<!-- reserve-css -->\s*```css\n(.*)\n```/)[1]), 'demo.css carries the documented reserve CSS');
});

test('demo under its own strict CSP: no violation, no failed request, a clean console, CLS 0, axe clean', async () => {
  const slow = '/slow/feeds/';
  server.route(slow + 'objective-11/feed.json', { type: 'json', delay: 300, body: publishedBody('objective-11/feed.json', server.url(slow)) });
  const { page, seen, close } = await openDemo({}, slow);
  const s = await state(page, '#preview gcm-resources');
  assert.equal(s.count, 'Showing 10 of 213');
  await page.evaluate(() => new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok))));
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.failed, [], 'every request succeeded');
  assert.deepEqual(seen.console, [], 'no console error or warning (favicon included)');
  assert.ok(seen.requests.includes(server.url(slow + 'demo.svg')), 'the favicon was loaded');
  assert.equal(server.requests(slow + 'favicon.ico').length, 0);
  assert.equal(await page.evaluate(() => window.__cls), 0);
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  assert.deepEqual(r.violations.map(v => v.id), []);
  // control: the meta CSP is enforced (an inline style is reported)
  await page.evaluate(() => document.head.append(Object.assign(document.createElement('style'), { textContent: 'p{}' })));
  await page.waitForFunction(() => window.__csp.length > 0);
  await close();
});

test('the picker offers exactly the published objectives (and "All objectives" only when all/ is published)', async () => {
  let { page, close } = await openDemo();
  const options = () => page.$$eval('#objective option', os => os.map(o => [o.value, o.textContent]));
  assert.deepEqual(await options(), [...index.objectives.map(o => [String(o.objective), `${o.objective}. ${o.short_name}`]), ['all', 'All objectives']]);
  assert.deepEqual(await options(), [['11', '11. Manage borders'], ['23', '23. International cooperation'], ['all', 'All objectives']]);
  assert.equal((await state(page, '#preview gcm-resources')).heading, 'GCM Objective 11 – Manage borders');
  await close();
  // another container publishes objective 23 only, without the combined feed
  const only = '/only23/feeds/';
  const one = JSON.parse(publishedBody('objectives.json', server.url(only)));
  one.objectives = one.objectives.filter(o => o.objective === 23);
  delete one.all;
  server.feed(only + 'objectives.json', one);
  ({ page, close } = await openDemo({}, only));
  assert.deepEqual(await options(), [['23', '23. International cooperation']]);
  assert.equal((await state(page, '#preview gcm-resources')).count, 'Showing 10 of 600');
  assert.equal(await page.inputValue('#snippet'), one.objectives[0].snippet);
  await close();
  // no objectives.json: no picker entries, no code, a message
  const none = '/none/feeds/';
  server.route(none + 'objectives.json', { status: 404, type: 'text/plain', body: 'no' });
  ({ page, close } = await openDemo({}, none, { render: false }));
  assert.deepEqual(await options(), []);
  assert.equal(await page.inputValue('#snippet'), '');
  assert.match(await page.textContent('#objectives-status'), /could not be loaded/);
  await close();
});

test('the demo offers only snippets that load the script the deploy published (widget/release.json), never one the app wrote', async () => {
  const root = '/tampered/feeds/';
  const served = JSON.parse(publishedBody('objectives.json', server.url(root)));
  const good = served.objectives[0].snippet;
  const hostile = [
    good.replace(/src="[^"]*"/, 'src="https://evil.example/gcm-resources.js"'),
    good.replace(/integrity="[^"]*"/, 'integrity="sha384-AAAA"'),
    good.replace(/ integrity="[^"]*" crossorigin="anonymous"/, ''),
    good.replace('</gcm-resources>\n', '</gcm-resources>\n<img src=x onerror=alert(1)>\n'),
    good.replace(/<a href="[^"]*"/, '<a href="javascript:alert(1)"'),
    good + '<script src="https://evil.example/x.js"></script>\n',
  ];
  for (const snippet of hostile) {
    assert.notEqual(snippet, good);
    served.objectives[0].snippet = snippet;
    server.feed(root + 'objectives.json', served);
    const { page, close } = await openDemo({}, root);
    assert.equal(await page.inputValue('#snippet'), '', snippet);
    assert.match(await page.textContent('#objectives-status'), /does not load the widget this site deployed/);
    await close();
  }
  served.objectives[0].snippet = good;
  server.feed(root + 'objectives.json', served);
  let { page, close } = await openDemo({}, root);
  assert.equal(await page.inputValue('#snippet'), good, 'the snippet that loads the deployed script is offered');
  await close();
  // Without the deploy's release note, no code at all.
  const bare = '/norelease/feeds/';
  server.route(bare + 'widget/release.json', { status: 404, type: 'text/plain', body: 'no' });
  ({ page, close } = await openDemo({}, bare, { render: false }));
  assert.equal(await page.inputValue('#snippet'), '');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), 'failed');
  await close();
});

test('options drive the preview and the snippet (the published one, attributes added); copy puts it on the clipboard', async () => {
  const { context, page, close } = await openDemo({ permissions: ['clipboard-read', 'clipboard-write'] });
  const served = JSON.parse(publishedBody('objectives.json', server.url(ROOT)));
  const min = minJs();
  let code = await page.inputValue('#snippet');
  assert.equal(code, served.objectives[0].snippet, 'no option: the published snippet as it is');
  const integrity = sri(min).replaceAll('+', '&#x2B;'); // HTML-encoded, as the C# generator writes it
  assert.ok(code.startsWith(`<script src="${server.url(ROOT)}widget/${hashedName(min)}" integrity="${integrity}" crossorigin="anonymous" async></script>\n`), code);

  code = await pick(page, { objective: '23', lang: 'ar', limit: 3, theme: 'dark', level: 3, lazy: true });
  await settled(page, '#preview gcm-resources');
  const s = await state(page, '#preview gcm-resources');
  assert.equal(s.dir, 'rtl');
  assert.equal(s.titles.length, 3);
  assert.equal(s.headingTag, 'H3');
  assert.equal(s.heading, 'GCM Objective 23 – International cooperation', 'the heading stays in English (no authoritative translation)');
  assert.equal(code, served.objectives[1].snippet.replace('<gcm-resources objective="23"', '<gcm-resources objective="23" lang="ar" limit="3" theme="dark" heading-level="3" loading="lazy"'));
  assert.equal(server.requests(ROOT + 'objective-23/feed.json').length, 1, 'one request per feed across re-renders');

  code = await pick(page, { objective: 'all', types: ['pledge', 'video'] });
  await settled(page, '#preview gcm-resources');
  assert.match((await state(page, '#preview gcm-resources')).count, /^Showing 10 of \d+$/);
  assert.equal(code, served.all.snippet.replace('objective="all"', 'objective="all" types="pledge,video"'));

  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.inputValue('#snippet'));
  await context.clearPermissions();
  await close();
});

// The C# generator, run as the lead's CLI does it (no network): `hubfeed snippet …`. The widget folder
// it hashes is a copy of the script this server serves, so both name the same pinned file.
const cli = fileURLToPath(new URL('cli/bin/Debug/net10.0/hubfeed.dll', repo));
function snippetCli(args, widgetDir) {
  return new Promise((ok, fail) =>
    execFile('dotnet', [cli, 'snippet', ...args], { env: { ...process.env, HubFeed__Publish__WidgetDirectory: widgetDir, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' }, timeout: 60000 }, (e, out, err) =>
      e ? fail(new Error(`hubfeed snippet ${args.join(' ')}: ${err || e.message}`)) : ok(out)
    )
  );
}

test('the demo\'s code equals the C# generator\'s (hubfeed snippet) for several option sets', async () => {
  assert.ok(existsSync(cli), `${cli} is missing: build it with \`dotnet build cli -v q\` (./test.sh builds the solution first)`);
  const dir = mkdtempSync(join(tmpdir(), 'gcm-widget-'));
  writeFileSync(join(dir, 'gcm-resources.min.js'), minJs());
  const { page, close } = await openDemo();
  try {
    const root = server.url(ROOT);
    const cases = [
      [{ objective: '11' }, []],
      [{ objective: '11', lang: 'fr', limit: 5, types: ['pledge', 'video'], theme: 'dark', level: 3, lazy: true }, ['--lang', 'fr', '--limit', '5', '--types', 'pledge,video', '--theme', 'dark', '--heading-level', '3', '--lazy']],
      [{ objective: '11', limit: 25, theme: 'auto' }, ['--limit', '25', '--theme', 'auto']],
      [{ objective: '23', lang: 'zh', types: ['resource', 'practice', 'event'], level: 6 }, ['--lang', 'zh', '--types', 'resource,practice,event', '--heading-level', '6']],
      [{ objective: 'all', lang: 'ar', lazy: true }, ['--lang', 'ar', '--lazy']],
    ];
    const want = await Promise.all(cases.map(([o, args]) => snippetCli(['--objective', o.objective, '--public-base-url', root, ...args], dir)));
    // the server's objectives.json carries, for objective 11, what the CLI prints without options
    assert.equal(JSON.parse(publishedBody('objectives.json', root)).objectives.find(o => o.objective === 11).snippet, want[0]);
    for (let i = 0; i < cases.length; i++) assert.equal(await pick(page, cases[i][0]), want[i], JSON.stringify(cases[i][0]));
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the generated snippet works on a host page: pinned URL with SRI loads; a wrong hash is refused', async () => {
  const { page, close } = await openDemo({}, ROOT, { render: false });
  const code = await page.inputValue('#snippet');
  await close();
  // host on another origin (a second server) so the script, SRI and feed are all cross-origin
  const host = await startServer();
  try {
    for (const [name, snippet, works] of [
      ['pinned', code, true],
      ['tampered', code.replace(/integrity="sha384-./, m => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A')), false],
    ]) {
      const p = await open(browser);
      await p.page.goto(host.page(`/${name}.html`, html({ body: `<main><h1>Partner site</h1>${snippet}</main>` })));
      if (works) {
        await settled(p.page);
        assert.equal((await state(p.page)).count, 'Showing 10 of 213', name);
      } else {
        await p.page.waitForLoadState('load');
        await p.page.waitForTimeout(300);
        assert.equal(await p.page.evaluate(() => !!customElements.get('gcm-resources')), false, 'SRI blocked the script');
        assert.equal(await p.page.locator('gcm-resources > a').isVisible(), true, 'the no-JS fallback link shows');
      }
      await p.close();
    }
  } finally {
    await host.close();
  }
});

test('the demo offers the three embed forms, each with where it works, each equal to `hubfeed snippet --form X`', async () => {
  assert.ok(existsSync(cli), `${cli} is missing: build it with \`dotnet build cli -v q\``);
  const dir = mkdtempSync(join(tmpdir(), 'gcm-widget-'));
  writeFileSync(join(dir, 'gcm-resources.min.js'), minJs());
  const { page, close } = await openDemo();
  try {
    const root = server.url(ROOT);
    const forms = [['snippet', 'script', /own site.*Content Security Policy/s], ['iframe_snippet', 'iframe', /CMS that allows iframes/], ['paste_url', 'url', /oEmbed, WordPress included, for every role/]];
    assert.deepEqual(await page.locator('input[name=form]').evaluateAll(l => l.map(i => i.value)), forms.map(f => f[0]));
    for (const objective of ['11', 'all']) {
      await pick(page, { objective });
      for (const [value, cliForm, where] of forms) {
        await page.check(`input[name=form][value=${value}]`);
        const radio = page.locator(`input[name=form][value=${value}]`);
        const help = await page.locator('#' + (await radio.getAttribute('aria-describedby'))).innerText();
        assert.match(help, where, value);
        const want = await snippetCli(['--objective', objective, '--form', cliForm, '--public-base-url', root], dir);
        assert.ok(want.length > 10, 'the CLI printed code');
        assert.equal(await page.inputValue('#snippet'), want, `${objective} ${cliForm}`);
      }
    }
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// The deploy fills widget/demo.html's markers with the default list's code (shared/Rendering/DemoPageRenderer.cs):
// without JavaScript the page shows objective 11's code in each form, exactly objectives.json's.
const FORMS = [['snippet', 'Script'], ['iframe_snippet', 'Iframe'], ['paste_url', 'URL to paste']];
const hostileDir = new URL('./fixtures/hostile/', import.meta.url);
const hostile = { page: readFileSync(new URL('demo.html', hostileDir), 'utf8'), forms: JSON.parse(readFileSync(new URL('forms.json', hostileDir), 'utf8')) };

/** The code texts a page shows with JavaScript off: the textarea's value and each <pre>'s text. */
async function codesWithoutJs(url) {
  const { page, seen, close } = await open(browser, { javaScriptEnabled: false });
  try {
    await page.goto(url);
    return {
      textarea: await page.inputValue('#snippet'),
      pres: await page.locator('.static-code pre').evaluateAll(l => l.map(p => p.textContent)),
      headings: await page.locator('.static-code h3').allTextContents(),
      note: await page.locator('.static-code p').first().textContent(),
      visible: await page.locator('.static-code').isVisible(),
      scripts: await page.locator('script').count(),
      images: await page.locator('img').count(),
      seen,
    };
  } finally {
    await close();
  }
}

test('with JavaScript off, the published demo shows objective 11\'s code in each form, exactly objectives.json\'s', async () => {
  const o11 = JSON.parse(publishedBody('objectives.json', server.url(ROOT))).objectives.find(o => o.objective === 11);
  const shown = await codesWithoutJs(server.url(ROOT + 'demo.html'));
  assert.match(o11.snippet, /^<script src="http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/feeds\/widget\/gcm-resources\.[0-9a-f]{12}\.js" integrity="sha384-/);
  assert.equal(shown.textarea, o11.snippet, 'the code box holds the default form (the script)');
  assert.ok(shown.visible);
  assert.deepEqual(shown.headings, FORMS.map(f => f[1]));
  assert.deepEqual(shown.pres, FORMS.map(([key]) => o11[key]));
  assert.deepEqual(shown.seen.dialogs, []);
});

test('with JavaScript off, hostile text in the list\'s name stays text: no script, no image, every code exact', async () => {
  const url = server.page('/hostile/feeds/demo.html', hostile.page);
  const shown = await codesWithoutJs(url);
  assert.match(hostile.forms.title, /<\/textarea><\/code><\/pre><script>alert\(1\)/, 'the control: the name is hostile');
  assert.ok(shown.note.includes(hostile.forms.title), 'the name is shown as text');
  assert.equal(shown.textarea, hostile.forms['embed:script']);
  assert.deepEqual(shown.pres, ['embed:script', 'embed:iframe', 'embed:url'].map(k => hostile.forms[k]));
  assert.equal(shown.scripts, 2, 'only the template\'s scripts (the widget and demo.js)');
  assert.equal(shown.images, 0);
  assert.deepEqual(shown.seen.dialogs, []);
});

/** What w3m (a text browser: no JavaScript) shows of a page. */
const w3m = url =>
  new Promise((ok, fail) =>
    execFile('w3m', ['-dump', '-cols', '100', '-O', 'UTF-8', '-o', 'display_charset=UTF-8', url], { encoding: 'utf8', timeout: 30000 }, (e, out, err) =>
      e ? fail(new Error(`w3m ${url}: ${err || e.message}`)) : ok(out)
    )
  );

test('in w3m -dump, the published demo shows objective 11\'s code in each form, every line exact; hostile text stays text', async () => {
  const o11 = JSON.parse(publishedBody('objectives.json', server.url(ROOT))).objectives.find(o => o.objective === 11);
  const dump = (await w3m(server.url(ROOT + 'demo.html'))).split('\n');
  for (const [key] of FORMS) {
    const lines = o11[key].trimEnd().split('\n');
    const at = dump.indexOf(lines[0]);
    assert.ok(at >= 0, `${key}: ${lines[0]} is a line of the dump`);
    assert.deepEqual(dump.slice(at, at + lines.length), lines, key);
  }
  assert.ok(o11.snippet.split('\n')[1].length > 100, 'the control: a line longer than the dump is wide is shown whole');
  const bad = await w3m(server.page('/hostile/feeds/demo.html', hostile.page));
  const name = '</textarea></code></pre><script>alert(1)</script><img src=x onerror=alert(2)>';
  assert.ok(hostile.forms.title.includes(name) && bad.includes(name), 'the hostile name is shown as text');
  for (const k of ['embed:script', 'embed:iframe', 'embed:url']) for (const line of hostile.forms[k].trimEnd().split('\n')) assert.ok(bad.split('\n').includes(line), line);
});

test('axe finds nothing on the demo as a browser without JavaScript shows it (its <noscript> content, no script run)', async () => {
  // Playwright cannot run axe in a page with JavaScript off, so the page is shown as such a browser would: the
  // published demo with its scripts removed and its <noscript> content in place, beside its own files.
  const published = await (await fetch(server.url(ROOT + 'demo.html'))).text();
  assert.match(published, /<noscript>/, 'the control: the page has a no-JavaScript part');
  const withoutJs = published
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<noscript>/g, '<div data-noscript>').replace(/<\/noscript>/g, '</div>');
  const { page, close } = await open(browser);
  try {
    await page.goto(server.page('/nojs' + ROOT + 'demo.html', withoutJs));
    assert.equal(await page.locator('script').count(), 0);
    assert.ok(await page.locator('.static-code pre').first().isVisible(), 'the three forms show');
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    assert.deepEqual(r.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`), []);
  } finally {
    await close();
  }
});

test('with JavaScript off the demo still shows a preview (the embed page in a frame)', async () => {
  const { page, close } = await open(browser, { javaScriptEnabled: false });
  try {
    await page.goto(server.url(ROOT + 'demo.html'));
    const frame = page.locator('iframe.frame');
    await frame.waitFor({ state: 'visible' });
    assert.equal(await frame.getAttribute('src'), 'objective-11/frame.html');
    const inner = page.frameLocator('iframe.frame');
    await inner.locator('a[href^="http"]').first().waitFor({ state: 'visible' });
    assert.ok((await inner.locator('body').innerText()).length > 50, 'the frame shows the list');
  } finally {
    await close();
  }
});
