// One workbook for ops (Azure Monitor > Workbooks, "HubFeed"): per objective the last runs and their
// outcomes, items over time, rows set aside with their reasons, Hub latency and errors, API requests
// and their 4xx/5xx, and reach. And the reach query as a saved search of the workspace.
//
// Every query is a file in infra/queries/ (the alerts use the same files); tests/infra/observability.test.mjs
// checks each names only tables and columns the enabled diagnostic categories and Application Insights
// write (tests/infra/log-tables.mjs lists those schemas with their source).

param workbookName string
param location string
param tags object

@description('Resource id of the Log Analytics workspace the queries run on.')
param logAnalyticsName string

@description('The public content account and container whose reads count as reach.')
param contentAccountName string
param containerName string

@description('With Front Door, reads are counted from its access log (most never reach the account).')
param frontDoorEnabled bool

@description('A referring host shows in reach only with at least this many reads in a day (fewer could single out a person).')
@minValue(1)
param reachMinReadsPerDay int = 3

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' existing = {
  name: logAnalyticsName
}

var reads = frontDoorEnabled ? loadTextContent('../queries/reads-frontdoor.kql') : loadTextContent('../queries/reads-storage.kql')
var reachQuery = replace(
  replace(
    replace(replace(loadTextContent('../queries/reach.kql'), '{reads}', reads), '{minReadsPerDay}', string(reachMinReadsPerDay)),
    '{contentAccount}',
    contentAccountName
  ),
  '{container}',
  containerName
)

resource reachSearch 'Microsoft.OperationalInsights/workspaces/savedSearches@2025-07-01' = {
  parent: workspace
  name: 'hubfeed-reach'
  properties: {
    category: 'HubFeed'
    displayName: 'HubFeed reach: reads per objective and referring host (no IP, no user agent)'
    query: reachQuery
    version: 2
  }
}

// Workbook items: a tab bar, then the panels, each shown when its tab is picked.
var tabs = [
  {
    id: 'runs'
    label: 'Runs'
  }
  {
    id: 'items'
    label: 'Items'
  }
  {
    id: 'hub'
    label: 'Hub'
  }
  {
    id: 'api'
    label: 'API'
  }
  {
    id: 'reach'
    label: 'Reach'
  }
]

var panels = [
  {
    tab: 'runs'
    name: 'last-runs'
    title: 'Last runs per objective'
    query: loadTextContent('../queries/last-runs.kql')
    visualization: 'table'
  }
  {
    tab: 'runs'
    name: 'outcomes'
    title: 'Outcomes over time, per objective'
    query: loadTextContent('../queries/outcomes.kql')
    visualization: 'timechart'
  }
  {
    tab: 'items'
    name: 'items'
    title: 'Items each feed holds'
    query: loadTextContent('../queries/items.kql')
    visualization: 'timechart'
  }
  {
    tab: 'items'
    name: 'set-aside'
    title: 'Rows set aside, by reason'
    query: loadTextContent('../queries/set-aside-reasons.kql')
    visualization: 'table'
  }
  {
    tab: 'hub'
    name: 'hub-latency'
    title: 'Hub request latency (s)'
    query: loadTextContent('../queries/hub-latency.kql')
    visualization: 'timechart'
  }
  {
    tab: 'hub'
    name: 'hub-status'
    title: 'Hub requests by status or error'
    query: loadTextContent('../queries/hub-status.kql')
    visualization: 'barchart'
  }
  {
    tab: 'api'
    name: 'api'
    title: 'API requests, 4xx and 5xx'
    query: loadTextContent('../queries/api-requests.kql')
    visualization: 'timechart'
  }
  {
    tab: 'reach'
    name: 'reach'
    title: 'Reach: reads per objective and referring host'
    query: reachQuery
    visualization: 'table'
  }
]

var workbook = {
  version: 'Notebook/1.0'
  items: concat(
    [
      {
        type: 1
        name: 'title'
        content: {
          json: '## HubFeed\nRuns, items, the Hub, the API and reach. Alerts and their runbook: infra/README.md.'
        }
      }
      {
        type: 11
        name: 'tabs'
        content: {
          version: 'LinkItem/1.0'
          style: 'tabs'
          links: map(tabs, tab => {
            id: tab.id
            cellValue: 'tab'
            linkTarget: 'parameter'
            linkLabel: tab.label
            subTarget: tab.id
            style: 'link'
          })
        }
      }
      {
        type: 1
        name: 'reach-note'
        content: {
          json: 'Reads of each objective\'s feeds and of the widget script per referring **site host**, per day, for hosts with at least ${reachMinReadsPerDay} reads that day. No IP address, no user agent, no page path is shown or kept here.'
        }
        conditionalVisibility: {
          parameterName: 'tab'
          comparison: 'isEqualTo'
          value: 'reach'
        }
      }
    ],
    map(panels, panel => {
      type: 3
      name: panel.name
      content: {
        version: 'KqlItem/1.0'
        query: panel.query
        size: 0
        title: panel.title
        timeContext: {
          durationMs: 604800000
        }
        queryType: 0
        resourceType: 'microsoft.operationalinsights/workspaces'
        visualization: panel.visualization
      }
      conditionalVisibility: {
        parameterName: 'tab'
        comparison: 'isEqualTo'
        value: panel.tab
      }
    })
  )
  fallbackResourceIds: [
    workspace.id
  ]
}

resource hubfeedWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, workbookName)
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'HubFeed (${workbookName})'
    category: 'workbook'
    sourceId: workspace.id
    serializedData: string(workbook)
  }
}

output workbookId string = hubfeedWorkbook.id
output reachQuery string = reachQuery
