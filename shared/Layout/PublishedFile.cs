using System.Security.Cryptography;

namespace HubFeed.Layout;

/// <summary>
/// A file to publish. <see cref="Immutable"/> files are named by their content (create-only, cached for a year);
/// the others are stable names that point at them, replaced on each publish (short cache).
/// </summary>
public sealed record PublishedFile(string Path, byte[] Content, string ContentType, bool Immutable = false)
{
    public string Hash { get; } = HashOf(Content);

    /// <summary>The content hash in immutable names: the first 12 hex digits of SHA-256.</summary>
    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];
}
