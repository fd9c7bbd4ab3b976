// The Flex Consumption (FC1) Function App, dotnet-isolated 10.0, deployed from a blob container
// with the user-assigned identity. Every connection is identity-based: no keys, no connection
// strings with secrets. Not set on purpose (Flex Consumption rejects or ignores them):
// FUNCTIONS_WORKER_RUNTIME, WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENT*.
//
// With a subnet (enablePrivateNetworking) all outbound traffic leaves through the VNet: storage over
// private endpoints, the internet through the subnet's NAT gateway. With a Front Door id
// (enableFrontDoor) the app answers only requests that came through that Front Door profile (its
// WAF): the AzureFrontDoor.Backend service tag plus the profile's X-Azure-FDID header. The SCM
// (deployment) site keeps its own, open rules: deployments need Entra ID (basic auth is off).

param name string
param planName string
param location string
param tags object

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('URL of the blob container the app package is deployed from (private account).')
param deploymentContainerUrl string

@description('Private account endpoints (Functions host + catalog tables).')
param privateBlobEndpoint string
param privateQueueEndpoint string
param privateTableEndpoint string

@description('Content account blob endpoint (the publisher writes here).')
param contentBlobEndpoint string

@description('Public container the publisher writes to.')
param publishContainer string

@description('Public base URL of the published files, ending with a slash.')
param publicBaseUrl string

param sourceBaseUrl string
param sourceObjectives string
param sourceContactUrl string
param healthMaxRunAgeHours int
param schedule string

param applicationInsightsConnectionString string

@minValue(512)
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Resource id of the subnet delegated to Microsoft.App/environments. Null: no VNet integration.')
param virtualNetworkSubnetId string?

@description('Accept requests only from the Front Door profile frontDoorId (through its WAF).')
param onlyFromFrontDoor bool = false

@description('The Front Door profile\'s id (its X-Azure-FDID header), when onlyFromFrontDoor.')
param frontDoorId string = ''

@description('Resource id of the Log Analytics workspace every diagnostic setting sends to.')
param logAnalyticsWorkspaceId string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    clientAffinityEnabled: false // stateless: no ARR affinity cookie
    publicNetworkAccess: 'Enabled'
    virtualNetworkSubnetId: virtualNetworkSubnetId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
      ipSecurityRestrictionsDefaultAction: onlyFromFrontDoor ? 'Deny' : 'Allow'
      ipSecurityRestrictions: onlyFromFrontDoor
        ? [
            {
              name: 'FrontDoorOnly'
              description: 'Requests through this deployment\'s Front Door profile (its WAF) only.'
              action: 'Allow'
              priority: 100
              tag: 'ServiceTag'
              ipAddress: 'AzureFrontDoor.Backend'
              headers: {
                'x-azure-fdid': [
                  frontDoorId
                ]
              }
            }
          ]
        : []
      scmIpSecurityRestrictionsUseMain: false
      scmIpSecurityRestrictionsDefaultAction: 'Allow'
      appSettings: [
        // Functions host storage (private account), identity-based.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: privateBlobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: privateQueueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: privateTableEndpoint }
        // HubFeed's own storage: catalog tables (private) and published blobs (content account).
        { name: 'HubFeedStorage__credential', value: 'managedidentity' }
        { name: 'HubFeedStorage__clientId', value: identityClientId }
        { name: 'HubFeedStorage__tableServiceUri', value: privateTableEndpoint }
        { name: 'HubFeedStorage__blobServiceUri', value: contentBlobEndpoint }
        { name: 'HubFeedStorage__queueServiceUri', value: privateQueueEndpoint }
        // Source (the Migration Network Hub).
        { name: 'HubFeed__Source__BaseUrl', value: sourceBaseUrl }
        { name: 'HubFeed__Source__Objectives', value: sourceObjectives }
        { name: 'HubFeed__Source__ContactUrl', value: sourceContactUrl }
        // Publishing. CORS is owned by Bicep (content.bicep), so the code must not configure it.
        { name: 'HubFeed__Publish__Container', value: publishContainer }
        { name: 'HubFeed__Publish__PublicBaseUrl', value: publicBaseUrl }
        { name: 'HubFeed__Publish__ConfigureCors', value: 'false' }
        // Health and schedule (six-field NCRONTAB, UTC).
        { name: 'HubFeed__Health__MaxRunAgeHours', value: string(healthMaxRunAgeHours) }
        { name: 'HubFeedSchedule', value: schedule }
        // Application Insights with Entra authentication (local auth is disabled).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
      ]
    }
  }
}

// No basic-auth (publishing profile) deployments: azd and az deploy with Entra tokens.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = functionApp.id
output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output url string = 'https://${functionApp.properties.defaultHostName}'
