#!/usr/bin/env bash
# Runs every test: .NET (xunit: parser, catalog, publisher, functions, faults against a real Azurite),
# the widget, the embed page and the demo in real headless Chromium, real WordPress (as an Author and an Administrator)
# and feed readers (feedparser, newsboat), the end-to-end pipeline, and the Bicep checks.
# Installs what the tests need (npm ci, Debian's chromium, wordpress, mariadb-server, php, python3-feedparser, newsboat, jing, w3m, the bicep CLI from NuGet) and starts Azurite when none
# is listening. Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
mkdir -p .run
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# CI has no terminal: apt (MariaDB, WordPress) must never ask a question.
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n== %s\n' "$*" >&2; }

step "Installing what the tests need"
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2 || exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  (apt-get update -qq && apt-get install -y -qq chromium) >&2 || { echo "Could not install chromium" >&2; exit 1; }
fi
# The feed readers the reader tests drive (tests/e2e/readers.test.mjs): Debian's feedparser, newsboat, xmllint.
missing=()
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || missing+=(python3-feedparser)
command -v newsboat >/dev/null || missing+=(newsboat)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
# Atom's RELAX NG schema (tests/e2e/atom-schema.test.mjs) is checked with jing.
command -v jing >/dev/null || missing+=(jing)
# The text browser that reads the demo page without JavaScript (tests/widget/demo.test.mjs).
command -v w3m >/dev/null || missing+=(w3m)
# The real WordPress the embed tests drive (tests/wordpress/wordpress.mjs): Debian's package, MariaDB, PHP with mysqli.
[ -f /usr/share/wordpress/wp-settings.php ] || missing+=(wordpress)
[ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
command -v php >/dev/null || missing+=(php-cli)
php -m 2>/dev/null | grep -qx mysqli || missing+=(php-mysql)
# WordPress's RSS block (tests/embed/wordpress-rss.test.mjs) parses feeds with PHP's xml extension (SimplePie), which
# the wordpress package does not pull in; its French site uses Debian's language files.
php -m 2>/dev/null | grep -qx xml || missing+=(php-xml)
[ -f /usr/share/wordpress/wp-content/languages/fr_FR.mo ] || missing+=(wordpress-l10n)
if [ ${#missing[@]} -gt 0 ]; then
  (apt-get update -qq && apt-get install -y -qq "${missing[@]}") >&2 || { echo "Could not install ${missing[*]}" >&2; exit 1; }
fi
dotnet restore infra/tools/bicep-cli.csproj >&2 || exit 1
dotnet build HubFeed.slnx -c Debug >&2 || { echo "0 passed, 1 failed"; exit 1; }

step "Azurite"
started_azurite=0
if ! (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  scripts/azurite.sh start --in-memory || exit 1
  started_azurite=1
fi
cleanup() { [ "$started_azurite" = 1 ] && scripts/azurite.sh stop; }
trap cleanup EXIT

passed=0; failed=0

step ".NET tests"
scripts/dotnet-tests.sh 2>&1 | tee .run/dotnet-test.log >&2
read -r p f < <(grep -oE '^\.NET tests: [0-9]+ passed, [0-9]+ failed$' .run/dotnet-test.log | grep -oE '[0-9]+' | tr '\n' ' ')
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))

step "Browser, end-to-end and infra tests (node --test)"
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stderr \
  --test-reporter=tap --test-reporter-destination=.run/node-test.tap tests/widget/ tests/e2e/ tests/embed/ tests/infra/
node_rc=$?
np=$(grep -E '^# pass ' .run/node-test.tap | awk '{print $3}'); nf=$(grep -E '^# fail ' .run/node-test.tap | awk '{print $3}')
passed=$((passed + ${np:-0})); failed=$((failed + ${nf:-0}))
if [ "$node_rc" != 0 ] && [ "${nf:-0}" = 0 ]; then
  failed=$((failed + 1)); echo "node --test exited $node_rc without a failing test: counted as one failure" >&2
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
