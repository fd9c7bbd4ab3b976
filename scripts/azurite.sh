#!/usr/bin/env bash
# Starts or stops the pinned Azurite (node_modules) on 127.0.0.1:10000-10002, data in .azurite/ (git-ignored).
#   scripts/azurite.sh start   -> starts it unless something already listens on 10000-10002; waits until ready
#   scripts/azurite.sh start --in-memory -> the same, its data in memory only (test.sh: each run starts empty, and a
#                                 store that grows run after run does not slow the next one down)
#   scripts/azurite.sh stop    -> stops the one this script started (TERM, wait, TERM again, then KILL)
set -euo pipefail
cd "$(dirname "$0")/.."
pidfile=.azurite/azurite.pid

listening() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

case "${1:-}" in
start)
  if listening 10000 && listening 10001 && listening 10002; then
    echo "Azurite: already listening on 127.0.0.1:10000-10002" >&2
    exit 0
  fi
  [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund >&2
  mkdir -p .azurite
  # The package's own binary, not npx: npx leaves an orphan holding the ports.
  # --skipApiVersionCheck: Azure.Storage.Blobs sends an API version Azurite does not know yet.
  storage=(--location .azurite/data)
  [ "${2:-}" = --in-memory ] && storage=(--inMemoryPersistence)
  node_modules/.bin/azurite --silent "${storage[@]}" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --skipApiVersionCheck --loose >.azurite/azurite.log 2>&1 &
  echo $! >"$pidfile"
  # A loaded machine starts Azurite slowly: poll for up to 120 s.
  for _ in $(seq 1 1200); do
    if listening 10000 && listening 10001 && listening 10002; then
      echo "Azurite: started (pid $(cat "$pidfile"))" >&2
      exit 0
    fi
    sleep 0.1
  done
  echo "Azurite did not start; see .azurite/azurite.log" >&2
  cat .azurite/azurite.log >&2 || true
  exit 1
  ;;
stop)
  [ -f "$pidfile" ] || exit 0
  pid=$(cat "$pidfile")
  # After serving traffic the first TERM may not end it.
  for signal in TERM TERM KILL; do
    kill -0 "$pid" 2>/dev/null || break
    kill -"$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -f "$pidfile"
  echo "Azurite: stopped" >&2
  ;;
*)
  echo "usage: $0 start [--in-memory]|stop" >&2; exit 2 ;;
esac
