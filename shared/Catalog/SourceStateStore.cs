namespace HubFeed.Catalog;

/// <summary>
/// The per-source state's rules over any <see cref="ISourceStateStorage"/>: the run lease (every change names the version
/// it read, so two runs never both write), an operator's acceptance of a held change, and the index clock.
/// </summary>
public sealed class SourceStateStore(ISourceStateStorage storage, TimeProvider clock)
{
    public async Task<SourceStateRow> GetAsync(string source, CancellationToken cancellationToken) =>
        (await storage.ReadAsync(source, cancellationToken))?.Value ?? new SourceStateRow();

    /// <summary>Every source's state, by source key.</summary>
    public Task<IReadOnlyDictionary<string, SourceStateRow>> AllAsync(CancellationToken cancellationToken) => storage.ReadAllAsync(cancellationToken);

    /// <summary>Takes the source's lease or throws <see cref="RunInProgressException"/>.</summary>
    public async Task<RunLease> AcquireAsync(string source, string runId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await storage.ReadAsync(source, cancellationToken);
        var state = existing?.Value ?? new SourceStateRow();
        if (state.RunningRunId is not null && state.LeaseUntil > now)
        {
            throw new RunInProgressException($"Run {state.RunningRunId} of {source} is in progress (lease until {state.LeaseUntil:O}).");
        }

        var taken = state with { RunningRunId = runId, LeaseUntil = now + RunLease.Duration };
        string? version;
        try
        {
            version = await storage.TryWriteAsync(source, taken, existing?.Version, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The write may have landed with its answer lost: if the row names this run, the lease is ours.
            var lease = new RunLease(source, runId, RunLease.AnyVersion, taken);
            if (await RefreshAsync(lease, CancellationToken.None))
            {
                return lease;
            }
            throw;
        }
        return version is null
            ? throw new RunInProgressException($"Another run of {source} took the lease first.")
            : new RunLease(source, runId, version, taken);
    }

    /// <summary>Changes the state under the lease (the lease stays taken, and is renewed).</summary>
    public Task<SourceStateRow> UpdateAsync(RunLease lease, Func<SourceStateRow, SourceStateRow> change, CancellationToken cancellationToken) =>
        WriteUnderLeaseAsync(lease, s => change(s) with { RunningRunId = lease.RunId, LeaseUntil = clock.GetUtcNow() + RunLease.Duration },
            $"The lease of {lease.Source} was lost during run {lease.RunId}; nothing more of it was recorded.", cancellationToken);

    /// <summary>Gives the lease back, with a last change of the state (null: none).</summary>
    public Task ReleaseAsync(RunLease lease, Func<SourceStateRow, SourceStateRow>? change, CancellationToken cancellationToken) =>
        WriteUnderLeaseAsync(lease, s => (change?.Invoke(s) ?? s) with { RunningRunId = null, LeaseUntil = null },
            $"The lease of {lease.Source} was lost during run {lease.RunId}; its result was not recorded as the last good run.", cancellationToken);

    /// <summary>
    /// Writes <paramref name="next"/> of the lease's state on the version the lease holds. When that write loses, an
    /// earlier write of this run may have landed after all (its answer lost): then it carries on from what that wrote,
    /// once. Otherwise the lease expired and another run took it: that run owns the row now, and ours must not
    /// overwrite it.
    /// </summary>
    private async Task<SourceStateRow> WriteUnderLeaseAsync(RunLease lease, Func<SourceStateRow, SourceStateRow> next, string lost, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var state = next(lease.State);
            if (await storage.TryWriteAsync(lease.Source, state, lease.Version, cancellationToken) is { } version)
            {
                lease.Version = version;
                lease.State = state;
                return state;
            }
            if (attempt > 0 || !await RefreshAsync(lease, cancellationToken))
            {
                throw new RunInProgressException(lost);
            }
        }
    }

    /// <summary>
    /// After a lost write: true when the row still names this run as the lease holder (a write of ours landed but its
    /// answer was lost, e.g. to a cancellation), with the lease brought up to date; false when another run took the lease.
    /// </summary>
    private async Task<bool> RefreshAsync(RunLease lease, CancellationToken cancellationToken)
    {
        if (await storage.ReadAsync(lease.Source, cancellationToken) is not { } current || current.Value.RunningRunId != lease.RunId)
        {
            return false;
        }
        lease.Version = current.Version;
        lease.State = current.Value;
        return true;
    }

    /// <summary>
    /// Records an operator's acceptance of the change held now (the next run applies exactly that change); with nothing
    /// held, writes nothing and returns null.
    /// </summary>
    public async Task<AcceptedHold?> AcceptAsync(string source, string by, CancellationToken cancellationToken)
    {
        if ((await GetAsync(source, cancellationToken)).Held is not { } held)
        {
            return null;
        }
        var acceptance = new Acceptance(by, clock.GetUtcNow(), held.RunId, held.Fingerprint);
        await storage.SaveAcceptanceAsync(source, acceptance, cancellationToken);
        return new AcceptedHold(by, acceptance.At, held.RunId, held);
    }

    /// <summary>The pending acceptance of a source, if an operator gave one.</summary>
    public Task<Acceptance?> AcceptanceAsync(string source, CancellationToken cancellationToken) => storage.ReadAcceptanceAsync(source, cancellationToken);

    /// <summary>Removes an acceptance once a run has applied it.</summary>
    public Task ConsumeAcceptanceAsync(string source, CancellationToken cancellationToken) => storage.DeleteAcceptanceAsync(source, cancellationToken);

    /// <summary>
    /// Records that the index was asked for at <paramref name="at"/> (only ever moving forward), so that of the requests
    /// a fan-out leaves on the queue only the last one rebuilds it.
    /// </summary>
    public async Task RecordIndexRequestAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var clockRow = await storage.ReadIndexClockAsync(cancellationToken);
            if (clockRow is not null && clockRow.Value >= at)
            {
                return;
            }
            // Another publish may ask at the same moment: then read again; the later time wins.
            if (await storage.TryWriteIndexClockAsync(at, clockRow?.Version, cancellationToken))
            {
                return;
            }
            if (attempt >= 5)
            {
                throw new InvalidOperationException("The index clock kept changing under this write; six attempts lost.");
            }
        }
    }

    /// <summary>When the index was last asked for, if ever.</summary>
    public async Task<DateTimeOffset?> LatestIndexRequestAsync(CancellationToken cancellationToken) =>
        (await storage.ReadIndexClockAsync(cancellationToken))?.Value;
}
