#!/usr/bin/env bash
# HubFeed, the plain Azure CLI path (no azd): provision infra/main.bicep into a resource group,
# upload the widget, build and zip-deploy the Functions project, print the snippet to paste.
#
#   HUBFEED_CONTACT_URL=mailto:ops@example.org infra/deploy.sh -g rg-hubfeed [-l westeurope]
#   HUBFEED_CONTACT_URL=mailto:ops@example.org infra/deploy.sh -g rg-hubfeed-prod -l westeurope --production
#
# Parameters: infra/main.default.bicepparam, or infra/main.production.bicepparam with --production
# (the locked-down variant: private network, WAF, zone-redundant storage; see infra/README.md).
# Environment: HUBFEED_CONTACT_URL (required), HUBFEED_ENV_NAME, HUBFEED_ENABLE_FRONT_DOOR
# (default variant), HUBFEED_ALERT_EMAIL; HUBFEED_DEPLOYER_PRINCIPAL_ID/_TYPE (default: your az login).
# Needs: az (logged in: az login), dotnet SDK 10, zip or python3.
set -euo pipefail

usage() {
  echo "usage: HUBFEED_CONTACT_URL=<mailto:|https:...> $0 -g <resource-group> [-l <location>] [--production] [--infra-only]" >&2
  exit 2
}

rg=""
location=""
infra_only=false
params=infra/main.default.bicepparam
while [[ $# -gt 0 ]]; do
  case "$1" in
    -g|--resource-group) rg="${2:-}"; shift 2 ;;
    -l|--location) location="${2:-}"; shift 2 ;;
    --production) params=infra/main.production.bicepparam; shift ;;
    --infra-only) infra_only=true; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ -n "$rg" ]] || usage
if [[ -z "${HUBFEED_CONTACT_URL:-}" ]]; then
  echo "HUBFEED_CONTACT_URL is required (a mailto: or https URL the Hub's operators can reach you at)." >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ -n "$location" ]]; then
  az group create --name "$rg" --location "$location" --output none
fi

# The widget is uploaded with your login: it gets the deployer role (widget/* and demo.* only).
if [[ -z "${HUBFEED_DEPLOYER_PRINCIPAL_ID:-}" ]]; then
  if [[ "$(az account show --query user.type --output tsv)" == "servicePrincipal" ]]; then
    HUBFEED_DEPLOYER_PRINCIPAL_ID="$(az ad sp show --id "$(az account show --query user.name --output tsv)" --query id --output tsv)"
    HUBFEED_DEPLOYER_PRINCIPAL_TYPE="${HUBFEED_DEPLOYER_PRINCIPAL_TYPE:-ServicePrincipal}"
  else
    HUBFEED_DEPLOYER_PRINCIPAL_ID="$(az ad signed-in-user show --query id --output tsv)"
  fi
fi
export HUBFEED_DEPLOYER_PRINCIPAL_ID
export HUBFEED_DEPLOYER_PRINCIPAL_TYPE="${HUBFEED_DEPLOYER_PRINCIPAL_TYPE:-User}"

echo "Provisioning infra/main.bicep ($params) into resource group $rg ..."
deployment="hubfeed-$(date -u +%Y%m%d%H%M%S)"
az deployment group create \
  --resource-group "$rg" \
  --name "$deployment" \
  --template-file infra/main.bicep \
  --parameters "$params" \
  --output none

output() {
  az deployment group show --resource-group "$rg" --name "$deployment" \
    --query "properties.outputs.$1.value" --output tsv
}
app="$(output functionAppName)"
public_base="$(output publicBaseUrl)"

# Before the code: the app only names a pinned widget that is already there.
infra/hooks/publish-widget.sh "$(output contentBlobEndpoint)" "$(output publishContainerName)" "$public_base"

if [[ "$infra_only" == false ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "Publishing functions/ ..."
  dotnet publish functions -c Release -o "$work/publish"
  echo "Zipping ..."
  if command -v zip >/dev/null 2>&1; then
    (cd "$work/publish" && zip -qr "$work/app.zip" .)
  else
    (cd "$work/publish" && python3 -m zipfile -c "$work/app.zip" .)
  fi
  echo "Deploying to $app (Flex Consumption, Entra auth; basic auth is disabled) ..."
  az functionapp deployment source config-zip \
    --resource-group "$rg" --name "$app" --src "$work/app.zip" --output none
fi

echo
echo "Function app:    $(output functionAppUrl)"
echo "API:             $(output apiBaseUrl)"
echo "Feed:            $(output feedUrl)"
echo "Index:           $(output objectivesIndexUrl)"
echo "Content account: $(output contentStorageAccountName)"
outbound="$(output outboundIpAddress)"
if [[ -n "$outbound" ]]; then
  echo "Outbound IP:     $outbound (the app's requests to the Hub come from this address)"
fi
echo "Paste this where the list should appear:"
dotnet run --project cli -c Release -- snippet --objective "$(output primaryObjective)" --public-base-url "$public_base"
