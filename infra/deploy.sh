#!/usr/bin/env bash
# HubFeed, the plain Azure CLI path (no azd): provision infra/main.bicep with infra/main.bicepparam
# into a resource group, then build and zip-deploy the Functions project.
#
#   HUBFEED_CONTACT_URL=mailto:ops@example.org infra/deploy.sh -g rg-hubfeed [-l westeurope]
#
# Environment: HUBFEED_CONTACT_URL (required), HUBFEED_ENV_NAME (default hubfeed),
# HUBFEED_ENABLE_FRONT_DOOR (true/false), HUBFEED_ALERT_EMAIL. Other parameters: main.bicepparam.
# Needs: az (logged in: az login), dotnet SDK 10, zip or python3.
set -euo pipefail

usage() {
  echo "usage: HUBFEED_CONTACT_URL=<mailto:|https:...> $0 -g <resource-group> [-l <location>] [--infra-only]" >&2
  exit 2
}

rg=""
location=""
infra_only=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    -g|--resource-group) rg="${2:-}"; shift 2 ;;
    -l|--location) location="${2:-}"; shift 2 ;;
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

echo "Provisioning infra/main.bicep into resource group $rg ..."
deployment="hubfeed-$(date -u +%Y%m%d%H%M%S)"
az deployment group create \
  --resource-group "$rg" \
  --name "$deployment" \
  --template-file infra/main.bicep \
  --parameters infra/main.bicepparam \
  --output none

output() {
  az deployment group show --resource-group "$rg" --name "$deployment" \
    --query "properties.outputs.$1.value" --output tsv
}
app="$(output functionAppName)"

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
echo "Function app:   $(output functionAppUrl)"
echo "Feed:           $(output feedUrl)"
echo "Widget script:  $(output embedUrl)"
echo "Content account: $(output contentStorageAccountName)"
echo "Paste this where the list should appear:"
output snippet
