using System.Globalization;

namespace HubFeed.Layout;

/// <summary>
/// What is published where: every path in the public container and every public URL derived from one. The publisher,
/// the renderers, the API, the CLI's output, objectives.json and the deploy all ask this type; nothing else builds a path.
/// (The widget derives the same feed paths in JavaScript; its tests check it requests the URLs objectives.json names.)
/// </summary>
public sealed class BlobLayout
{
    /// <summary>The index of what is published (objectives.json) and its HTML page.</summary>
    public const string IndexJson = "objectives.json";
    public const string IndexPage = "index.html";
    public const string AllFolder = "all/";
    /// <summary>The widget's stable major version: short cache, its bytes change with each widget release.</summary>
    public const string WidgetStable = "widget/v1/gcm-resources.js";
    public const string DemoPage = "demo.html";
    /// <summary>What the deploy published as the pinned widget (its path and SRI): the demo page offers only snippets that load it.</summary>
    public const string WidgetRelease = "widget/release.json";
    /// <summary>The one stylesheet of the published HTML pages (the lists and the index).</summary>
    public const string Stylesheet = "site.css";
    /// <summary>For crawlers: every published HTML page, and where the sitemap is.</summary>
    public const string Sitemap = "sitemap.xml";
    public const string Robots = "robots.txt";

    /// <summary>
    /// Where the Function app may write (infra/modules/rbac.bicep turns these into an RBAC condition on its role; a test
    /// checks the two agree). Everything else, the widget above all, is written by the deploy.
    /// </summary>
    public static readonly IReadOnlyList<string> AppWritable = ["objective-*", "all/*", IndexJson, IndexPage, Stylesheet, Sitemap, Robots];

    /// <summary>What the deploy writes (the widget and its demo page), and the app cannot.</summary>
    public static readonly IReadOnlyList<string> DeployWritable = ["widget/*", "demo.*"];

    public BlobLayout(Uri root) => Root = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");

    /// <summary>The public URL of the container (Front Door or the blob endpoint), ending with a slash.</summary>
    public Uri Root { get; }

    /// <summary>The WebSub hub every published feed advertises (rel="hub") and each publish pings; null: none.</summary>
    public Uri? WebSubHub { get; init; }

    public Uri Url(string path) => new(Root, path);

    /// <summary>The blob path of a public URL under <see cref="Root"/>; null for any other URL.</summary>
    public string? PathOf(string url) =>
        url.StartsWith(Root.AbsoluteUri, StringComparison.Ordinal) && url.Length > Root.AbsoluteUri.Length ? Uri.UnescapeDataString(url[Root.AbsoluteUri.Length..]) : null;

    /// <summary>The immutable copy of the widget that pinned snippets name (with SRI).</summary>
    public static string WidgetPinned(string hash) => $"widget/gcm-resources.{hash}.js";

    public static string Folder(int objective) => string.Create(CultureInfo.InvariantCulture, $"objective-{objective}/");

    public static string Folder(FeedScope scope) => scope.Source is { } s ? Folder(s.Objective) : AllFolder;

    /// <summary>The first page of a JSON Feed: a stable name, replaced on every publish.</summary>
    public static string JsonFeed(FeedScope scope) => Folder(scope) + "feed.json";

    /// <summary>
    /// A later page of a JSON Feed: immutable and named by its hash, so the next_url of a first page always leads to the
    /// pages of the same publish, whatever a later publish writes.
    /// </summary>
    public static string JsonFeedPage(FeedScope scope, int page, string hash) =>
        string.Create(CultureInfo.InvariantCulture, $"{Folder(scope)}feed-{page}.{hash}.json");

    public static string Atom(FeedScope scope) => Folder(scope) + AtomName;

    public static string HtmlList(FeedScope scope) => Folder(scope) + HtmlName;

    /// <summary>The snippet to paste (the pinned widget with SRI), as text.</summary>
    public static string Snippet(FeedScope scope) => Folder(scope) + SnippetName;

    /// <summary>The changes feed (added, changed, withdrawn events, newest first) as JSON Feed and as Atom.</summary>
    public static string ChangesJson(FeedScope scope) => Folder(scope) + "changes.json";

    public static string ChangesAtom(FeedScope scope) => Folder(scope) + "changes.atom";

    /// <summary>
    /// The embed page (a complete, server-rendered list for an iframe or an oEmbed consumer), one static file per UN
    /// language: frame.html in English, frame.{lang}.html otherwise. Its theme is a query (?theme=dark), read by its script.
    /// </summary>
    public static string EmbedPage(FeedScope scope, string lang = "en") => Folder(scope) + (lang == "en" ? "frame.html" : $"frame.{lang}.html");

    /// <summary>The list's oEmbed document (rich, the embed page's iframe), which its pages name in a discovery link.</summary>
    public static string OEmbed(FeedScope scope) => Folder(scope) + "oembed.json";

    /// <summary>The forwarding page the embed page's links go through under WordPress (go.html#&lt;Hub URL&gt;): the frame's own host.</summary>
    public static string Forward(FeedScope scope) => Folder(scope) + "go.html";

    /// <summary>The pages of a list offered for embedding (oEmbed answers for these URLs): its folder, its HTML list and its embed pages.</summary>
    public static IEnumerable<string> EmbeddablePages(FeedScope scope) =>
        [Folder(scope), HtmlList(scope), .. UnLanguages.Codes.Select(l => EmbedPage(scope, l))];

    private const string AtomName = "feed.atom";
    private const string HtmlName = "index.html";
    private const string SnippetName = "embed.html";
}
