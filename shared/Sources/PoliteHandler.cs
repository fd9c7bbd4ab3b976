using Microsoft.Extensions.Options;

namespace HubFeed.Sources;

/// <summary>At most N requests in flight per host, and a pause between request starts: the Hub is someone else's site.</summary>
public sealed class PoliteHandler(HostGates gates, IOptions<SourceOptions> options, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var gate = gates.For(request.RequestUri!.Authority);
        await gate.Slots.WaitAsync(cancellationToken);
        try
        {
            await gate.WaitTurnAsync(options.Value.DelayBetweenRequests, clock, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            gate.Slots.Release();
        }
    }
}
