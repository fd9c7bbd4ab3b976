using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HubFeed.Functions.Http;

/// <summary>
/// The headers every API answer carries: X-Content-Type-Options: nosniff always; on the public reads (anonymous GET
/// routes) CORS for any origin without credentials, and their preflights (OPTIONS) answered. Which routes are public
/// reads is read from the functions' trigger attributes, so the worker (<see cref="ApiHeadersMiddleware"/>) and
/// `hubfeed serve` agree with what is deployed.
/// </summary>
public static class ApiHeaders
{
    /// <summary>The headers a page on another origin may read (conditional requests, the feed version, back-off).</summary>
    public const string Exposed = "ETag, X-HubFeed-Version, Retry-After, Location";

    /// <summary>The request headers a preflight allows: conditional GETs (If-None-Match) and content negotiation.</summary>
    public const string AllowedHeaders = "If-None-Match, Accept, Accept-Language";

    /// <summary>The functions any origin may read: anonymous HTTP triggers that answer GET.</summary>
    public static readonly IReadOnlySet<string> PublicReads = typeof(ApiHeaders).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(),
            Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
        .Where(x => x.Function is not null && x.Trigger is { AuthLevel: AuthorizationLevel.Anonymous }
            && (x.Trigger.Methods ?? []).Contains("get", StringComparer.OrdinalIgnoreCase))
        .Select(x => x.Function!.Name)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Sets the headers of an answer of <paramref name="function"/> (before the function writes it).</summary>
    public static void Apply(HttpResponse response, string function)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (PublicReads.Contains(function))
        {
            // Any origin, never credentials: these answers are public and the same for everyone.
            response.Headers.AccessControlAllowOrigin = "*";
            response.Headers.AccessControlExposeHeaders = Exposed;
        }
    }

    public static bool IsPreflight(HttpRequest request) => HttpMethods.IsOptions(request.Method);

    /// <summary>A CORS preflight's answer: 204, GET allowed from any origin, cached for a day.</summary>
    public static IActionResult Preflight(HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "GET, OPTIONS";
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = "86400";
        headers.CacheControl = "public, max-age=86400";
        return new NoContentResult();
    }
}

/// <summary>Applies <see cref="ApiHeaders"/> to every HTTP function's answer in the worker.</summary>
public sealed class ApiHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            ApiHeaders.Apply(http.Response, context.FunctionDefinition.Name);
        }
        return next(context);
    }
}
