using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using HubFeed.Layout;

namespace HubFeed.Rendering;

/// <summary>
/// The one snippet generator: the published embed.html, objectives.json, the embed API, the CLI's `snippet` command
/// (which the deploy prints) and the demo page (which adds only the attributes a visitor picks, in this order) all use it.
/// </summary>
public static class EmbedRenderer
{
    /// <summary>
    /// Reserves the widget's height before the script runs, so the page does not shift (see widget/README.md). When the
    /// script never defines the element (blocked by the site's CSP or an extension, failed, offline), the reservation ends
    /// after <see cref="FallbackAfterSeconds"/> s and the element shrinks to its fallback link: never a blank box.
    /// </summary>
    public const string ReserveCss = "gcm-resources:not(:defined),[data-gcm-resources]{display:block;block-size:var(--gcm-height,32rem);overflow:auto}"
        + "gcm-resources:not(:defined){animation:gcm-fallback 0s 5s forwards}@keyframes gcm-fallback{to{block-size:auto}}";

    public const int FallbackAfterSeconds = 5;

    /// <summary>What to paste for a form: the script snippet, the iframe snippet or the URL (the one generator of all three).</summary>
    public static string Render(EmbedForm form, EmbedOptions options, FeedScope scope, BlobLayout layout, WidgetScript script) => form switch
    {
        EmbedForm.Script => Snippet(options, scope, script),
        EmbedForm.Iframe => IframeSnippet(options, scope, layout),
        EmbedForm.Url => PasteUrl(scope, layout).AbsoluteUri + "\n",
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    /// <summary>The form names the API and the CLI take (script, iframe, url).</summary>
    public static readonly IReadOnlyList<string> FormNames = Enum.GetNames<EmbedForm>().Select(n => n.ToLowerInvariant()).ToList();

    /// <summary>A form by its name (script when none is given); null for any other name.</summary>
    public static EmbedForm? ParseForm(string? name) => name is null ? EmbedForm.Script
        : Enum.GetValues<EmbedForm>().Cast<EmbedForm?>().FirstOrDefault(f => f.ToString()!.Equals(name, StringComparison.OrdinalIgnoreCase) && name.All(char.IsLower));

    /// <summary>
    /// The URL an editor pastes on its own line: the list's HTML page, whose discovery link leads an oEmbed consumer to
    /// the embed page.
    /// </summary>
    public static Uri PasteUrl(FeedScope scope, BlobLayout layout) => layout.Url(BlobLayout.HtmlList(scope));

    /// <summary>
    /// The iframe snippet: the embed page in the chosen language (theme as its query), at a fixed height (a page without
    /// a script cannot resize it), sandboxed so that its links open in a new tab and nothing else.
    /// </summary>
    public static string IframeSnippet(EmbedOptions options, FeedScope scope, BlobLayout layout)
    {
        var e = HtmlEncoder.Default;
        var lang = options.Lang is { } l && UnLanguages.Contains(l) ? l : "en";
        var src = layout.Url(BlobLayout.EmbedPage(scope, lang)).AbsoluteUri + (options.Theme is "light" or "dark" ? "?theme=" + options.Theme : "");
        return new StringBuilder().Append("<iframe src=\"").Append(e.Encode(src)).Append("\" title=\"").Append(e.Encode(scope.Title))
            .Append("\" width=\"100%\" height=\"").Append(OEmbedRenderer.DefaultHeight)
            .Append("\" frameborder=\"0\" loading=\"lazy\" sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"></iframe>\n")
            .ToString();
    }

    public static string Snippet(EmbedOptions options, FeedScope scope, WidgetScript script)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<script src=\"").Append(e.Encode(script.Url.AbsoluteUri)).Append('"');
        if (script.Integrity is not null)
        {
            html.Append(" integrity=\"").Append(e.Encode(script.Integrity)).Append("\" crossorigin=\"anonymous\"");
        }
        html.Append(" async></script>\n<style>").Append(ReserveCss).Append("</style>\n<gcm-resources")
            .Append(Attributes(options)).Append("><a href=\"").Append(e.Encode(scope.HomePage.AbsoluteUri)).Append("\">")
            .Append(e.Encode(FallbackText(scope))).Append("</a></gcm-resources>\n");
        return html.ToString();
    }

    /// <summary>The element's attributes, each as ` name="value"`, objective first.</summary>
    public static string Attributes(EmbedOptions options)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                html.Append(' ').Append(name).Append("=\"").Append(e.Encode(value)).Append('"');
            }
        }
        Add("objective", options.Objective);
        Add("lang", options.Lang);
        Add("limit", options.Limit?.ToString(CultureInfo.InvariantCulture));
        Add("types", options.Types is { Count: > 0 } types ? string.Join(',', types) : null);
        Add("theme", options.Theme);
        Add("heading-level", options.HeadingLevel?.ToString(CultureInfo.InvariantCulture));
        Add("loading", options.Lazy ? "lazy" : null);
        return html.ToString();
    }

    /// <summary>The no-JavaScript fallback: what the link inside the element says.</summary>
    public static string FallbackText(FeedScope scope) => scope.Source is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"GCM Objective {s.Objective}: {s.Name} – resources on the UN Migration Network Hub")
        : "Global Compact for Migration objectives – resources on the UN Migration Network Hub";

    /// <summary>The Subresource Integrity value of a script.</summary>
    public static string Integrity(byte[] script) => "sha384-" + Convert.ToBase64String(System.Security.Cryptography.SHA384.HashData(script));
}
