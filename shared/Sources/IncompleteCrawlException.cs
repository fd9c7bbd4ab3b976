
namespace HubFeed.Sources;

/// <summary>The listing could not be read completely and consistently.</summary>
public sealed class IncompleteCrawlException(string message) : Exception(message);
