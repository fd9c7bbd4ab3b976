// The parameter files (azd: main.parameters.json; plain az: main.default.bicepparam and
// main.production.bicepparam) and azure.yaml.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DEPLOY_ENV, azdParameters, azdSubstitute, buildParams, infraDir, mainTemplate, repoRoot } from './bicep.mjs';

const mainParams = () => mainTemplate().parameters;
const required = () =>
  Object.entries(mainParams())
    .filter(([, p]) => !Object.hasOwn(p, 'defaultValue') && !p.nullable)
    .map(([k]) => k)
    .sort();

// The azd environment values that switch on what main.production.bicepparam deploys.
const PRODUCTION_SWITCHES = {
  HUBFEED_PRIVATE_NETWORKING: 'true',
  HUBFEED_ENABLE_FRONT_DOOR: 'true',
  HUBFEED_FRONT_DOOR_SKU: 'Premium_AzureFrontDoor',
  HUBFEED_STORAGE_SKU: 'Standard_ZRS',
  HUBFEED_BLOB_RETENTION_DAYS: '30',
  HUBFEED_LOG_RETENTION_DAYS: '90',
};

test('main.bicep requires exactly environmentName and sourceContactUrl', () => {
  assert.deepEqual(required(), ['environmentName', 'sourceContactUrl']);
});

test('there is no infra/main.bicepparam: azd would use it instead of main.parameters.json', () => {
  // azd's Bicep provider prefers <module>.bicepparam over <module>.bicep + <module>.parameters.json.
  assert.equal(fs.existsSync(path.join(infraDir, 'main.bicepparam')), false);
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
  assert.equal(file.parameters.deployerPrincipalId.value, '${AZURE_PRINCIPAL_ID}');
});

test('main.parameters.json as azd deploys it: the personal default, switches from azd env values', () => {
  const p = azdParameters();
  assert.deepEqual(p, {
    environmentName: 'test',
    location: 'westeurope',
    sourceContactUrl: 'mailto:ops@example.org',
    sourceObjectives: '11',
    enableFrontDoor: false,
    frontDoorSku: 'Standard_AzureFrontDoor',
    enablePrivateNetworking: false,
    storageSkuName: 'Standard_LRS',
    blobRetentionDays: 7,
    logRetentionDays: 30,
    deployerPrincipalId: DEPLOY_ENV.AZURE_PRINCIPAL_ID,
    deployerPrincipalType: 'User',
  });
  // Every value azd substitutes is valid for its parameter.
  const defs = mainParams();
  for (const [k, v] of Object.entries(p)) {
    if (defs[k].allowedValues) assert.ok(defs[k].allowedValues.includes(v), `${k}=${v}`);
  }
  // azd env set HUBFEED_PRIVATE_NETWORKING true ... switches the locked-down pieces on.
  const locked = azdParameters({
    ...DEPLOY_ENV,
    ...PRODUCTION_SWITCHES,
    AZURE_PRINCIPAL_TYPE: 'ServicePrincipal',
    HUBFEED_ALERT_EMAIL: 'ops@example.org',
  });
  assert.equal(locked.enablePrivateNetworking, true);
  assert.equal(locked.enableFrontDoor, true);
  assert.equal(locked.frontDoorSku, 'Premium_AzureFrontDoor');
  assert.equal(locked.storageSkuName, 'Standard_ZRS');
  assert.equal(locked.blobRetentionDays, 30);
  assert.equal(locked.logRetentionDays, 90);
  assert.equal(locked.deployerPrincipalType, 'ServicePrincipal');
  assert.equal(locked.alertEmail, 'ops@example.org');
  // No AZURE_PRINCIPAL_ID: no deployer assignment (the template default '').
  const { AZURE_PRINCIPAL_ID: _, ...noPrincipal } = DEPLOY_ENV;
  assert.ok(!Object.hasOwn(azdParameters(noPrincipal), 'deployerPrincipalId'));
});

test('azd substitution, as emulated by the tests: ${VAR}, ${VAR=default}, unset is empty', () => {
  assert.equal(azdSubstitute('${A}-${B=x}-${C}', { A: '1', C: '' }), '1-x-');
  assert.equal(azdSubstitute('${B=x}', { B: 'y' }), 'y');
});

for (const [file, expected] of [
  ['main.default.bicepparam', { enablePrivateNetworking: false, enableFrontDoor: true, storageSkuName: 'Standard_LRS', blobRetentionDays: 7, logRetentionDays: 30, environmentName: 'hubfeed' }],
  ['main.production.bicepparam', { enablePrivateNetworking: true, enableFrontDoor: true, frontDoorSku: 'Premium_AzureFrontDoor', storageSkuName: 'Standard_ZRS', blobRetentionDays: 30, logRetentionDays: 90, environmentName: 'hubfeed-prod' }],
]) {
  test(`bicep build-params infra/${file}: no warnings, every parameter is declared, values as documented`, () => {
    const r = buildParams(file, { HUBFEED_CONTACT_URL: 'mailto:ops@example.org', HUBFEED_ENABLE_FRONT_DOOR: 'true', HUBFEED_DEPLOYER_PRINCIPAL_ID: 'me' });
    assert.deepEqual(r.diagnostics, [], r.output);
    assert.equal(r.status, 0, r.output);
    const { parameters } = r;
    const defs = mainParams();
    for (const n of Object.keys(parameters)) assert.ok(Object.hasOwn(defs, n), `${file} sets undeclared ${n}`);
    for (const n of required()) assert.ok(Object.hasOwn(parameters, n), `${file} does not set required ${n}`);
    for (const [k, v] of Object.entries(parameters)) {
      if (defs[k].allowedValues) assert.ok(defs[k].allowedValues.includes(v), `${k}=${v}`);
    }
    assert.equal(parameters.sourceContactUrl, 'mailto:ops@example.org');
    assert.equal(parameters.sourceObjectives, '11');
    assert.equal(parameters.schedule, '0 0 */6 * * *');
    assert.deepEqual(parameters.allowedEmbeddingOrigins, ['*']);
    assert.equal(parameters.deployerPrincipalId, 'me');
    assert.equal(parameters.deployerPrincipalType, 'User');
    for (const [k, v] of Object.entries(expected)) assert.equal(parameters[k], v, k);
  });

  test(`${file} will not build without a contact URL (ops cannot deploy an anonymous crawler)`, () => {
    const r = buildParams(file, {});
    assert.ok(r.diagnostics.some((l) => /Error BCP427.*HUBFEED_CONTACT_URL/.test(l)), r.output);
    assert.notEqual(r.status, 0);
  });
}

function azureYaml() {
  const yaml = fs.readFileSync(path.join(repoRoot, 'azure.yaml'), 'utf8');
  const lines = yaml.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#'));
  return (key) => {
    const start = lines.findIndex((l) => l === `${key}:`);
    assert.notEqual(start, -1, `azure.yaml has no top-level ${key}:`);
    const end = lines.findIndex((l, i) => i > start && !/^\s/.test(l));
    return lines.slice(start + 1, end === -1 ? undefined : end).map((l) => l.trimEnd());
  };
}

test('azure.yaml: service api from ./functions, dotnet, Azure Functions host, bicep in infra/', () => {
  const block = azureYaml();
  assert.deepEqual(block('services'), ['  api:', '    project: ./functions', '    language: dotnet', '    host: function']);
  const infra = block('infra').map((l) => l.trim());
  assert.ok(infra.includes('provider: bicep'));
  assert.ok(infra.includes('path: infra'));
  assert.ok(infra.includes('module: main'));
});

test('azure.yaml: hooks upload the widget after provisioning and print the snippet after deploying', () => {
  assert.deepEqual(azureYaml()('hooks'), [
    '  postprovision:',
    '    posix:',
    '      shell: sh',
    '      run: infra/hooks/postprovision.sh',
    '  postdeploy:',
    '    posix:',
    '      shell: sh',
    '      run: infra/hooks/postdeploy.sh',
  ]);
});

test('azd with the production switches deploys what main.production.bicepparam deploys (the security-relevant values)', () => {
  const production = buildParams('main.production.bicepparam', DEPLOY_ENV).parameters;
  const azd = azdParameters({
    ...DEPLOY_ENV,
    ...PRODUCTION_SWITCHES,
  });
  for (const k of ['enablePrivateNetworking', 'enableFrontDoor', 'frontDoorSku', 'storageSkuName', 'blobRetentionDays', 'logRetentionDays']) {
    assert.equal(azd[k], production[k], k);
  }
  // The README lists exactly these commands.
  const readme = fs.readFileSync(path.join(infraDir, 'README.md'), 'utf8');
  for (const cmd of ['azd env set HUBFEED_PRIVATE_NETWORKING true', 'azd env set HUBFEED_ENABLE_FRONT_DOOR true', 'azd env set HUBFEED_FRONT_DOOR_SKU Premium_AzureFrontDoor', 'azd env set HUBFEED_STORAGE_SKU Standard_ZRS', 'azd env set HUBFEED_BLOB_RETENTION_DAYS 30', 'azd env set HUBFEED_LOG_RETENTION_DAYS 90']) {
    assert.ok(readme.includes(cmd), cmd);
  }
  assert.match(readme, /HUBFEED_CONTACT_URL=mailto:ops@example\.org infra\/deploy\.sh -g rg-hubfeed-prod -l westeurope --production/);
});
