// Demo and embed-code page for <gcm-resources>. Published at ROOT/demo.js next to ROOT/demo.html;
// runs under the page's strict CSP (no inline code; DOM built with createElement, as Trusted Types
// require). The objectives it offers come from ROOT/objectives.json, which the app writes, and for
// each the snippet the C# generator wrote. The script a partner page will run is the deploy's, not
// the app's: ROOT/widget/release.json (written by the deploy, which the app's role cannot write) names
// the pinned script and its SRI, and a snippet is offered only when its <script> is exactly that and
// the rest has the generator's fixed shape. The page only adds the attributes a visitor picks to that
// snippet's <gcm-resources> start tag; it builds no script tag.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const form = $('options'), picker = $('objective'), preview = $('preview'), snippet = $('snippet'), copied = $('copy-status'), note = $('objectives-status');
  const byValue = new Map(); // option value ('11', 'all') -> the objectives.json entry
  let release = null; // { script: absolute URL, integrity } from widget/release.json

  // The generator's snippet: the pinned script, the height reservation, the element with its fallback link.
  const SHAPE = /^<script src="([^"<>]*)" integrity="([^"<>]*)" crossorigin="anonymous" async><\/script>\n<style>[^<>]*<\/style>\n<gcm-resources objective="[0-9a-z]+"><a href="(https?:[^"<>]*)">[^<>]*<\/a><\/gcm-resources>\n$/;
  const decode = s => s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot));/gi, (_, hex, dec, name) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(+dec) : { amp: '&', lt: '<', gt: '>', quot: '"' }[name.toLowerCase()]);

  /** Whether a published snippet runs exactly the script the deploy published, and nothing else. */
  function trusted(snippet) {
    const m = SHAPE.exec(snippet ?? '');
    return !!m && !!release && decode(m[1]) === release.script && decode(m[2]) === release.integrity;
  }

  // Attribute values come from the form's fixed options; escaped all the same.
  const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
  const esc = s => String(s).replace(/[&<>"']/g, c => ENTITIES[c]);

  /** The attributes the visitor picked, in the generator's order, each only when it differs from the default. */
  function picked() {
    const f = form.elements, attrs = [];
    if (f.lang.value) attrs.push(['lang', f.lang.value]);
    const limit = parseInt(f.limit.value, 10);
    if (limit > 0 && limit !== 10) attrs.push(['limit', String(limit)]);
    const types = [...form.querySelectorAll('input[name=types]:checked')].map(i => i.value);
    if (types.length) attrs.push(['types', types.join(',')]);
    if (f.theme.value) attrs.push(['theme', f.theme.value]);
    if (f['heading-level'].value !== '2') attrs.push(['heading-level', f['heading-level'].value]);
    if (f.lazy.checked) attrs.push(['loading', 'lazy']);
    return attrs;
  }

  /** The published snippet with the picked attributes put right after objective="…". */
  function code(entry, attrs) {
    const extra = attrs.map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
    return entry.snippet.replace(/<gcm-resources objective="[^"]*"/, start => start + extra);
  }

  function update() {
    const value = picker.value, entry = byValue.get(value);
    if (!entry) return;
    const attrs = picked();
    const el = document.createElement('gcm-resources');
    el.setAttribute('objective', value);
    for (const [k, v] of attrs) el.setAttribute(k, v);
    const a = document.createElement('a');
    a.href = /^https?:\/\//i.test(entry.home_page_url) ? entry.home_page_url : '#';
    a.textContent = entry.title;
    el.append(a);
    preview.replaceChildren(el); // same feed URL as before: the widget's cache makes no new request
    const ok = trusted(entry.snippet);
    snippet.value = ok ? code(entry, attrs) : '';
    note.textContent = ok ? '' : 'The published embed code does not load the widget this site deployed: no code is offered.';
    copied.textContent = '';
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet.value);
      copied.textContent = 'Copied to the clipboard.';
    } catch {
      snippet.focus();
      snippet.select();
      copied.textContent = document.execCommand('copy') ? 'Copied to the clipboard.' : 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }

  /** The picker offers exactly what objectives.json lists: each published objective, then the combined feed. */
  function fill(index) {
    const options = [];
    for (const o of index.objectives ?? []) {
      byValue.set(String(o.objective), o);
      options.push(new Option(`${o.objective}. ${o.short_name}`, String(o.objective)));
    }
    if (index.all?.snippet) {
      byValue.set('all', index.all);
      options.push(new Option('All objectives', 'all'));
    }
    picker.replaceChildren(...options);
  }

  form.addEventListener('input', update); // fires for selects, checkboxes and the number field
  form.addEventListener('submit', e => e.preventDefault());
  $('copy').addEventListener('click', copy);
  note.textContent = 'Loading the published objectives…';
  const json = url => fetch(url, { credentials: 'omit', cache: 'no-cache' }).then(r => {
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r.json();
  });
  Promise.all([json('objectives.json'), json('widget/release.json')])
    .then(([index, pinned]) => {
      release = { script: new URL(pinned.script, location.href).href, integrity: pinned.integrity };
      fill(index);
      if (!picker.options.length) throw new Error('objectives.json lists no objective');
      note.textContent = '';
      update();
      document.documentElement.dataset.ready = 'true';
    })
    .catch(() => {
      note.textContent = 'The list of published objectives could not be loaded: no embed code is available.';
      snippet.value = '';
      document.documentElement.dataset.ready = 'failed';
    });
})();
