namespace HubFeed.Pipeline.InMemory;

/// <summary>
/// The run queue in memory, with the queue service's rules: a message sent with a delay or received under a lease is
/// hidden until its time on <see cref="TimeProvider"/> comes, each receive counts an attempt and gives a new receipt,
/// and a receipt goes stale once the message is taken again, updated or deleted. Oldest first, as Azure Queues
/// mostly are.
/// </summary>
public sealed class InMemoryRunMessages(TimeProvider clock) : IRunMessages
{
    private sealed class Stored(string id, string body, DateTimeOffset visibleAt)
    {
        public string Id { get; } = id;
        public string Body { get; } = body;
        public DateTimeOffset VisibleAt { get; set; } = visibleAt;
        public long DequeueCount { get; set; }
        public string? Receipt { get; set; }
    }

    /// <summary>The service's limit on one receive or peek.</summary>
    private const int MaxBatch = 32;

    private readonly Lock _gate = new();
    private readonly List<Stored> _queue = [];
    private readonly List<string> _poison = [];

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    public Task SendAsync(string body, TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _queue.Add(new Stored(Guid.NewGuid().ToString(), body, clock.GetUtcNow() + delay));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunMessage>> ReceiveAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var taken = new List<RunMessage>();
            foreach (var message in Visible(now).Take(Math.Clamp(max, 1, MaxBatch)).ToList())
            {
                message.DequeueCount++;
                message.VisibleAt = now + lease;
                message.Receipt = Guid.NewGuid().ToString("N");
                taken.Add(new RunMessage(message.Id, message.Receipt, message.Body, message.DequeueCount));
            }
            return Task.FromResult<IReadOnlyList<RunMessage>>(taken);
        }
    }

    public Task<bool> DeleteAsync(RunMessage message, CancellationToken cancellationToken) =>
        WithLease(message, stored => _queue.Remove(stored), cancellationToken);

    public Task<bool> RetryLaterAsync(RunMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        WithLease(message, stored =>
        {
            stored.VisibleAt = clock.GetUtcNow() + delay;
            stored.Receipt = Guid.NewGuid().ToString("N");
        }, cancellationToken);

    public Task<bool> PoisonAsync(RunMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _poison.Add(message.Body);
        }
        return DeleteAsync(message, cancellationToken);
    }

    public Task<int> WaitingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_queue.Count);
        }
    }

    public Task<IReadOnlyList<string>> PeekAsync(int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(Visible(clock.GetUtcNow()).Take(Math.Clamp(max, 1, MaxBatch)).Select(m => m.Body).ToList());
        }
    }

    public Task<PoisonedRuns> PoisonedAsync(int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(new PoisonedRuns(_poison.Count, _poison.Take(max).ToList()));
        }
    }

    private IEnumerable<Stored> Visible(DateTimeOffset now) => _queue.Where(m => m.VisibleAt <= now);

    /// <summary>Applies <paramref name="change"/> when the message is there and the receipt still names its lease.</summary>
    private Task<bool> WithLease(RunMessage message, Action<Stored> change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var stored = _queue.Find(m => m.Id == message.Id);
            if (stored is null || stored.Receipt != message.Receipt)
            {
                return Task.FromResult(false);
            }
            change(stored);
            return Task.FromResult(true);
        }
    }
}
