using System.Globalization;
using HubFeed.Catalog;
using HubFeed.Functions.Http;
using HubFeed.Pipeline;
using HubFeed.Publishing;
using HubFeed.Serving;
using HubFeed.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HubFeed.Functions;

/// <summary>
/// Runs fan out on the run queue: the timer and the run API enqueue one message per objective; the queue trigger
/// ingests and publishes that one objective (each within the host's time limits, whatever the number of objectives).
/// </summary>
public sealed class RunFunctions(SourceRegistry sources, RunQueue queue, IRunLog runs, SourceStateStore states, HubFeedRunner runner,
    Microsoft.Extensions.Options.IOptions<PublishOptions> publish, Microsoft.Extensions.Options.IOptions<ApiOptions> api, ILogger<RunFunctions> logger)
{
    /// <summary>No RunOnStartup: it would fire on every host start and scale-out.</summary>
    [Function("RunOnSchedule")]
    public async Task RunOnSchedule([TimerTrigger("%HubFeedSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
        {
            logger.LogInformation("The schedule is past due; running now");
        }
        foreach (var source in sources.Enabled)
        {
            var run = await queue.EnqueueAsync(source, RunTrigger.Timer, cancellationToken);
            logger.LogInformation("Enqueued run {RunId} of {Source}", run.Id, source.Key);
        }
    }

    /// <summary>
    /// One objective's run, or the index once publishes have settled. Throws (so the host tries again, and after 5
    /// attempts moves the message to the poison queue) only when trying again can help: the Hub or storage was away, or
    /// the feeds or the index could not be published.
    /// </summary>
    [Function("RunObjective")]
    public async Task RunObjective([QueueTrigger(RunQueue.Name, Connection = "HubFeedStorage")] string message, CancellationToken cancellationToken)
    {
        var request = RunRequest.FromJson(message) ?? throw new InvalidOperationException("Not a run request: " + (message.Length > 100 ? message[..100] : message));
        if (request.Index)
        {
            if (!await queue.IsLatestAsync(request, cancellationToken))
            {
                return; // a later request is waiting: it publishes the index once the fan-out has settled
            }
            if (await runner.PublishIndexAsync(cancellationToken) is { } indexError)
            {
                throw new InvalidOperationException(indexError);
            }
            return;
        }
        if (!sources.TryGet(request.Objective, out var source))
        {
            throw new InvalidOperationException($"Objective {request.Objective} is not defined.");
        }
        var result = await runner.RunSourceAsync(source, RunTrigger.Queue, request.RunId, cancellationToken);
        if (result.Published)
        {
            // Not now: the fan-out's other objectives are publishing too; one rebuild a little later covers them all.
            await queue.EnqueueIndexAsync(publish.Value.IndexDelay, cancellationToken);
        }
        if (result.Outcome.IsRetryable)
        {
            throw new InvalidOperationException($"Run {result.Run.Id} of {source.Key} {result.Run.Status}: {result.Run.Error}");
        }
    }

    /// <summary>POST /api/objectives/{objective}/run: enqueues one objective's run; 202 with the run's URL.</summary>
    [Function("RunObjectiveNow")]
    public Task<IActionResult> RunObjectiveNow(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "objectives/{objective}/run")] HttpRequest request,
        string objective,
        CancellationToken cancellationToken) =>
        ForEnabledAsync(request, objective, async source => Accepted(request, [await queue.EnqueueAsync(source, RunTrigger.Http, cancellationToken)]));

    /// <summary>POST /api/run: enqueues every enabled objective; 202 with the runs' URLs.</summary>
    [Function("RunNow")]
    public async Task<IActionResult> RunNow(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "run")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var queued = new List<RunRecord>();
        foreach (var source in sources.Enabled)
        {
            queued.Add(await queue.EnqueueAsync(source, RunTrigger.Http, cancellationToken));
        }
        return Accepted(request, queued);
    }

    /// <summary>GET /api/runs/{id}: one run as recorded (queued, running, its outcome).</summary>
    [Function("GetRun")]
    public async Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return await runs.FindAsync(id, cancellationToken) is { } run
            ? new JsonResult(RunSummary.Of(run, detail: true), HubFeedJson.Options)
            : ApiHttp.Problem(request, new ApiAnswer.Problem(404, "Unknown run", "No run has this id."));
    }

    /// <summary>
    /// POST /api/objectives/{objective}/accept: an operator accepts the change a guard held (a count that rose or fell
    /// sharply, a field gone missing); the answer shows what it would publish, and the next run applies exactly that
    /// change (the same listing), once. With nothing held: 409, and nothing changes.
    /// </summary>
    [Function("Accept")]
    public Task<IActionResult> Accept(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "objectives/{objective}/accept")] HttpRequest request,
        string objective,
        CancellationToken cancellationToken) =>
        ForEnabledAsync(request, objective, source => AcceptAsync(request, source, cancellationToken));

    private async Task<IActionResult> AcceptAsync(HttpRequest request, SourceDefinition source, CancellationToken cancellationToken)
    {
        if (await states.AcceptAsync(source.Key, "api", cancellationToken) is not { } accepted)
        {
            return ApiHttp.Problem(request, NothingHeld(source));
        }
        logger.LogWarning("An operator accepted the held change of {Source} (held run {RunId}); the next run applies it if it reads the same listing", source.Key, accepted.HeldRunId);
        return new JsonResult(accepted, HubFeedJson.Options) { StatusCode = StatusCodes.Status200OK };
    }

    /// <summary>An accept with nothing held is not a blank cheque for the next run: it is refused.</summary>
    public static ApiAnswer.Problem NothingHeld(SourceDefinition source) => new(409, "Nothing held",
        $"No change of {source.Key} is held, so there is nothing to accept; nothing was changed. The guards check the next run as usual.");

    /// <summary>An action on one enabled objective; 404 for any other value.</summary>
    private async Task<IActionResult> ForEnabledAsync(HttpRequest request, string objective, Func<SourceDefinition, Task<IActionResult>> action) =>
        Enabled(objective) is { } source ? await action(source) : ApiHttp.Problem(request, NotEnabled(objective));

    private SourceDefinition? Enabled(string objective) =>
        int.TryParse(objective, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? sources.Enabled.FirstOrDefault(s => s.Objective == n) : null;

    private ApiAnswer.Problem NotEnabled(string objective) => new(404, "Unknown objective",
        $"Objective '{(objective.Length > 40 ? objective[..40] : objective)}' is not enabled here; enabled: {string.Join(", ", sources.Enabled.Select(s => s.Objective))}.");

    /// <summary>202 with each run's URL on the configured public root (never the Host header).</summary>
    private JsonResult Accepted(HttpRequest request, IReadOnlyList<RunRecord> runs)
    {
        var body = runs.Select(r => new { id = r.Id, source = r.Source, status = r.Status, url = ApiHttp.PublicUrl(api.Value.Root(), "/api/runs/" + Uri.EscapeDataString(r.Id))!.AbsoluteUri }).ToList();
        if (body.Count == 1)
        {
            request.HttpContext.Response.Headers.Location = body[0].url;
        }
        return new JsonResult(new { runs = body }, HubFeedJson.Options) { StatusCode = StatusCodes.Status202Accepted };
    }
}
