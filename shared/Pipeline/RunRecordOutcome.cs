using HubFeed.Catalog;

namespace HubFeed.Pipeline;

/// <summary>The run record as an outcome leaves it.</summary>
public static class RunRecordOutcome
{
    public static RunRecord EndedWith(this RunRecord run, RunOutcome outcome, DateTimeOffset at) =>
        run with { Status = outcome.Status, Cause = outcome.Cause, Error = outcome.Error, Ended = at };
}
