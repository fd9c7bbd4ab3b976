// The PUBLIC CONTENT storage account: only the published feeds, list page and widget script.
// Its one container `feeds` allows anonymous read of blobs (no listing); writing needs Entra ID and
// is limited per principal by role-assignment conditions (rbac.bicep): the app writes the feeds, the
// deploy writes the widget. This is the only account where blob public access is allowed, so it
// stays reachable from public networks (partner pages fetch from browsers); with private networking
// the app's writes go through a private endpoint (network.bicep).
//
// Recoverable: blob versioning keeps every overwritten feed, soft delete keeps deleted blobs and
// containers, and a lifecycle rule removes previous versions after the same number of days. A bad
// publish is rolled back by promoting the previous version (see infra/README.md).
//
// CORS is owned here (the C# code is told not to touch service properties:
// HubFeed__Publish__ConfigureCors=false).

@description('Name of the content storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Redundancy. Standard_ZRS (or a geo-redundant SKU) where the region offers it.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string = 'Standard_LRS'

@description('Origins allowed to fetch the feeds from a browser (CORS). [\'*\'] allows any site to embed the widget.')
param allowedEmbeddingOrigins string[] = [
  '*'
]

@description('Public container the publisher writes to.')
param containerName string = 'feeds'

@minValue(1)
@maxValue(365)
@description('Days deleted blobs and containers, and previous versions of overwritten blobs, are kept.')
param blobRetentionDays int = 7

@description('Resource id of the Log Analytics workspace every diagnostic setting sends to.')
param logAnalyticsWorkspaceId string

var storageLogs = [
  {
    category: 'StorageRead'
    enabled: true
  }
  {
    category: 'StorageWrite'
    enabled: true
  }
  {
    category: 'StorageDelete'
    enabled: true
  }
]
var transactionMetrics = [
  {
    category: 'Transaction'
    enabled: true
  }
]

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: true // only here, and only the `feeds` container uses it
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Anonymous reads from any browser: the network stays open, writes need Entra ID + RBAC.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    cors: {
      corsRules: [
        {
          allowedMethods: [
            'GET'
            'HEAD'
            'OPTIONS'
          ]
          allowedOrigins: allowedEmbeddingOrigins
          allowedHeaders: [
            '*'
          ]
          exposedHeaders: [
            'ETag'
            'Content-Length'
            'Content-Type'
            'Last-Modified'
          ]
          maxAgeInSeconds: 3600
        }
      ]
    }
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: blobRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: blobRetentionDays
    }
  }
}

resource feeds 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'Blob'
  }
}

// Versions of a feed rewritten every few hours would pile up: keep them as long as deleted blobs.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2026-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-previous-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: blobRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    blobService // versioning must be on before a version rule is accepted
  ]
}

// The table and queue services are not used; they are declared so that any use of them is logged.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storage
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    metrics: transactionMetrics
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: storageLogs
    metrics: transactionMetrics
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: storageLogs
    metrics: transactionMetrics
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: storageLogs
    metrics: transactionMetrics
  }
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output blobHost string = replace(replace(storage.properties.primaryEndpoints.blob, 'https://', ''), '/', '')
output containerName string = feeds.name
