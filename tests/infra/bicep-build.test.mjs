// Every .bicep file under infra/ builds and lints with zero warnings and zero errors.
// Type errors (BCP036/BCP037...) are reported as warnings with exit code 0, so the tests fail on any
// ": Warning " / ": Error " line, not only on the exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildAll, infraDir, infraFiles, repoRoot, runBicep } from './bicep.mjs';

const bicepFiles = infraFiles('.bicep').map((f) => path.relative(infraDir, f));

test('infra/ has main.bicep and the role modules', () => {
  for (const f of [
    'main.bicep',
    'modules/identity.bicep',
    'modules/storage.bicep',
    'modules/content.bicep',
    'modules/monitoring.bicep',
    'modules/functionapp.bicep',
    'modules/rbac.bicep',
    'modules/frontdoor.bicep',
    'modules/frontdoor-api.bicep',
    'modules/network.bicep',
    'modules/alerts.bicep',
  ]) {
    assert.ok(bicepFiles.includes(f), `infra/${f} is missing (found: ${bicepFiles.join(', ')})`);
  }
});

test('bicep build of every .bicep file: no warnings, no errors', () => {
  const build = buildAll();
  assert.deepEqual(build.diagnostics, [], build.output);
  assert.equal(build.status, 0, build.output);
  for (const f of bicepFiles) {
    const t = build.templates[f];
    assert.ok(t, `infra/${f} produced no JSON`);
    assert.match(t.$schema, /deploymentTemplate\.json#$/, `infra/${f} is not an ARM template`);
  }
});

test('bicep lint of every .bicep file: no warnings, no errors', () => {
  const r = runBicep(['lint', '--pattern', 'infra/**/*.bicep']);
  assert.deepEqual(r.diagnostics, [], r.output);
  assert.equal(r.status, 0, r.output);
});

test('the checks above do catch problems (a linter warning and a type error that exits 0)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubfeed-bicep-bad-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'bad.bicep'),
      [
        'param unusedName string', // no-unused-params (linter warning)
        "resource st 'Microsoft.Storage/storageAccounts@2026-06-01' = {",
        "  name: 'stbadexample001'",
        "  location: 'westeurope'",
        "  kind: 'StorageV2'",
        "  sku: { name: 'Standard_LRS' }",
        '  properties: { allowSharedKeyAcess: false }', // misspelt: BCP089, a warning
        '}',
        '',
      ].join('\n'),
    );
    const r = runBicep(['build', path.join(dir, 'bad.bicep'), '--outdir', dir]);
    assert.equal(r.status, 0, 'a type error alone does not fail bicep build: that is why output lines are checked');
    assert.ok(r.diagnostics.some((l) => /Warning no-unused-params/.test(l)), r.output);
    assert.ok(r.diagnostics.some((l) => /Warning BCP089/.test(l)), r.output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no compiled template is left in the tree', () => {
  const json = infraFiles('.json').map((f) => path.relative(infraDir, f));
  assert.deepEqual(json.sort(), ['abbreviations.json', 'main.parameters.json']);
});

test('infra/deploy.sh is executable and valid bash', () => {
  const script = path.join(infraDir, 'deploy.sh');
  assert.ok(fs.statSync(script).mode & 0o100, 'deploy.sh is not executable');
  const r = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const text = fs.readFileSync(script, 'utf8');
  assert.match(text, /az deployment group create[\s\S]*--template-file infra\/main\.bicep[\s\S]*--parameters "\$params"/);
  assert.match(text, /^params=infra\/main\.default\.bicepparam$/m);
  assert.match(text, /--production\) params=infra\/main\.production\.bicepparam/);
  assert.match(text, /dotnet publish functions -c Release -o /);
  assert.match(text, /az functionapp deployment source config-zip/);
  assert.match(text, /^set -euo pipefail$/m);
});

test('deploy.sh refuses to run without a resource group or a contact URL (before touching Azure)', () => {
  const script = path.join(infraDir, 'deploy.sh');
  const env = { ...process.env, PATH: '/usr/bin:/bin' };
  delete env.HUBFEED_CONTACT_URL;
  let r = spawnSync('bash', [script], { encoding: 'utf8', env, cwd: repoRoot });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage:/);
  r = spawnSync('bash', [script, '-g', 'rg-x'], { encoding: 'utf8', env, cwd: repoRoot });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /HUBFEED_CONTACT_URL is required/);
});
