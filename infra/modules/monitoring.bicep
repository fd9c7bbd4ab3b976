// Log Analytics + workspace-based Application Insights. Local (instrumentation key) auth is off:
// telemetry is accepted only with an Entra token (the app's managed identity, with Monitoring
// Metrics Publisher, see rbac.bicep). The workspace is also where every resource's diagnostic
// settings send their logs (storage, the Function app, Front Door, NSGs, the NAT public IP): its
// retention is the retention of those logs (diagnostic settings' own retentionPolicy is
// deprecated and only applied to storage-account destinations).

param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

@description('Days Log Analytics keeps data (telemetry and every diagnostic log).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Days the logs that hold a reader\'s IP address and user agent are kept (readerLogTables), shorter than the rest.')
@minValue(4)
@maxValue(730)
param readerLogRetentionDays int = 7

// The tables whose rows name a reader of the public content: StorageBlobLogs (every read of a feed or
// the widget on the content account: CallerIpAddress, UserAgentHeader, ReferrerHeader) and
// AzureDiagnostics (Front Door's access and WAF logs: clientIp_s, userAgent_s; the NSG logs share it).
// They keep readerLogRetentionDays, not the workspace's retention: long enough to investigate abuse,
// then gone. Reach (the workbook) keeps only per-day counts by referring host.
var readerLogTables = [
  'StorageBlobLogs'
  'AzureDiagnostics'
]

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource readerLogs 'Microsoft.OperationalInsights/workspaces/tables@2025-07-01' = [
  for table in readerLogTables: {
    parent: logAnalytics
    name: table
    properties: {
      retentionInDays: readerLogRetentionDays
      totalRetentionInDays: readerLogRetentionDays
    }
  }
]

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

output applicationInsightsId string = appInsights.id
output applicationInsightsName string = appInsights.name
output connectionString string = appInsights.properties.ConnectionString
output logAnalyticsName string = logAnalytics.name
output logAnalyticsId string = logAnalytics.id
