// The script snippet degrades cleanly: when its script is blocked or fails, the height it reserves ends and the element
// shrinks to its fallback link (no blank box); when the script runs, the widget renders as before. The published snippet
// (tests/widget/fixtures, what the C# generator writes) on a loopback server, in real headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, publishedBody, closeAll } from '../widget/helpers.mjs';

let server, browser;
before(async () => ([server, browser] = await Promise.all([startServer(), launch()])));
after(() => closeAll(browser, server));

async function open(block) {
  const root = server.url('/feeds/');
  const snippet = publishedBody('objective-11/embed.html', root);
  server.page('/partner.html', `<!DOCTYPE html><html lang="en"><title>Partner</title><main><h1>Partner</h1>${snippet}<p id="after">After</p></main>`);
  const context = await browser.newContext();
  if (block) await context.route(/gcm-resources\.[0-9a-f]{12}\.js/, r => r.abort('blockedbyclient'));
  const page = await context.newPage();
  await page.goto(server.url('/partner.html'));
  const box = () => page.evaluate(() => {
    const el = document.querySelector('gcm-resources');
    return { height: el.getBoundingClientRect().height, link: el.querySelector(':scope > a')?.getBoundingClientRect().height ?? 0, defined: !!customElements.get('gcm-resources') };
  });
  return { context, page, box };
}

test('a blocked script: the reserved height gives way to the fallback link (no blank box)', async () => {
  const { context, page, box } = await open(true);
  const early = await box();
  assert.equal(early.defined, false);
  assert.ok(early.height > 200, `height reserved while the script may still come (${early.height})`);
  await page.waitForFunction(() => document.querySelector('gcm-resources').getBoundingClientRect().height < 100, null, { timeout: 8000 });
  const late = await box();
  assert.ok(late.link > 0 && late.height <= late.link + 1, `shrunk to its link: ${JSON.stringify(late)}`);
  await context.close();
});

test('a working script: the widget is defined and renders the list as before', async () => {
  const { context, page, box } = await open(false);
  await page.waitForFunction(() => document.querySelector('gcm-resources')?.shadowRoot?.querySelectorAll('[part~=link]').length > 0, null, { timeout: 8000 });
  await page.waitForTimeout(5500);
  const b = await box();
  assert.equal(b.defined, true);
  assert.ok(b.height > 200, `the rendered list keeps its size after the fallback delay (${b.height})`);
  await context.close();
});
