using System.Globalization;

namespace HubFeed.Rendering;

/// <summary>
/// Which publish a file belongs to: a sequence that only moves forward (kept in the source state row) and the hash of
/// what is published. Any change of the published content (an item added, withdrawn, reordered or edited) changes the
/// hash and takes the next sequence; the same content keeps its version.
/// </summary>
public sealed record PublishVersion(long Sequence, string ContentHash, DateTimeOffset At)
{
    public static readonly PublishVersion None = new(0, "", DateTimeOffset.UnixEpoch);

    public override string ToString() => ContentHash.Length == 0
        ? Sequence.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Sequence}-{ContentHash[..Math.Min(12, ContentHash.Length)]}");
}
