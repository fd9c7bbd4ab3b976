using HubFeed.Catalog;

namespace HubFeed.Pipeline;

/// <summary>One source's run as a trigger reports it: the record written to the runs table and how it ended.</summary>
public sealed record SourceRunResult(RunRecord Run, RunOutcome Outcome)
{
    public bool InProgressElsewhere => Outcome is RunOutcome.Skipped;
    /// <summary>The feeds changed (the index should follow).</summary>
    public bool Published => Outcome is RunOutcome.Succeeded { Published: true };
}
