using System.Security.Cryptography;
using System.Text;
using HubFeed.Catalog;
using HubFeed.Layout;
using HubFeed.Rendering;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;

namespace HubFeed.Publishing;

/// <summary>
/// Publishes what spans objectives, from what their feeds show (never from a catalog that may be ahead of them): the
/// combined feed (all/feed.json: every item once, with the objectives it serves) and the index (objectives.json,
/// index.html). Its generation is the sum of the objectives' sequences, which only grows, so when two workers write it
/// at once the one that saw more wins.
/// </summary>
public sealed class IndexJob(SourceRegistry sources, PublishedFeeds feeds, BlobPublisher publisher, IPublishedStore published, PublishJob publish, IChangeLog changes, WebSubNotifier webSub, ILogger<IndexJob> logger)
{
    public async Task<PublishResult> RunAsync(CancellationToken cancellationToken)
    {
        var snapshots = new List<PublishedSnapshot>();
        foreach (var source in sources.Enabled.OrderBy(s => s.Objective))
        {
            if (await feeds.GetAsync(FeedScope.For(source), fresh: true, cancellationToken) is { } snapshot)
            {
                snapshots.Add(snapshot);
            }
        }
        if (snapshots.Count == 0)
        {
            return PublishResult.Empty;
        }

        var pinned = await publish.DeployedWidgetAsync(cancellationToken);
        var generation = snapshots.Sum(s => s.Version.Sequence);
        if (await IsCurrentAsync(snapshots, pinned, cancellationToken))
        {
            // What the index says is what the feeds show: nothing to render (the fan-out's other requests end here).
            return PublishResult.Empty;
        }
        var all = Combine(snapshots, pinned);
        var objectives = snapshots.Select(s => new PublishedFeed(s.Scope, s.Items.Count, s.Version)).ToList();
        var indexHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('|', objectives.Select(o => $"{o.Scope.Key}={o.Version}").Append(all.Version.ToString()).Append(pinned?.Url.AbsoluteUri ?? "")))));
        var files = publish.Render(all, pinned)
            .Concat(await ChangesOfAllAsync(snapshots, all, cancellationToken))
            .Concat(IndexRenderer.Render(objectives, new PublishedFeed(all.Scope, all.Items.Count, all.Version), publish.Layout, pinned,
                new PublishVersion(generation, indexHash, all.Version.At)))
            .ToList();
        var result = await publisher.PublishAsync(files, generation, cancellationToken);
        if (result.Uploaded > 0)
        {
            logger.LogInformation("Published the index and the combined feed (generation {Generation}): {Objectives} objectives, {Items} distinct items, {Uploaded} blobs uploaded",
                generation, objectives.Count, all.Items.Count, result.Uploaded);
        }
        await webSub.NotifyAsync(publish.Layout, files, result, cancellationToken);
        return result;
    }

    /// <summary>The combined changes feed: each objective's events as its feeds show them (up to its publish), each naming its objective.</summary>
    private async Task<IReadOnlyList<PublishedFile>> ChangesOfAllAsync(List<PublishedSnapshot> snapshots, FeedModel all, CancellationToken cancellationToken)
    {
        var events = new List<ChangeEvent>();
        foreach (var s in snapshots)
        {
            events.AddRange(await changes.LoadAsync(s.Scope.Key, EndOfSecond(s.Version.At), cancellationToken));
        }
        return ChangesFeedRenderer.Render(all.Scope, ChangeWindow.Of(events, EndOfSecond(all.Version.At)), publish.Layout, all.Version.At);
    }

    /// <summary>A feed gives its publish time to the second: the events it shows are those up to the end of that second.</summary>
    private static DateTimeOffset EndOfSecond(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond + TimeSpan.TicksPerSecond - 1, TimeSpan.Zero);

    /// <summary>True when objectives.json already names exactly these feed versions and this pinned widget.</summary>
    private async Task<bool> IsCurrentAsync(List<PublishedSnapshot> snapshots, WidgetScript? pinned, CancellationToken cancellationToken)
    {
        if (await published.ReadAsync(BlobLayout.IndexJson, cancellationToken) is not { } current)
        {
            return false;
        }
        try
        {
            using var index = System.Text.Json.JsonDocument.Parse(current.Content);
            var root = index.RootElement;
            var listed = root.GetProperty("objectives").EnumerateArray()
                .ToDictionary(o => o.GetProperty("objective").GetInt32(), o => o.GetProperty("version").GetString());
            var script = root.TryGetProperty("embed_script", out var s) ? s.GetString() : null;
            return listed.Count == snapshots.Count
                && snapshots.All(x => listed.TryGetValue(x.Scope.Source!.Objective, out var v) && v == x.Version.ToString())
                && script == pinned?.Url.AbsoluteUri;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The combined feed's model: items deduplicated by URL (first objective's reading wins), each with its objectives.</summary>
    public static FeedModel Combine(IReadOnlyList<PublishedSnapshot> snapshots, WidgetScript? pinned)
    {
        var byUrl = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var objectives = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var snapshot in snapshots.OrderBy(s => s.Scope.Source!.Objective))
        {
            var objective = snapshot.Scope.Source!.Objective;
            foreach (var item in snapshot.Items)
            {
                byUrl.TryAdd(item.Url, item);
                (objectives.TryGetValue(item.Url, out var list) ? list : objectives[item.Url] = []).Add(objective);
            }
        }
        var scope = FeedScope.All(snapshots.Select(s => s.Scope.Source!), snapshots[0].Scope.CanonicalBase);
        var items = FeedModel.Order(byUrl.Values);
        var map = objectives.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<int>)kv.Value, StringComparer.Ordinal);
        var hash = FeedModel.ContentHashOf(scope, items, map, pinned?.Url.AbsoluteUri);
        var version = new PublishVersion(snapshots.Sum(s => s.Version.Sequence), hash, snapshots.Max(s => s.Version.At));
        // The latest of the objectives' first runs: an undated item is dated by its first-seen only when every
        // objective had already been read then, so none is ever shown newer than it is (one added to an early
        // objective before a later objective's first run stays undated here).
        var firstRun = snapshots.Select(s => FeedModel.FirstRunOf(s.Items)).Max();
        return new FeedModel(scope, items, version) { ObjectivesByUrl = map, FirstRun = firstRun };
    }
}
