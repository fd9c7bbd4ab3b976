/*! gcm-resources v1 */
// <gcm-resources>: the resources of a GCM objective from the UN Migration Network Hub (HubFeed).
// One classic script, wrapped so that nothing but the custom element reaches the host page.
// Rendering uses createElement/textContent only (no innerHTML, no <style>, no style="", no eval),
// so it runs under `style-src 'self'` and `require-trusted-types-for 'script'`. See README.md.
// Shaped like github/include-fragment-element: typed attribute getters (Settings), the element's
// state in named private fields (Widget), and a fresh render (View) on every change.
(() => {
  const TAG = 'gcm-resources', d = document;
  if (customElements.get(TAG)) return; // loaded twice (stable + pinned URL, two snippets): the first wins

  // The Hub's host (seeds/sources.json defaults.baseUrl): item and Hub links must be http(s) on it.
  const HUB = 'migrationnetwork.un.org';
  // The attributes a widget reads, bare or as data-* (shared with the <div data-gcm-resources> form).
  const ATTRIBUTES = ['objective', 'src', 'lang', 'limit', 'types', 'heading-level', 'loading', 'new-days'];
  // A next_url chain ends after this many pages (the Hub's longest list, all/, has 4 pages of 250).
  const MAX_PAGES = 50;
  const DAY = 864e5; // ms

  // The widget's own strings in the six UN languages (shared/UnLanguages.cs, same order),
  // '|'-separated in the order of STRING_NAMES. The heading and the type labels are not among them:
  // no authoritative translation is at hand, so they stay in English, marked lang="en" (README).
  const S = {
    ar: 'تعذّر التحميل.|عرض {0} من أصل {1}|عرض المزيد|جميع الأنواع|النوع|بحث|لا نتائج.|جديد',
    zh: '加载失败。|显示 {0} 项，共 {1} 项|显示更多|所有类型|类型|搜索|无结果。|新',
    en: 'Loading failed.|Showing {0} of {1}|Show more|All types|Type|Search|No results.|New',
    fr: 'Échec du chargement.|Affichage de {0} sur {1}|Afficher plus|Tous les types|Type|Rechercher|Aucun résultat.|Nouveau',
    ru: 'Ошибка загрузки.|Показано {0} из {1}|Показать ещё|Все типы|Тип|Поиск|Ничего не найдено.|Новое',
    es: 'Error de carga.|Mostrando {0} de {1}|Mostrar más|Todos los tipos|Tipo|Buscar|Sin resultados.|Nuevo',
  };
  const STRING_NAMES = ['error', 'count', 'more', 'allTypes', 'type', 'search', 'none', 'new'];
  const isRtl = lang => lang.split('-')[0] == 'ar'; // of the six UN languages, only Arabic is right-to-left
  const headingOf = (objective, shortName) => (objective > 0 ? `GCM Objective ${objective}` + (shortName && ' – ' + shortName) : 'GCM objectives');

  // The page's markup can shadow a document's properties (<img name="createElement">) and a form's
  // (<input name="getAttribute">), never the prototypes': what the widget needs, it takes from those.
  const { createElement, querySelectorAll } = Document.prototype;
  const { getAttribute } = Element.prototype;
  const scriptsOf = Object.getOwnPropertyDescriptor(Document.prototype, 'scripts').get;
  // Options for the platform (fetch, attachShadow, events, Intl…) without a prototype: a polluted
  // Object.prototype cannot add a member to them.
  const dict = members => ({ __proto__: null, ...members });
  // A feed's value at a path, read as own properties only, for the same reason (and arrays are
  // tested by their length, never by reading an index that may be missing).
  const field = (value, ...path) => path.reduce((v, key) => (v === Object(v) && Object.hasOwn(v, key) ? v[key] : undefined), value);
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
    const found = [...new Set([...scriptsOf.call(d)].map(rootOf))].filter(Boolean);
    ROOT = found.length == 1 && found[0]; // one, or none
  }
  const ORIGIN = ROOT && parse(ROOT).origin; // without ROOT, no feed URL is accepted
  // A feed (src attribute, next_url) is read only from ROOT's origin; links go only to the Hub.
  const feedUrl = (u, base) => (u = str(u) && parse(u, base)) && u.origin == ORIGIN && u.href;
  const hubUrl = u => (u = str(u) && parse(u)) && /^https?:$/.test(u.protocol) && u.host == HUB && u.href;

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
      // a title is a block, so that dir=auto aligns it by its own direction
      'li{padding-block-end:var(--gcm-gap,.75rem);border-block-end:1px solid var(--gcm-border,#8884)}a{color:var(--gcm-accent)}li>:first-child{display:block}' +
      '[part=meta]{display:flex;flex-wrap:wrap;gap:0 1em;color:var(--gcm-muted);font-size:.875em}[part=more]{margin-block-start:var(--gcm-gap,.75rem)}' +
      ':focus-visible{outline:2px solid var(--gcm-accent,currentColor);outline-offset:1px}'
  );

  const fmt = (s, ...a) => s.replace(/\{(\d)\}/g, (_, i) => a[i]);
  // Search is case- and diacritics-insensitive: decompose, drop the combining marks, lower-case.
  const norm = s => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  // Elements from constants; every value from a feed goes in as an attribute value or a text node.
  const el = (tag, attributes = {}, ...children) => {
    const e = createElement.call(d, tag);
    for (const [name, value] of Object.entries(attributes)) if (value != null) e.setAttribute(name, value);
    e.append(...children);
    return e;
  };
  // Dates in the widget's language. A Hub date is a calendar day: it is formatted in UTC, so that no
  // reader's time zone moves it to the day before or after.
  const dateFormat = lang => {
    const options = dict({ dateStyle: 'medium', timeZone: 'UTC' });
    try {
      return new Intl.DateTimeFormat(lang, options);
    } catch {
      return new Intl.DateTimeFormat(lang.split('-')[0], options); // a malformed region subtag
    }
  };
  const isoDay = date => date.toISOString().slice(0, 10);

  /** One item, as the widget uses it: only the fields the C# feed writes, each checked. */
  const readItem = json => {
    const title = str(field(json, 'title')), summary = str(field(json, 'summary')), label = str(field(json, 'tags', 0));
    // the Hub's day: _gcm.date when the feed has it, else the UTC day of date_published
    const day = str(field(json, '_gcm', 'date')), date = new Date(/^\d{4}-\d\d-\d\d$/.test(day) ? day : str(field(json, 'date_published')));
    return {
      url: hubUrl(field(json, 'url')),
      title,
      summary,
      language: str(field(json, 'language')),
      label,
      type: str(field(json, '_gcm', 'type')) || label,
      date: isNaN(date) ? null : date,
      firstSeen: Date.parse(str(field(json, '_gcm', 'first_seen'))),
      key: norm(title + ' ' + summary), // what the search looks in
    };
  };
  /** One page of a feed: its items, the next page's URL and the feed header (_gcm). */
  const readPage = json => {
    const items = field(json, 'items'), total = field(json, '_gcm', 'total');
    if (!Array.isArray(items)) throw new TypeError('a feed page has an items array');
    return {
      items: items.filter(it => it === Object(it)).map(readItem), // not null, numbers, strings
      next: str(field(json, 'next_url')),
      language: str(field(json, 'language')),
      home: field(json, 'home_page_url'),
      heading: headingOf(field(json, '_gcm', 'objective'), str(field(json, '_gcm', 'short_name'))),
      total: Number.isFinite(total) && total >= 0 ? total : null,
    };
  };
  // One request per feed page URL, shared by every widget on the page (dropped on failure, to retry).
  const pages = new Map();
  const load = url => {
    if (!pages.has(url))
      pages.set(
        url,
        fetch(url, dict({ credentials: 'omit' }))
          .then(r => r.ok && r.json()) // an HTTP error is a page without items
          .then(readPage)
          .catch(e => {
            pages.delete(url);
            throw e;
          })
      );
    return pages.get(url);
  };

  /** A host's attributes (bare or data-*), typed and checked: a bad value gives the default. */
  class Settings {
    #host;
    constructor(host) {
      this.#host = host;
    }
    #get(name) {
      return this.#host.getAttribute(name) ?? this.#host.getAttribute('data-' + name);
    }
    /** Its own lang, else the nearest [lang] ancestor's (<html lang>), lower-cased; English unless a UN language. */
    get lang() {
      const ancestor = this.#host.closest('[lang]');
      const lang = (this.#get('lang') || (ancestor && getAttribute.call(ancestor, 'lang')) || 'en').toLowerCase();
      return Object.hasOwn(S, lang.split('-')[0]) ? lang : 'en'; // own properties only: not "constructor", "__proto__"…
    }
    get strings() {
      const strings = S[this.lang.split('-')[0]].split('|');
      return Object.fromEntries(STRING_NAMES.map((name, i) => [name, strings[i]]));
    }
    get limit() {
      return Math.max(1, parseInt(this.#get('limit')) || 10);
    }
    /** The `_gcm.type` values to keep (lower-case); empty keeps every type. */
    get types() {
      return str(this.#get('types')).toLowerCase().split(/[\s,]+/).filter(Boolean);
    }
    get headingLevel() {
      return /^[1-6]$/.test(this.#get('heading-level')) ? +this.#get('heading-level') : 2;
    }
    get lazy() {
      return this.#get('loading') == 'lazy';
    }
    /** The objective number (without src), else null: the combined list, or a feed of unknown heading. */
    get objective() {
      const n = this.#get('objective');
      return !this.#get('src') && /^\d+$/.test(n) ? +n : null;
    }
    /** src if on ROOT's origin, else ROOT/objective-N/feed.json or ROOT/all/feed.json; false if none is allowed. */
    get feedUrl() {
      const src = this.#get('src'), n = this.objective;
      if (src) return feedUrl(src, this.#host.baseURI);
      return ROOT && (n != null || (this.#get('objective') || 'all') == 'all') && `${ROOT}${n != null ? 'objective-' + n : 'all'}/feed.json`;
    }
    /** Items first seen (_gcm.first_seen) fewer than this many days ago are marked new; 0: none. */
    get newDays() {
      return Math.max(0, parseInt(this.#get('new-days')) || 0);
    }
  }

  /** One render of a host's attributes: the shadow tree's parts, the pages read so far, what is shown. */
  class View {
    #host;
    #root;
    #lang;
    #t; // the strings, by name
    #limit;
    #keepTypes;
    #headingLevel;
    #lazy;
    #url;
    #heading;
    #newSince;
    #dates;
    #live = true;
    #timer;
    #observer;
    // the parts (built by #build)
    #region;
    #headingElement;
    #filter;
    #search;
    #status;
    #list;
    #more;
    #hubLink;
    #controls;
    #box;
    // the feed as read so far
    #language = '';
    #total = null;
    #items = [];
    #types = new Map(); // label -> type
    #elements = new Map(); // item -> its <li>
    #next = '';
    #visited = new Set();
    #pages = 0;
    #read = 0;
    #chain = Promise.resolve();
    #shown = 0;

    constructor(host, root) {
      const settings = new Settings(host);
      this.#host = host;
      this.#root = root;
      this.#lang = settings.lang;
      this.#t = settings.strings;
      this.#limit = settings.limit;
      this.#keepTypes = settings.types;
      this.#headingLevel = settings.headingLevel;
      this.#lazy = settings.lazy;
      this.#url = settings.feedUrl;
      this.#heading = headingOf(settings.objective, '');
      this.#newSince = settings.newDays ? Date.now() - settings.newDays * DAY : 1 / 0;
      this.#dates = dateFormat(this.#lang);
    }

    start() {
      if (this.#url && !this.#lazy) load(this.#url); // the request first: the network works while the rest is built
      // The host's styles (its reserved height) apply at once; the skeleton waits for the feed, or
      // 100 ms: a feed that comes fast then costs one style and layout pass, not two.
      this.#timer = setTimeout(() => this.#build(), 100);
      if (!this.#lazy) return this.#show();
      this.#observer = new IntersectionObserver(es => es.some(e => e.isIntersecting) && (this.#observer.disconnect(), this.#show()), dict({ rootMargin: '200px' }));
      this.#observer.observe(this.#host);
    }

    stop() {
      this.#live = false;
      clearTimeout(this.#timer);
      this.#observer?.disconnect();
    }

    /** The shadow tree in its loading state: every part in place, so nothing moves when data arrives. */
    #build() {
      if (this.#region) return;
      const t = this.#t;
      this.#headingElement = el('h' + this.#headingLevel, { id: 'h', part: 'heading', lang: 'en', dir: 'auto' }, this.#heading);
      this.#filter = el('select', { part: 'filter', disabled: '' });
      this.#search = el('input', { part: 'search', type: 'search', disabled: '' });
      this.#status = el('p', { part: 'status', role: 'status' }, fmt(t.count, '…', '…')); // loading: "Showing … of …"
      this.#list = el('ul', { part: 'list', role: 'list' });
      this.#more = el('button', { part: 'more', type: 'button', hidden: '' }, t.more);
      this.#hubLink = el('a', { part: 'hub-link', href: `https://${HUB}/`, lang: 'en', dir: 'auto' }, 'Migration Network Hub');
      this.#controls = el('div', { class: 'c' }, el('label', {}, t.type, this.#filter), el('label', {}, t.search, this.#search));
      this.#box = el('div', { class: 's' }, this.#list, this.#more);
      const dir = isRtl(this.#lang) ? 'rtl' : 'ltr';
      this.#region = el('section', { part: 'region', class: 'r', 'aria-labelledby': 'h', 'aria-busy': 'true', lang: this.#lang, dir }, this.#headingElement, this.#controls, this.#status, this.#box, this.#hubLink);
      this.#root.replaceChildren(this.#region);
    }

    /** Loads the first page, fills in the skeleton and the controls, renders the first `limit` items. */
    async #show() {
      try {
        if (!this.#url) throw new URIError('no feed URL allowed');
        const first = await load(this.#url);
        if (!this.#live) return;
        this.#build();
        this.#total = first.total;
        this.#visited.add(this.#url);
        this.#add(first, this.#url);
        if (this.#keepTypes.length) await this.#loadUpTo(1 / 0); // a `types` selection is counted over every page
        this.#language = first.language;
        this.#headingElement.textContent = first.heading;
        this.#hubLink.href = hubUrl(first.home) || this.#hubLink.href;
        this.#listen();
        await this.#render(this.#limit);
        this.#done('render');
      } catch {
        this.#fail();
      }
    }

    /** The error state: the message, and the element's own light-DOM fallback (a link or a static list). */
    #fail() {
      if (!this.#live) return;
      this.#build();
      this.#status.replaceChildren(this.#t.error);
      this.#box.replaceChildren(el('slot'));
      this.#done('error');
    }

    #done(name) {
      if (!this.#live) return;
      this.#region.setAttribute('aria-busy', 'false');
      this.#host.dispatchEvent(new CustomEvent(TAG + ':' + name, dict({ bubbles: true, composed: true })));
    }

    #lost = () => this.#live && this.#status.replaceChildren(this.#t.error);

    #listen() {
      this.#controls.addEventListener('input', () => this.#refilter()); // the select fires input too
      this.#controls.addEventListener('focusin', () => this.#loadUpTo(1 / 0).catch(this.#lost)); // the whole type list, before it is used
      // "Show more" loads the next page when the loaded items run out; focus goes to the first new item.
      this.#more.addEventListener('click', () => this.#render(this.#shown + this.#limit).then(fresh => fresh.length && fresh[0].firstChild.focus(), this.#lost));
      this.#filter.disabled = this.#search.disabled = false;
    }

    /** Takes in a page: its items (of the `types` attribute), its types, and the next page's URL if it may be read. */
    #add(page, from) {
      this.#pages++;
      this.#read += page.items.length;
      for (const item of page.items) {
        if (this.#keepTypes.length && !this.#keepTypes.includes(item.type.toLowerCase())) continue;
        this.#types.set(item.label, item.type);
        this.#items.push(item);
      }
      // A broken or hostile chain ends: a page read before, _gcm.total items read, an empty page, MAX_PAGES pages.
      const next = feedUrl(page.next, from);
      const readAll = this.#total != null && this.#read >= this.#total;
      this.#next = !next || this.#visited.has(next) || readAll || !page.items.length || this.#pages >= MAX_PAGES ? '' : next;
      this.#visited.add(next);
      const value = this.#filter.value;
      const options = [...this.#types].sort().map(([label, type]) => el('option', { value: type, lang: 'en' }, label));
      this.#filter.replaceChildren(el('option', { value: '' }, this.#t.allTypes), ...options);
      this.#filter.value = value;
    }

    /** Loads the next pages, in order and each once, until `n` items are loaded or no page is left. */
    #loadUpTo(n) {
      const step = () => {
        const url = this.#next;
        return url && this.#items.length < n && load(url).then(page => this.#live && (this.#add(page, url), step()));
      };
      const loaded = this.#chain.then(step);
      this.#chain = loaded.catch(() => {}); // a page that failed is tried again by the next call
      return loaded;
    }

    #filtering() {
      return !!(this.#filter.value || this.#search.value.trim());
    }

    /** Shows the items that match the type filter and the search, up to the n-th; returns the new ones.
     *  A filter or a search reads the whole feed, so the remaining pages are loaded first (checked
     *  again after each wait: the visitor may have typed meanwhile). */
    async #render(n) {
      do await this.#loadUpTo(this.#filtering() ? 1 / 0 : n);
      while (this.#live && this.#next && this.#filtering());
      if (!this.#live) return [];
      const type = this.#filter.value, query = norm(this.#search.value.trim());
      const matched = type || query ? this.#items.filter(item => (!type || item.type == type) && item.key.includes(query)) : this.#items;
      // never fewer than shown: a "show more" and a new search may both be waiting for a page
      const from = this.#shown;
      this.#shown = Math.max(from, Math.min(n, matched.length));
      const fresh = matched.slice(from, this.#shown).map(item => this.#element(item));
      this.#list.append(...fresh);
      this.#more.hidden = this.#shown >= matched.length && !this.#next;
      // the count: of the whole feed (_gcm.total) while pages are left, else of the matches
      const of = this.#next && this.#total != null ? this.#total : matched.length;
      this.#status.replaceChildren(matched.length ? el('span', { part: 'count' }, fmt(this.#t.count, this.#shown, of)) : this.#t.none);
      return fresh;
    }

    #refilter() {
      if (this.#next) this.#status.replaceChildren(fmt(this.#t.count, '…', '…'));
      this.#list.replaceChildren();
      this.#shown = 0;
      this.#render(this.#limit).catch(this.#lost);
    }

    /** An item's <li>: its title (a link only to the Hub), type label, date, "new" mark and summary. */
    #element(item) {
      if (this.#elements.has(item)) return this.#elements.get(item);
      // the title and summary in the item's language (else the feed's), aligned by their own direction
      const text = { lang: item.language || this.#language || null, dir: 'auto' };
      const title = item.url ? el('a', { part: 'link', href: item.url, ...text }, item.title || item.url) : el('span', { part: 'title', tabindex: -1, ...text }, item.title);
      const meta = el(
        'p',
        { part: 'meta' },
        el('span', { part: 'type', lang: 'en', dir: 'auto' }, item.label),
        item.date ? el('time', { part: 'date', datetime: isoDay(item.date) }, this.#dates.format(item.date)) : '',
        item.firstSeen > this.#newSince ? el('strong', { part: 'new' }, this.#t.new) : ''
      );
      const li = el('li', { part: 'item' }, title, meta, item.summary ? el('p', { part: 'summary', ...text }, item.summary) : '');
      this.#elements.set(item, li);
      return li;
    }
  }

  /** One per host element: its shadow root and the view of its current attributes. */
  class Widget {
    #host;
    #root;
    #view;
    constructor(host) {
      this.#host = host;
      // throws for a host that cannot take a shadow root (a root the page took, a <ul>): it stays as the page made it
      this.#root = host.attachShadow(dict({ mode: 'open' }));
      this.#root.adoptedStyleSheets = [sheet];
    }
    /** Renders the host's attributes now; what an earlier render showed or still loads is dropped. */
    render() {
      this.#view?.stop();
      try {
        this.#view = new View(this.#host, this.#root);
        this.#view.start();
      } catch {
        this.#view?.stop();
        this.#root.replaceChildren(el('slot')); // whatever failed, the page's own fallback shows: never a blank box
      }
    }
    stop() {
      this.#view?.stop();
    }
  }

  class GcmResources extends HTMLElement {
    static observedAttributes = ATTRIBUTES;
    #widget;
    connectedCallback() {
      this.#render();
    }
    attributeChangedCallback() {
      if (this.#widget && this.isConnected) this.#render(); // a change after the first render renders again
    }
    disconnectedCallback() {
      this.#widget?.stop();
    }
    #render() {
      try {
        (this.#widget ??= new Widget(this)).render();
      } catch {} // one element's failure never stops the others
    }
  }
  customElements.define(TAG, GcmResources);

  // <div data-gcm-resources> for CMSs that strip unknown tags (same attributes, bare or data-*): rendered,
  // rendered again and stopped like the element, whenever it is added, changed or removed. Not on a
  // <form>, whose fields can shadow its properties: a form keeps its content (the fallback link).
  const DIVS = '[data-gcm-resources]:not(gcm-resources, form)';
  const divs = new WeakMap(), mounted = new Set();
  const syncDivs = records => {
    const changed = new Set(records.filter(r => r.type == 'attributes').map(r => r.target));
    for (const host of mounted)
      if (!host.isConnected || !host.matches(DIVS)) {
        divs.get(host)?.stop();
        mounted.delete(host);
      }
    for (const host of querySelectorAll.call(d, DIVS)) {
      if (mounted.has(host) && !changed.has(host)) continue;
      mounted.add(host);
      try {
        if (!divs.has(host)) divs.set(host, new Widget(host));
        divs.get(host).render();
      } catch {}
    }
  };
  const attributeFilter = ['data-gcm-resources', ...ATTRIBUTES, ...ATTRIBUTES.map(a => 'data-' + a)];
  new MutationObserver(syncDivs).observe(d, dict({ childList: true, subtree: true, attributes: true, attributeFilter }));
  syncDivs([]);
})();
