
namespace HubFeed.Sources;

/// <summary>The page is not what the parser expects: the markup changed, or the response is not a listing.</summary>
public sealed class ListingFormatException(string message) : Exception(message);
