namespace HubFeed.Sources;

/// <summary>What the last fetch of a listing page returned: its validators and its parsed rows, so a 304 costs no parse.</summary>
public sealed record CachedPage(int PageNumber, string? ETag, string? LastModified, ListingPage Page);
