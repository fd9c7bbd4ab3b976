#!/bin/sh
# Uploads the widget (immutable hashed script first, then widget/v1, then the demo page) to the
# public container with the caller's Azure CLI login, through the HubFeed CLI:
#
#   infra/hooks/publish-widget.sh <content blob endpoint> <container> <public base url>
#
# The caller needs the deployer role main.bicep grants to deployerPrincipalId (Storage Blob Data
# Contributor on the content account, conditioned to widget/* and demo.*). A role assignment made
# by the deployment that just ran can take a few minutes to apply, so a failed upload is retried
# (HUBFEED_PUBLISH_ATTEMPTS, default 10, every HUBFEED_PUBLISH_RETRY_SECONDS, default 30).
# Used by infra/deploy.sh and by azd's postprovision hook (infra/hooks/postprovision.sh).
set -eu

if [ "$#" -ne 3 ] || [ -z "$1" ] || [ -z "$2" ] || [ -z "$3" ]; then
  echo "usage: $0 <content blob endpoint> <container> <public base url>" >&2
  exit 2
fi

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

attempts="${HUBFEED_PUBLISH_ATTEMPTS:-10}"
delay="${HUBFEED_PUBLISH_RETRY_SECONDS:-30}"
i=1
while :; do
  echo "Publishing the widget to $1$2/ ..."
  if dotnet run --project cli -c Release -- publish-widget --blob-service-uri "$1" --container "$2" --public-base-url "$3"; then
    exit 0
  fi
  if [ "$i" -ge "$attempts" ]; then
    echo "publish-widget failed $attempts times. Check that your login is the deployer principal (deployerPrincipalId) and has the role on the content account." >&2
    exit 1
  fi
  echo "publish-widget failed (a new role assignment can take a few minutes to apply); retry $i of $((attempts - 1)) in ${delay}s ..." >&2
  sleep "$delay"
  i=$((i + 1))
done
