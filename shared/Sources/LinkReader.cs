using System.Net;
using HtmlAgilityPack;

namespace HubFeed.Sources;

/// <summary>Classifies links: Hub content (an item page), or not (pager, taxonomy, files, other hosts, javascript:).</summary>
public sealed class LinkReader(SourceDefinition source, Uri pageUrl)
{
    private static readonly string[] NotContent = ["taxonomy", "user", "search", "hub", "sites", "core", "modules", "themes", "admin", "filter", "contact"];
    private readonly Dictionary<HtmlNode, LinkTarget> _seen = [];

    public LinkTarget Read(HtmlNode anchor)
    {
        if (_seen.TryGetValue(anchor, out var known))
        {
            return known;
        }
        var href = WebUtility.HtmlDecode(anchor.GetAttributeValue("href", "")).Trim();
        LinkTarget target;
        if (href.Length == 0 || href.StartsWith('#'))
        {
            target = new LinkTarget(null, null, href.Length == 0 ? "the link has no address" : "the link points inside the page");
        }
        else if (!UrlCanonicalizer.TryCanonicalize(href, source.CanonicalBase, source.FetchBase, out var url, out var language))
        {
            target = new LinkTarget(null, null, $"the link \"{Short(href)}\" is not an http(s) URL");
        }
        else if (url.UserInfo.Length > 0)
        {
            // https://x@host/… shows one host and may mean another to a reader; no Hub link carries a user name.
            target = new LinkTarget(null, null, $"the link \"{Short(href)}\" carries a user name before its host: not a Hub link");
        }
        else if (!string.Equals(url.Host, source.CanonicalBase.Host, StringComparison.OrdinalIgnoreCase))
        {
            target = new LinkTarget(null, null, $"the link \"{Short(href)}\" is not on {source.CanonicalBase.Host}");
        }
        else
        {
            var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var isListing = Uri.TryCreate(pageUrl, href, out var absolute) && absolute.AbsolutePath == pageUrl.AbsolutePath;
            target = segments.Length == 0 || isListing || NotContent.Contains(segments[0], StringComparer.OrdinalIgnoreCase) || url.Query.Length > 1
                ? new LinkTarget(url, language, "not an item page")
                : new LinkTarget(url, language, null);
        }
        _seen[anchor] = target;
        return target;
    }

    private static string Short(string s) => s.Length > 80 ? s[..79] + "…" : s;
}
