using HubFeed.Hosting;
using HubFeed.Rendering;
using Microsoft.Extensions.Options;

namespace HubFeed.Publishing;

/// <summary>The widget's files as built in widget/ (the minified script and the demo page), read once.</summary>
public sealed class WidgetFiles(IOptions<PublishOptions> options)
{
    public const string ScriptType = "text/javascript; charset=utf-8";

    private readonly Lazy<byte[]> _script = new(() => File.ReadAllBytes(Path.Combine(Folder(options.Value), "gcm-resources.min.js")));

    private static string Folder(PublishOptions o) => o.WidgetDirectory ?? Path.Combine(AppContext.BaseDirectory, "widget");

    public byte[] Script() => _script.Value;

    /// <summary>The immutable script URL and its Subresource Integrity value, for snippets that pin the widget.</summary>
    public (Uri Url, string Integrity) Pinned(PublicLinks links) =>
        (links.WidgetVersioned(PublishedFile.HashOf(Script())), EmbedRenderer.Integrity(Script()));

    public IEnumerable<RenderedFile> DemoFiles()
    {
        var folder = Folder(options.Value);
        yield return new RenderedFile("demo.html", File.ReadAllBytes(Path.Combine(folder, "demo.html")), "text/html; charset=utf-8");
        yield return new RenderedFile("demo.js", File.ReadAllBytes(Path.Combine(folder, "demo.js")), ScriptType);
        yield return new RenderedFile("demo.css", File.ReadAllBytes(Path.Combine(folder, "demo.css")), "text/css; charset=utf-8");
    }
}
