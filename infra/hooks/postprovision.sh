#!/bin/sh
# azd postprovision hook (azure.yaml): after the infrastructure is provisioned and before the code
# is deployed, upload the widget files with your login (the deployer principal, AZURE_PRINCIPAL_ID).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/azd-env.sh"

endpoint="$(azd_require contentBlobEndpoint)"
container="$(azd_require publishContainerName)"
base="$(azd_require publicBaseUrl)"
exec "$here/publish-widget.sh" "$endpoint" "$container" "$base"
