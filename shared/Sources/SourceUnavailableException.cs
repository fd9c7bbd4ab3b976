
namespace HubFeed.Sources;

/// <summary>The listing page cannot be had (after the retries the resilience pipeline made).</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
