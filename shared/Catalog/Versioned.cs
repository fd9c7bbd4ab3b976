namespace HubFeed.Catalog;

/// <summary>A stored value with the version a conditional write must name to replace it (its ETag in Table Storage).</summary>
public sealed record Versioned<T>(T Value, string Version);
