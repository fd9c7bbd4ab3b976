// Issue 12 and the widget split (issue 10), checked on the compiled template as each parameter file
// deploys it: main.parameters.json (azd, the default personal variant) and
// main.production.bicepparam (infra/deploy.sh --production, the locked-down variant).
// infra/README.md lists the review rules these checks stand for.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { allowsBlob } from './abac.mjs';
import { blobWritePaths, mainTemplate, parameterFile, repoRoot, resourcePath, walkResources } from './bicep.mjs';

const s = (v) => String(v);
const ofType = (items, type) => items.filter((x) => x.resource.type === type && !x.existing);
const props = (x) => x.scope.resolve(x.resource.properties ?? {});
const inModule = (x) => x.deploymentPath.join('/');
const sku = (x) => x.scope.resolve(x.resource.sku).name;
const WORKSPACE = "«reference('monitoring').outputs.logAnalyticsId.value»";

const VARIANTS = {
  default: { file: 'main.parameters.json', production: false },
  production: { file: 'main.production.bicepparam', production: true },
};

const cache = new Map();
function deployed(file) {
  if (!cache.has(file)) cache.set(file, walkResources(mainTemplate(), parameterFile(file)));
  return cache.get(file);
}

const account = (items, module) => ofType(items, 'Microsoft.Storage/storageAccounts').find((x) => inModule(x) === module);

/** The diagnostic settings whose scope is the given resource (same module). */
function diagnosticsOf(items, x) {
  const target = resourcePath(x.resource.type, s(x.name));
  return ofType(items, 'Microsoft.Insights/diagnosticSettings').filter(
    (d) => inModule(d) === inModule(x) && s(d.scope.resolve(d.resource.scope)) === target,
  );
}

const categories = (list) => (list ?? []).filter((c) => c.enabled).map((c) => c.category).sort();

// Resource types that produce resource logs or security-relevant metrics, and what each must send.
const LOGGED = {
  'Microsoft.Storage/storageAccounts': { logs: [], metrics: ['Transaction'] },
  'Microsoft.Storage/storageAccounts/blobServices': { logs: ['StorageDelete', 'StorageRead', 'StorageWrite'], metrics: ['Transaction'] },
  'Microsoft.Storage/storageAccounts/tableServices': { logs: ['StorageDelete', 'StorageRead', 'StorageWrite'], metrics: ['Transaction'] },
  'Microsoft.Storage/storageAccounts/queueServices': { logs: ['StorageDelete', 'StorageRead', 'StorageWrite'], metrics: ['Transaction'] },
  'Microsoft.Storage/storageAccounts/fileServices': { logs: ['StorageDelete', 'StorageRead', 'StorageWrite'], metrics: ['Transaction'] },
  'Microsoft.Web/sites': { logs: ['FunctionAppLogs'], metrics: ['AllMetrics'] },
  'Microsoft.Cdn/profiles': { logs: ['FrontDoorAccessLog', 'FrontDoorHealthProbeLog', 'FrontDoorWebApplicationFirewallLog'], metrics: ['AllMetrics'] },
  'Microsoft.Network/networkSecurityGroups': { logs: ['NetworkSecurityGroupEvent', 'NetworkSecurityGroupRuleCounter'], metrics: [] },
  'Microsoft.Network/publicIPAddresses': { logs: ['DDoSMitigationFlowLogs', 'DDoSMitigationReports', 'DDoSProtectionNotifications'], metrics: ['AllMetrics'] },
};

for (const [variant, { file, production }] of Object.entries(VARIANTS)) {
  describe(`${variant} (${file})`, () => {
    const items = () => deployed(file);

    // ------------------------------------------------------------------------- network access
    test('the private account: closed to public networks with private networking, open (Entra-only) without', () => {
      const p = props(account(items(), 'storage'));
      assert.equal(p.allowBlobPublicAccess, false);
      assert.equal(p.publicNetworkAccess, production ? 'Disabled' : 'Enabled');
      assert.equal(p.networkAcls.defaultAction, production ? 'Deny' : 'Allow');
      if (production) {
        assert.equal(p.networkAcls.bypass, 'None');
        assert.deepEqual(p.networkAcls.ipRules ?? [], []);
        assert.deepEqual(p.networkAcls.virtualNetworkRules ?? [], []);
      }
    });

    test('the content account stays reachable for anonymous reads (the documented exception), writes need Entra ID', () => {
      const p = props(account(items(), 'content'));
      assert.equal(p.publicNetworkAccess, 'Enabled');
      assert.equal(p.networkAcls.defaultAction, 'Allow');
      assert.equal(p.allowBlobPublicAccess, true);
      assert.equal(p.allowSharedKeyAccess, false);
    });

    test(production ? 'private endpoints: blob, table, queue of the private account and blob of the content account, each in its DNS zone' : 'no VNet, no private endpoints, no DNS zones', () => {
      const endpoints = ofType(items(), 'Microsoft.Network/privateEndpoints');
      const zones = ofType(items(), 'Microsoft.Network/privateDnsZones');
      if (!production) {
        assert.equal(endpoints.length + zones.length + ofType(items(), 'Microsoft.Network/virtualNetworks').length, 0);
        return;
      }
      assert.deepEqual(zones.map((z) => s(z.name)).sort(), ['privatelink.blob.core.windows.net', 'privatelink.queue.core.windows.net', 'privatelink.table.core.windows.net']);
      for (const z of zones) assert.equal(z.resource.location, 'global');
      const links = ofType(items(), 'Microsoft.Network/privateDnsZones/virtualNetworkLinks');
      assert.equal(links.length, 3);
      for (const l of links) {
        assert.equal(props(l).registrationEnabled, false);
        assert.match(s(props(l).virtualNetwork.id), /Microsoft\.Network\/virtualNetworks\/vnet-/);
      }
      const seen = endpoints.map((e) => {
        const [conn] = props(e).privateLinkServiceConnections;
        assert.match(s(props(e).subnet.id), /\/subnets\/snet-pe$/);
        return `${s(conn.properties.privateLinkServiceId)} ${conn.properties.groupIds.join()}`;
      });
      const privateId = "«reference('storage').outputs.id.value»";
      const contentId = "«reference('content').outputs.id.value»";
      assert.deepEqual(seen.sort(), [`${contentId} blob`, `${privateId} blob`, `${privateId} queue`, `${privateId} table`].sort());
      // Each endpoint registers its address in the zone of its service.
      const groups = ofType(items(), 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
      assert.equal(groups.length, endpoints.length);
      for (const g of groups) {
        const endpoint = endpoints.find((e) => s(g.name).startsWith(`${s(e.name)}/`));
        assert.ok(endpoint, s(g.name));
        const service = props(endpoint).privateLinkServiceConnections[0].properties.groupIds[0];
        const [config] = props(g).privateDnsZoneConfigs;
        assert.equal(s(config.properties.privateDnsZoneId), `Microsoft.Network/privateDnsZones/privatelink.${service}.core.windows.net`);
      }
    });

    test(production ? 'the app is VNet-integrated through a subnet delegated to Microsoft.App/environments, with explicit outbound (NAT)' : 'the app is not VNet-integrated', () => {
      const [app] = ofType(items(), 'Microsoft.Web/sites');
      const subnetId = props(app).virtualNetworkSubnetId;
      if (!production) {
        assert.equal(subnetId, null);
        return;
      }
      assert.equal(s(subnetId), "«reference('network').outputs.appSubnetId.value»");
      const [vnet] = ofType(items(), 'Microsoft.Network/virtualNetworks');
      const subnets = Object.fromEntries(props(vnet).subnets.map((x) => [x.name, x.properties]));
      assert.deepEqual(Object.keys(subnets).sort(), ['snet-app', 'snet-pe']);
      assert.deepEqual(subnets['snet-app'].delegations.map((d) => d.properties.serviceName), ['Microsoft.App/environments']);
      const network = items().find((x) => s(x.name) === 'network').inner;
      assert.match(s(network.resolve(network.template.outputs.appSubnetId.value)), /\/subnets\/snet-app$/);
      // Private subnets (no default outbound access): the Hub is reached through the NAT gateway.
      for (const subnet of Object.values(subnets)) assert.equal(subnet.defaultOutboundAccess, false);
      assert.match(s(subnets['snet-app'].natGateway.id), /Microsoft\.Network\/natGateways\/ng-/);
      const [nat] = ofType(items(), 'Microsoft.Network/natGateways');
      assert.equal(sku(nat), 'Standard');
      const [ip] = ofType(items(), 'Microsoft.Network/publicIPAddresses');
      assert.equal(props(ip).publicIPAllocationMethod, 'Static');
      assert.equal(sku(ip), 'Standard');
      // NSGs on both subnets; endpoints accept HTTPS from the app subnet only; no SSH/RDP outward.
      for (const subnet of Object.values(subnets)) assert.match(s(subnet.networkSecurityGroup.id), /networkSecurityGroups\/nsg-/);
      assert.equal(subnets['snet-pe'].privateEndpointNetworkPolicies, 'Enabled');
      const nsgs = Object.fromEntries(ofType(items(), 'Microsoft.Network/networkSecurityGroups').map((n) => [s(n.name).split('-')[1], props(n).securityRules]));
      const allowApp = nsgs.pe.find((r) => r.name === 'AllowHttpsFromApp').properties;
      assert.deepEqual([allowApp.access, allowApp.direction, allowApp.sourceAddressPrefix, allowApp.destinationPortRange], ['Allow', 'Inbound', subnets['snet-app'].addressPrefix, '443']);
      for (const rules of Object.values(nsgs)) {
        const deny = rules.find((r) => r.name === 'DenyManagementOutbound').properties;
        assert.deepEqual([deny.access, deny.direction, [...deny.destinationPortRanges].sort()], ['Deny', 'Outbound', ['22', '3389']]);
        for (const r of rules) assert.ok(!(r.properties.direction === 'Inbound' && r.properties.access === 'Allow' && ['*', 'Internet', 'Any'].includes(r.properties.sourceAddressPrefix)), r.name);
      }
    });

    // -------------------------------------------------------------------------- diagnostics
    test('diagnostic settings: every logged resource sends the expected categories to the one workspace', () => {
      const logged = items().filter((x) => !x.existing && LOGGED[x.resource.type]);
      const storageServices = logged.filter((x) => /Services$/.test(x.resource.type));
      assert.equal(storageServices.length, 6, 'blob, table and queue services of both accounts');
      assert.equal(logged.filter((x) => x.resource.type === 'Microsoft.Cdn/profiles').length, production ? 1 : 0);
      for (const x of logged) {
        const settings = diagnosticsOf(items(), x);
        assert.equal(settings.length, 1, `${x.resource.type} ${s(x.name)} has ${settings.length} diagnostic settings`);
        const p = props(settings[0]);
        assert.equal(s(p.workspaceId), WORKSPACE);
        assert.deepEqual(categories(p.logs), LOGGED[x.resource.type].logs, `${x.resource.type} logs`);
        assert.deepEqual(categories(p.metrics), LOGGED[x.resource.type].metrics, `${x.resource.type} metrics`);
      }
      // Retention is the workspace's.
      const [law] = ofType(items(), 'Microsoft.OperationalInsights/workspaces');
      assert.equal(props(law).retentionInDays, production ? 90 : 30);
    });

    // -------------------------------------------------------------------------- recovery
    test('recoverable content: versioning, blob and container soft delete, previous versions expire with them', () => {
      const days = production ? 30 : 7;
      const blob = ofType(items(), 'Microsoft.Storage/storageAccounts/blobServices').find((x) => inModule(x) === 'content');
      const p = props(blob);
      assert.equal(p.isVersioningEnabled, true);
      assert.deepEqual(p.deleteRetentionPolicy, { enabled: true, days });
      assert.deepEqual(p.containerDeleteRetentionPolicy, { enabled: true, days });
      const [policy] = ofType(items(), 'Microsoft.Storage/storageAccounts/managementPolicies');
      assert.equal(inModule(policy), 'content');
      const [rule] = props(policy).policy.rules;
      assert.equal(rule.enabled, true);
      assert.equal(rule.definition.actions.version.delete.daysAfterCreationGreaterThan, days);
      assert.equal(rule.definition.actions.baseBlob, undefined, 'current blobs are never deleted by the lifecycle rule');
      // The private account keeps deleted blobs and containers too.
      const priv = props(ofType(items(), 'Microsoft.Storage/storageAccounts/blobServices').find((x) => inModule(x) === 'storage'));
      assert.deepEqual(priv.deleteRetentionPolicy, { enabled: true, days });
      assert.deepEqual(priv.containerDeleteRetentionPolicy, { enabled: true, days });
    });

    test(production ? 'zone-redundant storage' : 'locally redundant storage (personal default)', () => {
      for (const module of ['storage', 'content']) {
        assert.equal(sku(account(items(), module)), production ? 'Standard_ZRS' : 'Standard_LRS');
      }
    });

    // ---------------------------------------------------------------------------- front door
    test(production ? 'Front Door Premium: WAF in Prevention mode on the endpoint, rate limit per client on /api/*, managed rule sets' : 'no Front Door, no WAF', () => {
      const waf = ofType(items(), 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies');
      if (!production) {
        assert.equal(waf.length + items().filter((x) => x.resource.type.startsWith('Microsoft.Cdn/')).length, 0);
        return;
      }
      assert.equal(waf.length, 1);
      const p = props(waf[0]);
      assert.equal(sku(waf[0]), 'Premium_AzureFrontDoor');
      assert.deepEqual(p.policySettings, { enabledState: 'Enabled', mode: 'Prevention', requestBodyCheck: 'Enabled' });
      const [rule] = p.customRules.rules;
      assert.equal(rule.ruleType, 'RateLimitRule');
      assert.equal(rule.enabledState, 'Enabled');
      assert.equal(rule.action, 'Block');
      assert.equal(rule.rateLimitDurationInMinutes, 1);
      assert.equal(rule.rateLimitThreshold, 120);
      assert.deepEqual(rule.groupBy, [{ variableName: 'SocketAddr' }]);
      assert.deepEqual(rule.matchConditions.map((c) => [c.matchVariable, c.operator, c.negateCondition, c.matchValue]), [['RequestUri', 'Contains', false, ['/api/']]]);
      assert.deepEqual(p.managedRules.managedRuleSets.map((r) => `${r.ruleSetType} ${r.ruleSetVersion} ${r.ruleSetAction}`), [
        'Microsoft_DefaultRuleSet 2.1 Block',
        'Microsoft_BotManagerRuleSet 1.1 Block',
      ]);
      for (const r of p.managedRules.managedRuleSets) assert.deepEqual(r.exclusions ?? [], []);
      // Its profile has the same tier, and a security policy puts the WAF on the whole endpoint.
      const [profile] = ofType(items(), 'Microsoft.Cdn/profiles');
      assert.equal(sku(profile), 'Premium_AzureFrontDoor');
      const [policy] = ofType(items(), 'Microsoft.Cdn/profiles/securityPolicies');
      const params = props(policy).parameters;
      assert.equal(params.type, 'WebApplicationFirewall');
      assert.equal(s(params.wafPolicy.id), resourcePath('Microsoft.Network/FrontDoorWebApplicationFirewallPolicies', s(waf[0].name)));
      assert.deepEqual(params.associations[0].patternsToMatch, ['/*']);
      const [endpoint] = ofType(items(), 'Microsoft.Cdn/profiles/afdEndpoints');
      assert.deepEqual(params.associations[0].domains.map((d) => s(d.id)), [resourcePath('Microsoft.Cdn/profiles/afdEndpoints', s(endpoint.name))]);
    });

    test(production ? 'the API is routed through Front Door, and the app answers nothing that did not come through it' : 'the app accepts requests directly', () => {
      const [app] = ofType(items(), 'Microsoft.Web/sites');
      const site = props(app).siteConfig;
      if (!production) {
        assert.equal(site.ipSecurityRestrictionsDefaultAction, 'Allow');
        assert.deepEqual(site.ipSecurityRestrictions, []);
        return;
      }
      const routes = Object.fromEntries(ofType(items(), 'Microsoft.Cdn/profiles/afdEndpoints/routes').map((r) => [props(r).patternsToMatch.join(), r]));
      assert.deepEqual(Object.keys(routes).sort(), ['/api/*', '/feeds/*']);
      const api = props(routes['/api/*']);
      assert.deepEqual(api.supportedProtocols, ['Https']);
      assert.equal(api.forwardingProtocol, 'HttpsOnly');
      assert.equal(api.cacheConfiguration, undefined, 'API answers are not cached at the edge');
      const origins = ofType(items(), 'Microsoft.Cdn/profiles/originGroups/origins');
      const appOrigin = origins.find((o) => inModule(o) === 'frontdoor-api');
      assert.equal(s(props(appOrigin).hostName), "«reference('functionApp').outputs.defaultHostName.value»");
      assert.equal(props(appOrigin).enforceCertificateNameCheck, true);
      assert.equal(site.ipSecurityRestrictionsDefaultAction, 'Deny');
      assert.deepEqual(site.ipSecurityRestrictions.map((r) => [r.action, r.tag, r.ipAddress, Object.keys(r.headers), r.headers['x-azure-fdid'].map(s)]), [
        ['Allow', 'ServiceTag', 'AzureFrontDoor.Backend', ['x-azure-fdid'], ["«reference('frontDoor').outputs.frontDoorId.value»"]],
      ]);
      // Deployments (the SCM site) keep working: Entra ID only, basic auth is off.
      assert.equal(site.scmIpSecurityRestrictionsUseMain, false);
    });

    // ------------------------------------------------------------------- who writes what (issue 10)
    test('the app may write the feeds and the index, never the widget; the deployer the widget, never the feeds', () => {
      const assignments = ofType(items(), 'Microsoft.Authorization/roleAssignments').filter((x) => props(x).condition);
      const app = assignments.filter((x) => s(props(x).principalId) === "«reference('identity').outputs.principalId.value»");
      const deployer = assignments.filter((x) => props(x).principalId === '11111111-2222-3333-4444-555555555555');
      assert.equal(app.length, 1);
      assert.equal(deployer.length, 1, 'both files map the deployer principal');
      const appCondition = props(app[0]).condition;
      const deployCondition = props(deployer[0]).condition;
      const appPaths = ['objective-11/feed.json', 'objective-11/feed.0123abcd.json', 'objective-11/feed-2.0123abcd.json', 'objective-11/feed.atom', 'objective-11/index.html', 'objective-11/embed.html', 'all/feed.json', 'all/feed.atom', 'all/index.html', 'objectives.json', 'index.html', 'site.css', 'sitemap.xml', 'robots.txt'];
      const widgetPaths = ['widget/v1/gcm-resources.js', 'widget/gcm-resources.0123abcd.js', 'demo.html', 'demo.js', 'demo.css'];
      for (const action of ['write', 'add', 'delete', 'move']) {
        for (const path of appPaths) {
          assert.equal(allowsBlob(appCondition, action, 'feeds', path), true, `app ${action} ${path}`);
          assert.equal(allowsBlob(deployCondition, action, 'feeds', path), false, `deployer ${action} ${path}`);
        }
        for (const path of widgetPaths) {
          assert.equal(allowsBlob(appCondition, action, 'feeds', path), false, `app ${action} ${path}`);
          assert.equal(allowsBlob(deployCondition, action, 'feeds', path), true, `deployer ${action} ${path}`);
        }
        for (const path of ['other.html', 'widgets.js', 'site.css.bak', 'x/robots.txt', 'x/objective-1/feed.json', 'objectives.json.bak']) {
          assert.equal(allowsBlob(appCondition, action, 'feeds', path), false, `app ${action} ${path}`);
          assert.equal(allowsBlob(deployCondition, action, 'feeds', path), false, `deployer ${action} ${path}`);
        }
        // Nothing outside the public container.
        assert.equal(allowsBlob(appCondition, action, 'other', 'objective-11/feed.json'), false);
        assert.equal(allowsBlob(deployCondition, action, 'other', 'widget/v1/gcm-resources.js'), false);
      }
      // Reads are not conditioned.
      for (const path of [...appPaths, ...widgetPaths]) {
        assert.equal(allowsBlob(appCondition, 'read', 'feeds', path), true);
        assert.equal(allowsBlob(deployCondition, 'read', 'feeds', path), true);
      }
    });

    // ------------------------------------------------- nothing the app writes runs as script (issue 15.8)
    test('the app cannot write under any widget/ folder, through a dot-dot path, nor create or delete a container', () => {
      const assignments = ofType(items(), 'Microsoft.Authorization/roleAssignments');
      const [app] = assignments.filter((x) => s(props(x).principalId) === "«reference('identity').outputs.principalId.value»" && props(x).condition);
      const condition = props(app).condition;
      // Paths the objective-* pattern would match: a widget folder inside a feed folder, or a path a client or proxy
      // resolves to one. Every write action is refused; the feed itself is still writable.
      const hostile = ['objective-11/widget/x.js', 'objective-11/../widget/x.js', 'objective-11/a/widget/v1/gcm-resources.js',
        'all/widget/x.js', 'objective-11/..', 'all/../demo.html', 'objective-11/..%2Fwidget/x.js'.replace('%2F', '/')];
      for (const action of ['write', 'add', 'delete', 'move']) {
        for (const path of hostile) assert.equal(allowsBlob(condition, action, 'feeds', path), false, `app ${action} ${path}`);
        assert.equal(allowsBlob(condition, action, 'feeds', 'objective-11/feed.json'), true, `app ${action} objective-11/feed.json`);
      }
      // The role itself: blob data actions, and of the container actions only read. Containers are Bicep's:
      // create, delete and public access are control-plane actions no condition can limit, so the role leaves them out.
      const [role] = ofType(items(), 'Microsoft.Authorization/roleDefinitions');
      const roleName = role.resource.name.replace(/^\[|\]$/g, '');
      assert.equal(app.resource.properties.roleDefinitionId, `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${roleName})]`, "the app's assignment uses the custom role");
      const [permissions] = props(role).permissions;
      const CONTAINERS = 'Microsoft.Storage/storageAccounts/blobServices/containers';
      const grants = (list, action) => list.some((a) => new RegExp(`^${a.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i').test(action));
      assert.deepEqual(permissions.actions, [`${CONTAINERS}/read`]);
      for (const action of [`${CONTAINERS}/delete`, `${CONTAINERS}/write`, 'Microsoft.Storage/storageAccounts/write', 'Microsoft.Storage/storageAccounts/delete']) {
        assert.equal(grants(permissions.actions, action), false, action);
      }
      assert.deepEqual(permissions.dataActions.sort(), [`${CONTAINERS}/blobs/add/action`, `${CONTAINERS}/blobs/delete`, `${CONTAINERS}/blobs/move/action`, `${CONTAINERS}/blobs/read`, `${CONTAINERS}/blobs/write`]);
      assert.deepEqual(role.resource.properties.assignableScopes, ['[resourceGroup().id]']);
    });
  });
}

test('every resource of a logged kind has its diagnostic setting, whatever is switched on', () => {
  const items = walkResources(mainTemplate(), {
    ...parameterFile('main.production.bicepparam'),
    frontDoorSku: 'Standard_AzureFrontDoor',
    alertEmail: 'ops@example.org',
  });
  const logged = items.filter((x) => !x.existing && LOGGED[x.resource.type]);
  assert.ok(logged.length >= 13, logged.map((x) => x.resource.type).join(', '));
  for (const x of logged) assert.equal(diagnosticsOf(items, x).length, 1, `${x.resource.type} ${s(x.name)} in ${inModule(x)}`);
  // And no diagnostic setting points at something that is not deployed.
  const targets = new Set(logged.map((x) => `${inModule(x)} ${resourcePath(x.resource.type, s(x.name))}`));
  for (const d of ofType(items, 'Microsoft.Insights/diagnosticSettings')) {
    assert.ok(targets.has(`${inModule(d)} ${s(d.scope.resolve(d.resource.scope))}`), s(d.scope.resolve(d.resource.scope)));
  }
});

test('the logged-kind check catches a resource without a diagnostic setting', () => {
  const items = deployed('main.parameters.json');
  const [app] = ofType(items, 'Microsoft.Web/sites');
  const withoutDiagnostics = items.filter((x) => !(x.resource.type === 'Microsoft.Insights/diagnosticSettings' && inModule(x) === 'functionapp'));
  assert.equal(diagnosticsOf(withoutDiagnostics, app).length, 0);
  assert.equal(diagnosticsOf(items, app).length, 1);
});

test('Front Door Standard: the rate limit without managed rule sets (Standard allows custom rules only)', () => {
  const items = walkResources(mainTemplate(), { ...parameterFile('main.production.bicepparam'), frontDoorSku: 'Standard_AzureFrontDoor', apiRateLimitPerMinute: 300 });
  const [waf] = ofType(items, 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies');
  assert.equal(sku(waf), 'Standard_AzureFrontDoor');
  assert.deepEqual(props(waf).managedRules.managedRuleSets, []);
  assert.equal(props(waf).policySettings.mode, 'Prevention');
  assert.equal(props(waf).customRules.rules[0].rateLimitThreshold, 300);
  assert.equal(sku(ofType(items, 'Microsoft.Cdn/profiles')[0]), 'Standard_AzureFrontDoor');
});

test('node tests/infra/blob-write-paths.mjs prints what the C# side (BlobLayout) must agree with', () => {
  assert.deepEqual(blobWritePaths(), {
    container: 'feeds',
    app: ['objective-*', 'all/*', 'objectives.json', 'index.html', 'site.css', 'sitemap.xml', 'robots.txt'],
    deploy: ['widget/*', 'demo.*'],
  });
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'tests', 'infra', 'blob-write-paths.mjs')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'app objective-*\napp all/*\napp objectives.json\napp index.html\napp site.css\napp sitemap.xml\napp robots.txt\ndeploy widget/*\ndeploy demo.*\n');
});
