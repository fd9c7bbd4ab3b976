using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HubFeed.Layout;
using HubFeed.Publishing;
using HubFeed.Rendering;
using HubFeed.Sources;

namespace HubFeed.Serving;

/// <summary>
/// The read-only API: filtered, paged JSON Feed pages of what the feeds show (a cached, versioned snapshot of the
/// published feed, never a table scan per request), and the embed snippet. Pure request in, answer out: no HTTP types.
/// Bad input always gets a 4xx problem naming the parameter, never a 5xx.
/// </summary>
public sealed class ResourceApi(SourceRegistry sources, PublishedFeeds feeds, PublishJob publish, WidgetFiles widget)
{
    public const string VersionHeader = "X-HubFeed-Version";
    private bool _widgetDeployed;

    public async Task<ApiAnswer> ResourcesAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var (scope, query, problem) = Read(request, ResourceQuery.Parse);
        if (problem is not null)
        {
            return problem;
        }
        if (await feeds.GetAsync(scope, fresh: false, cancellationToken) is not { } snapshot)
        {
            return NotPublished(scope);
        }
        var all = Matching(snapshot.Items, query).ToList();
        var page = all.Skip(query.Offset).Take(query.Limit).ToList();
        Uri? next = query.Offset + query.Limit < all.Count ? WithCursor(request, ResourceQuery.EncodeCursor(query.Offset + query.Limit)) : null;
        var version = snapshot.Version.ToString();
        var body = JsonFeedRenderer.RenderPage(snapshot.Model with { Items = all }, page, request.Url, next, publish.Layout);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..20] + "\"";
        if (request.IfNoneMatch?.Any(v => v == "*" || v.Split(',').Select(s => s.Trim()).Contains(etag)) == true)
        {
            return new ApiAnswer.NotModified(etag, version);
        }
        return new ApiAnswer.Content(body, JsonFeedRenderer.MediaType, "public, max-age=60", etag, version);
    }

    /// <summary>The items a query keeps: its types, its language, its words in the title or summary (case and accents aside).</summary>
    private static IEnumerable<Resource> Matching(IEnumerable<Resource> items, ResourceQuery query)
    {
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions fold = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        return items.Where(r =>
            (query.Types.Count == 0 || query.Types.Contains(r.Type, StringComparer.Ordinal))
            && (query.Lang is null || r.Language == query.Lang)
            && (query.Since is not { } from || (r.FirstSeen != default && r.LastChanged >= from))
            && (query.Q is null || compare.IndexOf(r.Title, query.Q, fold) >= 0 || (r.Summary is not null && compare.IndexOf(r.Summary, query.Q, fold) >= 0)));
    }

    public async Task<ApiAnswer> EmbedAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var (scope, query, problem) = Read(request, EmbedQuery.Parse);
        if (problem is not null)
        {
            return problem;
        }
        // A snippet never names a script that is not there: the deploy publishes the widget, the app does not.
        if (!_widgetDeployed && await publish.DeployedWidgetAsync(cancellationToken) is null)
        {
            return new ApiAnswer.Problem(503, "The widget is not deployed yet",
                "The widget script this instance would pin is not published yet; the deploy publishes it (`hubfeed publish-widget`).", RetryAfterSeconds: 300);
        }
        _widgetDeployed = true;
        var layout = publish.Layout;
        var script = query.Pinned ? widget.Pinned(layout) : WidgetFiles.Stable(layout);
        var options = new EmbedOptions(IndexRenderer.EmbedValue(scope), query.Lang, query.Limit, query.Types?.ToArray(), query.Theme, query.Heading, query.Lazy);
        var snippet = EmbedRenderer.Render(query.Form, options, scope, layout, script);
        return new ApiAnswer.Content(Encoding.UTF8.GetBytes(snippet), query.Form == EmbedForm.Url ? MediaTypes.Text : MediaTypes.Html, "public, max-age=300");
    }

    /// <summary>The request's list and its query, or the problem that stops it: an unknown list, then a bad parameter.</summary>
    private (FeedScope Scope, T Query, ApiAnswer.Problem? Problem) Read<T>(ApiRequest request, Func<IReadOnlyDictionary<string, IReadOnlyList<string>>, QueryParse<T>> parse)
        where T : class
    {
        if (ScopeOf(request.Objective, sources.Enabled) is not { } scope)
        {
            return (null!, null!, UnknownObjective(request.Objective));
        }
        var parsed = parse(request.Query);
        return (scope, parsed.Query!, parsed.Problem);
    }

    /// <summary>An enabled objective by number, or "all" (the combined feed); null for anything else. Pure.</summary>
    public static FeedScope? ScopeOf(string value, IReadOnlyList<SourceDefinition> enabled)
    {
        if (value == "all")
        {
            return FeedScope.All(enabled, enabled.Count > 0 ? enabled[0].CanonicalBase : new Uri("https://migrationnetwork.un.org/"));
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && enabled.FirstOrDefault(s => s.Objective == n) is { } s
            ? FeedScope.For(s) : null;
    }

    private ApiAnswer.Problem UnknownObjective(string value) => new(404, "Unknown objective",
        $"Objective '{Truncate(value)}' is not published here; this instance publishes objective(s) {string.Join(", ", sources.Enabled.Select(x => x.Objective))} and 'all'.");

    private static ApiAnswer.Problem NotPublished(FeedScope scope) => new(503, "Not published yet",
        $"Nothing is published for {scope.Key} yet; the first successful run publishes it.", RetryAfterSeconds: 300);

    private static Uri WithCursor(ApiRequest request, string cursor)
    {
        var query = request.Query.Where(kv => kv.Key != "cursor").SelectMany(kv => kv.Value.Select(v => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(v)))
            .Append("cursor=" + cursor);
        return new Uri(request.Url.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', query));
    }

    private static string Truncate(string s) => QueryReader.Truncate(s);
}
