// HubFeed: the UN Migration Network Hub's listing for a GCM objective, ingested into Table Storage
// and published as JSON Feed, Atom, an HTML list and an embeddable widget script.
//
// One deployment into one resource group gives a working, locked-down system:
//   identity      one user-assigned managed identity (every connection uses it, no keys)
//   monitoring    Log Analytics + Application Insights (Entra auth only); every diagnostic setting
//                 of every module sends here
//   storage       PRIVATE account: Functions host, deployment container, catalog tables, run queue
//   content       PUBLIC CONTENT account: container `feeds` (anonymous blob read, no listing), CORS,
//                 versioning + soft delete
//   rbac          data-plane roles for exactly what the code does; the app's and the deployer's
//                 writes to `feeds` are conditioned to their own paths
//   network       optional VNet, private endpoints, private DNS, NAT gateway (enablePrivateNetworking)
//   frontdoor     optional Front Door + WAF in front of `feeds` and the API (enableFrontDoor)
//   functionapp   Flex Consumption (FC1), dotnet-isolated 10.0
//   alerts        availability test of /api/health and log alerts (no run, held, failed, rows set
//                 aside, poison queue, feeds behind), each with an enable* switch, one action group
//   workbook      the ops workbook and the reach saved search (infra/queries/*.kql)
//
// azd: `azd up` (infra/main.parameters.json). Plain az: infra/deploy.sh (infra/main.default.bicepparam,
// or infra/main.production.bicepparam with --production). See infra/README.md.

targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd: AZURE_ENV_NAME). Feeds the unique resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region for all regional resources. Must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string = resourceGroup().location

@description('Base URL of the Migration Network Hub.')
param sourceBaseUrl string = 'https://migrationnetwork.un.org'

@description('GCM objectives to ingest, comma-separated (e.g. \'11\' or \'11,23\'). The first one is used in the outputs.')
param sourceObjectives string = '11'

@minLength(1)
@description('Contact for the Hub\'s operators, sent with every request (a mailto: or https URL). Required.')
param sourceContactUrl string

@minValue(1)
@description('Hours after which the health endpoint reports the last successful run as too old.')
param healthMaxRunAgeHours int = 24

@description('When the ingest runs: a six-field NCRONTAB expression, UTC.')
param schedule string = '0 0 */6 * * *'

@description('Origins allowed to fetch the feeds from a browser (CORS). [\'*\'] lets any site embed the widget.')
param allowedEmbeddingOrigins string[] = [
  '*'
]

@description('Put Azure Front Door (caching, compression, WAF) in front of the public content and the API.')
param enableFrontDoor bool = false

@description('Front Door tier. Standard: WAF custom rules (the API rate limit) only. Premium: also the managed Default Rule Set and Bot Manager rules.')
@allowed([
  'Standard_AzureFrontDoor'
  'Premium_AzureFrontDoor'
])
param frontDoorSku string = 'Standard_AzureFrontDoor'

@minValue(10)
@maxValue(5000)
@description('With Front Door: requests per minute one client may send to /api/* before the WAF blocks it.')
param apiRateLimitPerMinute int = 120

@description('Private network: VNet integration for the app, private endpoints for the storage services, the private account closed to public networks, outbound internet through a NAT gateway.')
param enablePrivateNetworking bool = false

@description('Address space of the virtual network when enablePrivateNetworking (a /16 to /23; the subnets are its first two /24 blocks).')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Redundancy of both storage accounts. Standard_ZRS where the region has availability zones; an existing LRS account is converted with `az storage account migration start`, not by redeploying.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@minValue(1)
@maxValue(365)
@description('Days deleted blobs and containers, and previous versions of overwritten published files, are kept.')
param blobRetentionDays int = 7

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps telemetry and diagnostic logs.')
param logRetentionDays int = 30

@description('Principal that deploys the widget files (azd supplies AZURE_PRINCIPAL_ID). Gets Storage Blob Data Contributor on the content account, conditioned to widget/* and demo.*. Empty: no assignment.')
param deployerPrincipalId string = ''

@description('Type of deployerPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

@description('Alert when no successful run was logged in noRunAlertHours (severity 2).')
param enableNoRunAlert bool = true

@minValue(1)
@maxValue(48)
@description('Hours without a successful run before the alert fires.')
param noRunAlertHours int = 24

@description('Availability test of /api/health from three regions, alert when two fail (severity 1).')
param enableAvailabilityTest bool = true

@description('Alert when a guard held a run (severity 2).')
param enableHeldRunAlert bool = true

@description('Alert when a run failed or could not publish (severity 1).')
param enableFailedRunAlert bool = true

@description('Alert when one objective\'s runs set aside more than setAsideAlertThreshold rows in an hour (severity 3).')
param enableSetAsideAlert bool = true

@minValue(0)
@description('Rows set aside within an hour that one objective may have before the alert fires.')
param setAsideAlertThreshold int = 5

@description('Alert when a run request reaches the poison queue (severity 2).')
param enablePoisonAlert bool = true

@description('Alert when the feeds stay behind the catalog for more than feedsBehindMinutes (severity 1).')
param enableFeedsBehindAlert bool = true

@minValue(15)
@maxValue(1440)
@description('Minutes the feeds may stay behind the catalog before the alert fires.')
param feedsBehindMinutes int = 60

@description('E-mail address every alert notifies. Empty: no action group, alerts only show in Azure Monitor.')
param alertEmail string = ''

@minValue(4)
@maxValue(730)
@description('Days the logs holding readers\' IP addresses and user agents (StorageBlobLogs, AzureDiagnostics) are kept.')
param readerLogRetentionDays int = 7

@minValue(1)
@description('Reach (workbook, saved search) shows a referring host only with at least this many reads in a day.')
param reachMinReadsPerDay int = 3

@description('Memory per instance of the Flex Consumption app (MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances.')
param maximumInstanceCount int = 40

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
}
var serviceName = 'api'
var functionAppName = '${abbrs.webSitesFunctions}${serviceName}-${resourceToken}'
var deploymentContainerName = 'app-package'
var publishContainerName = 'feeds'
var primaryObjective = trim(first(split(sourceObjectives, ',')))

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${serviceName}-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    readerLogRetentionDays: readerLogRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    privateNetworking: enablePrivateNetworking
    blobRetentionDays: blobRetentionDays
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

module content 'modules/content.bicep' = {
  name: 'content'
  params: {
    name: '${abbrs.storageStorageAccounts}feed${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    containerName: publishContainerName
    allowedEmbeddingOrigins: allowedEmbeddingOrigins
    blobRetentionDays: blobRetentionDays
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    privateStorageAccountName: storage.outputs.name
    contentStorageAccountName: content.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    publishContainerName: publishContainerName
    queueNames: [
      storage.outputs.runQueueName
      storage.outputs.poisonQueueName
    ]
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
}

module network 'modules/network.bicep' = if (enablePrivateNetworking) {
  name: 'network'
  params: {
    location: location
    tags: tags
    vnetName: '${abbrs.networkVirtualNetworks}${resourceToken}'
    natGatewayName: '${abbrs.networkNatGateways}${resourceToken}'
    publicIpName: '${abbrs.networkPublicIPAddresses}nat-${resourceToken}'
    appNsgName: '${abbrs.networkNetworkSecurityGroups}app-${resourceToken}'
    endpointNsgName: '${abbrs.networkNetworkSecurityGroups}pe-${resourceToken}'
    privateEndpointPrefix: '${abbrs.networkPrivateEndpoints}${resourceToken}-'
    addressPrefix: vnetAddressPrefix
    privateStorageAccountId: storage.outputs.id
    contentStorageAccountId: content.outputs.id
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

module frontDoor 'modules/frontdoor.bicep' = if (enableFrontDoor) {
  name: 'frontdoor'
  params: {
    profileName: '${abbrs.cdnProfiles}${resourceToken}'
    endpointName: '${abbrs.cdnProfilesEndpoints}${resourceToken}'
    wafPolicyName: '${abbrs.frontDoorWafPolicies}${resourceToken}'
    tags: tags
    sku: frontDoorSku
    apiRateLimitPerMinute: apiRateLimitPerMinute
    originHostName: content.outputs.blobHost
    containerName: publishContainerName
    allowedEmbeddingOrigins: allowedEmbeddingOrigins
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

var publicBaseUrl = enableFrontDoor
  ? frontDoor!.outputs.publicBaseUrl
  : '${content.outputs.blobEndpoint}${publishContainerName}/'

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The roles must exist before the host starts, or its first storage calls fail.
  dependsOn: [
    rbac
  ]
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: union(tags, {
      'azd-service-name': serviceName
    })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    privateBlobEndpoint: storage.outputs.blobEndpoint
    privateQueueEndpoint: storage.outputs.queueEndpoint
    privateTableEndpoint: storage.outputs.tableEndpoint
    contentBlobEndpoint: content.outputs.blobEndpoint
    publishContainer: publishContainerName
    publicBaseUrl: publicBaseUrl
    sourceBaseUrl: sourceBaseUrl
    sourceObjectives: sourceObjectives
    sourceContactUrl: sourceContactUrl
    healthMaxRunAgeHours: healthMaxRunAgeHours
    schedule: schedule
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    virtualNetworkSubnetId: enablePrivateNetworking ? network!.outputs.appSubnetId : null
    onlyFromFrontDoor: enableFrontDoor
    frontDoorId: enableFrontDoor ? frontDoor!.outputs.frontDoorId : ''
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

module frontDoorApi 'modules/frontdoor-api.bicep' = if (enableFrontDoor) {
  name: 'frontdoor-api'
  params: {
    profileName: frontDoor!.outputs.profileName
    endpointName: frontDoor!.outputs.endpointName
    functionAppHostName: functionApp.outputs.defaultHostName
  }
}

var apiBaseUrl = enableFrontDoor ? frontDoorApi!.outputs.apiBaseUrl : '${functionApp.outputs.url}/api/'

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: '${abbrs.insightsScheduledQueryRules}${resourceToken}-'
    actionGroupName: '${abbrs.actionGroups}${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    healthUrl: '${apiBaseUrl}health'
    poisonQueueName: storage.outputs.poisonQueueName
    alertEmail: alertEmail
    enableAvailabilityTest: enableAvailabilityTest
    enableNoRunAlert: enableNoRunAlert
    enableHeldRunAlert: enableHeldRunAlert
    enableFailedRunAlert: enableFailedRunAlert
    enableSetAsideAlert: enableSetAsideAlert
    enablePoisonAlert: enablePoisonAlert
    enableFeedsBehindAlert: enableFeedsBehindAlert
    noRunAlertHours: noRunAlertHours
    setAsideAlertThreshold: setAsideAlertThreshold
    feedsBehindMinutes: feedsBehindMinutes
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  params: {
    workbookName: resourceToken
    location: location
    tags: tags
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    contentAccountName: content.outputs.name
    containerName: publishContainerName
    frontDoorEnabled: enableFrontDoor
    reachMinReadsPerDay: reachMinReadsPerDay
  }
}

var feedUrl = '${publicBaseUrl}objective-${primaryObjective}/feed.json'

// No widget URL and no snippet here: a snippet must pin the widget with its SRI hash, which Bicep
// cannot compute. The CLI's `snippet` command is the one snippet generator (infra/hooks/postdeploy.sh,
// infra/deploy.sh).

@description('Base URL of everything published (ends with a slash).')
output publicBaseUrl string = publicBaseUrl

@description('JSON Feed of the first objective.')
output feedUrl string = feedUrl

@description('The index of what is published (objectives.json).')
output objectivesIndexUrl string = '${publicBaseUrl}objectives.json'

@description('The first objective (the one the snippet is printed for).')
output primaryObjective string = primaryObjective

@description('Blob endpoint of the content account (the widget is uploaded here).')
output contentBlobEndpoint string = content.outputs.blobEndpoint

@description('The public container.')
output publishContainerName string = publishContainerName

@description('Base of the HTTP API: Front Door\'s https://<endpoint>/api/ when enabled (the app then accepts nothing else), else the app\'s own.')
output apiBaseUrl string = apiBaseUrl

@description('The app\'s outbound public IP (the NAT gateway) with private networking; empty otherwise.')
output outboundIpAddress string = enablePrivateNetworking ? network!.outputs.outboundIpAddress : ''

output functionAppUrl string = functionApp.outputs.url
output functionAppName string = functionApp.outputs.name
output resourceGroupName string = resourceGroup().name
output contentStorageAccountName string = content.outputs.name
output privateStorageAccountName string = storage.outputs.name
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
output frontDoorEndpointHostName string = enableFrontDoor ? frontDoor!.outputs.endpointHostName : ''
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
