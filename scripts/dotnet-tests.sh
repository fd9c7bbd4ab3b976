#!/usr/bin/env bash
# Runs the built .NET tests (xUnit v3: the test project is a program of its own), as ./test.sh does, without MSBuild
# and a runner process around them. Arguments go to xUnit's runner, e.g. one class:
#   scripts/dotnet-tests.sh -class "*CrawlPlanTests"
# Build first (./test.sh does): dotnet build HubFeed.slnx -c Debug. The tests that need Azurite start one when none listens.
# Ends with ".NET tests: N passed, N failed" (what test.sh and bench/dotnet-suite.sh read) and the runner's exit code.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp); trap 'rm -f "$log"' EXIT
dotnet tests/HubFeed.Tests/bin/Debug/net10.0/HubFeed.Tests.dll -noColor -noLogo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# "HubFeed.Tests  Total: 288, Errors: 0, Failed: 0, Skipped: 0, Not Run: 0, Time: ...": errors (a fixture or cleanup
# that failed) count as failures; skipped and not-run tests as neither. No summary, or a failing exit without a failing
# test, is one failure more.
summary=$(grep -oE 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+, Not Run: [0-9]+' "$log" | tail -1)
read -r total errors failed skipped notrun < <(grep -oE '[0-9]+' <<<"${summary:-0 0 0 0 0}" | tr '\n' ' ')
passed=$((total - failed - skipped - notrun)); failed=$((failed + errors))
if [ -z "$summary" ] || { [ "$rc" != 0 ] && [ "$failed" = 0 ]; }; then
  failed=$((failed + 1)); echo "the .NET tests exited $rc without a summary line or a failing test: counted as one failure"
  [ "$rc" != 0 ] || rc=1
fi
echo ".NET tests: $passed passed, $failed failed"
exit "$rc"
