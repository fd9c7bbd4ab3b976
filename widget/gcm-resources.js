/*! gcm-resources v1 */
// <gcm-resources>: the resources of a GCM objective from the UN Migration Network Hub (HubFeed).
// One classic script, wrapped so that nothing but the custom element reaches the host page.
// Rendering uses createElement/textContent only (no innerHTML, no <style>, no style="", no eval),
// so it runs under `style-src 'self'` and `require-trusted-types-for 'script'`. See README.md.
(() => {
  const TAG = 'gcm-resources', d = document;
  if (customElements.get(TAG)) return; // loaded twice (stable + pinned URL, two snippets): the first wins

  // The Hub's host (seeds/sources.json defaults.baseUrl): item and Hub links must be http(s) on it.
  const HUB = 'migrationnetwork.un.org';

  // The widget's strings in the six UN languages (shared/UnLanguages.cs), '|'-separated, in the
  // order of the names below (constants: the build inlines them).
  const S = {
    ar: 'الهدف {0} من الاتفاق العالمي من أجل الهجرة|أهداف الاتفاق العالمي من أجل الهجرة|تعذّر التحميل.|عرض {0} من أصل {1}|عرض المزيد|جميع الأنواع|النوع|بحث|لا نتائج.',
    zh: '《移民全球契约》目标{0}|《移民全球契约》目标|加载失败。|显示 {0} 项，共 {1} 项|显示更多|所有类型|类型|搜索|无结果。',
    en: 'GCM Objective {0}|GCM objectives|Loading failed.|Showing {0} of {1}|Show more|All types|Type|Search|No results.',
    fr: 'Objectif {0} du Pacte mondial|Objectifs du Pacte mondial|Échec du chargement.|Affichage de {0} sur {1}|Afficher plus|Tous les types|Type|Rechercher|Aucun résultat.',
    ru: 'Цель {0} Глобального договора о миграции|Цели Глобального договора о миграции|Ошибка загрузки.|Показано {0} из {1}|Показать ещё|Все типы|Тип|Поиск|Ничего не найдено.',
    es: 'Objetivo {0} del Pacto Mundial|Objetivos del Pacto Mundial|Error de carga.|Mostrando {0} de {1}|Mostrar más|Todos los tipos|Tipo|Buscar|Sin resultados.',
  };
  const OBJECTIVE = 0, ALL = 1, ERROR = 2, COUNT = 3, MORE = 4, ALL_TYPES = 5, TYPE = 6, SEARCH = 7, NONE = 8;

  const str = v => (typeof v == 'string' ? v : '');
  const parse = (u, base) => {
    try {
      return new URL(u, base);
    } catch {}
  };

  // ROOT is what precedes widget/ in this script's own URL (ROOT/widget/v1/gcm-resources.js or
  // ROOT/widget/gcm-resources.<hash>.js). The page's markup can clobber document.currentScript
  // (<img name="currentScript">): only a real <script> counts. Failing that, the page's widget
  // scripts must all name one ROOT, or no feed is loaded at all.
  const rootOf = s => s instanceof HTMLScriptElement && s.src.match(/^(https?:\/\/[^?#]*\/)widget\/(v1\/gcm-resources|gcm-resources\.[\da-f]{12})\.js([?#]|$)/)?.[1];
  let ROOT = rootOf(d.currentScript);
  if (!ROOT) {
    const found = [...new Set([...d.scripts].map(rootOf))].filter(Boolean);
    ROOT = !found[1] && found[0]; // one, or none
  }
  const ORIGIN = ROOT && parse(ROOT).origin; // without ROOT, no feed URL is accepted
  // A feed (src attribute, next_url) is read only from ROOT's origin; links go only to the Hub.
  const feedUrl = (u, base) => (u = str(u) && parse(u, base)) && u.origin == ORIGIN && u.href;
  const hubUrl = u => (u = parse(u)) && /^https?:$/.test(u.protocol) && u.host == HUB && u.href;

  // Theme presets (WCAG AA on their own background); a page overrides any of them on the element.
  // Without a theme every colour is left undefined, so the widget inherits the page's colour,
  // font and color-scheme; form controls keep the system colours of that color-scheme.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    ':host{display:block;block-size:var(--gcm-height,32rem)}' +
      ':host([theme=light]),:host([data-theme=light]),:host([theme=auto]),:host([data-theme=auto]){color-scheme:light;--gcm-bg:#fff;--gcm-fg:#1b1b1b;--gcm-muted:#545454;--gcm-accent:#0b5aa8;--gcm-border:#767676}' +
      ':host([theme=dark]),:host([data-theme=dark]){color-scheme:dark;--gcm-bg:#161616;--gcm-fg:#f2f2f2;--gcm-muted:#c2c2c2;--gcm-accent:#8cc2ff;--gcm-border:#8c8c8c}' +
      '@media(prefers-color-scheme:dark){:host([theme=auto]),:host([data-theme=auto]){color-scheme:dark;--gcm-bg:#161616;--gcm-fg:#f2f2f2;--gcm-muted:#c2c2c2;--gcm-accent:#8cc2ff;--gcm-border:#8c8c8c}}' +
      '.r{box-sizing:border-box;block-size:100%;display:flex;flex-direction:column;gap:var(--gcm-gap,.75rem);padding:var(--gcm-gap,.75rem);border:1px solid var(--gcm-border,#8888);border-radius:var(--gcm-radius,.5rem);background:var(--gcm-bg);color:var(--gcm-fg);overflow-wrap:anywhere}' +
      '#h{margin:0;font-size:1.25em}.c{display:flex;flex-wrap:wrap;gap:var(--gcm-gap,.75rem)}label{display:grid;flex:1 1 10em;font-size:.875em}input,select,button{font:inherit}p{margin:0}' +
      '.s{flex:1;min-block-size:0;overflow:auto;padding:3px}ul{display:grid;gap:var(--gcm-gap,.75rem);margin:0;padding:0;list-style:none}' +
      'li{padding-block-end:var(--gcm-gap,.75rem);border-block-end:1px solid var(--gcm-border,#8884)}a{color:var(--gcm-accent)}' +
      '[part=meta]{display:flex;flex-wrap:wrap;gap:0 1em;color:var(--gcm-muted);font-size:.875em}[part=more]{margin-block-start:var(--gcm-gap,.75rem)}' +
      ':focus-visible{outline:2px solid var(--gcm-accent,currentColor);outline-offset:1px}'
  );

  const fmt = (s, ...a) => s.replace(/\{(\d)\}/g, (_, i) => a[i]);
  // Search is case- and diacritics-insensitive: decompose, drop the combining marks, lower-case.
  const norm = s => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  // Elements from constants; every value from a feed goes in as an attribute value or a text node.
  const el = (tag, attrs, ...kids) => {
    const e = d.createElement(tag);
    for (const k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    e.append(...kids);
    return e;
  };

  // One request per feed page URL, shared by every widget on the page (dropped on failure, to retry).
  const feeds = {};
  const load = url =>
    (feeds[url] ||= fetch(url, { credentials: 'omit' })
      .then(r => r.ok && r.json())
      .then(f => {
        if (!Array.isArray(f.items)) throw 0; // also an HTTP error (f is false)
        return f;
      })
      .catch(e => {
        delete feeds[url];
        throw e;
      }));

  /** The element's settings, each checked: a bad value falls back, or leaves the feed URL empty.
   *  [lang, strings, limit, types kept, heading level, lazy, objective number, feed URL] */
  const config = host => {
    const get = n => host.getAttribute(n) ?? host.getAttribute('data-' + n);
    // Language: own lang attribute, else the nearest [lang] ancestor's (<html lang>); English otherwise.
    let lang = (get('lang') || host.closest('[lang]')?.lang || 'en').toLowerCase();
    let key = lang.split('-')[0];
    if (!Object.hasOwn(S, key)) lang = key = 'en'; // own properties only: not "constructor", "__proto__"…
    const src = get('src'), objective = get('objective') || 'all';
    const n = !src && /^\d+$/.test(objective) && objective;
    return [
      lang,
      S[key].split('|'),
      Math.max(1, parseInt(get('limit')) || 10),
      str(get('types')).toLowerCase().split(/[\s,]+/).filter(Boolean),
      /^[1-6]$/.test(get('heading-level')) ? get('heading-level') : 2,
      get('loading') == 'lazy',
      n,
      // src if on ROOT's origin, else ROOT/objective-N/feed.json or ROOT/all/feed.json
      src ? feedUrl(src, d.baseURI) : ROOT && (n || objective == 'all') && `${ROOT}${n ? 'objective-' + +n : 'all'}/feed.json`,
    ];
  };

  /** The shadow tree in its loading state: every part in place, so nothing moves when data arrives. */
  const skeleton = (root, lang, t, level, heading) => {
    const parts = [
      el('h' + level, { id: 'h', part: 'heading' }, heading),
      el('select', { part: 'filter', disabled: '' }),
      el('input', { part: 'search', type: 'search', disabled: '' }),
      el('p', { part: 'status', role: 'status' }, fmt(t[COUNT], '…', '…')), // loading: "Showing … of …"
      el('ul', { part: 'list', role: 'list' }),
      el('button', { part: 'more', type: 'button', hidden: '' }, t[MORE]),
      el('a', { part: 'hub-link', href: `https://${HUB}/` }, 'Migration Network Hub'),
    ];
    const [h, filter, search, status, list, more, hub] = parts;
    const controls = el('div', { class: 'c' }, el('label', {}, t[TYPE], filter), el('label', {}, t[SEARCH], search));
    const box = el('div', { class: 's' }, list, more);
    // lang starts with ar, zh, en, fr, ru or es: only Arabic sorts before 'b'
    const region = el('section', { part: 'region', class: 'r', 'aria-labelledby': 'h', 'aria-busy': 'true', lang, dir: lang < 'b' ? 'rtl' : 'ltr' }, h, controls, status, box, hub);
    root.replaceChildren(region);
    return [region, controls, box, ...parts];
  };

  /** One item: its title (a link only to the Hub), type label, date and summary. */
  const item = (r, lang) => {
    const it = r.it, href = hubUrl(it.url), title = str(it.title), summary = str(it.summary);
    const text = { lang: str(it.language) || lang || null, dir: 'auto' };
    const date = new Date(str(it.date_published));
    return el(
      'li',
      { part: 'item' },
      href ? el('a', { part: 'link', href, ...text }, title || href) : el('span', { part: 'title', tabindex: -1, ...text }, title),
      el(
        'p',
        { part: 'meta' },
        el('span', { part: 'type' }, r.label),
        isNaN(date) ? '' : el('time', { part: 'date' }, date.toISOString().slice(0, 10)) // ISO 8601: read alike in every language
      ),
      summary ? el('p', { part: 'summary', ...text }, summary) : ''
    );
  };

  /** Builds the widget in `host` and loads its feed; returns the function that stops it. */
  const mount = host => {
    const [lang, t, limit, only, level, lazy, n, url] = config(host);
    if (url && !lazy) load(url); // the request first: the network works while the rest is built (go() reuses it)
    // The host's styles (its reserved height) apply at once; the skeleton waits for the feed, or
    // 100 ms: a feed that comes fast then costs one style and layout pass, not two.
    const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    let region, controls, box, heading, filter, search, status, list, more, hub;
    const build = () => region || ([region, controls, box, heading, filter, search, status, list, more, hub] = skeleton(root, lang, t, level, n ? fmt(t[OBJECTIVE], n) : t[ALL]));
    const timer = setTimeout(build, 100);
    const items = [], types = new Map();
    let live = 1, io, feedLang, total, next, shown = 0, chain = Promise.resolve();
    const done = name => {
      region.setAttribute('aria-busy', 'false');
      host.dispatchEvent(new CustomEvent(TAG + ':' + name, { bubbles: true, composed: true }));
    };
    const lost = () => live && status.replaceChildren(t[ERROR]);

    // A page of the feed: its items (those of the `types` attribute), its types, the next page's URL.
    const add = (feed, from) => {
      for (const it of feed.items) {
        if (it !== Object(it)) continue; // null, numbers, strings
        const label = str(it.tags?.[0]), type = str(it._gcm?.type) || label;
        if (only[0] && !only.includes(type.toLowerCase())) continue;
        types.set(label, type);
        items.push({ it, label, type });
      }
      next = feedUrl(feed.next_url, from);
      const value = filter.value;
      filter.replaceChildren(new Option(t[ALL_TYPES], ''), ...[...types].sort().map(([l, v]) => new Option(l, v)));
      filter.value = value;
    };
    // Loads the next pages, in order and each once, until `n` items are loaded or no page is left.
    const upto = n => {
      const p = chain.then(function step() {
        return next && items.length < n && load(next).then(f => live && (add(f, next), step()));
      });
      chain = p.catch(() => {});
      return p;
    };

    /** Shows the items that match the type filter and the search, up to the n-th. A filter or a
     *  search reads the whole feed, so the remaining pages are loaded first (checked again after
     *  each wait: the visitor may have typed meanwhile). */
    const render = async n => {
      do await upto(filter.value || search.value.trim() ? 1 / 0 : n);
      while (live && next && (filter.value || search.value.trim()));
      if (!live) return [];
      const type = filter.value, q = norm(search.value.trim());
      const matched = type || q ? items.filter(r => (!type || r.type == type) && (r.k ??= norm(str(r.it.title) + ' ' + str(r.it.summary))).includes(q)) : items;
      // never fewer than shown: a "show more" and a new search may both be waiting for a page
      const fresh = matched.slice(shown, (shown = Math.max(shown, Math.min(n, matched.length)))).map(r => (r.li ||= item(r, feedLang)));
      list.append(...fresh);
      more.hidden = shown >= matched.length && !next;
      // the count: of the whole feed (_gcm.total) while pages are left, else of the matches
      status.replaceChildren(matched[0] ? el('span', { part: 'count' }, fmt(t[COUNT], shown, next ? total : matched.length)) : t[NONE]);
      return fresh;
    };
    const refilter = () => {
      if (next) status.replaceChildren(fmt(t[COUNT], '…', '…'));
      list.replaceChildren();
      shown = 0;
      render(limit).catch(lost);
    };

    const go = async () => {
      try {
        if (!url) throw 0;
        const feed = await load(url), g = feed._gcm || {};
        if (!live) return;
        build();
        add(feed, url);
        if (only[0]) await upto(1 / 0); // a `types` selection is counted over every page
        feedLang = str(feed.language);
        total = g.total;
        heading.textContent = g.objective > 0 ? fmt(t[OBJECTIVE], g.objective) + (str(g.short_name) && ' – ' + g.short_name) : t[ALL];
        hub.href = hubUrl(feed.home_page_url) || hub.href;
        controls.addEventListener('input', refilter); // the select fires input too
        controls.addEventListener('focusin', () => upto(1 / 0).catch(lost)); // the whole type list, before it is used
        // "Show more" loads the next page when the loaded items run out; focus goes to the first new item.
        more.addEventListener('click', () => render(shown + limit).then(fresh => fresh[0]?.firstChild.focus(), lost));
        filter.disabled = search.disabled = false;
        await render(limit);
        done('render');
      } catch {
        if (live) {
          build();
          status.replaceChildren(t[ERROR]);
          box.replaceChildren(el('slot')); // the element's own light-DOM fallback (link or static list)
          done('error');
        }
      }
    };

    if (lazy) {
      io = new IntersectionObserver(es => es.some(e => e.isIntersecting) && (io.disconnect(), go()), { rootMargin: '200px' });
      io.observe(host);
    } else go();
    return () => {
      live = 0;
      clearTimeout(timer);
      io?.disconnect();
    };
  };

  // One element's failure (a host that cannot take a shadow root) never stops the others.
  const stops = new WeakMap();
  const start = host => {
    stops.get(host)?.();
    try {
      stops.set(host, mount(host));
    } catch {}
  };
  customElements.define(
    TAG,
    class extends HTMLElement {
      static observedAttributes = ['objective', 'src', 'lang', 'limit', 'types', 'heading-level', 'loading'];
      connectedCallback() {
        start(this);
      }
      attributeChangedCallback() {
        if (stops.has(this)) start(this); // a change after the first mount renders again
      }
      disconnectedCallback() {
        stops.get(this)?.();
        stops.delete(this);
      }
    }
  );
  // <div data-gcm-resources> for CMSs that strip unknown tags (same attributes, bare or data-*).
  const scan = () => d.querySelectorAll('[data-gcm-resources]').forEach(h => stops.has(h) || start(h));
  scan();
  d.addEventListener('DOMContentLoaded', scan); // never fires if the document is already parsed
})();
