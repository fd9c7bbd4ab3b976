namespace HubFeed.Publishing;

/// <summary>What is known of a published file without its bytes: its content hash (null when not written by a publish), the generation that wrote it and its version (ETag).</summary>
public sealed record StoredFileInfo(string? Hash, long Generation, string Version);
