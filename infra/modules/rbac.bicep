// Role assignments for exactly what HubFeed does, all data-plane, each on one resource:
//   private account  Storage Blob Data Owner        Functions host (AzureWebJobsStorage: timer
//                                                   locks, host keys/state) + deployment package
//   private account  Storage Table Data Contributor the catalog tables
//   content account  Storage Blob Data Contributor  the publisher (feeds, page, widget)
//   App Insights     Monitoring Metrics Publisher   telemetry with Entra auth
// No queue role (nothing uses queues), no Owner/Contributor, no control-plane roles on the accounts.

@description('Principal id of the app\'s user-assigned managed identity.')
param principalId string

param privateStorageAccountName string
param contentStorageAccountName string
param applicationInsightsName string

resource privateStorage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: privateStorageAccountName
}

resource contentStorage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: contentStorageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Built-in role definitions (ids are the same in every tenant).
resource storageBlobDataOwner 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
}

resource storageTableDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storageBlobDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

resource monitoringMetricsPublisher 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(privateStorage.id, principalId, storageBlobDataOwner.id)
  scope: privateStorage
  properties: {
    roleDefinitionId: storageBlobDataOwner.id
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'HubFeed Functions host: AzureWebJobsStorage, deployment container, timer locks.'
  }
}

resource catalogTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(privateStorage.id, principalId, storageTableDataContributor.id)
  scope: privateStorage
  properties: {
    roleDefinitionId: storageTableDataContributor.id
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'HubFeed catalog tables (resources, runs, sourcestate, pagecache).'
  }
}

resource publisherBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contentStorage.id, principalId, storageBlobDataContributor.id)
  scope: contentStorage
  properties: {
    roleDefinitionId: storageBlobDataContributor.id
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'HubFeed publisher: writes the public feeds, list page and widget.'
  }
}

resource telemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, monitoringMetricsPublisher.id)
  scope: appInsights
  properties: {
    roleDefinitionId: monitoringMetricsPublisher.id
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'HubFeed telemetry to Application Insights with Entra authentication.'
  }
}
