namespace HubFeed.Catalog;

/// <summary>Another run holds the source.</summary>
public sealed class RunInProgressException(string message) : Exception(message);
