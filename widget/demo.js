// Demo and embed-code generator for <gcm-resources>. Published at ROOT/demo.js next to
// ROOT/demo.html; runs under the page's strict CSP (no inline code; DOM built with createElement,
// as Trusted Types require).
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const form = $('options'), preview = $('preview'), snippet = $('snippet'), copied = $('copy-status');
  const ROOT = new URL('./', location.href).href; // the demo is served at ROOT/demo.html
  const STABLE = ROOT + 'widget/v1/gcm-resources.js';
  const RESERVE = 'gcm-resources:not(:defined),[data-gcm-resources]{display:block;block-size:var(--gcm-height,32rem);overflow:auto}';
  let pinned = null; // { src, integrity } once the stable script's bytes are hashed

  const esc = s => String(s).replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`);
  const hex = buf => [...new Uint8Array(buf)].map(b => b.toString(16).padStart(2, '0')).join('');
  const b64 = buf => btoa(String.fromCharCode(...new Uint8Array(buf)));

  // The immutable copy is ROOT/widget/gcm-resources.<first 12 hex of SHA-256>.js (same bytes as v1).
  async function hashScript() {
    const bytes = await (await fetch(STABLE, { credentials: 'omit', cache: 'no-cache' })).arrayBuffer();
    const [s256, s384] = await Promise.all([crypto.subtle.digest('SHA-256', bytes), crypto.subtle.digest('SHA-384', bytes)]);
    return { src: `${ROOT}widget/gcm-resources.${hex(s256).slice(0, 12)}.js`, integrity: `sha384-${b64(s384)}` };
  }

  /** The widget's attributes for the current options, in a stable order. */
  function attributes() {
    const f = form.elements, attrs = [['objective', f.objective.value]];
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

  function fallback() {
    const o = form.elements.objective.selectedOptions[0];
    return {
      href: `https://migrationnetwork.un.org/taxonomy/term/${o.dataset.term}`,
      text: `GCM Objective ${o.value}: ${o.dataset.name} (resources on the UN Migration Network Hub)`,
    };
  }

  function code(attrs, link) {
    const usePinned = form.elements.script.value === 'pinned' && pinned;
    const script = usePinned
      ? `<script src="${esc(pinned.src)}" integrity="${esc(pinned.integrity)}" crossorigin="anonymous" async></script>`
      : `<script src="${esc(STABLE)}" async></script>`;
    return [
      `<style>${RESERVE}</style>`,
      script,
      `<gcm-resources${attrs.map(([k, v]) => ` ${k}="${esc(v)}"`).join('')}>`,
      `  <a href="${esc(link.href)}">${esc(link.text)}</a>`,
      '</gcm-resources>',
    ].join('\n');
  }

  function update() {
    const attrs = attributes(), link = fallback();
    const el = document.createElement('gcm-resources');
    for (const [k, v] of attrs) el.setAttribute(k, v);
    const a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.text;
    el.append(a);
    preview.replaceChildren(el); // same URL as before: the widget's cache makes no new request
    snippet.value = code(attrs, link);
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

  form.addEventListener('input', update); // fires for selects, checkboxes, radios and the number field
  form.addEventListener('submit', e => e.preventDefault());
  $('copy').addEventListener('click', copy);
  update();
  hashScript()
    .then(p => {
      pinned = p;
      snippet.value = code(attributes(), fallback());
      document.documentElement.dataset.pinned = 'ready';
    })
    .catch(() => {
      // no SubtleCrypto (not a secure context) or the script is unreachable: offer v1 only
      const radio = form.querySelector('input[name=script][value=pinned]');
      radio.disabled = true;
      form.querySelector('input[name=script][value=stable]').checked = true;
      snippet.value = code(attributes(), fallback());
      document.documentElement.dataset.pinned = 'unavailable';
    });
})();
