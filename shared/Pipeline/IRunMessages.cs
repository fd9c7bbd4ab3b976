namespace HubFeed.Pipeline;

/// <summary>
/// The run queue's messages as the Functions host's queue trigger uses them (adapters: Azure Queues in
/// <c>Pipeline/Azure</c>, in memory in <c>Pipeline/InMemory</c>; one contract suite holds both to the same rules).
/// A received message is leased: hidden from other receivers until the lease ends, and its receipt names that lease;
/// a delete, retry or poison with a receipt gone stale (the message was taken again, updated or deleted) does nothing
/// to the message and answers false.
/// </summary>
public interface IRunMessages
{
    /// <summary>Creates the queue and its poison queue where the app may (locally; in Azure, Bicep creates them).</summary>
    Task EnsureAsync(CancellationToken cancellationToken);

    /// <summary>Adds a message that becomes visible after <paramref name="delay"/> (zero: at once).</summary>
    Task SendAsync(string body, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Takes up to <paramref name="max"/> visible messages (at most 32), each hidden for <paramref name="lease"/>; counts the attempt.</summary>
    Task<IReadOnlyList<RunMessage>> ReceiveAsync(int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Removes a received message; false when its receipt is stale.</summary>
    Task<bool> DeleteAsync(RunMessage message, CancellationToken cancellationToken);

    /// <summary>Makes a received message visible again after <paramref name="delay"/> (its receipt goes stale); false when its receipt is stale.</summary>
    Task<bool> RetryLaterAsync(RunMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Copies a received message's body to the poison queue, then deletes it; false when its receipt is stale (the copy is made all the same, as the host does).</summary>
    Task<bool> PoisonAsync(RunMessage message, CancellationToken cancellationToken);

    /// <summary>How many messages the queue holds, visible or not (leased, waiting for a retry or a delay).</summary>
    Task<int> WaitingAsync(CancellationToken cancellationToken);

    /// <summary>The bodies of up to <paramref name="max"/> visible messages (at most 32), oldest first, left where they are (for ops and tests).</summary>
    Task<IReadOnlyList<string>> PeekAsync(int max, CancellationToken cancellationToken);

    /// <summary>What the poison queue holds: its count and up to <paramref name="max"/> bodies, left where they are; none when it does not exist.</summary>
    Task<PoisonedRuns> PoisonedAsync(int max, CancellationToken cancellationToken);
}
