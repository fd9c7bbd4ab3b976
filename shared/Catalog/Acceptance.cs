namespace HubFeed.Catalog;

/// <summary>
/// An operator's go-ahead for one held change: the next run of the source applies it when it reads the same listing
/// (<see cref="Fingerprint"/>); a different change is held again. Never a blank cheque.
/// </summary>
public sealed record Acceptance(string By, DateTimeOffset At, string HeldRunId, string? Fingerprint);
