
namespace HubFeed.Sources;

/// <summary>The result of one conditional GET of a listing page.</summary>
public sealed record PageResponse(bool NotModified, string? Html, string? ETag, string? LastModified);
