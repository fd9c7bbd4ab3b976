using HubFeed.Pipeline;
using HubFeed.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HubFeed.Functions.Http;

/// <summary>The HTTP edge of the API: a request in, the pure <see cref="ApiRequest"/> out; an <see cref="ApiAnswer"/> in, a result out.</summary>
public static class ApiHttp
{
    /// <summary>The request as the API sees it; null when its Host header cannot form a URL (the caller answers 400).</summary>
    public static ApiRequest? ToApi(HttpRequest request, string objective)
    {
        if (!request.Host.HasValue || !Uri.TryCreate($"{request.Scheme}://{request.Host.Value}{request.PathBase}{request.Path}{request.QueryString}", UriKind.Absolute, out var url))
        {
            return null;
        }
        var query = request.Query.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Select(v => v ?? "").ToList(), StringComparer.Ordinal);
        var ifNoneMatch = request.Headers.IfNoneMatch.Select(v => v ?? "").ToList();
        return new ApiRequest(objective, query, url, ifNoneMatch);
    }

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

    public static readonly ApiAnswer.Problem BadHost = new(400, "Bad request", "The Host header does not form a URL.");

    /// <summary>
    /// What a failure of our own storage becomes: a 503 problem that says so, without the storage error's text
    /// (it names accounts and requests). Null for anything else (the host's 500 stands).
    /// </summary>
    public static ApiAnswer.Problem? ProblemFor(Exception e) => HubFeedRunner.IsStorageFault(e) || e.InnerException is { } inner && HubFeedRunner.IsStorageFault(inner)
        ? new ApiAnswer.Problem(503, "Storage unavailable", "HubFeed's storage could not be reached; try again shortly.", RetryAfterSeconds: 30)
        : null;
}
