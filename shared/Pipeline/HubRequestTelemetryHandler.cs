using System.Diagnostics;

namespace HubFeed.Pipeline;

/// <summary>
/// Times every request to the Hub (each attempt: it sits inside the resilience pipeline) and records its status code,
/// or the error that ended it, on <see cref="RunTelemetry.Metrics.HubRequestDuration"/>.
/// </summary>
public sealed class HubRequestTelemetryHandler(RunTelemetry telemetry) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            telemetry.RecordHubRequest(Stopwatch.GetElapsedTime(started), (int)response.StatusCode, null);
            return response;
        }
        catch (Exception e)
        {
            telemetry.RecordHubRequest(Stopwatch.GetElapsedTime(started), null, e is OperationCanceledException ? "timeout-or-cancelled" : e.GetType().Name);
            throw;
        }
    }
}
