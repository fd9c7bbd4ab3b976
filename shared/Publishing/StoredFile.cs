namespace HubFeed.Publishing;

/// <summary>A published file's bytes, the generation that wrote it (long.MinValue when unknown) and its version (ETag).</summary>
public sealed record StoredFile(byte[] Content, long Generation, string Version);
