using System.Text;
using HubFeed.Catalog;
using HubFeed.Layout;
using HubFeed.Rendering;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing;

/// <summary>
/// Publishes one objective's catalog when it differs from what its feeds show. The version is the hash of what is
/// published plus the next sequence from the source state row, so every change (new, withdrawn, reordered or edited
/// items; a newly deployed widget) publishes, and the same content never does twice.
/// </summary>
public sealed class PublishJob(
    IResourceCatalog catalog,
    SourceStateStore state,
    BlobPublisher publisher,
    IPublishedStore published,
    WidgetFiles widget,
    IChangeLog changes,
    WebSubNotifier webSub,
    IOptions<PublishOptions> options,
    TimeProvider clock,
    ILogger<PublishJob> logger)
{
    public BlobLayout Layout => publisher.Layout;

    /// <summary>The pinned widget, once the deploy has put that exact file in place: a snippet names nothing that is not there.</summary>
    public async Task<WidgetScript?> DeployedWidgetAsync(CancellationToken cancellationToken) =>
        await published.ExistsAsync(widget.PinnedPath, cancellationToken) ? widget.Pinned(Layout) : null;

    /// <summary>Publishes under the run's lease; records the catalog's and the published version in the source state.</summary>
    public async Task<PublishOutcome> RunAsync(SourceDefinition source, RunLease lease, CancellationToken cancellationToken)
    {
        var scope = FeedScope.For(source);
        var rows = await catalog.LoadAsync(source.Key, source.Objective, cancellationToken);
        var items = FeedModel.Order(rows);
        var pinned = await DeployedWidgetAsync(cancellationToken);
        var hash = FeedModel.ContentHashOf(scope, items, also: pinned?.Url.AbsoluteUri);
        if (lease.State.CatalogHash != hash)
        {
            // Recorded before any upload: while this differs from PublishedHash, status and health say the feeds lag.
            await state.UpdateAsync(lease, s => s with { CatalogHash = hash }, cancellationToken);
        }
        var st = lease.State;
        var generation = (await published.InfoAsync(BlobLayout.JsonFeed(scope), cancellationToken))?.Generation;
        if (st.PublishedHash == hash && generation == st.PublishedSequence)
        {
            return new PublishOutcome(new PublishVersion(st.PublishedSequence, hash, st.PublishedAt ?? DateTimeOffset.UnixEpoch), PublishResult.Empty, false);
        }

        // Past both the state and the blob: a lost state row never makes a publish lose to its own older files.
        var version = new PublishVersion(Math.Max(st.PublishedSequence, generation ?? 0) + 1, hash, clock.GetUtcNow());
        var files = Render(new FeedModel(scope, items, version) { FirstRun = FeedModel.FirstRunOf(rows) }, pinned)
            .Concat(ChangesFeedRenderer.Render(scope, await changes.LoadAsync(source.Key, version.At, cancellationToken), Layout, version.At)).ToList();
        var result = await publisher.PublishAsync(files, version.Sequence, cancellationToken);
        await state.UpdateAsync(lease, s => s with
        {
            PublishedSequence = version.Sequence,
            PublishedHash = hash,
            PublishedAt = version.At,
            PublishedCount = items.Count,
        }, cancellationToken);
        logger.LogInformation("Published {Source} version {Version}: {Items} items, {Uploaded} blobs uploaded, {Unchanged} unchanged",
            source.Key, version, items.Count, result.Uploaded, result.Unchanged);
        await webSub.NotifyAsync(Layout, files, result, cancellationToken);
        return new PublishOutcome(version, result, true);
    }

    /// <summary>
    /// Every file of one feed, in upload order: the JSON Feed (later pages are immutable and go first), Atom and the
    /// HTML list, the embed pages and the forwarding page, the oEmbed document, then the snippet, which names the pinned widget.
    /// </summary>
    public IReadOnlyList<PublishedFile> Render(FeedModel model, WidgetScript? pinned) =>
        RenderFiles(model, Layout, options.Value.ItemsPerFeedPage, pinned);

    /// <summary>Every file of one feed (one objective's or the combined one: each in both formats and as an HTML list).</summary>
    public static IReadOnlyList<PublishedFile> RenderFiles(FeedModel model, BlobLayout layout, int itemsPerPage, WidgetScript? pinned)
    {
        var files = new List<PublishedFile>(JsonFeedRenderer.Render(model, layout, itemsPerPage))
        {
            AtomRenderer.Render(model, layout),
            HtmlListRenderer.Render(model, layout, hasSnippet: pinned is not null),
        };
        // The embed pages and their oEmbed document: the oembed.json that the pages' discovery links name goes last.
        files.AddRange(EmbedPageRenderer.RenderAll(model, layout));
        files.Add(OEmbedRenderer.Render(model.Scope, layout));
        if (pinned is not null)
        {
            var snippet = EmbedRenderer.Snippet(new EmbedOptions(IndexRenderer.EmbedValue(model.Scope)), model.Scope, pinned);
            var path = BlobLayout.Snippet(model.Scope);
            files.Add(new PublishedFile(path, Encoding.UTF8.GetBytes(snippet), MediaTypes.Of(path)));
        }
        return files;
    }
}
