using HubFeed.Hosting;
using HubFeed.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HubFeed.Functions;

/// <summary>GET /api/health: the last runs; 503 when no run succeeded within HubFeed:Health:MaxRunAgeHours.</summary>
public sealed class HealthFunction(HealthService health)
{
    [Function("Health")]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await health.GetAsync(recent: 5, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new JsonResult(report, HubFeedJson.Options)
        {
            StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }
}
