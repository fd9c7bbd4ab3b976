using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HubFeed.Catalog;
using HubFeed.Layout;
using HubFeed.Rendering;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing;

/// <summary>
/// What the feeds show, read from the published JSON Feed (first page and its next_url pages) and kept in memory by
/// version: the API answers from it (so it serves exactly the version partner pages see, with no table scan per
/// request) and the combined feed is built from it. An entry is checked against the blob's ETag at most every
/// HubFeed:Publish:SnapshotRevalidate; an unchanged feed costs one conditional request.
/// </summary>
public sealed class PublishedFeeds(BlobPublisher publisher, IPublishedStore published, IOptions<PublishOptions> options, TimeProvider clock)
{
    private sealed record Entry(PublishedSnapshot Snapshot, string Version, DateTimeOffset CheckedAt);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The published snapshot of a feed, or null when nothing is published for it yet. <paramref name="fresh"/>: check the
    /// blob now rather than trust an entry younger than SnapshotRevalidate.
    /// </summary>
    public async Task<PublishedSnapshot?> GetAsync(FeedScope scope, bool fresh, CancellationToken cancellationToken)
    {
        var path = BlobLayout.JsonFeed(scope);
        var now = clock.GetUtcNow();
        _cache.TryGetValue(path, out var entry);
        if (!fresh && entry is not null && now - entry.CheckedAt < options.Value.SnapshotRevalidate)
        {
            return entry.Snapshot;
        }

        var first = await published.ReadIfChangedAsync(path, entry?.Version, cancellationToken);
        if (first is null)
        {
            _cache.TryRemove(path, out _);
            return null;
        }
        if (first.NotModified && entry is not null)
        {
            _cache[path] = entry with { CheckedAt = now };
            return entry.Snapshot;
        }
        var snapshot = await ReadAllAsync(scope, first.Content!, cancellationToken);
        _cache[path] = new Entry(snapshot, first.Version, now);
        return snapshot;
    }

    private async Task<PublishedSnapshot> ReadAllAsync(FeedScope scope, byte[] firstPage, CancellationToken cancellationToken)
    {
        var layout = publisher.Layout;
        var items = new List<Resource>();
        Dictionary<string, IReadOnlyList<int>>? objectives = scope.IsAll ? new(StringComparer.Ordinal) : null;
        PublishVersion? version = null;
        var page = firstPage;
        for (var pages = 0; ; pages++)
        {
            using var doc = JsonDocument.Parse(page);
            var root = doc.RootElement;
            var gcm = root.GetProperty("_gcm");
            version ??= ParseVersion(gcm);
            var firstSeen = gcm.TryGetProperty("first_seen", out var f) ? Time(f.GetString()) : null;
            foreach (var item in root.GetProperty("items").EnumerateArray())
            {
                var resource = ToResource(item, scope.Source?.Objective ?? 0, firstSeen);
                items.Add(resource);
                if (objectives is not null && item.GetProperty("_gcm").TryGetProperty("objectives", out var list))
                {
                    objectives[resource.Url] = list.EnumerateArray().Select(x => x.GetInt32()).ToList();
                }
            }
            if (!root.TryGetProperty("next_url", out var next) || next.GetString() is not { } nextUrl)
            {
                break;
            }
            var nextPath = layout.PathOf(nextUrl) ?? throw new PublishedFeedException($"{BlobLayout.JsonFeed(scope)}: next_url {nextUrl} is not under {layout.Root}.");
            if (pages > 10_000)
            {
                throw new PublishedFeedException($"{BlobLayout.JsonFeed(scope)}: more than 10,000 pages.");
            }
            page = (await published.ReadAsync(nextPath, cancellationToken))?.Content
                ?? throw new PublishedFeedException($"{BlobLayout.JsonFeed(scope)}: the page {nextPath} it names is missing.");
        }
        return new PublishedSnapshot(scope, version!, items, objectives);
    }

    private static PublishVersion ParseVersion(JsonElement gcm)
    {
        var text = gcm.TryGetProperty("version", out var v) ? v.GetString() ?? "" : "";
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var sequence = long.TryParse(dash > 0 ? text[..dash] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var at = gcm.TryGetProperty("updated", out var u) && DateTimeOffset.TryParse(u.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.UnixEpoch;
        return new PublishVersion(sequence, dash > 0 ? text[(dash + 1)..] : "", at);
    }

    /// <summary>A feed item as the catalog would hold it (the renderer's mapping, reversed).</summary>
    /// <param name="feedFirstSeen">The feed's _gcm.first_seen: when an item without its own was first seen.</param>
    public static Resource ToResource(JsonElement item, int objective, DateTimeOffset? feedFirstSeen = null)
    {
        string? Text(string name) => item.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var url = Text("url") ?? Text("id") ?? "";
        var type = item.TryGetProperty("_gcm", out var g) && g.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        var label = item.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0 ? tags[0].GetString() ?? type : type;
        // The Hub's day is in _gcm.date; a date_published without one is the first-seen time of a late undated item.
        var day = g.ValueKind == JsonValueKind.Object && g.TryGetProperty("date", out var gd) && gd.ValueKind == JsonValueKind.String ? gd.GetString() : null;
        DateOnly? date = day is { Length: 10 } && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        var seen = date is null ? Time(Text("date_published")) : null;
        var firstSeen = (g.ValueKind == JsonValueKind.Object && g.TryGetProperty("first_seen", out var f) ? Time(f.GetString()) : null) ?? feedFirstSeen ?? seen;
        return ResourceCatalog.ResourceOf(new ListingRow(url, Text("title") ?? "", label, type, date, Text("summary"), Text("language")), objective) with
        {
            FirstSeen = firstSeen ?? default,
            LastChanged = Time(Text("date_modified")) ?? firstSeen ?? default,
        };
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
