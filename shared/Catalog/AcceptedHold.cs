namespace HubFeed.Catalog;

/// <summary>What an operator accepted: the held run and what it would publish (accept shows it).</summary>
public sealed record AcceptedHold(string By, DateTimeOffset At, string HeldRunId, HeldRun Held);
