namespace HubFeed.Catalog;

/// <summary>
/// The catalog step as a pure function: the rows the catalog holds and a complete listing in, the writes out. New and
/// changed items are written, unchanged ones left alone, items the listing no longer holds marked withdrawn (never
/// deleted), and a withdrawn item that returns is active again.
/// </summary>
public static class CatalogDiff
{
    public static CatalogChanges Of(int objective, IEnumerable<Resource> existing, IReadOnlyList<ListingRow> rows, DateTimeOffset now, DateTimeOffset? lastGoodAt)
    {
        var before = existing.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var writes = new List<Resource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, changed = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var id = ResourceCatalog.IdFor(row.Url);
            if (!seen.Add(id))
            {
                continue;
            }
            before.TryGetValue(id, out var old);
            if (old is not null && old.ContentHash == ResourceCatalog.ContentHashOf(row) && old.IsActive)
            {
                unchanged++;
                continue;
            }
            if (old is null)
            {
                added++;
            }
            else
            {
                changed++;
            }
            writes.Add(ResourceCatalog.ResourceOf(row, objective) with
            {
                FirstSeen = old?.FirstSeen ?? now,
                LastSeen = now,
                LastChanged = now,
                Withdrawn = null,
            });
        }
        var withdrawals = Withdrawals(before.Values, seen, now, lastGoodAt);
        writes.AddRange(withdrawals);
        return new CatalogChanges(writes, added, changed, unchanged, withdrawals.Count, seen.Count);
    }

    /// <summary>The active items the listing no longer holds, marked withdrawn now. LastSeen stays: it was last seen before this run.</summary>
    private static List<Resource> Withdrawals(IEnumerable<Resource> before, HashSet<string> seen, DateTimeOffset now, DateTimeOffset? lastGoodAt) =>
        before.Where(r => r.IsActive && !seen.Contains(r.Id))
            .Select(gone => gone with { Withdrawn = now, LastChanged = now, LastSeen = lastGoodAt ?? gone.LastSeen })
            .ToList();
}
