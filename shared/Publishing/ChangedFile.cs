namespace HubFeed.Publishing;

/// <summary>The answer of a conditional read: NotModified (no bytes, the version asked for), or the file's bytes and version.</summary>
public sealed record ChangedFile(bool NotModified, byte[]? Content, string Version);
