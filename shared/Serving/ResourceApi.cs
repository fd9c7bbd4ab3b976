using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HubFeed.Catalog;
using HubFeed.Pipeline;
using HubFeed.Publishing;
using HubFeed.Rendering;
using HubFeed.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HubFeed.Serving;

/// <summary>
/// The read-only HTTP API over the catalog: filtered, paged JSON Feed pages and the embed snippet.
/// Bad input always gets a 4xx application/problem+json (RFC 9457) naming the parameter, never a 5xx.
/// </summary>
public sealed class ResourceApi(SourceRegistry sources, ResourceCatalog catalog, PublishJob publish, WidgetFiles widget)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private static readonly string[] Languages = ["ar", "zh", "en", "fr", "ru", "es"];
    private static readonly string[] Themes = ["light", "dark", "auto"];
    private static readonly HashSet<string> ResourceParameters = new(StringComparer.Ordinal) { "type", "q", "lang", "limit", "cursor" };
    private static readonly HashSet<string> EmbedParameters = new(StringComparer.Ordinal) { "lang", "limit", "types", "theme", "heading", "version" };

    public async Task<IActionResult> ResourcesAsync(string objective, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!TryObjective(objective, request, out var source, out var notFound))
        {
            return notFound;
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckParameters(request, ResourceParameters, errors);
        var types = Single(request, "type", errors)?.Split(',', StringSplitOptions.TrimEntries) ?? [];
        if (types.Any(t => !ResourceTypes.ByLabel.Values.Contains(t, StringComparer.Ordinal)))
        {
            errors["type"] = [$"type takes a comma-separated list of {string.Join(", ", ResourceTypes.ByLabel.Values.Distinct())}."];
        }
        var q = Single(request, "q", errors);
        if (q is not null && (q.Length > 200 || q.Any(char.IsControl) || q.Trim().Length == 0))
        {
            errors["q"] = ["q is 1 to 200 printable characters."];
        }
        var lang = Single(request, "lang", errors);
        if (lang is not null && !Languages.Contains(lang, StringComparer.Ordinal))
        {
            errors["lang"] = ["lang is one of ar, zh, en, fr, ru, es."];
        }
        var limit = Number(request, "limit", 1, MaxLimit, errors) ?? DefaultLimit;
        var offset = 0;
        var cursor = Single(request, "cursor", errors);
        if (cursor is not null && !TryDecodeCursor(cursor, out offset))
        {
            errors["cursor"] = ["cursor is not one this API gave out; start again without it."];
        }
        if (errors.Count > 0)
        {
            return Problem(request, 400, "Invalid query parameters", string.Join(" ", errors.Values.SelectMany(v => v)), errors);
        }

        var model = FeedModel.From(source, await catalog.LoadAsync(source.Key, source.Objective, cancellationToken));
        IEnumerable<Resource> matches = model.Items;
        if (types.Length > 0)
        {
            matches = matches.Where(r => types.Contains(r.Type, StringComparer.Ordinal));
        }
        if (lang is not null)
        {
            matches = matches.Where(r => r.Language == lang);
        }
        if (q is not null)
        {
            var compare = CultureInfo.InvariantCulture.CompareInfo;
            const CompareOptions fold = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
            matches = matches.Where(r => compare.IndexOf(r.Title, q.Trim(), fold) >= 0 || (r.Summary is not null && compare.IndexOf(r.Summary, q.Trim(), fold) >= 0));
        }
        var all = matches.ToList();
        var page = all.Skip(offset).Take(limit).ToList();
        var self = new Uri(request.Scheme + "://" + request.Host + request.Path + request.QueryString);
        Uri? next = offset + limit < all.Count ? WithCursor(request, EncodeCursor(offset + limit)) : null;
        var body = JsonFeedRenderer.RenderPage(model with { Items = all }, page, self, next, publish.Links);

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..20] + "\"";
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "public, max-age=60";
        headers.Vary = "Accept-Encoding";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && (v == "*" || v.Split(',').Select(s => s.Trim()).Contains(etag))))
        {
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }
        return new FileContentResult(body, JsonFeedRenderer.MediaType);
    }

    public Task<IActionResult> EmbedAsync(string objective, HttpRequest request, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (!TryObjective(objective, request, out var source, out var notFound))
        {
            return Task.FromResult(notFound);
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckParameters(request, EmbedParameters, errors);
        var lang = Single(request, "lang", errors);
        if (lang is not null && !Languages.Contains(lang, StringComparer.Ordinal))
        {
            errors["lang"] = ["lang is one of ar, zh, en, fr, ru, es."];
        }
        var limit = Number(request, "limit", 1, MaxLimit, errors);
        var heading = Number(request, "heading", 1, 6, errors);
        var types = Single(request, "types", errors)?.Split(',', StringSplitOptions.TrimEntries);
        if (types is not null && types.Any(t => !ResourceTypes.ByLabel.Values.Contains(t, StringComparer.Ordinal)))
        {
            errors["types"] = [$"types takes a comma-separated list of {string.Join(", ", ResourceTypes.ByLabel.Values.Distinct())}."];
        }
        var theme = Single(request, "theme", errors);
        if (theme is not null && !Themes.Contains(theme, StringComparer.Ordinal))
        {
            errors["theme"] = ["theme is light, dark or auto."];
        }
        var version = Single(request, "version", errors) ?? "pinned";
        if (version is not ("pinned" or "stable"))
        {
            errors["version"] = ["version is pinned (immutable URL with SRI) or stable (the v1 URL, short cache)."];
        }
        if (errors.Count > 0)
        {
            return Task.FromResult<IActionResult>(Problem(request, 400, "Invalid query parameters", string.Join(" ", errors.Values.SelectMany(v => v)), errors));
        }

        var links = publish.Links;
        var (scriptUrl, integrity) = version == "pinned" ? widget.Pinned(links) : (links.WidgetStable, null);
        var snippet = EmbedRenderer.Snippet(new EmbedOptions(source.Objective, lang, limit, types, theme, heading), source.HomePage, scriptUrl, integrity);
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return Task.FromResult<IActionResult>(new ContentResult { Content = snippet, ContentType = "text/html; charset=utf-8", StatusCode = 200 });
    }

    private bool TryObjective(string value, HttpRequest request, out SourceDefinition source, out IActionResult notFound)
    {
        notFound = null!;
        source = null!;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && sources.Enabled.FirstOrDefault(s => s.Objective == n) is { } s)
        {
            source = s;
            return true;
        }
        notFound = Problem(request, 404, "Unknown objective",
            $"Objective '{Truncate(value)}' is not published here; this instance publishes objective(s) {string.Join(", ", sources.Enabled.Select(x => x.Objective))}.", null);
        return false;
    }

    private static void CheckParameters(HttpRequest request, HashSet<string> known, Dictionary<string, string[]> errors)
    {
        foreach (var key in request.Query.Keys.Where(k => !known.Contains(k)))
        {
            errors[Truncate(key)] = [$"Unknown parameter '{Truncate(key)}'; known: {string.Join(", ", known)}."];
        }
    }

    private static string? Single(HttpRequest request, string name, Dictionary<string, string[]> errors)
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

    private static int? Number(HttpRequest request, string name, int min, int max, Dictionary<string, string[]> errors)
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

    private static Uri WithCursor(HttpRequest request, string cursor)
    {
        var query = request.Query.Where(kv => kv.Key != "cursor").SelectMany(kv => kv.Value.Select(v => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(v ?? "")))
            .Append("cursor=" + cursor);
        return new Uri(request.Scheme + "://" + request.Host + request.Path + "?" + string.Join('&', query));
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static ObjectResult Problem(HttpRequest request, int status, string title, string detail, Dictionary<string, string[]>? errors)
    {
        var problem = new ProblemDetails
        {
            Type = status == 404 ? "https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found" : "https://www.rfc-editor.org/rfc/rfc9110#name-400-bad-request",
            Title = title,
            Status = status,
            Detail = detail,
            Instance = request.Path,
        };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
