
namespace HubFeed.Publishing;

/// <summary>The published feed is not what this version of HubFeed writes (a page missing, or not a HubFeed feed).</summary>
public sealed class PublishedFeedException(string message) : Exception(message);
