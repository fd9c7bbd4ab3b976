using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HubFeed.Publishing;
using HubFeed.Rendering;
using HubFeed.Sources;

namespace HubFeed.Serving;

/// <summary>
/// The read-only API: filtered, paged JSON Feed pages of what the feeds show (a cached, versioned snapshot of the
/// published feed, never a table scan per request), and the embed snippet. Pure request in, answer out: no HTTP types.
/// Bad input always gets a 4xx problem naming the parameter, never a 5xx.
/// </summary>
public sealed partial class ResourceApi(SourceRegistry sources, PublishedFeeds feeds, PublishJob publish, WidgetFiles widget)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const string VersionHeader = "X-HubFeed-Version";
    private static readonly string[] Themes = ["light", "dark", "auto"];
    private static readonly HashSet<string> ResourceParameters = new(StringComparer.Ordinal) { "type", "q", "lang", "limit", "cursor", "since" };
    private static readonly HashSet<string> EmbedParameters = new(StringComparer.Ordinal) { "lang", "limit", "types", "theme", "heading", "loading", "version", "form" };
    private bool _widgetDeployed;

    public async Task<ApiAnswer> ResourcesAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (Scope(request.Objective) is not { } scope)
        {
            return UnknownObjective(request.Objective);
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckParameters(request, ResourceParameters, errors);
        var types = Single(request, "type", errors)?.Split(',', StringSplitOptions.TrimEntries) ?? [];
        var known = ResourceTypes.ByLabel.Values.Distinct().ToList();
        if (types.Any(t => !known.Contains(t, StringComparer.Ordinal)))
        {
            errors["type"] = [$"type takes a comma-separated list of {string.Join(", ", known)}."];
        }
        var q = Single(request, "q", errors);
        if (q is not null && (q.Length > 200 || q.Any(char.IsControl) || q.Trim().Length == 0))
        {
            errors["q"] = ["q is 1 to 200 printable characters."];
        }
        var lang = Single(request, "lang", errors);
        if (lang is not null && !UnLanguages.Contains(lang))
        {
            errors["lang"] = [$"lang is one of {string.Join(", ", UnLanguages.Codes)}."];
        }
        var limit = Number(request, "limit", 1, MaxLimit, errors) ?? DefaultLimit;
        var offset = 0;
        var cursor = Single(request, "cursor", errors);
        if (cursor is not null && !TryDecodeCursor(cursor, out offset))
        {
            errors["cursor"] = ["cursor is not one this API gave out; start again without it."];
        }
        var since = Since(request, errors);
        if (errors.Count > 0)
        {
            return new ApiAnswer.Problem(400, "Invalid query parameters", string.Join(" ", errors.Values.SelectMany(v => v)), errors);
        }

        if (await feeds.GetAsync(scope, fresh: false, cancellationToken) is not { } snapshot)
        {
            return NotPublished(scope);
        }
        var all = Matching(snapshot.Items, types, lang, since, q);
        var page = all.Skip(offset).Take(limit).ToList();
        Uri? next = offset + limit < all.Count ? WithCursor(request, EncodeCursor(offset + limit)) : null;
        var version = snapshot.Version.ToString();
        var body = JsonFeedRenderer.RenderPage(snapshot.Model with { Items = all }, page, request.Url, next, publish.Layout);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..20] + "\"";
        if (request.IfNoneMatch?.Any(v => v == "*" || v.Split(',').Select(s => s.Trim()).Contains(etag)) == true)
        {
            return new ApiAnswer.NotModified(etag, version);
        }
        return new ApiAnswer.Content(body, JsonFeedRenderer.MediaType, "public, max-age=60", etag, version);
    }

    /// <summary>The items that pass every filter given, in feed order.</summary>
    private static List<Resource> Matching(IEnumerable<Resource> items, string[] types, string? lang, DateTimeOffset? since, string? q)
    {
        if (types.Length > 0)
        {
            items = items.Where(r => types.Contains(r.Type, StringComparer.Ordinal));
        }
        if (lang is not null)
        {
            items = items.Where(r => r.Language == lang);
        }
        if (since is { } from)
        {
            // Added or changed since: an item's last change is its first sight until it changes.
            items = items.Where(r => r.FirstSeen != default && r.LastChanged >= from);
        }
        if (q is not null)
        {
            var compare = CultureInfo.InvariantCulture.CompareInfo;
            const CompareOptions fold = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
            var term = q.Trim();
            items = items.Where(r => compare.IndexOf(r.Title, term, fold) >= 0 || (r.Summary is not null && compare.IndexOf(r.Summary, term, fold) >= 0));
        }
        return items.ToList();
    }

    public async Task<ApiAnswer> EmbedAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (Scope(request.Objective) is not { } scope)
        {
            return UnknownObjective(request.Objective);
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckParameters(request, EmbedParameters, errors);
        var lang = Single(request, "lang", errors);
        if (lang is not null && !UnLanguages.Contains(lang))
        {
            errors["lang"] = [$"lang is one of {string.Join(", ", UnLanguages.Codes)}."];
        }
        var limit = Number(request, "limit", 1, MaxLimit, errors);
        var heading = Number(request, "heading", 1, 6, errors);
        var types = Single(request, "types", errors)?.Split(',', StringSplitOptions.TrimEntries);
        var known = ResourceTypes.ByLabel.Values.Distinct().ToList();
        if (types is not null && types.Any(t => !known.Contains(t, StringComparer.Ordinal)))
        {
            errors["types"] = [$"types takes a comma-separated list of {string.Join(", ", known)}."];
        }
        var theme = Single(request, "theme", errors);
        if (theme is not null && !Themes.Contains(theme, StringComparer.Ordinal))
        {
            errors["theme"] = ["theme is light, dark or auto."];
        }
        var loading = Single(request, "loading", errors);
        if (loading is not null && loading != "lazy")
        {
            errors["loading"] = ["loading is lazy (or absent: load at once)."];
        }
        var version = Single(request, "version", errors) ?? "pinned";
        if (version is not ("pinned" or "stable"))
        {
            errors["version"] = ["version is pinned (immutable URL with SRI) or stable (the v1 URL, short cache)."];
        }
        var form = EmbedRenderer.ParseForm(Single(request, "form", errors));
        if (form is null)
        {
            errors["form"] = [$"form is one of {string.Join(", ", EmbedRenderer.FormNames)}."];
        }
        if (errors.Count > 0)
        {
            return new ApiAnswer.Problem(400, "Invalid query parameters", string.Join(" ", errors.Values.SelectMany(v => v)), errors);
        }
        // A snippet never names a script that is not there: the deploy publishes the widget, the app does not.
        if (!_widgetDeployed && await publish.DeployedWidgetAsync(cancellationToken) is null)
        {
            return new ApiAnswer.Problem(503, "The widget is not deployed yet",
                "The widget script this instance would pin is not published yet; the deploy publishes it (`hubfeed publish-widget`).", RetryAfterSeconds: 300);
        }
        _widgetDeployed = true;
        var layout = publish.Layout;
        var script = version == "pinned" ? widget.Pinned(layout) : WidgetFiles.Stable(layout);
        var snippet = EmbedRenderer.Render(form!.Value, new EmbedOptions(IndexRenderer.EmbedValue(scope), lang, limit, types, theme, heading, loading == "lazy"), scope, layout, script);
        return new ApiAnswer.Content(Encoding.UTF8.GetBytes(snippet), form == EmbedForm.Url ? MediaTypes.Text : MediaTypes.Html, "public, max-age=300");
    }

    /// <summary>An enabled objective by number, or "all" (the combined feed).</summary>
    private FeedScope? Scope(string value)
    {
        if (value == "all")
        {
            return FeedScope.All(sources.Enabled, sources.Enabled.Count > 0 ? sources.Enabled[0].CanonicalBase : new Uri("https://migrationnetwork.un.org/"));
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && sources.Enabled.FirstOrDefault(s => s.Objective == n) is { } s
            ? FeedScope.For(s) : null;
    }

    private ApiAnswer.Problem UnknownObjective(string value) => new(404, "Unknown objective",
        $"Objective '{Truncate(value)}' is not published here; this instance publishes objective(s) {string.Join(", ", sources.Enabled.Select(x => x.Objective))} and 'all'.");

    private static ApiAnswer.Problem NotPublished(FeedScope scope) => new(503, "Not published yet",
        $"Nothing is published for {scope.Key} yet; the first successful run publishes it.", RetryAfterSeconds: 300);

    private static void CheckParameters(ApiRequest request, HashSet<string> known, Dictionary<string, string[]> errors)
    {
        foreach (var key in request.Query.Keys.Where(k => !known.Contains(k)))
        {
            errors[Truncate(key)] = [$"Unknown parameter '{Truncate(key)}'; known: {string.Join(", ", known)}."];
        }
    }

    private static string? Single(ApiRequest request, string name, Dictionary<string, string[]> errors)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count != 1)
        {
            errors[name] = [$"{name} is given {values.Count} times; give it once."];
            return null;
        }
        return values[0];
    }

    /// <summary>
    /// since=: an ISO 8601 date (midnight UTC) or date-time with Z or an offset. The feeds give times to the second, so it
    /// is taken down to its second: an item changed in that second is included.
    /// </summary>
    private static DateTimeOffset? Since(ApiRequest request, Dictionary<string, string[]> errors)
    {
        var text = Single(request, "since", errors);
        if (text is null)
        {
            return null;
        }
        if (IsoDateTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
        errors["since"] = ["since is an ISO 8601 date (2026-01-29) or date-time with Z or an offset (2026-01-29T08:00:00Z)."];
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?\z")]
    private static partial System.Text.RegularExpressions.Regex IsoDateTime();

    private static int? Number(ApiRequest request, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        var text = Single(request, name, errors);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        errors[name] = [$"{name} is a whole number from {min} to {max}."];
        return null;
    }

    private static string EncodeCursor(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeCursor(string cursor, out int offset)
    {
        offset = 0;
        if (cursor.Length is 0 or > 32)
        {
            return false;
        }
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("o:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset < 1_000_000;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Uri WithCursor(ApiRequest request, string cursor)
    {
        var query = request.Query.Where(kv => kv.Key != "cursor").SelectMany(kv => kv.Value.Select(v => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(v)))
            .Append("cursor=" + cursor);
        return new Uri(request.Url.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', query));
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
