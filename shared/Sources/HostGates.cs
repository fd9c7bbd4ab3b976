using Microsoft.Extensions.Options;

namespace HubFeed.Sources;

/// <summary>One gate per host for the whole process (handlers are recycled by the HTTP client factory; the gates are not).</summary>
public sealed class HostGates(IOptions<SourceOptions> options)
{
    private readonly Dictionary<string, HostGate> _gates = new(StringComparer.OrdinalIgnoreCase);

    public HostGate For(string host)
    {
        lock (_gates)
        {
            if (!_gates.TryGetValue(host, out var gate))
            {
                gate = new HostGate(options.Value.MaxRequestsPerHost);
                _gates[host] = gate;
            }
            return gate;
        }
    }

    public sealed class HostGate(int slots)
    {
        private readonly SemaphoreSlim _turn = new(1, 1);
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public SemaphoreSlim Slots { get; } = new(slots, slots);

        public async Task WaitTurnAsync(TimeSpan spacing, TimeProvider clock, CancellationToken cancellationToken)
        {
            await _turn.WaitAsync(cancellationToken);
            try
            {
                var wait = _next - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }
                _next = clock.GetUtcNow() + spacing;
            }
            finally
            {
                _turn.Release();
            }
        }
    }
}
