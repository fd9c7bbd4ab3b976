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
