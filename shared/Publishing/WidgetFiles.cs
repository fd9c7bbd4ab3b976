using HubFeed.Layout;
using HubFeed.Rendering;
using HubFeed.Sources;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing;

/// <summary>
/// The widget as built in widget/ (the minified script and the demo page), read once. The deploy publishes these files
/// (the app's identity may not write them); the app only names the pinned script in the snippets it publishes, once
/// that exact file is there.
/// </summary>
public sealed class WidgetFiles(IOptions<PublishOptions> options, SourceRegistry sources)
{
    public const string ScriptType = MediaTypes.Script;

    private readonly Lazy<byte[]> _script = new(() => File.ReadAllBytes(Path.Combine(Folder(options.Value), "gcm-resources.min.js")));

    private static string Folder(PublishOptions o) => o.WidgetDirectory ?? Path.Combine(AppContext.BaseDirectory, "widget");

    public byte[] Script() => _script.Value;

    /// <summary>The immutable script's path: named by the hash of these bytes.</summary>
    public string PinnedPath => BlobLayout.WidgetPinned(PublishedFile.HashOf(Script()));

    /// <summary>The immutable script URL and its Subresource Integrity value, for snippets that pin the widget.</summary>
    public WidgetScript Pinned(BlobLayout layout) => new(layout.Url(PinnedPath), EmbedRenderer.Integrity(Script()));

    /// <summary>The stable v1 URL (no SRI: its bytes change with each release).</summary>
    public static WidgetScript Stable(BlobLayout layout) => new(layout.Url(BlobLayout.WidgetStable), null);

    /// <summary>
    /// What the deploy publishes: the immutable script first, then the stable v1 name, the release note naming the
    /// pinned script and its SRI (the demo page checks snippets against it), then the demo page's files (every
    /// widget/demo.* file as it is, then the page itself, its embed code filled in for <paramref name="layout"/>).
    /// </summary>
    public IReadOnlyList<PublishedFile> DeployFiles(BlobLayout layout)
    {
        var folder = Folder(options.Value);
        var assets = Directory.EnumerateFiles(folder, "demo.*")
            .Select(path => Path.GetFileName(path))
            .Where(name => name != BlobLayout.DemoPage).Order(StringComparer.Ordinal)
            .Select(name => new PublishedFile(name, File.ReadAllBytes(Path.Combine(folder, name)), MediaTypes.Of(name)));
        var page = DemoPageRenderer.Render(File.ReadAllText(Path.Combine(folder, BlobLayout.DemoPage)), DemoScope, layout, Pinned(layout));
        return [new PublishedFile(PinnedPath, Script(), ScriptType, Immutable: true), new PublishedFile(BlobLayout.WidgetStable, Script(), ScriptType),
            new PublishedFile(BlobLayout.WidgetRelease, Release(), MediaTypes.Of(BlobLayout.WidgetRelease)), .. assets, page];
    }

    /// <summary>
    /// The list whose code the demo page carries for readers without JavaScript: the first objective this instance
    /// ingests (11 by default), which is also the one the page's picker starts on when every enabled objective is published.
    /// </summary>
    public FeedScope DemoScope => FeedScope.For(sources.Enabled.MinBy(s => s.Objective)!);

    /// <summary>widget/release.json: the pinned script's path (relative to the container) and its SRI.</summary>
    public byte[] Release() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { script = PinnedPath, integrity = EmbedRenderer.Integrity(Script()) });
}
