// Parameters for the plain Azure CLI path (infra/deploy.sh), the default (personal) variant:
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.default.bicepparam
// Values come from environment variables where ops usually vary them; edit the rest here.
// The locked-down variant is infra/main.production.bicepparam (infra/deploy.sh --production).
//
// Not named main.bicepparam on purpose: azd prefers infra/main.bicepparam over
// infra/main.parameters.json when both exist, and azd's path is main.parameters.json.
using './main.bicep'

// Required: how the Hub's operators can reach you (a mailto: or https URL).
param sourceContactUrl = readEnvironmentVariable('HUBFEED_CONTACT_URL')

param environmentName = readEnvironmentVariable('HUBFEED_ENV_NAME', 'hubfeed')

// location: defaults to the resource group's region.

param sourceBaseUrl = 'https://migrationnetwork.un.org'
param sourceObjectives = readEnvironmentVariable('HUBFEED_OBJECTIVES', '11')
param schedule = '0 0 */6 * * *'
param healthMaxRunAgeHours = 24

param allowedEmbeddingOrigins = [
  '*'
]

param enableFrontDoor = bool(readEnvironmentVariable('HUBFEED_ENABLE_FRONT_DOOR', 'false'))
param frontDoorSku = 'Standard_AzureFrontDoor'

param enablePrivateNetworking = false
param storageSkuName = 'Standard_LRS'
param blobRetentionDays = 7
param logRetentionDays = 30

param enableNoRunAlert = true
param noRunAlertHours = 24
param alertEmail = readEnvironmentVariable('HUBFEED_ALERT_EMAIL', '')

// Who uploads the widget (infra/deploy.sh sets these from your az login).
param deployerPrincipalId = readEnvironmentVariable('HUBFEED_DEPLOYER_PRINCIPAL_ID', '')
param deployerPrincipalType = readEnvironmentVariable('HUBFEED_DEPLOYER_PRINCIPAL_TYPE', 'User')
