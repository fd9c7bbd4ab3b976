/*! gcm-resources v1 */
// <gcm-resources>: the resources of a GCM objective from the UN Migration Network Hub (HubFeed).
// One classic script, wrapped so that nothing but the custom element reaches the host page.
// Rendering uses createElement/textContent only (no innerHTML, no <style>, no style="", no eval),
// so it runs under `style-src 'self'` and `require-trusted-types-for 'script'`. See README.md.
(() => {
  const TAG = 'gcm-resources', d = document, ce = customElements;
  if (ce.get(TAG)) return; // loaded twice (stable + versioned URL, or two snippets): first one wins

  // The script's own URL, captured now: document.currentScript is only set while it first runs.
  // ROOT/widget/v1/gcm-resources.js, ROOT/widget/gcm-resources.<hash>.js, ROOT/objective-11/embed.js
  const me = ((d.currentScript || {}).src || location.href).split(/[?#]/)[0];
  const cut = me.match(/^(.*\/)(?:widget|objective-\d+)\//);
  const ROOT = cut ? cut[1] : new URL('./', me).href;
  const OBJ = (me.match(/.*\/objective-(\d+)\//) || [, 11])[1];

  // The widget's own strings in the six UN languages, in this order:
  // 0 generic heading, 1 objective heading, 2 loading, 3 error, 4 count, 5 show more,
  // 6 all types, 7 type label, 8 search label, 9 link to the Hub, 10 no match
  const S = {
    en: 'Resources|Resources for GCM Objective {0}|Loading…|The resources could not be loaded.|Showing {0} of {1}|Show more|All types|Type|Search|All resources on the Migration Network Hub|No matching resources.',
    fr: 'Ressources|Ressources pour l’objectif {0} du Pacte mondial|Chargement…|Les ressources n’ont pas pu être chargées.|Affichage de {0} sur {1}|Afficher plus|Tous les types|Type|Rechercher|Toutes les ressources sur le Migration Network Hub|Aucune ressource correspondante.',
    es: 'Recursos|Recursos del objetivo {0} del Pacto Mundial|Cargando…|No se pudieron cargar los recursos.|Mostrando {0} de {1}|Mostrar más|Todos los tipos|Tipo|Buscar|Todos los recursos en el Migration Network Hub|Ningún recurso coincide.',
    ru: 'Ресурсы|Ресурсы по цели {0} Глобального договора о миграции|Загрузка…|Не удалось загрузить ресурсы.|Показано {0} из {1}|Показать ещё|Все типы|Тип|Поиск|Все ресурсы на Migration Network Hub|Нет подходящих ресурсов.',
    zh: '资源|《移民全球契约》目标{0}资源|正在加载…|无法加载资源。|显示 {0} 项，共 {1} 项|显示更多|所有类型|类型|搜索|在 Migration Network Hub 查看全部资源|没有匹配的资源。',
    ar: 'الموارد|موارد الهدف {0} من الاتفاق العالمي من أجل الهجرة|جارٍ التحميل…|تعذّر تحميل الموارد.|عرض {0} من أصل {1}|عرض المزيد|جميع الأنواع|النوع|بحث|جميع الموارد على Migration Network Hub|لا توجد موارد مطابقة.',
  };

  // Theme presets (WCAG AA on their own background); a page overrides any of them on the element.
  const vars = (bg, fg, muted, accent, border) =>
    `--gcm-bg:${bg};--gcm-fg:${fg};--gcm-muted:${muted};--gcm-accent:${accent};--gcm-border:${border}`;
  const LIGHT = 'color-scheme:light;' + vars('#fff', '#1b1b1b', '#545454', '#0b5aa8', '#767676');
  const DARK = 'color-scheme:dark;' + vars('#161616', '#f2f2f2', '#c2c2c2', '#8cc2ff', '#8c8c8c');
  const theme = v => `:host([theme=${v}]),:host([data-theme=${v}])`;
  const GAP = 'var(--gcm-gap,.75rem)';
  // Without a theme every colour is left undefined, so the widget inherits the page's colour,
  // font and color-scheme; form controls keep the system colours of that color-scheme.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`:host{display:block;block-size:var(--gcm-height,32rem)}
${theme('light')},${theme('auto')}{${LIGHT}}${theme('dark')}{${DARK}}
@media(prefers-color-scheme:dark){${theme('auto')}{${DARK}}}
.r{box-sizing:border-box;block-size:100%;display:flex;flex-direction:column;gap:${GAP};padding:${GAP};border:1px solid var(--gcm-border,#8888);border-radius:var(--gcm-radius,.5rem);background:var(--gcm-bg);color:var(--gcm-fg);overflow-wrap:anywhere}
#h{margin:0;font-size:1.25em}
.c{display:flex;flex-wrap:wrap;gap:${GAP}}
label{display:grid;flex:1 1 10em;font-size:.875em}
input,select,button{font:inherit}
p{margin:0}
.s{flex:1;min-block-size:0;overflow:auto;scroll-behavior:smooth;padding:3px}
ul{display:grid;gap:${GAP};margin:0;padding:0;list-style:none}
li{padding-block-end:${GAP};border-block-end:1px solid var(--gcm-border,#8884)}
a{color:var(--gcm-accent)}
[part=meta]{display:flex;flex-wrap:wrap;gap:0 1em;color:var(--gcm-muted);font-size:.875em}
[part=more]{margin-block-start:${GAP}}
:focus-visible{outline:2px solid var(--gcm-accent,currentColor);outline-offset:1px}
@media(prefers-reduced-motion:reduce){.s{scroll-behavior:auto}}`);

  const str = v => (typeof v == 'string' ? v : '');
  const fmt = (s, ...a) => s.replace(/\{(\d)\}/g, (_, i) => a[i]);
  // Search is case- and diacritics-insensitive: decompose, drop the combining marks, lower-case.
  const norm = s => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  // Only http(s) URLs (absolute, or relative to the feed) become links; javascript:, data: and
  // the rest stay plain text.
  const safe = (u, base) => {
    try {
      if (u && typeof u == 'string' && /^https?:$/.test((u = new URL(u, base)).protocol)) return u.href;
    } catch {}
  };
  // Elements from constants; every value from the feed goes in as an attribute value or a text node.
  const el = (tag, attrs, ...kids) => {
    const e = d.createElement(tag);
    for (const k in attrs) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    e.append(...kids);
    return e;
  };

  // One request per feed URL, shared by every widget on the page (dropped on failure, to retry).
  const feeds = {};
  const load = url =>
    (feeds[url] ||= fetch(url, { credentials: 'omit' })
      .then(r => {
        if (!r.ok) throw Error(r.status);
        return r.json();
      })
      .then(f => {
        if (!Array.isArray(f && f.items)) throw Error();
        return f;
      })
      .catch(e => {
        delete feeds[url];
        throw e;
      }));

  const mount = host => {
    if (host.shadowRoot) return;
    const get = n => host.getAttribute(n) ?? host.getAttribute('data-' + n);
    // Language: own lang attribute, nearest [lang] ancestor, <html lang>; English otherwise.
    let lang = (get('lang') || host.closest('[lang]')?.lang || d.documentElement.lang || 'en').toLowerCase();
    let key = lang.split('-')[0];
    if (!S[key]) lang = key = 'en';
    let dates, opts = { dateStyle: 'medium', timeZone: 'UTC' };
    try {
      dates = Intl.DateTimeFormat(lang, opts);
    } catch {
      dates = Intl.DateTimeFormat((lang = key), opts); // a malformed lang tag
    }
    const T = S[key].split('|');
    const num = n => n.toLocaleString(lang);
    const limit = Math.max(1, parseInt(get('limit')) || 10);
    const only = str(get('types')).toLowerCase().split(/[\s,]+/).filter(Boolean);
    const level = /^[1-6]$/.test(get('heading-level')) ? get('heading-level') : 2;
    const src = get('src');
    const n = src ? (src.match(/objective-(\d+)\//) || [])[1] : /^\d+$/.test(get('objective')) ? +get('objective') : OBJ;
    let url; // the feed: src if given, else ROOT/objective-N/feed.json
    try {
      url = src ? new URL(src, d.baseURI).href : `${ROOT}objective-${n}/feed.json`;
    } catch {}

    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    const filter = el('select', { part: 'filter', disabled: '' }, new Option(T[6], ''));
    const search = el('input', { part: 'search', type: 'search', disabled: '' });
    const status = el('p', { part: 'status', role: 'status' }, T[2]);
    const list = el('ul', { part: 'list', role: 'list' });
    const more = el('button', { part: 'more', type: 'button', hidden: '' }, T[5]);
    const box = el('div', { class: 's' }, list, more);
    const fallback = host.querySelector('a[href]');
    const hub = el('a', { part: 'hub-link', href: safe(fallback?.href) || 'https://migrationnetwork.un.org/' }, T[9]);
    // Every part is in place from the start (loading state), so nothing moves when data arrives.
    const region = el(
      'section',
      { part: 'region', class: 'r', 'aria-labelledby': 'h', 'aria-busy': 'true', lang, dir: key == 'ar' ? 'rtl' : 'ltr' },
      el('h' + level, { id: 'h', part: 'heading' }, n ? fmt(T[1], num(+n)) : T[0]),
      el('div', { class: 'c' }, el('label', {}, T[7], filter), el('label', {}, T[8], search)),
      status,
      box,
      hub
    );
    root.append(region);
    const done = name => {
      region.setAttribute('aria-busy', 'false');
      host.dispatchEvent(new CustomEvent(TAG + ':' + name, { bubbles: true, composed: true }));
    };

    const show = feed => {
      const items = [], types = new Map();
      for (const it of feed.items) {
        if (!it || typeof it != 'object') continue;
        const g = it._gcm || {}, label = str(g.type_label) || str(it.tags?.[0]) || str(g.type), type = str(g.type) || label;
        if (only.length && !only.includes(type.toLowerCase()) && !only.includes(label.toLowerCase())) continue;
        if (type) types.set(type, label);
        items.push({ it, g, label, type, k: norm(str(it.title) + ' ' + str(it.summary)) });
      }
      const item = r => {
        const { it, g } = r, href = safe(it.url, url), summary = str(it.summary);
        const text = { lang: str(it.language) || str(feed.language) || null, dir: 'auto' };
        const date = new Date(str(g.date) || str(it.date_published));
        return el(
          'li',
          { part: 'item' },
          href
            ? el('a', { part: 'link', href, ...text }, str(it.title) || href)
            : el('span', { part: 'title', tabindex: -1, ...text }, str(it.title)),
          el(
            'p',
            { part: 'meta' },
            el('span', { part: 'type' }, r.label),
            isNaN(date) ? '' : el('time', { part: 'date', datetime: date.toISOString().slice(0, 10) }, dates.format(date))
          ),
          summary ? el('p', { part: 'summary', ...text }, summary) : ''
        );
      };
      let matched = [], shown = 0;
      const next = () => {
        const add = matched.slice(shown, (shown = Math.min(shown + limit, matched.length))).map(r => (r.li ||= item(r)));
        list.append(...add);
        more.hidden = shown >= matched.length;
        status.replaceChildren(
          matched.length ? el('span', { part: 'count' }, fmt(T[4], num(shown), num(matched.length))) : T[10]
        );
        return add;
      };
      const refilter = () => {
        const q = norm(search.value.trim());
        matched = items.filter(r => (!filter.value || r.type == filter.value) && r.k.includes(q));
        shown = 0;
        list.replaceChildren();
        next();
      };
      filter.append(...[...types].sort((a, b) => a[1].localeCompare(b[1], lang)).map(([v, l]) => new Option(l, v)));
      filter.addEventListener('change', refilter);
      search.addEventListener('input', refilter);
      // Keyboard users land on the first new item instead of losing focus when the button goes.
      more.addEventListener('click', () => next()[0]?.firstChild.focus());
      hub.href = safe(feed.home_page_url) || hub.href;
      filter.disabled = search.disabled = false;
      refilter();
      done('render');
    };
    const fail = () => {
      status.replaceChildren(T[3]);
      box.replaceChildren(el('slot')); // the element's own light-DOM fallback (link or static list)
      done('error');
    };
    const go = () => (url ? load(url).then(show).catch(fail) : fail());

    if (get('loading') == 'lazy' && self.IntersectionObserver) {
      const io = new IntersectionObserver(
        es => {
          if (es.some(e => e.isIntersecting)) io.disconnect(), go();
        },
        { rootMargin: '200px' }
      );
      io.observe(host);
    } else go();
  };

  ce.define(TAG, class extends HTMLElement {
    connectedCallback() {
      mount(this);
    }
  });
  // <div data-gcm-resources> for CMSs that strip unknown tags (same attributes, bare or data-*).
  const scan = () => d.querySelectorAll('[data-gcm-resources]').forEach(mount);
  scan();
  if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', scan);
})();
