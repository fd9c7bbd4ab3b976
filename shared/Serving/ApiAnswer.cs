namespace HubFeed.Serving;

/// <summary>What the API answers; the HTTP adapter in functions/ (and `hubfeed serve`) turns it into a response.</summary>
public abstract record ApiAnswer
{
    /// <summary>A body with its media type and caching. <see cref="Version"/>: the published version it shows.</summary>
    public sealed record Content(byte[] Body, string MediaType, string CacheControl, string? ETag = null, string? Version = null) : ApiAnswer;

    public sealed record NotModified(string ETag, string? Version) : ApiAnswer;

    /// <summary>An RFC 9457 problem. <see cref="Errors"/> names the parameters at fault.</summary>
    public sealed record Problem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null, int? RetryAfterSeconds = null) : ApiAnswer;
}
