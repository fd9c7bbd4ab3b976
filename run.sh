#!/usr/bin/env bash
# The main job on a developer's machine: starts Azurite (data in .azurite/), publishes the widget (the deploy's step),
# ingests every objective of the bundled snapshot of the Hub (or the live Hub with --live), publishes the feeds, the
# index and the combined feed, prints their URLs, serves the HTTP API on 127.0.0.1:7071 (or the next free port), and
# stays up until Ctrl-C, which stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p .run

source_arg=(--source snapshot)
if [ "${1:-}" = "--live" ]; then source_arg=(--live); fi

# Set-up output goes to .run/*.log and is shown only when a step fails.
quietly() {
  local log=".run/$1.log"; shift
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "run.sh: '$*' failed (log: $log)" >&2
    exit 1
  fi
}
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  quietly npm npm ci --no-audit --no-fund
fi
quietly build dotnet build cli/HubFeed.Cli.csproj -c Release --nologo
hubfeed() { dotnet cli/bin/Release/net10.0/hubfeed.dll "$@"; }

listening() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
port=7071
while listening "$port"; do port=$((port + 1)); done
[ "$port" = 7071 ] || echo "Port 7071 is taken (another hubfeed serve?); the API uses port $port." >&2

serve_pid=""
stop() {
  trap - INT TERM EXIT
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -TERM "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  scripts/azurite.sh stop 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

quietly azurite scripts/azurite.sh start
quietly widget hubfeed publish-widget
hubfeed run "${source_arg[@]}"
# Not through the function: $! must be the server itself, so that stopping it leaves nothing behind.
dotnet cli/bin/Release/net10.0/hubfeed.dll serve "${source_arg[@]}" --port "$port" &
serve_pid=$!
echo "Running. Press Ctrl-C to stop (the API and Azurite stop with it)." >&2
wait "$serve_pid"
