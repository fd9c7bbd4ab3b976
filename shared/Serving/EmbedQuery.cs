using HubFeed.Rendering;

namespace HubFeed.Serving;

/// <summary>GET /api/objectives/{objective}/embed?lang=&amp;limit=&amp;types=&amp;theme=&amp;heading=&amp;loading=&amp;version= as a typed query.</summary>
public sealed record EmbedQuery(string? Lang, int? Limit, IReadOnlyList<string>? Types, string? Theme, int? Heading, bool Lazy, bool Pinned, EmbedForm Form = EmbedForm.Script)
{
    public static readonly IReadOnlySet<string> Parameters = new HashSet<string>(StringComparer.Ordinal) { "lang", "limit", "types", "theme", "heading", "loading", "version", "form" };
    /// <summary>The widget's themes (the demo and the widget's styles offer exactly these: tests/HubFeed.Tests/Parity).</summary>
    public static readonly IReadOnlyList<string> Themes = ["light", "dark", "auto"];

    /// <summary>The query, or a 400 problem naming each parameter at fault. Pure.</summary>
    public static QueryParse<EmbedQuery> Parse(IReadOnlyDictionary<string, IReadOnlyList<string>> query)
    {
        var read = new QueryReader(query, Parameters);
        var lang = read.Language("lang");
        var limit = read.Number("limit", 1, ResourceQuery.MaxLimit);
        var heading = read.Number("heading", 1, 6);
        var types = read.Types("types");
        var theme = read.Once("theme");
        if (theme is not null && !Themes.Contains(theme, StringComparer.Ordinal))
        {
            read.Fail("theme", "theme is light, dark or auto.");
        }
        var loading = read.Once("loading");
        if (loading is not null && loading != "lazy")
        {
            read.Fail("loading", "loading is lazy (or absent: load at once).");
        }
        var version = read.Once("version") ?? "pinned";
        if (version is not ("pinned" or "stable"))
        {
            read.Fail("version", "version is pinned (immutable URL with SRI) or stable (the v1 URL, short cache).");
        }
        var form = EmbedRenderer.ParseForm(read.Once("form"));
        if (form is null)
        {
            read.Fail("form", $"form is one of {string.Join(", ", EmbedRenderer.FormNames)}.");
        }
        return read.Result(() => new EmbedQuery(lang, limit, types, theme, heading, loading == "lazy", version == "pinned", form ?? EmbedForm.Script));
    }
}
