// Issue 19 on the compiled template: every alert (its switch, severity, action group, and a query that
// names only what the app really emits), the availability test, the workbook (valid JSON, every query
// on tables and columns the enabled diagnostics write: log-tables.mjs), the reach query (no IP, no user
// agent, a minimum of reads) and the short retention of the logs that hold readers' IP addresses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { TABLES } from './log-tables.mjs';
import { infraDir, mainParameters, mainTemplate, parameterFile, repoRoot, resourcePath, walkResources } from './bicep.mjs';

const s = (v) => String(v);
const ofType = (items, type) => items.filter((x) => x.resource.type === type && !x.existing);
const props = (x) => x.scope.resolve(x.resource.properties ?? {});
const deployed = (overrides = {}) => walkResources(mainTemplate(), mainParameters(overrides));
const WORKSPACE = "«reference('monitoring').outputs.logAnalyticsId.value»";
const COMPONENT = "«reference('monitoring').outputs.applicationInsightsId.value»";

// Each log alert by its name's suffix, with its severity (infra/README.md documents the same) and its switch.
const LOG_ALERTS = {
  'no-run': { severity: 2, toggle: 'enableNoRunAlert' },
  'held-run': { severity: 2, toggle: 'enableHeldRunAlert' },
  'failed-run': { severity: 1, toggle: 'enableFailedRunAlert' },
  'set-aside': { severity: 3, toggle: 'enableSetAsideAlert' },
  poison: { severity: 2, toggle: 'enablePoisonAlert' },
  'feeds-behind': { severity: 1, toggle: 'enableFeedsBehindAlert' },
};
const rulesByKey = (items) => {
  const rules = {};
  for (const rule of ofType(items, 'Microsoft.Insights/scheduledQueryRules')) {
    const key = Object.keys(LOG_ALERTS).find((k) => s(rule.name).endsWith(`-${k}`));
    assert.ok(key, `unexpected alert ${s(rule.name)}`);
    rules[key] = rule;
  }
  return rules;
};

// ------------------------------------------------------------------------------- what the app emits

const read = (file) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const TELEMETRY = read('shared/Pipeline/RunTelemetry.cs');
/** Every name RunTelemetry declares (span, metrics, attributes): const string X = "...". */
const EMITTED = new Set([...TELEMETRY.matchAll(/const string \w+ = "([^"]+)"/g)].map((m) => m[1]));
/** The outcomes RunTelemetry.OutcomeOf gives: each RunStatus (one type a file: shared/Catalog/RunStatus.cs) in lower case, PublishFailed as publish-failed. */
const OUTCOMES = (() => {
  const statuses = /enum RunStatus \{([^}]*)\}/.exec(read('shared/Catalog/RunStatus.cs'))[1].split(',').map((x) => x.trim());
  assert.match(TELEMETRY, /RunStatus\.PublishFailed => "publish-failed"/);
  return new Set(statuses.map((x) => (x === 'PublishFailed' ? 'publish-failed' : x.toLowerCase())));
})();

/** String literals of a KQL query (after its comments are dropped). */
function kqlStrings(query) {
  return [...stripComments(query).matchAll(/@?"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
}

test('EMITTED and OUTCOMES read the C# side (the checks below compare against something real)', () => {
  for (const name of ['hubfeed.run', 'hubfeed.runs', 'hubfeed.rows.set_aside', 'hubfeed.hub.request.duration', 'hubfeed.outcome', 'http.response.status_code']) {
    assert.ok(EMITTED.has(name), name);
  }
  assert.deepEqual([...OUTCOMES].sort(), ['failed', 'publish-failed', 'queued', 'refused', 'running', 'skipped', 'succeeded']);
});

// ------------------------------------------------------------------------------------ KQL names

const KQL_WORDS = new Set(`where extend project summarize by and or not union isfuzzy true false let join kind leftouter on
  order asc desc top in between matches regex`.split(/\s+/));
const KQL_FUNCTIONS = new Set(`sum count countif max min maxif minif bin tostring toint extract parse_url strlen substring case
  isnotempty isnull coalesce ago startofday strcat`.split(/\s+/));
const KQL_STRING_OPERATORS = new Set(['startswith', 'endswith', 'contains', 'has']);

function stripComments(query) {
  let out = '';
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '"' || (c === '@' && query[i + 1] === '"')) {
      const verbatim = c === '@';
      let j = i + (verbatim ? 2 : 1);
      while (j < query.length && query[j] !== '"') j += !verbatim && query[j] === '\\' ? 2 : 1;
      out += query.slice(i, j + 1);
      i = j;
    } else if (c === '/' && query[i + 1] === '/') {
      while (i < query.length && query[i] !== '\n') i++;
      out += '\n';
    } else out += c;
  }
  return out;
}

/** The tables a query reads and every name it uses that is neither KQL, a name it defines, nor a column of those tables. */
function kqlNames(query) {
  const code = stripComments(query).replace(/@?"(?:[^"\\]|\\.)*"/g, '""');
  assert.doesNotMatch(code, /[{}]/, `a placeholder was left in: ${query}`);
  const tokens = [...code.matchAll(/\d+(?:\.\d+)?[a-z]*|[A-Za-z_][A-Za-z0-9_]*|==|=|\(|\.|\S/g)].map((m) => m[0]);
  const defined = new Set();
  tokens.forEach((t, i) => { if (tokens[i + 1] === '=' && /^[A-Za-z_]/.test(t)) defined.add(t); });
  const tables = new Set(tokens.filter((t) => Object.hasOwn(TABLES, t)));
  const columns = new Set([...tables].flatMap((t) => TABLES[t].columns));
  const unknown = [];
  tokens.forEach((t, i) => {
    if (!/^[A-Za-z_]/.test(t) || tokens[i - 1] === '.') return; // numbers, timespans, operators; .Path of a dynamic
    if (tokens[i + 1] === '(') {
      if (!KQL_FUNCTIONS.has(t) && !KQL_WORDS.has(t)) unknown.push(`${t}()`);
      return;
    }
    if (KQL_WORDS.has(t) || KQL_STRING_OPERATORS.has(t) || defined.has(t) || tables.has(t) || columns.has(t)) return;
    unknown.push(t);
  });
  return { tables: [...tables], unknown: [...new Set(unknown)] };
}

test('the KQL name check catches an unknown table, column and function', () => {
  assert.deepEqual(kqlNames('AppTraces | where Message startswith "x"').unknown, []);
  assert.deepEqual(kqlNames('traces | where message startswith "x"').unknown, ['traces', 'message']);
  assert.deepEqual(kqlNames('AppMetrics | where Nmae == "hubfeed.runs"').unknown, ['Nmae']);
  assert.deepEqual(kqlNames('AppMetrics | extend X = frobnicate(Sum)').unknown, ['frobnicate()']);
  assert.deepEqual(kqlNames('StorageBlobLogs | project CallerIpAddress // ReferrerHeader\n').tables, ['StorageBlobLogs']);
  assert.throws(() => kqlNames('AppMetrics | where Sum > {threshold}'), /placeholder/);
});

/** Whether the template makes a table's rows: App* from workspace-based Application Insights, the rest from a diagnostic category. */
function assertSourceEnabled(items, table) {
  const from = TABLES[table].from;
  if (from.applicationInsights) {
    const [component] = ofType(items, 'Microsoft.Insights/components');
    assert.match(s(props(component).WorkspaceResourceId), /Microsoft\.OperationalInsights\/workspaces/, table);
    assert.equal(props(component).IngestionMode, 'LogAnalytics', table);
    return;
  }
  const targets = ofType(items, from.type).map((x) => resourcePath(x.resource.type, s(x.name)));
  const settings = ofType(items, 'Microsoft.Insights/diagnosticSettings').filter((d) => targets.includes(s(d.scope.resolve(d.resource.scope))));
  const enabling = settings.filter((d) => s(props(d).workspaceId) === WORKSPACE && (props(d).logs ?? []).some((l) => l.enabled && l.category === from.category));
  assert.ok(enabling.length > 0, `${table}: no diagnostic setting on ${from.type} sends ${from.category} to the workspace`);
}

function assertQueryNamesExist(items, label, query) {
  const { tables, unknown } = kqlNames(query);
  assert.ok(tables.length > 0, `${label} reads no known table: ${query}`);
  assert.deepEqual(unknown, [], `${label} names what no table it reads has: ${unknown.join(', ')}\n${query}`);
  for (const table of tables) assertSourceEnabled(items, table);
  // Names of the app's telemetry and run outcomes are the ones the C# code emits.
  for (const literal of kqlStrings(query)) {
    if (/^(hubfeed\.|http\.|error\.)/.test(literal)) assert.ok(EMITTED.has(literal), `${label}: "${literal}" is not emitted by RunTelemetry`);
  }
  const outcomes = [...stripComments(query).matchAll(/Outcome (?:==|in) \(?("[^)]*"|"[^"]*")/g)].flatMap((m) => [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]));
  for (const outcome of outcomes) assert.ok(OUTCOMES.has(outcome), `${label}: outcome "${outcome}" is never recorded`);
}

// ------------------------------------------------------------------------------------------ alerts

for (const [variant, overrides] of Object.entries({
  default: {},
  'front door': { enableFrontDoor: true },
  production: parameterFile('main.production.bicepparam'),
})) {
  test(`${variant}: every alert is on, on the workspace, with its severity, and queries only what the app and the diagnostics write`, () => {
    const items = variant === 'production' ? walkResources(mainTemplate(), overrides) : deployed(overrides);
    const rules = rulesByKey(items);
    assert.deepEqual(Object.keys(rules).sort(), Object.keys(LOG_ALERTS).sort());
    for (const [key, rule] of Object.entries(rules)) {
      const p = props(rule);
      assert.equal(rule.resource.kind, 'LogAlert', key);
      assert.equal(p.enabled, true, key);
      assert.equal(p.severity, LOG_ALERTS[key].severity, key);
      assert.deepEqual(p.scopes.map(s), [WORKSPACE], key);
      assert.equal(p.autoMitigate, true, key);
      assert.match(p.description, new RegExp(`Runbook: infra/README\\.md#[a-z-]+`), key);
      const [criterion] = p.criteria.allOf;
      assert.equal(criterion.timeAggregation, 'Count', key);
      assertQueryNamesExist(items, `alert ${key}`, criterion.query);
    }
  });
}

test('what each alert asks, and its thresholds, come from the parameters', () => {
  const rules = rulesByKey(deployed({ noRunAlertHours: 12, setAsideAlertThreshold: 9, feedsBehindMinutes: 90 }));
  const q = (key) => props(rules[key]).criteria.allOf[0];
  assert.equal(props(rules['no-run']).windowSize, 'PT12H');
  assert.deepEqual([q('no-run').operator, q('no-run').threshold], ['LessThan', 1]);
  assert.match(q('no-run').query, /AppTraces\s*\| where Message startswith "HubFeed run succeeded"/);
  // The message the no-run alert looks for is the one the runner logs after a successful run.
  assert.match(read('shared/Pipeline/HubFeedRunner.cs'), /logger\.LogInformation\("HubFeed run succeeded: /);
  assert.match(q('held-run').query, /Outcome == "refused"/);
  assert.match(q('failed-run').query, /Outcome in \("failed", "publish-failed"\)/);
  assert.match(q('set-aside').query, /Rows > 9$/m);
  assert.match(q('feeds-behind').query, /BehindSince < ago\(90m\)/);
  assert.equal(props(rules['feeds-behind']).windowSize, 'P1D');
  for (const key of ['held-run', 'failed-run', 'set-aside', 'poison', 'feeds-behind']) {
    assert.deepEqual([q(key).operator, q(key).threshold], ['GreaterThan', 0], key);
  }
});

test('the poison alert watches the poison queue the storage module creates', () => {
  const items = deployed();
  const query = props(rulesByKey(items).poison).criteria.allOf[0].query;
  const storage = items.find((x) => s(x.name) === 'storage').inner;
  const poisonQueue = storage.resolve(storage.template.outputs.poisonQueueName.value);
  assert.equal(poisonQueue, 'hubfeed-runs-poison');
  assert.ok(query.includes(`OperationName == "PutMessage" and Uri contains "/«reference('storage').outputs.poisonQueueName.value»/"`), query);
  // host.json's maxDequeueCount is what moves a message there.
  assert.ok(JSON.parse(read('host.json')).extensions.queues.maxDequeueCount >= 1);
});

test('each alert has its own switch; the availability test too', () => {
  for (const [key, { toggle }] of Object.entries(LOG_ALERTS)) {
    const items = deployed({ [toggle]: false });
    const keys = Object.keys(rulesByKey(items)).sort();
    assert.deepEqual(keys, Object.keys(LOG_ALERTS).filter((k) => k !== key).sort(), toggle);
    assert.equal(ofType(items, 'Microsoft.Insights/webtests').length, 1, toggle);
  }
  const items = deployed({ enableAvailabilityTest: false });
  assert.equal(ofType(items, 'Microsoft.Insights/webtests').length, 0);
  assert.equal(ofType(items, 'Microsoft.Insights/metricAlerts').length, 0);
  assert.equal(Object.keys(rulesByKey(items)).length, Object.keys(LOG_ALERTS).length);
});

test('with an e-mail, every alert notifies the one action group; without, none exists', () => {
  let items = deployed({ alertEmail: 'ops@example.org' });
  const [group] = ofType(items, 'Microsoft.Insights/actionGroups');
  assert.equal(props(group).emailReceivers[0].emailAddress, 'ops@example.org');
  const groupId = resourcePath('Microsoft.Insights/actionGroups', s(group.name));
  for (const rule of ofType(items, 'Microsoft.Insights/scheduledQueryRules')) {
    assert.deepEqual(props(rule).actions.actionGroups.map(s), [groupId], s(rule.name));
  }
  const [metricAlert] = ofType(items, 'Microsoft.Insights/metricAlerts');
  assert.deepEqual(props(metricAlert).actions.map((a) => s(a.actionGroupId)), [groupId]);
  items = deployed();
  assert.equal(ofType(items, 'Microsoft.Insights/actionGroups').length, 0);
  for (const rule of ofType(items, 'Microsoft.Insights/scheduledQueryRules')) assert.deepEqual(props(rule).actions.actionGroups, []);
});

test('infra/README.md lists every signal with its severity and what to do', () => {
  const readme = fs.readFileSync(path.join(infraDir, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => l.startsWith('|'));
  for (const [key, { severity }] of [...Object.entries(LOG_ALERTS), ['health', { severity: 1 }]]) {
    const row = rows.find((l) => l.startsWith(`| \`${key}\` |`));
    assert.ok(row, `no row for \`${key}\` in infra/README.md`);
    assert.match(row, new RegExp(`\\| ${severity} \\|`), `${key}: severity ${severity}`);
  }
  const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
  const items = deployed({ enableFrontDoor: true });
  const descriptions = [...ofType(items, 'Microsoft.Insights/scheduledQueryRules'), ...ofType(items, 'Microsoft.Insights/metricAlerts')].map((x) => props(x).description);
  for (const d of descriptions) {
    const anchor = /README\.md#([a-z-]+)/.exec(d)[1];
    assert.ok(anchors.has(anchor), `the runbook has no section #${anchor}`);
  }
});

// -------------------------------------------------------------------------------- availability test

test('the availability test requests /api/health (through Front Door when enabled) and pages when two regions fail', () => {
  for (const [overrides, url] of [
    [{}, "«reference('functionApp').outputs.url.value»/api/health"],
    [{ enableFrontDoor: true }, "«reference('frontDoorApi').outputs.apiBaseUrl.value»health"],
  ]) {
    const items = deployed(overrides);
    const [webTest] = ofType(items, 'Microsoft.Insights/webtests');
    const p = props(webTest);
    assert.equal(webTest.resource.kind, 'standard');
    assert.equal(p.Kind, 'standard');
    assert.equal(p.Enabled, true);
    assert.equal(s(p.Request.RequestUrl), url);
    assert.equal(p.Request.HttpVerb, 'GET');
    assert.equal(p.ValidationRules.ExpectedHttpStatusCode, 200);
    assert.ok(p.Locations.length >= 3);
    assert.equal(s(p.SyntheticMonitorId), s(webTest.name));
    // Linked to the component (Azure requires the hidden-link tag).
    const tags = webTest.scope.resolve(webTest.resource.tags);
    assert.deepEqual(Object.entries(tags).filter(([k]) => k.startsWith('hidden-link:')).map(([k, v]) => [k, v]), [[`hidden-link:${COMPONENT}`, 'Resource']]);
    const [metricAlert] = ofType(items, 'Microsoft.Insights/metricAlerts');
    const a = props(metricAlert);
    assert.equal(a.severity, 1);
    assert.equal(a.criteria['odata.type'], 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria');
    assert.equal(s(a.criteria.componentId), COMPONENT);
    assert.match(s(a.criteria.webTestId), /Microsoft\.Insights\/webtests/);
    assert.equal(a.criteria.failedLocationCount, 2);
  }
  // /api/health is the anonymous route the test can reach.
  assert.match(read('functions/Functions/HealthFunction.cs'), /AuthorizationLevel\.Anonymous, "get"[^)]*Route = "health"/);
});

// ----------------------------------------------------------------------------------------- workbook

function workbookOf(items) {
  const [wb] = ofType(items, 'Microsoft.Insights/workbooks');
  assert.ok(wb, 'no workbook');
  const data = props(wb).serializedData;
  assert.equal(typeof data, 'string', 'serializedData is a string');
  return { resource: wb, data: JSON.parse(data) };
}

for (const [variant, overrides] of Object.entries({ default: {}, 'front door': { enableFrontDoor: true } })) {
  test(`${variant}: the workbook is valid JSON, has every tab, and every query names only existing tables and columns`, () => {
    const items = deployed(overrides);
    const { resource, data } = workbookOf(items);
    assert.equal(resource.resource.kind, 'shared');
    assert.equal(props(resource).category, 'workbook');
    assert.equal(data.version, 'Notebook/1.0');
    const tabs = data.items.find((i) => i.type === 11).content.links.map((l) => l.subTarget);
    assert.deepEqual(tabs, ['runs', 'items', 'hub', 'api', 'reach']);
    const queries = data.items.filter((i) => i.type === 3);
    for (const tab of tabs) assert.ok(queries.some((q) => q.conditionalVisibility.value === tab), `tab ${tab} has no query`);
    const names = queries.map((q) => q.name);
    assert.deepEqual(names, ['last-runs', 'outcomes', 'items', 'set-aside', 'hub-latency', 'hub-status', 'api', 'reach']);
    for (const q of data.items.filter((i) => i.conditionalVisibility)) {
      assert.ok(tabs.includes(q.conditionalVisibility.value), q.name);
      assert.equal(q.conditionalVisibility.parameterName, 'tab');
    }
    for (const q of queries) {
      assert.equal(q.content.version, 'KqlItem/1.0');
      assert.equal(q.content.resourceType, 'microsoft.operationalinsights/workspaces');
      assertQueryNamesExist(items, `workbook ${q.name}`, q.content.query);
    }
    // The runs panel reads the run span by its name.
    assert.match(queries.find((q) => q.name === 'last-runs').content.query, /Name == "hubfeed\.run"/);
  });
}

// -------------------------------------------------------------------------------------------- reach

test('reach: per objective and referring host only, hosts under the threshold hidden, no IP, no user agent', () => {
  for (const [overrides, table, hidden] of [
    [{}, 'StorageBlobLogs', ['CallerIpAddress', 'UserAgentHeader', 'RequesterObjectId']],
    [{ enableFrontDoor: true }, 'AzureDiagnostics', ['clientIp_s', 'userAgent_s']],
  ]) {
    const items = deployed({ ...overrides, reachMinReadsPerDay: 4 });
    const [search] = ofType(items, 'Microsoft.OperationalInsights/workspaces/savedSearches');
    const query = props(search).query;
    const { data } = workbookOf(items);
    assert.equal(data.items.find((i) => i.name === 'reach').content.query, query, 'the workbook tab runs the saved search');
    assertQueryNamesExist(items, 'reach', query);
    assert.deepEqual(kqlNames(query).tables, [table]);
    const code = stripComments(query);
    for (const column of hidden) assert.ok(!code.includes(column), `reach reads ${column}`);
    assert.match(code, /let minReads = 4;/);
    assert.match(code, /\| extend Host = tostring\(parse_url\(Referrer\)\.Host\)/);
    assert.match(code, /\| summarize Reads = count\(\) by Day = startofday\(TimeGenerated\), Objective, Host\n\| where Reads >= minReads/);
    if (table === 'StorageBlobLogs') assert.match(code, /ObjectKey startswith "\/«reference\('content'\)\.outputs\.name\.value»\/feeds\/"/);
  }
});

// ---------------------------------------------------------------------------------------- retention

test('the logs that hold readers\' IP addresses keep them readerLogRetentionDays (7 by default), whenever diagnostics are on', () => {
  for (const [params, days] of [
    [mainParameters(), 7],
    [mainParameters({ readerLogRetentionDays: 10, enableFrontDoor: true }), 10],
    [parameterFile('main.production.bicepparam'), 7],
  ]) {
    const items = walkResources(mainTemplate(), params);
    const tables = ofType(items, 'Microsoft.OperationalInsights/workspaces/tables');
    const byName = Object.fromEntries(tables.map((t) => [s(t.name).split('/').pop(), props(t)]));
    assert.deepEqual(Object.keys(byName).sort(), ['AzureDiagnostics', 'StorageBlobLogs']);
    for (const p of Object.values(byName)) assert.deepEqual([p.retentionInDays, p.totalRetentionInDays], [days, days]);
    // Those are the tables the enabled diagnostics write readers' addresses into.
    assertSourceEnabled(items, 'StorageBlobLogs');
    if (params.enableFrontDoor) assertSourceEnabled(items, 'AzureDiagnostics');
    for (const table of Object.keys(byName)) {
      assert.ok(TABLES[table].columns.some((c) => /ip/i.test(c)), `${table} holds an IP column`);
    }
    // The rest keeps the workspace's retention.
    const [workspace] = ofType(items, 'Microsoft.OperationalInsights/workspaces');
    assert.ok(props(workspace).retentionInDays >= 30);
  }
});
