namespace HubFeed.Sources;

/// <summary>
/// One policy so the same item always gets the same URL: absolute https on the source host, lower-case host,
/// no fragment, no tracking parameters, no trailing slash, and no language prefix (Drupal serves one node under
/// /es/, /fr/... too; the prefix is reported as the row's language instead).
/// </summary>
public static class UrlCanonicalizer
{
    /// <summary>The Hub serves its pages in the six UN languages, each under its code (/fr/node/1).</summary>
    private static readonly HashSet<string> LanguagePrefixes = new(UnLanguages.Codes, StringComparer.OrdinalIgnoreCase);
    private static readonly string[] TrackingPrefixes = ["utm_", "mc_"];
    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase) { "fbclid", "gclid", "msclkid", "_ga", "ref" };

    public static bool TryCanonicalize(string href, Uri canonicalBase, Uri? fetchBase, out Uri canonical, out string? language)
    {
        canonical = canonicalBase;
        language = null;
        if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(canonicalBase, href.Trim(), out var absolute)
            || (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        // A mirror's absolute links are the Hub's links.
        var onMirror = fetchBase is not null && string.Equals(absolute.Authority, fetchBase.Authority, StringComparison.OrdinalIgnoreCase);
        var onHub = string.Equals(absolute.Host, canonicalBase.Host, StringComparison.OrdinalIgnoreCase);
        var segments = absolute.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 1 && LanguagePrefixes.Contains(segments[0]))
        {
            language = segments[0].ToLowerInvariant();
            segments.RemoveAt(0);
        }

        var query = absolute.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0]))
            .ToList();

        var builder = new UriBuilder(absolute)
        {
            Scheme = onMirror || onHub ? canonicalBase.Scheme : absolute.Scheme,
            Host = onMirror ? canonicalBase.Host : absolute.Host.ToLowerInvariant(),
            Port = onMirror || onHub ? (canonicalBase.IsDefaultPort ? -1 : canonicalBase.Port) : (absolute.IsDefaultPort ? -1 : absolute.Port),
            Path = "/" + string.Join('/', segments),
            Query = string.Join('&', query),
            Fragment = string.Empty,
        };
        canonical = builder.Uri;
        return true;
    }

    private static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
