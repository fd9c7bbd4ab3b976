// Shared by the embed tests: the CLI deploys the widget and publishes the bundled snapshot (objectives 11 and 12, and
// all/) into a fresh container of the running Azurite, as tests/e2e does; then the published index names every list.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export const run = promisify(execFile);
export const cli = new URL('../../cli/bin/Debug/net10.0/hubfeed.dll', import.meta.url).pathname;
export const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

/** Publishes into a new container; returns { env, index, lists: [{ key, feed, html?, frame, oembed, folder }] }. */
export async function publish(prefix = 'embed') {
  assert.ok(existsSync(cli), `${cli} is missing: build the solution first (./test.sh does)`);
  const id = prefix + randomBytes(4).toString('hex');
  const env = { ...process.env, HubFeed__Publish__Container: id, HubFeed__Catalog__TablePrefix: id };
  await run('dotnet', [cli, 'publish-widget'], { env, timeout: 120_000 });
  const { stdout } = await run('dotnet', [cli, 'run', '--source', 'snapshot', '--json'], { env, timeout: 120_000 });
  const summary = JSON.parse(stdout);
  assert.equal(summary.succeeded, true);
  const index = await (await fetch(summary.links.indexJson)).json();
  const lists = [...index.objectives, index.all].map(o => {
    const folder = o.json_feed.replace(/feed\.json$/, '');
    return { key: o.objective ?? 'all', feed: o.json_feed, html: o.html, folder, frame: folder + 'frame.html', oembed: folder + 'oembed.json', entry: o };
  });
  return { id, env, summary, index, lists, root: summary.links.indexJson.replace(/objectives\.json$/, '') };
}
