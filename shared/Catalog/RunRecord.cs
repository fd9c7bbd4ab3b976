namespace HubFeed.Catalog;

/// <summary>What one run of one source did; one row in the runs table.</summary>
public sealed record RunRecord
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required RunTrigger Trigger { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    public RunStatus Status { get; init; } = RunStatus.Running;
    public int PagesFetched { get; init; }
    public int PagesNotModified { get; init; }
    /// <summary>What the listing says it holds ("of N").</summary>
    public int ItemsListed { get; init; }
    public int ItemsNew { get; init; }
    public int ItemsChanged { get; init; }
    public int ItemsUnchanged { get; init; }
    public int ItemsWithdrawn { get; init; }
    public int RowsWritten { get; init; }
    /// <summary>Active items after the run (what the feed holds).</summary>
    public int ItemsActive { get; init; }
    public int BlobsUploaded { get; init; }
    /// <summary>The published version after the run (what the feeds show).</summary>
    public string? Version { get; init; }
    public FieldCoverage? Coverage { get; init; }
    public IReadOnlyList<QuarantinedRow> Quarantined { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>
    /// Why the run did not succeed, as a code: the guard that refused it (count-drop, count-growth, coverage, quarantine)
    /// or the failure (markup-changed, incomplete-listing, source-unavailable, storage-unavailable, publish-failed,
    /// cancelled, internal-error). Shown to anyone; <see cref="Error"/> is for ops.
    /// </summary>
    public RunCause? Cause { get; init; }
    /// <summary>Why a run failed or was refused, in words meant for ops.</summary>
    public string? Error { get; init; }
    /// <summary>The operator who accepted the change this run applied, if one did.</summary>
    public string? AcceptedBy { get; init; }
}
