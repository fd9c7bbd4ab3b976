// Language, right-to-left, theming, the <div data-gcm-resources> form, lazy loading,
// async/defer loading, the render event, the error states, and the element's life cycle
// (attribute changes render again; a removed element stops).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, open, html, script, settled, state, read, closeAll } from './helpers.mjs';
import { published } from './fixtures/feed.mjs';

let server, browser;
const feed = published('objective-11/feed.json');
const items = feed.items;
let n = 0;

before(async () => ([server, browser] = await Promise.all([startServer(), launch()])));
after(() => closeAll(browser, server));

async function load(body, { head = '', lang = 'en', ctx = {} } = {}) {
  const p = await open(browser, ctx);
  await p.page.goto(server.page(`/b/${++n}.html`, html({ lang, head, body })));
  return p;
}

test('language: lang attribute, then nearest [lang] ancestor, then <html lang>; unknown falls back to English', async () => {
  const { page, close } = await load(
    `<gcm-resources id="attr" lang="fr" objective="11"></gcm-resources>
     <div lang="es-MX"><section><gcm-resources id="anc" objective="11"></gcm-resources></section></div>
     <gcm-resources id="html" objective="11"></gcm-resources>
     <div lang="de"><gcm-resources id="unknown" objective="11"></gcm-resources></div>
     <div lang="zh-Hans-CN"><gcm-resources id="zh" objective="11"></gcm-resources></div>
     ${script()}`,
    { lang: 'ru' }
  );
  await settled(page, 'gcm-resources', 5);
  const fr = await state(page, '#attr');
  assert.equal(fr.count, 'Affichage de 10 sur 213');
  // no authoritative translation of the heading is at hand: it stays in English, marked as such
  assert.equal(fr.heading, 'GCM Objective 11 – Manage borders');
  assert.equal(fr.headingLang, 'en');
  assert.equal(fr.lang, 'fr');
  assert.equal(fr.dir, 'ltr');
  assert.equal(fr.options[0][1], 'Tous les types');
  const es = await state(page, '#anc');
  assert.equal(es.count, 'Mostrando 10 de 213');
  assert.equal(es.heading, 'GCM Objective 11 – Manage borders');
  assert.equal(es.lang, 'es-mx');
  const ru = await state(page, '#html');
  assert.equal(ru.count, 'Показано 10 из 213');
  assert.equal(ru.heading, 'GCM Objective 11 – Manage borders');
  const de = await state(page, '#unknown');
  assert.equal(de.count, 'Showing 10 of 213');
  assert.equal(de.lang, 'en');
  const zh = await state(page, '#zh');
  assert.equal(zh.count, '显示 10 项，共 213 项');
  assert.equal(zh.heading, 'GCM Objective 11 – Manage borders');
  assert.equal(zh.headingLang, 'en');
  // each <time> carries the Hub's day (ISO 8601); its text is that day in the widget's language
  for (const w of [fr, es, ru, de, zh]) assert.deepEqual(w.dates, items.slice(0, 10).map(i => i._gcm?.date ?? i.date_published?.slice(0, 10) ?? null));
  assert.equal(items[0].date_published.slice(0, 10), '2026-01-29');
  assert.deepEqual([fr, es, ru, de, zh].map(w => w.dateTexts[0]), ['29 janv. 2026', '29 ene 2026', '29 янв. 2026 г.', 'Jan 29, 2026', '2026年1月29日']);
  await close();
});

test('every language of shared/UnLanguages.cs has its own strings in the widget (no English fallback)', async () => {
  const codes = JSON.parse(read('shared/UnLanguages.cs').toString().match(/Codes\s*=\s*(\[[^\]]*\])/)[1]);
  assert.equal(codes.length, 6);
  const { page, close } = await load(codes.map(c => `<gcm-resources id="w-${c}" lang="${c}" objective="11"></gcm-resources>`).join('') + script());
  await settled(page, 'gcm-resources', codes.length);
  const got = {};
  for (const c of codes) {
    const s = await state(page, `#w-${c}`);
    got[c] = [s.lang, c === 'en' || s.count !== 'Showing 10 of 213'];
  }
  assert.deepEqual(got, Object.fromEntries(codes.map(c => [c, [c, true]])));
  await close();
});

test('Arabic: right-to-left region, Arabic strings; items keep their own lang and dir=auto', async () => {
  const { page, close } = await load(`<gcm-resources objective="11" lang="ar"></gcm-resources>${script()}`);
  await settled(page);
  const s = await state(page);
  assert.equal(s.dir, 'rtl');
  assert.equal(s.lang, 'ar');
  assert.equal(s.count, 'عرض 10 من أصل 213');
  assert.equal(s.heading, 'GCM Objective 11 – Manage borders');
  assert.equal(s.dateTexts[0], '29\u200f/01\u200f/2026');
  // computed direction inside the region; the type label starts at the right, the date is left of it
  const css = await page.evaluate(() => {
    const r = document.querySelector('gcm-resources').shadowRoot;
    const type = r.querySelector('[part~=type]').getBoundingClientRect(), date = r.querySelector('[part~=date]').getBoundingClientRect();
    const list = r.querySelector('[part~=list]');
    return { dir: getComputedStyle(list).direction, typeRight: type.right, listRight: list.getBoundingClientRect().right, dateRight: date.right, typeLeft: type.left };
  });
  assert.equal(css.dir, 'rtl');
  assert.ok(Math.abs(css.typeRight - css.listRight) < 1, 'type label at the inline start (right)');
  assert.ok(css.dateRight < css.typeLeft, 'date after it, to the left, not interleaved');
  // item language comes from item.language (feed.language when absent), with dir=auto
  await page.locator('gcm-resources >> [part~=search]').fill('Cooperación internacional');
  const link = await page.locator('gcm-resources >> [part~=link]').first();
  assert.equal(await link.getAttribute('lang'), items.find(i => i.title.startsWith('Cooperación internacional')).language);
  assert.equal(await link.getAttribute('lang'), 'es');
  assert.equal(await link.getAttribute('dir'), 'auto');
  assert.equal(await link.evaluate(a => getComputedStyle(a).direction), 'ltr', 'a Latin title in an RTL widget reads LTR');
  // … and is aligned by its own direction: at the left of the item, like the English heading in the region
  const edges = await page.evaluate(() => {
    const r = document.querySelector('gcm-resources').shadowRoot, box = e => e.getBoundingClientRect();
    const text = e => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return range.getBoundingClientRect();
    };
    const a = r.querySelector('[part~=link]'), h = r.querySelector('[part~=heading]'), li = a.closest('li');
    return { title: text(a).left - box(li).left, heading: text(h).left - box(h).left, headingDir: getComputedStyle(h).direction, headingRoom: box(h).width - text(h).width };
  });
  assert.ok(edges.headingRoom > 50, 'the heading is shorter than its line (else alignment shows nothing)');
  assert.ok(Math.abs(edges.title) < 1, `Latin title starts at the left: ${edges.title}`);
  assert.equal(edges.headingDir, 'ltr');
  assert.ok(Math.abs(edges.heading) < 1, `English heading starts at the left: ${edges.heading}`);
  await close();
});

test('mixed direction: an Arabic title and summary in an English widget read right to left and align right', async () => {
  const feed = published('objective-11/feed.json', server.url('/'));
  feed.items = [{ ...feed.items[0], title: 'دليل إدارة الحدود', summary: 'ملخص قصير باللغة العربية.', language: 'ar' }, ...feed.items.slice(1, 3)];
  server.feed('/mixed/feed.json', feed);
  const { page, close } = await load(`<gcm-resources src="/mixed/feed.json"></gcm-resources>${script()}`);
  await settled(page);
  const got = await page.evaluate(() => {
    const r = document.querySelector('gcm-resources').shadowRoot, box = e => e.getBoundingClientRect();
    const text = e => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return range.getBoundingClientRect();
    };
    const li = r.querySelector('li'), a = li.querySelector('[part~=link]'), p = li.querySelector('[part~=summary]'), meta = li.querySelector('[part~=type]');
    return {
      dirs: [getComputedStyle(a).direction, getComputedStyle(p).direction, getComputedStyle(li).direction],
      title: box(li).right - text(a).right,
      summary: box(li).right - text(p).right,
      type: text(meta).left - box(li).left,
    };
  });
  assert.deepEqual(got.dirs, ['rtl', 'rtl', 'ltr']);
  assert.ok(Math.abs(got.title) < 1, `Arabic title ends at the right: ${got.title}`);
  assert.ok(Math.abs(got.summary) < 1, `Arabic summary ends at the right: ${got.summary}`);
  assert.ok(Math.abs(got.type) < 1, `the widget's own line stays left: ${got.type}`);
  await close();
});

test('a Hub date is a calendar day: the same day in Mexico City and Tokyo, for midnight UTC and for _gcm.date at noon UTC', async () => {
  const feed = published('objective-11/feed.json', server.url('/'));
  // a fixture item as the C# renderer wrote it, then the day in _gcm.date at noon UTC, and a _gcm.date
  // that wins over a date_published on the next UTC day
  const noon = { ...feed.items[1], date_published: '2026-01-27T12:00:00Z', _gcm: { ...feed.items[1]._gcm, date: '2026-01-27' } };
  feed.items = [feed.items[0], noon, { ...feed.items[2], date_published: '2026-01-08T02:00:00Z', _gcm: { type: 'practice', date: '2026-01-07' } }];
  server.feed('/days/feed.json', feed);
  for (const timezoneId of ['America/Mexico_City', 'Asia/Tokyo', 'UTC']) {
    const { page, close } = await load(`<gcm-resources src="/days/feed.json"></gcm-resources><gcm-resources id="fr" lang="fr" src="/days/feed.json"></gcm-resources>${script()}`, {
      ctx: { timezoneId },
    });
    await settled(page, 'gcm-resources', 2);
    assert.equal(await page.evaluate(() => new Date('2026-01-29T00:00:00Z').getDate()), timezoneId === 'America/Mexico_City' ? 28 : 29, 'the control: the zone is in effect');
    const s = await state(page);
    assert.deepEqual(s.dates, ['2026-01-29', '2026-01-27', '2026-01-07'], timezoneId);
    assert.deepEqual(s.dateTexts, ['Jan 29, 2026', 'Jan 27, 2026', 'Jan 7, 2026'], timezoneId);
    assert.deepEqual((await state(page, '#fr')).dateTexts, ['29 janv. 2026', '27 janv. 2026', '7 janv. 2026'], timezoneId);
    await close();
  }
});

test('items without a language take the feed language', async () => {
  const noLang = items.find(i => !i.language);
  assert.ok(noLang, 'the snapshot has items without language');
  const { page, close } = await load(`<gcm-resources objective="11" limit="300"></gcm-resources>${script()}`);
  await settled(page);
  const lang = await page.evaluate(
    t => [...document.querySelector('gcm-resources').shadowRoot.querySelectorAll('[part~=link]')].find(a => a.textContent === t).getAttribute('lang'),
    noLang.title
  );
  assert.equal(lang, 'en');
  await close();
});

test('<div data-gcm-resources> with data-* attributes works like the element', async () => {
  const { page, seen, close } = await load(
    `<div data-gcm-resources data-objective="11" data-limit="3" data-lang="es" data-theme="dark"><a href="https://migrationnetwork.un.org/taxonomy/term/289">Hub</a></div>${script()}`
  );
  await settled(page, '[data-gcm-resources]');
  const s = await state(page, '[data-gcm-resources]');
  assert.equal(s.count, 'Mostrando 3 de 213');
  assert.deepEqual(s.titles, items.slice(0, 3).map(i => i.title));
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('[data-gcm-resources]').shadowRoot.querySelector('[part~=region]')).backgroundColor);
  assert.equal(bg, 'rgb(22, 22, 22)');
  assert.deepEqual(seen.errors, []);
  await close();
});

test('async and defer scripts in <head>, before the elements exist, still render every widget', async () => {
  for (const attr of ['async', 'defer']) {
    const { page, seen, close } = await load(
      `<p>text</p><gcm-resources objective="11"></gcm-resources><div data-gcm-resources data-objective="11"></div>`,
      { head: script('/widget/v1/gcm-resources.js', attr) }
    );
    await settled(page, 'gcm-resources, [data-gcm-resources]', 2);
    assert.equal((await state(page)).count, 'Showing 10 of 213', attr);
    assert.equal((await state(page, '[data-gcm-resources]')).count, 'Showing 10 of 213', attr);
    assert.deepEqual(seen.errors, []);
    await close();
  }
});

test('gcm-resources:render bubbles out of the shadow tree once, after the first render', async () => {
  const { page, close } = await load(`<div id="wrap"><gcm-resources objective="11"></gcm-resources></div>`);
  await page.evaluate(() => {
    window.renders = [];
    document.addEventListener('gcm-resources:render', e => window.renders.push([e.target.tagName, e.composed, e.target.shadowRoot.querySelectorAll('li').length]));
  });
  await page.addScriptTag({ url: '/widget/v1/gcm-resources.js' });
  await settled(page);
  await page.locator('gcm-resources >> [part~=more]').click();
  assert.deepEqual(await page.evaluate(() => window.renders), [['GCM-RESOURCES', true, 10]]);
  await close();
});

test('loading="lazy": no request until the widget nears the viewport', async () => {
  const feedPath = '/lazy/objective-23/feed.json';
  const { page, close } = await load(
    `<div style="height:3000px">spacer</div><gcm-resources objective="23" loading="lazy"></gcm-resources>${script('/lazy/widget/v1/gcm-resources.js')}`
  );
  await page.waitForTimeout(250);
  assert.equal(server.requests(feedPath).length, 0, 'not fetched off-screen');
  assert.equal(await page.evaluate(() => document.querySelector('gcm-resources').shadowRoot.querySelector('section').getAttribute('aria-busy')), 'true');
  await page.locator('gcm-resources').scrollIntoViewIfNeeded();
  await settled(page);
  assert.equal(server.requests(feedPath).length, 1);
  assert.equal((await state(page)).count, 'Showing 10 of 600');
  await close();
});

test('theme: inherits the page by default; light, dark, auto; custom properties override', async () => {
  const { page, close } = await load(
    `<div id="host" style="color: rgb(10, 20, 30); font-family: Georgia, serif; font-size: 19px">
       <gcm-resources id="inherit" objective="11"></gcm-resources>
       <gcm-resources id="light" objective="11" theme="light"></gcm-resources>
       <gcm-resources id="dark" objective="11" theme="dark"></gcm-resources>
       <gcm-resources id="auto" objective="11" theme="auto"></gcm-resources>
       <gcm-resources id="custom" objective="11" theme="dark"></gcm-resources>
     </div>${script()}`,
    { head: '<style>#custom{--gcm-accent:rgb(1, 2, 3);--gcm-bg:rgb(250, 240, 230);--gcm-radius:0px;--gcm-height:20rem}</style>' }
  );
  await settled(page, 'gcm-resources', 5);
  const look = () =>
    page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('gcm-resources')].map(h => {
          const r = h.shadowRoot, reg = getComputedStyle(r.querySelector('[part~=region]')), a = getComputedStyle(r.querySelector('[part~=link]'));
          return [h.id, { bg: reg.backgroundColor, fg: reg.color, font: a.fontFamily, size: reg.fontSize, link: a.color, scheme: reg.colorScheme, radius: reg.borderTopLeftRadius, height: h.getBoundingClientRect().height }];
        })
      )
    );
  let s = await look();
  assert.equal(s.inherit.bg, 'rgba(0, 0, 0, 0)');
  assert.equal(s.inherit.fg, 'rgb(10, 20, 30)');
  assert.equal(s.inherit.link, 'rgb(10, 20, 30)');
  assert.equal(s.inherit.font, 'Georgia, serif');
  assert.equal(s.inherit.size, '19px');
  assert.equal(s.light.bg, 'rgb(255, 255, 255)');
  assert.equal(s.light.scheme, 'light');
  assert.equal(s.dark.bg, 'rgb(22, 22, 22)');
  assert.equal(s.dark.fg, 'rgb(242, 242, 242)');
  assert.equal(s.dark.scheme, 'dark');
  assert.equal(s.dark.font, 'Georgia, serif', 'a theme keeps the page font');
  assert.equal(s.auto.bg, 'rgb(255, 255, 255)');
  assert.equal(s.custom.link, 'rgb(1, 2, 3)');
  assert.equal(s.custom.bg, 'rgb(250, 240, 230)');
  assert.equal(s.custom.radius, '0px');
  assert.equal(s.custom.height, 20 * 16);
  assert.equal(s.light.height, 32 * 16);
  await page.emulateMedia({ colorScheme: 'dark' });
  s = await look();
  assert.equal(s.auto.bg, 'rgb(22, 22, 22)');
  assert.equal(s.light.bg, 'rgb(255, 255, 255)');
  await close();
});

test('visible focus: keyboard focus draws a 2px outline', async () => {
  const { page, close } = await load(`<button id="b">b</button><gcm-resources objective="11" theme="light"></gcm-resources>${script()}`);
  await settled(page);
  await page.focus('#b');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const o = await page.evaluate(() => {
    const a = document.querySelector('gcm-resources').shadowRoot.activeElement, s = getComputedStyle(a);
    return { part: a.getAttribute('part'), style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor };
  });
  assert.deepEqual(o, { part: 'link', style: 'solid', width: '2px', color: 'rgb(11, 90, 168)' });
  await close();
});

const failures = {
  '404': { status: 404, body: 'not found', type: 'text/plain' },
  'malformed JSON': { body: '{"version":"https://jsonfeed.org/version/1.1","items":[{"title":', type: 'json' },
  'JSON without items': { body: '{"version":"https://jsonfeed.org/version/1.1","title":"x"}', type: 'json' },
  'items not an array': { body: '{"items":{"0":{"title":"x"}}}', type: 'json' },
  'network error': { destroy: true },
};
test('a failed feed load (404, network error, malformed JSON, no items) shows the error message and the fallback link', async () => {
  const fallback = 'https://migrationnetwork.un.org/taxonomy/term/289';
  const ids = Object.keys(failures).map((name, i) => {
    server.route(`/broken/${i}/feed.json`, failures[name]);
    return [name, `w${i}`, `<gcm-resources id="w${i}" src="/broken/${i}/feed.json" theme="light"><a href="${fallback}">GCM Objective 11 on the Migration Network Hub</a></gcm-resources>`];
  });
  const { page, close } = await load(`${ids.map(x => x[2]).join('')}${script()}`);
  await settled(page, 'gcm-resources', ids.length);
  for (const [name, id] of ids) {
    const s = await state(page, `#${id}`);
    assert.equal(s.count, 'Loading failed.', name);
    assert.equal(await page.locator(`#${id} >> [part~=status]`).getAttribute('role'), 'status');
    assert.deepEqual(s.titles, [], name);
    assert.equal(s.hub, 'https://migrationnetwork.un.org/', `${name}: the Hub link goes to the Hub`);
    // the light-DOM fallback is slotted in and visible, next to the Hub link
    assert.equal(await page.locator(`#${id} > a`).isVisible(), true, name);
    assert.equal(await page.locator(`#${id} >> [part~=hub-link]`).isVisible(), true, name);
    assert.equal(await page.locator(`#${id} >> [part~=filter]`).isDisabled(), true, name);
  }
  await close();
});

test('a failed load without light-DOM fallback still links to the Hub; a later widget retries', async () => {
  let calls = 0;
  server.route('/flaky/feed.json', { type: 'json', body: () => (++calls === 1 ? '{' : JSON.stringify(feed)) });
  const { page, close } = await load(`<gcm-resources id="x" src="/flaky/feed.json"></gcm-resources>${script()}`);
  await settled(page);
  const s = await state(page, '#x');
  assert.equal(s.count, 'Loading failed.');
  assert.equal(s.hub, 'https://migrationnetwork.un.org/');
  await page.evaluate(() => {
    const e = document.createElement('gcm-resources');
    e.id = 'y';
    e.setAttribute('src', '/flaky/feed.json');
    document.body.append(e);
  });
  await settled(page, 'gcm-resources', 2);
  assert.equal((await state(page, '#y')).count, 'Showing 10 of 213');
  assert.equal(calls, 2);
  await close();
});

test('an attribute change renders again; a change before the first feed arrives leaves no trace of it', async () => {
  server.feed('/slow11/objective-11/feed.json', published('objective-11/feed.json', server.url('/slow11/')), { delay: 300 });
  const { page, close } = await load(`<gcm-resources objective="11"></gcm-resources>${script('/slow11/widget/v1/gcm-resources.js')}`);
  await page.evaluate(() => {
    const w = document.querySelector('gcm-resources');
    window.renders = 0;
    w.addEventListener('gcm-resources:render', () => window.renders++);
    w.setAttribute('objective', '23'); // while objective 11 is still on its way
  });
  await settled(page);
  await page.waitForTimeout(500); // objective 11's feed has arrived by now
  let s = await state(page);
  assert.equal(s.heading, 'GCM Objective 23 – International cooperation');
  assert.equal(s.count, 'Showing 10 of 600');
  assert.equal(await page.evaluate(() => window.renders), 1, 'the replaced mount never rendered');
  assert.equal(server.requests('/slow11/objective-11/feed.json').length, 1, 'it was requested');
  // later changes: language, limit, heading level
  await page.evaluate(() => {
    const w = document.querySelector('gcm-resources');
    w.setAttribute('lang', 'es');
    w.setAttribute('limit', '3');
    w.setAttribute('heading-level', '4');
  });
  await settled(page);
  s = await state(page);
  assert.equal(s.count, 'Mostrando 3 de 600');
  assert.equal(s.headingTag, 'H4');
  assert.equal(await page.evaluate(() => document.querySelector('gcm-resources').shadowRoot.querySelectorAll('section').length), 1);
  await close();
});

test('a removed element stops (no render after removal) and renders again when it is put back', async () => {
  server.feed('/gone11/objective-11/feed.json', published('objective-11/feed.json', server.url('/gone11/')), { delay: 250 });
  const { page, seen, close } = await load(`<div id="box"><gcm-resources objective="11"></gcm-resources></div>${script('/gone11/widget/v1/gcm-resources.js')}`);
  await page.evaluate(() => {
    const w = (window.w = document.querySelector('gcm-resources'));
    window.events = [];
    w.addEventListener('gcm-resources:render', () => window.events.push('render'));
    w.remove();
  });
  await page.waitForTimeout(450);
  assert.deepEqual(await page.evaluate(() => window.events), [], 'no render for a removed element');
  await page.evaluate(() => document.getElementById('box').append(window.w));
  await settled(page);
  assert.deepEqual(await page.evaluate(() => window.events), ['render']);
  assert.equal((await state(page)).count, 'Showing 10 of 213');
  assert.equal(server.requests('/gone11/objective-11/feed.json').length, 1, 'the feed request was shared');
  assert.deepEqual(seen.errors, []);
  await close();
});

test('new-days="N" marks the items first seen (_gcm.first_seen) in the last N days; off by default; nothing without first_seen', async () => {
  const day = 864e5, ago = d => new Date(Date.now() - d * day).toISOString();
  const feed = published('objective-11/feed.json', server.url('/'));
  const seen = [ago(2), ago(10), undefined, 'not a date', ago(6.5)];
  feed.items = feed.items.slice(0, 5).map((it, i) => ({ ...it, _gcm: { ...it._gcm, ...(seen[i] && { first_seen: seen[i] }) } }));
  server.feed('/firstseen/feed.json', feed);
  server.feed('/noseen/feed.json', published('objective-11/feed.json', server.url('/')));
  const { page, close } = await load(
    `<gcm-resources id="week" src="/firstseen/feed.json" new-days="7"></gcm-resources>` +
      `<div id="div" data-gcm-resources data-src="/firstseen/feed.json" data-new-days="7" data-lang="fr"></div>` +
      `<gcm-resources id="off" src="/firstseen/feed.json"></gcm-resources>` +
      `<gcm-resources id="bad" src="/firstseen/feed.json" new-days="soon"></gcm-resources>` +
      `<gcm-resources id="absent" src="/noseen/feed.json" new-days="3650"></gcm-resources>${script()}`
  );
  await settled(page, 'gcm-resources, [data-gcm-resources]', 5);
  const marks = sel =>
    page.evaluate(s => [...document.querySelector(s).shadowRoot.querySelectorAll('[part~=item]')].slice(0, 5).map(li => li.querySelector('[part~=new]')?.textContent ?? null), sel);
  assert.deepEqual(await marks('#week'), ['New', null, null, null, 'New']);
  assert.deepEqual(await marks('#div'), ['Nouveau', null, null, null, 'Nouveau']);
  assert.deepEqual(await marks('#off'), [null, null, null, null, null], 'off by default');
  assert.deepEqual(await marks('#bad'), [null, null, null, null, null], 'a bad value is off');
  assert.deepEqual(await marks('#absent'), [null, null, null, null, null], 'a feed without first_seen marks nothing');
  // an attribute change renders again with the new window
  await page.evaluate(() => document.getElementById('week').setAttribute('new-days', '30'));
  await page.waitForFunction(() => document.getElementById('week').shadowRoot.querySelectorAll('[part~=new]').length === 3);
  assert.deepEqual(await marks('#week'), ['New', 'New', null, null, 'New']);
  await close();
});
