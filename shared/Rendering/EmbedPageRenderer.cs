using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>
/// The embed page of a list (objective-N/frame[.lang].html): a complete, server-rendered HTML document for an iframe or an
/// oEmbed consumer (WordPress's sandbox="allow-scripts" frame): heading, count, the first items and a link to the rest,
/// shown with JavaScript off. Its one script and its style are inline and named by hash in its own CSP (a meta tag: a
/// blob sends no per-file headers); nothing else loads. Also the forwarding page (go.html) its links go through.
/// </summary>
public static partial class EmbedPageRenderer
{
    /// <summary>Items on the page: with the heading and the link to the rest, it stays within WordPress's 200-1000 px.</summary>
    public const int FirstItems = 5;

    /// <summary>Summaries are cut here (and clamped to two lines by the style).</summary>
    public const int SummaryChars = 240;

    /// <summary>
    /// The widget's own strings (widget/gcm-resources.js: the count and "show more") in the six UN languages; tests/embed
    /// checks the two copies agree. The heading stays English, as in the widget (no authoritative translation).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Strings = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["ar"] = ["عرض {0} من أصل {1}", "عرض المزيد"],
        ["zh"] = ["显示 {0} 项，共 {1} 项", "显示更多"],
        ["en"] = ["Showing {0} of {1}", "Show more"],
        ["fr"] = ["Affichage de {0} sur {1}", "Afficher plus"],
        ["ru"] = ["Показано {0} из {1}", "Показать ещё"],
        ["es"] = ["Mostrando {0} de {1}", "Mostrar más"],
    };

    private const int Count = 0, More = 1;

    public static readonly string Script = Resource("frame.js");
    public static readonly string Style = Resource("frame.css");
    public static readonly string ForwardScript = Resource("go.js");

    /// <summary>The page's CSP: only its own inline script and style (by hash) and the inline icon.</summary>
    public static string Csp(params string[] inline) =>
        $"default-src 'none'; script-src {Hash(inline[0])}; style-src {(inline.Length > 1 ? Hash(inline[1]) : "'none'")}; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

    /// <summary>The embed page in each UN language, then the forwarding page: every file of the embed beside a feed.</summary>
    public static IEnumerable<PublishedFile> RenderAll(FeedModel model, BlobLayout layout) =>
        [.. UnLanguages.Codes.Select(lang => Render(model, layout, lang)), RenderForward(model.Scope, layout)];

    public static PublishedFile Render(FeedModel model, BlobLayout layout, string lang)
    {
        var scope = model.Scope;
        var s = Strings[lang];
        var heading = scope.Source is { } src ? string.Create(CultureInfo.InvariantCulture, $"GCM Objective {src.Objective}") : "GCM objectives";
        var html = Head(lang, heading, scope.Description, CanonicalOf(scope, layout), Csp(Script, Style))
            .Append(OEmbedRenderer.DiscoveryLink(scope, layout)).Append("<style>").Append(Style).Append("</style>\n<script>").Append(Script)
            // Named by its heading: framed in a partner's page, beside that page's own main, an unnamed main would be its twin.
            .Append("</script>\n</head>\n<body data-forward=\"go.html\">\n<main aria-labelledby=\"list\">\n<h1 id=\"list\"").Append(lang == "en" ? "" : " lang=\"en\"").Append('>')
            .Append(Encode(heading));
        if (scope.Source is { } source)
        {
            html.Append("<small>").Append(Encode(source.Name)).Append("</small>");
        }
        var shown = model.Items.Take(FirstItems).ToList();
        html.Append("</h1>\n<p class=\"count\">").Append(Encode(string.Format(CultureInfo.InvariantCulture, s[Count], shown.Count, model.Items.Count)))
            .Append("</p>\n<ol>\n");
        var culture = CultureOf(lang);
        foreach (var r in shown)
        {
            AppendItem(html, r, lang, culture);
        }
        html.Append("</ol>\n<p class=\"more\"><a href=\"").Append(Encode(scope.HomePage.AbsoluteUri)).Append("\" target=\"_blank\" rel=\"noopener\">")
            .Append(Encode(s[More])).Append("</a></p>\n</main>\n</body>\n</html>\n");
        return new PublishedFile(BlobLayout.EmbedPage(scope, lang), Encoding.UTF8.GetBytes(html.ToString()), MediaTypes.Html);
    }

    private static void AppendItem(StringBuilder html, Resource r, string lang, CultureInfo culture)
    {
        html.Append("<li><a href=\"").Append(Encode(r.Url)).Append("\" target=\"_blank\" rel=\"noopener\" dir=\"auto\"");
        if (r.Language is not null)
        {
            html.Append(" hreflang=\"").Append(Encode(r.Language)).Append("\" lang=\"").Append(Encode(r.Language)).Append('"');
        }
        html.Append('>').Append(Encode(r.Title)).Append("</a>\n<p class=\"meta\"><span").Append(lang == "en" ? "" : " lang=\"en\"").Append('>')
            .Append(Encode(r.TypeLabel)).Append("</span>");
        if (r.Date is { } d)
        {
            html.Append(" · <time datetime=\"").Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\">")
                .Append(Encode(d.ToString(DatePattern(culture), culture))).Append("</time>");
        }
        html.Append("</p>\n");
        if (r.Summary is { Length: > 0 } summary)
        {
            html.Append("<p class=\"sum\" dir=\"auto\"").Append(r.Language is null ? "" : $" lang=\"{Encode(r.Language)}\"").Append('>')
                .Append(Encode(Cut(summary))).Append("</p>\n");
        }
        html.Append("</li>\n");
    }

    /// <summary>
    /// go.html: forwards to the URL in its fragment only when it is on the Hub's origin (data-hub), so the embed page's
    /// links leave WordPress's frame (which follows a link only to the frame's own host) and nothing else can use it.
    /// </summary>
    public static PublishedFile RenderForward(FeedScope scope, BlobLayout layout)
    {
        var hub = scope.CanonicalBase.GetLeftPart(UriPartial.Authority);
        var html = Head("en", "Opening the Migration Network Hub", "Forwards a link from an embedded list to the UN Migration Network Hub.",
                layout.Url(BlobLayout.Forward(scope)), Csp(ForwardScript), hub)
            .Append("<script>").Append(ForwardScript).Append("</script>\n</head>\n<body>\n<main>\n<h1>Opening the Migration Network Hub</h1>\n")
            .Append("<p>If nothing happens, <a href=\"").Append(Encode(scope.HomePage.AbsoluteUri)).Append("\">continue to the Hub</a>.</p>\n")
            .Append("</main>\n</body>\n</html>\n");
        return new PublishedFile(BlobLayout.Forward(scope), Encoding.UTF8.GetBytes(html.ToString()), MediaTypes.Html);
    }

    private static StringBuilder Head(string lang, string title, string description, Uri canonical, string csp, string? hub = null) =>
        new StringBuilder(16 * 1024)
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append('"').Append(lang == "ar" ? " dir=\"rtl\"" : "")
            .Append(hub is null ? "" : $" data-hub=\"{Encode(hub)}\"").Append(">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(csp).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<meta name=\"description\" content=\"").Append(Encode(description)).Append("\">\n")
            .Append("<link rel=\"canonical\" href=\"").Append(Encode(canonical.AbsoluteUri)).Append("\">\n")
            .Append("<link rel=\"icon\" href=\"").Append(HtmlListRenderer.Favicon).Append("\">\n");

    /// <summary>An embed page points search engines at its list's HTML page.</summary>
    private static Uri CanonicalOf(FeedScope scope, BlobLayout layout) => layout.Url(BlobLayout.HtmlList(scope));

    private static string Cut(string text) => text.Length <= SummaryChars ? text
        : text[..(text.LastIndexOf(' ', SummaryChars) is var at and > SummaryChars / 2 ? at : SummaryChars)].TrimEnd() + "…";

    private static CultureInfo CultureOf(string lang)
    {
        try
        {
            return CultureInfo.GetCultureInfo(lang);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    /// <summary>The culture's long date without the weekday ("6 December 2026", "6 décembre 2026", "2026年12月6日").</summary>
    private static string DatePattern(CultureInfo culture) =>
        WeekdayPattern().Replace(culture.DateTimeFormat.LongDatePattern, "").Trim() is { Length: > 0 } p ? p : "yyyy-MM-dd";

    [GeneratedRegex(@"dddd[,،]?\s*|\s*dddd")]
    private static partial Regex WeekdayPattern();

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Hash(string inline) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline))) + "'";

    private static string Resource(string name)
    {
        using var stream = typeof(EmbedPageRenderer).Assembly.GetManifestResourceStream("HubFeed.Embed." + name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
