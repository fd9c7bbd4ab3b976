#!/usr/bin/env bash
# The .NET test suite at a base commit against the working tree's (issue 18), in the same run: how many tests there
# are, how many need Azurite, and the suite's wall time.
#   - Wall time: each side's suite run as its ./test.sh runs it (scripts/dotnet-tests.sh; before xUnit v3,
#     `dotnet test --no-build`), in turn (base, new, base, new ...), PAIRS times, each side against an Azurite it
#     starts itself (in memory), so a drift of the machine's speed hits both.
#   - Need Azurite: the same suite once more where Azurite cannot start (no node_modules/.bin) and none listens:
#     the tests that fail there are the ones that need it.
# Each test run gets a loopback of its own (unshare -n, as root) so nothing else's Azurite is used and nothing collides;
# without unshare, nothing may listen on 127.0.0.1:10000-10002. The builds run first, with the network (restore).
#   bench/dotnet-suite.sh [BASE]      BASE default 60b79b9 (main when issue 18 was filed: 139 tests), PAIRS=2
#   (CLASS=... runs only that test class, to try the script on a few tests)
set -euo pipefail
base=${1:-60b79b9}
pairs=${PAIRS:-2}
repo=$(git rev-parse --show-toplevel)
listening() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
if unshare -n true 2>/dev/null; then
  isolated() { unshare -n bash -c 'ip link set lo up; "$@"' isolated "$@"; }
elif listening 10000 || listening 10002; then
  echo "Something listens on 127.0.0.1:10000/10002 and unshare -n is not allowed here: the tests would use it." >&2
  exit 2
else
  isolated() { "$@"; }
fi
[ -x "$repo/node_modules/.bin/azurite" ] || { echo "npm ci first: the timed runs start the pinned Azurite." >&2; exit 2; }
tmp=$(mktemp -d /tmp/dotnet-suite.XXXXXX)
cleanup() {
  for side in old new; do git -C "$repo" worktree remove --force "$tmp/$side" >/dev/null 2>&1 || true; done
  git -C "$repo" worktree prune
  rm -rf "$tmp"
}
trap cleanup EXIT

# Both sides are checkouts of their own (the working tree's uncommitted changes to tracked files are copied over), built once.
git -C "$repo" worktree add --detach "$tmp/old" "$base" >/dev/null 2>&1
git -C "$repo" worktree add --detach "$tmp/new" HEAD >/dev/null 2>&1
changes=$(cd "$repo" && git diff HEAD --binary)
[ -z "$changes" ] || (cd "$tmp/new" && git apply) <<<"$changes"
# Each side's node_modules is the repo's, entry by entry, so that the starved run can lack only .bin (the Azurite it
# would start); the build copies what it needs from it (the JSON Feed schema).
for side in old new; do
  mkdir "$tmp/$side/node_modules"
  for entry in "$repo"/node_modules/* "$repo"/node_modules/.bin; do ln -s "$entry" "$tmp/$side/node_modules/"; done
  echo "building $side ..." >&2
  dotnet build "$tmp/$side/HubFeed.slnx" -c Debug -v q -nologo >&2
done

# One side's suite as its test.sh runs it: scripts/dotnet-tests.sh (xUnit v3) where the side has it, else dotnet test.
suite() {
  if [ -x scripts/dotnet-tests.sh ]; then
    isolated scripts/dotnet-tests.sh ${CLASS:+-class "*$CLASS"}
  else
    isolated dotnet test tests/HubFeed.Tests --no-build ${CLASS:+--filter "FullyQualifiedName~$CLASS"}
  fi
}

# One run: the suite's wall time in seconds, and its summary as "Failed: F, Passed: P" (either runner's line).
run() {
  local side=$1 start end
  start=$(date +%s.%N)
  (cd "$tmp/$side" && suite 2>&1) >"$tmp/last.log" || true
  end=$(date +%s.%N)
  summary=$(grep -E '(Passed|Failed)! +- Failed:' "$tmp/last.log" | tail -1 || true)
  if [ -z "$summary" ]; then
    summary=$(grep -E '^\.NET tests: [0-9]+ passed, [0-9]+ failed$' "$tmp/last.log" | tail -1 |
      awk '{ printf "Failed: %d, Passed: %d", $5, $3 }' || true)
  fi
  echo "$side $(awk "BEGIN { print $end - $start }") $summary" | tee -a "$tmp/results" >&2
  grep -E '^ +Failed ' "$tmp/last.log" | head -60 >&2 || true
}

for i in $(seq 1 "$pairs"); do
  for side in old new; do
    run "$side"
  done
done
for side in old new; do
  rm "$tmp/$side/node_modules/.bin"
  run "$side"
  mv "$tmp/last.log" "$tmp/$side-no-azurite.log"
done

python3 - "$tmp/results" "$base" "$pairs" <<'PY'
import re, statistics, sys
rows = [l.split(None, 2) for l in open(sys.argv[1])]
base, pairs = sys.argv[2], int(sys.argv[3])
def counts(line):
    m = re.search(r"Failed: +(\d+), Passed: +(\d+)", line)
    return int(m.group(1)), int(m.group(2))
print(f".NET suite: working tree against {base}, {pairs} interleaved pairs (wall seconds of each side's suite as its test.sh runs it)")
print(f"{'side':<6}{'tests':>7}{'need Azurite':>14}{'failed with Azurite':>21}{'median s':>10}")
medians = {}
for side in ("old", "new"):
    timed = [r for r in rows if r[0] == side][:pairs]
    starved = [r for r in rows if r[0] == side][pairs]
    failed, passed = counts(starved[2])
    medians[side] = statistics.median(float(r[1]) for r in timed)
    worst = max(counts(r[2])[0] for r in timed)
    print(f"{side:<6}{failed + passed:>7}{failed:>14}{worst:>21}{medians[side]:>10.1f}")
print(f"time new/old: {medians['new'] / medians['old']:.2f}x")
PY
