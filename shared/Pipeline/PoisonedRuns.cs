namespace HubFeed.Pipeline;

/// <summary>Run requests that failed every attempt (the poison queue).</summary>
public sealed record PoisonedRuns(int Count, IReadOnlyList<string> Messages);
