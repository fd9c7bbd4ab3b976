// The PUBLIC CONTENT storage account: only the published feeds, list page and widget script.
// Its one container `feeds` allows anonymous read of blobs (no listing); writing needs Entra ID.
// This is the only account where blob public access is allowed. CORS is owned here (the C# code
// is told not to touch service properties: HubFeed__Publish__ConfigureCors=false).

@description('Name of the content storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object

@description('Origins allowed to fetch the feeds from a browser (CORS). [\'*\'] allows any site to embed the widget.')
param allowedEmbeddingOrigins string[] = [
  '*'
]

@description('Public container the publisher writes to.')
param containerName string = 'feeds'

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: true // only here, and only the `feeds` container uses it
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
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
    deleteRetentionPolicy: {
      enabled: true
      days: 7
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

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output blobHost string = replace(replace(storage.properties.primaryEndpoints.blob, 'https://', ''), '/', '')
output containerName string = feeds.name
