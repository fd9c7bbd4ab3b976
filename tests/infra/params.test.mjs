// The two parameter files (azd: main.parameters.json, plain az: main.bicepparam) and azure.yaml.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { infraDir, mainTemplate, repoRoot, runBicep } from './bicep.mjs';

const mainParams = () => mainTemplate().parameters;
const required = () =>
  Object.entries(mainParams())
    .filter(([, p]) => !Object.hasOwn(p, 'defaultValue') && !p.nullable)
    .map(([k]) => k)
    .sort();

test('main.bicep requires exactly environmentName and sourceContactUrl', () => {
  assert.deepEqual(required(), ['environmentName', 'sourceContactUrl']);
});

test('main.parameters.json is valid JSON, names only parameters of main.bicep and supplies the required ones', () => {
  const file = JSON.parse(fs.readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8'));
  assert.match(file.$schema, /deploymentParameters\.json#$/);
  const names = Object.keys(file.parameters);
  const known = Object.keys(mainParams());
  for (const n of names) assert.ok(known.includes(n), `main.parameters.json sets ${n}, which main.bicep does not declare`);
  for (const n of required()) assert.ok(names.includes(n), `main.parameters.json does not supply required ${n}`);
  assert.equal(file.parameters.environmentName.value, '${AZURE_ENV_NAME}');
  assert.equal(file.parameters.location.value, '${AZURE_LOCATION}');
  // A required value from an unset variable makes azd prompt for it (it has no default).
  assert.match(file.parameters.sourceContactUrl.value, /^\$\{[A-Z_]+\}$/);
});

function buildParams(env) {
  return runBicep(['build-params', path.join('infra', 'main.bicepparam'), '--stdout'], { env });
}

test('bicep build-params infra/main.bicepparam: no warnings, every parameter is declared, values as documented', () => {
  const r = buildParams({ HUBFEED_CONTACT_URL: 'mailto:ops@example.org', HUBFEED_ENABLE_FRONT_DOOR: 'true' });
  assert.deepEqual(r.diagnostics, [], r.output);
  assert.equal(r.status, 0, r.output);
  const { parametersJson } = JSON.parse(r.stdout);
  const { parameters } = JSON.parse(parametersJson);
  const known = Object.keys(mainParams());
  for (const n of Object.keys(parameters)) assert.ok(known.includes(n), `main.bicepparam sets undeclared ${n}`);
  for (const n of required()) assert.ok(Object.hasOwn(parameters, n), `main.bicepparam does not set required ${n}`);
  assert.equal(parameters.sourceContactUrl.value, 'mailto:ops@example.org');
  assert.equal(parameters.enableFrontDoor.value, true);
  assert.equal(parameters.sourceObjectives.value, '11');
  assert.equal(parameters.schedule.value, '0 0 */6 * * *');
  assert.deepEqual(parameters.allowedEmbeddingOrigins.value, ['*']);
});

test('main.bicepparam will not build without a contact URL (ops cannot deploy an anonymous crawler)', () => {
  const env = {};
  for (const k of Object.keys(process.env)) if (k !== 'HUBFEED_CONTACT_URL') env[k] = process.env[k];
  const saved = process.env.HUBFEED_CONTACT_URL;
  delete process.env.HUBFEED_CONTACT_URL;
  try {
    const r = buildParams(env);
    assert.ok(r.diagnostics.some((l) => /Error BCP427.*HUBFEED_CONTACT_URL/.test(l)), r.output);
    assert.notEqual(r.status, 0);
  } finally {
    if (saved !== undefined) process.env.HUBFEED_CONTACT_URL = saved;
  }
});

test('azure.yaml: service api from ./functions, dotnet, Azure Functions host, bicep in infra/', () => {
  const yaml = fs.readFileSync(path.join(repoRoot, 'azure.yaml'), 'utf8');
  const lines = yaml.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
  const block = (key) => {
    const start = lines.findIndex((l) => l === `${key}:`);
    assert.notEqual(start, -1, `azure.yaml has no top-level ${key}:`);
    const end = lines.findIndex((l, i) => i > start && !/^\s/.test(l));
    return lines.slice(start + 1, end === -1 ? undefined : end);
  };
  const services = block('services');
  assert.deepEqual(
    services.map((l) => l.trimEnd()),
    ['  api:', '    project: ./functions', '    language: dotnet', '    host: function'],
  );
  const infra = block('infra').map((l) => l.trim());
  assert.ok(infra.includes('provider: bicep'));
  assert.ok(infra.includes('path: infra'));
  assert.ok(infra.includes('module: main'));
});
