using System.Text.Json;
using HubFeed.Catalog;
using HubFeed.Hosting;
using HubFeed.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HubFeed.Functions;

/// <summary>Ingest then publish: on the schedule, or now on request. Both call the same runner.</summary>
public sealed class RunFunctions(HubFeedRunner runner, ILogger<RunFunctions> logger)
{
    /// <summary>No RunOnStartup: it would fire on every host start and scale-out.</summary>
    [Function("RunOnSchedule")]
    public async Task RunOnSchedule([TimerTrigger("%HubFeedSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogInformation("The schedule is past due; running now");
        }
        var report = await runner.RunAsync(RunTrigger.Timer, cancellationToken);
        logger.LogInformation("Scheduled run ended: {Summary}", JsonSerializer.Serialize(report, HubFeedJson.Options));
    }

    /// <summary>POST /api/run: 200 when every source succeeded, 409 when a run is already under way, 502 otherwise.</summary>
    [Function("RunNow")]
    public async Task<IActionResult> RunNow(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "run")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await runner.RunAsync(RunTrigger.Http, cancellationToken);
        var status = report.Succeeded ? StatusCodes.Status200OK
            : report.InProgressElsewhere ? StatusCodes.Status409Conflict
            : StatusCodes.Status502BadGateway;
        return new JsonResult(report, HubFeedJson.Options) { StatusCode = status };
    }
}
