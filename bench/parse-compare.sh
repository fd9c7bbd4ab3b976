#!/usr/bin/env bash
# Parse throughput of today's reader against the reader as it was at a base commit (issue 15; default a9c8ac2,
# before the reader changes), in the same run. Both sides run the same `parse` bench (bench/HubFeed.Bench,
# unchanged since the base): the snapshot's 22 pages and the generated 1,000-page listing, each process printing
# the reader's pages/s (median of 11 rounds, parse time only, no process start) and the selector-only parser's
# as a yardstick. The two builds run in turn (old, new, old, new ...) PAIRS times, so a drift of the machine's
# speed hits both. Prints the medians and cost ratio new/old (target: at most 1.5x).
#   bench/parse-compare.sh [BASE]        PAIRS=3 by default
set -euo pipefail
base=${1:-a9c8ac2}
pairs=${PAIRS:-3}
repo=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d /tmp/parse-compare.XXXXXX)
cleanup() {
  git -C "$repo" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true
  git -C "$repo" worktree prune
  rm -rf "$tmp"
}
trap cleanup EXIT

git -C "$repo" worktree add --detach "$tmp/old" "$base" >/dev/null 2>&1
echo "building the bench at $base and at the working tree (Release) ..." >&2
dotnet build -c Release "$tmp/old/bench/HubFeed.Bench/HubFeed.Bench.csproj" -o "$tmp/old-out" -v q -nologo >&2
dotnet build -c Release "$repo/bench/HubFeed.Bench/HubFeed.Bench.csproj" -o "$tmp/new-out" -v q -nologo >&2

for i in $(seq 1 "$pairs"); do
  for side in old new; do
    echo "pair $i: $side" >&2
    # seeds/snapshot is copied next to each build (and unchanged since the base).
    dotnet "$tmp/$side-out/hubfeed-bench.dll" parse \
      | awk -v side=$side -v pair=$i '/^(snapshot|generated)/ { print side, pair, $1, $(NF-1), $NF }' >>"$tmp/results"
  done
done

python3 - "$tmp/results" "$base" "$pairs" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
base, pairs = sys.argv[2], sys.argv[3]
print(f"reader parse throughput: working tree against {base}, {pairs} interleaved pairs of processes")
print("(pages/s = median of 11 in-process rounds, parse time only; cost ratio = new time / old time)")
print(f"{'listing':<12}{'old pages/s':>13}{'new pages/s':>13}{'cost new/old':>14}{'vs selector-only old/new':>26}")
for listing in ("snapshot,", "generated,"):
    pick = lambda side: [r for r in rows if r[0] == side and r[2] == listing]
    old, new = pick("old"), pick("new")
    if len(old) != len(new) or not old:
        sys.exit(f"missing results for {listing}")
    o = statistics.median(float(r[3]) for r in old)
    n = statistics.median(float(r[3]) for r in new)
    # The same selector-only parser runs in both processes: its ratio to the reader is a yardstick against drift.
    yo = statistics.median(float(r[4].rstrip("x")) for r in old)
    yn = statistics.median(float(r[4].rstrip("x")) for r in new)
    print(f"{listing.rstrip(','):<12}{o:>13.0f}{n:>13.0f}{o / n:>13.2f}x{yo:>12.2f}x /{yn:>6.2f}x = {yn / yo:.2f}x")
PY
