using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace HubFeed.Rendering;

/// <summary>Options a site picks for its widget (the embed-code generator's fields).</summary>
public sealed record EmbedOptions(int Objective, string? Lang = null, int? Limit = null, IReadOnlyList<string>? Types = null, string? Theme = null, int? HeadingLevel = null);

/// <summary>The HTML a site pastes: a script tag (versioned + SRI, or the stable major version) and the element with its fallback.</summary>
public static class EmbedRenderer
{
    /// <summary>Reserves the widget's height before the script runs, so the page does not shift (see widget/README.md).</summary>
    public const string ReserveCss = "<style>gcm-resources:not(:defined),[data-gcm-resources]{display:block;block-size:var(--gcm-height,32rem);overflow:auto}</style>";

    public static string Snippet(EmbedOptions options, Uri homePage, Uri scriptUrl, string? integrity)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<script src=\"").Append(e.Encode(scriptUrl.AbsoluteUri)).Append('"');
        if (integrity is not null)
        {
            html.Append(" integrity=\"").Append(e.Encode(integrity)).Append("\" crossorigin=\"anonymous\"");
        }
        html.Append(" async></script>\n").Append(ReserveCss).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"<gcm-resources objective=\"{options.Objective}\"");
        if (options.Lang is not null)
        {
            html.Append(" lang=\"").Append(e.Encode(options.Lang)).Append('"');
        }
        if (options.Limit is { } limit)
        {
            html.Append(CultureInfo.InvariantCulture, $" limit=\"{limit}\"");
        }
        if (options.Types is { Count: > 0 } types)
        {
            html.Append(" types=\"").Append(e.Encode(string.Join(',', types))).Append('"');
        }
        if (options.Theme is not null)
        {
            html.Append(" theme=\"").Append(e.Encode(options.Theme)).Append('"');
        }
        if (options.HeadingLevel is { } level)
        {
            html.Append(CultureInfo.InvariantCulture, $" heading-level=\"{level}\"");
        }
        html.Append("><a href=\"").Append(e.Encode(homePage.AbsoluteUri)).Append("\">")
            .Append(CultureInfo.InvariantCulture, $"GCM Objective {options.Objective} resources on the Migration Network Hub")
            .Append("</a></gcm-resources>\n");
        return html.ToString();
    }

    /// <summary>The Subresource Integrity value of a script.</summary>
    public static string Integrity(byte[] script) => "sha384-" + Convert.ToBase64String(System.Security.Cryptography.SHA384.HashData(script));
}
