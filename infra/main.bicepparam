// Parameters for the plain Azure CLI path (infra/deploy.sh):
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
// Values come from environment variables where ops usually vary them; edit the rest here.
using './main.bicep'

// Required: how the Hub's operators can reach you (a mailto: or https URL).
param sourceContactUrl = readEnvironmentVariable('HUBFEED_CONTACT_URL')

param environmentName = readEnvironmentVariable('HUBFEED_ENV_NAME', 'hubfeed')

// location: defaults to the resource group's region.

param sourceBaseUrl = 'https://migrationnetwork.un.org'
param sourceObjectives = '11'
param schedule = '0 0 */6 * * *'
param healthMaxRunAgeHours = 24

param allowedEmbeddingOrigins = [
  '*'
]

param enableFrontDoor = bool(readEnvironmentVariable('HUBFEED_ENABLE_FRONT_DOOR', 'false'))

param enableNoRunAlert = true
param noRunAlertHours = 24
param alertEmail = readEnvironmentVariable('HUBFEED_ALERT_EMAIL', '')
