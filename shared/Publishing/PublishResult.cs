
namespace HubFeed.Publishing;

public sealed record PublishResult(int Uploaded, int Unchanged, int LostToNewer)
{
    public static readonly PublishResult Empty = new(0, 0, 0);

    /// <summary>The paths this publish wrote (what changed for readers: the WebSub topics come from these).</summary>
    public IReadOnlyList<string> Written { get; init; } = [];

    public static PublishResult operator +(PublishResult a, PublishResult b) =>
        new(a.Uploaded + b.Uploaded, a.Unchanged + b.Unchanged, a.LostToNewer + b.LostToNewer) { Written = [.. a.Written, .. b.Written] };
}
