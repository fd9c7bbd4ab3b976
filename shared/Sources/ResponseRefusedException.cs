
namespace HubFeed.Sources;

/// <summary>A response that must not be retried: over the size cap, or redirected off the source's host.</summary>
public sealed class ResponseRefusedException(string message) : Exception(message);
