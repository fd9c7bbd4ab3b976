// HubFeed: the UN Migration Network Hub's listing for a GCM objective, ingested into Table Storage
// and published as JSON Feed, Atom, an HTML list and an embeddable widget script.
//
// One deployment into one resource group gives a working, locked-down system:
//   identity      one user-assigned managed identity (every connection uses it, no keys)
//   storage       PRIVATE account: Functions host, deployment container, catalog tables
//   content       PUBLIC CONTENT account: container `feeds` (anonymous blob read, no listing), CORS
//   monitoring    Log Analytics + Application Insights (Entra auth only)
//   rbac          data-plane roles for exactly what the code does
//   functionapp   Flex Consumption (FC1), dotnet-isolated 10.0
//   frontdoor     optional CDN in front of `feeds` (enableFrontDoor)
//   alerts        optional "no successful run in N hours" alert (enableNoRunAlert)
//
// azd: `azd up` (infra/main.parameters.json). Plain az: infra/deploy.sh (infra/main.bicepparam).

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

@description('Put Azure Front Door Standard (caching, compression) in front of the public content.')
param enableFrontDoor bool = false

@description('Alert when no successful run was logged in noRunAlertHours.')
param enableNoRunAlert bool = true

@minValue(1)
@maxValue(48)
@description('Hours without a successful run before the alert fires.')
param noRunAlertHours int = 24

@description('E-mail address for the no-run alert. Empty: no action group, the alert only shows in Azure Monitor.')
param alertEmail string = ''

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

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module content 'modules/content.bicep' = {
  name: 'content'
  params: {
    name: '${abbrs.storageStorageAccounts}feed${resourceToken}'
    location: location
    tags: tags
    containerName: publishContainerName
    allowedEmbeddingOrigins: allowedEmbeddingOrigins
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    privateStorageAccountName: storage.outputs.name
    contentStorageAccountName: content.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module frontDoor 'modules/frontdoor.bicep' = if (enableFrontDoor) {
  name: 'frontdoor'
  params: {
    profileName: '${abbrs.cdnProfiles}${resourceToken}'
    endpointName: '${abbrs.cdnProfilesEndpoints}${resourceToken}'
    tags: tags
    originHostName: content.outputs.blobHost
    containerName: publishContainerName
    allowedEmbeddingOrigins: allowedEmbeddingOrigins
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
  }
}

module alerts 'modules/alerts.bicep' = if (enableNoRunAlert) {
  name: 'alerts'
  params: {
    alertRuleName: '${abbrs.insightsScheduledQueryRules}no-run-${resourceToken}'
    actionGroupName: '${abbrs.actionGroups}${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    noRunAlertHours: noRunAlertHours
    alertEmail: alertEmail
  }
}

var feedUrl = '${publicBaseUrl}objective-${primaryObjective}/feed.json'
var embedUrl = '${publicBaseUrl}widget/v1/gcm-resources.js'
var hubLink = primaryObjective == '11'
  ? 'https://migrationnetwork.un.org/taxonomy/term/289'
  : sourceBaseUrl

@description('Base URL of everything published (ends with a slash).')
output publicBaseUrl string = publicBaseUrl

@description('JSON Feed of the first objective.')
output feedUrl string = feedUrl

@description('The widget script.')
output embedUrl string = embedUrl

@description('HTML to paste into a page to embed the list (the link is the no-JS fallback).')
output snippet string = '<script src="${embedUrl}" async></script><gcm-resources objective="${primaryObjective}"><a href="${hubLink}">GCM Objective ${primaryObjective} resources on the Migration Network Hub</a></gcm-resources>'

output functionAppUrl string = functionApp.outputs.url
output functionAppName string = functionApp.outputs.name
output resourceGroupName string = resourceGroup().name
output contentStorageAccountName string = content.outputs.name
output privateStorageAccountName string = storage.outputs.name
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
output frontDoorEndpointHostName string = enableFrontDoor ? frontDoor!.outputs.endpointHostName : ''
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
