#!/bin/sh
# azd postdeploy hook (azure.yaml): print the snippet to paste, pinned to the widget with its SRI
# hash, from the HubFeed CLI (no network).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/azd-env.sh"

objective="$(azd_require primaryObjective)"
base="$(azd_require publicBaseUrl)"
cd "$here/../.."
echo
echo "Feed:    $(azd_value feedUrl)"
echo "Index:   $(azd_value objectivesIndexUrl)"
echo "API:     $(azd_value apiBaseUrl)"
echo "Paste this where the list should appear:"
dotnet run --project cli -c Release -- snippet --objective "$objective" --public-base-url "$base"
