// Role assignments for exactly what HubFeed does, all data-plane, each on one resource:
//   private account   Storage Blob Data Owner         Functions host (AzureWebJobsStorage: timer
//                                                     locks, host keys/state) + deployment package
//   private account   Storage Table Data Contributor  the catalog tables
//   queue hubfeed-runs, queue hubfeed-runs-poison
//                     Storage Queue Data Contributor  the run queue (the timer enqueues, a queue
//                                                     trigger processes, the host moves poison
//                                                     messages): each queue, not the account
//   content account   HubFeed publisher (custom)      the publisher: Storage Blob Data Contributor's
//                                                     blob data actions, and of its container
//                                                     actions only read (no container create,
//                                                     delete or public-access change: Bicep owns
//                                                     the container), CONDITIONED: it may write,
//                                                     add, delete and move blobs only in container
//                                                     `feeds` under the paths the app publishes
//                                                     (objective-*, all/*, objectives.json,
//                                                     index.html, site.css, sitemap.xml, robots.txt), never under a widget/ folder nor
//                                                     a path with '..'; reads are not conditioned
//   App Insights      Monitoring Metrics Publisher    telemetry with Entra auth
// and, when deployerPrincipalId is given (azd: AZURE_PRINCIPAL_ID), for the person or pipeline that
// deploys:
//   content account   Storage Blob Data Contributor   CONDITIONED to the widget and its demo page
//                                                     (widget/*, demo.*) in `feeds`
// So the app cannot rewrite the widget script every partner page runs, and the deploy cannot
// rewrite the feeds. No Owner/Contributor, no control-plane roles on the accounts.
//
// The conditions (ABAC, conditionVersion 2.0) use the blob path attribute; see
// https://learn.microsoft.com/azure/storage/blobs/storage-auth-abac-attributes

@description('Principal id of the app\'s user-assigned managed identity.')
param principalId string

param privateStorageAccountName string
param contentStorageAccountName string
param applicationInsightsName string

@description('The public container of the content account.')
param publishContainerName string

@description('The run queues on the private account (the queue and its poison queue).')
param queueNames string[]

@description('Principal that deploys the widget (azd: AZURE_PRINCIPAL_ID). Empty: no assignment.')
param deployerPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

// What each principal may write in the public container (StringLike patterns on the blob path).
// The C# side names the same lists (BlobLayout.AppWritable / DeployWritable); a test checks they agree.
var appWritablePaths = [
  'objective-*'
  'all/*'
  'objectives.json'
  'index.html'
  'site.css'
  'sitemap.xml'
  'robots.txt'
]
var deployWritablePaths = [
  'widget/*'
  'demo.*'
]
// What the app may never write, whatever the allowed patterns match (StringLike's * spans '/'): a
// widget folder at any depth, and any dot-dot segment a client or a proxy might resolve into one.
var appForbiddenPaths = [
  'widget/*'
  '*/widget/*'
  '*..*'
]

// Every blob data action of Storage Blob Data Contributor that changes data.
var blobWriteActions = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action'
]
var notWriting = join(map(blobWriteActions, action => '!(ActionMatches{\'${action}\'})'), ' AND ')
var inPublicContainer = '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals \'${publishContainerName}\''
var blobPath = '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path]'
var appPaths = join(map(appWritablePaths, path => '${blobPath} StringLike \'${path}\''), ' OR ')
var deployPaths = join(map(deployWritablePaths, path => '${blobPath} StringLike \'${path}\''), ' OR ')
var appNotForbidden = join(map(appForbiddenPaths, path => '${blobPath} StringNotLike \'${path}\''), ' AND ')
// "Either the request does not write, or it writes in the public container under an allowed path
// (for the app: and under no forbidden one)."
var appWriteCondition = '((${notWriting}) OR (${inPublicContainer} AND (${appPaths}) AND ${appNotForbidden}))'
var deployWriteCondition = '((${notWriting}) OR (${inPublicContainer} AND (${deployPaths})))'

resource privateStorage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: privateStorageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' existing = {
  parent: privateStorage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-06-01' existing = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

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

resource storageQueueDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}

resource storageBlobDataContributor 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  scope: subscription()
  name: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

// Storage Blob Data Contributor minus its container actions (create, delete, set public access) but
// read: a role condition cannot limit those (they are control-plane actions; conditions apply to
// data actions only), so the app's role leaves them out. Deploying a custom role needs
// Microsoft.Authorization/roleDefinitions/write (Owner or User Access Administrator).
var publisherDataActions = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
  ...blobWriteActions
]

resource publisherRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, contentStorageAccountName, 'hubfeed-publisher')
  properties: {
    roleName: 'HubFeed publisher (${contentStorageAccountName})'
    description: 'Writes HubFeed\'s feeds into a container Bicep created: blob data read/write/add/delete/move; container read only.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/read'
        ]
        notActions: []
        dataActions: publisherDataActions
        notDataActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
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

resource runQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queueName, i) in queueNames: {
    name: guid(queues[i].id, principalId, storageQueueDataContributor.id)
    scope: queues[i]
    properties: {
      roleDefinitionId: storageQueueDataContributor.id
      principalId: principalId
      principalType: 'ServicePrincipal'
      description: 'HubFeed run queue ${queueName}: enqueue runs, process them, move poison messages.'
    }
  }
]

resource publisherBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contentStorage.id, principalId, subscriptionResourceId('Microsoft.Authorization/roleDefinitions', publisherRole.name))
  scope: contentStorage
  properties: {
    // Role definitions live at the subscription whatever scope deploys them: the id assignments take.
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', publisherRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'HubFeed publisher: writes the feeds, lists and index in ${publishContainerName} (not the widget).'
    conditionVersion: '2.0'
    condition: appWriteCondition
  }
}

resource deployerBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(contentStorage.id, deployerPrincipalId, storageBlobDataContributor.id)
  scope: contentStorage
  properties: {
    roleDefinitionId: storageBlobDataContributor.id
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    description: 'HubFeed deploy: publishes the widget and its demo page in ${publishContainerName} (not the feeds).'
    conditionVersion: '2.0'
    condition: deployWriteCondition
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
