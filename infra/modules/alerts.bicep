// Optional (enableNoRunAlert): a log search alert on Application Insights that fires when no
// successful HubFeed run was logged in the last N hours. The C# code logs a message starting with
// "HubFeed run succeeded" after each successful run (traces); a customEvent of that name counts too.

param alertRuleName string
param actionGroupName string
param location string
param tags object

@description('Resource id of the Application Insights component the app logs to.')
param applicationInsightsId string

@description('Hours without a successful run before the alert fires (the query window, at most 48).')
@minValue(1)
@maxValue(48)
param noRunAlertHours int = 24

@description('E-mail address notified when the alert fires. Empty: the alert fires without notifying anyone (visible in Azure Monitor).')
param alertEmail string = ''

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

resource noRunAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: alertRuleName
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'HubFeed: no successful run in ${noRunAlertHours} h'
    description: 'No "HubFeed run succeeded" log in the last ${noRunAlertHours} hours: the timer has stopped or every run fails. Check the function app\'s logs and the health endpoint.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT${noRunAlertHours}H'
    criteria: {
      allOf: [
        {
          query: 'union isfuzzy=true (traces | where message startswith "HubFeed run succeeded"), (customEvents | where name startswith "HubFeed run succeeded") | project timestamp'
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: notify ? [
        actionGroup.id
      ] : []
    }
  }
}

output alertRuleName string = noRunAlert.name
