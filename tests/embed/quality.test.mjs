// The embed page's quality as published (tests/widget/fixtures, what the C# renderers write): Lighthouse 1.0 in all four
// categories, axe 0 (light, dark, Arabic RTL), and its strings are the widget's own (one translation, two copies).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, launch } from '../widget/helpers.mjs';
import { audit, launchChrome } from '../widget/lighthouse.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
let server, chrome, browser;

before(async () => {
  [server, chrome, browser] = await Promise.all([startServer(), launchChrome(), launch()]);
});
after(async () => {
  await browser?.close();
  await chrome?.kill();
  await server?.close();
});

test('Lighthouse scores 1.0 in all four categories on the embed page (an objective and all/)', async () => {
  for (const path of ['/feeds/objective-11/frame.html', '/feeds/all/frame.fr.html']) {
    const { scores, failing } = await audit(server.url(path), chrome);
    assert.deepEqual({ scores, failing }, { scores: { performance: 1, accessibility: 1, 'best-practices': 1, seo: 1 }, failing: [] }, path);
  }
});

test('axe finds nothing on the embed page in light, dark and Arabic (RTL), and on the forwarding page', async () => {
  for (const [path, scheme] of [['/feeds/objective-11/frame.html', 'light'], ['/feeds/objective-11/frame.html?theme=dark', 'light'],
    ['/feeds/objective-23/frame.ar.html', 'dark'], ['/feeds/all/frame.zh.html', 'dark'], ['/feeds/objective-11/go.html', 'light']]) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const errors = [];
    page.on('console', m => m.type() === 'error' && errors.push(m.text()));
    await page.goto(server.url(path));
    const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    assert.deepEqual(r.violations.flatMap(v => v.nodes.map(n => `${v.id}: ${n.target}`)), [], path);
    assert.deepEqual(errors, [], `${path}: no CSP violation`);
    await context.close();
  }
});

test('the embed page\'s strings are the widget\'s own, in every UN language', () => {
  const widget = readFileSync(new URL('../../widget/gcm-resources.js', import.meta.url), 'utf8');
  const csharp = readFileSync(new URL('../../shared/Rendering/EmbedPageRenderer.cs', import.meta.url), 'utf8');
  const langs = [...csharp.matchAll(/\["(\w\w)"\] = \[([^\]]+)\]/g)].map(m => [m[1], [...m[2].matchAll(/"([^"]*)"/g)].map(x => x[1])]);
  assert.equal(langs.length, 6);
  for (const [lang, strings] of langs) {
    const line = new RegExp(`\\b${lang}: '([^']*)'`).exec(widget);
    assert.ok(line, `the widget has ${lang}`);
    const all = line[1].split('|');
    for (const s of strings) assert.ok(all.includes(s), `${lang}: "${s}" is one of the widget's strings`);
  }
});
