#!/usr/bin/env node
// Prints the published-file URLs main.bicep hands out, relative to its public base URL, one
// "<output> <path>" per line (e.g. "feedUrl objective-11/feed.json"). The C# test that checks they
// are the paths BlobLayout owns:   node tests/infra/published-urls.mjs
import { Scope, mainParameters, mainTemplate } from './bicep.mjs';

try {
  const t = mainTemplate();
  const scope = new Scope(t, mainParameters());
  const base = String(scope.resolve(t.outputs.publicBaseUrl.value));
  const lines = [];
  for (const name of ['feedUrl', 'objectivesIndexUrl']) {
    const url = String(scope.resolve(t.outputs[name].value));
    if (!url.startsWith(base)) throw new Error(`${name} (${url}) is not under publicBaseUrl (${base})`);
    lines.push(`${name} ${url.slice(base.length)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
} catch (err) {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
}
