namespace HubFeed.Pipeline;

public sealed record RunReport(IReadOnlyList<SourceRunResult> Sources, string? IndexError = null)
{
    public bool Succeeded => Sources.All(s => s.Outcome is RunOutcome.Succeeded) && IndexError is null;
    public bool InProgressElsewhere => Sources.Any(s => s.InProgressElsewhere);
}
