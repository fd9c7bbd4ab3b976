using System.Globalization;
using HubFeed.Layout;
using HubFeed.Publishing;
using HubFeed.Rendering;
using HubFeed.Sources;

namespace HubFeed.Serving;

/// <summary>
/// The oEmbed endpoint (https://oembed.com, section 2.2): GET /api/oembed?url=&amp;maxwidth=&amp;maxheight=&amp;format=json
/// answers for any published list's page (its folder, its HTML list, its embed pages) with the same document as its
/// oembed.json, sized within maxwidth/maxheight; 404 for any other URL or a list not published yet, 501 for another
/// format (as the spec asks). Other parameters (WordPress sends dnt=1) are ignored, as the spec allows.
/// </summary>
public sealed class OEmbedApi(SourceRegistry sources, PublishedFeeds feeds, PublishJob publish)
{
    public const string CacheControl = "public, max-age=3600";

    public async Task<ApiAnswer> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        string? Param(string name) => request.Query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;
        if (Param("format") is { } format && format != "json")
        {
            return new ApiAnswer.Problem(501, "Format not implemented", "This provider answers format=json only.");
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var maxWidth = Size(Param("maxwidth"), "maxwidth", errors);
        var maxHeight = Size(Param("maxheight"), "maxheight", errors);
        var url = Param("url");
        if (string.IsNullOrWhiteSpace(url))
        {
            errors["url"] = ["url is the page to embed (a published list's URL)."];
        }
        if (errors.Count > 0)
        {
            return new ApiAnswer.Problem(400, "Invalid query parameters", string.Join(" ", errors.Values.SelectMany(v => v)), errors);
        }
        if (Find(url!) is not { } found || await feeds.GetAsync(found.Scope, fresh: false, cancellationToken) is null)
        {
            return new ApiAnswer.Problem(404, "Not an embeddable list", "The url is not the page of a list this provider publishes.");
        }
        var width = Math.Min(maxWidth ?? OEmbedRenderer.DefaultWidth, OEmbedRenderer.MaxWidth);
        var height = Math.Min(maxHeight ?? OEmbedRenderer.DefaultHeight, Math.Min(OEmbedRenderer.DefaultHeight, OEmbedRenderer.MaxHeight));
        var body = OEmbedRenderer.Document(found.Scope, publish.Layout, found.Lang, width, height);
        return new ApiAnswer.Content(body, OEmbedRenderer.MediaType, CacheControl);
    }

    /// <summary>The list and language a URL shows: any page of <see cref="BlobLayout.EmbeddablePages"/>, query and fragment aside.</summary>
    public (FeedScope Scope, string Lang)? Find(string url)
    {
        var bare = url.Split('#', 2)[0].Split('?', 2)[0];
        if (publish.Layout.PathOf(bare) is not { } path)
        {
            return null;
        }
        var scopes = sources.Enabled.Select(FeedScope.For)
            .Append(FeedScope.All(sources.Enabled, sources.Enabled.Count > 0 ? sources.Enabled[0].CanonicalBase : new Uri("https://migrationnetwork.un.org/")));
        foreach (var scope in scopes)
        {
            if (BlobLayout.EmbeddablePages(scope).Contains(path, StringComparer.Ordinal))
            {
                return (scope, UnLanguages.Codes.FirstOrDefault(l => BlobLayout.EmbedPage(scope, l) == path) ?? "en");
            }
        }
        return null;
    }

    private static int? Size(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000)
        {
            return n;
        }
        errors[name] = [$"{name} is a positive whole number of pixels."];
        return null;
    }
}
