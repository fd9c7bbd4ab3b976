namespace HubFeed.Pipeline;

/// <summary>A run queue message as received: its lease's <paramref name="Receipt"/> and how many times it was taken (this time included).</summary>
public sealed record RunMessage(string Id, string Receipt, string Body, long DequeueCount);
