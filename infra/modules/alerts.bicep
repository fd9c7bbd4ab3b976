// What pages ops: a standard availability test of /api/health and log search alerts on the Log Analytics
// workspace, all notifying one action group (e-mail alertEmail; without it, alerts show in Azure Monitor
// only). Each alert can be turned off (enabled* parameters) and has a fixed, documented severity
// (infra/README.md, "Signals"): 0 critical .. 4 verbose.
//
// The queries live in infra/queries/*.kql, one file each, and name their source in a comment: the run
// metrics and the run span of shared/Pipeline/RunTelemetry.cs, the run log of HubFeedRunner, the private
// account's queue log. tests/infra/observability.test.mjs checks every name they use exists.

param namePrefix string
param actionGroupName string
param location string
param tags object

@description('Resource id of the Application Insights component the app sends telemetry to.')
param applicationInsightsId string

@description('Resource id of the Log Analytics workspace (workspace-based Application Insights and every diagnostic log).')
param logAnalyticsId string

@description('URL of the health endpoint the availability test requests (through Front Door when enabled).')
param healthUrl string

@description('The poison queue of the run queue (the Functions host moves failed run requests there).')
param poisonQueueName string

@description('E-mail address notified when an alert fires. Empty: alerts fire without notifying anyone (visible in Azure Monitor).')
param alertEmail string = ''

param enableAvailabilityTest bool = true
param enableNoRunAlert bool = true
param enableHeldRunAlert bool = true
param enableFailedRunAlert bool = true
param enableSetAsideAlert bool = true
param enablePoisonAlert bool = true
param enableFeedsBehindAlert bool = true

@description('Hours without a successful run before the no-run alert fires (the query window, at most 48).')
@minValue(1)
@maxValue(48)
param noRunAlertHours int = 24

@description('Rows one objective may set aside within an hour before the alert fires.')
@minValue(0)
param setAsideAlertThreshold int = 5

@description('Minutes the feeds may stay behind the catalog (runs ending publish-failed) before the alert fires.')
@minValue(15)
@maxValue(1440)
param feedsBehindMinutes int = 60

var notify = !empty(alertEmail)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (notify) {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'hubfeed'
    enabled: true
    emailReceivers: [
      {
        name: 'ops'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = notify ? [actionGroup.id] : []

// The log search alerts: one query file each, a severity, a window, and when it fires.
var logAlerts = [
  {
    key: 'no-run'
    enabled: enableNoRunAlert
    severity: 2
    displayName: 'HubFeed: no successful run in ${noRunAlertHours} h'
    description: 'No run succeeded in ${noRunAlertHours} hours: the schedule stopped or every run fails. Runbook: infra/README.md#no-successful-run.'
    query: loadTextContent('../queries/no-run.kql')
    frequency: 'PT1H'
    window: 'PT${noRunAlertHours}H'
    operator: 'LessThan'
    threshold: 1
  }
  {
    key: 'held-run'
    enabled: enableHeldRunAlert
    severity: 2
    displayName: 'HubFeed: a run was held'
    description: 'A guard held a run (nothing written): the listing changed more than the guards allow. An operator decides. Runbook: infra/README.md#a-run-was-held.'
    query: loadTextContent('../queries/runs-held.kql')
    frequency: 'PT1H'
    window: 'PT1H'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    key: 'failed-run'
    enabled: enableFailedRunAlert
    severity: 1
    displayName: 'HubFeed: a run failed'
    description: 'A run failed (the Hub, storage or the markup) or could not publish. Runbook: infra/README.md#a-run-failed.'
    query: loadTextContent('../queries/runs-failed.kql')
    frequency: 'PT1H'
    window: 'PT1H'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    key: 'set-aside'
    enabled: enableSetAsideAlert
    severity: 3
    displayName: 'HubFeed: more than ${setAsideAlertThreshold} rows set aside'
    description: 'Runs of one objective set aside more than ${setAsideAlertThreshold} listing rows within an hour (they are not published). Runbook: infra/README.md#rows-set-aside.'
    query: replace(loadTextContent('../queries/rows-set-aside.kql'), '{setAsideThreshold}', string(setAsideAlertThreshold))
    frequency: 'PT1H'
    window: 'PT1H'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    key: 'poison'
    enabled: enablePoisonAlert
    severity: 2
    displayName: 'HubFeed: a run request reached the poison queue'
    description: 'A run request failed every attempt and was moved to ${poisonQueueName}. Runbook: infra/README.md#poison-queue.'
    query: replace(loadTextContent('../queries/poison.kql'), '{poisonQueue}', poisonQueueName)
    frequency: 'PT15M'
    window: 'PT15M'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    key: 'feeds-behind'
    enabled: enableFeedsBehindAlert
    severity: 1
    displayName: 'HubFeed: feeds behind the catalog for more than ${feedsBehindMinutes} min'
    description: 'The catalog took a listing the feeds do not show, for more than ${feedsBehindMinutes} minutes. Runbook: infra/README.md#feeds-behind-the-catalog.'
    query: replace(loadTextContent('../queries/feeds-behind.kql'), '{behindMinutes}', string(feedsBehindMinutes))
    frequency: 'PT15M'
    window: 'P1D'
    operator: 'GreaterThan'
    threshold: 0
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in logAlerts: if (alert.enabled) {
    name: '${namePrefix}${alert.key}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: alert.displayName
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        logAnalyticsId
      ]
      evaluationFrequency: alert.frequency
      windowSize: alert.window
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Count'
            operator: alert.operator
            threshold: alert.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: actionGroups
      }
    }
  }
]

// A standard test from three regions every five minutes: /api/health answers 200 only when every
// objective's last run succeeded recently, the feeds are current and no run request is poisoned.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = if (enableAvailabilityTest) {
  name: '${namePrefix}health'
  location: location
  tags: union(tags, {
    'hidden-link:${applicationInsightsId}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}health'
    Name: 'HubFeed /api/health'
    Description: 'GET ${healthUrl}: 200 when HubFeed is healthy.'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      {
        Id: 'emea-nl-ams-azr'
      }
      {
        Id: 'emea-gb-db3-azr'
      }
      {
        Id: 'us-va-ash-azr'
      }
    ]
    Request: {
      RequestUrl: healthUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = if (enableAvailabilityTest) {
  name: '${namePrefix}health'
  location: 'global'
  tags: tags
  properties: {
    description: 'The health endpoint failed from 2 of 3 regions: the API is down or HubFeed reports itself unhealthy. Runbook: infra/README.md#health-check-failing.'
    severity: 1
    enabled: true
    scopes: [
      healthTest.id
      applicationInsightsId
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsightsId
      failedLocationCount: 2
    }
    autoMitigate: true
    actions: notify
      ? [
          {
            actionGroupId: actionGroup.id
          }
        ]
      : []
  }
}

output alertRuleNames string[] = [for (alert, i) in logAlerts: alert.enabled ? alerts[i].name : '']
