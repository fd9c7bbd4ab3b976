#!/usr/bin/env bash
# The main job on a developer's machine: starts Azurite (data in .azurite/), ingests GCM Objective 11 from the
# bundled snapshot of the Hub (or the live Hub with --live), publishes the feeds, the widget and the demo page,
# prints their URLs, serves the HTTP API on 127.0.0.1:7071, and stays up until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source_arg=(--source snapshot)
if [ "${1:-}" = "--live" ]; then source_arg=(--live); fi

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi
dotnet build cli/HubFeed.Cli.csproj -c Release --nologo -v quiet >&2
hubfeed() { dotnet cli/bin/Release/net10.0/hubfeed.dll "$@"; }

scripts/azurite.sh start
serve_pid=""
stop() {
  trap - INT TERM EXIT
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  scripts/azurite.sh stop
  exit 0
}
trap stop INT TERM EXIT

hubfeed run "${source_arg[@]}"
if hubfeed serve --help >/dev/null 2>&1; then
  dotnet cli/bin/Release/net10.0/hubfeed.dll serve "${source_arg[@]}" --port 7071 &
  serve_pid=$!
fi
echo "Running. Press Ctrl-C to stop (Azurite stops with it)." >&2
while true; do sleep 3600 & wait $!; done
