using HubFeed.Catalog;

namespace HubFeed.Pipeline;

/// <summary>
/// One run as health and status show it. <see cref="Reason"/> is in HubFeed's own words (a guard's finding, or the
/// failure's kind); <see cref="Detail"/>, the exception text and warnings, only reaches ops (status, keyed calls).
/// </summary>
public sealed record RunSummary(
    string Id,
    RunTrigger Trigger,
    RunStatus Status,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    int ItemsListed,
    int ItemsActive,
    int ItemsNew,
    int ItemsChanged,
    int ItemsWithdrawn,
    string? Version,
    RunCause? Cause,
    string? Reason,
    IReadOnlyList<QuarantinedRow> Quarantined,
    FieldCoverage? Coverage,
    string? AcceptedBy,
    string? Detail = null,
    IReadOnlyList<string>? Warnings = null)
{
    public static RunSummary Of(RunRecord r, bool detail) => new(r.Id, r.Trigger, r.Status, r.Started, r.Ended, r.ItemsListed, r.ItemsActive,
        r.ItemsNew, r.ItemsChanged, r.ItemsWithdrawn, r.Version, r.Cause, RunOutcome.Of(r)?.PublicReason,
        r.Quarantined, r.Coverage, r.AcceptedBy, detail ? r.Error : null, detail ? r.Warnings : null);
}
