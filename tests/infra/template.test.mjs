// Assertions on the compiled ARM JSON of infra/main.bicep (nested module templates included),
// evaluated with main.bicep's defaults unless a test passes other parameter values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { Scope, Unknown, appSettings, infraDir, mainParameters, mainTemplate, repoRoot, walkResources } from './bicep.mjs';

const ROLE = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
};
const QUEUE_DATA_CONTRIBUTOR = '974c5e8b-45b9-4653-ba55-5f855dd0fb88';

const s = (v) => String(v);
const resources = (overrides) => walkResources(mainTemplate(), mainParameters(overrides));
const ofType = (items, type) => items.filter((x) => x.resource.type === type && !x.existing);
const props = (x) => x.scope.resolve(x.resource.properties ?? {});
const inModule = (x) => x.deploymentPath.join('/');

function storageAccounts(items = resources()) {
  const accounts = ofType(items, 'Microsoft.Storage/storageAccounts');
  const priv = accounts.filter((x) => inModule(x) === 'storage');
  const content = accounts.filter((x) => inModule(x) === 'content');
  return { accounts, priv, content };
}

// ------------------------------------------------------------------------------------- storage

test('two storage accounts: the private one (module storage) and the content one (module content)', () => {
  const { accounts, priv, content } = storageAccounts();
  assert.equal(accounts.length, 2, accounts.map((x) => s(x.name)).join(', '));
  assert.equal(priv.length, 1);
  assert.equal(content.length, 1);
  assert.notEqual(s(priv[0].name), s(content[0].name));
});

test('every storage account: no shared keys, TLS 1.2, HTTPS only, OAuth by default', () => {
  for (const x of storageAccounts().accounts) {
    const p = props(x);
    assert.equal(p.allowSharedKeyAccess, false, s(x.name));
    assert.equal(p.minimumTlsVersion, 'TLS1_2', s(x.name));
    assert.equal(p.supportsHttpsTrafficOnly, true, s(x.name));
    assert.equal(p.defaultToOAuthAuthentication, true, s(x.name));
    assert.equal(x.resource.kind, 'StorageV2');
  }
});

test('blob public access: off on the private account, on only on the content account', () => {
  const { priv, content } = storageAccounts();
  assert.equal(props(priv[0]).allowBlobPublicAccess, false);
  assert.equal(props(content[0]).allowBlobPublicAccess, true);
});

test('the only public container is `feeds` on the content account, with blob-level (no listing) access', () => {
  const containers = ofType(resources(), 'Microsoft.Storage/storageAccounts/blobServices/containers');
  const pub = containers.filter((x) => (props(x).publicAccess ?? 'None') !== 'None');
  assert.equal(pub.length, 1, pub.map((x) => s(x.name)).join(', '));
  assert.equal(inModule(pub[0]), 'content');
  assert.match(s(pub[0].name), /\/default\/feeds$/);
  assert.equal(props(pub[0]).publicAccess, 'Blob');
  // The deployment package container is private.
  const deploy = containers.filter((x) => inModule(x) === 'storage');
  assert.equal(deploy.length, 1);
  assert.equal(props(deploy[0]).publicAccess, 'None');
});

test('the catalog tables are exactly resources, runs, sourcestate, pagecache, on the private account', () => {
  const tables = ofType(resources(), 'Microsoft.Storage/storageAccounts/tableServices/tables');
  assert.deepEqual(tables.map((x) => s(x.name).split('/').at(-1)).sort(), ['pagecache', 'resources', 'runs', 'sourcestate']);
  for (const t of tables) assert.equal(inModule(t), 'storage');
});

test('the run queue and its poison queue (the Functions host convention) are on the private account, nowhere else', () => {
  const queues = ofType(resources(), 'Microsoft.Storage/storageAccounts/queueServices/queues');
  // The app's name for it (RunQueue.Name, which the queue trigger names too), and the host's poison convention.
  const runQueue = fs.readFileSync(path.join(repoRoot, 'shared', 'Pipeline', 'RunQueue.cs'), 'utf8').match(/const string Name = "([^"]+)"/)[1];
  assert.deepEqual(queues.map((x) => s(x.name).split('/').at(-1)).sort(), [runQueue, `${runQueue}-poison`]);
  for (const q of queues) assert.equal(inModule(q), 'storage');
  // The app reads its queue connection from HubFeedStorage__queueServiceUri: the private account.
  assert.equal(s(settingsMap().HubFeedStorage__queueServiceUri), "«reference('storage').outputs.queueEndpoint.value»");
});

function corsRules(overrides) {
  const services = ofType(resources(overrides), 'Microsoft.Storage/storageAccounts/blobServices');
  const byModule = Object.fromEntries(services.map((x) => [inModule(x), props(x).cors?.corsRules ?? []]));
  return byModule;
}

test('CORS on the content account: GET/HEAD/OPTIONS only, default any origin, exposes the caching headers', () => {
  const rules = corsRules();
  assert.deepEqual(rules.storage, [], 'the private account must have no CORS rules');
  assert.equal(rules.content.length, 1);
  for (const rule of rules.content) {
    assert.deepEqual([...rule.allowedMethods].sort(), ['GET', 'HEAD', 'OPTIONS']);
    assert.deepEqual(rule.allowedOrigins, ['*']);
    for (const h of ['ETag', 'Content-Length', 'Content-Type', 'Last-Modified']) assert.ok(rule.exposedHeaders.includes(h), h);
    assert.equal(rule.maxAgeInSeconds, 3600);
    assert.ok(rule.allowedHeaders.length > 0);
  }
});

test('CORS origins follow allowedEmbeddingOrigins', () => {
  const origins = ['https://www.example.org', 'https://intranet.example.org'];
  const rules = corsRules({ allowedEmbeddingOrigins: origins });
  assert.deepEqual(rules.content[0].allowedOrigins, origins);
});

// ---------------------------------------------------------------------------------- function app

const EXPECTED_SETTINGS = [
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'AzureWebJobsStorage__blobServiceUri',
  'AzureWebJobsStorage__queueServiceUri',
  'AzureWebJobsStorage__tableServiceUri',
  'HubFeedStorage__credential',
  'HubFeedStorage__clientId',
  'HubFeedStorage__tableServiceUri',
  'HubFeedStorage__blobServiceUri',
  'HubFeedStorage__queueServiceUri',
  'HubFeed__Source__BaseUrl',
  'HubFeed__Source__Objectives',
  'HubFeed__Source__ContactUrl',
  'HubFeed__Publish__Container',
  'HubFeed__Publish__PublicBaseUrl',
  'HubFeed__Publish__ConfigureCors',
  'HubFeed__Health__MaxRunAgeHours',
  'HubFeedSchedule',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
];

const settingsMap = (overrides) => Object.fromEntries(appSettings(mainParameters(overrides)).map((x) => [x.name, x.value]));

test('app settings: exactly the expected names, each once', () => {
  const names = appSettings().map((x) => x.name);
  assert.equal(new Set(names).size, names.length, 'duplicate app setting');
  assert.deepEqual([...names].sort(), [...EXPECTED_SETTINGS].sort());
});

test('app settings: no secrets, no settings Flex Consumption rejects', () => {
  for (const { name, value } of appSettings()) {
    assert.doesNotMatch(s(value), /AccountKey=|SharedAccessSignature|listKeys\(|InstrumentationKey=/i, name);
    assert.doesNotMatch(name, /^(FUNCTIONS_WORKER_RUNTIME|WEBSITE_RUN_FROM_PACKAGE|WEBSITE_CONTENT)/i);
  }
  // Nowhere in the template: no key listing, no SAS.
  const text = JSON.stringify(mainTemplate());
  assert.doesNotMatch(text, /listKeys|listAccountSas|listServiceSas|AccountKey=/i);
});

test('app settings: identity-based connections to the right accounts', () => {
  const v = settingsMap();
  assert.equal(v.AzureWebJobsStorage__credential, 'managedidentity');
  assert.equal(v.HubFeedStorage__credential, 'managedidentity');
  for (const k of ['AzureWebJobsStorage__clientId', 'HubFeedStorage__clientId']) {
    assert.equal(s(v[k]), "«reference('identity').outputs.clientId.value»", k);
  }
  assert.equal(s(v.AzureWebJobsStorage__blobServiceUri), "«reference('storage').outputs.blobEndpoint.value»");
  assert.equal(s(v.AzureWebJobsStorage__queueServiceUri), "«reference('storage').outputs.queueEndpoint.value»");
  assert.equal(s(v.AzureWebJobsStorage__tableServiceUri), "«reference('storage').outputs.tableEndpoint.value»");
  assert.equal(s(v.HubFeedStorage__tableServiceUri), "«reference('storage').outputs.tableEndpoint.value»");
  assert.equal(s(v.HubFeedStorage__blobServiceUri), "«reference('content').outputs.blobEndpoint.value»");
  assert.equal(s(v.HubFeedStorage__queueServiceUri), "«reference('storage').outputs.queueEndpoint.value»");
  assert.equal(s(v.APPLICATIONINSIGHTS_CONNECTION_STRING), "«reference('monitoring').outputs.connectionString.value»");
  assert.equal(
    s(v.APPLICATIONINSIGHTS_AUTHENTICATION_STRING),
    "ClientId=«reference('identity').outputs.clientId.value»;Authorization=AAD",
  );
});

test('app settings: HubFeed values and their defaults', () => {
  const v = settingsMap();
  assert.equal(v.HubFeed__Source__BaseUrl, 'https://migrationnetwork.un.org');
  assert.equal(v.HubFeed__Source__Objectives, '11');
  assert.equal(v.HubFeed__Source__ContactUrl, 'mailto:ops@example.org');
  assert.equal(v.HubFeed__Publish__Container, 'feeds');
  assert.equal(v.HubFeed__Publish__ConfigureCors, 'false');
  assert.equal(v.HubFeed__Health__MaxRunAgeHours, '24');
  assert.equal(v.HubFeedSchedule, '0 0 */6 * * *');
  assert.equal(v.HubFeedSchedule.split(' ').length, 6, 'NCRONTAB with seconds');
  for (const value of Object.values(v)) assert.equal(typeof s(value), 'string');
  for (const value of Object.values(v)) assert.ok(typeof value === 'string' || value instanceof Unknown, 'app settings are strings');
});

test('app settings: parameters flow through', () => {
  const v = settingsMap({
    sourceObjectives: '11,23',
    sourceBaseUrl: 'https://hub.example.org',
    healthMaxRunAgeHours: 48,
    schedule: '0 30 2 * * *',
  });
  assert.equal(v.HubFeed__Source__Objectives, '11,23');
  assert.equal(v.HubFeed__Source__BaseUrl, 'https://hub.example.org');
  assert.equal(v.HubFeed__Health__MaxRunAgeHours, '48');
  assert.equal(v.HubFeedSchedule, '0 30 2 * * *');
});

test('PublicBaseUrl: the content account\'s feeds container, or Front Door\'s /feeds/ when enabled', () => {
  assert.equal(s(settingsMap().HubFeed__Publish__PublicBaseUrl), "«reference('content').outputs.blobEndpoint.value»feeds/");
  assert.equal(
    s(settingsMap({ enableFrontDoor: true }).HubFeed__Publish__PublicBaseUrl),
    "«reference('frontDoor').outputs.publicBaseUrl.value»",
  );
  const fd = resources({ enableFrontDoor: true }).find((x) => s(x.name) === 'frontdoor');
  assert.equal(
    s(fd.inner.resolve(fd.inner.template.outputs.publicBaseUrl.value)),
    "https://«reference('endpoint').hostName»/feeds/",
  );
});

test('function app: Flex Consumption FC1, dotnet-isolated 10.0, deployed from a blob container with the user identity', () => {
  const items = resources();
  const plans = ofType(items, 'Microsoft.Web/serverfarms');
  assert.equal(plans.length, 1);
  assert.deepEqual(plans[0].scope.resolve(plans[0].resource.sku), { name: 'FC1', tier: 'FlexConsumption' });
  assert.equal(props(plans[0]).reserved, true);

  const apps = ofType(items, 'Microsoft.Web/sites');
  assert.equal(apps.length, 1);
  const app = apps[0];
  const p = props(app);
  assert.equal(app.resource.kind, 'functionapp,linux');
  assert.equal(p.httpsOnly, true);
  assert.equal(p.siteConfig.minTlsVersion, '1.2');
  assert.equal(p.siteConfig.ftpsState, 'Disabled');
  assert.deepEqual(p.functionAppConfig.runtime, { name: 'dotnet-isolated', version: '10.0' });
  const storage = p.functionAppConfig.deployment.storage;
  assert.equal(storage.type, 'blobContainer');
  assert.equal(s(storage.value), "«reference('storage').outputs.deploymentContainerUrl.value»");
  assert.equal(storage.authentication.type, 'UserAssignedIdentity');
  assert.equal(s(storage.authentication.userAssignedIdentityResourceId), "«reference('identity').outputs.id.value»");
  const identity = app.scope.resolve(app.resource.identity);
  assert.equal(identity.type, 'UserAssigned');
  assert.deepEqual(Object.keys(identity.userAssignedIdentities), ["«reference('identity').outputs.id.value»"]);
});

test('function app: basic-auth publishing (FTP and SCM) is off', () => {
  const policies = ofType(resources(), 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
  assert.deepEqual(policies.map((x) => s(x.name).split('/').at(-1)).sort(), ['ftp', 'scm']);
  for (const x of policies) assert.equal(props(x).allow, false);
});

test('the function app is tagged for azd: azd-service-name api, azd-env-name', () => {
  const [app] = ofType(resources({ environmentName: 'prod' }), 'Microsoft.Web/sites');
  const tags = app.scope.resolve(app.resource.tags);
  assert.equal(tags['azd-service-name'], 'api');
  assert.equal(tags['azd-env-name'], 'prod');
});

// Extension resources (role assignments, diagnostic settings) and deployments take no tags.
const UNTAGGED = ['Microsoft.Resources/deployments', 'Microsoft.Authorization/roleAssignments', 'Microsoft.Authorization/roleDefinitions', 'Microsoft.Insights/diagnosticSettings'];
const EVERYTHING = { enableFrontDoor: true, enablePrivateNetworking: true, alertEmail: 'ops@example.org', deployerPrincipalId: 'deployer-id' };

test('every deployed top-level resource carries azd-env-name', () => {
  const items = resources({ ...EVERYTHING, environmentName: 'prod' });
  const topLevel = items.filter((x) => !x.existing && x.resource.type.split('/').length === 2 && !UNTAGGED.includes(x.resource.type));
  assert.ok(topLevel.length >= 20, topLevel.map((x) => x.resource.type).join(', '));
  for (const x of topLevel) {
    assert.equal(x.scope.resolve(x.resource.tags ?? {})['azd-env-name'], 'prod', x.resource.type);
  }
});

// ---------------------------------------------------------------------------------- identity, rbac

test('one user-assigned managed identity', () => {
  assert.equal(ofType(resources(), 'Microsoft.ManagedIdentity/userAssignedIdentities').length, 1);
});

const assignmentsOf = (overrides) => ofType(resources(overrides), 'Microsoft.Authorization/roleAssignments');
const PUBLISHER_ROLE = "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', guid(resourceGroup().id, parameters('contentStorageAccountName'), 'hubfeed-publisher'))";
const roleIdOf = (x) => x.resource.properties.roleDefinitionId === `[${PUBLISHER_ROLE}]` ? 'publisher'
  : /'([0-9a-f-]{36})'\)\]?$/.exec(x.resource.properties.roleDefinitionId)?.[1];
const APP = "«reference('identity').outputs.principalId.value»";

test('role assignments: exactly the app\'s data-plane roles, each on the right resource, named guid(scope, principal, role)', () => {
  const items = resources({ enableFrontDoor: true, alertEmail: 'ops@example.org' });
  const assignments = ofType(items, 'Microsoft.Authorization/roleAssignments');
  const seen = [];
  for (const x of assignments) {
    const raw = x.resource.properties;
    const roleId = roleIdOf(x);
    assert.ok(roleId, `cannot read the role id of ${raw.roleDefinitionId}`);
    assert.match(raw.roleDefinitionId, /^\[subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', /);
    assert.match(x.resource.name, /^\[guid\(/, 'role assignment names use guid(scope, principal, role)');
    assert.ok(x.resource.name.includes(roleId === 'publisher' ? PUBLISHER_ROLE : roleId), 'the guid() includes the role id');
    assert.ok(x.resource.name.includes("parameters('principalId')"), 'the guid() includes the principal');
    const p = props(x);
    assert.equal(p.principalType, 'ServicePrincipal');
    assert.equal(s(p.principalId), APP);
    const scope = x.resource.scope;
    const expectedScope = {
      [ROLE.blobDataOwner]: "resourceId('Microsoft.Storage/storageAccounts', parameters('privateStorageAccountName'))",
      [ROLE.tableDataContributor]: "resourceId('Microsoft.Storage/storageAccounts', parameters('privateStorageAccountName'))",
      [QUEUE_DATA_CONTRIBUTOR]: "resourceId('Microsoft.Storage/storageAccounts/queueServices/queues', parameters('privateStorageAccountName'), 'default', parameters('queueNames')[copyIndex()])",
      publisher: "resourceId('Microsoft.Storage/storageAccounts', parameters('contentStorageAccountName'))",
      [ROLE.monitoringMetricsPublisher]: "resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))",
    }[roleId];
    assert.ok(expectedScope, `role ${roleId} is not allowed`);
    assert.equal(scope, `[${expectedScope}]`, `role ${roleId}`);
    assert.ok(x.resource.name.includes(expectedScope.replace(/, 'default'.*$/, '')), 'the guid() includes the scope');
    seen.push(roleId);
  }
  const appRoles = [ROLE.blobDataOwner, ROLE.tableDataContributor, ROLE.monitoringMetricsPublisher, 'publisher'];
  assert.deepEqual(seen.sort(), [...appRoles, QUEUE_DATA_CONTRIBUTOR, QUEUE_DATA_CONTRIBUTOR].sort());
  // The module's parameters point at the right accounts.
  const rbac = items.find((x) => s(x.name) === 'rbac');
  assert.equal(s(rbac.inner.parameterValues.privateStorageAccountName), "«reference('storage').outputs.name.value»");
  assert.equal(s(rbac.inner.parameterValues.contentStorageAccountName), "«reference('content').outputs.name.value»");
});

test('the queue role is on each of the two run queues, not on the account', () => {
  const items = resources();
  const queueRoles = ofType(items, 'Microsoft.Authorization/roleAssignments').filter((x) => roleIdOf(x) === QUEUE_DATA_CONTRIBUTOR);
  assert.equal(queueRoles.length, 2);
  assert.deepEqual(
    queueRoles.map((x) => s(x.scope.resolve(x.resource.scope)).split('/').slice(-4)),
    [
      ['queueServices', 'default', 'queues', "«reference('storage').outputs.runQueueName.value»"],
      ['queueServices', 'default', 'queues', "«reference('storage').outputs.poisonQueueName.value»"],
    ],
  );
  // ... and those outputs are the two queues the storage module creates.
  const storage = items.find((x) => s(x.name) === 'storage').inner;
  const out = storage.template.outputs;
  assert.equal(storage.resolve(out.runQueueName.value), 'hubfeed-runs');
  assert.equal(storage.resolve(out.poisonQueueName.value), 'hubfeed-runs-poison');
  // No queue role anywhere else.
  for (const x of ofType(resources(EVERYTHING), 'Microsoft.Authorization/roleAssignments').filter((r) => roleIdOf(r) === QUEUE_DATA_CONTRIBUTOR)) {
    assert.match(x.resource.scope, /queueServices\/queues/);
  }
});

test('the deployer (deployerPrincipalId) gets a conditioned Storage Blob Data Contributor on the content account, only when given', () => {
  const none = assignmentsOf().filter((x) => s(props(x).principalId) !== APP);
  assert.deepEqual(none, [], 'no deployer: no assignment');
  for (const principalType of ['User', 'ServicePrincipal']) {
    const deployer = assignmentsOf({ deployerPrincipalId: 'aaaa-bbbb', deployerPrincipalType: principalType })
      .filter((x) => s(props(x).principalId) !== APP);
    assert.equal(deployer.length, 1);
    const [x] = deployer;
    assert.equal(props(x).principalId, 'aaaa-bbbb');
    assert.equal(props(x).principalType, principalType);
    assert.equal(roleIdOf(x), ROLE.blobDataContributor);
    assert.equal(x.resource.scope, "[resourceId('Microsoft.Storage/storageAccounts', parameters('contentStorageAccountName'))]");
    assert.ok(x.resource.name.includes("parameters('deployerPrincipalId')"));
    assert.equal(props(x).conditionVersion, '2.0');
  }
  // azd maps AZURE_PRINCIPAL_ID to it.
  const file = JSON.parse(fs.readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8'));
  assert.equal(file.parameters.deployerPrincipalId.value, '${AZURE_PRINCIPAL_ID}');
});

// ------------------------------------------------------------------------------------- monitoring

test('Application Insights: workspace-based, local auth disabled', () => {
  const items = resources();
  const [ai] = ofType(items, 'Microsoft.Insights/components');
  assert.equal(props(ai).DisableLocalAuth, true);
  assert.match(s(props(ai).WorkspaceResourceId), /Microsoft\.OperationalInsights\/workspaces/);
  const [law] = ofType(items, 'Microsoft.OperationalInsights/workspaces');
  assert.equal(props(law).features.disableLocalAuth, true);
});

// The alerts, the availability test, the workbook and log retention: observability.test.mjs.

// ------------------------------------------------------------------------------------ front door

test('Front Door: off by default', () => {
  assert.equal(resources().filter((x) => x.resource.type.startsWith('Microsoft.Cdn/')).length, 0);
});

test('Front Door when enabled: Standard, the content blob host as origin, /feeds/* cached and compressed', () => {
  const items = resources({ enableFrontDoor: true });
  const [profile] = ofType(items, 'Microsoft.Cdn/profiles');
  assert.equal(profile.scope.resolve(profile.resource.sku).name, 'Standard_AzureFrontDoor');
  const [origin] = ofType(items, 'Microsoft.Cdn/profiles/originGroups/origins');
  assert.equal(s(props(origin).hostName), "«reference('content').outputs.blobHost.value»");
  assert.equal(s(props(origin).originHostHeader), s(props(origin).hostName));
  assert.equal(props(origin).enforceCertificateNameCheck, true);
  const [route] = ofType(items, 'Microsoft.Cdn/profiles/afdEndpoints/routes');
  const p = props(route);
  assert.deepEqual(p.patternsToMatch, ['/feeds/*']);
  assert.equal(p.forwardingProtocol, 'HttpsOnly');
  assert.equal(p.httpsRedirect, 'Enabled');
  assert.equal(p.cacheConfiguration.compressionSettings.isCompressionEnabled, true);
  for (const type of ['application/feed+json', 'application/atom+xml', 'text/html', 'application/javascript', 'text/javascript']) {
    assert.ok(p.cacheConfiguration.compressionSettings.contentTypesToCompress.includes(type), type);
  }
});

function corsEdgeRules(origins) {
  const items = resources({ enableFrontDoor: true, allowedEmbeddingOrigins: origins });
  return ofType(items, 'Microsoft.Cdn/profiles/ruleSets/rules').map((x) => props(x));
}

test('Front Door adds CORS headers at the edge (cached responses may lack them): any origin', () => {
  const rules = corsEdgeRules(['*']);
  assert.equal(rules.length, 1);
  assert.deepEqual(rules[0].conditions, []);
  const acao = rules[0].actions.find((a) => a.parameters.headerName === 'Access-Control-Allow-Origin');
  assert.equal(acao.parameters.value, '*');
});

test('Front Door adds CORS headers at the edge: one rule per allowed origin', () => {
  const origins = ['https://www.example.org', 'https://Intranet.example.org'];
  const rules = corsEdgeRules(origins);
  assert.equal(rules.length, 2);
  rules.forEach((rule, i) => {
    assert.equal(rule.order, i + 1);
    assert.equal(rule.conditions[0].parameters.selector, 'Origin');
    assert.deepEqual(rule.conditions[0].parameters.matchValues, [origins[i].toLowerCase()]);
    const acao = rule.actions.find((a) => a.parameters.headerName === 'Access-Control-Allow-Origin');
    assert.equal(acao.parameters.value, origins[i]);
    assert.ok(rule.actions.some((a) => a.parameters.headerName === 'Vary' && a.parameters.value === 'Origin'));
  });
});

// ---------------------------------------------------------------------------------------- outputs

function outputs(overrides) {
  const t = mainTemplate();
  const scope = new Scope(t, mainParameters(overrides));
  return Object.fromEntries(Object.entries(t.outputs).map(([k, o]) => [k, scope.resolve(o.value)]));
}

test('outputs: the public base, the feed, the index, where the widget goes; no unpinned widget URL and no snippet', () => {
  const o = outputs();
  const base = "«reference('content').outputs.blobEndpoint.value»feeds/";
  assert.equal(s(o.publicBaseUrl), base);
  assert.equal(s(o.feedUrl), `${base}objective-11/feed.json`);
  assert.equal(s(o.objectivesIndexUrl), `${base}objectives.json`);
  assert.equal(s(o.contentBlobEndpoint), "«reference('content').outputs.blobEndpoint.value»");
  assert.equal(o.publishContainerName, 'feeds');
  assert.equal(o.primaryObjective, '11');
  assert.equal(s(o.apiBaseUrl), "«reference('functionApp').outputs.url.value»/api/");
  assert.equal(o.outboundIpAddress, '');
  // Bicep cannot compute SRI: the CLI's `snippet` command is the one snippet generator.
  for (const gone of ['embedUrl', 'snippet']) assert.ok(!Object.hasOwn(o, gone), `output ${gone} must not exist`);
  assert.doesNotMatch(JSON.stringify(mainTemplate().outputs), /widget\/v1|<script/);
  const fd = outputs({ enableFrontDoor: true, enablePrivateNetworking: true, sourceObjectives: '23, 11' });
  assert.equal(s(fd.feedUrl), "«reference('frontDoor').outputs.publicBaseUrl.value»objective-23/feed.json");
  assert.equal(s(fd.objectivesIndexUrl), "«reference('frontDoor').outputs.publicBaseUrl.value»objectives.json");
  assert.equal(fd.primaryObjective, '23');
  assert.equal(s(fd.apiBaseUrl), "«reference('frontDoorApi').outputs.apiBaseUrl.value»");
  assert.equal(s(fd.outboundIpAddress), "«reference('network').outputs.outboundIpAddress.value»");
});

test('outputs: the names ops need', () => {
  const o = outputs();
  for (const k of ['functionAppUrl', 'functionAppName', 'resourceGroupName', 'contentStorageAccountName']) {
    assert.ok(Object.hasOwn(o, k), k);
    assert.equal(mainTemplate().outputs[k].type, 'string');
  }
  assert.equal(s(o.functionAppName), "«reference('functionApp').outputs.name.value»");
  assert.equal(s(o.contentStorageAccountName), "«reference('content').outputs.name.value»");
});

// ------------------------------------------------------------------------------- naming, versions

test('names derive from abbreviations.json and uniqueString(subscription, resource group, environment)', () => {
  const v = mainTemplate().variables;
  assert.equal(v.resourceToken, "[toLower(uniqueString(subscription().id, resourceGroup().id, parameters('environmentName')))]");
  // Private DNS zones have the fixed names Azure resolves (privatelink.blob.core.windows.net...); a workbook's name is a GUID.
  const names = resources(EVERYTHING)
    .filter((x) => !x.existing && x.resource.type.split('/').length === 2)
    .filter((x) => ![...UNTAGGED, 'Microsoft.Network/privateDnsZones', 'Microsoft.Insights/workbooks'].includes(x.resource.type))
    .map((x) => s(x.name));
  assert.ok(names.length >= 20, names.join(', '));
  const abbrs = JSON.parse(fs.readFileSync(path.join(infraDir, 'abbreviations.json'), 'utf8'));
  for (const n of names) assert.ok(Object.values(abbrs).some((a) => n.startsWith(a)), `${n} does not start with an abbreviation`);
  for (const n of names.filter((n) => n.includes('«'))) assert.ok(n.includes('uniqueString(subscription().id, resourceGroup().id'), n);
});

test('API versions: the newest the pinned Bicep knows', () => {
  const expected = {
    'Microsoft.Web/': '2025-03-01',
    'Microsoft.Storage/': '2026-06-01',
    'Microsoft.OperationalInsights/workspaces': '2025-07-01',
    'Microsoft.Authorization/roleAssignments': '2022-04-01',
    'Microsoft.Insights/components': '2020-02-02',
    'Microsoft.Insights/diagnosticSettings': '2021-05-01-preview', // the only version Bicep 0.49.2 has types for
    'Microsoft.ManagedIdentity/': '2024-11-30',
    'Microsoft.Network/': '2026-03-01',
    'Microsoft.Network/privateDnsZones': '2024-06-01',
    'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies': '2026-04-01',
    'Microsoft.Cdn/': '2026-10-01',
  };
  const items = resources(EVERYTHING).filter((x) => !x.existing);
  const checked = new Set();
  for (const x of items) {
    const prefix = Object.keys(expected).filter((p) => x.resource.type.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    if (prefix) {
      assert.equal(x.resource.apiVersion, expected[prefix], x.resource.type);
      checked.add(prefix);
    }
  }
  assert.deepEqual([...checked].sort(), Object.keys(expected).sort(), 'every expected prefix is used');
});
