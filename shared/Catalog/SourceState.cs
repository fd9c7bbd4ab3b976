using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace HubFeed.Catalog;

/// <summary>
/// A run that a guard held back, waiting for an operator: what held it and why, the listing it read (its fingerprint:
/// an acceptance applies to that listing only) and what it would have published.
/// </summary>
public sealed record HeldRun(string RunId, DateTimeOffset At, string Guard, string Reason)
{
    public string? Fingerprint { get; init; }
    public HeldChange? Change { get; init; }
}

/// <summary>
/// Per-source state, changed only with its ETag: the last good run (the guards' baseline), the run lease, the catalog's
/// version and the published version (they differ while a publish has failed), and a run a guard held.
/// </summary>
public sealed record SourceStateRow
{
    public string? LastGoodRunId { get; init; }
    public DateTimeOffset? LastGoodAt { get; init; }
    public int LastGoodCount { get; init; }
    /// <summary>The share of rows that had each field in the last good run (the coverage guard's baseline).</summary>
    public FieldCoverage? LastGoodCoverage { get; init; }

    public string? RunningRunId { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>The content hash of what the catalog would publish now (set after every ingest that wrote).</summary>
    public string? CatalogHash { get; init; }
    /// <summary>What the feeds show: a sequence that only moves forward, and the content hash it was published with.</summary>
    public long PublishedSequence { get; init; }
    public string? PublishedHash { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public int PublishedCount { get; init; }

    public HeldRun? Held { get; init; }

    /// <summary>True when the catalog holds something the feeds do not show yet (a publish failed or has not run).</summary>
    public bool PublishPending => CatalogHash is not null && CatalogHash != PublishedHash;
}

/// <summary>
/// An operator's go-ahead for one held change: the next run of the source applies it when it reads the same listing
/// (<see cref="Fingerprint"/>); a different change is held again. Never a blank cheque.
/// </summary>
public sealed record Acceptance(string By, DateTimeOffset At, string HeldRunId, string? Fingerprint);

/// <summary>What an operator accepted: the held run and what it would publish (accept shows it).</summary>
public sealed record AcceptedHold(string By, DateTimeOffset At, string HeldRunId, HeldRun Held);

/// <summary>The run of a source holds this lease; a second run is refused while it is held.</summary>
public sealed class RunLease
{
    internal RunLease(string source, string runId, ETag etag, SourceStateRow state)
    {
        Source = source;
        RunId = runId;
        ETag = etag;
        State = state;
    }

    public string Source { get; }
    public string RunId { get; }
    internal ETag ETag { get; set; }
    /// <summary>The state as this run last wrote or read it.</summary>
    public SourceStateRow State { get; internal set; }
}

/// <summary>Another run holds the source.</summary>
public sealed class RunInProgressException(string message) : Exception(message);

/// <summary>
/// The sourcestate table. Partition "source": one row per source, every change guarded by If-Match on its ETag.
/// Partition "accept": an operator's acceptance of a held change, a row of its own so that writing it never breaks the
/// ETag a running run holds.
/// </summary>
public sealed class SourceStateStore(StorageTables tables, TimeProvider clock)
{
    private const string Partition = "source";
    private const string AcceptPartition = "accept";

    /// <summary>How long a lease outlives a run that died without releasing it.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(15);

    public async Task<SourceStateRow> GetAsync(string source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, source, cancellationToken: cancellationToken);
        return existing.HasValue ? FromEntity(existing.Value!) : new SourceStateRow();
    }

    /// <summary>Every source's state, by source key.</summary>
    public async Task<IReadOnlyDictionary<string, SourceStateRow>> AllAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var all = new Dictionary<string, SourceStateRow>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            all[e.RowKey] = FromEntity(e);
        }
        return all;
    }

    /// <summary>Takes the source's lease or throws <see cref="RunInProgressException"/>.</summary>
    public async Task<RunLease> AcquireAsync(string source, string runId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var now = clock.GetUtcNow();
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, source, cancellationToken: cancellationToken);
        var state = existing.HasValue ? FromEntity(existing.Value!) : new SourceStateRow();
        if (state.RunningRunId is not null && state.LeaseUntil > now)
        {
            throw new RunInProgressException($"Run {state.RunningRunId} of {source} is in progress (lease until {state.LeaseUntil:O}).");
        }

        var taken = state with { RunningRunId = runId, LeaseUntil = now + LeaseDuration };
        try
        {
            var entity = ToEntity(source, taken);
            Response response = existing.HasValue
                ? await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(entity, cancellationToken);
            return new RunLease(source, runId, response.Headers.ETag ?? ETag.All, taken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new RunInProgressException($"Another run of {source} took the lease first.");
        }
        catch (RequestFailedException)
        {
            // The write may have landed with its answer lost: if the row names this run, the lease is ours.
            var lease = new RunLease(source, runId, ETag.All, taken);
            if (await RefreshAsync(lease, CancellationToken.None))
            {
                return lease;
            }
            throw;
        }
    }

    /// <summary>Changes the state under the lease (the lease stays taken, and is renewed).</summary>
    public async Task<SourceStateRow> UpdateAsync(RunLease lease, Func<SourceStateRow, SourceStateRow> change, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var next = change(lease.State) with { RunningRunId = lease.RunId, LeaseUntil = clock.GetUtcNow() + LeaseDuration };
            try
            {
                var response = await table.UpdateEntityAsync(ToEntity(lease.Source, next), lease.ETag, TableUpdateMode.Replace, cancellationToken);
                lease.ETag = response.Headers.ETag ?? ETag.All;
                lease.State = next;
                return next;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
            // An earlier write of this run may have landed after all (its answer lost): then carry on from what it wrote.
            if (attempt > 0 || !await RefreshAsync(lease, cancellationToken))
            {
                throw new RunInProgressException($"The lease of {lease.Source} was lost during run {lease.RunId}; nothing more of it was recorded.");
            }
        }
    }

    /// <summary>
    /// After a 412: true when the row still names this run as the lease holder (a write of ours landed but its answer
    /// was lost, e.g. to a cancellation), with the lease brought up to date; false when another run took the lease.
    /// </summary>
    private async Task<bool> RefreshAsync(RunLease lease, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, lease.Source, cancellationToken: cancellationToken);
        if (!current.HasValue || current.Value!.GetString("RunningRunId") != lease.RunId)
        {
            return false;
        }
        lease.ETag = current.Value.ETag;
        lease.State = FromEntity(current.Value);
        return true;
    }

    /// <summary>Gives the lease back, with a last change of the state (null: none).</summary>
    public async Task ReleaseAsync(RunLease lease, Func<SourceStateRow, SourceStateRow>? change, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var next = (change?.Invoke(lease.State) ?? lease.State) with { RunningRunId = null, LeaseUntil = null };
            try
            {
                await table.UpdateEntityAsync(ToEntity(lease.Source, next), lease.ETag, TableUpdateMode.Replace, cancellationToken);
                lease.State = next;
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
            // An earlier write of this run may have landed after all: then release from what it wrote. Otherwise the
            // lease expired and another run took it: that run owns the row now; ours must not overwrite it.
            if (attempt > 0 || !await RefreshAsync(lease, cancellationToken))
            {
                throw new RunInProgressException($"The lease of {lease.Source} was lost during run {lease.RunId}; its result was not recorded as the last good run.");
            }
        }
    }

    /// <summary>
    /// Records an operator's acceptance of the change held now (the next run applies exactly that change); with nothing
    /// held, writes nothing and returns null.
    /// </summary>
    public async Task<AcceptedHold?> AcceptAsync(string source, string by, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        if ((await GetAsync(source, cancellationToken)).Held is not { } held)
        {
            return null;
        }
        var acceptance = new Acceptance(by, clock.GetUtcNow(), held.RunId, held.Fingerprint);
        await table.UpsertEntityAsync(new TableEntity(AcceptPartition, source)
        {
            ["By"] = acceptance.By,
            ["At"] = acceptance.At,
            ["HeldRunId"] = acceptance.HeldRunId,
            ["Fingerprint"] = acceptance.Fingerprint,
        }, TableUpdateMode.Replace, cancellationToken);
        return new AcceptedHold(by, acceptance.At, held.RunId, held);
    }

    /// <summary>The pending acceptance of a source, if an operator gave one.</summary>
    public async Task<Acceptance?> AcceptanceAsync(string source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(AcceptPartition, source, cancellationToken: cancellationToken);
        return row.HasValue
            ? new Acceptance(row.Value!.GetString("By") ?? "", row.Value.GetDateTimeOffset("At") ?? default, row.Value.GetString("HeldRunId") ?? "", row.Value.GetString("Fingerprint"))
            : null;
    }

    /// <summary>Removes an acceptance once a run has applied it.</summary>
    public async Task ConsumeAcceptanceAsync(string source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        await table.DeleteEntityAsync(AcceptPartition, source, ETag.All, cancellationToken);
    }

    private const string IndexPartition = "index";

    /// <summary>
    /// Records that the index was asked for at <paramref name="at"/> (only ever moving forward), so that of the requests
    /// a fan-out leaves on the queue only the last one rebuilds it.
    /// </summary>
    public async Task RecordIndexRequestAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(IndexPartition, "latest", cancellationToken: cancellationToken);
            if (row.HasValue && row.Value!.GetDateTimeOffset("At") >= at)
            {
                return;
            }
            var entity = new TableEntity(IndexPartition, "latest") { ["At"] = at };
            try
            {
                if (row.HasValue)
                {
                    await table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                // Another publish asked at the same moment: read again; the later time wins.
            }
        }
    }

    /// <summary>When the index was last asked for, if ever.</summary>
    public async Task<DateTimeOffset?> LatestIndexRequestAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.SourceState, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(IndexPartition, "latest", cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("At") : null;
    }

    private static TableEntity ToEntity(string source, SourceStateRow s) => new(Partition, source)
    {
        ["LastGoodRunId"] = s.LastGoodRunId,
        ["LastGoodAt"] = s.LastGoodAt,
        ["LastGoodCount"] = s.LastGoodCount,
        ["LastGoodCoverage"] = s.LastGoodCoverage is null ? null : JsonSerializer.Serialize(s.LastGoodCoverage),
        ["RunningRunId"] = s.RunningRunId,
        ["LeaseUntil"] = s.LeaseUntil,
        ["CatalogHash"] = s.CatalogHash,
        ["PublishedSequence"] = s.PublishedSequence,
        ["PublishedHash"] = s.PublishedHash,
        ["PublishedAt"] = s.PublishedAt,
        ["PublishedCount"] = s.PublishedCount,
        ["Held"] = s.Held is null ? null : JsonSerializer.Serialize(s.Held),
    };

    private static SourceStateRow FromEntity(TableEntity e) => new()
    {
        LastGoodRunId = e.GetString("LastGoodRunId"),
        LastGoodAt = e.GetDateTimeOffset("LastGoodAt"),
        LastGoodCount = e.GetInt32("LastGoodCount") ?? 0,
        LastGoodCoverage = e.GetString("LastGoodCoverage") is { Length: > 0 } c ? JsonSerializer.Deserialize<FieldCoverage>(c) : null,
        RunningRunId = e.GetString("RunningRunId"),
        LeaseUntil = e.GetDateTimeOffset("LeaseUntil"),
        CatalogHash = e.GetString("CatalogHash"),
        PublishedSequence = e.GetInt64("PublishedSequence") ?? 0,
        PublishedHash = e.GetString("PublishedHash"),
        PublishedAt = e.GetDateTimeOffset("PublishedAt"),
        PublishedCount = e.GetInt32("PublishedCount") ?? 0,
        Held = e.GetString("Held") is { Length: > 0 } h ? JsonSerializer.Deserialize<HeldRun>(h) : null,
    };
}
