#!/usr/bin/env bash
# Runs the built .NET tests (xUnit v3: the test project is a program of its own), as ./test.sh does, without MSBuild
# and a runner process around them. Arguments go to xUnit's runner, e.g. one class:
#   scripts/dotnet-tests.sh -class "*CrawlPlanTests"
# Build first (./test.sh does): dotnet build HubFeed.slnx -c Debug. The tests that need Azurite start one when none listens.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet tests/HubFeed.Tests/bin/Debug/net10.0/HubFeed.Tests.dll -noColor -noLogo "$@"
