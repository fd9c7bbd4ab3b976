using HubFeed.Pipeline;
using HubFeed.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HubFeed.Functions.Http;

/// <summary>The HTTP edge of the API: a request in, the pure <see cref="ApiRequest"/> out; an <see cref="ApiAnswer"/> in, a result out.</summary>
public static class ApiHttp
{
    /// <summary>
    /// The request as the API sees it, its URL on the configured public root (<paramref name="publicBase"/>), never on
    /// the Host header; null when the path cannot form a URL (the caller answers 400).
    /// </summary>
    public static ApiRequest? ToApi(HttpRequest request, string objective, Uri publicBase)
    {
        if (PublicUrl(publicBase, $"{request.Path}{request.QueryString}") is not { } url)
        {
            return null;
        }
        var query = request.Query.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Select(v => v ?? "").ToList(), StringComparer.Ordinal);
        var ifNoneMatch = request.Headers.IfNoneMatch.Select(v => v ?? "").ToList();
        return new ApiRequest(objective, query, url, ifNoneMatch);
    }

    /// <summary>
    /// One anonymous read: its CORS preflight, or the request on the public root answered by <paramref name="answer"/>
    /// (400 when the path cannot form a URL).
    /// </summary>
    public static async Task<IActionResult> AnswerAsync(HttpRequest request, string objective, Uri publicBase,
        Func<ApiRequest, CancellationToken, Task<ApiAnswer>> answer, CancellationToken cancellationToken) =>
        ApiHeaders.IsPreflight(request) ? ApiHeaders.Preflight(request)
        : ToApi(request, objective, publicBase) is { } query
            ? ToResult(await answer(query, cancellationToken), request)
            : Problem(request, BadUrl);

    /// <summary>A path (and query) of this API on its public root.</summary>
    public static Uri? PublicUrl(Uri publicBase, string pathAndQuery) =>
        Uri.TryCreate(publicBase.GetLeftPart(UriPartial.Path).TrimEnd('/') + pathAndQuery, UriKind.Absolute, out var url) ? url : null;

    public static IActionResult ToResult(ApiAnswer answer, HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        switch (answer)
        {
            case ApiAnswer.Content c:
                headers.CacheControl = c.CacheControl;
                headers.Vary = "Accept-Encoding";
                if (c.ETag is not null)
                {
                    headers.ETag = c.ETag;
                }
                if (c.Version is not null)
                {
                    headers[ResourceApi.VersionHeader] = c.Version;
                }
                return new FileContentResult(c.Body, c.MediaType);
            case ApiAnswer.NotModified n:
                headers.ETag = n.ETag;
                if (n.Version is not null)
                {
                    headers[ResourceApi.VersionHeader] = n.Version;
                }
                return new StatusCodeResult(StatusCodes.Status304NotModified);
            case ApiAnswer.Problem p:
                return Problem(request, p);
            default:
                throw new InvalidOperationException($"Unknown answer {answer.GetType().Name}.");
        }
    }

    /// <summary>An RFC 9457 problem (application/problem+json), never cached.</summary>
    public static ObjectResult Problem(HttpRequest request, ApiAnswer.Problem p)
    {
        var problem = new ProblemDetails
        {
            Type = p.Status switch
            {
                404 => "https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found",
                400 => "https://www.rfc-editor.org/rfc/rfc9110#name-400-bad-request",
                409 => "https://www.rfc-editor.org/rfc/rfc9110#name-409-conflict",
                503 => "https://www.rfc-editor.org/rfc/rfc9110#name-503-service-unavailable",
                _ => "about:blank",
            },
            Title = p.Title,
            Status = p.Status,
            Detail = p.Detail,
            Instance = request.Path,
        };
        if (p.Errors is not null)
        {
            problem.Extensions["errors"] = p.Errors;
        }
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (p.RetryAfterSeconds is { } after)
        {
            request.HttpContext.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new ObjectResult(problem) { StatusCode = p.Status, ContentTypes = { "application/problem+json" } };
    }

    public static readonly ApiAnswer.Problem BadUrl = new(400, "Bad request", "The request's path does not form a URL.");

    /// <summary>
    /// What a failure of our own storage becomes: a 503 problem that says so, without the storage error's text
    /// (it names accounts and requests). Null for anything else (the host's 500 stands).
    /// </summary>
    public static ApiAnswer.Problem? ProblemFor(Exception e) => HubFeedRunner.IsStorageFault(e) || e.InnerException is { } inner && HubFeedRunner.IsStorageFault(inner)
        ? new ApiAnswer.Problem(503, "Storage unavailable", "HubFeed's storage could not be reached; try again shortly.", RetryAfterSeconds: 30)
        : null;
}
