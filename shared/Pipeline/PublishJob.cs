using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Publishing;
using HubFeed.Rendering;
using HubFeed.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HubFeed.Pipeline;

/// <summary>Renders one objective's catalog (JSON Feed, Atom, HTML list, embed) and publishes it with the widget.</summary>
public sealed class PublishJob(
    ResourceCatalog catalog,
    BlobPublisher publisher,
    WidgetFiles widget,
    IOptions<PublishOptions> options,
    ILogger<PublishJob> logger)
{
    public PublicLinks Links => new(publisher.PublicRoot);

    public async Task<PublishResult> RunAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var resources = await catalog.LoadAsync(source.Key, source.Objective, cancellationToken);
        var model = FeedModel.From(source, resources);
        var files = Render(model, Links);
        // The generation is the catalog's own time, so an older catalog never replaces a newer feed.
        var result = await publisher.PublishAsync(files, model.Updated, cancellationToken);
        logger.LogInformation("Published {Source}: {Items} items, {Uploaded} blobs uploaded, {Unchanged} unchanged",
            source.Key, model.Items.Count, result.Uploaded, result.Unchanged);
        return result;
    }

    /// <summary>Every file of one objective plus the shared widget files, stable names last so they point at what exists.</summary>
    public IReadOnlyList<PublishedFile> Render(FeedModel model, PublicLinks links)
    {
        var folder = model.Source.Key + "/";
        var files = new List<PublishedFile>();
        var script = widget.Script();
        // The stable major version (short cache) and an immutable copy whose URL the snippet pins with SRI.
        files.Add(new PublishedFile("widget/v1/gcm-resources.js", script, WidgetFiles.ScriptType, VersionedFolder: "widget/"));
        files.AddRange(widget.DemoFiles().Select(f => new PublishedFile(f.Name, f.Content, f.ContentType, Versioned: false)));
        files.Add(new PublishedFile(folder + "embed.js", script, WidgetFiles.ScriptType, Versioned: false));
        files.AddRange(JsonFeedRenderer.Render(model, links, options.Value.ItemsPerFeedPage).Select(f => new PublishedFile(folder + f.Name, f.Content, f.ContentType)));
        var atom = AtomRenderer.Render(model, links);
        files.Add(new PublishedFile(folder + atom.Name, atom.Content, atom.ContentType));
        var html = HtmlListRenderer.Render(model, links);
        files.Add(new PublishedFile(folder + html.Name, html.Content, html.ContentType));
        var (pinned, integrity) = widget.Pinned(links);
        var snippet = EmbedRenderer.Snippet(new EmbedOptions(model.Source.Objective), model.Source.HomePage, pinned, integrity);
        files.Add(new PublishedFile(folder + "embed.html", System.Text.Encoding.UTF8.GetBytes(snippet), "text/plain; charset=utf-8", Versioned: false));
        return files;
    }
}
