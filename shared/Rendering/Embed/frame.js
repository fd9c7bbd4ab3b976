// The embed page's only script (its hash is in the page's CSP). Theme from ?theme=light|dark; inside a frame it posts
// its height (WordPress's wp-embed protocol when the URL carries #?secret=…, else a plain message) and, under
// WordPress, turns clicks into {message:'link'} to the same-host forwarding page. See README "Embed the list on a site".
(() => {
  const d = document, root = d.documentElement;
  const theme = new URLSearchParams(location.search).get('theme');
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  if (window.parent === window) return;
  const secretOf = () => (/secret=([A-Za-z0-9]{10})/.exec(location.hash) || [])[1];
  let secret = secretOf(), last = 0;
  const post = (message, value) => parent.postMessage(secret ? { message, value, secret } : { source: 'gcm-resources', message, value }, '*');
  const height = () => Math.ceil(d.body.getBoundingClientRect().height);
  const send = force => {
    const h = height();
    if (force || h !== last) post('height', (last = h));
  };
  addEventListener('hashchange', () => { secret = secretOf(); send(true); });
  addEventListener('message', e => {
    const m = e.data;
    if (e.source === parent && m && m.message === 'ready' && (!secret || m.secret === secret)) send(true);
  });
  // Measured at once as well as observed: Chromium does not render a frame WordPress keeps clipped until it speaks, so a
  // ResizeObserver alone would never fire there.
  addEventListener('load', () => send(false));
  addEventListener('resize', () => send(false));
  d.addEventListener('DOMContentLoaded', () => {
    send(false);
    new ResizeObserver(() => send(false)).observe(d.body);
    d.addEventListener('click', e => {
      const a = e.target instanceof Element && e.target.closest('a[href]');
      if (!a || !secret) return; // no secret: a plain link (a new tab where the frame allows it)
      e.preventDefault();
      const url = new URL(a.href), here = new URL(location.href);
      // WordPress follows a link only to the frame's own host: the forwarding page takes the visitor on to the Hub.
      post('link', url.host === here.host ? url.href : new URL(d.body.dataset.forward, here).href + '#' + url.href);
    });
  });
})();
