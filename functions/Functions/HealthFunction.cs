using HubFeed.Functions.Http;
using HubFeed.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Functions;

/// <summary>
/// GET /api/health (anonymous): the headline (healthy, held, failing, unhealthy), the last runs in HubFeed's own words
/// (no internal error text), held runs, rows set aside, poisoned run requests; 503 when unhealthy, and within a few
/// seconds when storage is away. Shared for a few seconds between callers (<see cref="HealthCache"/>).
/// </summary>
public sealed class HealthFunction(HealthCache health)
{
    [Function("Health")]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (ApiHeaders.IsPreflight(request))
        {
            return ApiHeaders.Preflight(request);
        }
        if (await health.GetAsync().WaitAsync(cancellationToken) is not { } report)
        {
            return Http.ApiHttp.Problem(request, new Serving.ApiAnswer.Problem(503, "Storage unavailable",
                "HubFeed's storage did not answer in time, so health cannot be read; try again shortly.", RetryAfterSeconds: 5));
        }
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new JsonResult(report, HubFeedJson.Options)
        {
            StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }
}
