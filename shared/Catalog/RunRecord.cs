namespace HubFeed.Catalog;

public enum RunTrigger { Timer, Http, Cli }

public enum RunStatus { Running, Succeeded, Failed, Refused }

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
    public int ItemsListed { get; init; }
    public int ItemsNew { get; init; }
    public int ItemsChanged { get; init; }
    public int ItemsUnchanged { get; init; }
    public int ItemsWithdrawn { get; init; }
    public int RowsWritten { get; init; }
    /// <summary>Active items after the run (what the feed holds).</summary>
    public int ItemsActive { get; init; }
    public int BlobsUploaded { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Why a run failed or was refused.</summary>
    public string? Error { get; init; }
}
