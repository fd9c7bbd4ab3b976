// Shared by the widget tests: a loopback HTTP server that serves the published fixtures (what the
// C# renderers write) under any path prefix, one headless Chromium per test file, page helpers.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { publishedFiles, rooted, FIXTURE_PIN } from './fixtures/feed.mjs';

export const repo = new URL('../../', import.meta.url);
export const read = rel => readFileSync(new URL(rel, repo));
// GCM_WIDGET_JS=<file> serves another build in place of the min file (to check that a broken
// widget makes these tests fail).
export const minJs = () => (process.env.GCM_WIDGET_JS ? readFileSync(process.env.GCM_WIDGET_JS) : read('widget/gcm-resources.min.js'));
/** The immutable file name the publisher gives the script: gcm-resources.<sha256-hex-12>.js */
export const hashedName = bytes => `gcm-resources.${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.js`;
export const sri = bytes => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const TYPES = {
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json',
  atom: 'application/atom+xml; charset=utf-8', svg: 'image/svg+xml', text: 'text/plain; charset=utf-8',
  xml: 'application/xml; charset=utf-8', txt: 'text/plain; charset=utf-8',
};
// Longest first, so that …/objective-11/index.html is not taken for the root's index.html.
const FILES = [...publishedFiles].sort((a, b) => b.length - a.length);

/** A published file as the server sends it: the placeholder root and pin replaced by real ones (in
 *  a snippet's HTML the integrity value is HTML-encoded, as the C# generator writes it: + is &#x2B;;
 *  the demo page shows a snippet as text, encoded once more: &amp;#x2B;). */
export function publishedBody(rel, root) {
  const min = minJs(), integrity = sri(min);
  return rooted(rel, root)
    .replaceAll(FIXTURE_PIN.file, `widget/${hashedName(min)}`)
    .replace(/(integrity=(?:\\u0022|"))sha384-fixture/g, (_, attr) => attr + integrity.replaceAll('+', '&#x2B;'))
    .replace(/(integrity=&quot;)sha384-fixture/g, (_, attr) => attr + integrity.replaceAll('+', '&amp;#x2B;'))
    .replaceAll(FIXTURE_PIN.integrity, integrity);
}

/**
 * A loopback server. Paths, under any prefix (like a blob container's root, ROOT = origin + prefix):
 *   …/widget/v1/gcm-resources.js, …/widget/gcm-resources.<hex12>.js -> the min script (the readable
 *     source under the prefix /source/)
 *   …/<published file> (objectives.json, objective-11/feed.json, all/feed-2.<hash>.json, …) -> the
 *     fixture, its placeholder root replaced by ROOT and its placeholder pin by the min script's
 *   …/demo.html -> the published fixture (widget/demo.html with the deploy's markers filled in, by the C#
 *     renderer), like the other published files; …/demo.<other ext> -> widget/demo.<ext> (published as is)
 * plus pages and feeds registered by the test (server.page / server.route), which win.
 * Every request is logged (method, path, headers) in server.log.
 */
export async function startServer() {
  const routes = new Map();
  const log = [];
  const srv = http.createServer(async (req, res) => {
    const path = req.url.split('?')[0];
    log.push({ method: req.method, path, url: req.url, headers: req.headers, at: Date.now() });
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, {
        'Content-Type': TYPES[type] ?? type,
        'Cache-Control': 'no-store',
        'Access-Control-Allow-Origin': '*',
        ...headers,
      });
      res.end(body);
    };
    try {
      const r = routes.get(path);
      if (r) {
        if (r.delay) await new Promise(ok => setTimeout(ok, r.delay));
        if (r.destroy) return req.socket.destroy();
        return send(r.status ?? 200, r.type ?? 'html', typeof r.body === 'function' ? r.body(req) : r.body, r.headers);
      }
      let m;
      if (/\/widget\/v1\/gcm-resources\.js$|\/widget\/gcm-resources\.[0-9a-f]{12}\.js$/.test(path))
        return send(200, 'js', path.startsWith('/source/') ? read('widget/gcm-resources.js') : minJs());
      // What the deploy writes next to the pinned script (WidgetFiles.Release): its path and SRI.
      if (path.endsWith('/widget/release.json')) {
        const min = minJs();
        return send(200, 'json', JSON.stringify({ script: `widget/${hashedName(min)}`, integrity: sri(min) }));
      }
      if ((m = path.match(/\/(demo\.([a-z]+))$/)) && m[2] !== 'html' && existsSync(new URL(`widget/${m[1]}`, repo)))
        return send(200, m[2], read(`widget/${m[1]}`), server.demoHeaders);
      const rel = FILES.find(f => path.endsWith('/' + f));
      if (rel) {
        const root = `http://${req.headers.host}${path.slice(0, -rel.length)}`, ext = rel.split('.').pop();
        return send(200, ext, publishedBody(rel, root));
      }
      send(404, 'text/plain', 'not found');
    } catch (e) {
      send(500, 'text/plain', String(e));
    }
  });
  await new Promise(ok => srv.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${srv.address().port}`;
  const server = {
    origin,
    log,
    demoHeaders: {},
    url: path => origin + path,
    /** Registers a response for an exact path: { body, type, status, headers, delay, destroy }. */
    route(path, spec) {
      routes.set(path, spec);
      return origin + path;
    },
    page(path, html, headers) {
      return this.route(path, { body: html, type: 'html', headers });
    },
    /** Serves a feed object (JSON) at an exact path. */
    feed(path, feed, extra = {}) {
      return this.route(path, { type: 'json', body: JSON.stringify(feed), ...extra });
    },
    requests: pred => log.filter(e => (typeof pred === 'string' ? e.path === pred : pred(e))),
    close: () => new Promise(ok => (srv.closeAllConnections(), srv.close(ok))),
  };
  return server;
}

/** Debian's Chromium as the tests run it (Playwright here, Lighthouse's launcher in lighthouse.mjs). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Closes what a file's tests opened (a browser, a server), whichever of them started. */
export const closeAll = (...opened) => Promise.all(opened.map(o => o?.close()));

export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** A fresh context + page that records page errors, console errors, dialogs and requests. */
export async function open(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const seen = { errors: [], console: [], dialogs: [], requests: [], failed: [] };
  page.on('pageerror', e => seen.errors.push(String(e)));
  page.on('console', m => (m.type() === 'error' || m.type() === 'warning') && seen.console.push(m.text()));
  page.on('dialog', d => (seen.dialogs.push(d.message()), d.dismiss().catch(() => {})));
  page.on('request', r => seen.requests.push(r.url()));
  page.on('response', r => r.status() >= 400 && seen.failed.push(`${r.status()} ${new URL(r.url()).pathname}`));
  return { context, page, seen, close: () => context.close() };
}

/** Minimal host page. `head`/`body` are HTML strings written by the test (trusted). */
export const html = ({ lang = 'en', head = '', body = '', dir } = {}) =>
  `<!doctype html><html lang="${lang}"${dir ? ` dir="${dir}"` : ''}><head><meta charset="utf-8"><title>host page</title>${head}</head><body>${body}</body></html>`;

export const script = (src = '/widget/v1/gcm-resources.js', attrs = '') => `<script src="${src}"${attrs ? ' ' + attrs : ''}></script>`;

/** Waits until every widget matching `sel` has finished (rendered or failed). */
export async function settled(page, sel = 'gcm-resources, [data-gcm-resources]', count = 1) {
  await page.waitForFunction(
    ([s, n]) => {
      const els = [...document.querySelectorAll(s)];
      return els.length >= n && els.every(e => e.shadowRoot?.querySelector('[part~=region]')?.getAttribute('aria-busy') === 'false');
    },
    [sel, count],
    { timeout: 10000 }
  );
}

/** Texts and attributes of a rendered widget, read through its (open) shadow root. */
export const state = (page, sel = 'gcm-resources') =>
  page.evaluate(s => {
    const host = document.querySelector(s), root = host.shadowRoot, q = p => root.querySelector(`[part~=${p}]`);
    const region = q('region');
    return {
      count: q('status')?.textContent,
      heading: q('heading')?.textContent,
      headingTag: q('heading')?.tagName,
      busy: region?.getAttribute('aria-busy'),
      dir: region?.getAttribute('dir'),
      lang: region?.getAttribute('lang'),
      titles: [...root.querySelectorAll('[part~=item] > :first-child')].map(e => e.textContent),
      links: [...root.querySelectorAll('[part~=item] > :first-child')].map(e => e.localName === 'a'),
      hrefs: [...root.querySelectorAll('[part~=item] > a')].map(a => a.getAttribute('href')),
      types: [...root.querySelectorAll('[part~=type]')].map(e => e.textContent),
      // each item's Hub day (the <time datetime>, ISO 8601) and the date as the reader sees it
      dates: [...root.querySelectorAll('[part~=item]')].map(li => li.querySelector('time')?.getAttribute('datetime') ?? null),
      dateTexts: [...root.querySelectorAll('[part~=item]')].map(li => li.querySelector('time')?.textContent ?? null),
      headingLang: q('heading')?.getAttribute('lang'),
      options: [...q('filter').options].map(o => [o.value, o.textContent]),
      moreHidden: q('more')?.hidden,
      hub: q('hub-link')?.getAttribute('href'),
    };
  }, sel);

/** Waits until a widget's status line reads `text` (after an action that loads a page). */
export const countIs = (page, text, sel = 'gcm-resources') =>
  page.waitForFunction(([s, t]) => document.querySelector(s)?.shadowRoot?.querySelector('[part~=status]')?.textContent === t, [sel, text], { timeout: 10000 });
