using HubFeed.Functions.Http;
using HubFeed.Hosting;
using HubFeed.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Functions;

/// <summary>
/// GET /api/health (anonymous): the last runs in HubFeed's own words (no internal error text), held runs, rows set
/// aside, poisoned run requests; 503 when unhealthy.
/// </summary>
public sealed class HealthFunction(HealthService health)
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
        var report = await health.GetAsync(recent: 5, detail: false, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new JsonResult(report, HubFeedJson.Options)
        {
            StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }
}
