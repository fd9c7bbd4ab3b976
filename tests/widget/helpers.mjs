// Shared by the widget tests: a loopback HTTP server that mimics the published blob layout,
// one headless Chromium per test file, and small page helpers.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { snapshotFeed, buildFeed, syntheticRows } from './fixtures/feed.mjs';

export const repo = new URL('../../', import.meta.url);
export const read = rel => readFileSync(new URL(rel, repo));
// GCM_WIDGET_JS=<file> serves another build in place of the min file (to check that a broken
// widget makes these tests fail).
export const minJs = () => (process.env.GCM_WIDGET_JS ? readFileSync(process.env.GCM_WIDGET_JS) : read('widget/gcm-resources.min.js'));
/** The immutable file name the publisher gives the script: gcm-resources.<sha256-hex-12>.js */
export const hashedName = bytes => `gcm-resources.${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.js`;
export const sri = bytes => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json' };

/**
 * A loopback server. Paths (under any prefix, like a blob container root):
 *   …/widget/v1/gcm-resources.js, …/widget/gcm-resources.<hex12>.js, …/objective-<n>/embed.js -> the min script
 *   …/widget/dev/gcm-resources.js -> the readable source
 *   …/objective-<n>/feed.json -> the snapshot feed (n = 11) or 5 synthetic items (other n)
 *   …/demo.html|demo.js|demo.css -> widget/demo.*
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
      if (/\/widget\/v1\/gcm-resources\.js$|\/widget\/gcm-resources\.[0-9a-f]{12}\.js$|\/objective-\d+\/embed\.js$/.test(path))
        return send(200, 'js', minJs());
      if (path.endsWith('/widget/dev/gcm-resources.js')) return send(200, 'js', read('widget/gcm-resources.js'));
      if ((m = path.match(/^(.*\/)objective-(\d+)\/feed\.json$/))) {
        const root = `http://${req.headers.host}${m[1]}`, objective = +m[2];
        const feed = objective === 11 ? snapshotFeed({ root }) : buildFeed([...syntheticRows(5)], { root, objective });
        return send(200, 'json', JSON.stringify(feed));
      }
      if ((m = path.match(/\/(demo\.(html|js|css))$/))) return send(200, m[2], read(`widget/${m[1]}`), server.demoHeaders);
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
    requests: pred => log.filter(e => (typeof pred === 'string' ? e.path === pred : pred(e))),
    close: () => new Promise(ok => (srv.closeAllConnections(), srv.close(ok))),
  };
  return server;
}

export const launch = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });

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
      hrefs: [...root.querySelectorAll('[part~=item] > a')].map(a => a.getAttribute('href')),
      types: [...root.querySelectorAll('[part~=type]')].map(e => e.textContent),
      options: [...q('filter').options].map(o => [o.value, o.textContent]),
      moreHidden: q('more')?.hidden,
      hub: q('hub-link')?.getAttribute('href'),
    };
  }, sel);
