// Parameters for the locked-down (production) variant, plain Azure CLI path:
//   HUBFEED_CONTACT_URL=mailto:ops@example.org infra/deploy.sh -g <rg> -l <region> --production
// which runs
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.production.bicepparam
// What it changes from main.default.bicepparam: private network (VNet integration, private
// endpoints, private account closed to public networks, NAT gateway), zone-redundant storage,
// longer recovery and log retention, Front Door Premium with the WAF (API rate limit + managed rule
// sets). The rules it is checked against are listed in infra/README.md.
using './main.bicep'

// Required: how the Hub's operators can reach you (a mailto: or https URL).
param sourceContactUrl = readEnvironmentVariable('HUBFEED_CONTACT_URL')

param environmentName = readEnvironmentVariable('HUBFEED_ENV_NAME', 'hubfeed-prod')

// location: defaults to the resource group's region. It must offer Flex Consumption with VNet
// integration and availability zones (for Standard_ZRS).

param sourceBaseUrl = 'https://migrationnetwork.un.org'
param sourceObjectives = readEnvironmentVariable('HUBFEED_OBJECTIVES', '11')
param schedule = '0 0 */6 * * *'
param healthMaxRunAgeHours = 24

param allowedEmbeddingOrigins = [
  '*'
]

// Front Door Premium: WAF in Prevention mode with the API rate limit, the Default Rule Set and
// the Bot Manager rule set; the app accepts API requests only through it.
param enableFrontDoor = true
param frontDoorSku = 'Premium_AzureFrontDoor'
param apiRateLimitPerMinute = 120

// Private network.
param enablePrivateNetworking = true
param vnetAddressPrefix = readEnvironmentVariable('HUBFEED_VNET_ADDRESS_PREFIX', '10.40.0.0/16')

// Zone-redundant storage; 30 days to recover a deleted or overwritten feed; 90 days of logs.
param storageSkuName = 'Standard_ZRS'
param blobRetentionDays = 30
param logRetentionDays = 90

param enableNoRunAlert = true
param noRunAlertHours = 24
param alertEmail = readEnvironmentVariable('HUBFEED_ALERT_EMAIL', '')

// Who uploads the widget (infra/deploy.sh sets these from your az login).
param deployerPrincipalId = readEnvironmentVariable('HUBFEED_DEPLOYER_PRINCIPAL_ID', '')
param deployerPrincipalType = readEnvironmentVariable('HUBFEED_DEPLOYER_PRINCIPAL_TYPE', 'User')
